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
	pairs                 []entry   // L⁻_{j'ik}: key{net: j', worker: k}, sorted
	rows                  []string  // forecasters with at least one L⁻_{j'ik}, sorted
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
	pairs := b.OneOutInfererForecasters
	at := make([]pairAt, len(pairs))
	hasRow := make([]bool, len(l.forecasters))
	k, j := -1, -1
	for i, p := range pairs {
		if p.Forecaster == "" || p.Inferer == "" {
			return l, fmt.Errorf("%w: %s[%d]: forecaster %q, inferer %q", ErrEmptyID, field, i, p.Forecaster, p.Inferer)
		}
		d, err := dec.FromDecimal(p.Value)
		if err != nil {
			return l, fmt.Errorf("%w: %s[(%q, %q)]: %w", ErrInvalidValue, field, p.Forecaster, p.Inferer, err)
		}
		// A bundle from loss.NetworkLosses is forecaster-major and sorted:
		// the previous pair's forecaster and the next inferer are tried
		// before a search.
		if k < 0 || l.forecasters[k].id != p.Forecaster {
			if k = index(l.forecasters, p.Forecaster); k < 0 {
				return l, fmt.Errorf("%w: %s names forecaster %q, which has no entry in losses.forecasters", ErrUnknownID, field, p.Forecaster)
			}
		}
		if j++; j >= len(l.inferers) || l.inferers[j].id != p.Inferer {
			if j = index(l.inferers, p.Inferer); j < 0 {
				return l, fmt.Errorf("%w: %s names inferer %q, which has no entry in losses.inferers", ErrUnknownID, field, p.Inferer)
			}
		}
		at[i] = pairAt{int32(j), int32(k), d}
		hasRow[k] = true
	}
	if l.pairs, err = sortPairs(at, l.inferers, l.forecasters); err != nil {
		return l, fmt.Errorf("%w: %s: %w", ErrDuplicateID, field, err)
	}
	for k, ok := range hasRow {
		if ok {
			l.rows = append(l.rows, l.forecasters[k].id)
		}
	}
	return l, nil
}

// pairAt is one L⁻_{j'ik} with its inferer and forecaster as positions in
// the sorted inferer and forecaster lists.
type pairAt struct {
	inf, fc int32
	v       dec.Dec
}

// sortPairs returns the pairs as entries key{net: inferer, worker:
// forecaster} sorted by (inferer, forecaster), the order of cmpKey (ids are
// sorted byte-wise in both lists, so positions order as ids do). It is a
// counting sort on the inferer followed by a check, per inferer, that the
// forecasters ascend; a run that does not (an input not forecaster-major) is
// sorted. A repeated pair is an error naming it (the first in key order).
func sortPairs(at []pairAt, infs, fcs []idValue) ([]entry, error) {
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
				return nil, fmt.Errorf("forecaster %q, inferer %q", fcs[p.fc].id, infs[j].id)
			}
			out[start[j]+i] = entry{key{net: infs[j].id, worker: fcs[p.fc].id}, p.v}
		}
	}
	return out, nil
}

// pairRun returns the L⁻_{j'ik} entries of withheld inferer j', sorted by
// forecaster.
func (l losses) pairRun(j string) []entry {
	lo := sort.Search(len(l.pairs), func(i int) bool { return l.pairs[i].net >= j })
	hi := lo
	for hi < len(l.pairs) && l.pairs[hi].net == j {
		hi++
	}
	return l.pairs[lo:hi]
}
