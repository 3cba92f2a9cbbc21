package regret

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
)

// idValue is one per-worker loss in the decimal core.
type idValue struct {
	id string
	v  dec.Dec
}

// losses is a network-loss bundle in the decimal core, validated: every
// list sorted by id without duplicates, every one-out/one-in id present in
// the list it refers to.
type losses struct {
	combined, naive       dec.Dec
	inferers, forecasters []idValue // L_ij, L_ik
	oneOutInf, oneOutFc   []idValue // L⁻_{j'i}, L⁻_{k'i}
	oneIn                 []idValue // L⁺_{ki}
	// L⁻_{j'ik} by withheld inferer: inferer position j's losses are
	// pairV[pairStart[j]:pairStart[j+1]], for the forecaster positions
	// pairFc[pairStart[j]:pairStart[j+1]], which ascend. Positions index
	// inferers and forecasters; ids sort byte-wise there, so positions
	// order pairs as cmpKey orders their (inferer, forecaster) keys.
	pairStart, pairFc []int32
	pairV             []dec.Dec
	rows              []int32 // forecaster positions with at least one L⁻_{j'ik}, ascending
	// dense (the fast path's parse only, parseLossesFast): the L⁻_{j'ik}
	// are a full grid in the bundle, forecaster-major in key order, so
	// that row r (forecaster rows[r]) and inferer position x hold
	// densePairs[r·len(inferers)+x]. Those values are read in place
	// (Num.Dec) where a row is built (grid.fillBlock), and pairStart,
	// pairFc and pairV are nil.
	dense      bool
	densePairs []loss.PairValue
}

func parseValues(field string, vs []loss.Value) ([]idValue, error) {
	if len(vs) > MaxWorkers {
		return nil, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, field, len(vs), MaxWorkers)
	}
	out := make([]idValue, len(vs))
	for i, v := range vs {
		if v.ID == "" {
			return nil, fmt.Errorf("%w: %s[%d]", ErrEmptyID, field, i)
		}
		d, err := dec.FromDecimal(v.Value)
		if err != nil {
			return nil, fmt.Errorf("%w: %s[%q]: %w", ErrInvalidValue, field, v.ID, err)
		}
		out[i] = idValue{v.ID, d}
	}
	slices.SortFunc(out, func(a, b idValue) int { return strings.Compare(a.id, b.id) })
	for i := 1; i < len(out); i++ {
		if out[i-1].id == out[i].id {
			return nil, fmt.Errorf("%w: %s: %q", ErrDuplicateID, field, out[i].id)
		}
	}
	return out, nil
}

// index returns the position of id in the sorted list xs, or -1.
func index(xs []idValue, id string) int {
	i := sort.Search(len(xs), func(i int) bool { return xs[i].id >= id })
	if i < len(xs) && xs[i].id == id {
		return i
	}
	return -1
}

// subset checks that every id of sub is in of.
func subset(field, ofField string, sub, of []idValue) error {
	for _, x := range sub {
		if index(of, x.id) < 0 {
			return fmt.Errorf("%w: %s names %q, which has no entry in %s", ErrUnknownID, field, x.id, ofField)
		}
	}
	return nil
}

// parseLosses validates and converts a network-loss bundle (spec §6).
//
// Besides ids and values, it checks the structure a bundle built by the
// network-loss aggregation (§6) always has: one-out inferer losses only for
// inferers with an inferer loss; one-out forecaster and one-in losses only
// for forecasters with a forecaster loss; L⁻_{j'ik} only for such a
// forecaster k and inferer j'. A violation is ErrUnknownID.
func parseLosses(b loss.Bundle) (losses, error) {
	return parseLossesMode(b, false)
}

// parseLossesFast is parseLosses for the fast path (updatePath): when the
// L⁻_{j'ik} form a dense grid (setDense), it checks their ids in place and
// leaves their values (Nums, always in range) to be read, once each, where
// a row of eq. (37) is built; otherwise it is parseLosses. Its errors are
// not reported (the fast path's never are).
func parseLossesFast(b loss.Bundle) (losses, error) {
	return parseLossesMode(b, true)
}

func parseLossesMode(b loss.Bundle, fast bool) (losses, error) {
	var l losses
	var err error
	if l.combined, err = dec.FromDecimal(b.Combined); err != nil {
		return l, fmt.Errorf("%w: losses.combined: %w", ErrInvalidValue, err)
	}
	if l.naive, err = dec.FromDecimal(b.Naive); err != nil {
		return l, fmt.Errorf("%w: losses.naive: %w", ErrInvalidValue, err)
	}
	if l.inferers, err = parseValues("losses.inferers", b.Inferers); err != nil {
		return l, err
	}
	if l.forecasters, err = parseValues("losses.forecasters", b.Forecasters); err != nil {
		return l, err
	}
	if l.oneOutInf, err = parseValues("losses.one_out_inferers", b.OneOutInferers); err != nil {
		return l, err
	}
	if l.oneOutFc, err = parseValues("losses.one_out_forecasters", b.OneOutForecasters); err != nil {
		return l, err
	}
	if l.oneIn, err = parseValues("losses.one_in_forecasters", b.OneInForecasters); err != nil {
		return l, err
	}
	if err := subset("losses.one_out_inferers", "losses.inferers", l.oneOutInf, l.inferers); err != nil {
		return l, err
	}
	if err := subset("losses.one_out_forecasters", "losses.forecasters", l.oneOutFc, l.forecasters); err != nil {
		return l, err
	}
	if err := subset("losses.one_in_forecasters", "losses.forecasters", l.oneIn, l.forecasters); err != nil {
		return l, err
	}
	const field = "losses.one_out_inferer_forecasters"
	if len(b.OneOutInfererForecasters) > MaxWorkers*MaxWorkers {
		return l, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, field, len(b.OneOutInfererForecasters), MaxWorkers*MaxWorkers)
	}
	// Each pair is checked in turn for empty ids, then unknown ids, and
	// the first failure is the error (a pair's value, a Num, is always in
	// range). The ids are checked first, all of them (pairPositions), so
	// that the values can be written straight to their sorted position.
	pairs := b.OneOutInfererForecasters
	if fast && l.setDense(pairs) {
		return l, nil
	}
	pos, idErr := pairPositions(field, pairs, l.inferers, l.forecasters)
	if idErr != nil {
		return l, idErr
	}
	start, dest, dupErr := sortPairs(pos, l.inferers, l.forecasters)
	l.pairV = make([]dec.Dec, len(pairs))
	for i, p := range pairs {
		l.pairV[dest[i]] = p.Value.Dec()
	}
	if dupErr != nil {
		return l, fmt.Errorf("%w: %s: %w", ErrDuplicateID, field, dupErr)
	}
	l.pairStart = start
	l.pairFc = make([]int32, len(pairs))
	hasRow := make([]bool, len(l.forecasters))
	for i, p := range pos {
		l.pairFc[dest[i]] = p.fc
		hasRow[p.fc] = true
	}
	for k, ok := range hasRow {
		if ok {
			l.rows = append(l.rows, int32(k))
		}
	}
	return l, nil
}

// setDense sets l's L⁻_{j'ik} to pairs when they are a dense grid: a
// multiple of len(l.inferers) long, made of rows of len(l.inferers) pairs,
// each row one forecaster of l.forecasters (the rows' forecasters strictly
// ascending) paired with every inferer of l.inferers in order. Such a list
// is valid, sorted and free of repeats as parseLosses checks it, and its
// rows are every forecaster with a pair (l.rows); it returns false for any
// other list (nothing is set then). The values are read where a row is
// built (grid.fillBlock).
func (l *losses) setDense(pairs []loss.PairValue) bool {
	nI := len(l.inferers)
	if len(pairs) == 0 || nI == 0 || len(pairs)%nI != 0 || len(pairs)/nI > len(l.forecasters) {
		return false
	}
	rows := make([]int32, 0, len(pairs)/nI)
	k := 0
	for r0 := 0; r0 < len(pairs); r0 += nI {
		fc := pairs[r0].Forecaster
		for k < len(l.forecasters) && l.forecasters[k].id < fc {
			k++
		}
		if k == len(l.forecasters) || l.forecasters[k].id != fc {
			return false
		}
		row := pairs[r0 : r0+nI]
		for x := range row {
			if p := &row[x]; p.Forecaster != fc || p.Inferer != l.inferers[x].id {
				return false
			}
		}
		rows = append(rows, int32(k))
		k++
	}
	l.dense, l.densePairs, l.rows = true, pairs, rows
	return true
}

// pairPos is one L⁻_{j'ik} as the positions of its inferer and forecaster
// in the sorted inferer and forecaster lists.
type pairPos struct {
	inf, fc int32
}

// pairPositions returns the positions of the pairs' ids or the error of
// the first pair with an empty or unknown id.
func pairPositions(field string, pairs []loss.PairValue, infs, fcs []idValue) ([]pairPos, error) {
	pos := make([]pairPos, len(pairs))
	k, j := -1, -1
	for i, p := range pairs {
		if p.Forecaster == "" || p.Inferer == "" {
			return nil, fmt.Errorf("%w: %s[%d]: forecaster %q, inferer %q", ErrEmptyID, field, i, p.Forecaster, p.Inferer)
		}
		// A bundle from loss.NetworkLosses is forecaster-major and sorted:
		// the previous pair's forecaster and the next inferer are tried
		// before a search.
		if k < 0 || fcs[k].id != p.Forecaster {
			if k = index(fcs, p.Forecaster); k < 0 {
				return nil, fmt.Errorf("%w: %s names forecaster %q, which has no entry in losses.forecasters", ErrUnknownID, field, p.Forecaster)
			}
		}
		if j++; j >= len(infs) || infs[j].id != p.Inferer {
			if j = index(infs, p.Inferer); j < 0 {
				return nil, fmt.Errorf("%w: %s names inferer %q, which has no entry in losses.inferers", ErrUnknownID, field, p.Inferer)
			}
		}
		pos[i] = pairPos{int32(j), int32(k)}
	}
	return pos, nil
}

// sortPairs sorts the pairs by (inferer, forecaster) position, the order of
// cmpKey on their (inferer, forecaster) keys: it returns each inferer's
// first sorted index (start[j], with start[len(infs)] = len(pos)) and each
// pair's sorted index (dest[i]). It is a counting sort on the inferer
// followed by a check, per inferer, that the forecasters ascend; a run
// that does not (an input not forecaster-major) is sorted. A repeated pair
// is an error naming it (the first in key order).
func sortPairs(pos []pairPos, infs, fcs []idValue) (start, dest []int32, err error) {
	start = make([]int32, len(infs)+1)
	for _, p := range pos {
		start[p.inf+1]++
	}
	for j := range infs {
		start[j+1] += start[j]
	}
	// perm lists the pairs (input indices) in sorted order.
	perm := make([]int32, len(pos))
	next := slices.Clone(start[:len(infs)])
	for i, p := range pos {
		perm[next[p.inf]] = int32(i)
		next[p.inf]++
	}
	byFc := func(a, b int32) int { return cmp.Compare(pos[a].fc, pos[b].fc) }
	dest = make([]int32, len(pos))
	for j := range infs {
		run := perm[start[j]:start[j+1]]
		if !slices.IsSortedFunc(run, byFc) {
			slices.SortStableFunc(run, byFc)
		}
		for r, i := range run {
			if r > 0 && pos[run[r-1]].fc == pos[i].fc && err == nil {
				err = fmt.Errorf("forecaster %q, inferer %q", fcs[pos[i].fc].id, infs[j].id)
			}
			dest[i] = start[j] + int32(r)
		}
	}
	return start, dest, err
}

// pairRun returns the forecaster positions and the L⁻_{j'ik} of withheld
// inferer j', forecasters ascending.
func (l losses) pairRun(j string) ([]int32, []dec.Dec) {
	x := index(l.inferers, j)
	if x < 0 || len(l.pairStart) == 0 {
		return nil, nil
	}
	lo, hi := l.pairStart[x], l.pairStart[x+1]
	return l.pairFc[lo:hi], l.pairV[lo:hi]
}
