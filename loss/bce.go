package loss

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// unitInterval reports whether 0 <= x <= 1.
func unitInterval(x dec.Dec) bool { return x.Sign() >= 0 && x.Cmp(dec.One()) <= 0 }

// bce is the binary cross-entropy (spec loss_methods.md §3.5):
//
//	q = clamp(p, ε, 1 − ε);  L = −[ y·ln q + (1 − y)·ln(1 − q) ]
//
// with y, p in [0, 1] (checked before clamping; y may be a soft label).
// Both terms are <= 0, so their sum has no cancellation; the logarithms and
// products run at the working precision and the result is rounded once
// (within one ulp). Edge handling (spec §3.5, UNCERTAIN which SDK revision
// is live):
//
//   - BCENewest (default): no special cases, result max(L, 0). Exact 0/1
//     predictions give large finite losses, e.g. (1, 0) → −ln 1e-15.
//   - BCELegacy: (1, 0) and (0, 1) are +Inf (ErrInfiniteLoss), (1, 1) and
//     (0, 0) are 0, and L <= ε is reported as 0.
//
// In exact arithmetic 1 − ε is exactly 0.999999999999999 (the SDK's float64
// 1 − 1e-15 is slightly smaller), so (1, 1) gives −ln(1 − 1e-15) =
// 1.0000000000000005e-15, not the float64 9.992007221626415e-16.
func (m Method) bce(y, p dec.Dec) (dec.Dec, error) {
	if !unitInterval(y) || !unitInterval(p) {
		return dec.Dec{}, fmt.Errorf("%w: bce needs truth and prediction in [0, 1]", ErrDomain)
	}
	one := dec.One()
	if m.legacy {
		switch {
		case y.Equal(one) && p.IsZero(), y.IsZero() && p.Equal(one):
			return dec.Dec{}, fmt.Errorf("%w: bce (legacy edges) of a certain wrong prediction", ErrInfiniteLoss)
		case y.Equal(one) && p.Equal(one), y.IsZero() && p.IsZero():
			return dec.Dec{}, nil
		}
	}
	q := dec.Max(p, m.epsilon)
	q = dec.Min(q, one.Sub(m.epsilon))
	c := dec.NewCalc(workContext(m.ctx, 0))
	var s dec.Dec // y·ln q + (1 − y)·ln(1 − q), <= 0
	if !y.IsZero() {
		s = s.Add(c.Mul(y, c.Ln(q)))
	}
	if y1 := one.Sub(y); !y1.IsZero() {
		s = s.Add(c.Mul(y1, c.Ln(one.Sub(q))))
	}
	if err := c.Err(); err != nil {
		return dec.Dec{}, err
	}
	l := s.Neg()
	if l.Sign() < 0 {
		l = dec.Dec{} // max(L, 0); unreachable in exact arithmetic
	}
	if m.legacy && l.Cmp(m.epsilon) <= 0 {
		return dec.Dec{}, nil
	}
	return m.ctx.Round(l)
}

// cce is one label's term of the categorical cross-entropy (spec §8):
//
//	q = max(p, ε);  L = −y·ln q
//
// with y, p in [0, 1]. Summed over the labels (its default reducer) it is
// CCE = −Σ_ℓ y_ℓ·ln p_ℓ. The clamp only keeps ln finite at p = 0; a
// perfect prediction (y = p = 1) gives exactly 0. One logarithm and one
// product at the working precision, rounded once (within one ulp).
func (m Method) cce(y, p dec.Dec) (dec.Dec, error) {
	if !unitInterval(y) || !unitInterval(p) {
		return dec.Dec{}, fmt.Errorf("%w: cce needs truth and prediction in [0, 1]", ErrDomain)
	}
	if y.IsZero() {
		return dec.Dec{}, nil
	}
	q := dec.Max(p, m.epsilon)
	c := dec.NewCalc(workContext(m.ctx, 0))
	l := c.Mul(y, c.Ln(q)).Neg()
	if err := c.Err(); err != nil {
		return dec.Dec{}, err
	}
	return m.ctx.Round(l)
}
