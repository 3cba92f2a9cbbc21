package regret

import (
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
	l.pairs = make([]entry, len(b.OneOutInfererForecasters))
	hasRow := make([]bool, len(l.forecasters))
	for i, p := range b.OneOutInfererForecasters {
		if p.Forecaster == "" || p.Inferer == "" {
			return l, fmt.Errorf("%w: %s[%d]: forecaster %q, inferer %q", ErrEmptyID, field, i, p.Forecaster, p.Inferer)
		}
		d, err := dec.FromDecimal(p.Value)
		if err != nil {
			return l, fmt.Errorf("%w: %s[(%q, %q)]: %w", ErrInvalidValue, field, p.Forecaster, p.Inferer, err)
		}
		k := index(l.forecasters, p.Forecaster)
		if k < 0 {
			return l, fmt.Errorf("%w: %s names forecaster %q, which has no entry in losses.forecasters", ErrUnknownID, field, p.Forecaster)
		}
		if index(l.inferers, p.Inferer) < 0 {
			return l, fmt.Errorf("%w: %s names inferer %q, which has no entry in losses.inferers", ErrUnknownID, field, p.Inferer)
		}
		l.pairs[i] = entry{key{net: p.Inferer, worker: p.Forecaster}, d}
		hasRow[k] = true
	}
	slices.SortFunc(l.pairs, func(a, b entry) int { return cmpKey(a.key, b.key) })
	for i := 1; i < len(l.pairs); i++ {
		if p := l.pairs[i]; cmpKey(l.pairs[i-1].key, p.key) == 0 {
			return l, fmt.Errorf("%w: %s: forecaster %q, inferer %q", ErrDuplicateID, field, p.worker, p.net)
		}
	}
	for k, ok := range hasRow {
		if ok {
			l.rows = append(l.rows, l.forecasters[k].id)
		}
	}
	return l, nil
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
