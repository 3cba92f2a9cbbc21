package loss

import "github.com/netmath/netmath/internal/dec"

// logcosh is the log-cosh loss (spec loss_methods.md §3.4):
//
//	L = ln cosh(y − p)
//
// evaluated in a cancellation-free form at the working precision:
//
//   - |e| <= 1: with t = tanh(|e|/2) and x = t², cosh e = (1+x)/(1−x), so
//     L = ln(1+x) − ln(1−x) = 2·atanh(x). Both logarithms are taken of
//     exact sums (1 ± x), have opposite signs and are subtracted, so their
//     magnitudes add: no cancellation. For x < 10^-(w/2+1) the series
//     2x(1 + x²/3 + ...) is cut after 2x (relative error below 10^-w).
//   - |e| > 1: L = |e| − ln 2 + ln(1 + e^{−2|e|}); L >= |e| − ln 2 >= 0.30,
//     so the subtraction loses less than one digit, and e^{−2|e|} never
//     overflows (it flushes to zero for |e| > 460, where it no longer
//     matters).
//
// The result is within one ulp of the correctly rounded value. It never
// overflows for arguments in range (L < |e|).
func (m Method) logcosh(y, p dec.Dec) (dec.Dec, error) {
	e := y.Sub(p).Abs()
	if e.IsZero() {
		return dec.Dec{}, nil
	}
	w := workContext(m.ctx, 0)
	c := dec.NewCalc(w)
	one := dec.One()
	var l dec.Dec
	if e.Cmp(one) <= 0 {
		t := c.Tanh(halve(e))
		x := c.Mul(t, t)
		if x.IsZero() {
			// e²/4 underflowed below the decimal range; so does L ≈ e²/2.
			return c.Result(dec.Dec{})
		}
		if mag(x) < -(w.Digits()/2 + 1) {
			l = twice(x)
		} else {
			l = c.Ln(one.Add(x)).Sub(c.Ln(one.Sub(x)))
		}
	} else {
		ln2 := c.Ln(dec.FromInt64(2))
		u := c.Exp(twice(e).Neg())
		l = e.Sub(ln2)
		if !u.IsZero() {
			l = l.Add(c.Ln(one.Add(u)))
		}
	}
	if err := c.Err(); err != nil {
		return dec.Dec{}, err
	}
	return m.ctx.Round(l)
}
