package loss_test

import (
	"errors"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func vec(ss ...string) loss.Vector {
	v := make(loss.Vector, len(ss))
	for i, s := range ss {
		v[i] = d(s)
	}
	return v
}

// TestTransformSpec checks the log10 reporting rule with the examples of
// spec loss_methods.md §7 (inputs as written, 16-digit exact log10 values).
func TestTransformSpec(t *testing.T) {
	m, _ := loss.NewMethod("sqe", loss.Options{})
	cases := []struct {
		l, want string
	}{
		{"25", "1.397940008672038"},
		{"0.25", "-0.6020599913279624"},
		{"1", "0"},
		{"0", "-100"}, // SDK: log10(0 + 1e-100)
		{"0.35667494393873245", "-0.4477273983469625"},    // bce float64 result
		{"0.2994769986957551", "-0.523636527942835"},      // ztae
		{"0.3112421155022001", "-0.5069016414616953"},     // zptae
		{"34.538776394910684", "1.538306947755144"},       // bce (1, 0)
		{"0.3566749439387324", "-0.4477273983469626"},     // exact −ln 0.7 (§7 note)
		{"1e-90", "-89.99999999995657055181184628964425"}, // log10(1e-90 + 1e-100) (mpmath), like the SDK
	}
	for _, c := range cases {
		got, err := m.Transform(d(c.l), loss.GradeOptions{})
		if err != nil {
			t.Errorf("Transform(%s): %v", c.l, err)
			continue
		}
		if rel := relErr(mustDec(got), dec.MustParse(c.want)); rel.Cmp(specTol) > 0 {
			t.Errorf("Transform(%s) = %s, want %s", c.l, got, c.want)
		}
	}
	// Exact values: L = 1 → 0, L = 0 → −100, powers of ten exact.
	for l, want := range map[string]string{"1": "0", "0": "-100", "1000": "3", "1e-30": "-30"} {
		got, _ := m.Transform(d(l), loss.GradeOptions{})
		if !mustDec(got).Equal(dec.MustParse(want)) {
			t.Errorf("Transform(%s) = %s, want exactly %s", l, got, want)
		}
	}
	node := loss.GradeOptions{ZeroLoss: loss.ZeroLossError}
	errs := []struct {
		l    string
		opt  loss.GradeOptions
		want error
	}{
		{"0", node, loss.ErrZeroLoss},                                                  // §7 node: log10(0) fails the bundle
		{"-2.93", loss.GradeOptions{}, loss.ErrNegativeLoss},                           // §7 poisson in log space
		{"-2.93", node, loss.ErrNegativeLoss},                                          //
		{"1e-45", loss.GradeOptions{Raw: true}, loss.ErrOutOfBounds},                   // §6 raw loss 1e-45
		{"1.000000000000000000000000000000000000000000001", node, loss.ErrOutOfBounds}, // §6 log10 ≈ 4e-46
		{"1e41", loss.GradeOptions{Raw: true}, loss.ErrOutOfBounds},
		{"1", loss.GradeOptions{ZeroLoss: "never"}, loss.ErrParams},
	}
	for _, c := range errs {
		if _, err := m.Transform(d(c.l), c.opt); !errors.Is(err, c.want) {
			t.Errorf("Transform(%s, %+v): %v, want %v", c.l, c.opt, err, c.want)
		}
	}
	if v, err := m.Transform(d("-2.93"), loss.GradeOptions{Raw: true}); err != nil || v.String() != "-2.93" {
		t.Errorf("raw −2.93: %s, %v", v, err)
	}
	for _, v := range []string{"0", "1e-40", "-1e40", "1e40", "-3.8"} {
		if err := loss.CheckBounds(d(v)); err != nil {
			t.Errorf("CheckBounds(%s): %v", v, err)
		}
	}
	for _, v := range []string{"9.99e-41", "1.0000001e40", "-1e41"} {
		if err := loss.CheckBounds(d(v)); !errors.Is(err, loss.ErrOutOfBounds) {
			t.Errorf("CheckBounds(%s): %v", v, err)
		}
	}
}

// workedBundle is the value bundle of spec §9 (y = 10, sqe).
func workedBundle() loss.InferenceBundle {
	return loss.InferenceBundle{
		Combined:          vec("9.5"),
		Naive:             vec("9.0"),
		Inferers:          []loss.VectorValue{{ID: "B", Values: vec("10.0")}, {ID: "A", Values: vec("9.7")}},
		Forecasters:       []loss.VectorValue{{ID: "F", Values: vec("9.8")}},
		OneOutInferers:    []loss.VectorValue{{ID: "A", Values: vec("9.6")}, {ID: "B", Values: vec("9.45")}},
		OneOutForecasters: []loss.VectorValue{{ID: "F", Values: vec("9.4")}},
		OneInForecasters:  []loss.VectorValue{{ID: "F", Values: vec("9.55")}},
		OneOutInfererForecasters: []loss.PairVector{
			{Forecaster: "F", Inferer: "B", Values: vec("9.35")},
			{Forecaster: "F", Inferer: "A", Values: vec("9.65")},
		},
	}
}

// TestGradeWorkedExample reproduces spec §9 (exact column; inferer B's zero
// loss reports −100 under the SDK policy and fails under the node policy).
func TestGradeWorkedExample(t *testing.T) {
	m, _ := loss.NewMethod("sqe", loss.Options{})
	got, err := loss.Grade(workedBundle(), vec("10.0"), m, loss.GradeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		v    decimal.Decimal
		w    string
	}{
		{"combined", got.Combined, "-0.6020599913279624"},
		{"naive", got.Naive, "0"},
		{"inferer A", got.Inferers[0].Value, "-1.045757490560675"},
		{"inferer B", got.Inferers[1].Value, "-100"},
		{"forecaster F", got.Forecasters[0].Value, "-1.397940008672038"},
		{"one-out A", got.OneOutInferers[0].Value, "-0.7958800173440752"},
		{"one-out B", got.OneOutInferers[1].Value, "-0.5192746210115123"},
		{"one-out F", got.OneOutForecasters[0].Value, "-0.4436974992327127"},
		{"one-in F", got.OneInForecasters[0].Value, "-0.6935749724493126"},
		{"pair (F, A)", got.OneOutInfererForecasters[0].Value.Decimal(), "-0.9118639112994487"},
		{"pair (F, B)", got.OneOutInfererForecasters[1].Value.Decimal(), "-0.3741732867142889"},
	}
	for _, w := range want {
		if rel := relErr(mustDec(w.v), dec.MustParse(w.w)); rel.Cmp(specTol) > 0 {
			t.Errorf("%s = %s, want %s", w.name, w.v, w.w)
		}
	}
	if got.Inferers[0].ID != "A" || got.OneOutInfererForecasters[0].Inferer != "A" {
		t.Errorf("outputs not sorted by id: %+v", got)
	}
	if !got.Naive.IsZero() || !got.Inferers[1].Value.Equal(d("-100")) {
		t.Errorf("naive %s (want exactly 0), inferer B %s (want exactly −100)", got.Naive, got.Inferers[1].Value)
	}
	if _, err := loss.Grade(workedBundle(), vec("10.0"), m, loss.GradeOptions{ZeroLoss: loss.ZeroLossError}); !errors.Is(err, loss.ErrZeroLoss) {
		t.Errorf("node policy: %v, want ErrZeroLoss", err)
	}
	raw, err := loss.Grade(workedBundle(), vec("10.0"), m, loss.GradeOptions{Raw: true})
	if err != nil || !raw.Combined.Equal(d("0.25")) || !raw.OneOutInfererForecasters[1].Value.Equal(loss.MustNum(d("0.4225"))) {
		t.Errorf("raw: %+v, %v", raw, err)
	}
}

// TestMultiLabelSpec checks the candidate reductions of spec §8's table.
func TestMultiLabelSpec(t *testing.T) {
	sqe, _ := loss.NewMethod("sqe", loss.Options{})
	bce, _ := loss.NewMethod("bce", loss.Options{})
	cce, _ := loss.NewMethod("cce", loss.Options{})
	cases := []struct {
		src           string
		m             loss.Method
		r             loss.Reducer
		truth, pred   loss.Vector
		want, logWant string
	}{
		{"§8 2-class mean SE", sqe, loss.ReduceDefault, vec("1", "0"), vec("0.7", "0.3"), "0.09", ""},
		{"§8 2-class sum SE", sqe, loss.ReduceSum, vec("1", "0"), vec("0.7", "0.3"), "0.18", ""},
		{"§8 2-class mean BCE", bce, loss.ReduceMean, vec("1", "0"), vec("0.7", "0.3"), "0.3566749439387324", ""},
		{"§8 2-class CCE", cce, loss.ReduceDefault, vec("1", "0"), vec("0.7", "0.3"), "0.3566749439387324", ""},
		{"§8 3-class mean SE", sqe, loss.ReduceMean, vec("1", "0", "0"), vec("0.7", "0.2", "0.1"), "0.04666666666666667", "-1.330993219041424"},
		{"§8 3-class sum SE", sqe, loss.ReduceSum, vec("1", "0", "0"), vec("0.7", "0.2", "0.1"), "0.14", ""},
		{"§8 3-class mean BCE", bce, loss.ReduceMean, vec("1", "0", "0"), vec("0.7", "0.2", "0.1"), "0.2283930036369228", "-0.6413172039656653"},
		{"§8 3-class CCE", cce, loss.ReduceDefault, vec("1", "0", "0"), vec("0.7", "0.2", "0.1"), "0.3566749439387324", "-0.4477273983469626"},
	}
	for _, c := range cases {
		got, err := c.m.VectorLoss(c.truth, c.pred, c.r)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if rel := relErr(mustDec(got), dec.MustParse(c.want)); rel.Cmp(specTol) > 0 {
			t.Errorf("%s = %s, want %s", c.src, got, c.want)
		}
		if c.logWant == "" {
			continue
		}
		// The reduction comes before the log10 (§8 AMBIGUITY note).
		b := loss.InferenceBundle{Labels: []string{"a", "b", "c"}, Combined: c.pred, Naive: c.pred}
		g, err := loss.Grade(b, c.truth, c.m, loss.GradeOptions{Reducer: c.r})
		if err != nil {
			t.Fatal(err)
		}
		if rel := relErr(mustDec(g.Combined), dec.MustParse(c.logWant)); rel.Cmp(specTol) > 0 {
			t.Errorf("%s log10 = %s, want %s", c.src, g.Combined, c.logWant)
		}
	}
	// LabeledLoss joins by label name, in any order.
	got, err := sqe.LabeledLoss(
		[]loss.LabeledValue{{"up", d("1")}, {"down", d("0")}, {"flat", d("0")}},
		[]loss.LabeledValue{{"flat", d("0.1")}, {"up", d("0.7")}, {"down", d("0.2")}}, loss.ReduceSum)
	if err != nil || !got.Equal(d("0.14")) {
		t.Errorf("LabeledLoss = %s, %v; want 0.14", got, err)
	}
	bad := [][2][]loss.LabeledValue{
		{{{"a", d("1")}}, {{"b", d("1")}}},                               // different names
		{{{"a", d("1")}, {"a", d("0")}}, {{"a", d("1")}, {"b", d("0")}}}, // duplicate
		{{{"a", d("1")}}, {{"a", d("1")}, {"b", d("0")}}},                // extra
		{{{"", d("1")}}, {{"", d("1")}}},                                 // empty label
	}
	for i, b := range bad {
		if _, err := sqe.LabeledLoss(b[0], b[1], loss.ReduceMean); !errors.Is(err, loss.ErrLabels) {
			t.Errorf("bad labels %d: %v", i, err)
		}
	}
	if _, err := sqe.VectorLoss(vec("1"), vec("1", "2"), loss.ReduceMean); !errors.Is(err, loss.ErrLabels) {
		t.Errorf("length mismatch: %v", err)
	}
	if _, err := sqe.VectorLoss(nil, nil, loss.ReduceMean); !errors.Is(err, loss.ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := sqe.VectorLoss(vec("1"), vec("1"), "median"); !errors.Is(err, loss.ErrInvalidParameter) {
		t.Errorf("unknown reducer: %v", err)
	}
}

// TestGradeErrors checks Grade's input validation.
func TestGradeErrors(t *testing.T) {
	m, _ := loss.NewMethod("sqe", loss.Options{})
	poisson, _ := loss.NewMethod("poisson", loss.Options{})
	bce, _ := loss.NewMethod("bce", loss.Options{})
	ok := loss.InferenceBundle{Combined: vec("1"), Naive: vec("2")}
	with := func(f func(b *loss.InferenceBundle)) loss.InferenceBundle { b := ok; f(&b); return b }
	cases := []struct {
		name  string
		b     loss.InferenceBundle
		truth loss.Vector
		m     loss.Method
		opt   loss.GradeOptions
		want  error
	}{
		{"no combined", with(func(b *loss.InferenceBundle) { b.Combined = nil }), vec("1"), m, loss.GradeOptions{}, loss.ErrEmpty},
		{"truth length", ok, vec("1", "2"), m, loss.GradeOptions{}, loss.ErrLabels},
		{"vector length", with(func(b *loss.InferenceBundle) { b.Naive = vec("1", "2") }), vec("1"), m, loss.GradeOptions{}, loss.ErrLabels},
		{"labels vs truth", with(func(b *loss.InferenceBundle) { b.Labels = []string{"a", "b"} }), vec("1"), m, loss.GradeOptions{}, loss.ErrLabels},
		{"duplicate label", with(func(b *loss.InferenceBundle) { b.Labels = []string{"a", "a"} }), vec("1", "1"), m, loss.GradeOptions{}, loss.ErrLabels},
		{"empty id", with(func(b *loss.InferenceBundle) { b.Inferers = []loss.VectorValue{{ID: "", Values: vec("1")}} }), vec("1"), m, loss.GradeOptions{}, loss.ErrEmptyID},
		{"duplicate id", with(func(b *loss.InferenceBundle) {
			b.Inferers = []loss.VectorValue{{ID: "x", Values: vec("1")}, {ID: "x", Values: vec("2")}}
		}), vec("1"), m, loss.GradeOptions{}, loss.ErrDuplicateID},
		{"duplicate pair", with(func(b *loss.InferenceBundle) {
			b.OneOutInfererForecasters = []loss.PairVector{{Forecaster: "f", Inferer: "i", Values: vec("1")}, {Forecaster: "f", Inferer: "i", Values: vec("3")}}
		}), vec("1"), m, loss.GradeOptions{}, loss.ErrDuplicateID},
		{"empty pair id", with(func(b *loss.InferenceBundle) {
			b.OneOutInfererForecasters = []loss.PairVector{{Forecaster: "f", Values: vec("1")}}
		}), vec("1"), m, loss.GradeOptions{}, loss.ErrEmptyID},
		{"poisson in log space", ok, vec("5"), poisson, loss.GradeOptions{}, loss.ErrNegativeLoss},
		{"bce domain", ok, vec("1"), bce, loss.GradeOptions{}, loss.ErrDomain},
		{"node zero", with(func(b *loss.InferenceBundle) { b.Combined = vec("1") }), vec("1"), m, loss.GradeOptions{ZeroLoss: loss.ZeroLossError}, loss.ErrZeroLoss},
		{"raw out of bounds", with(func(b *loss.InferenceBundle) { b.Combined = vec("1.000000000000000000000001") }), vec("1"), m, loss.GradeOptions{Raw: true}, loss.ErrOutOfBounds},
		{"bad option", ok, vec("1"), m, loss.GradeOptions{Reducer: "max"}, loss.ErrParams},
	}
	for _, c := range cases {
		if _, err := loss.Grade(c.b, c.truth, c.m, c.opt); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// Poisson reports raw losses (can be negative): 4 − 5 ln 4 for (5, 4).
	g, err := loss.Grade(loss.InferenceBundle{Combined: vec("4"), Naive: vec("4")}, vec("5"), poisson, loss.GradeOptions{Raw: true})
	if err != nil || relErr(mustDec(g.Combined), dec.MustParse("-2.931471805599453")).Cmp(specTol) > 0 {
		t.Errorf("raw poisson: %s, %v", g.Combined, err)
	}
}
