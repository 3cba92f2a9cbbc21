package regret

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genDecimal draws a decimal with up to 34 significant digits and a
// moderate exponent, so EMA products really round.
func genDecimal(t *rapid.T, label string) decimal.Decimal {
	digits := rapid.IntRange(1, 34).Draw(t, label+"_digits")
	s := rapid.StringOfN(rapid.RuneFrom([]rune("0123456789")), digits, digits, -1).Draw(t, label+"_coef")
	c, _ := new(big.Int).SetString(s, 10)
	if rapid.Bool().Draw(t, label+"_neg") {
		c.Neg(c)
	}
	exp := rapid.Int32Range(-40, 3).Draw(t, label+"_exp")
	return decimal.NewFromBigInt(c, exp)
}

// genInput draws a consistent update input over small id universes:
// inferers from "i0".."i5", forecasters from "f0".."f3"; every
// one-out/one-in list a random subset; a previous state holding random
// subsets of every store (including workers absent from the bundle).
func genInput(t *rapid.T) Input {
	subset := func(label string, ids []string) []string {
		var out []string
		for _, id := range ids {
			if rapid.Bool().Draw(t, label+"_"+id) {
				out = append(out, id)
			}
		}
		return out
	}
	values := func(label string, ids []string) []loss.Value {
		out := make([]loss.Value, len(ids))
		for i, id := range ids {
			out[i] = loss.Value{ID: id, Value: genDecimal(t, label+"_"+id)}
		}
		return out
	}
	pairs := func(label string, nets, workers []string) []Pair {
		var out []Pair
		for _, n := range nets {
			for _, w := range workers {
				if rapid.Bool().Draw(t, label+"_"+n+"_"+w) {
					out = append(out, Pair{n, w, loss.MustNum(genDecimal(t, label+"_v_"+n+"_"+w))})
				}
			}
		}
		return out
	}
	allInf := []string{"i0", "i1", "i2", "i3", "i4", "i5"}
	allFc := []string{"f0", "f1", "f2", "f3"}
	inf := subset("inf", allInf)
	fc := subset("fc", allFc)
	b := loss.Bundle{
		Combined:          genDecimal(t, "combined"),
		Naive:             genDecimal(t, "naive"),
		Inferers:          values("L_ij", inf),
		Forecasters:       values("L_ik", fc),
		OneOutInferers:    values("L_oi", subset("oi", inf)),
		OneOutForecasters: values("L_of", subset("of", fc)),
		OneInForecasters:  values("L_in", subset("in", fc)),
	}
	for _, k := range fc {
		for _, j := range inf {
			if rapid.Bool().Draw(t, "pair_"+k+"_"+j) {
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters,
					loss.PairValue{Forecaster: k, Inferer: j, Value: loss.MustNum(genDecimal(t, "L_pair_"+k+"_"+j))})
			}
		}
	}
	prev := State{
		Inferers:                    values("R_i", subset("R_i", allInf)),
		Forecasters:                 values("R_f", subset("R_f", allFc)),
		Naive:                       values("R_n", subset("R_n", allInf)),
		OneOutInfererInferers:       pairs("R_ii", allInf[:3], allInf[:4]),
		OneOutInfererForecasters:    pairs("R_if", allInf[:3], allFc[:2]),
		OneOutForecasterInferers:    pairs("R_fi", allFc[:2], allInf[:3]),
		OneOutForecasterForecasters: pairs("R_ff", allFc, allFc[:2]),
		OneInInferers:               pairs("R_pi", allFc[:2], allInf[:3]),
		OneInForecasters:            values("R_ps", subset("R_ps", allFc)),
		InitialRegret:               genDecimal(t, "initial"),
	}
	in := Input{Previous: prev, Losses: b}
	for _, id := range allInf {
		if rapid.Bool().Draw(t, "inc_i_"+id) {
			in.InfererInclusions = append(in.InfererInclusions, Inclusion{id, rapid.Uint64Range(0, 30).Draw(t, "n_i_"+id)})
		}
	}
	for _, id := range allFc {
		if rapid.Bool().Draw(t, "inc_f_"+id) {
			in.ForecasterInclusions = append(in.ForecasterInclusions, Inclusion{id, rapid.Uint64Range(0, 30).Draw(t, "n_f_"+id)})
		}
	}
	return in
}

func genParams(t *rapid.T) Params {
	p := DefaultParams()
	p.RuleSet = rapid.SampledFrom([]RuleSet{V6, Intermediate, Newest}).Draw(t, "rules")
	p.AlphaRegret = decimal.New(rapid.Int64Range(1, 1000).Draw(t, "alpha_milli"), -3)
	p.MinExperiencedWorkerRegrets = rapid.IntRange(0, 12).Draw(t, "min")
	p.SkipMissingLosses = rapid.Bool().Draw(t, "skip")
	return p
}

func shuffle[T any](t *rapid.T, label string, xs []T) []T {
	out := slices.Clone(xs)
	for i := len(out) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, label)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func mustJSON(t interface{ Fatal(...any) }, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Permutation invariance: shuffling every input list changes nothing.
func TestPropertyPermutationInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := genInput(t), genParams(t)
		want, err := Update(in, p)
		if err != nil {
			t.Fatal(err)
		}
		sh := in
		sh.Losses.Inferers = shuffle(t, "s1", in.Losses.Inferers)
		sh.Losses.Forecasters = shuffle(t, "s2", in.Losses.Forecasters)
		sh.Losses.OneOutInferers = shuffle(t, "s3", in.Losses.OneOutInferers)
		sh.Losses.OneOutForecasters = shuffle(t, "s4", in.Losses.OneOutForecasters)
		sh.Losses.OneInForecasters = shuffle(t, "s5", in.Losses.OneInForecasters)
		sh.Losses.OneOutInfererForecasters = shuffle(t, "s6", in.Losses.OneOutInfererForecasters)
		sh.Previous.Inferers = shuffle(t, "s7", in.Previous.Inferers)
		sh.Previous.Forecasters = shuffle(t, "s8", in.Previous.Forecasters)
		sh.Previous.Naive = shuffle(t, "s9", in.Previous.Naive)
		sh.Previous.OneOutInfererInferers = shuffle(t, "s10", in.Previous.OneOutInfererInferers)
		sh.Previous.OneOutInfererForecasters = shuffle(t, "s11", in.Previous.OneOutInfererForecasters)
		sh.Previous.OneOutForecasterInferers = shuffle(t, "s12", in.Previous.OneOutForecasterInferers)
		sh.Previous.OneOutForecasterForecasters = shuffle(t, "s13", in.Previous.OneOutForecasterForecasters)
		sh.Previous.OneInInferers = shuffle(t, "s14", in.Previous.OneInInferers)
		sh.Previous.OneInForecasters = shuffle(t, "s15", in.Previous.OneInForecasters)
		sh.InfererInclusions = shuffle(t, "s16", in.InfererInclusions)
		sh.ForecasterInclusions = shuffle(t, "s17", in.ForecasterInclusions)
		got, err := Update(sh, p)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := mustJSON(t, want), mustJSON(t, got); a != b {
			t.Fatalf("shuffled input changed the output:\n%s\n%s", a, b)
		}
	})
}

// storeView pairs the previous and next version of one store with the
// updates the bundle implies (computed independently here).
type storeView struct {
	name       string
	prev, next map[key]decimal.Decimal
	cur        map[key]decimal.Decimal // lossA − lossB of every key the bundle reaches
}

func valueMap(vs []loss.Value) map[key]decimal.Decimal {
	m := map[key]decimal.Decimal{}
	for _, v := range vs {
		m[key{worker: v.ID}] = v.Value
	}
	return m
}

func pairMap(ps []Pair) map[key]decimal.Decimal {
	m := map[key]decimal.Decimal{}
	for _, p := range ps {
		m[key{p.Network, p.Worker}] = p.Value.Decimal()
	}
	return m
}

// expectedUpdates recomputes, with shopspring's exact Sub, which keys each
// store's loop reaches and their lossA − lossB (spec §7 table), as an
// independent reading of the table.
func expectedUpdates(b loss.Bundle, skipMissing bool) map[string]map[key]decimal.Decimal {
	e := map[string]map[key]decimal.Decimal{}
	put := func(store string, k key, v decimal.Decimal) {
		if e[store] == nil {
			e[store] = map[key]decimal.Decimal{}
		}
		e[store][k] = v
	}
	for _, j := range b.Inferers {
		put("inferers", key{worker: j.ID}, b.Combined.Sub(j.Value))
		put("naive", key{worker: j.ID}, b.Naive.Sub(j.Value))
		for _, o := range b.OneOutInferers {
			put("ooII", key{o.ID, j.ID}, o.Value.Sub(j.Value))
		}
		for _, o := range b.OneOutForecasters {
			put("ooFI", key{o.ID, j.ID}, o.Value.Sub(j.Value))
		}
		for _, k := range b.OneInForecasters {
			put("oneInInf", key{k.ID, j.ID}, k.Value.Sub(j.Value))
		}
	}
	lk := valueMap(b.Forecasters)
	for _, k := range b.Forecasters {
		put("forecasters", key{worker: k.ID}, b.Combined.Sub(k.Value))
		for _, o := range b.OneOutForecasters {
			put("ooFF", key{o.ID, k.ID}, o.Value.Sub(k.Value))
		}
	}
	for _, k := range b.OneInForecasters {
		put("oneInSelf", key{worker: k.ID}, k.Value.Sub(lk[key{worker: k.ID}]))
	}
	rows := map[string]bool{}
	pl := map[key]decimal.Decimal{}
	for _, p := range b.OneOutInfererForecasters {
		rows[p.Forecaster] = true
		pl[key{p.Inferer, p.Forecaster}] = p.Value.Decimal()
	}
	for _, o := range b.OneOutInferers {
		for k := range rows {
			v, ok := pl[key{o.ID, k}]
			if !ok && skipMissing {
				continue
			}
			put("ooIF", key{o.ID, k}, o.Value.Sub(v))
		}
	}
	return e
}

func views(in Input, out State, skipMissing bool) []storeView {
	e := expectedUpdates(in.Losses, skipMissing)
	p, n := in.Previous, out
	return []storeView{
		{"inferers", valueMap(p.Inferers), valueMap(n.Inferers), e["inferers"]},
		{"forecasters", valueMap(p.Forecasters), valueMap(n.Forecasters), e["forecasters"]},
		{"naive", valueMap(p.Naive), valueMap(n.Naive), e["naive"]},
		{"ooII", pairMap(p.OneOutInfererInferers), pairMap(n.OneOutInfererInferers), e["ooII"]},
		{"ooIF", pairMap(p.OneOutInfererForecasters), pairMap(n.OneOutInfererForecasters), e["ooIF"]},
		{"ooFI", pairMap(p.OneOutForecasterInferers), pairMap(n.OneOutForecasterInferers), e["ooFI"]},
		{"ooFF", pairMap(p.OneOutForecasterForecasters), pairMap(n.OneOutForecasterForecasters), e["ooFF"]},
		{"oneInInf", pairMap(p.OneInInferers), pairMap(n.OneInInferers), e["oneInInf"]},
		{"oneInSelf", valueMap(p.OneInForecasters), valueMap(n.OneInForecasters), e["oneInSelf"]},
	}
}

// Every reached regret lies between R_prev and lossA − lossB (the EMA is a
// convex combination), up to the two truncations of the products: at most
// 2 units in the 34th significant digit of max(|R_prev|, |cur|). Every key
// the bundle does not reach keeps its value; no other key appears.
func TestPropertyEMABoundsAndAbsentWorkers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := genInput(t), genParams(t)
		out, err := Update(in, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range views(in, out.State, p.SkipMissingLosses) {
			for k, nv := range v.next {
				cur, reached := v.cur[k]
				pv, stored := v.prev[k]
				if !reached {
					if !stored {
						t.Fatalf("%s %v: appeared without an update", v.name, k)
					}
					if !nv.Equal(pv) {
						t.Fatalf("%s %v: unreached entry changed %s → %s", v.name, k, pv, nv)
					}
					continue
				}
				if !stored {
					pv = in.Previous.InitialRegret
				}
				lo, hi := decimal.Min(pv, cur), decimal.Max(pv, cur)
				slack := decimal.Max(pv.Abs(), cur.Abs()).Mul(decimal.New(2, -33))
				if nv.LessThan(lo.Sub(slack)) || nv.GreaterThan(hi.Add(slack)) {
					t.Fatalf("%s %v: R_new %s outside [%s, %s] (α %s)", v.name, k, nv, lo, hi, p.AlphaRegret)
				}
			}
			for k := range v.cur {
				if _, ok := v.next[k]; !ok {
					t.Fatalf("%s %v: reached but missing from the output", v.name, k)
				}
			}
			for k := range v.prev {
				if _, ok := v.next[k]; !ok {
					t.Fatalf("%s %v: stored entry dropped", v.name, k)
				}
			}
		}
	})
}

// With α = 1 the EMA is lossA − lossB rounded to the context (1·cur is a
// rounded product; the exact difference may carry more than 34 digits).
func TestPropertyEMAEdgeAlphas(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		p := DefaultParamsV6()
		p.AlphaRegret = decimal.New(1, 0)
		out, err := Update(in, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range views(in, out.State, false) {
			for k, cur := range v.cur {
				c, err := dec.FromDecimal(cur)
				if err != nil {
					t.Fatal(err)
				}
				want, err := dec.Reference().Round(c)
				if err != nil {
					t.Fatal(err)
				}
				if !v.next[k].Equal(want.Decimal()) {
					t.Fatalf("%s %v: α = 1 gave %s, want %s", v.name, k, v.next[k], want)
				}
			}
		}
	})
}

// Under NEWEST the stored scale is at least ε whenever a network regret
// was updated, and equals MADScale of those regrets.
func TestPropertyStoredScale(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		p := DefaultParams()
		out, err := Update(in, p)
		if err != nil {
			t.Fatal(err)
		}
		var updated []decimal.Decimal
		for _, j := range in.Losses.Inferers {
			v, _ := findValue(out.State.Inferers, j.ID)
			updated = append(updated, v)
		}
		for _, k := range in.Losses.Forecasters {
			v, _ := findValue(out.State.Forecasters, k.ID)
			updated = append(updated, v)
		}
		if len(updated) == 0 {
			if !out.State.Scale.Equal(in.Previous.Scale) {
				t.Fatalf("scale changed without updates")
			}
			return
		}
		if out.State.Scale.LessThan(p.Epsilon) {
			t.Fatalf("scale %s < ε", out.State.Scale)
		}
		want, err := MADScale(updated, p.Epsilon, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if !want.Equal(out.State.Scale) {
			t.Fatalf("scale %s, MADScale %s", out.State.Scale, want)
		}
	})
}

// ratMedian is an exact median over big.Rat (independent of the decimal
// core).
func ratMedian(xs []*big.Rat) *big.Rat {
	s := slices.Clone(xs)
	slices.SortFunc(s, func(a, b *big.Rat) int { return a.Cmp(b) })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	m := new(big.Rat).Add(s[n/2-1], s[n/2])
	return m.Quo(m, big.NewRat(2, 1))
}

// MADScale agrees with an exact rational 1.4826·MAD + ε up to the
// rounding of at most three 34-digit operations (two halvings, one
// product): relative error below 1e-32.
func TestPropertyMADScaleExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 25).Draw(t, "n")
		xs := make([]decimal.Decimal, n)
		rs := make([]*big.Rat, n)
		for i := range xs {
			xs[i] = genDecimal(t, fmt.Sprintf("x%d", i))
			rs[i] = xs[i].Rat()
		}
		eps := decimal.New(rapid.Int64Range(1, 1000).Draw(t, "eps"), -int32(rapid.IntRange(0, 6).Draw(t, "epsExp")))
		got, err := MADScale(xs, eps, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if got.LessThan(eps) {
			t.Fatalf("scale %s < ε %s", got, eps)
		}
		med := ratMedian(rs)
		dev := make([]*big.Rat, n)
		for i, r := range rs {
			dev[i] = new(big.Rat).Abs(new(big.Rat).Sub(r, med))
		}
		want := new(big.Rat).Mul(ratMedian(dev), big.NewRat(14826, 10000))
		want.Add(want, eps.Rat())
		diff := new(big.Rat).Abs(new(big.Rat).Sub(got.Rat(), want))
		tol := new(big.Rat).Mul(want, big.NewRat(1, 1e16))
		tol.Quo(tol, big.NewRat(1e16, 1))
		if diff.Cmp(tol) > 0 {
			t.Fatalf("MADScale %s, exact %s", got, want.FloatString(40))
		}
		// float64 twin as a coarse differential check.
		wf, _ := want.Float64()
		gf, _ := got.Float64()
		if d := gf - wf; d > 1e-12*wf || d < -1e-12*wf {
			t.Fatalf("float64 twin %g vs %g", gf, wf)
		}
	})
}

// The output State round-trips through JSON unchanged and validates.
func TestPropertyStateJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := genInput(t), genParams(t)
		out, err := Update(in, p)
		if err != nil {
			t.Fatal(err)
		}
		raw := mustJSON(t, out.State)
		var back State
		if err := json.Unmarshal([]byte(raw), &back); err != nil {
			t.Fatal(err)
		}
		if err := back.Validate(); err != nil {
			t.Fatal(err)
		}
		if mustJSON(t, back) != raw {
			t.Fatalf("round trip changed the state")
		}
		if !statesEqual(out.State, back) {
			t.Fatalf("round trip changed a value")
		}
		// Updating from the decoded state gives the same result.
		in2 := in
		in2.Previous = back
		again, err := Update(in2, p)
		if err != nil {
			t.Fatal(err)
		}
		in.Previous = out.State
		first, err := Update(in, p)
		if err != nil {
			t.Fatal(err)
		}
		if mustJSON(t, again) != mustJSON(t, first) {
			t.Fatalf("decoded state updates differently")
		}
	})
}

func statesEqual(a, b State) bool {
	vs := func(x, y []loss.Value) bool {
		return slices.EqualFunc(x, y, func(p, q loss.Value) bool { return p.ID == q.ID && p.Value.Equal(q.Value) })
	}
	ps := func(x, y []Pair) bool {
		return slices.EqualFunc(x, y, func(p, q Pair) bool {
			return p.Network == q.Network && p.Worker == q.Worker && p.Value.Equal(q.Value)
		})
	}
	return vs(a.Inferers, b.Inferers) && vs(a.Forecasters, b.Forecasters) && vs(a.Naive, b.Naive) &&
		ps(a.OneOutInfererInferers, b.OneOutInfererInferers) && ps(a.OneOutInfererForecasters, b.OneOutInfererForecasters) &&
		ps(a.OneOutForecasterInferers, b.OneOutForecasterInferers) && ps(a.OneOutForecasterForecasters, b.OneOutForecasterForecasters) &&
		ps(a.OneInInferers, b.OneInInferers) && vs(a.OneInForecasters, b.OneInForecasters) &&
		a.InitialRegret.Equal(b.InitialRegret) && a.Scale.Equal(b.Scale)
}

// Inputs are not modified by Update.
func TestPropertyInputsUnchanged(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, p := genInput(t), genParams(t)
		before := mustJSON(t, in)
		if _, err := Update(in, p); err != nil {
			t.Fatal(err)
		}
		if mustJSON(t, in) != before {
			t.Fatal("Update modified its input")
		}
	})
}
