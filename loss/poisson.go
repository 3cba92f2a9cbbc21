package loss

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// poisson is the Poisson negative log-likelihood without the ln(y!) term
// (spec loss_methods.md §3.6):
//
//	q = max(p, ε);  L = q − y·ln q
//
// with y >= 0 and p >= 0. L can be negative (it is not the deviance). The
// subtraction can cancel (for example y = 3, p = 3 gives
// 3 − 3·ln 3 = −0.2958...): y·ln q is computed at the working precision,
// the number of cancelled digits k = mag(y·ln q) − mag(L) is measured, and
// when k exceeds the guard the evaluation is repeated with k more digits.
// The result is within one ulp unless more than about 50 digits cancel
// (the working precision is capped at dec.MaxContextDigits = 100); the
// absolute error then stays below 10^-88·|y·ln q|.
func (m Method) poisson(y, p dec.Dec) (dec.Dec, error) {
	if y.Sign() < 0 || p.Sign() < 0 {
		return dec.Dec{}, fmt.Errorf("%w: poisson needs truth and prediction >= 0", ErrDomain)
	}
	q := dec.Max(p, m.epsilon)
	if y.IsZero() || q.Equal(dec.One()) {
		return m.ctx.Round(q) // ln q = 0 or y = 0: L = q exactly
	}
	extra := 0
	for {
		w := workContext(m.ctx, extra)
		c := dec.NewCalc(w)
		t := c.Mul(y, c.Ln(q))
		if err := c.Err(); err != nil {
			return dec.Dec{}, err
		}
		l := q.Sub(t)
		k := w.Digits() // all digits cancelled until proven otherwise
		if !l.IsZero() {
			k = mag(dec.Max(q, t.Abs())) - mag(l)
		}
		if k <= guardDigits-4 || w.Digits() == dec.MaxContextDigits {
			return m.ctx.Round(l)
		}
		extra += k
	}
}
