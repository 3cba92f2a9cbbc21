package regret

import (
	"errors"
	"slices"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// smallBundle: inferers a, b; forecaster f; every variant present.
// Hand-worked regrets with α = 0.1 and an empty previous state with
// InitialRegret 0.5 (every worker new): R = 0.1·(lossA − lossB) + 0.9·0.5.
func smallBundle() loss.Bundle {
	return loss.Bundle{
		Combined:          d("-3"),
		Naive:             d("-2.5"),
		Inferers:          []loss.Value{val("b", "-2"), val("a", "-4")},
		Forecasters:       []loss.Value{val("f", "-3.5")},
		OneOutInferers:    []loss.Value{val("a", "-2.8"), val("b", "-3.2")},
		OneOutForecasters: []loss.Value{val("f", "-2.9")},
		OneInForecasters:  []loss.Value{val("f", "-2.7")},
		OneOutInfererForecasters: []loss.PairValue{
			{Forecaster: "f", Inferer: "b", Value: n("-3.3")},
			{Forecaster: "f", Inferer: "a", Value: n("-3.1")},
		},
	}
}

func TestUpdateNewParticipants(t *testing.T) {
	in := Input{Previous: State{InitialRegret: d("0.5")}, Losses: smallBundle()}
	out, err := Update(in, DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	s := out.State
	// Every expected value: 0.1·(lossA − lossB) + 0.45, by hand.
	cases := []struct {
		got  []loss.Value
		id   string
		want string
		what string
	}{
		{s.Inferers, "a", "0.55", "(33) a: 0.1·(−3 − −4) + 0.45"},
		{s.Inferers, "b", "0.35", "(33) b: 0.1·(−3 − −2) + 0.45"},
		{s.Forecasters, "f", "0.5", "(34) f: −3 − −3.5 = 0.5 = R_prev, equal-values rule"},
		{s.Naive, "a", "0.6", "(35) a: 0.1·(−2.5 − −4) + 0.45"},
		{s.Naive, "b", "0.4", "(35) b: 0.1·(−2.5 − −2) + 0.45"},
		{s.OneInForecasters, "f", "0.53", "(41) f: 0.1·(−2.7 − −3.5) + 0.45"},
	}
	for _, c := range cases {
		got, ok := findValue(c.got, c.id)
		if !ok {
			t.Errorf("%s: missing", c.what)
			continue
		}
		requireDec(t, c.want, got, c.what)
	}
	pairs := []struct {
		got               []Pair
		net, worker, want string
		what              string
	}{
		{s.OneOutInfererInferers, "a", "a", "0.57", "(36) diagonal: 0.1·(−2.8 − −4) + 0.45"},
		{s.OneOutInfererInferers, "a", "b", "0.37", "(36) 0.1·(−2.8 − −2) + 0.45"},
		{s.OneOutInfererInferers, "b", "a", "0.53", "(36) 0.1·(−3.2 − −4) + 0.45"},
		{s.OneOutInfererInferers, "b", "b", "0.33", "(36) diagonal: 0.1·(−3.2 − −2) + 0.45"},
		{s.OneOutInfererForecasters, "a", "f", "0.48", "(37) 0.1·(−2.8 − −3.1) + 0.45"},
		{s.OneOutInfererForecasters, "b", "f", "0.46", "(37) 0.1·(−3.2 − −3.3) + 0.45"},
		{s.OneOutForecasterInferers, "f", "a", "0.56", "(38) 0.1·(−2.9 − −4) + 0.45"},
		{s.OneOutForecasterInferers, "f", "b", "0.36", "(38) 0.1·(−2.9 − −2) + 0.45"},
		{s.OneOutForecasterForecasters, "f", "f", "0.51", "(39) diagonal: 0.1·(−2.9 − −3.5) + 0.45"},
		{s.OneInInferers, "f", "a", "0.58", "(40) 0.1·(−2.7 − −4) + 0.45"},
		{s.OneInInferers, "f", "b", "0.38", "(40) 0.1·(−2.7 − −2) + 0.45"},
	}
	for _, c := range pairs {
		got, ok := findPair(c.got, c.net, c.worker)
		if !ok {
			t.Errorf("%s: missing", c.what)
			continue
		}
		requireDec(t, c.want, got, c.what)
	}
	if !slices.Equal(out.NewInferers, []string{"a", "b"}) || !slices.Equal(out.NewForecasters, []string{"f"}) {
		t.Errorf("new participants: %v %v", out.NewInferers, out.NewForecasters)
	}
	if out.InitialRegretRule != InitialRegretUnchanged || !s.InitialRegret.Equal(d("0.5")) {
		t.Errorf("initial regret: %s via %s, want 0.5 unchanged", s.InitialRegret, out.InitialRegretRule)
	}
	if !s.Scale.IsZero() {
		t.Errorf("V6 stored scale %s, want 0", s.Scale)
	}
	// Sorted output: a before b in every per-worker store.
	if s.Inferers[0].ID != "a" || s.Inferers[1].ID != "b" {
		t.Errorf("inferers not sorted: %v", s.Inferers)
	}
}

func TestUpdateStoredRegretsAndAbsentWorkers(t *testing.T) {
	prev := State{
		InitialRegret: d("7"), // must not be used: both inferers are stored
		Inferers:      []loss.Value{val("a", "1"), val("b", "-1"), val("z", "42")},
		OneOutInfererInferers: []Pair{
			pair("a", "a", "2"), pair("zz", "a", "3"),
		},
	}
	b := loss.Bundle{
		Combined:       d("0"),
		Inferers:       []loss.Value{val("a", "-1"), val("b", "1")},
		OneOutInferers: []loss.Value{val("a", "0")},
	}
	out, err := Update(Input{Previous: prev, Losses: b}, DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	s := out.State
	for _, c := range []struct {
		id, want, what string
	}{
		{"a", "1", "(33) a: cur 0 − −1 = 1 = R_prev → 1 (equal-values rule)"},
		{"b", "-1", "(33) b: cur 0 − 1 = −1 = R_prev → −1"},
		{"z", "42", "absent from the bundle: kept"},
	} {
		got, ok := findValue(s.Inferers, c.id)
		if !ok {
			t.Fatalf("%s: missing", c.what)
		}
		requireDec(t, c.want, got, c.what)
	}
	// (36) (a, a): cur = 0 − −1 = 1, prev 2 → 0.1 + 1.8 = 1.9. (a, b): new,
	// cur = 0 − 1 = −1, prev = InitialRegret 7 → −0.1 + 6.3 = 6.2.
	// (zz, a) untouched.
	for _, c := range []struct{ net, worker, want string }{
		{"a", "a", "1.9"}, {"a", "b", "6.2"}, {"zz", "a", "3"},
	} {
		got, ok := findPair(s.OneOutInfererInferers, c.net, c.worker)
		if !ok {
			t.Fatalf("(%s, %s) missing", c.net, c.worker)
		}
		requireDec(t, c.want, got, "one-out "+c.net+"/"+c.worker)
	}
	if len(out.NewInferers) != 0 {
		t.Errorf("new inferers %v, want none", out.NewInferers)
	}
}

// TestUpdateRounding pins the EMA's rounding: with α = 0.3, cur = 0 and
// R_prev = 0.9999999999999999999999999999999998 (34 digits), the exact
// 0.7·R_prev = 0.69999999999999999999999999999999986 has 35 digits:
// truncation keeps ...9998, half-even rounds to ...9999.
func TestUpdateRounding(t *testing.T) {
	prev := State{Inferers: []loss.Value{val("a", "0.9999999999999999999999999999999998")}, InitialRegret: d("1")}
	b := loss.Bundle{Combined: d("-1"), Inferers: []loss.Value{val("a", "-1")}}
	for _, c := range []struct{ rounding, want string }{
		{"", "0.6999999999999999999999999999999998"},
		{"half-even", "0.6999999999999999999999999999999999"},
	} {
		p := DefaultParamsV6()
		p.AlphaRegret = d("0.3")
		p.Rounding = c.rounding
		out, err := Update(Input{Previous: prev, Losses: b}, p)
		if err != nil {
			t.Fatal(err)
		}
		requireDec(t, c.want, out.State.Inferers[0].Value, "rounding "+c.rounding)
	}
}

// TestUpdateMissingPairLoss: inferers a, b; forecaster f reports only
// L⁻_{a,f}. The (b, f) pair of eq. (37) reads L⁻_{b,f} = 0 by default
// (reference), and is skipped with SkipMissingLosses.
func TestUpdateMissingPairLoss(t *testing.T) {
	b := loss.Bundle{
		Combined:       d("-3"),
		Inferers:       []loss.Value{val("a", "-3"), val("b", "-3")},
		Forecasters:    []loss.Value{val("f", "-3")},
		OneOutInferers: []loss.Value{val("a", "-2"), val("b", "-4")},
		OneOutInfererForecasters: []loss.PairValue{
			{Forecaster: "f", Inferer: "a", Value: n("-1")},
		},
	}
	prev := State{InitialRegret: d("1"), OneOutInfererForecasters: []Pair{pair("b", "f", "2")}}
	out, err := Update(Input{Previous: prev, Losses: b}, DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := findPair(out.State.OneOutInfererForecasters, "a", "f")
	requireDec(t, "0.8", got, "(a, f): 0.1·(−2 − −1) + 0.9·1")
	got, _ = findPair(out.State.OneOutInfererForecasters, "b", "f")
	requireDec(t, "1.4", got, "(b, f) missing loss read as 0: 0.1·(−4 − 0) + 0.9·2")

	p := DefaultParamsV6()
	p.SkipMissingLosses = true
	out, err = Update(Input{Previous: prev, Losses: b}, p)
	if err != nil {
		t.Fatal(err)
	}
	got, _ = findPair(out.State.OneOutInfererForecasters, "b", "f")
	requireDec(t, "2", got, "(b, f) skipped: stored value kept")
	// Without a stored value the skipped pair stays absent.
	out, err = Update(Input{Previous: State{InitialRegret: d("1")}, Losses: b}, p)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := findPair(out.State.OneOutInfererForecasters, "b", "f"); ok {
		t.Error("(b, f) created although its loss is missing and SkipMissingLosses is set")
	}
}

// experienceInput: inferers a (stored), n (new); forecaster f (stored).
// Inclusions are set per test.
func experienceInput(incA, incN, incF uint64) Input {
	return Input{
		Previous: State{
			InitialRegret: d("0.5"),
			Inferers:      []loss.Value{val("a", "1")},
			Forecasters:   []loss.Value{val("f", "2")},
		},
		Losses: loss.Bundle{
			Combined:    d("0"),
			Inferers:    []loss.Value{val("a", "-1"), val("n", "-1")},
			Forecasters: []loss.Value{val("f", "-2")},
		},
		InfererInclusions:    []Inclusion{{"a", incA}, {"n", incN}, {"unrelated", 99}},
		ForecasterInclusions: []Inclusion{{"f", incF}},
	}
}

func TestExperienceThreshold(t *testing.T) {
	// α = 0.1: 1/α = 10 exactly. a: R = 1 (cur 1 = prev). f: R = 2 (equal
	// rule). n is new (never experienced).
	cases := []struct {
		alpha            string
		incA, incN, incF uint64
		wantInf, wantFc  []string
	}{
		{"0.1", 10, 1000, 10, []string{"a"}, []string{"f"}}, // equality counts (>=)
		{"0.1", 9, 1000, 11, nil, []string{"f"}},
		{"0.1", 9, 1000, 9, nil, nil},
		// α = 0.3: 1/α = 3.333333333333333333333333333333333 (truncated);
		// 3 inclusions fall short, 4 suffice.
		{"0.3", 3, 0, 4, nil, []string{"f"}},
		{"0.3", 4, 0, 3, []string{"a"}, nil},
		// α = 1: one paid reward suffices.
		{"1", 1, 5, 0, []string{"a"}, nil},
	}
	for _, c := range cases {
		p := DefaultParamsV6()
		p.AlphaRegret = d(c.alpha)
		out, err := Update(experienceInput(c.incA, c.incN, c.incF), p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(out.ExperiencedInferers, c.wantInf) || !slices.Equal(out.ExperiencedForecasters, c.wantFc) {
			t.Errorf("α %s inclusions (%d, %d, %d): experienced %v %v, want %v %v", c.alpha, c.incA, c.incN, c.incF,
				out.ExperiencedInferers, out.ExperiencedForecasters, c.wantInf, c.wantFc)
		}
		if !slices.Equal(out.NewInferers, []string{"n"}) {
			t.Errorf("new inferers %v, want [n]", out.NewInferers)
		}
		wantRule := InitialRegretUnchanged
		if len(c.wantInf)+len(c.wantFc) > 0 {
			wantRule = InitialRegretQuantileOffset
		}
		if out.InitialRegretRule != wantRule {
			t.Errorf("α %s: rule %s, want %s", c.alpha, out.InitialRegretRule, wantRule)
		}
	}
}

// TestInitialRegretFromUpdate: a and f experienced with regrets 1 and 2.
// (43) with q = 0.25, p = 3, c = 0.75, κ = 8.25, ε = 0.01 (DefaultParams):
// Q: descending [2, 1], pos = 0.75·1 = 0.75 → 2 + 0.75·(1 − 2) = 1.25;
// StdDev{1, 2} = sqrt(0.5) = 0.7071067811865475244008443621048490 (34
// digits, truncated; sqrt(0.5) = 0.70710678118654752440084436210484903928…);
// offset = (0.75 − 2.75)·(σ + 0.01) = −1.434213562373095048801688724209698;
// result 1.25 − 1.434213562373095048801688724209698.
func TestInitialRegretFromUpdate(t *testing.T) {
	out, err := Update(experienceInput(10, 0, 10), DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	requireDec(t, "-0.184213562373095048801688724209698", out.State.InitialRegret, "initial regret (43)")
	if out.InitialRegretRule != InitialRegretQuantileOffset {
		t.Errorf("rule %s", out.InitialRegretRule)
	}
}

func TestTopicInitialRegretTable(t *testing.T) {
	p := DefaultParams()
	cases := []struct {
		name        string
		rs          RuleSet
		min         int
		exp, all    []string
		current     string
		want        string
		rule        InitialRegretRule
		provenance  string
		errSentinel error
	}{
		{
			name: "43 four values", rs: Newest, min: 10,
			exp: []string{"3", "1", "4", "2"}, all: []string{"3", "1", "4", "2"}, current: "9",
			// Q_0.25: desc [4,3,2,1], pos 2.25 → 2 + 0.25·(1−2) = 1.75.
			// StdDev: Σ(x−2.5)² = 5, 5/3 = 1.666666666666666666666666666666666,
			// sqrt = 1.29099444873580562839308846659413294… → 1.290994448735805628393088466594133
			// (half-even: the reference's apd Sqrt rounds half-even whatever the mode).
			// (c − κ/p) = 0.75 − 2.75 = −2; offset = −2·1.300994448735805628393088466594133.
			want: "-0.851988897471611256786176933188266", rule: InitialRegretQuantileOffset,
			provenance: "hand + Python decimal sqrt at 60 digits, rounded half-even",
		},
		{
			name: "43 single value", rs: V6,
			exp: []string{"-2"}, all: []string{"-2", "5"}, current: "9",
			// Q = −2; StdDev of one value = 0; offset = −2·0.01 = −0.02.
			want: "-2.02", rule: InitialRegretQuantileOffset, provenance: "hand",
		},
		{
			name: "V6 nobody experienced", rs: V6, min: 1,
			all: []string{"1", "2", "3"}, current: "9", want: "9", rule: InitialRegretUnchanged, provenance: "rule",
		},
		{
			name: "NEWEST fallback at threshold", rs: Newest, min: 4,
			all: []string{"4", "1", "3", "2"}, current: "9",
			// plain Q_0.25 of {1,2,3,4} = 1.75, no offset.
			want: "1.75", rule: InitialRegretFallback, provenance: "hand",
		},
		{
			name: "NEWEST one short of threshold", rs: Newest, min: 5,
			all: []string{"4", "1", "3", "2"}, current: "9", want: "9", rule: InitialRegretUnchanged, provenance: "rule",
		},
		{
			name: "NEWEST Min 0, nothing updated", rs: Newest, min: 0,
			current: "9", want: "9", rule: InitialRegretUnchanged, provenance: "rule",
		},
		{
			name: "NEWEST experienced beats fallback", rs: Newest, min: 1,
			exp: []string{"-2"}, all: []string{"-2", "100", "200"}, current: "9",
			want: "-2.02", rule: InitialRegretQuantileOffset, provenance: "hand, as the single-value case",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pp := p
			pp.RuleSet, pp.MinExperiencedWorkerRegrets = c.rs, c.min
			got, rule, err := TopicInitialRegret(decs(c.exp), decs(c.all), d(c.current), pp)
			if err != nil {
				t.Fatal(err)
			}
			requireDec(t, c.want, got, c.provenance)
			if rule != c.rule {
				t.Errorf("rule %s, want %s", rule, c.rule)
			}
		})
	}
}

func decs(ss []string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

// newWorkers returns a bundle with n new inferers whose regrets are all
// distinct, for the fallback threshold.
func newWorkers(n int) Input {
	b := loss.Bundle{Combined: d("0")}
	for i := range n {
		b.Inferers = append(b.Inferers, loss.Value{ID: string(rune('a' + i)), Value: decimal.New(int64(-i), 0)})
	}
	return Input{Previous: State{InitialRegret: d("0")}, Losses: b}
}

func TestFallbackThresholdInUpdate(t *testing.T) {
	// n new inferers, L_i = 0, L_ij = −i, InitialRegret 0:
	// R_j = 0.1·i. Q_0.25 over {0, 0.1, ..., 0.1·(n−1)}: for n = 10,
	// desc pos = 0.75·9 = 6.75 → 0.3 + 0.75·(0.2 − 0.3) = 0.225.
	for _, c := range []struct {
		rs   RuleSet
		n    int
		want string
		rule InitialRegretRule
	}{
		{Newest, 10, "0.225", InitialRegretFallback},
		{Newest, 9, "0", InitialRegretUnchanged},
		{V6, 10, "0", InitialRegretUnchanged},
		{Intermediate, 10, "0", InitialRegretUnchanged},
	} {
		p := DefaultParams()
		p.RuleSet = c.rs
		out, err := Update(newWorkers(c.n), p)
		if err != nil {
			t.Fatal(err)
		}
		requireDec(t, c.want, out.State.InitialRegret, string(c.rs))
		if out.InitialRegretRule != c.rule {
			t.Errorf("%s n=%d: rule %s, want %s", c.rs, c.n, out.InitialRegretRule, c.rule)
		}
	}
}

func TestStoredScale(t *testing.T) {
	// Inferer regrets after the update: 0.1·i for i = 0..9 (see
	// newWorkers). Median 0.45; |x − 0.45| = {0.45, 0.35, 0.25, 0.15,
	// 0.05, 0.05, 0.15, 0.25, 0.35, 0.45} → MAD 0.25; s* = 1.4826·0.25 +
	// 0.01 = 0.38065.
	out, err := Update(newWorkers(10), DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	requireDec(t, "0.38065", out.State.Scale, "NEWEST scale")
	// All regrets equal → MAD 0 → s* = ε.
	b := loss.Bundle{Combined: d("1"), Inferers: []loss.Value{val("a", "1"), val("b", "1")}}
	out, err = Update(Input{Losses: b}, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	requireDec(t, "0.01", out.State.Scale, "MAD 0 stores ε")
	// Nothing updated → previous scale kept.
	out, err = Update(Input{Previous: State{Scale: d("0.7")}}, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	requireDec(t, "0.7", out.State.Scale, "empty epoch keeps the scale")
	// Intermediate: no stored scale.
	p := DefaultParams()
	p.RuleSet = Intermediate
	out, err = Update(Input{Previous: State{Scale: d("0.7")}, Losses: b}, p)
	if err != nil {
		t.Fatal(err)
	}
	requireDec(t, "0", out.State.Scale, "Intermediate stores no scale")
}

func TestMADScaleUnitChecks(t *testing.T) {
	// Spec §4.3, CalcRegretScalePlusEpsilon unit checks.
	for _, c := range []struct {
		xs        []string
		eps, want string
	}{
		{[]string{"0.1", "0.2", "0.3"}, "0.01", "0.15826"},
		{[]string{"0", "0.5", "1"}, "0.1", "0.8413"},
		{[]string{"0", "0", "0", "100"}, "0.01", "0.01"},
	} {
		got, err := MADScale(decs(c.xs), d(c.eps), 0, "")
		if err != nil {
			t.Fatal(err)
		}
		requireDec(t, c.want, got, "MADScale")
	}
	if _, err := MADScale(nil, d("0.01"), 0, ""); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := MADScale(decs([]string{"1"}), d("0"), 0, ""); !errors.Is(err, ErrInvalidParams) {
		t.Errorf("ε = 0: %v", err)
	}
	if _, err := MADScale(decs([]string{"1"}), d("0.1"), 0, "sideways"); !errors.Is(err, ErrInvalidParams) {
		t.Errorf("bad rounding: %v", err)
	}
}

func TestUpdateErrors(t *testing.T) {
	ok := func() Input { return Input{Previous: State{InitialRegret: d("1")}, Losses: smallBundle()} }
	cases := []struct {
		name   string
		mutate func(*Input, *Params)
		want   error
	}{
		{"duplicate inferer loss", func(in *Input, _ *Params) {
			in.Losses.Inferers = append(in.Losses.Inferers, val("a", "1"))
		}, ErrDuplicateID},
		{"empty inferer id", func(in *Input, _ *Params) { in.Losses.Inferers[0].ID = "" }, ErrEmptyID},
		{"empty pair id", func(in *Input, _ *Params) { in.Losses.OneOutInfererForecasters[0].Inferer = "" }, ErrEmptyID},
		{"duplicate pair loss", func(in *Input, _ *Params) {
			in.Losses.OneOutInfererForecasters = append(in.Losses.OneOutInfererForecasters, in.Losses.OneOutInfererForecasters[0])
		}, ErrDuplicateID},
		{"one-out inferer unknown", func(in *Input, _ *Params) {
			in.Losses.OneOutInferers = append(in.Losses.OneOutInferers, val("x", "1"))
		}, ErrUnknownID},
		{"one-in unknown", func(in *Input, _ *Params) {
			in.Losses.OneInForecasters = append(in.Losses.OneInForecasters, val("g", "1"))
		}, ErrUnknownID},
		{"one-out forecaster unknown", func(in *Input, _ *Params) {
			in.Losses.OneOutForecasters = append(in.Losses.OneOutForecasters, val("g", "1"))
		}, ErrUnknownID},
		{"pair forecaster unknown", func(in *Input, _ *Params) {
			in.Losses.OneOutInfererForecasters[0].Forecaster = "g"
		}, ErrUnknownID},
		{"pair inferer unknown", func(in *Input, _ *Params) {
			in.Losses.OneOutInfererForecasters[0].Inferer = "x"
		}, ErrUnknownID},
		{"duplicate state pair", func(in *Input, _ *Params) {
			in.Previous.OneInInferers = []Pair{pair("f", "a", "1"), pair("f", "a", "2")}
		}, ErrDuplicateID},
		{"empty state network", func(in *Input, _ *Params) {
			in.Previous.OneInInferers = []Pair{pair("", "a", "1")}
		}, ErrEmptyID},
		{"duplicate state worker", func(in *Input, _ *Params) {
			in.Previous.Naive = []loss.Value{val("a", "1"), val("a", "1")}
		}, ErrDuplicateID},
		{"negative state scale", func(in *Input, _ *Params) { in.Previous.Scale = d("-1") }, ErrInvalidValue},
		{"duplicate inclusion", func(in *Input, _ *Params) {
			in.InfererInclusions = []Inclusion{{"a", 1}, {"a", 2}}
		}, ErrDuplicateID},
		{"empty inclusion id", func(in *Input, _ *Params) {
			in.ForecasterInclusions = []Inclusion{{"", 1}}
		}, ErrEmptyID},
		{"absurd loss", func(in *Input, _ *Params) { in.Losses.Combined = d("1e500") }, ErrInvalidValue},
		{"absurd regret", func(in *Input, _ *Params) { in.Previous.InitialRegret = d("-1e-500") }, ErrInvalidValue},
		{"regret overflows", func(in *Input, p *Params) {
			p.AlphaRegret = d("1")
			in.Losses.Combined = d("9e400")
			in.Losses.Inferers[0].Value = d("-9e400")
		}, ErrInvalidValue},
		{"regret underflows by cancellation", func(in *Input, p *Params) {
			// α = 0.5: 0.5·3e-400 + 0.5·(−2.9999998e-400) = 1e-407.
			p.AlphaRegret = d("0.5")
			in.Losses.Combined = d("3e-400")
			in.Losses.Inferers[0].Value = d("0")
			in.Previous.Inferers = []loss.Value{val(in.Losses.Inferers[0].ID, "-2.9999998e-400")}
		}, ErrInvalidValue},
		{"too many inferers", func(in *Input, _ *Params) {
			in.Losses.Inferers = make([]loss.Value, MaxWorkers+1)
		}, ErrTooLarge},
		{"alpha 0", func(_ *Input, p *Params) { p.AlphaRegret = d("0") }, ErrInvalidParams},
		{"alpha > 1", func(_ *Input, p *Params) { p.AlphaRegret = d("1.01") }, ErrInvalidParams},
		{"epsilon 0", func(_ *Input, p *Params) { p.Epsilon = d("0") }, ErrInvalidParams},
		{"p too small", func(_ *Input, p *Params) { p.PNorm = d("2.4") }, ErrInvalidParams},
		{"p too large", func(_ *Input, p *Params) { p.PNorm = d("4.6") }, ErrInvalidParams},
		{"c 0", func(_ *Input, p *Params) { p.CNorm = d("0") }, ErrInvalidParams},
		{"q > 1", func(_ *Input, p *Params) { p.InitialRegretQuantile = d("1.5") }, ErrInvalidParams},
		{"q < 0", func(_ *Input, p *Params) { p.InitialRegretQuantile = d("-0.5") }, ErrInvalidParams},
		{"min < 0", func(_ *Input, p *Params) { p.MinExperiencedWorkerRegrets = -1 }, ErrInvalidParams},
		{"rule set", func(_ *Input, p *Params) { p.RuleSet = "v7" }, ErrInvalidParams},
		{"digits", func(_ *Input, p *Params) { p.Digits = 1000 }, ErrInvalidParams},
		{"rounding", func(_ *Input, p *Params) { p.Rounding = "sideways" }, ErrInvalidParams},
		{"kappa out of range", func(_ *Input, p *Params) { p.PNormSafeDiv = d("1e999") }, ErrInvalidParams},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, p := ok(), DefaultParams()
			c.mutate(&in, &p)
			_, err := Update(in, p)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
	if _, err := Update(ok(), DefaultParams()); err != nil {
		t.Fatalf("unmutated input: %v", err)
	}
}

func TestDefaultParamsValidate(t *testing.T) {
	for _, p := range []Params{DefaultParams(), DefaultParamsV6()} {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.RuleSet, err)
		}
	}
	if DefaultParams().RuleSet != Newest || DefaultParamsV6().RuleSet != V6 {
		t.Error("rule sets of the defaults")
	}
	if err := (Params{}).Validate(); !errors.Is(err, ErrInvalidParams) {
		t.Errorf("zero Params: %v", err)
	}
}

func TestEmptyInput(t *testing.T) {
	out, err := Update(Input{}, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	if out.InitialRegretRule != InitialRegretUnchanged || !out.State.InitialRegret.IsZero() || !out.State.Scale.IsZero() {
		t.Errorf("empty update: %+v", out)
	}
}

// TestUpdatePairsAllocateByList: a pair store is written as one slice of
// Pairs whose values (loss.Num) hold no heap object of their own, so
// Update's allocations grow with the number of workers, not with the 5n²
// pair regrets it writes: well under one allocation per two regrets (with a
// decimal.Decimal per value there were two per regret, 10n²; 365 and about
// 630 allocations at n = 16 and 32 now).
func TestUpdatePairsAllocateByList(t *testing.T) {
	for _, n := range []int{16, 32} {
		in := denseInput(n)
		pairs := 0
		a := testing.AllocsPerRun(3, func() {
			out, err := Update(in, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			s := out.State
			pairs = len(s.OneOutInfererInferers) + len(s.OneOutInfererForecasters) + len(s.OneOutForecasterInferers) +
				len(s.OneOutForecasterForecasters) + len(s.OneInInferers)
		})
		if pairs < 4*n*n || a > float64(pairs)/2 {
			t.Errorf("n = %d: %v allocations for %d pair regrets", n, a, pairs)
		}
	}
}
