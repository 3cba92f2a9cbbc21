package weights

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// shuffled returns a copy of in with every list permuted: inferences,
// forecasts, the elements inside each forecast, labels stay (they are an
// ordered registry), and every regret store.
func shuffled(in Input, rng *rand.Rand) Input {
	perm := func(n int, swap func(i, j int)) { rng.Shuffle(n, swap) }
	out := in
	out.Inferences = slices.Clone(in.Inferences)
	perm(len(out.Inferences), func(i, j int) { out.Inferences[i], out.Inferences[j] = out.Inferences[j], out.Inferences[i] })
	out.Forecasts = slices.Clone(in.Forecasts)
	for i := range out.Forecasts {
		el := slices.Clone(out.Forecasts[i].Elements)
		perm(len(el), func(a, b int) { el[a], el[b] = el[b], el[a] })
		out.Forecasts[i].Elements = el
	}
	perm(len(out.Forecasts), func(i, j int) { out.Forecasts[i], out.Forecasts[j] = out.Forecasts[j], out.Forecasts[i] })
	st := in.Regrets
	vs := func(x []loss.Value) []loss.Value {
		x = slices.Clone(x)
		perm(len(x), func(i, j int) { x[i], x[j] = x[j], x[i] })
		return x
	}
	ps := func(x []regret.Pair) []regret.Pair {
		x = slices.Clone(x)
		perm(len(x), func(i, j int) { x[i], x[j] = x[j], x[i] })
		return x
	}
	st.Inferers, st.Forecasters, st.Naive, st.OneInForecasters = vs(st.Inferers), vs(st.Forecasters), vs(st.Naive), vs(st.OneInForecasters)
	st.OneOutInfererInferers, st.OneOutInfererForecasters = ps(st.OneOutInfererInferers), ps(st.OneOutInfererForecasters)
	st.OneOutForecasterInferers, st.OneOutForecasterForecasters = ps(st.OneOutForecasterInferers), ps(st.OneOutForecasterForecasters)
	st.OneInInferers = ps(st.OneInInferers)
	out.Regrets = st
	return out
}

// TestPermutationInvariance: no result depends on the order of the inputs,
// including the order of the elements inside a forecast (products are
// rounded one by one and sums are exact, so the element order cannot reach
// a result).
func TestPermutationInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := drawEpoch(t)
		base, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		got, err := Synthesize(shuffled(in, rng), p)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffResults(base, got); d != "" {
			t.Fatalf("permuted input changes the result: %s", d)
		}
	})
	// Larger dense epochs of every rule set.
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		in := genInput(genSpec{n: 9, f: 6, labels: 2, seed: 7, newest: rs == Newest})
		p := DefaultParams()
		p.RuleSet = rs
		base, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		for s := uint64(0); s < 3; s++ {
			got, err := Synthesize(shuffled(in, rand.New(rand.NewPCG(s, 2))), p)
			if err != nil {
				t.Fatal(err)
			}
			if d := diffResults(base, got); d != "" {
				t.Fatalf("%s: permuted input changes the result: %s", rs, d)
			}
		}
	}
}

// floorRisk reports whether the one-out-inferer network without jp may
// have its weight sum floored by ε_div in (23): some forecaster's only
// element (among inferers with an inference) names jp, so under
// Intermediate and Newest it has no recomputed FII (and under V6 its FII is
// I_jp itself) while it still takes part in the scale and the maximum of
// (26). If it holds the maximum, the weights of the participants with a
// value can all be tiny (or cut to 0 under V6), Σw < ε_div, and the value is
// Σw·x/ε_div rather than a weighted mean (spec §5 (26), §4.4 (23)).
func floorRisk(in Input, jp string) bool {
	known := map[string]bool{}
	for _, x := range in.Inferences {
		known[x.ID] = true
	}
	for _, f := range in.Forecasts {
		var only []string
		for _, e := range f.Elements {
			if known[e.Inferer] {
				only = append(only, e.Inferer)
			}
		}
		if len(only) == 1 && only[0] == jp {
			return true
		}
	}
	return false
}

// ulps is the bound of the rounding argument used by the range and shift
// properties: a weighted mean Σ RD(w·x)/Σw, rounded once more, is within
// 2·10^-33·max|x| of the exact weighted mean at 34 digits.
func ulps(k int, mag decimal.Decimal) decimal.Decimal {
	return mag.Abs().Mul(decimal.New(int64(k), -33))
}

// TestCombinedWithinRange: every combination is a weighted mean, so the
// combined inference lies within [min, max] of the values that carry
// weight (within two units of the 34th digit, the truncation of the
// products and of the quotient); the FIIs within the range of their
// forecast's inferences, every other network value within the range of all
// inferences and FIIs. Σw >= ε_div holds wherever the maximal participant
// has a value (its weight is 1 under (22) and at least p/(e^8.25+1) under
// (19)), so the floor of (23) does not shrink those values; the one-out
// values where it may (floorRisk) are skipped.
func TestCombinedWithinRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := drawEpoch(t)
		res, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		nl := len(res.Bundle.Combined)
		for l := 0; l < nl; l++ {
			var lo, hi, mag decimal.Decimal
			first := true
			see := func(v decimal.Decimal) {
				if first || v.LessThan(lo) {
					lo = v
				}
				if first || v.GreaterThan(hi) {
					hi = v
				}
				if v.Abs().GreaterThan(mag) {
					mag = v.Abs()
				}
				first = false
			}
			within := func(name string, v decimal.Decimal) {
				tol := ulps(2, mag)
				if v.LessThan(lo.Sub(tol)) || v.GreaterThan(hi.Add(tol)) {
					t.Fatalf("%s label %d = %s outside [%s, %s]", name, l, v, lo, hi)
				}
			}
			// Combined: the values with a nonzero weight (all inferers in
			// the all-new mean).
			w := map[string]bool{}
			for _, x := range res.InfererWeights {
				w["i"+x.ID] = !x.Value.IsZero()
			}
			for _, x := range res.ForecasterWeights {
				w["f"+x.ID] = !x.Value.IsZero() && !res.AllNew
			}
			for _, x := range res.Bundle.Inferers {
				if w["i"+x.ID] || res.AllNew || res.Case == CaseMedian || res.Case == CaseSingle {
					see(x.Values[l])
				}
			}
			for _, x := range res.Bundle.Forecasters {
				if w["f"+x.ID] {
					see(x.Values[l])
				}
			}
			within("combined", res.Bundle.Combined[l])
			// Every other network value: the range of all inferences and
			// FIIs.
			for _, x := range res.Bundle.Inferers {
				see(x.Values[l])
			}
			for _, x := range res.Bundle.Forecasters {
				see(x.Values[l])
			}
			if res.Case != CaseMedian {
				within("naive", res.Bundle.Naive[l])
			}
			for _, x := range res.Bundle.OneOutInferers {
				if !floorRisk(in, x.ID) {
					within("one-out "+x.ID, x.Values[l])
				}
			}
			for _, group := range [][]loss.VectorValue{res.Bundle.OneOutForecasters, res.Bundle.OneInForecasters} {
				for _, x := range group {
					within("network "+x.ID, x.Values[l])
				}
			}
			for _, x := range res.Bundle.OneOutInfererForecasters {
				within("one-out FII "+x.Forecaster+"/"+x.Inferer, x.Values[l])
			}
		}
		// FIIs: within the range of the forecast's inferences.
		byID := map[string]loss.Vector{}
		for _, x := range res.Bundle.Inferers {
			byID[x.ID] = x.Values
		}
		for _, fv := range res.Bundle.Forecasters {
			for _, f := range in.Forecasts {
				if f.Forecaster != fv.ID {
					continue
				}
				for l := 0; l < nl; l++ {
					var vals []decimal.Decimal
					for _, e := range f.Elements {
						if x, ok := byID[e.Inferer]; ok {
							vals = append(vals, x[l])
						}
					}
					lo, hi := decimal.Min(vals[0], vals[1:]...), decimal.Max(vals[0], vals[1:]...)
					mag := decimal.Max(lo.Abs(), hi.Abs())
					if v := fv.Values[l]; v.LessThan(lo.Sub(ulps(2, mag))) || v.GreaterThan(hi.Add(ulps(2, mag))) {
						t.Fatalf("FII %s label %d = %s outside [%s, %s]", fv.ID, l, v, lo, hi)
					}
				}
			}
		}
	})
}

// TestShiftEquivariance: adding a constant C to every inference adds C to
// every network inference, FII and error bar. Not exactly: the weights do
// not change, but each product w·(x+C) is truncated where w·x was, so a
// weighted mean moves by C within 4·10^-33·(max|x| + |C|) (two truncated
// weighted means, each off by at most 2 units of the 34th digit). Medians
// and error bars (interpolation of exact differences) shift within one
// unit, as long as the shift keeps the order of the values (a shifted
// value is rounded to 34 digits, so two values one unit apart can become
// equal, and the weighted percentile then orders them by weight instead:
// a different interpolation, not a rounding error; sameOrder). The V6
// no-loss naive value is the constant 0 and is skipped, and so
// are the one-out values whose weight sum the ε_div floor may replace
// (floorRisk): there (23) is Σw·x/ε_div, not a weighted mean.
func TestShiftEquivariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := drawEpoch(t)
		c := decimal.New(int64(rapid.IntRange(-5000, 5000).Draw(t, "C")), -int32(rapid.IntRange(0, 3).Draw(t, "Ce")))
		base, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		sh := in
		sh.Inferences = nil
		var mag decimal.Decimal
		for _, x := range in.Inferences {
			v := make(loss.Vector, len(x.Values))
			for l := range v {
				v[l] = x.Values[l].Add(c)
				mag = decimal.Max(mag, x.Values[l].Abs())
			}
			sh.Inferences = append(sh.Inferences, loss.VectorValue{ID: x.ID, Values: v})
		}
		got, err := Synthesize(sh, p)
		if err != nil {
			t.Fatal(err)
		}
		tol := ulps(4, mag.Add(c.Abs()))
		cmp := func(name string, b, g loss.Vector) {
			for l := range b {
				if d := g[l].Sub(b[l].Add(c)).Abs(); d.GreaterThan(tol) {
					t.Fatalf("%s label %d: %s + %s vs %s (diff %s > %s)", name, l, b[l], c, g[l], d, tol)
				}
			}
		}
		cmp("combined", base.Bundle.Combined, got.Bundle.Combined)
		if base.Case != CaseMedian {
			cmp("naive", base.Bundle.Naive, got.Bundle.Naive)
		}
		for i, x := range base.Bundle.OneOutInferers {
			if !floorRisk(in, x.ID) {
				cmp(x.ID, x.Values, got.Bundle.OneOutInferers[i].Values)
			}
		}
		for _, grp := range []struct{ b, g []loss.VectorValue }{
			{base.Bundle.Forecasters, got.Bundle.Forecasters},
			{base.Bundle.OneOutForecasters, got.Bundle.OneOutForecasters},
			{base.Bundle.OneInForecasters, got.Bundle.OneInForecasters},
		} {
			if len(grp.b) != len(grp.g) {
				t.Fatalf("lengths differ")
			}
			for i := range grp.b {
				cmp(grp.b[i].ID, grp.b[i].Values, grp.g[i].Values)
			}
		}
		for i := range base.Bundle.OneOutInfererForecasters {
			cmp("one-out FII", base.Bundle.OneOutInfererForecasters[i].Values, got.Bundle.OneOutInfererForecasters[i].Values)
		}
		for i := range base.ErrorBars {
			for l := range base.ErrorBars[i].Values {
				if sameOrder(base, got, l) {
					cmp("error bar", base.ErrorBars[i].Values[l:l+1], got.ErrorBars[i].Values[l:l+1])
				}
			}
		}
		if d := diffWeights(base, got); d != "" {
			t.Fatalf("weights changed under a shift: %s", d)
		}
	})
}

// sameOrder reports whether the inferences and FIIs of label l compare
// pairwise the same way in both results (the error bars' sort order).
func sameOrder(a, b Result, l int) bool {
	vals := func(r Result) []decimal.Decimal {
		var out []decimal.Decimal
		for _, x := range r.Bundle.Inferers {
			out = append(out, x.Values[l])
		}
		for _, x := range r.Bundle.Forecasters {
			out = append(out, x.Values[l])
		}
		return out
	}
	va, vb := vals(a), vals(b)
	for i := range va {
		for j := range va {
			if va[i].Cmp(va[j]) != vb[i].Cmp(vb[j]) {
				return false
			}
		}
	}
	return true
}

func diffWeights(a, b Result) string {
	x := Result{InfererWeights: a.InfererWeights, ForecasterWeights: a.ForecasterWeights}
	y := Result{InfererWeights: b.InfererWeights, ForecasterWeights: b.ForecasterWeights}
	return diffResults(x, y)
}

// regretsOf24 returns the regrets of the combined calculation (24) per
// weight entry of res, with the initial regret for absent entries.
func regretsOf24(in Input, res Result) (inf, fc []decimal.Decimal) {
	look := func(vs []loss.Value, id string) decimal.Decimal {
		for _, v := range vs {
			if v.ID == id {
				return v.Value
			}
		}
		return in.Regrets.InitialRegret
	}
	for _, w := range res.InfererWeights {
		inf = append(inf, look(in.Regrets.Inferers, w.ID))
	}
	for _, w := range res.ForecasterWeights {
		fc = append(fc, look(in.Regrets.Forecasters, w.ID))
	}
	return inf, fc
}

// TestWeightsMonotone: weights are finite (decimals always are) and
// non-negative; a larger regret never gets a smaller weight, so the worker
// with the highest regret gets the highest weight; under Intermediate and
// Newest the maximal weight is 1 (within 1e-33, see below) and none exceeds it. Regrets here
// have at most 3 digits, far from the 34-digit rounding granularity.
func TestWeightsMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := drawEpoch(t)
		res, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		ri, rf := regretsOf24(in, res)
		rs := append(ri, rf...)
		ws := append(slices.Clone(res.InfererWeights), res.ForecasterWeights...)
		if len(ws) == 0 {
			return
		}
		var maxW decimal.Decimal
		for i, w := range ws {
			if w.Value.IsNegative() {
				t.Fatalf("negative weight %s", w.Value)
			}
			maxW = decimal.Max(maxW, w.Value)
			for k := range ws {
				if rs[i].GreaterThan(rs[k]) && w.Value.LessThan(ws[k].Value) {
					t.Fatalf("regret %s > %s but weight %s < %s", rs[i], rs[k], w.Value, ws[k].Value)
				}
				if rs[i].Equal(rs[k]) && !w.Value.Equal(ws[k].Value) {
					t.Fatalf("equal regrets %s, weights %s != %s", rs[i], w.Value, ws[k].Value)
				}
			}
		}
		top := 0
		for i := range rs {
			if rs[i].GreaterThan(rs[top]) {
				top = i
			}
		}
		if !ws[top].Value.Equal(maxW) {
			t.Fatalf("highest regret %s has weight %s, max weight %s", rs[top], ws[top].Value, maxW)
		}
		// The chain's Exp1DivExp1 takes the product before the quotient, so
		// the maximum's own weight f(a, a) can fall a few units of 1e-34
		// below 1 when a > 0 (never above).
		if one := decimal.New(1, 0); p.RuleSet != V6 && (maxW.GreaterThan(one) || one.Sub(maxW).GreaterThan(decimal.New(1, -33))) {
			t.Fatalf("relative weights: max %s, want 1 within 1e-33", maxW)
		}
	})
}

// TestOneOutEqualsRecomputation: with dense forecasts and at least three
// inferers, every one-out, one-in and naive value equals a separate
// synthesis of the corresponding sub-network with the corresponding regret
// store installed as the network regrets: (25) without forecasts and the
// naive regrets; (26) without inferer j' and R⁻_{j',·}; (27) without
// forecaster k' and R⁻_{k',·}; (28) with forecaster k alone and R⁺_{k,·};
// (29) the FII of k in the (26) sub-network. Exact equality: the same
// participants, regrets, scale and weights.
func TestOneOutEqualsRecomputation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SampledFrom([]RuleSet{V6, Intermediate, Newest}).Draw(t, "rules")
		p := DefaultParams()
		p.RuleSet = rs
		g := genSpec{
			n: rapid.IntRange(3, 5).Draw(t, "n"), f: rapid.IntRange(1, 3).Draw(t, "f"),
			labels: rapid.IntRange(0, 2).Draw(t, "labels"), dense: true,
			seed: rapid.Uint64().Draw(t, "seed"), newest: rs == Newest && rapid.Bool().Draw(t, "stored"),
		}
		in := genInput(g)
		if rapid.IntRange(0, 4).Draw(t, "allnew") == 0 {
			in.Regrets.InitialRegret = decimal.Decimal{}
		}
		res, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		st := in.Regrets
		sub := func(keepInf func(string) bool, keepFc func(string) bool, infR func(string) decimal.Decimal, fcR func(string) decimal.Decimal) Result {
			s := Input{Labels: in.Labels, PreviousLoss: in.PreviousLoss}
			s.Regrets = regret.State{InitialRegret: st.InitialRegret, Scale: st.Scale}
			for _, x := range in.Inferences {
				if keepInf(x.ID) {
					s.Inferences = append(s.Inferences, x)
					s.Regrets.Inferers = append(s.Regrets.Inferers, loss.Value{ID: x.ID, Value: infR(x.ID)})
				}
			}
			for _, f := range in.Forecasts {
				if !keepFc(f.Forecaster) {
					continue
				}
				nf := Forecast{Forecaster: f.Forecaster}
				for _, e := range f.Elements {
					if keepInf(e.Inferer) {
						nf.Elements = append(nf.Elements, e)
					}
				}
				s.Forecasts = append(s.Forecasts, nf)
				s.Regrets.Forecasters = append(s.Regrets.Forecasters, loss.Value{ID: f.Forecaster, Value: fcR(f.Forecaster)})
			}
			r, err := Synthesize(s, p)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		val := func(vs []loss.Value, id string) decimal.Decimal {
			for _, v := range vs {
				if v.ID == id {
					return v.Value
				}
			}
			t.Fatalf("no regret for %s", id)
			return decimal.Decimal{}
		}
		pair := func(ps []regret.Pair, net string) func(string) decimal.Decimal {
			return func(w string) decimal.Decimal {
				for _, x := range ps {
					if x.Network == net && x.Worker == w {
						return x.Value.Decimal()
					}
				}
				t.Fatalf("no regret for (%s, %s)", net, w)
				return decimal.Decimal{}
			}
		}
		all := func(string) bool { return true }
		none := func(string) bool { return false }
		same := func(name string, a, b loss.Vector) {
			if d := diffResults(Result{Bundle: loss.InferenceBundle{Combined: a}}, Result{Bundle: loss.InferenceBundle{Combined: b}}); d != "" {
				t.Fatalf("%s: %s", name, d)
			}
		}
		naive := sub(all, none, func(id string) decimal.Decimal { return val(st.Naive, id) }, nil)
		same("naive", res.Bundle.Naive, naive.Bundle.Combined)
		for _, x := range res.Bundle.OneOutInferers {
			jp := x.ID
			r := sub(func(id string) bool { return id != jp }, all, pair(st.OneOutInfererInferers, jp), pair(st.OneOutInfererForecasters, jp))
			same("one-out inferer "+jp, x.Values, r.Bundle.Combined)
			if rs == V6 && res.AllNew {
				continue // V6 keeps j' in the all-new median of (29)
			}
			for _, y := range res.Bundle.OneOutInfererForecasters {
				if y.Inferer != jp {
					continue
				}
				for _, f := range r.Bundle.Forecasters {
					if f.ID == y.Forecaster {
						same("one-out FII "+y.Forecaster+"/"+jp, y.Values, f.Values)
					}
				}
			}
		}
		for _, x := range res.Bundle.OneOutForecasters {
			kp := x.ID
			r := sub(all, func(id string) bool { return id != kp }, pair(st.OneOutForecasterInferers, kp), pair(st.OneOutForecasterForecasters, kp))
			same("one-out forecaster "+kp, x.Values, r.Bundle.Combined)
		}
		for _, x := range res.Bundle.OneInForecasters {
			k := x.ID
			r := sub(all, func(id string) bool { return id == k }, pair(st.OneInInferers, k), func(string) decimal.Decimal { return val(st.OneInForecasters, k) })
			same("one-in "+k, x.Values, r.Bundle.Combined)
		}
		if len(res.Bundle.OneOutInferers) != g.n || (g.f >= 2) != (len(res.Bundle.OneInForecasters) == g.f) {
			t.Fatalf("unexpected counts: %d one-out inferers, %d one-in", len(res.Bundle.OneOutInferers), len(res.Bundle.OneInForecasters))
		}
	})
}

// TestNewParticipantDefaults: a worker without a stored regret is treated
// exactly as one whose stored regret is the topic's initial regret, in
// every store.
func TestNewParticipantDefaults(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := drawEpoch(t)
		explicit := in
		st := fullState(in)
		// Stored values where in has them, the initial regret elsewhere.
		have := map[string]decimal.Decimal{}
		key := func(store, a, b string) string { return store + "\x00" + a + "\x00" + b }
		for _, v := range in.Regrets.Inferers {
			have[key("i", v.ID, "")] = v.Value
		}
		for _, v := range in.Regrets.Forecasters {
			have[key("f", v.ID, "")] = v.Value
		}
		for _, v := range in.Regrets.Naive {
			have[key("n", v.ID, "")] = v.Value
		}
		for _, v := range in.Regrets.OneInForecasters {
			have[key("o", v.ID, "")] = v.Value
		}
		for name, ps := range map[string][]regret.Pair{"ii": in.Regrets.OneOutInfererInferers, "if": in.Regrets.OneOutInfererForecasters,
			"fi": in.Regrets.OneOutForecasterInferers, "ff": in.Regrets.OneOutForecasterForecasters, "1i": in.Regrets.OneInInferers} {
			for _, x := range ps {
				have[key(name, x.Network, x.Worker)] = x.Value.Decimal()
			}
		}
		get := func(k string) decimal.Decimal {
			if v, ok := have[k]; ok {
				return v
			}
			return in.Regrets.InitialRegret
		}
		setV := func(store string, vs []loss.Value) {
			for i := range vs {
				vs[i].Value = get(key(store, vs[i].ID, ""))
			}
		}
		setP := func(store string, ps []regret.Pair) {
			for i := range ps {
				ps[i].Value = loss.MustNum(get(key(store, ps[i].Network, ps[i].Worker)))
			}
		}
		setV("i", st.Inferers)
		setV("f", st.Forecasters)
		setV("n", st.Naive)
		setV("o", st.OneInForecasters)
		setP("ii", st.OneOutInfererInferers)
		setP("if", st.OneOutInfererForecasters)
		setP("fi", st.OneOutForecasterInferers)
		setP("ff", st.OneOutForecasterForecasters)
		setP("1i", st.OneInInferers)
		explicit.Regrets = st
		a, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Synthesize(explicit, p)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffResults(a, b); d != "" {
			t.Fatalf("absent regrets differ from explicit initial regrets: %s", d)
		}
	})
}

// TestZeroWeightIgnored (V6): a participant whose clipped weight is 0 (19)
// does not influence the combined inference: changing its inference leaves
// every value of (24) unchanged.
func TestZeroWeightIgnored(t *testing.T) {
	// 19 inferers with regret −10 and one with −11: σ* = 0.2236… + ε, the
	// anchored normalised regret of the last is ≈ 4.3 below the maximum,
	// beyond the cutoff distance Z − T = −9/p = −3.
	var in Input
	for j := 0; j < 20; j++ {
		id := genID("i", j)
		in.Inferences = append(in.Inferences, loss.VectorValue{ID: id, Values: loss.Vector{decimal.New(int64(j), -2)}})
		r := decimal.New(-10, 0)
		if j == 19 {
			r = decimal.New(-11, 0)
		}
		in.Regrets.Inferers = append(in.Regrets.Inferers, loss.Value{ID: id, Value: r})
	}
	in.Regrets.InitialRegret = decimal.New(1, 0)
	in.PreviousLoss = dp("-3")
	p := DefaultParamsV6()
	a, err := Synthesize(in, p)
	if err != nil {
		t.Fatal(err)
	}
	if w := a.InfererWeights[19].Value; !w.IsZero() {
		t.Fatalf("weight of the low-regret inferer = %s, want 0", w)
	}
	for _, w := range a.InfererWeights[:19] {
		if !w.Value.IsPositive() {
			t.Fatalf("weight %s of %s, want > 0", w.Value, w.ID)
		}
	}
	in.Inferences[19].Values = loss.Vector{decimal.New(1000, 0)}
	b, err := Synthesize(in, p)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Bundle.Combined[0].Equal(b.Bundle.Combined[0]) {
		t.Fatalf("zero-weight inferer moved the combined value: %s vs %s", a.Bundle.Combined[0], b.Bundle.Combined[0])
	}
}

// TestAllNewMode: with InitialRegret exactly 0, the FII is the median of
// its forecast's inferences (12) and every network inference is the plain
// mean of its inferers (§4.4), whatever the stored regrets say.
func TestAllNewMode(t *testing.T) {
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		in := genInput(genSpec{n: 4, f: 3, dense: true, seed: 3})
		in.Regrets.InitialRegret = decimal.Decimal{}
		p := DefaultParams()
		p.RuleSet = rs
		res, err := Synthesize(in, p)
		if err != nil {
			t.Fatal(err)
		}
		if !res.AllNew || res.Case != CaseFull {
			t.Fatalf("%s: case %s all-new %v", rs, res.Case, res.AllNew)
		}
		var xs []decimal.Decimal
		for _, x := range in.Inferences {
			xs = append(xs, x.Values[0])
		}
		// Exact here: a sum of 17-digit values divided by 4 (dec.Quo; the
		// 34-digit quotient is exact).
		mean := quoExact(t, decimal.Sum(xs[0], xs[1:]...), decimal.New(4, 0))
		if !res.Bundle.Combined[0].Equal(mean) || !res.Bundle.Naive[0].Equal(mean) {
			t.Fatalf("%s: combined %s naive %s, want mean %s", rs, res.Bundle.Combined[0], res.Bundle.Naive[0], mean)
		}
		for _, x := range res.Bundle.OneInForecasters {
			if !x.Values[0].Equal(mean) {
				t.Fatalf("%s: one-in %s = %s, want the mean %s", rs, x.ID, x.Values[0], mean)
			}
		}
		sorted := slices.Clone(xs)
		slices.SortFunc(sorted, func(a, b decimal.Decimal) int { return a.Cmp(b) })
		med := quoExact(t, sorted[1].Add(sorted[2]), decimal.New(2, 0))
		for _, f := range res.Bundle.Forecasters {
			if !f.Values[0].Equal(med) {
				t.Fatalf("%s: FII %s = %s, want the median %s", rs, f.ID, f.Values[0], med)
			}
		}
	}
}

// TestInputsUnchanged: Synthesize does not modify its input (slices are
// cloned before sorting; decimals are immutable).
func TestInputsUnchanged(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := drawEpoch(t)
		before, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		order := make([]string, len(in.Inferences))
		for i, x := range in.Inferences {
			order[i] = x.ID
		}
		if _, err := Synthesize(in, p); err != nil {
			t.Fatal(err)
		}
		after, _ := json.Marshal(in)
		if string(before) != string(after) {
			t.Fatalf("input modified:\n%s\n%s", before, after)
		}
		for i, x := range in.Inferences {
			if order[i] != x.ID {
				t.Fatalf("inferences reordered")
			}
		}
	})
}
