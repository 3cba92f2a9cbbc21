package reputation

// The previous, hashing implementation of completeLosses, kept as the
// specification of the sorting one (TestCompleteLossesMatchesHashing).

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// oldBundleMaps holds one report's lists keyed by worker (and, for the
// one-out-inferer forecaster matrix, by forecaster then inferer).
type oldBundleMaps struct {
	combined, naive dec.Dec
	lists           [numLists]map[string]dec.Dec // indexed by LossList (ListInferers ...)
	ooif            map[string]map[string]dec.Dec
}

// completeLosses is CompleteLosses in the decimal core, with at most maxK
// coordinates.
// oldLossMatrix is the previous lossMatrix.
type oldLossMatrix struct {
	layout   []Coordinate
	reputers []string
	stakes   []dec.Dec
	x        [][]dec.Dec
	present  [][]bool
	missing  int
}

func oldCompleteLosses(reports []loss.Report, maxK int) (oldLossMatrix, error) {
	if len(reports) == 0 {
		return oldLossMatrix{}, fmt.Errorf("%w: no reputer reports", ErrEmpty)
	}
	if len(reports) > MaxReputers {
		return oldLossMatrix{}, fmt.Errorf("%w: %d reputer reports (max %d)", ErrTooLarge, len(reports), MaxReputers)
	}
	order := make([]int, len(reports))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(reports[a].Reputer, reports[b].Reputer) })
	var lm oldLossMatrix
	bms := make([]oldBundleMaps, len(reports))
	var union [numLists]map[string]struct{}
	for l := range union {
		union[l] = map[string]struct{}{}
	}
	unionOOIF := map[string]map[string]struct{}{}
	for i, idx := range order {
		r := reports[idx]
		if r.Reputer == "" {
			return oldLossMatrix{}, fmt.Errorf("%w: reputer of report %d", ErrEmptyID, idx)
		}
		if i > 0 && r.Reputer == lm.reputers[i-1] {
			return oldLossMatrix{}, fmt.Errorf("%w: reputer %q reports twice", ErrDuplicateID, r.Reputer)
		}
		lm.reputers = append(lm.reputers, r.Reputer)
		s, err := stakeOf(r.Reputer, r.Stake)
		if err != nil {
			return oldLossMatrix{}, err
		}
		lm.stakes = append(lm.stakes, s)
		bm, err := oldBundleOf(r.Reputer, r.Losses, maxK)
		if err != nil {
			return oldLossMatrix{}, err
		}
		bms[i] = bm
		for l := ListInferers; l <= ListOneInForecasters; l++ {
			for id := range bm.lists[l] {
				union[l][id] = struct{}{}
			}
		}
		for f, inner := range bm.ooif {
			u := unionOOIF[f]
			if u == nil {
				u = map[string]struct{}{}
				unionOOIF[f] = u
			}
			for j := range inner {
				u[j] = struct{}{}
			}
		}
	}
	// Layout (3.2).
	lm.layout = []Coordinate{{List: ListCombined}, {List: ListNaive}}
	addList := func(l LossList) {
		for _, id := range slices.Sorted(maps.Keys(union[l])) {
			lm.layout = append(lm.layout, Coordinate{List: l, Worker: id})
		}
	}
	addList(ListInferers)
	addList(ListForecasters)
	for _, f := range slices.Sorted(maps.Keys(unionOOIF)) {
		for _, j := range slices.Sorted(maps.Keys(unionOOIF[f])) {
			lm.layout = append(lm.layout, Coordinate{List: ListOneOutInfererForecasters, Worker: f, Inferer: j})
		}
	}
	addList(ListOneOutInferers)
	addList(ListOneOutForecasters)
	addList(ListOneInForecasters)
	if len(lm.layout) > maxK {
		return oldLossMatrix{}, fmt.Errorf("%w: %d loss coordinates (max %d)", ErrTooLarge, len(lm.layout), maxK)
	}
	lm.x = make([][]dec.Dec, len(bms))
	lm.present = make([][]bool, len(bms))
	for m, bm := range bms {
		row := make([]dec.Dec, len(lm.layout))
		pres := make([]bool, len(lm.layout))
		for c, co := range lm.layout {
			var v dec.Dec
			ok := true
			switch co.List {
			case ListCombined:
				v = bm.combined
			case ListNaive:
				v = bm.naive
			case ListOneOutInfererForecasters:
				v, ok = bm.ooif[co.Worker][co.Inferer]
			default:
				v, ok = bm.lists[co.List][co.Worker]
			}
			row[c], pres[c] = v, ok
			if !ok {
				lm.missing++
			}
		}
		lm.x[m], lm.present[m] = row, pres
	}
	return lm, nil
}

// bundleOf converts and validates one reported bundle; no list may have
// more than maxK entries.
func oldBundleOf(reputer string, b loss.Bundle, maxK int) (oldBundleMaps, error) {
	var bm oldBundleMaps
	var err error
	if bm.combined, err = toDec(fmt.Sprintf("reputer %q combined", reputer), b.Combined); err != nil {
		return bm, err
	}
	if bm.naive, err = toDec(fmt.Sprintf("reputer %q naive", reputer), b.Naive); err != nil {
		return bm, err
	}
	lists := [...]struct {
		l  LossList
		vs []loss.Value
	}{
		{ListInferers, b.Inferers},
		{ListForecasters, b.Forecasters},
		{ListOneOutInferers, b.OneOutInferers},
		{ListOneOutForecasters, b.OneOutForecasters},
		{ListOneInForecasters, b.OneInForecasters},
	}
	for _, e := range lists {
		if len(e.vs) > maxK {
			return bm, fmt.Errorf("%w: reputer %q list %s has %d entries", ErrTooLarge, reputer, e.l, len(e.vs))
		}
		m := make(map[string]dec.Dec, len(e.vs))
		for _, v := range e.vs {
			if v.ID == "" {
				return bm, fmt.Errorf("%w: reputer %q list %s", ErrEmptyID, reputer, e.l)
			}
			if _, dup := m[v.ID]; dup {
				return bm, fmt.Errorf("%w: reputer %q list %s has %q twice", ErrDuplicateID, reputer, e.l, v.ID)
			}
			x, err := dec.FromDecimal(v.Value)
			if err != nil {
				return bm, badValue(fmt.Sprintf("reputer %q %s %q", reputer, e.l, v.ID), err)
			}
			m[v.ID] = x
		}
		bm.lists[e.l] = m
	}
	if len(b.OneOutInfererForecasters) > maxK {
		return bm, fmt.Errorf("%w: reputer %q has %d one-out-inferer forecaster entries", ErrTooLarge, reputer, len(b.OneOutInfererForecasters))
	}
	bm.ooif = map[string]map[string]dec.Dec{}
	for _, pv := range b.OneOutInfererForecasters {
		if pv.Forecaster == "" || pv.Inferer == "" {
			return bm, fmt.Errorf("%w: reputer %q one-out-inferer forecaster entry (%q, %q)", ErrEmptyID, reputer, pv.Forecaster, pv.Inferer)
		}
		inner := bm.ooif[pv.Forecaster]
		if inner == nil {
			inner = map[string]dec.Dec{}
			bm.ooif[pv.Forecaster] = inner
		}
		if _, dup := inner[pv.Inferer]; dup {
			return bm, fmt.Errorf("%w: reputer %q has one-out-inferer forecaster entry (%q, %q) twice", ErrDuplicateID, reputer, pv.Forecaster, pv.Inferer)
		}
		inner[pv.Inferer] = pv.Value.Dec() // a Num is always in range
	}
	return bm, nil
}

// TestCompleteLossesMatchesHashing: the sorting completeLosses returns what
// the hashing one did, errors (sentinel and message) included, on reports
// with omitted, extra, shuffled, repeated and empty entries and values out
// of range.
func TestCompleteLossesMatchesHashing(t *testing.T) {
	var errs, oks, same, sameScaled, stream int
	defer func() {
		t.Logf("%d errors, %d results (%d Gram conversions with one exponent, %d of them scaled, %d streamed)", errs, oks, same, sameScaled, stream)
	}()
	rapid.Check(t, func(t *rapid.T) {
		R := rapid.IntRange(1, 4).Draw(t, "R")
		nw := rapid.IntRange(0, 4).Draw(t, "workers")
		bad := rapid.SampledFrom([]int{0, 0, 5, 50}).Draw(t, "bad") // per mille of bad entries
		ids := make([]string, nw+2)
		for i := range ids {
			ids[i] = fmt.Sprintf("w%d", i)
		}
		// keys returns n distinct ids in random order, rarely with an empty
		// or repeated one.
		keys := func(name string, n int) []string {
			out := slices.Clone(rapid.Permutation(ids).Draw(t, name+"_perm")[:n])
			for i := range out {
				switch k := rapid.IntRange(0, 999).Draw(t, name+"_bad"); {
				case k < bad/2:
					out[i] = ""
				case k < bad && i > 0:
					out[i] = out[rapid.IntRange(0, i-1).Draw(t, name+"_dup")]
				}
			}
			return out
		}
		// Exponents: mixed (genLoss), or all -16 (the usual settlement,
		// whose exponents completeLosses does not store; coefficients
		// with at least tz trailing zeros, so that the Gram exponent can
		// lie above -16), or all -16 but a few (then every exponent is
		// stored).
		expMode := rapid.IntRange(0, 2).Draw(t, "exp_mode")
		tz := rapid.IntRange(0, 3).Draw(t, "tz")
		val := func(name string) decimal.Decimal {
			if rapid.IntRange(0, 999).Draw(t, name+"_bad") < bad/2 {
				return decimal.New(1, 500)
			}
			if expMode == 0 {
				return genLoss(t, name).Decimal()
			}
			c := rapid.Int64Range(-999_999_999_999, 99_999_999_999).Draw(t, name+"_c")
			for range tz {
				c *= 10
			}
			e := int32(-16)
			if expMode == 2 && rapid.IntRange(0, 19).Draw(t, name+"_other") == 0 {
				e = -15
			}
			return decimal.New(c, e)
		}
		list := func(name string) []loss.Value {
			var out []loss.Value
			for _, k := range keys(name, rapid.IntRange(0, nw+2).Draw(t, name+"_n")) {
				out = append(out, loss.Value{ID: k, Value: val(name)})
			}
			return out
		}
		names := make([]string, R)
		for m := range names {
			names[m] = fmt.Sprintf("r%d", m)
			switch k := rapid.IntRange(0, 999).Draw(t, "rep_bad"); {
			case k < bad/4:
				names[m] = ""
			case k < bad/2 && m > 0:
				names[m] = names[m-1]
			}
		}
		var reports []loss.Report
		for m := 0; m < R; m++ {
			b := loss.Bundle{Combined: val("comb"), Naive: val("naive"),
				Inferers: list("inf"), Forecasters: list("fc"), OneOutInferers: list("ooi"),
				OneOutForecasters: list("oof"), OneInForecasters: list("oif")}
			fs := keys("f", rapid.IntRange(0, 2).Draw(t, "ooif_f"))
			for _, f := range fs {
				for _, j := range keys("j", rapid.IntRange(0, nw+2).Draw(t, "ooif_j")) {
					b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{Forecaster: f, Inferer: j, Value: pairNum(t, val("ooif"))})
				}
			}
			b.OneOutInfererForecasters = rapid.Permutation(b.OneOutInfererForecasters).Draw(t, "ooif_perm")
			reports = append(reports, loss.Report{Reputer: names[m], Stake: decimal.NewFromInt(1 + int64(m)), Losses: b})
		}
		maxK := rapid.SampledFrom([]int{8, MaxCoordinates, MaxCoordinates}).Draw(t, "maxK")
		got, gerr := completeLosses(reports, maxK)
		want, werr := oldCompleteLosses(reports, maxK)
		if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
			t.Fatalf("errors: sorting %v, hashing %v", gerr, werr)
		}
		if gerr != nil {
			errs++
			return
		}
		oks++
		gx, err := got.decRows()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.layout(), want.layout) || !slices.Equal(got.reputers, want.reputers) || got.missing != want.missing {
			t.Fatalf("layout %v / %v, missing %d / %d", got.layout(), want.layout, got.missing, want.missing)
		}
		for m := range gx {
			if !sameDecs(gx[m], want.x[m]) || !slices.Equal(got.present[m], want.present[m]) || !got.stakes[m].Equal(want.stakes[m]) {
				t.Fatalf("row %d: %v %v / %v %v", m, gx[m], got.present[m], want.x[m], want.present[m])
			}
			for c := range gx[m] {
				if gx[m][c].String() != want.x[m][c].String() {
					t.Fatalf("row %d coordinate %d: representation %s / %s", m, c, gx[m][c], want.x[m][c])
				}
			}
		}
		// The integers of the Gram evaluation are the same from either
		// representation.
		if got.missing == 0 && got.K > 0 {
			gr, ok1 := &gramInts{}, false
			if got.small {
				coef, exp := got.coefs()
				gr, ok1 = newGramIntsSmall(len(got.bls), got.K, coef, exp, got.stats.e0)
				if exp == nil {
					same++
					if gr.E != int32(got.stats.e0) {
						sameScaled++
					}
				}
				if gs := newGramIntsStream(&got); gs != nil {
					// gram64 offsets the integers in place: a copy of
					// them.
					stream++
					c2, e2 := got.coefs()
					gm, ok := newGramIntsSmall(len(got.bls), got.K, c2, e2, got.stats.e0)
					if !ok || gs.E != gm.E || gs.work2() != gm.work2() || !sameGram(gs.matrix(), gm.matrix()) {
						t.Fatalf("streamed Gram matrix differs")
					}
				}
			}
			gd, ok2 := newGramInts(gx)
			if ok1 && (!ok2 || gr.E != gd.E || gd.class != 1 || !slices.Equal(gr.x64, gd.x64)) {
				t.Fatalf("Gram integers differ: %v %v", gr, gd)
			}
		}
	})
}

// TestFromDecimalMatchesCore: the allocation-free conversion gives the same
// value and error class as dec.FromDecimal.
func TestFromDecimalMatchesCore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := rapid.Int64().Draw(t, "c")
		if rapid.Bool().Draw(t, "small") {
			c = rapid.Int64Range(-1e6, 1e6).Draw(t, "cs")
		}
		e := int32(rapid.IntRange(-1100, 1100).Draw(t, "e"))
		d := decimal.New(c, e)
		got, gerr := fromDecimal(d)
		want, werr := dec.FromDecimal(d)
		if (gerr == nil) != (werr == nil) || (gerr == nil && (!got.Equal(want) || got.String() != want.String())) {
			t.Fatalf("%s: %s %v, want %s %v", d, got, gerr, want, werr)
		}
	})
}

// sameGram reports whether two Gram matrices are equal (size, exponent,
// kernel and every entry).
func sameGram(a, b *gramMatrix) bool {
	if a.R != b.R || a.E != b.E || a.class != b.class || len(a.g) != len(b.g) {
		return false
	}
	for i := range a.g {
		if a.g[i].Cmp(&b.g[i]) != 0 {
			return false
		}
	}
	return true
}
