package regret

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// parseLossPairsRef is the L⁻_{j'ik} part of parseLosses as it was before
// the pairs were kept by position (db58e1b): one pass checking each pair's
// ids and value in turn, then a sort into entries. l holds the other lists,
// already parsed. It is the reference of TestParseLossesMatchesReference.
func parseLossPairsRef(b loss.Bundle, l losses) (pairs []entry, rows []string, err error) {
	const field = "losses.one_out_inferer_forecasters"
	if len(b.OneOutInfererForecasters) > MaxWorkers*MaxWorkers {
		return nil, nil, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, field, len(b.OneOutInfererForecasters), MaxWorkers*MaxWorkers)
	}
	type pairAt struct {
		inf, fc int32
		v       dec.Dec
	}
	ps := b.OneOutInfererForecasters
	at := make([]pairAt, len(ps))
	hasRow := make([]bool, len(l.forecasters))
	k, j := -1, -1
	for i, p := range ps {
		if p.Forecaster == "" || p.Inferer == "" {
			return nil, nil, fmt.Errorf("%w: %s[%d]: forecaster %q, inferer %q", ErrEmptyID, field, i, p.Forecaster, p.Inferer)
		}
		d := p.Value.Dec() // a Num is in range: the former value check cannot fail
		if k < 0 || l.forecasters[k].id != p.Forecaster {
			if k = index(l.forecasters, p.Forecaster); k < 0 {
				return nil, nil, fmt.Errorf("%w: %s names forecaster %q, which has no entry in losses.forecasters", ErrUnknownID, field, p.Forecaster)
			}
		}
		if j++; j >= len(l.inferers) || l.inferers[j].id != p.Inferer {
			if j = index(l.inferers, p.Inferer); j < 0 {
				return nil, nil, fmt.Errorf("%w: %s names inferer %q, which has no entry in losses.inferers", ErrUnknownID, field, p.Inferer)
			}
		}
		at[i] = pairAt{int32(j), int32(k), d}
		hasRow[k] = true
	}
	// The counting sort of the former sortPairs.
	infs, fcs := l.inferers, l.forecasters
	start := make([]int, len(infs)+1)
	for _, p := range at {
		start[p.inf+1]++
	}
	for j := range infs {
		start[j+1] += start[j]
	}
	byInf := make([]pairAt, len(at))
	next := slices.Clone(start[:len(infs)])
	for _, p := range at {
		byInf[next[p.inf]] = p
		next[p.inf]++
	}
	out := make([]entry, len(at))
	for j := range infs {
		run := byInf[start[j]:start[j+1]]
		if !slices.IsSortedFunc(run, func(a, b pairAt) int { return cmp.Compare(a.fc, b.fc) }) {
			slices.SortStableFunc(run, func(a, b pairAt) int { return cmp.Compare(a.fc, b.fc) })
		}
		for i, p := range run {
			if i > 0 && run[i-1].fc == p.fc {
				return nil, nil, fmt.Errorf("%w: %s: %w", ErrDuplicateID, field,
					fmt.Errorf("forecaster %q, inferer %q", fcs[p.fc].id, infs[j].id))
			}
			out[start[j]+i] = entry{key{net: infs[j].id, worker: fcs[p.fc].id}, p.v}
		}
	}
	for k, ok := range hasRow {
		if ok {
			rows = append(rows, l.forecasters[k].id)
		}
	}
	return out, rows, nil
}

// TestParseLossesMatchesReference compares parseLosses's L⁻_{j'ik} with
// parseLossPairsRef, error text for error text and pair for pair (each
// value's representation included), on random bundles whose pair list is
// shuffled, given repeated pairs, empty or unknown ids and extreme values
// (±9e400, the largest in range) at random places (several defects in one
// list, so that the order in which they are found matters). A value out
// of range, formerly a defect parseLosses reported, cannot be a Num
// (loss.NewNum refuses it: loss's TestNetworkLossesPairErrors).
func TestParseLossesMatchesReference(t *testing.T) {
	var fails, oks int
	rapid.Check(t, func(t *rapid.T) {
		b := genInput(t).Losses
		ps := shuffleMaybe(t, "pairs_order", b.OneOutInfererForecasters)
		defects := rapid.IntRange(0, 3).Draw(t, "defects")
		for range defects {
			if len(ps) == 0 {
				break
			}
			i := rapid.IntRange(0, len(ps)-1).Draw(t, "at")
			switch rapid.IntRange(0, 5).Draw(t, "defect") {
			case 0:
				ps = append(ps, ps[i]) // repeated pair
			case 1:
				ps[i].Forecaster = ""
			case 2:
				ps[i].Inferer = ""
			case 3:
				ps[i].Forecaster = "nobody"
			case 4:
				ps[i].Inferer = "i9"
			case 5:
				ps[i].Value = loss.MustNum(decimal.New(rapid.SampledFrom([]int64{9, -9}).Draw(t, "sign"), 400))
			}
		}
		b.OneOutInfererForecasters = ps
		l, err := parseLosses(b)
		lr, lerr := parseLossesWithoutPairs(b)
		if lerr != nil {
			if err == nil || err.Error() != lerr.Error() {
				t.Fatalf("error %v, want %v", err, lerr)
			}
			return
		}
		want, wantRows, werr := parseLossPairsRef(b, lr)
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("error %v, want %v", err, werr)
		}
		if err != nil {
			fails++
			return
		}
		oks++
		var got []entry
		var rows []string
		for j := range l.inferers {
			fc, v := l.pairRun(l.inferers[j].id)
			for r := range fc {
				got = append(got, entry{key{net: l.inferers[j].id, worker: l.forecasters[fc[r]].id}, v[r]})
			}
		}
		for _, k := range l.rows {
			rows = append(rows, l.forecasters[k].id)
		}
		if !slices.Equal(rows, wantRows) || len(got) != len(want) {
			t.Fatalf("rows %v, %d pairs; want %v, %d pairs", rows, len(got), wantRows, len(want))
		}
		for i := range got {
			if got[i].key != want[i].key || !sameDec(got[i].v, want[i].v) {
				t.Fatalf("pair %d: %v %s, want %v %s", i, got[i].key, got[i].v, want[i].key, want[i].v)
			}
		}
	})
	t.Logf("%d bundles accepted, %d refused", oks, fails)
	if oks == 0 || fails == 0 {
		t.Errorf("the generator should give both accepted and refused bundles: %d, %d", oks, fails)
	}
}

// parseLossesWithoutPairs is parseLosses on b without its L⁻_{j'ik}: the
// lists the pair check reads, or the error found before it.
func parseLossesWithoutPairs(b loss.Bundle) (losses, error) {
	b.OneOutInfererForecasters = nil
	return parseLosses(b)
}

// shuffleMaybe returns xs, or a shuffled copy of it.
func shuffleMaybe[T any](t *rapid.T, label string, xs []T) []T {
	if rapid.Bool().Draw(t, label) {
		return shuffle(t, label+"_perm", xs)
	}
	return slices.Clone(xs)
}

// sameDec reports whether a and b have the same representation (the same
// coefficient and exponent, as their shopspring forms show).
func sameDec(a, b dec.Dec) bool {
	x, y := a.Decimal(), b.Decimal()
	return x.Exponent() == y.Exponent() && x.Coefficient().Cmp(y.Coefficient()) == 0
}
