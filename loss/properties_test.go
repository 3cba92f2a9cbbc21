package loss_test

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genDigits draws a string of n decimal digits without a leading zero.
func genDigits(t *rapid.T, n int, label string) string {
	var b strings.Builder
	b.WriteByte(byte('1' + rapid.IntRange(0, 8).Draw(t, label+"_lead")))
	for i := 1; i < n; i++ {
		b.WriteByte(byte('0' + rapid.IntRange(0, 9).Draw(t, label+"_digit")))
	}
	return b.String()
}

// genReported draws a reportable value: 0, or up to 25 significant digits
// (so both the word path and the decimal-core path of NetworkLosses run) with
// a magnitude in [1e-40, 1e40).
func genReported(t *rapid.T, label string) decimal.Decimal {
	if rapid.IntRange(0, 19).Draw(t, label+"_zero") == 0 {
		return decimal.Decimal{}
	}
	n := rapid.IntRange(1, 25).Draw(t, label+"_n")
	adj := rapid.IntRange(-40, 39).Draw(t, label+"_adj")
	s := genDigits(t, n, label) + "e" + fmt.Sprint(adj-n+1)
	if rapid.Bool().Draw(t, label+"_neg") {
		s = "-" + s
	}
	return decimal.RequireFromString(s)
}

// genStake draws a stake in [1, 10^maxDigits).
func genStake(t *rapid.T, label string, maxDigits int) decimal.Decimal {
	return decimal.RequireFromString(genDigits(t, rapid.IntRange(1, maxDigits).Draw(t, label+"_n"), label))
}

var workerPool = []string{"w0", "w1", "w2", "w3", "w4", "w5"}

// genList draws a list of distinct workers with values.
func genList(t *rapid.T, label string) []loss.Value {
	ids := rapid.SliceOfNDistinct(rapid.SampledFrom(workerPool), 0, len(workerPool), rapid.ID[string]).Draw(t, label)
	out := make([]loss.Value, len(ids))
	for i, id := range ids {
		out[i] = loss.Value{ID: id, Value: genReported(t, label+"_v")}
	}
	return out
}

// genReports draws 1–6 reports with distinct reputers; stakes have up to
// maxStakeDigits digits.
func genReports(t *rapid.T, maxStakeDigits int) []loss.Report {
	n := rapid.IntRange(1, 6).Draw(t, "reputers")
	out := make([]loss.Report, n)
	for i := range out {
		b := loss.Bundle{
			Combined:          genReported(t, "combined"),
			Naive:             genReported(t, "naive"),
			Inferers:          genList(t, "inferers"),
			Forecasters:       genList(t, "forecasters"),
			OneOutInferers:    genList(t, "one_out_inferers"),
			OneOutForecasters: genList(t, "one_out_forecasters"),
			OneInForecasters:  genList(t, "one_in"),
		}
		pairs := rapid.SliceOfNDistinct(rapid.SampledFrom(workerPool), 0, 3, rapid.ID[string]).Draw(t, "pair_f")
		for _, f := range pairs {
			for _, j := range rapid.SliceOfNDistinct(rapid.SampledFrom(workerPool), 0, 3, rapid.ID[string]).Draw(t, "pair_i") {
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{Forecaster: f, Inferer: j, Value: loss.MustNum(genReported(t, "pair_v"))})
			}
		}
		out[i] = loss.Report{Reputer: fmt.Sprintf("rep%d", i), Stake: genStake(t, "stake", maxStakeDigits), Losses: b}
	}
	return out
}

// shuffled returns a permutation of s drawn by t.
func shuffled[T any](t *rapid.T, s []T, label string) []T {
	out := make([]T, len(s))
	copy(out, s)
	for i := len(out) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, label)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// TestNetworkLossesReference checks NetworkLosses (word path and decimal-core
// fallback) against the direct transcription of (31), for the reference
// contract and for random precisions and rounding modes.
func TestNetworkLossesReference(t *testing.T) {
	modes := []string{"down", "half-even", "half-up", "up", "floor", "ceiling"}
	rapid.Check(t, func(t *rapid.T) {
		reports := genReports(t, 31)
		for i := range reports { // keep stakes within 10^30
			if reports[i].Stake.Cmp(decimal.RequireFromString("1e30")) > 0 {
				reports[i].Stake = decimal.RequireFromString("1e30")
			}
		}
		p := loss.Params{}
		if rapid.Bool().Draw(t, "other_precision") {
			p.Digits = rapid.IntRange(1, 60).Draw(t, "digits")
			p.Rounding = rapid.SampledFrom(modes).Draw(t, "rounding")
		}
		got, err := loss.NetworkLosses(reports, p)
		if err != nil {
			t.Fatal(err)
		}
		ctx, _ := dec.ContextFor(p.Digits, p.Rounding)
		want, err := refNetworkLosses(reports, ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameBundle(got, want); err != nil {
			t.Fatal(err)
		}
	})
}

// TestNetworkLossesPermutation: permuting reputers and the entries of every
// list changes nothing (exact sums).
func TestNetworkLossesPermutation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reports := genReports(t, 30)
		base, err := loss.NetworkLosses(reports, loss.Params{})
		if err != nil {
			t.Fatal(err)
		}
		perm := shuffled(t, reports, "perm")
		for i := range perm {
			b := &perm[i].Losses
			b.Inferers = shuffled(t, b.Inferers, "p")
			b.Forecasters = shuffled(t, b.Forecasters, "p")
			b.OneOutInferers = shuffled(t, b.OneOutInferers, "p")
			b.OneOutForecasters = shuffled(t, b.OneOutForecasters, "p")
			b.OneInForecasters = shuffled(t, b.OneInForecasters, "p")
			b.OneOutInfererForecasters = shuffled(t, b.OneOutInfererForecasters, "p")
		}
		got, err := loss.NetworkLosses(perm, loss.Params{})
		if err != nil {
			t.Fatal(err)
		}
		if err := sameBundle(got, base); err != nil {
			t.Fatal(err)
		}
	})
}

// forEachEntry calls f with every network-loss value and the values the
// reports gave for it.
func forEachEntry(reports []loss.Report, out loss.Bundle, f func(name string, got decimal.Decimal, reported []decimal.Decimal)) {
	f("combined", out.Combined, collect(reports, func(b loss.Bundle) []loss.Value { return []loss.Value{{ID: "", Value: b.Combined}} }, ""))
	f("naive", out.Naive, collect(reports, func(b loss.Bundle) []loss.Value { return []loss.Value{{ID: "", Value: b.Naive}} }, ""))
	lists := map[string]func(loss.Bundle) []loss.Value{
		"inferers":   func(b loss.Bundle) []loss.Value { return b.Inferers },
		"forecaster": func(b loss.Bundle) []loss.Value { return b.Forecasters },
		"one_out_i":  func(b loss.Bundle) []loss.Value { return b.OneOutInferers },
		"one_out_f":  func(b loss.Bundle) []loss.Value { return b.OneOutForecasters },
		"one_in":     func(b loss.Bundle) []loss.Value { return b.OneInForecasters },
	}
	outs := map[string][]loss.Value{"inferers": out.Inferers, "forecaster": out.Forecasters, "one_out_i": out.OneOutInferers, "one_out_f": out.OneOutForecasters, "one_in": out.OneInForecasters}
	for name, get := range lists {
		for _, v := range outs[name] {
			f(name+" "+v.ID, v.Value, collect(reports, get, v.ID))
		}
	}
	for _, v := range out.OneOutInfererForecasters {
		var rs []decimal.Decimal
		for _, r := range reports {
			for _, p := range r.Losses.OneOutInfererForecasters {
				if p.Forecaster == v.Forecaster && p.Inferer == v.Inferer {
					rs = append(rs, p.Value.Decimal())
				}
			}
		}
		f("pair "+v.Forecaster+"/"+v.Inferer, v.Value.Decimal(), rs)
	}
}

func collect(reports []loss.Report, get func(loss.Bundle) []loss.Value, id string) []decimal.Decimal {
	var out []decimal.Decimal
	for _, r := range reports {
		for _, v := range get(r.Losses) {
			if v.ID == id {
				out = append(out, v.Value)
			}
		}
	}
	return out
}

// slack is the rounding allowance of a weighted mean: every product and
// the quotient are truncated at 34 digits, so the result may leave
// [min, max] by a few units of 10^-33·max|v|.
func slack(vs []decimal.Decimal) dec.Dec {
	var m dec.Dec
	for _, v := range vs {
		m = dec.Max(m, mustDec(v).Abs())
	}
	s, _ := dec.Reference().Mul(m, dec.MustParse("1e-32"))
	return s
}

// TestNetworkLossesBetweenMinMax: every network loss lies between the
// smallest and largest reported value of its entry (up to the rounding
// allowance), and only reported entries appear.
func TestNetworkLossesBetweenMinMax(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reports := genReports(t, 30)
		out, err := loss.NetworkLosses(reports, loss.Params{})
		if err != nil {
			t.Fatal(err)
		}
		forEachEntry(reports, out, func(name string, got decimal.Decimal, rs []decimal.Decimal) {
			if len(rs) == 0 {
				t.Fatalf("%s: emitted without a report", name)
			}
			lo, hi := mustDec(rs[0]), mustDec(rs[0])
			for _, r := range rs {
				lo, hi = dec.Min(lo, mustDec(r)), dec.Max(hi, mustDec(r))
			}
			s, g := slack(rs), mustDec(got)
			if g.Cmp(lo.Sub(s)) < 0 || g.Cmp(hi.Add(s)) > 0 {
				t.Fatalf("%s = %s outside [%s, %s]", name, g, lo, hi)
			}
		})
	})
}

// TestNetworkLossesStakeScale: multiplying every stake by a power of ten
// changes nothing; by any other integer, at most the rounding allowance.
func TestNetworkLossesStakeScale(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reports := genReports(t, 15)
		base, err := loss.NetworkLosses(reports, loss.Params{})
		if err != nil {
			t.Fatal(err)
		}
		k := rapid.IntRange(1, 14).Draw(t, "k")
		c := decimal.New(int64(rapid.IntRange(2, 1_000_000).Draw(t, "c")), 0)
		for _, tc := range []struct {
			factor decimal.Decimal
			exact  bool
		}{{decimal.New(1, int32(k)), true}, {c, false}} {
			scaled := make([]loss.Report, len(reports))
			copy(scaled, reports)
			for i := range scaled {
				s := mustDec(scaled[i].Stake)
				p, _ := dec.Reference().Mul(s, mustDec(tc.factor)) // exact: at most 21 digits
				scaled[i].Stake = p.Decimal()
			}
			got, err := loss.NetworkLosses(scaled, loss.Params{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.exact {
				if err := sameBundle(got, base); err != nil {
					t.Fatalf("×%s: %v", tc.factor, err)
				}
				continue
			}
			forEachEntry(reports, got, func(name string, g decimal.Decimal, rs []decimal.Decimal) {
				var b decimal.Decimal
				forEachEntry(reports, base, func(n2 string, v decimal.Decimal, _ []decimal.Decimal) {
					if n2 == name {
						b = v
					}
				})
				if mustDec(g).Sub(mustDec(b)).Abs().Cmp(slack(rs)) > 0 {
					t.Fatalf("×%s %s: %s vs %s", tc.factor, name, g, b)
				}
			})
		}
	})
}

// genFinite draws a decimal in a method-friendly range.
func genFinite(t *rapid.T, label string, nonNeg bool) decimal.Decimal {
	n := rapid.IntRange(1, 20).Draw(t, label+"_n")
	adj := rapid.IntRange(-12, 6).Draw(t, label+"_adj")
	s := genDigits(t, n, label) + "e" + fmt.Sprint(adj-n+1)
	if !nonNeg && rapid.Bool().Draw(t, label+"_neg") {
		s = "-" + s
	}
	if rapid.IntRange(0, 9).Draw(t, label+"_zero") == 0 {
		s = "0"
	}
	return decimal.RequireFromString(s)
}

func genUnit(t *rapid.T, label string) decimal.Decimal {
	return decimal.New(int64(rapid.IntRange(0, 1_000_000).Draw(t, label)), -6)
}

// genMethod draws a method with random valid parameters.
func genMethod(t *rapid.T) loss.Method {
	name := rapid.SampledFrom([]string{"sqe", "abse", "huber", "logcosh", "bce", "cce", "poisson", "ztae", "zptae"}).Draw(t, "method")
	var o loss.Options
	switch name {
	case "huber":
		o.Delta = new(decimal.New(int64(rapid.IntRange(1, 5000).Draw(t, "delta")), -3))
	case "ztae", "zptae":
		o.Std = new(decimal.New(int64(rapid.IntRange(1, 5000).Draw(t, "std")), -3))
		o.Mean = new(decimal.New(int64(rapid.IntRange(-1000, 1000).Draw(t, "mean")), -3))
		if name == "zptae" {
			o.Alpha = new(decimal.New(int64(rapid.IntRange(0, 100).Draw(t, "alpha")), -2))
			o.Beta = new(decimal.New(int64(rapid.IntRange(1, 40).Draw(t, "beta")), -1))
		}
	}
	m, err := loss.NewMethod(name, o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// genPair draws (y, p) inside the method's domain.
func genPair(t *rapid.T, m loss.Method) (decimal.Decimal, decimal.Decimal) {
	switch m.Name() {
	case "bce", "cce":
		return genUnit(t, "y"), genUnit(t, "p")
	case "poisson":
		return genFinite(t, "y", true), genFinite(t, "p", true)
	}
	return genFinite(t, "y", false), genFinite(t, "p", false)
}

// TestMethodProperties: losses are non-negative (all methods but poisson),
// zero error gives exactly zero loss (sqe, abse, huber, logcosh, ztae,
// zptae), and the symmetric methods are exactly symmetric in (y, p).
func TestMethodProperties(t *testing.T) {
	zeroAtZero := map[string]bool{"sqe": true, "abse": true, "huber": true, "logcosh": true, "ztae": true, "zptae": true}
	rapid.Check(t, func(t *rapid.T) {
		m := genMethod(t)
		y, p := genPair(t, m)
		l, err := m.Loss(y, p)
		if err != nil {
			t.Fatalf("%s(%s, %s): %v", m, y, p, err)
		}
		if m.NeverNegative() && l.Sign() < 0 {
			t.Fatalf("%s(%s, %s) = %s < 0", m, y, p, l)
		}
		if zeroAtZero[m.Name()] {
			z, err := m.Loss(y, y)
			if err != nil || !z.IsZero() {
				t.Fatalf("%s(%s, %s) = %s, %v; want 0", m, y, y, z, err)
			}
			r, err := m.Loss(p, y)
			if err != nil || !r.Equal(l) {
				t.Fatalf("%s not symmetric: (%s, %s) = %s, swapped = %s (%v)", m, y, p, l, r, err)
			}
		}
	})
}

// TestGradeOrderInvariance: Grade's output does not depend on the order of
// the bundle's lists, and every reported value is within bounds.
func TestGradeOrderInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genMethod(t)
		if !m.NeverNegative() {
			return
		}
		truth, _ := genPair(t, m)
		vv := func(label string) []loss.VectorValue {
			ids := rapid.SliceOfNDistinct(rapid.SampledFrom(workerPool), 0, 4, rapid.ID[string]).Draw(t, label)
			out := make([]loss.VectorValue, len(ids))
			for i, id := range ids {
				_, p := genPair(t, m)
				out[i] = loss.VectorValue{ID: id, Values: loss.Vector{p}}
			}
			return out
		}
		_, c := genPair(t, m)
		_, n := genPair(t, m)
		b := loss.InferenceBundle{Combined: loss.Vector{c}, Naive: loss.Vector{n}, Inferers: vv("inf"), OneOutForecasters: vv("oof")}
		g1, err1 := loss.Grade(b, loss.Vector{truth}, m, loss.GradeOptions{})
		b2 := b
		b2.Inferers = shuffled(t, b.Inferers, "perm")
		b2.OneOutForecasters = shuffled(t, b.OneOutForecasters, "perm")
		g2, err2 := loss.Grade(b2, loss.Vector{truth}, m, loss.GradeOptions{})
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("errors differ: %v / %v", err1, err2)
		}
		if err1 != nil {
			return // e.g. a loss below 1e-40 reported raw is out of bounds
		}
		if err := sameBundle(g1, g2); err != nil {
			t.Fatal(err)
		}
		forEachEntry(nil, g1, func(name string, v decimal.Decimal, _ []decimal.Decimal) {
			if err := loss.CheckBounds(v); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		})
	})
}

// TestNetworkLossesSortedAndUnsortedLists: reports whose lists are sorted
// (the path that finds entries without a map) and the same reports with
// every list reversed (the map path from the first report on) give the same
// bundle, representation for representation; a repeated entry is
// ErrDuplicateID on both paths, in the first report or a later one.
func TestNetworkLossesSortedAndUnsortedLists(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reports := genReports(t, 30)
		sorted := make([]loss.Report, len(reports))
		reversed := make([]loss.Report, len(reports))
		for i, r := range reports {
			s, v := r, r
			s.Losses, v.Losses = sortBundle(r.Losses, false), sortBundle(r.Losses, true)
			sorted[i], reversed[i] = s, v
		}
		a, errA := loss.NetworkLosses(sorted, loss.Params{})
		b, errB := loss.NetworkLosses(reversed, loss.Params{})
		if (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) {
			t.Fatalf("errors differ: %v / %v", errA, errB)
		}
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("sorted lists: %v\nreversed lists: %v", a, b)
		}
		// A duplicate pair in report k (sorted lists: the duplicate is
		// adjacent to its twin).
		k := rapid.IntRange(0, len(sorted)-1).Draw(t, "dup_report")
		if ps := sorted[k].Losses.OneOutInfererForecasters; len(ps) > 0 {
			i := rapid.IntRange(0, len(ps)-1).Draw(t, "dup_pair")
			dup := append(slices.Clone(ps[:i+1]), ps[i:]...)
			withDup := slices.Clone(sorted)
			withDup[k].Losses.OneOutInfererForecasters = dup
			if _, err := loss.NetworkLosses(withDup, loss.Params{}); !errors.Is(err, loss.ErrDuplicateID) {
				t.Fatalf("duplicate pair %v in report %d: error %v, want ErrDuplicateID", ps[i], k, err)
			}
		}
	})
}

// sortBundle returns b with every list sorted by id (descending when rev).
func sortBundle(b loss.Bundle, rev bool) loss.Bundle {
	sign := 1
	if rev {
		sign = -1
	}
	byID := func(vs []loss.Value) []loss.Value {
		vs = slices.Clone(vs)
		slices.SortFunc(vs, func(x, y loss.Value) int { return sign * strings.Compare(x.ID, y.ID) })
		return vs
	}
	b.Inferers, b.Forecasters = byID(b.Inferers), byID(b.Forecasters)
	b.OneOutInferers, b.OneOutForecasters, b.OneInForecasters = byID(b.OneOutInferers), byID(b.OneOutForecasters), byID(b.OneInForecasters)
	b.OneOutInfererForecasters = slices.Clone(b.OneOutInfererForecasters)
	slices.SortFunc(b.OneOutInfererForecasters, func(x, y loss.PairValue) int {
		return sign * cmp.Or(strings.Compare(x.Forecaster, y.Forecaster), strings.Compare(x.Inferer, y.Inferer))
	})
	return b
}
