package reputation

import (
	"errors"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// requireRel fails unless got is within rel (relative) of want.
func requireRel(tb testing.TB, name string, got decimal.Decimal, want string, rel string) {
	tb.Helper()
	g, err := dec.FromDecimal(got)
	if err != nil {
		tb.Fatal(err)
	}
	w := dec.MustParse(want)
	if r := fixture.RelErr(g, w); r.Cmp(dec.MustParse(rel)) > 0 {
		tb.Errorf("%s = %s, want %s (rel %s > %s)", name, g, want, r, rel)
	}
}

// twoCoordinateReports builds reports whose loss vectors are (Combined,
// Naive) = x[m] (K = 2).
func twoCoordinateReports(stakes []int64, x [][2]string) []loss.Report {
	out := make([]loss.Report, len(stakes))
	for m := range stakes {
		out[m] = loss.Report{
			Reputer: string(rune('a' + m)),
			Stake:   decimal.NewFromInt(stakes[m]),
			Losses:  loss.Bundle{Combined: d(x[m][0]), Naive: d(x[m][1])},
		}
	}
	return out
}

// TestGoldenB3 is spec Appendix B.3, a synthetic case computed by the spec
// authors' float64 re-implementation (hence 1e-9 relative): S = [100, 200,
// 300], x = [[−2.0, −3.0], [−2.2, −2.9], [−1.5, −3.5]], a⁰ = [1, 1, 1],
// defaults.
func TestGoldenB3(t *testing.T) {
	reports := twoCoordinateReports([]int64{100, 200, 300}, [][2]string{{"-2.0", "-3.0"}, {"-2.2", "-2.9"}, {"-1.5", "-3.5"}})
	p := DefaultParamsV6()
	cp, in, _, err := prepareReputers(reports, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	// At a⁰ (B.3 first line).
	scores, shat, err := allScoresDirect(cp, in, in.a0)
	if err != nil {
		t.Fatal(err)
	}
	for m, want := range []string{"0.5", "1", "1"} {
		requireRel(t, "Ŝ(a⁰)", shat[m].Decimal(), want, "0")
	}
	for m, want := range []string{"15.52967947717888", "8.187748995895461", "6.726078157346178"} {
		requireRel(t, "T(a⁰)", scores[m].Decimal(), want, "1e-9")
	}
	// After the ascent (B.3 second line).
	res, err := ScoreReputers(reports, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Iterations != 10 {
		t.Errorf("iterations = %d, want 10", res.Iterations)
	}
	wantT := []string{"15.54780902304283", "8.19251886884063", "6.722495554344035"}
	wantA := []string{"1", "0.9938141409543957", "0.9884217722661062"}
	for m, r := range res.Reputers {
		requireRel(t, "T "+r.Reputer, r.Score, wantT[m], "1e-9")
		requireRel(t, "a "+r.Reputer, r.ListeningCoefficient, wantA[m], "1e-9")
	}
}

// TestGoldenB2 is spec Appendix B.2: epoch 301 from epoch 300's
// coefficients, with the stakes (ALLO, ×1e18) and expected values as
// printed in the spec (11–12 significant digits) and the reported losses of
// row 301 of inference_oct2024.csv.
func TestGoldenB2(t *testing.T) {
	tab := fixture.Require(t, fixture.InferenceOct2024)
	s := fxShape(t, tab)
	row, ok := tab.Epoch(301)
	if !ok {
		t.Fatal("no row 301")
	}
	reports := fxReports(t, row, s)
	stakes := []string{"400892.4382357018", "468430.20242022973", "310236.019174357", "284850.61553561775", "370812.42843387846"}
	a0 := []string{"0.9896551115825039", "0.988147604241534", "0.28392441823862824", "0.36823038501849115", "0.9904923117780675"}
	var coefs []loss.Value
	for m := range reports {
		reports[m].Stake = d(stakes[m]).Shift(18).Floor()
		coefs = append(coefs, loss.Value{ID: reports[m].Reputer, Value: d(a0[m])})
	}
	res, err := ScoreReputers(reports, coefs, DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	wantT := []string{"27.867576178", "39.003758378", "20.157637253", "22.172021091", "29.903803626"}
	wantA := []string{"0.989178450718", "0.987590548484", "0.287374113055", "0.369459288808", "0.990051448655"}
	for m, r := range res.Reputers {
		requireRel(t, "T", r.Score, wantT[m], "5e-11")                // half a unit of the 11th digit
		requireRel(t, "a", r.ListeningCoefficient, wantA[m], "5e-12") // half a unit of the 12th digit
	}
	if res.Iterations != 10 {
		t.Errorf("iterations = %d, want 10 (B.2: all 10 iterations run)", res.Iterations)
	}
}

// TestGoldenB5 is spec Appendix B.5, the reference chain's liveness-penalty
// test vector: α = 0.1, Ē₀ = 200, Ē = 300, last = 55, EpochLastEnded =
// 100, L_e = 10 → M = 4 → 0.9^4·300 + (1 − 0.9^4)·200 = 196.83 + 68.78 =
// 265.61 (exact).
func TestGoldenB5(t *testing.T) {
	p := DefaultParams()
	e := Epochs{EpochLastEnded: 100, EpochLength: 10}
	m, err := MissedEpochs(Inferer, 55, e)
	if err != nil || m != 4 {
		t.Fatalf("MissedEpochs = %d, %v; want 4", m, err)
	}
	v, err := NCalcEMA(d("200"), d("300"), 4, p)
	if err != nil || !v.Equal(d("265.61")) {
		t.Fatalf("NCalcEMA = %s, %v; want 265.61", v, err)
	}
	r, err := LivenessPenalty(Inferer, EMAScore{ID: "w", Score: d("300"), BlockHeight: 55}, d("200"), e, p)
	if err != nil || !r.Score.Equal(d("265.61")) || r.BlockHeight != 55 {
		t.Fatalf("LivenessPenalty = %+v, %v", r, err)
	}
	// Reputers start GroundTruthLag earlier: start = 100 − 10 − 20 = 70,
	// M = ⌊(70 − 1 − 55)/10⌋ + 1 = 2.
	if m, _ := MissedEpochs(Reputer, 55, Epochs{EpochLastEnded: 100, EpochLength: 10, GroundTruthLag: 20}); m != 2 {
		t.Errorf("reputer MissedEpochs = %d, want 2", m)
	}
	if _, err := MissedEpochs(Inferer, 55, Epochs{EpochLastEnded: 100}); !errors.Is(err, ErrEpochs) {
		t.Errorf("zero epoch length: %v", err)
	}
}

// TestGoldenB6 is spec Appendix B.6: the quantile at q = 0.2 of sortition
// row 300's five drawn metrics (exact values read from the fixture): P =
// 0.8·4 = 3.2, so v[3] + 0.2·(v[4] − v[3]) of the descending order →
// quality_percentile 0.1255336081888135.
func TestGoldenB6(t *testing.T) {
	tab := fixture.Require(t, fixture.Sortition)
	row, ok := tab.Epoch(300)
	if !ok {
		t.Fatal("no row 300")
	}
	var metrics []decimal.Decimal
	for i := 0; i < 8; i++ {
		if row.Str(spCol(i, "active")) == "true" {
			metrics = append(metrics, row.MustDec(t, spCol(i, "quality_metric")).Decimal())
		}
	}
	got, err := TopicQuantile(metrics, d("0.2"), DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	requireRel(t, "quantile", got, "0.1255336081888135", "1e-15")
}

// TestWorkerScoresHandWorked checks §4/§5 on a hand-worked bundle:
// ℓ = −4, ℓ⁻ = −3.5; one-out inferers a: −3.9, b: −4.2; forecasters f, g
// with one-out −3.8, −4.1 and one-in −3.6, −3.4 (n = 2, f⁺ = 1/2):
//
//	T_a = −3.9 + 4 = 0.1, T_b = −0.2
//	T_f = 0.5·(−3.5 + 3.6) + 0.5·(−3.8 + 4) = 0.05 + 0.1 = 0.15
//	T_g = 0.5·(−3.5 + 3.4) + 0.5·(−4.1 + 4) = −0.05 − 0.05 = −0.1
//	T^f = −3.5 + 4 = 0.5
func TestWorkerScoresHandWorked(t *testing.T) {
	nl := loss.Bundle{
		Combined: d("-4"), Naive: d("-3.5"),
		Inferers:          []loss.Value{{ID: "b", Value: d("-4.4")}, {ID: "a", Value: d("-4.1")}},
		OneOutInferers:    []loss.Value{{ID: "b", Value: d("-4.2")}, {ID: "a", Value: d("-3.9")}},
		Forecasters:       []loss.Value{{ID: "g", Value: d("-3")}, {ID: "f", Value: d("-3")}},
		OneOutForecasters: []loss.Value{{ID: "g", Value: d("-4.1")}, {ID: "f", Value: d("-3.8")}},
		OneInForecasters:  []loss.Value{{ID: "f", Value: d("-3.6")}, {ID: "g", Value: d("-3.4")}},
	}
	ws, err := ScoreWorkers(nl, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	check := func(got []loss.Value, want map[string]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("got %v", got)
		}
		for _, v := range got {
			if !v.Value.Equal(d(want[v.ID])) {
				t.Errorf("%s = %s, want %s", v.ID, v.Value, want[v.ID])
			}
		}
	}
	check(ws.Inferers.Scores, map[string]string{"a": "0.1", "b": "-0.2"})
	check(ws.Forecasters.Scores, map[string]string{"f": "0.15", "g": "-0.1"})
	if ws.Inferers.Scores[0].ID != "a" || ws.Forecasters.Scores[0].ID != "f" {
		t.Errorf("not sorted by id: %v %v", ws.Inferers.Scores, ws.Forecasters.Scores)
	}
	if !ws.ForecastTask.Equal(d("0.5")) {
		t.Errorf("T^f = %s", ws.ForecastTask)
	}
	// Single inferer and single forecaster: score 0, Single set (4.2).
	one := loss.Bundle{Combined: d("-4"), Inferers: []loss.Value{{ID: "a", Value: d("-4")}},
		OneOutInferers: []loss.Value{{ID: "a", Value: d("-3")}},
		Forecasters:    []loss.Value{{ID: "f", Value: d("-4")}}, OneInForecasters: []loss.Value{{ID: "f", Value: d("-1")}}}
	ws, err = ScoreWorkers(one, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if !ws.Inferers.Single || !ws.Forecasters.Single || !ws.Inferers.Scores[0].Value.IsZero() || !ws.Forecasters.Scores[0].Value.IsZero() {
		t.Errorf("single rule: %+v", ws)
	}
	// Pairing: a one-in forecaster without a one-out entry.
	bad := nl
	bad.OneInForecasters = []loss.Value{{ID: "f", Value: d("-3.6")}, {ID: "h", Value: d("-3.4")}}
	if _, err := ForecasterScores(bad, DefaultParams()); !errors.Is(err, ErrPairing) {
		t.Errorf("by-id pairing of mismatched lists: %v", err)
	}
	pp := DefaultParams()
	pp.ForecasterPairing = PairByPosition
	cs, err := ForecasterScores(bad, pp)
	if err != nil {
		t.Fatal(err)
	}
	// By position h (second one-in) pairs with g (second one-out):
	// 0.5·(−3.5 + 3.4) + 0.5·(−4.1 + 4) = −0.1.
	check(cs.Scores, map[string]string{"f": "0.15", "h": "-0.1"})
}
