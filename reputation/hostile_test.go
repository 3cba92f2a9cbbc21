package reputation

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func simpleReport(id string, stake int64, combined string) loss.Report {
	return loss.Report{Reputer: id, Stake: decimal.NewFromInt(stake), Losses: loss.Bundle{
		Combined: d(combined), Naive: d("-3"),
		Inferers: []loss.Value{{ID: "w", Value: d("-2")}},
	}}
}

// TestHostileReputerInputs: invalid inputs give typed errors, degenerate
// ones defined results.
func TestHostileReputerInputs(t *testing.T) {
	v6, nw := DefaultParamsV6(), DefaultParams()
	good := []loss.Report{simpleReport("a", 100, "-2"), simpleReport("b", 200, "-2.5")}
	for _, tc := range []struct {
		name    string
		reports []loss.Report
		coefs   []loss.Value
		want    error
	}{
		{"no reports", nil, nil, ErrEmpty},
		{"zero stake", []loss.Report{simpleReport("a", 0, "-2")}, nil, ErrStake},
		{"negative stake", []loss.Report{simpleReport("a", -5, "-2")}, nil, ErrStake},
		{"fractional stake", []loss.Report{{Reputer: "a", Stake: d("1.5")}}, nil, ErrStake},
		{"empty reputer", []loss.Report{simpleReport("", 1, "-2")}, nil, ErrEmptyID},
		{"duplicate reputer", []loss.Report{simpleReport("a", 1, "-2"), simpleReport("a", 2, "-3")}, nil, ErrDuplicateID},
		{"duplicate worker", []loss.Report{{Reputer: "a", Stake: d("1"), Losses: loss.Bundle{Inferers: []loss.Value{{ID: "w"}, {ID: "w"}}}}}, nil, ErrDuplicateID},
		{"empty worker", []loss.Report{{Reputer: "a", Stake: d("1"), Losses: loss.Bundle{Inferers: []loss.Value{{ID: ""}}}}}, nil, ErrEmptyID},
		{"duplicate pair", []loss.Report{{Reputer: "a", Stake: d("1"), Losses: loss.Bundle{OneOutInfererForecasters: []loss.PairValue{{Forecaster: "f", Inferer: "i"}, {Forecaster: "f", Inferer: "i"}}}}}, nil, ErrDuplicateID},
		{"duplicate coefficient", good, []loss.Value{{ID: "a", Value: d("1")}, {ID: "a", Value: d("1")}}, ErrDuplicateID},
		{"empty coefficient id", good, []loss.Value{{ID: "", Value: d("1")}}, ErrEmptyID},
		{"all coefficients zero (V6)", good, []loss.Value{{ID: "a"}, {ID: "b"}}, ErrZeroListenedStake},
		{"out-of-range loss", []loss.Report{simpleReport("a", 1, "1e500")}, nil, ErrInvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ScoreReputers(tc.reports, tc.coefs, v6); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	// NEWEST raises all-zero coefficients to ε_R (#683).
	res, err := ScoreReputers(good, []loss.Value{{ID: "a"}, {ID: "b"}}, nw)
	if err != nil {
		t.Fatal(err)
	}
	if res.Iterations == 0 {
		t.Fatal("no iteration")
	}
}

// TestHostileOneReputer: a single reputer is its own consensus: T = 1/ε_R
// = 100, and its coefficient does not move (Φ does not depend on it).
func TestHostileOneReputer(t *testing.T) {
	for _, p := range []Params{DefaultParamsV6(), DefaultParams()} {
		res, err := ScoreReputers([]loss.Report{simpleReport("a", 7, "-2.123456789")}, []loss.Value{{ID: "a", Value: d("0.7")}}, p)
		if err != nil {
			t.Fatal(err)
		}
		r := res.Reputers[0]
		if !r.Score.Equal(d("100")) || !r.ListeningCoefficient.Equal(d("0.7")) || !r.AdjustedStake.Equal(d("1")) || res.Iterations != 1 {
			t.Fatalf("%s: %+v", p.RuleSet, res)
		}
	}
	// A single reputer with coefficient 0: V6 divides by Σ a·S = 0; NEWEST
	// raises the coefficient to ε_R.
	if _, err := ScoreReputers([]loss.Report{simpleReport("a", 7, "-2")}, []loss.Value{{ID: "a"}}, DefaultParamsV6()); !errors.Is(err, ErrZeroListenedStake) {
		t.Fatalf("V6: %v", err)
	}
	res, err := ScoreReputers([]loss.Report{simpleReport("a", 7, "-2")}, []loss.Value{{ID: "a"}}, DefaultParams())
	if err != nil || !res.Reputers[0].ListeningCoefficient.Equal(d("0.01")) || !res.Reputers[0].Score.Equal(d("100")) {
		t.Fatalf("NEWEST: %+v %v", res, err)
	}
}

// TestHostileIdenticalReputers: identical reports and stakes give identical
// scores (the consensus differs from the common vector only by the
// truncations of (6.2)).
func TestHostileIdenticalReputers(t *testing.T) {
	var reports []loss.Report
	for m := 0; m < 7; m++ {
		reports = append(reports, simpleReport(fmt.Sprintf("r%d", m), 1000, "-2.718281828459045"))
	}
	res, err := ScoreReputers(reports, nil, DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Reputers {
		if !r.Score.Equal(res.Reputers[0].Score) || !r.ListeningCoefficient.Equal(d("1")) || r.Score.LessThan(d("99.99")) || r.Score.GreaterThan(d("100")) {
			t.Fatalf("%+v", res)
		}
	}
}

// TestHostileUnknownWorkers: a worker reported by one reputer only is
// completed as missing for the others (§3.1) and scored; if that reputer's
// adjusted stake becomes 0 the reference divides 0 by 0 (6.2).
func TestHostileUnknownWorkers(t *testing.T) {
	reports := []loss.Report{simpleReport("a", 100, "-2"), simpleReport("b", 100, "-2.2")}
	reports[1].Losses.Inferers = append(reports[1].Losses.Inferers, loss.Value{ID: "stranger", Value: d("-9")})
	lv, err := CompleteLosses(reports)
	if err != nil {
		t.Fatal(err)
	}
	// Layout: combined, naive, inferers "stranger", "w" (id order).
	if len(lv.Layout) != 4 || lv.Layout[2].Worker != "stranger" || !lv.Entries[0][2].Missing || lv.Entries[1][2].Missing {
		t.Fatalf("layout %v entries %v", lv.Layout, lv.Entries)
	}
	if _, err := ScoreReputers(reports, nil, DefaultParams()); err != nil {
		t.Fatal(err)
	}
	_, err = ScoreReputers(reports, []loss.Value{{ID: "a", Value: d("1")}, {ID: "b"}}, DefaultParamsV6())
	if !errors.Is(err, ErrZeroConsensusWeight) {
		t.Fatalf("got %v", err)
	}
	// Worker scores: a one-in forecaster unknown to the one-out list.
	nl := loss.Bundle{Forecasters: []loss.Value{{ID: "f"}, {ID: "g"}}, OneOutForecasters: []loss.Value{{ID: "f"}, {ID: "g"}},
		OneInForecasters: []loss.Value{{ID: "f"}, {ID: "x"}}}
	if _, err := ForecasterScores(nl, DefaultParams()); !errors.Is(err, ErrPairing) {
		t.Fatalf("got %v", err)
	}
}

// TestHostileSizes: 10^4 reputers, too many coordinates and too much
// ascent work are rejected before any arithmetic, in bounded time.
func TestHostileSizes(t *testing.T) {
	start := time.Now()
	many := make([]loss.Report, 10_000)
	for i := range many {
		many[i] = simpleReport(fmt.Sprintf("r%05d", i), 1, "-2")
	}
	if _, err := ScoreReputers(many, nil, DefaultParams()); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("10^4 reputers: %v", err)
	}
	wide := []loss.Report{{Reputer: "a", Stake: d("1")}}
	for j := 0; j < MaxCoordinates; j++ {
		wide[0].Losses.Inferers = append(wide[0].Losses.Inferers, loss.Value{ID: fmt.Sprintf("w%06d", j)})
	}
	if _, err := ScoreReputers(wide, nil, DefaultParams()); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("too many coordinates: %v", err)
	}
	work := make([]loss.Report, 800)
	for i := range work {
		work[i] = simpleReport(fmt.Sprintf("r%05d", i), 1, "-2")
	}
	if _, err := ScoreReputers(work, nil, DefaultParams()); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("800 reputers × 3 coordinates × 10 iterations: %v", err)
	}
	cands := make([]loss.Value, 10_000)
	for i := range cands {
		cands[i] = loss.Value{ID: fmt.Sprintf("c%05d", i), Value: decimal.NewFromInt(int64(i % 17))}
	}
	top, err := SelectTop(32, cands)
	if err != nil || len(top) != 32 {
		t.Fatalf("SelectTop: %v", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Fatalf("took %v", el)
	}
}

// TestHostileParams: every field out of range is ErrInvalidParams.
func TestHostileParams(t *testing.T) {
	for _, mut := range []func(*Params){
		func(p *Params) { p.RuleSet = "v5" },
		func(p *Params) { p.LearningRate = d("0") },
		func(p *Params) { p.LearningRate = d("1") },
		func(p *Params) { p.GradientDescentMaxIters = 0 },
		func(p *Params) { p.GradientDescentMaxIters = MaxGradientIters + 1 },
		func(p *Params) { p.MaxGradientThreshold = d("1") },
		func(p *Params) { p.MinStakeFraction = d("1.01") },
		func(p *Params) { p.EpsilonReputer = d("0") },
		func(p *Params) { p.EpsilonSafeDiv = d("-1") },
		func(p *Params) { p.MeritSortitionAlpha = d("1") },
		func(p *Params) { p.ActiveReputerQuantile = d("-0.1") },
		func(p *Params) { p.LambdaInitialScore = d("-2") },
		func(p *Params) { p.InitialScoreSpread = "iqr" },
		func(p *Params) { p.ForecasterPairing = "random" },
		func(p *Params) { p.MaxTopInferersToReward = 0 },
		func(p *Params) { p.Digits = 101 },
		func(p *Params) { p.Rounding = "sideways" },
		func(p *Params) { p.LearningRate = d("1e999") },
		func(p *Params) { p.ListeningEvaluation = "fast" },
	} {
		p := DefaultParams()
		mut(&p)
		if err := p.Validate(); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("%+v: %v", p, err)
		}
	}
	if err := DefaultParams().Validate(); err != nil {
		t.Fatal(err)
	}
	if err := DefaultParamsV6().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestHostileSortition: admission and selection errors.
func TestHostileSortition(t *testing.T) {
	p := DefaultParamsV6()
	p.MaxTopInferersToReward = 2
	base := Submission{Class: Inferer, Actor: "x", Nonce: 10, Set: ActiveSet{Members: []string{"a", "b"}}}
	for _, tc := range []struct {
		name string
		mut  func(*Submission)
		want error
	}{
		{"already active", func(s *Submission) { s.Actor = "a" }, ErrAlreadyActive},
		{"updated this window", func(s *Submission) { s.EMAs = []EMAScore{{ID: "x", Score: d("1"), BlockHeight: 10}} }, ErrEMAAlreadyUpdated},
		{"empty actor", func(s *Submission) { s.Actor = "" }, ErrEmptyID},
		{"duplicate member", func(s *Submission) { s.Set.Members = []string{"a", "a"} }, ErrDuplicateID},
		{"duplicate record", func(s *Submission) { s.EMAs = []EMAScore{{ID: "a"}, {ID: "a"}} }, ErrDuplicateID},
		{"negative height", func(s *Submission) { s.EMAs = []EMAScore{{ID: "a", BlockHeight: -1}} }, ErrInvalidValue},
		{"zero nonce", func(s *Submission) { s.Nonce = 0 }, ErrInvalidValue},
		{"bad class", func(s *Submission) { s.Class = 7 }, ErrInvalidParams},
	} {
		s := base
		tc.mut(&s)
		if _, err := Admit(s, p); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	// NEWEST: a full set with a cached lowest actor that is not a member.
	pn := DefaultParams()
	pn.MaxTopInferersToReward = 2
	s := base
	s.Set.Lowest = &EMAScore{ID: "gone", Score: d("-5"), BlockHeight: 3}
	s.EMAs = []EMAScore{{ID: "x", Score: d("1"), BlockHeight: 5}}
	s.Epochs = Epochs{EpochLastEnded: 9, EpochLength: 1}
	if _, err := Admit(s, pn); !errors.Is(err, ErrLowestNotActive) {
		t.Errorf("NEWEST stale cache: %v", err)
	}
	if _, err := SelectTop(-1, nil); !errors.Is(err, ErrInvalidParams) {
		t.Error(err)
	}
	if _, err := SelectTop(1, []loss.Value{{ID: "a"}, {ID: "a"}}); !errors.Is(err, ErrDuplicateID) {
		t.Error(err)
	}
	if _, err := SelectTop(1, []loss.Value{{ID: ""}}); !errors.Is(err, ErrEmptyID) {
		t.Error(err)
	}
	if top, err := SelectTop(3, nil); err != nil || len(top) != 0 {
		t.Error(top, err)
	}
}
