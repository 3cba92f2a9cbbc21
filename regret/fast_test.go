package regret

import (
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// pairStores returns pointers to the five pair stores of s.
func pairStores(s *State) []*[]Pair {
	return []*[]Pair{&s.OneOutInfererInferers, &s.OneOutInfererForecasters, &s.OneOutForecasterInferers,
		&s.OneOutForecasterForecasters, &s.OneInInferers}
}

// strictlyIncreasing reports whether every pair store of s is strictly
// increasing in (Network, Worker), the fast path's one requirement beyond
// the reference path's.
func strictlyIncreasing(s State) bool {
	for _, ps := range pairStores(&s) {
		for i := 1; i < len(*ps); i++ {
			a, b := (*ps)[i-1], (*ps)[i]
			if cmpKey(key{a.Network, a.Worker}, key{b.Network, b.Worker}) >= 0 {
				return false
			}
		}
	}
	return true
}

// corrupt applies up to three random defects to in: pair stores shuffled,
// two neighbours swapped, a stored pair repeated (next to itself or not),
// an id emptied, a stored value out of range, losses so large that a
// regret overflows, a repeated inclusion. Each is an error for the
// reference path, or a disorder only the fast path declines, or nothing
// (a shuffle of a list with one pair).
func corrupt(t *rapid.T, in *Input) {
	stores := pairStores(&in.Previous)
	for range rapid.IntRange(0, 3).Draw(t, "defects") {
		ps := stores[rapid.IntRange(0, len(stores)-1).Draw(t, "store")]
		*ps = append([]Pair(nil), *ps...) // never write to a shared array
		n := len(*ps)
		switch rapid.IntRange(0, 8).Draw(t, "defect") {
		case 0:
			*ps = shuffle(t, "perm", *ps)
		case 1:
			if n >= 2 {
				i := rapid.IntRange(1, n-1).Draw(t, "swap")
				(*ps)[i-1], (*ps)[i] = (*ps)[i], (*ps)[i-1]
			}
		case 2:
			if n >= 1 {
				i := rapid.IntRange(0, n-1).Draw(t, "repeat")
				at := rapid.IntRange(0, n).Draw(t, "repeat_at")
				p := (*ps)[i]
				p.Value = loss.MustNum(genDecimal(t, "repeat_v"))
				*ps = append((*ps)[:at], append([]Pair{p}, (*ps)[at:]...)...)
			}
		case 3:
			if n >= 1 {
				i := rapid.IntRange(0, n-1).Draw(t, "empty")
				if rapid.Bool().Draw(t, "empty_net") {
					(*ps)[i].Network = ""
				} else {
					(*ps)[i].Worker = ""
				}
			}
		case 4:
			// An absurd stored regret cannot reach a State (NewNum refuses
			// it); the closest is the range's largest value, whose EMA
			// with a new loss may leave the range.
			if n >= 1 {
				(*ps)[rapid.IntRange(0, n-1).Draw(t, "absurd")].Value = loss.MustNum(decimal.New(-9, 400))
			}
		case 5:
			if len(in.Losses.OneOutForecasters) > 0 {
				// L⁻_{k'i} − L_ij of ±1.8e401 (with α = 1 at the latest)
				// leaves the range.
				v := slicesClone(in.Losses.OneOutForecasters)
				v[0].Value = decimal.New(9, 400)
				in.Losses.OneOutForecasters = v
				w := slicesClone(in.Losses.Inferers)
				for i := range w {
					w[i].Value = decimal.New(-9, 400)
				}
				in.Losses.Inferers = w
			}
		case 6:
			in.InfererInclusions = append(in.InfererInclusions, Inclusion{"i0", 1}, Inclusion{"i0", 2})
		case 7:
			// A stored pair for a worker the bundle does not reach: kept.
			*ps = append(*ps, Pair{"zz", "zz", loss.MustNum(genDecimal(t, "kept"))})
		case 8:
			// A stored pair before every other one.
			*ps = append([]Pair{{"a", "a", loss.MustNum(genDecimal(t, "first"))}}, *ps...)
		}
	}
}

func slicesClone(vs []loss.Value) []loss.Value { return append([]loss.Value(nil), vs...) }

// TestFastPathMatchesReference: on random inputs with random defects,
//   - Update gives exactly what the reference path gives (output deeply
//     equal, every decimal's coefficient and exponent included; or the same
//     error text);
//   - the fast path's output, when it has one, is the reference path's;
//   - the fast path decides (has an output) exactly when the reference path
//     succeeds and every pair store is strictly increasing.
func TestFastPathMatchesReference(t *testing.T) {
	var fast, declined, failed int
	// Declines are 5–12 % of the inputs: more rounds of checks (at most
	// 10) until every outcome has been reached.
	for round := 0; round < 10 && (fast == 0 || declined == 0 || failed == 0); round++ {
		rapid.Check(t, func(t *rapid.T) {
			in, p := genInput(t), genParams(t)
			if rapid.Bool().Draw(t, "corrupt") {
				corrupt(t, &in)
			}
			ferr, refErr := checkFastPath(t, in, p)
			switch {
			case ferr == nil:
				fast++
			case refErr == nil:
				declined++
			default:
				failed++
			}
		})
	}
	t.Logf("fast path: %d decided, %d declined (unsorted store), %d errors", fast, declined, failed)
	if fast == 0 || declined == 0 || failed == 0 {
		t.Errorf("the generator should reach all three outcomes: %d, %d, %d", fast, declined, failed)
	}
}

// checkFastPath fails t unless Update gives exactly the reference path's
// output or error for (in, p), the fast path's output (when it has one) is
// the reference path's, and the fast path decides exactly when the
// reference path succeeds and every pair store is strictly increasing. It
// returns the fast and reference paths' errors. Update is checked as the
// public entry, whichever path it dispatches to (when the fast path
// declines, its error is the reference path's by construction).
func checkFastPath(t *rapid.T, in Input, p Params) (ferr, refErr error) {
	ref, refErr := updatePath(in, p, false)
	got, err := Update(in, p)
	if (err == nil) != (refErr == nil) || err != nil && err.Error() != refErr.Error() {
		t.Fatalf("Update error %v, reference %v", err, refErr)
	}
	if !reflect.DeepEqual(got, ref) {
		t.Fatalf("Update output differs from the reference path's:\n%s\n%s", mustJSON(t, got), mustJSON(t, ref))
	}
	fo, ferr := updatePath(in, p, true)
	if ferr == nil && !reflect.DeepEqual(fo, ref) {
		t.Fatalf("fast path output differs from the reference path's:\n%s\n%s", mustJSON(t, fo), mustJSON(t, ref))
	}
	if want := refErr == nil && strictlyIncreasing(in.Previous); (ferr == nil) != want {
		t.Fatalf("fast path error %v; reference error %v, stores increasing %v", ferr, refErr, strictlyIncreasing(in.Previous))
	}
	return ferr, refErr
}

// TestFastPathDecisionRate: the fast path decides every update of a
// well-formed settlement sequence, where each state is the previous
// update's output (as a topic's state is), and the dense benchmark
// inputs; it declines a store out of order.
func TestFastPathDecisionRate(t *testing.T) {
	for _, n := range []int{1, 8, 32} {
		in := denseInput(n)
		for epoch := range 4 {
			for _, p := range []Params{DefaultParams(), DefaultParamsV6()} {
				if _, err := updatePath(in, p, true); err != nil {
					t.Fatalf("n=%d epoch %d %s: fast path declined: %v", n, epoch, p.RuleSet, err)
				}
			}
			out, err := Update(in, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			in.Previous = out.State
			// Workers come and go: drop one of each kind from the bundle
			// (their stored regrets are kept) in every other epoch.
			if epoch%2 == 0 && n > 1 {
				in.Losses.OneOutInferers = in.Losses.OneOutInferers[1:]
				in.Losses.OneInForecasters = in.Losses.OneInForecasters[1:]
			}
		}
	}
	var decided, total int
	rapid.Check(t, func(t *rapid.T) {
		in, p := genInput(t), genParams(t)
		total++
		if _, err := updatePath(in, p, true); err == nil {
			decided++
		} else if _, refErr := updatePath(in, p, false); refErr == nil {
			t.Fatalf("fast path declined a sorted, valid input: %v", err)
		}
	})
	t.Logf("random well-formed inputs: %d of %d decided by the fast path", decided, total)
	in := denseInput(4)
	ps := in.Previous.OneOutForecasterInferers
	ps[0], ps[1] = ps[1], ps[0]
	if _, err := updatePath(in, DefaultParams(), true); err == nil {
		t.Error("fast path decided a store out of order")
	}
	if _, err := Update(in, DefaultParams()); err != nil {
		t.Errorf("store out of order: %v", err)
	}
}

// TestEMACalcMatchesEMA compares emaCalc.apply with dec.Context.EMA
// (representation, and error text should either fail) over random α,
// values of 1 to 40 digits across the exponent range (products that
// round), equal current and previous values, zeros, and the precisions and
// rounding modes of Params. With α in (0, 1] neither product exceeds its
// operand, so neither fails here: the range check is Update's (InRange).
func TestEMACalcMatchesEMA(t *testing.T) {
	var equal int
	rapid.Check(t, func(t *rapid.T) {
		num := func(label string) dec.Dec {
			if rapid.IntRange(0, 9).Draw(t, label+"_zero") == 0 {
				return dec.Dec{}
			}
			digits := rapid.IntRange(1, 40).Draw(t, label+"_digits")
			s := rapid.StringOfN(rapid.RuneFrom([]rune("123456789")), digits, digits, -1).Draw(t, label+"_coef")
			c, _ := new(big.Int).SetString(s, 10)
			if rapid.Bool().Draw(t, label+"_neg") {
				c.Neg(c)
			}
			exp := rapid.Int32Range(-400-int32(digits)+1, 400-int32(digits)+1).Draw(t, label+"_exp")
			if rapid.Bool().Draw(t, label+"_moderate") {
				exp = rapid.Int32Range(-45, 5).Draw(t, label+"_mexp")
			}
			x, err := dec.FromDecimal(decimal.NewFromBigInt(c, exp))
			if err != nil {
				t.Fatalf("generator: %v", err)
			}
			return x
		}
		digits := rapid.SampledFrom([]int{0, 1, 5, 18, 34, 40, 60}).Draw(t, "digits")
		rounding := rapid.SampledFrom([]string{"", "down", "half_even", "half_up", "up", "floor", "ceiling"}).Draw(t, "rounding")
		ctx, err := dec.ContextFor(digits, rounding)
		if err != nil {
			t.Skip(err)
		}
		alpha := rapid.SampledFrom([]dec.Dec{dec.One(), dec.New(1, -1), dec.New(5, -1), dec.New(1, -3), dec.New(999, -3),
			dec.New(123456789, -9)}).Draw(t, "alpha")
		u := &updater{ctx: ctx, alpha: alpha, initial: num("initial")}
		e := u.newEMA()
		cur, prev := num("cur"), num("prev")
		if rapid.IntRange(0, 5).Draw(t, "same") == 0 {
			cur = prev
			equal++
		}
		for _, c := range []struct {
			prev    dec.Dec
			initial bool
		}{{prev, false}, {u.initial, true}, {u.initial, false}} {
			got, err := e.apply(cur, c.prev, c.initial)
			want, werr := ctx.EMA(alpha, cur, c.prev, false)
			if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
				t.Fatalf("EMA(%s, %s, %s): error %v, want %v", alpha, cur, c.prev, err, werr)
			}
			if werr != nil {
				continue
			}
			if g, w := got.Decimal(), want.Decimal(); !reflect.DeepEqual(g, w) {
				t.Fatalf("EMA(%s, %s, %s) = %s (e%d), want %s (e%d)", alpha, cur, c.prev, g, g.Exponent(), w, w.Exponent())
			}
		}
	})
	t.Logf("%d equal-value cases", equal)
}

// TestFastPathKeptRepresentation: both paths write a stored pair the
// bundle does not reach with the representation the decimal core gives it
// (a zero becomes decimal.Decimal{}, any other value keeps its coefficient
// and exponent).
func TestFastPathKeptRepresentation(t *testing.T) {
	in := Input{Previous: State{OneOutInfererInferers: []Pair{
		{"x", "a", loss.MustNum(decimal.New(0, -7))},
		{"x", "b", loss.MustNum(decimal.New(1200, -3))},
		{"x", "c", loss.Num{}},
		{"x", "d", loss.MustNum(decimal.RequireFromString("-123456789012345678901234567890123456789012345678901234567890e-70"))},
	}}, Losses: smallBundle()}
	for _, fast := range []bool{true, false} {
		out, err := updatePath(in, DefaultParams(), fast)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range out.State.OneOutInfererInferers {
			if p.Network == "x" {
				d := p.Value.Decimal()
				got = append(got, fmt.Sprintf("%s/%s/%v/%d", p.Worker, d.Coefficient(), d == decimal.Decimal{}, d.Exponent()))
			}
		}
		want := []string{"a/0/true/0", "b/1200/false/-3", "c/0/true/0",
			"d/-123456789012345678901234567890123456789012345678901234567890/false/-70"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("fast=%v: kept pairs %v, want %v", fast, got, want)
		}
	}
}

// denseGrid replaces the bundle's L⁻_{j'ik} with a dense grid (every
// inferer for each of a random subset of the forecasters, forecaster-major
// in key order, as loss.NetworkLosses returns them), and then, sometimes,
// breaks it: two pairs swapped, a pair dropped or repeated, an id changed
// to another known or an unknown one, the largest value in range, ±9e400
// (on an inferer with or without a one-out loss), or a forecaster that has
// no loss.
func denseGrid(t *rapid.T, in *Input) {
	b := &in.Losses
	var pairs []loss.PairValue
	for _, k := range b.Forecasters {
		if !rapid.Bool().Draw(t, "row_"+k.ID) {
			continue
		}
		for _, j := range b.Inferers {
			pairs = append(pairs, loss.PairValue{Forecaster: k.ID, Inferer: j.ID, Value: loss.MustNum(genDecimal(t, "g_"+k.ID+"_"+j.ID))})
		}
	}
	n := len(pairs)
	if n > 0 {
		switch rapid.IntRange(0, 12).Draw(t, "grid_defect") {
		case 1:
			i := rapid.IntRange(0, n-1).Draw(t, "gi")
			k := rapid.IntRange(0, n-1).Draw(t, "gk")
			pairs[i], pairs[k] = pairs[k], pairs[i]
		case 2:
			i := rapid.IntRange(0, n-1).Draw(t, "gdrop")
			pairs = append(pairs[:i], pairs[i+1:]...)
		case 3:
			i := rapid.IntRange(0, n-1).Draw(t, "grepeat")
			pairs = append(pairs[:i+1], pairs[i:]...)
		case 4:
			i := rapid.IntRange(0, n-1).Draw(t, "gid")
			pairs[i].Inferer = rapid.SampledFrom([]string{"i0", "i3", "i5", "zz", ""}).Draw(t, "ginf")
		case 5:
			i := rapid.IntRange(0, n-1).Draw(t, "gfc")
			pairs[i].Forecaster = rapid.SampledFrom([]string{"f0", "f2", "f9", ""}).Draw(t, "gfcid")
		case 6, 7:
			// The largest values in range (one out of range cannot be
			// a Num: NewNum refuses it).
			i := rapid.IntRange(0, n-1).Draw(t, "gabsurd")
			pairs[i].Value = loss.MustNum(decimal.New(rapid.SampledFrom([]int64{9, -9}).Draw(t, "gsign"), 400))
		case 8:
			// A whole row for a forecaster without a loss.
			for _, j := range b.Inferers {
				pairs = append(pairs, loss.PairValue{Forecaster: "f9", Inferer: j.ID, Value: loss.MustNum(decimal.New(1, -2))})
			}
		}
	}
	b.OneOutInfererForecasters = pairs
}

// TestFastPathDenseGridMatchesReference is TestFastPathMatchesReference on
// bundles whose L⁻_{j'ik} are a dense grid, whole or broken, which the fast
// path reads in place (losses.setDense, grid.row, grid.fillBlock): Update and the fast path
// give exactly the reference path's output or error, and the fast path
// decides every valid input with increasing stores. It also checks that
// setDense accepts a grid exactly when it is whole and has a row.
func TestFastPathDenseGridMatchesReference(t *testing.T) {
	var dense, sparse, declined, failed int
	// Declines are a few percent of these inputs: more rounds of checks (at
	// most 10) until every outcome has been reached.
	for round := 0; round < 10 && (dense == 0 || declined == 0 || failed == 0); round++ {
		rapid.Check(t, func(t *rapid.T) {
			in, p := genInput(t), genParams(t)
			denseGrid(t, &in)
			if rapid.IntRange(0, 3).Draw(t, "corrupt") == 0 {
				corrupt(t, &in)
			}
			ferr, refErr := checkFastPath(t, in, p)
			l, lerr := parseLossesFast(in.Losses)
			if lerr == nil && !l.dense {
				if _, err := parseLosses(in.Losses); err == nil && isWholeGrid(in.Losses) {
					t.Fatalf("setDense refused a whole grid")
				}
			}
			if lerr == nil && l.dense && !isWholeGrid(in.Losses) {
				t.Fatalf("setDense accepted a list that is not a whole grid")
			}
			switch {
			case ferr == nil && l.dense:
				dense++
			case ferr == nil:
				sparse++
			case refErr == nil:
				declined++
			default:
				failed++
			}
		})
	}
	t.Logf("fast path: %d decided on a dense grid, %d on a sparse list, %d declined, %d errors", dense, sparse, declined, failed)
	if dense == 0 || declined == 0 || failed == 0 {
		t.Errorf("the generator should reach every outcome: %d, %d, %d, %d", dense, sparse, declined, failed)
	}
}

// isWholeGrid reports, by brute force, whether b's L⁻_{j'ik} are a
// non-empty dense grid: for some non-empty set of forecasters with a
// loss, in ascending order, exactly every inferer with a loss in order.
func isWholeGrid(b loss.Bundle) bool {
	ps, inf := b.OneOutInfererForecasters, b.Inferers
	if len(ps) == 0 || len(inf) == 0 || len(ps)%len(inf) != 0 {
		return false
	}
	infs := make([]string, len(inf))
	for i, v := range inf {
		infs[i] = v.ID
	}
	slices.Sort(infs)
	fcs := map[string]bool{}
	for _, v := range b.Forecasters {
		fcs[v.ID] = true
	}
	prev := ""
	for r := 0; r < len(ps); r += len(infs) {
		fc := ps[r].Forecaster
		if !fcs[fc] || (r > 0 && fc <= prev) {
			return false
		}
		for x, id := range infs {
			if ps[r+x].Forecaster != fc || ps[r+x].Inferer != id {
				return false
			}
		}
		prev = fc
	}
	return true
}

// TestDenseGridDecisionRate: the fast path reads the benchmark's dense
// bundles (denseInput, built in loss.NetworkLosses' forecaster-major
// shape) as a dense grid.
func TestDenseGridDecisionRate(t *testing.T) {
	for _, n := range []int{1, 8, 32} {
		l, err := parseLossesFast(denseInput(n).Losses)
		if err != nil || !l.dense {
			t.Errorf("n=%d: dense %v, error %v", n, l.dense, err)
		}
	}
}

// TestDenseGridBlocksMatchReference: on dense grids of one block less one
// row, and wider than a block (denseBlock), with every inferer one-out or
// only some (so that a block's
// nets are not adjacent inferers), over epochs that feed each state to the
// next, the fast path gives exactly the reference path's output, also with
// the largest value in range (−9e400) in the last block.
func TestDenseGridBlocksMatchReference(t *testing.T) {
	for _, n := range []int{denseBlock - 1, denseBlock + 1, 2*denseBlock + 7} {
		for _, sparseOut := range []bool{false, true} {
			in := denseInput(n)
			if sparseOut {
				var keep []loss.Value
				for i, v := range in.Losses.OneOutInferers {
					if i%3 != 1 {
						keep = append(keep, v)
					}
				}
				in.Losses.OneOutInferers = keep
			}
			for epoch := range 2 {
				for _, p := range []Params{DefaultParams(), DefaultParamsV6()} {
					ref, err := updatePath(in, p, false)
					if err != nil {
						t.Fatal(err)
					}
					got, err := updatePath(in, p, true)
					if err != nil {
						t.Fatalf("n=%d sparse=%v epoch %d: fast path declined: %v", n, sparseOut, epoch, err)
					}
					if !reflect.DeepEqual(got, ref) {
						t.Fatalf("n=%d sparse=%v epoch %d %s: fast path output differs", n, sparseOut, epoch, p.RuleSet)
					}
				}
				out, err := Update(in, DefaultParams())
				if err != nil {
					t.Fatal(err)
				}
				in.Previous = out.State
			}
			// A value out of range cannot be a Num (loss.NewNum refuses
			// it); the largest in range, in the last block, is read as
			// the reference path reads it.
			big := in
			big.Losses.OneOutInfererForecasters = slices.Clone(in.Losses.OneOutInfererForecasters)
			big.Losses.OneOutInfererForecasters[len(big.Losses.OneOutInfererForecasters)-1].Value = loss.MustNum(decimal.New(-9, 400))
			ref, refErr := updatePath(big, DefaultParams(), false)
			got, err := updatePath(big, DefaultParams(), true)
			if refErr != nil || err != nil {
				t.Fatalf("n=%d: -9e400: error %v, reference %v", n, err, refErr)
			}
			if !reflect.DeepEqual(got, ref) {
				t.Fatalf("n=%d: -9e400: fast path output differs", n)
			}
		}
	}
}
