package weights

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestFastPathMatchesPlain checks that Synthesize (fast path: shared
// one-out values, cached exponentials, incremental one-out-inferer
// forecast-implied inferences under Newest) returns exactly the values of
// the plain from-scratch evaluation, on random epochs of every rule set,
// with and without a stored scale, dense and sparse forecasts, one to three
// labels, and forced ties in the forecasted losses (the incremental path's
// "maximum withheld" branch).
func TestFastPathMatchesPlain(t *testing.T) {
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		for _, g := range []genSpec{
			{n: 2, f: 2, dense: true},
			{n: 3, f: 3, dense: true},
			{n: 7, f: 5, dense: true, labels: 3},
			{n: 9, f: 4},
		} {
			for seed := uint64(1); seed <= 3; seed++ {
				g.seed, g.newest = seed, rs == Newest
				t.Run(fmt.Sprintf("%s/%d-%d-%d/%d", rs, g.n, g.f, g.labels, seed), func(t *testing.T) {
					p := DefaultParams()
					p.RuleSet = rs
					in := genInput(g)
					checkFastPlain(t, in, p)
				})
			}
		}
	}
	if *long {
		for _, rs := range []RuleSet{V6, Intermediate, Newest} {
			p := DefaultParams()
			p.RuleSet = rs
			checkFastPlain(t, genInput(genSpec{n: 16, f: 12, dense: true, labels: 2, seed: 99, newest: rs == Newest}), p)
		}
	}
	t.Run("rapid", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			in, p := drawEpoch(t)
			checkFastPlain(t, in, p)
		})
	})
}

func checkFastPlain(t fataler, in Input, p Params) {
	fast, err1 := synthesize(in, p, false)
	plain, err2 := synthesize(in, p, true)
	if (err1 == nil) != (err2 == nil) {
		t.Fatalf("errors differ: fast %v, plain %v", err1, err2)
	}
	if err1 != nil {
		return
	}
	if d := diffResults(fast, plain); d != "" {
		t.Fatalf("fast and plain paths differ: %s", d)
	}
}

// drawEpoch draws a small epoch whose numbers come from a few distinct
// values (so that ties, equal regrets and equal maxima occur), with sparse
// or dense forecasts, 1-3 labels, any rule set, with or without a stored
// scale and a previous loss, and sometimes all-new.
func drawEpoch(t *rapid.T) (Input, Params) {
	rs := rapid.SampledFrom([]RuleSet{V6, Intermediate, Newest}).Draw(t, "rules")
	p := DefaultParams()
	p.RuleSet = rs
	n := rapid.IntRange(1, 6).Draw(t, "n")
	f := rapid.IntRange(0, 5).Draw(t, "f")
	nl := rapid.IntRange(0, 3).Draw(t, "labels")
	num := func(label string) decimal.Decimal {
		return decimal.New(int64(rapid.IntRange(-40, 40).Draw(t, label)), -int32(rapid.IntRange(0, 2).Draw(t, label+"e")))
	}
	var in Input
	for l := 0; l < nl; l++ {
		in.Labels = append(in.Labels, fmt.Sprintf("l%d", l))
	}
	width := max(nl, 1)
	for j := 0; j < n; j++ {
		in.Inferences = append(in.Inferences, vecValue(genID("i", j), num, width))
	}
	for k := 0; k < f; k++ {
		fc := Forecast{Forecaster: genID("f", k)}
		for j := 0; j < n; j++ {
			if rapid.Bool().Draw(t, "has") {
				fc.Elements = append(fc.Elements, ForecastElement{Inferer: genID("i", j), Value: num("fl")})
			}
		}
		in.Forecasts = append(in.Forecasts, fc)
	}
	if rapid.IntRange(0, 4).Draw(t, "loss") > 0 {
		in.PreviousLoss = dp(num("L").String())
	}
	if rapid.IntRange(0, 5).Draw(t, "new") > 0 {
		in.Regrets.InitialRegret = num("init")
		if in.Regrets.InitialRegret.IsZero() {
			in.Regrets.InitialRegret = decimal.New(-1, 0)
		}
	}
	if rapid.Bool().Draw(t, "scale") {
		in.Regrets.Scale = decimal.New(int64(rapid.IntRange(1, 300).Draw(t, "s")), -2)
	}
	st := fullState(in)
	// Keep a random subset of the stored regrets (the rest default to the
	// initial regret) with random values.
	keep := rapid.IntRange(0, 2).Draw(t, "keep")
	mapState(&st, func(string) (decimal.Decimal, bool) {
		if keep == 0 || (keep == 1 && rapid.Bool().Draw(t, "k")) {
			return num("r"), true
		}
		return decimal.Decimal{}, false
	})
	in.Regrets = st
	return in, p
}
