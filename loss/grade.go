package loss

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/shopspring/decimal"
)

// Grade computes a reputer's value bundle (spec loss_methods.md §5): the loss
// of every network inference in b against the ground truth, each turned into
// its reported value by the rule of §7 (log10 by default) and checked
// against the bounds of §6.
//
// Every entry uses the same method, reducer and transform (§5 rule 1). For
// each entry:
//
//	L = reduce_ℓ m(truth[ℓ], pred[ℓ])      (VectorLoss; one label: m(truth, pred))
//	v = log10(L ⊕ 1e-100) | log10 L | L     (Method.Transform)
//
// b.Labels names the labels in registry order (nil: one label "y"); truth and
// every vector of b must have exactly one value per label (§5 rule 5, §8).
// Output lists are sorted by id, the one-out-inferer-forecaster pairs
// forecaster-major then by inferer (§5 rule 3 nests them per forecaster in
// first-seen order; the flat sorted list carries the same pairs).
//
// Precision: the method's context (34 digits, RoundDown by default) rounds
// every per-label loss, the mean of a multi-label reduction (one Quo), the
// SDK addition of 1e-100 and the Log10; sums are exact.
//
// Errors (the first in id order, so the error does not depend on input
// order) wrap ErrParams (options), ErrLabels, ErrEmpty (no combined or naive
// value, an empty vector), ErrEmptyID, ErrDuplicateID, ErrValue, ErrDomain,
// ErrInfiniteLoss, ErrNegativeLoss, ErrZeroLoss or ErrOutOfBounds. As in
// the offchain node, one failing entry fails the whole bundle (§5 rule 4).
func Grade(b InferenceBundle, truth Vector, m Method, opt GradeOptions) (Bundle, error) {
	if err := opt.validate(); err != nil {
		return Bundle{}, err
	}
	n := 1
	if len(b.Labels) > 0 {
		n = len(b.Labels)
		s := slices.Clone(b.Labels)
		slices.Sort(s)
		for i, l := range s {
			if l == "" {
				return Bundle{}, fmt.Errorf("%w: empty label name", ErrLabels)
			}
			if i > 0 && s[i-1] == l {
				return Bundle{}, fmt.Errorf("%w: label %q twice", ErrLabels, l)
			}
		}
	}
	if len(truth) != n {
		return Bundle{}, fmt.Errorf("%w: truth has %d values for %d labels", ErrLabels, len(truth), n)
	}
	ys, err := vectorDec("truth", truth)
	if err != nil {
		return Bundle{}, err
	}
	g := grader{m: m, opt: opt, ys: ys}
	var out Bundle
	if out.Combined, err = g.grade("combined", b.Combined); err != nil {
		return Bundle{}, err
	}
	if out.Naive, err = g.grade("naive", b.Naive); err != nil {
		return Bundle{}, err
	}
	lists := []struct {
		name string
		in   []VectorValue
		out  *[]Value
	}{
		{"inferers", b.Inferers, &out.Inferers},
		{"forecasters", b.Forecasters, &out.Forecasters},
		{"one_out_inferers", b.OneOutInferers, &out.OneOutInferers},
		{"one_out_forecasters", b.OneOutForecasters, &out.OneOutForecasters},
		{"one_in_forecasters", b.OneInForecasters, &out.OneInForecasters},
	}
	for _, l := range lists {
		if *l.out, err = g.gradeList(l.name, l.in); err != nil {
			return Bundle{}, err
		}
	}
	if out.OneOutInfererForecasters, err = g.gradePairs(b.OneOutInfererForecasters); err != nil {
		return Bundle{}, err
	}
	return out, nil
}

// grader applies one method and one rule to every entry.
type grader struct {
	m   Method
	opt GradeOptions
	ys  []dec.Dec
}

// grade returns the reported value of one entry.
func (g grader) grade(name string, pred Vector) (decimal.Decimal, error) {
	v, err := g.gradeDec(name, pred)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return v.Decimal(), nil
}

// gradeDec is grade in the decimal core.
func (g grader) gradeDec(name string, pred Vector) (dec.Dec, error) {
	if len(pred) != len(g.ys) {
		if len(pred) == 0 {
			return dec.Dec{}, fmt.Errorf("%w: %s has no value", ErrEmpty, name)
		}
		return dec.Dec{}, fmt.Errorf("%w: %s has %d values for %d labels", ErrLabels, name, len(pred), len(g.ys))
	}
	ps, err := vectorDec(name, pred)
	if err != nil {
		return dec.Dec{}, err
	}
	l, err := g.m.vectorLoss(g.ys, ps, g.opt.Reducer)
	if err != nil {
		return dec.Dec{}, fmt.Errorf("%s: %w", name, err)
	}
	v, err := g.m.transform(l, g.opt)
	if err != nil {
		return dec.Dec{}, fmt.Errorf("%s: %w", name, err)
	}
	return v, nil
}

// gradeList grades a per-worker list, sorted by id.
func (g grader) gradeList(name string, in []VectorValue) ([]Value, error) {
	if len(in) == 0 {
		return nil, nil
	}
	s := slices.Clone(in)
	slices.SortFunc(s, func(a, b VectorValue) int { return strings.Compare(a.ID, b.ID) })
	out := make([]Value, len(s))
	for i, v := range s {
		if v.ID == "" {
			return nil, fmt.Errorf("%w: %s", ErrEmptyID, name)
		}
		if i > 0 && s[i-1].ID == v.ID {
			return nil, fmt.Errorf("%w: %s %q", ErrDuplicateID, name, v.ID)
		}
		x, err := g.grade(name+" "+quote(v.ID), v.Values)
		if err != nil {
			return nil, err
		}
		out[i] = Value{ID: v.ID, Value: x}
	}
	return out, nil
}

// gradePairs grades the one-out-inferer-forecaster list, sorted by
// (forecaster, inferer).
func (g grader) gradePairs(in []PairVector) ([]PairValue, error) {
	if len(in) == 0 {
		return nil, nil
	}
	s := slices.Clone(in)
	slices.SortFunc(s, comparePairVector)
	out := make([]PairValue, len(s))
	for i, v := range s {
		if v.Forecaster == "" || v.Inferer == "" {
			return nil, fmt.Errorf("%w: one_out_inferer_forecasters", ErrEmptyID)
		}
		if i > 0 && comparePairVector(s[i-1], v) == 0 {
			return nil, fmt.Errorf("%w: one_out_inferer_forecasters (%q, %q)", ErrDuplicateID, v.Forecaster, v.Inferer)
		}
		x, err := g.gradeDec(fmt.Sprintf("one_out_inferer_forecasters (%q, %q)", v.Forecaster, v.Inferer), v.Values)
		if err != nil {
			return nil, err
		}
		out[i] = PairValue{Forecaster: v.Forecaster, Inferer: v.Inferer, Value: num.Of(x)}
	}
	return out, nil
}

func comparePairVector(a, b PairVector) int {
	return cmp.Or(strings.Compare(a.Forecaster, b.Forecaster), strings.Compare(a.Inferer, b.Inferer))
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
