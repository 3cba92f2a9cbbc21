package dec

import (
	"fmt"
	"math/big"
)

// Ln returns the natural logarithm of x correctly rounded to c (see ziv).
// Errors wrap ErrDomain when x <= 0. Ln(1) is exactly 0.
//
// Method: x = m·10^a with m in [0.316, 3.17), ln x = a·ln10 + ln m, ln m by
// four square roots and the atanh series, in fixed point with enough digits
// that the absolute error (below 2^10 units) is a relative error below
// 10^-(p+guard-4) of the result.
func (c Context) Ln(x Dec) (Dec, error) {
	if x.Sign() <= 0 {
		return Dec{}, fmt.Errorf("%w: ln(%s)", ErrDomain, x)
	}
	if x.Cmp(one) == 0 {
		return Dec{}, nil
	}
	// m >= 3, so only x in (0.99, 1.01) can qualify; the test on the
	// magnitude first spares the exact subtraction for other x.
	if a := x.adjExp(); a == 0 || a == -1 {
		if e := x.Sub(one); e.adjExp()+1 <= -c.nudgeDigits(e) {
			// x = 1+ε with |ε| < 10^-m: ln x = ε − ε²/2 + ... lies below ε,
			// within ε² < 10^-m·|ε| of it (see roundNudged).
			return c.roundNudged(e, -e.Sign())
		}
	}
	p := c.Digits()
	if c.valid() {
		if d, ok := lnFast(x, p, c.rounding); ok {
			return d, nil
		}
	}
	return ziv(c, func(guard int) (enclosure, error) {
		y, s := lnFixed(x, p+guard)
		neg := y.Sign() < 0
		return around(neg, y.Abs(y), 1<<10, -int64(s)), nil
	})
}

// Log10 returns the base-10 logarithm of x correctly rounded to c. Powers of
// ten give exact integers. Errors wrap ErrDomain when x <= 0.
func (c Context) Log10(x Dec) (Dec, error) {
	if x.Sign() <= 0 {
		return Dec{}, fmt.Errorf("%w: log10(%s)", ErrDomain, x)
	}
	if k, ok := exactPow10(x); ok {
		return c.Round(FromInt64(int64(k)))
	}
	p := c.Digits()
	if c.valid() {
		if d, ok := log10Fast(x, p, c.rounding); ok {
			return d, nil
		}
	}
	return ziv(c, func(guard int) (enclosure, error) {
		y, s := lnFixed(x, p+guard+1)
		// y/ln10 at scale s, with ln 10 at scale t <= maxFixedScale: near
		// x = 1 the scale s exceeds what fixLn10 holds, but the quotient
		// needs only p+guard+5 significant digits of ln 10.
		t := min(s, maxFixedScale)
		y.Mul(y, pow10(t))
		y.Quo(y, fixLn10(t))
		neg := y.Sign() < 0
		return around(neg, y.Abs(y), 1<<11, -int64(s)), nil
	})
}

// exactPow10 reports whether x is exactly 10^k.
func exactPow10(x Dec) (int, bool) {
	if w, ok := x.mag256(); ok && !x.neg {
		n := digits256(&w)
		if n-1 <= maxPow10W && w == pow10W[n-1] {
			return int(x.exp) + n - 1, true
		}
		return 0, false
	}
	c, e := normalize(x.coefBig(), int(x.exp))
	if c.Cmp(bigOne) != 0 {
		return 0, false
	}
	return e, true
}

// lnFixed returns ln x at a scale chosen so that the result has at least
// want significant digits, and that scale.
func lnFixed(x Dec, want int) (*big.Int, int) {
	// Split x = m·10^a with m in [10^-0.5, 10^0.5).
	n := x.digits()
	a := int64(x.exp) + int64(n) - 1
	m := x
	m.exp = int32(1 - n) // in [1, 10)
	if m.Cmp(sqrt10) >= 0 {
		m = m.Shift(-1)
		a++
	}
	// When a == 0 the result can be tiny: |ln m| ~ |m-1|. Add the leading
	// zeros of m-1 to the scale so the absolute error stays relative.
	s := want + 4
	if a == 0 {
		if d := m.Sub(one); !d.IsZero() {
			if z := -d.adjExp(); z > 0 {
				s += z
			}
		}
	}
	y := fixLnNear1(toFixed(m, s), s)
	if a != 0 {
		y.Add(y, new(big.Int).Mul(big.NewInt(a), fixLn10(s)))
	}
	return y, s
}

// sqrt10 is sqrt(10) rounded up at 40 digits.
var sqrt10 = MustParse("3.162277660168379332349193476363013754397")
