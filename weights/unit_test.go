package weights

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// newSynth returns a synth for unit tests of the weight functions.
func newSynth(t *testing.T, p Params, stored string) *synth {
	t.Helper()
	cp, err := p.compile()
	if err != nil {
		t.Fatal(err)
	}
	return &synth{params: cp, e: &epoch{nl: 1, stored: dec.MustParse(stored)}}
}

func relClose(got, want dec.Dec, rel dec.Dec) bool {
	d := got.Sub(want).Abs()
	lim, _ := dec.Context{}.Mul(want.Abs(), rel)
	return d.Cmp(lim) <= 0
}

// TestV6WeightUnitChecks: the (R̂, M) → w values of spec §4.2 (reference
// chain unit tests, p = 3, c = 0.75; printed as float64, so compared to
// 1e-15 relative), plus hand-derived cap and cutoff cases.
func TestV6WeightUnitChecks(t *testing.T) {
	s := newSynth(t, DefaultParamsV6(), "0")
	for _, tc := range []struct{ rhat, m, want string }{
		// spec §4.2: anchored, r = −24.5 − (−24.5) + T = −2, φ'(−2) = 3/(e^8.25+1)
		{"-24.5", "-24.5", "7.835709572871582e-4"},
		// spec §4.2: anchored, r = −20 + 19.5 − 2 = −2.5, 3/(e^9.75+1)
		{"-20", "-19.5", "1.7487379698341595e-4"},
		// spec §4.2: M = −0.5 >= T, r = −1, 3/(e^5.25+1)
		{"-1", "-0.5", "0.015660377080675192"},
		// spec §4.2: φ'(0) = 3/(e^2.25+1)
		{"0", "0", "0.28604839469732846"},
		// spec §4.2: φ'(1) = 3/(e^−0.75+1)
		{"1", "1", "2.037536097526179"},
		// hand: capped at U = 3, φ'(3) = 3/(e^−6.75+1) (Python decimal,
		// 50 digits)
		{"7", "9", "2.9964914692048334555582920411417740802955792420553"},
		// hand: r = −6 < Z = −5 (M >= T, no anchor) → 0
		{"-6", "0", "0"},
		// hand: anchored r = −9 − (−4) − 2 = −7 < −5 → 0
		{"-9", "-4", "0"},
	} {
		w := make([]dec.Dec, 1)
		if err := s.weightsNormalized([]dec.Dec{dec.MustParse(tc.rhat)}, dec.MustParse(tc.m), w); err != nil {
			t.Fatal(err)
		}
		want := dec.MustParse(tc.want)
		if !relClose(w[0], want, dec.New(1, -15)) {
			t.Errorf("(R̂, M) = (%s, %s): w = %s, want %s", tc.rhat, tc.m, w[0], want)
		}
	}
}

// TestRelativeWeightUnitChecks: eq. (22) by hand, p = 3, c = 0.75. The
// maximum gets 1 (within 1e-33: the chain's product-first order rounds 1·(e^−a+1)); the other values are (e^a+1)/(e^b+1) from Python's
// decimal module at 50 digits, compared to 1e-32 relative (the evaluation
// truncates each exponential, the quotient and the product at 34 digits).
func TestRelativeWeightUnitChecks(t *testing.T) {
	s := newSynth(t, DefaultParams(), "0")
	for _, tc := range []struct{ rhat, m, want string }{
		{"5", "5", "1"},
		{"-3", "-3", "1"},
		// a = 0, b = −p(R̂−c) = 1 − 10^-33 (R̂ is 1/3 below c, to 34
		// digits): ≈ 2/(e+1)
		{"0.4166666666666666666666666666666667", "0.75", "0.53788284273999024149768151635632745126971071966988"},
		// a = −p(2−c) = −3.75, b = −p(0−c) = 2.25: (e^−3.75+1)/(e^2.25+1)
		{"0", "2", "0.097591869382113212194952118040054047970620057863843"},
		// a = −p(0.5−c) = 0.75 > 0, b = −p(−1−c) = 5.25:
		// (e^0.75+1)/(e^5.25+1)
		{"-1", "0.5", "0.016271131873541773646648170847939680849350294641462"},
	} {
		w := make([]dec.Dec, 1)
		if err := s.weightsNormalized([]dec.Dec{dec.MustParse(tc.rhat)}, dec.MustParse(tc.m), w); err != nil {
			t.Fatal(err)
		}
		want := dec.MustParse(tc.want)
		if !relClose(w[0], want, dec.New(1, -32)) {
			t.Errorf("(R̂, M) = (%s, %s): w = %s, want %s", tc.rhat, tc.m, w[0], want)
		}
		if tc.want == "1" && (w[0].Cmp(dec.One()) > 0 || dec.One().Sub(w[0]).Cmp(dec.New(1, -33)) > 0) {
			t.Errorf("maximum weight %s, want 1 within 1e-33 (product-first rounding)", w[0])
		}
	}
}

// TestScaleUnitChecks: the regret scales of (15) and (20). MAD values are
// the reference chain's CalcRegretScalePlusEpsilon unit checks (spec §4.3);
// the standard deviations are hand-computed.
func TestScaleUnitChecks(t *testing.T) {
	ds := func(xs ...string) []dec.Dec {
		out := make([]dec.Dec, len(xs))
		for i, x := range xs {
			out[i] = dec.MustParse(x)
		}
		return out
	}
	for _, tc := range []struct {
		rules  RuleSet
		eps    string
		stored string
		r      []dec.Dec
		want   string
	}{
		{Intermediate, "0.01", "0", ds("0.1", "0.2", "0.3"), "0.15826"}, // spec §4.3
		{Intermediate, "0.1", "0", ds("0", "0.5", "1"), "0.8413"},       // spec §4.3
		{Intermediate, "0.01", "0", ds("0", "0", "0", "100"), "0.01"},   // spec §4.3 (MAD 0)
		{Newest, "0.01", "0", ds("0.1", "0.2", "0.3"), "0.15826"},       // no stored scale: per-call MAD (20)
		{Newest, "0.01", "0.7", ds("0.1", "0.2", "0.3"), "0.7"},         // stored s* wins (20)
		{Newest, "0.01", "-1", ds("0.1", "0.2", "0.3"), "0.15826"},      // s* <= 0: fallback (20)
		{V6, "0.01", "0.7", ds("1", "2", "3"), "1.01"},                  // hand: σ = 1 (Bessel), + ε
		{V6, "0.01", "0", ds("5"), "0.01"},                              // one regret: σ = 0 (15)
	} {
		p := DefaultParams()
		p.RuleSet = tc.rules
		p.Epsilon = decimal.RequireFromString(tc.eps)
		s := newSynth(t, p, tc.stored)
		got, err := s.scale(tc.r)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(dec.MustParse(tc.want)) {
			t.Errorf("%s %v ε=%s s*=%s: %s, want %s", tc.rules, tc.r, tc.eps, tc.stored, got, tc.want)
		}
	}
}

func vv(id string, xs ...string) loss.VectorValue {
	v := make(loss.Vector, len(xs))
	for i, x := range xs {
		v[i] = decimal.RequireFromString(x)
	}
	return loss.VectorValue{ID: id, Values: v}
}

func fc(id string, pairs ...string) Forecast {
	f := Forecast{Forecaster: id}
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Elements = append(f.Elements, ForecastElement{Inferer: pairs[i], Value: decimal.RequireFromString(pairs[i+1])})
	}
	return f
}

func strs(v loss.Vector) []string {
	out := make([]string, len(v))
	for i, d := range v {
		out[i] = d.String()
	}
	return out
}

func eqStrs(t *testing.T, name string, got loss.Vector, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %v, want %v", name, strs(got), want)
	}
	for i := range want {
		if !got[i].Equal(decimal.RequireFromString(want[i])) {
			t.Fatalf("%s = %v, want %v", name, strs(got), want)
		}
	}
}

// TestCaseSplit: the top-level cases of §2.1, by hand.
func TestCaseSplit(t *testing.T) {
	one := Input{Inferences: []loss.VectorValue{vv("a", "0.3")}, Forecasts: []Forecast{fc("f", "a", "-1")}, PreviousLoss: dp("-2")}
	three := Input{Inferences: []loss.VectorValue{vv("a", "0.3"), vv("b", "0.1"), vv("c", "0.2")}, Forecasts: []Forecast{fc("f", "a", "-1", "b", "-2")}}
	three.Regrets.InitialRegret = decimal.New(1, 0)
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		p := DefaultParams()
		p.RuleSet = rs
		// One inference: combined = naive = it, nothing else.
		res, err := Synthesize(one, p)
		if err != nil {
			t.Fatal(err)
		}
		if res.Case != CaseSingle || len(res.Bundle.Forecasters) != 0 || len(res.Bundle.OneOutInferers) != 0 || res.ErrorBars != nil || res.InfererWeights != nil {
			t.Fatalf("%s single: %+v", rs, res)
		}
		eqStrs(t, "single combined", res.Bundle.Combined, "0.3")
		eqStrs(t, "single naive", res.Bundle.Naive, "0.3")
		// Three inferences, no previous loss.
		res, err = Synthesize(three, p)
		if err != nil {
			t.Fatal(err)
		}
		if rs == V6 {
			// Median 0.2, naive literally 0, nothing else.
			if res.Case != CaseMedian || len(res.Bundle.OneOutInferers) != 0 || res.InfererWeights != nil {
				t.Fatalf("v6 median: %+v", res)
			}
			eqStrs(t, "median combined", res.Bundle.Combined, "0.2")
			eqStrs(t, "median naive", res.Bundle.Naive, "0")
			continue
		}
		// Intermediate/Newest: inferers only. Equal regrets (all at the
		// initial regret 1) → equal weights 1 → plain means.
		if res.Case != CaseInferersOnly || len(res.Bundle.Forecasters) != 0 || len(res.Bundle.OneOutInfererForecasters) != 0 || len(res.Bundle.OneInForecasters) != 0 {
			t.Fatalf("%s inferers only: %+v", rs, res)
		}
		eqStrs(t, "combined", res.Bundle.Combined, "0.2")
		eqStrs(t, "naive", res.Bundle.Naive, "0.2")
		eqStrs(t, "one-out a", res.Bundle.OneOutInferers[0].Values, "0.15")
		eqStrs(t, "one-out b", res.Bundle.OneOutInferers[1].Values, "0.25")
		for _, w := range res.InfererWeights {
			eqStrs(t, "weight", loss.Vector{w.Value}, "1")
		}
		// (30) with equal weights over {0.1, 0.2, 0.3}: s = 1/6, 1/2, 5/6, so
		// 2.28 % and 15.87 % give the first value, 50 % the middle, 84.13 %
		// and 97.72 % the last.
		for i, want := range []string{"0.1", "0.1", "0.2", "0.3", "0.3"} {
			eqStrs(t, "error bar", res.ErrorBars[i].Values, want)
		}
	}
	// Even count median: (0.2 + 0.3)/2.
	four := three
	four.Inferences = append(append([]loss.VectorValue{}, three.Inferences...), vv("d", "0.4"))
	res, err := Synthesize(four, DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	eqStrs(t, "even median", res.Bundle.Combined, "0.25")
}

// TestForecastEdgeCases: single-element forecasts, elements naming unknown
// inferers, forecasts left empty, and the one-out-inferer recomputation's
// rule-set differences (§3, §5 (26)/(29)), by hand. Two inferers a, b with
// equal regrets; L_{i−1} = −2.
func TestForecastEdgeCases(t *testing.T) {
	in := Input{
		Inferences: []loss.VectorValue{vv("a", "0.3"), vv("b", "0.1"), vv("c", "0.2")},
		Forecasts: []Forecast{
			fc("f1", "a", "-3"),                       // single element
			fc("f2", "zz", "-3", "b", "-1"),           // unknown inferer dropped: single element b
			fc("f3", "zz", "-3"),                      // nothing left: no FII
			fc("f4", "a", "-4", "c", "-2.5"),          // two elements
			fc("f5", "a", "-4", "b", "-3", "c", "-2"), // three elements
		},
		PreviousLoss: dp("-2"),
	}
	in.Regrets.InitialRegret = decimal.New(1, 0)
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		p := DefaultParams()
		p.RuleSet = rs
		res, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{}
		for _, f := range res.Bundle.Forecasters {
			ids = append(ids, f.ID)
		}
		if len(ids) != 4 || ids[0] != "f1" || ids[1] != "f2" || ids[2] != "f4" || ids[3] != "f5" {
			t.Fatalf("%s: forecasters %v, want f1 f2 f4 f5", rs, ids)
		}
		eqStrs(t, "FII f1 (single element)", res.Bundle.Forecasters[0].Values, "0.3")
		eqStrs(t, "FII f2 (unknown dropped)", res.Bundle.Forecasters[1].Values, "0.1")
		oo := map[[2]string]loss.Vector{}
		for _, x := range res.Bundle.OneOutInfererForecasters {
			oo[[2]string{x.Forecaster, x.Inferer}] = x.Values
		}
		// Withholding an inferer the forecast does not name changes nothing.
		eqStrs(t, "f1 without b", oo[[2]string{"f1", "b"}], "0.3")
		// f1 = {a}: V6 keeps a's element (|E| = 1) and returns I_a itself;
		// Intermediate/Newest strip it: no value.
		if rs == V6 {
			eqStrs(t, "v6 f1 without a", oo[[2]string{"f1", "a"}], "0.3")
		} else if v, ok := oo[[2]string{"f1", "a"}]; ok {
			t.Fatalf("%s: f1 without a = %v, want none", rs, strs(v))
		}
		// f4 = {a, c} without a: V6 weights {c} alone (w·x/w, here exact:
		// 0.2 has few digits); the others use the single-element rule.
		eqStrs(t, "f4 without a", oo[[2]string{"f4", "a"}], "0.2")
		// One forecaster f3 has no FII: it takes no part; the one-out
		// forecaster list covers exactly the four others.
		if len(res.Bundle.OneOutForecasters) != 4 || len(res.Bundle.OneInForecasters) != 4 {
			t.Fatalf("%s: %d one-out, %d one-in forecasters", rs, len(res.Bundle.OneOutForecasters), len(res.Bundle.OneInForecasters))
		}
		// (29): every (forecaster with an FII, inferer) pair, except, under
		// Intermediate/Newest, f1 without a and f2 without b (nothing left).
		want := 4 * 3
		if rs != V6 {
			want -= 2
		}
		if len(res.Bundle.OneOutInfererForecasters) != want {
			t.Fatalf("%s: %d one-out-inferer FIIs, want %d", rs, len(res.Bundle.OneOutInfererForecasters), want)
		}
	}
	// One forecaster with an FII: no one-out forecaster, no one-in (§5).
	single := in
	single.Forecasts = in.Forecasts[:1]
	res, err := Synthesize(single, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Bundle.Forecasters) != 1 || res.Bundle.OneOutForecasters != nil || res.Bundle.OneInForecasters != nil {
		t.Fatalf("one forecaster: %+v", res.Bundle)
	}
}

// TestMultiLabelPadding: a vector shorter than the label registry is padded
// with 0 (§9); labels are carried to the bundle.
func TestMultiLabelPadding(t *testing.T) {
	in := Input{
		Labels:       []string{"x", "y", "z"},
		Inferences:   []loss.VectorValue{vv("a", "0.5", "0.5"), vv("b", "0.1", "0.2", "0.7")},
		PreviousLoss: dp("-1"),
	}
	in.Regrets.InitialRegret = decimal.New(1, 0)
	res, err := Synthesize(in, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	eqStrs(t, "padded", res.Bundle.Inferers[0].Values, "0.5", "0.5", "0")
	eqStrs(t, "combined", res.Bundle.Combined, "0.3", "0.35", "0.35")
	if len(res.Bundle.Labels) != 3 || res.Bundle.Labels[2] != "z" {
		t.Fatalf("labels %v", res.Bundle.Labels)
	}
	for _, b := range res.ErrorBars {
		if len(b.Values) != 3 {
			t.Fatalf("error bar with %d labels", len(b.Values))
		}
	}
}

// TestForecastedRegrets: (13) R_ijk = L_{i−1} − L_ijk, exact, forecaster-
// major then inferer in id order, unknown inferers dropped, none without a
// previous loss.
func TestForecastedRegrets(t *testing.T) {
	in := Input{
		Inferences: []loss.VectorValue{vv("b", "1"), vv("a", "2")},
		Forecasts:  []Forecast{fc("g", "b", "-1.5"), fc("f", "b", "-4.25", "zz", "1", "a", "-3")},
	}
	got, err := ForecastedRegrets(in)
	if err != nil || got != nil {
		t.Fatalf("no loss: %v %v", got, err)
	}
	in.PreviousLoss = dp("-3.75")
	got, err = ForecastedRegrets(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []loss.PairValue{
		{Forecaster: "f", Inferer: "a", Value: loss.MustNum(decimal.RequireFromString("-0.75"))},
		{Forecaster: "f", Inferer: "b", Value: loss.MustNum(decimal.RequireFromString("0.5"))},
		{Forecaster: "g", Inferer: "b", Value: loss.MustNum(decimal.RequireFromString("-2.25"))},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i].Forecaster != want[i].Forecaster || got[i].Inferer != want[i].Inferer || !got[i].Value.Equal(want[i].Value) {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestForecastedRegretOutOfRange: a difference of two in-range values can
// lie beyond the decimal core's range, which a loss.Num cannot hold:
// ForecastedRegrets refuses it (ErrArithmetic, dec.ErrRange) instead of
// returning it.
func TestForecastedRegretOutOfRange(t *testing.T) {
	in := Input{
		Inferences:   []loss.VectorValue{vv("a", "1")},
		Forecasts:    []Forecast{fc("f", "a", "-9e400")},
		PreviousLoss: dp("9e400"),
	}
	if _, err := ForecastedRegrets(in); !errors.Is(err, ErrArithmetic) || !errors.Is(err, dec.ErrRange) {
		t.Fatalf("9e400 − (−9e400): %v, want ErrArithmetic and dec.ErrRange", err)
	}
	in.PreviousLoss = dp("9e399")
	got, err := ForecastedRegrets(in)
	if err != nil || len(got) != 1 || !got[0].Value.Equal(loss.MustNum(decimal.RequireFromString("99e399"))) {
		t.Fatalf("9e399 − (−9e400): %v %v, want 99e399 (in range)", got, err)
	}
}

// TestMultiLabelAllNewMedian: in the all-new mode the FII is the median per
// label (§9), which need not be any one inferer's vector; even counts take
// the mean of the two middle values. By hand.
func TestMultiLabelAllNewMedian(t *testing.T) {
	in := Input{
		Labels:     []string{"a", "b", "c"},
		Inferences: []loss.VectorValue{vv("i0", "0.1", "0.9", "0.5"), vv("i1", "0.3", "0.2", "0.4"), vv("i2", "0.2", "0.5", "0.1")},
		Forecasts: []Forecast{
			fc("f0", "i0", "-1", "i1", "-2", "i2", "-3"),
			fc("f1", "i0", "-1", "i1", "-2"),
		},
		PreviousLoss: dp("-2"),
	}
	for _, rs := range []RuleSet{V6, Newest} {
		p := DefaultParams()
		p.RuleSet = rs
		res, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		eqStrs(t, "f0", res.Bundle.Forecasters[0].Values, "0.2", "0.5", "0.4")
		eqStrs(t, "f1", res.Bundle.Forecasters[1].Values, "0.2", "0.55", "0.45")
		// The network values are plain per-label means of the inferers.
		eqStrs(t, "combined", res.Bundle.Combined, "0.2", "0.5333333333333333333333333333333333", "0.3333333333333333333333333333333333")
	}
}

// TestJSONRoundTrip: Input, Params and Result are plain structs that
// round-trip through JSON (a chain stores them, a simulator checkpoints
// them); a synthesis of the decoded input equals the original.
func TestJSONRoundTrip(t *testing.T) {
	in := genInput(genSpec{n: 4, f: 3, labels: 2, seed: 5, newest: true})
	p := DefaultParams()
	res, err := Synthesize(in, p)
	if err != nil {
		t.Fatal(err)
	}
	var in2 Input
	var p2 Params
	var res2 Result
	for _, rt := range []struct{ from, to any }{{in, &in2}, {p, &p2}, {res, &res2}} {
		b, err := json.Marshal(rt.from)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, rt.to); err != nil {
			t.Fatal(err)
		}
	}
	again, err := Synthesize(in2, p2)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffResults(res, again); d != "" {
		t.Fatalf("decoded input: %s", d)
	}
	if d := diffResults(res, res2); d != "" {
		t.Fatalf("decoded result: %s", d)
	}
}

// TestToDecMatchesFromDecimal: the allocation-free conversion of small
// coefficients gives the same number as dec.FromDecimal, and the same
// errors beyond the range.
func TestToDecMatchesFromDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var d decimal.Decimal
		exp := int32(rapid.IntRange(-420, 420).Draw(t, "exp"))
		if rapid.Bool().Draw(t, "small") {
			d = decimal.New(rapid.Int64().Draw(t, "coef"), exp)
		} else {
			c, _ := new(big.Int).SetString(rapid.StringMatching(`-?[1-9][0-9]{0,40}`).Draw(t, "big"), 10)
			d = decimal.NewFromBigInt(c, exp)
		}
		got, err1 := toDec(d)
		want, err2 := dec.FromDecimal(d)
		if (err1 == nil) != (err2 == nil) || (err1 == nil && !got.Equal(want)) {
			t.Fatalf("%s: toDec %s %v, FromDecimal %s %v", d, got, err1, want, err2)
		}
	})
}

// TestOneOutMADScales: the O(m log m) one-out MAD scales equal the direct
// per-call scale (20) of every r∖r_i, with ties, odd and even counts.
func TestOneOutMADScales(t *testing.T) {
	s := newSynth(t, DefaultParamsIntermediate(), "0")
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.IntRange(2, 12).Draw(t, "m")
		r := make([]dec.Dec, m)
		for i := range r {
			r[i] = dec.New(int64(rapid.IntRange(-9, 9).Draw(t, "r")), -int32(rapid.IntRange(0, 35).Draw(t, "e")))
		}
		got, err := s.oneOutMADScales(r)
		if err != nil {
			t.Fatal(err)
		}
		for i := range r {
			rest := append(append([]dec.Dec{}, r[:i]...), r[i+1:]...)
			want, err := s.scale(rest)
			if err != nil {
				t.Fatal(err)
			}
			if !got[i].Equal(want) {
				t.Fatalf("r=%v without %d: %s, want %s", r, i, got[i], want)
			}
		}
	})
}
