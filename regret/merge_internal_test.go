package regret

import (
	"fmt"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"pgregory.net/rapid"
)

// genDec draws a decimal of 1 to 40 digits at an exponent in [-60, 20],
// sometimes zero.
func genDec(t *rapid.T, label string) dec.Dec {
	if rapid.IntRange(0, 15).Draw(t, label+"_zero") == 0 {
		return dec.Dec{}
	}
	n := rapid.IntRange(1, 40).Draw(t, label+"_digits")
	s := rapid.StringOfN(rapid.RuneFrom([]rune("0123456789")), n, n, -1).Draw(t, label+"_coef")
	if rapid.Bool().Draw(t, label+"_neg") {
		s = "-" + s
	}
	e := rapid.IntRange(-60, 20).Draw(t, label+"_exp")
	return dec.MustParse(fmt.Sprintf("%se%d", s, e))
}

// TestUpdaterEMAMatchesContextEMA: the updater's eq. (32) is
// dec.Context.EMA(α, cur, prev, false), representation for representation,
// in every rounding mode, with cur == prev drawn often (in a different
// representation half the time).
func TestUpdaterEMAMatchesContextEMA(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digits := rapid.SampledFrom([]int{34, 18, 50}).Draw(t, "digits")
		rounding := dec.Rounding(rapid.IntRange(int(dec.RoundDown), int(dec.RoundCeiling)).Draw(t, "rounding"))
		ctx, err := dec.NewContext(digits, rounding)
		if err != nil {
			t.Fatal(err)
		}
		alpha := dec.MustParse(rapid.SampledFrom([]string{"0.1", "1", "0.5", "0.123456789", "1e-30"}).Draw(t, "alpha"))
		cur := genDec(t, "cur")
		prev := genDec(t, "prev")
		switch rapid.IntRange(0, 3).Draw(t, "same") {
		case 0:
			prev = cur
		case 1:
			prev = cur.Shift(3).Shift(-3).Add(dec.MustParse("0e-5")) // same value, other exponent
		}
		u := &updater{ctx: ctx, alpha: alpha, oneMinus: dec.One().Sub(alpha)}
		got, gerr := u.ema(cur, prev)
		want, werr := ctx.EMA(alpha, cur, prev, false)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("errors differ: %v vs %v", gerr, werr)
		}
		if gerr == nil && got.String() != want.String() {
			t.Fatalf("ema(%s, %s) = %s, Context.EMA = %s", cur, prev, got, want)
		}
	})
}

// TestSortPairsMatchesSort: the counting sort of the L⁻_{j'ik} pairs gives
// the order of a comparison sort by cmpKey and reports a repeated pair,
// the first one in key order, whatever the input order.
func TestSortPairsMatchesSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ni := rapid.IntRange(1, 6).Draw(t, "inferers")
		nf := rapid.IntRange(1, 6).Draw(t, "forecasters")
		infs := make([]idValue, ni)
		for i := range infs {
			infs[i] = idValue{id: fmt.Sprintf("i%d", i)}
		}
		fcs := make([]idValue, nf)
		for i := range fcs {
			fcs[i] = idValue{id: fmt.Sprintf("f%d", i)}
		}
		n := rapid.IntRange(0, 40).Draw(t, "pairs")
		at := make([]pairAt, n)
		for i := range at {
			at[i] = pairAt{int32(rapid.IntRange(0, ni-1).Draw(t, "j")), int32(rapid.IntRange(0, nf-1).Draw(t, "k")), dec.FromInt64(int64(i))}
		}
		want := make([]entry, n)
		for i, p := range at {
			want[i] = entry{key{net: infs[p.inf].id, worker: fcs[p.fc].id}, p.v}
		}
		slices.SortStableFunc(want, func(a, b entry) int { return cmpKey(a.key, b.key) })
		var wantErr string
		for i := 1; i < len(want); i++ {
			if cmpKey(want[i-1].key, want[i].key) == 0 {
				wantErr = fmt.Sprintf("forecaster %q, inferer %q", want[i].worker, want[i].net)
				break
			}
		}
		got, err := sortPairs(at, infs, fcs)
		if wantErr != "" {
			if err == nil || err.Error() != wantErr {
				t.Fatalf("error %v, want %s", err, wantErr)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i].key != want[i].key || got[i].v.Cmp(want[i].v) != 0 {
				t.Fatalf("position %d: %v %s, want %v %s", i, got[i].key, got[i].v, want[i].key, want[i].v)
			}
		}
	})
}
