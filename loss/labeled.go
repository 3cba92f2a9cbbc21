package loss

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// Reducer names how the per-label losses of a multi-label value are combined
// into the one scalar a reputer reports (spec loss_methods.md §8). No public
// Allora code defines this reduction (UNCERTAIN); the default is a project
// decision, not an Allora fact.
type Reducer string

const (
	// ReduceDefault is the method's default: ReduceMean, except for cce
	// whose default is ReduceSum (the categorical cross-entropy
	// −Σ_ℓ y_ℓ·ln p_ℓ).
	ReduceDefault Reducer = ""
	// ReduceMean is the arithmetic mean of the per-label losses.
	ReduceMean Reducer = "mean"
	// ReduceSum is the sum of the per-label losses; with sqe it is the
	// Brier score Σ_ℓ (y_ℓ − p_ℓ)² of the multi-label fixture.
	ReduceSum Reducer = "sum"
)

// LabeledValue is one label's value of a multi-label quantity.
type LabeledValue struct {
	Label string          `json:"label"`
	Value decimal.Decimal `json:"value"`
}

// resolve returns the effective reducer for m, or an error wrapping
// ErrInvalidParameter for an unknown name.
func (r Reducer) resolve(m Method) (Reducer, error) {
	switch r {
	case ReduceDefault:
		if m.kind == kindCCE {
			return ReduceSum, nil
		}
		return ReduceMean, nil
	case ReduceMean, ReduceSum:
		return r, nil
	}
	return "", fmt.Errorf("%w: reducer %q (want %q or %q)", ErrInvalidParameter, string(r), ReduceMean, ReduceSum)
}

// VectorLoss returns the loss of a multi-label prediction: the method applied
// to each label (truth[ℓ], pred[ℓ]), combined with the reducer. The vectors
// hold the labels in the same order (label-registry order). Every per-label
// loss is rounded to the method's precision; the sum is exact and the mean
// divides it once (rounded), so the result does not depend on the label
// order. Errors wrap ErrEmpty, ErrLabels (different lengths),
// ErrInvalidParameter (unknown reducer), ErrValue, or a Loss error.
func (m Method) VectorLoss(truth, pred Vector, r Reducer) (decimal.Decimal, error) {
	ys, err := vectorDec("truth", truth)
	if err != nil {
		return decimal.Decimal{}, err
	}
	ps, err := vectorDec("pred", pred)
	if err != nil {
		return decimal.Decimal{}, err
	}
	l, err := m.vectorLoss(ys, ps, r)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return l.Decimal(), nil
}

// LabeledLoss is VectorLoss with the labels joined by name: truth and pred
// must hold exactly the same non-empty, distinct labels (in any order), as
// the offchain node requires of a labelled ground truth (spec §8). Errors
// wrap ErrLabels for missing, extra, duplicate or empty labels.
func (m Method) LabeledLoss(truth, pred []LabeledValue, r Reducer) (decimal.Decimal, error) {
	ts, err := sortedLabels("truth", truth)
	if err != nil {
		return decimal.Decimal{}, err
	}
	ps, err := sortedLabels("pred", pred)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if len(ts) != len(ps) {
		return decimal.Decimal{}, fmt.Errorf("%w: truth has %d labels, pred has %d", ErrLabels, len(ts), len(ps))
	}
	yv := make(Vector, len(ts))
	pv := make(Vector, len(ps))
	for i := range ts {
		if ts[i].Label != ps[i].Label {
			return decimal.Decimal{}, fmt.Errorf("%w: label %q is not in both truth and pred", ErrLabels, min(ts[i].Label, ps[i].Label))
		}
		yv[i], pv[i] = ts[i].Value, ps[i].Value
	}
	return m.VectorLoss(yv, pv, r)
}

// sortedLabels returns a copy of vs sorted by label, rejecting empty and
// duplicate labels.
func sortedLabels(side string, vs []LabeledValue) ([]LabeledValue, error) {
	if len(vs) == 0 {
		return nil, fmt.Errorf("%w: %s has no labels", ErrEmpty, side)
	}
	s := slices.Clone(vs)
	slices.SortFunc(s, func(a, b LabeledValue) int { return strings.Compare(a.Label, b.Label) })
	for i, v := range s {
		if v.Label == "" {
			return nil, fmt.Errorf("%w: %s has an empty label", ErrLabels, side)
		}
		if i > 0 && s[i-1].Label == v.Label {
			return nil, fmt.Errorf("%w: %s has label %q twice", ErrLabels, side, v.Label)
		}
	}
	return s, nil
}

// vectorDec converts a label vector.
func vectorDec(side string, v Vector) ([]dec.Dec, error) {
	if len(v) == 0 {
		return nil, fmt.Errorf("%w: empty %s vector", ErrEmpty, side)
	}
	out := make([]dec.Dec, len(v))
	for i, x := range v {
		d, err := dec.FromDecimal(x)
		if err != nil {
			return nil, fmt.Errorf("%w: %s[%d]: %w", ErrValue, side, i, err)
		}
		out[i] = d
	}
	return out, nil
}

// vectorLoss applies m per label and reduces; ys and ps are non-empty.
func (m Method) vectorLoss(ys, ps []dec.Dec, r Reducer) (dec.Dec, error) {
	if len(ys) != len(ps) {
		return dec.Dec{}, fmt.Errorf("%w: truth has %d labels, prediction has %d", ErrLabels, len(ys), len(ps))
	}
	if len(ys) == 0 {
		return dec.Dec{}, fmt.Errorf("%w: no labels", ErrEmpty)
	}
	r, err := r.resolve(m)
	if err != nil {
		return dec.Dec{}, err
	}
	var sum dec.Dec
	for i := range ys {
		l, err := m.loss(ys[i], ps[i])
		if err != nil {
			if len(ys) > 1 {
				return dec.Dec{}, fmt.Errorf("label %d: %w", i, err)
			}
			return dec.Dec{}, err
		}
		sum = sum.Add(l)
	}
	if len(ys) == 1 {
		return sum, nil
	}
	if r == ReduceMean {
		return m.ctx.Quo(sum, dec.FromInt64(int64(len(ys))))
	}
	return m.ctx.Round(sum)
}
