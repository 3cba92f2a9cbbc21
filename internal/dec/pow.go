package dec

import (
	"fmt"
	"math/big"
)

// maxExactPowDigits bounds the digits of an integer power computed exactly.
const maxExactPowDigits = 2 * MaxDigits

// Pow returns x^y correctly rounded to c (see ziv).
//
//   - y = 0 gives 1 (also for x = 0);
//   - x = 0 gives 0 for y > 0 and an error wrapping ErrDivisionByZero for y < 0;
//   - x < 0 requires an integer y (error wrapping ErrDomain otherwise);
//   - integer powers whose exact value has at most 2000 digits are computed
//     exactly and rounded once; others as e^(y·ln|x|) with a precision that
//     covers the magnitude of y·ln|x|.
//
// Results beyond the range return ErrRange; results below it flush to zero.
func (c Context) Pow(x, y Dec) (Dec, error) {
	if !c.valid() {
		return Dec{}, ErrInvalidContext
	}
	if y.IsZero() {
		return one, nil
	}
	if x.IsZero() {
		if y.Sign() > 0 {
			return Dec{}, nil
		}
		return Dec{}, fmt.Errorf("%w: 0^%s", ErrDivisionByZero, y)
	}
	yInt := y.IsInteger()
	if x.Sign() < 0 && !yInt {
		return Dec{}, fmt.Errorf("%w: %s^%s (negative base, non-integer exponent)", ErrDomain, x, y)
	}
	neg := x.Sign() < 0 && yInt && y.TruncInt().Bit(0) == 1
	ax := x.Abs()
	if ax.Cmp(one) == 0 {
		if neg {
			return c.Round(one.Neg())
		}
		return one, nil
	}
	if yInt {
		if n, ok := y.Int64(); ok && n > -1<<20 && n < 1<<20 {
			an := n
			if an < 0 {
				an = -an
			}
			if int64(x.digits())*an <= maxExactPowDigits {
				return c.exactIntPow(x, n)
			}
		}
	}
	// Magnitude of y·ln|x|: decide overflow/underflow cheaply first.
	est, err := Context{digits: 10}.Ln(ax)
	if err != nil {
		return Dec{}, err
	}
	if est.IsZero() {
		// |ln|x|| < 1e-400 flushed: ln|x| = (|x|-1)(1+O(10^-400)).
		est = ax.Sub(one)
	}
	t, err := Context{digits: 10}.Mul(est, y)
	if err != nil || t.Cmp(expMax) > 0 {
		return Dec{}, fmt.Errorf("%w: %s^%s overflows", ErrRange, x, y)
	}
	if t.Cmp(expMin) < 0 {
		return Dec{}, nil
	}
	if t.IsZero() || t.adjExp() < -(c.Digits()+3) {
		// |y·ln|x|| < 10^-(p+3) (t is it to 10 digits, or flushed): x^y
		// lies within 10^-(p+2) of 1 on the side of t's sign (see Exp).
		sign := est.Sign() * y.Sign()
		if neg {
			return c.roundNudged(one.Neg(), sign)
		}
		return c.roundNudged(one, sign)
	}
	// |y·ln|x|| <= 925, so the logarithm needs the digits of y beyond its
	// integer part: y = cy·10^ey; ln|x| to scale s+extra keeps the product's
	// absolute error below a unit at scale s.
	extra := 4
	if !y.IsZero() {
		if a := y.adjExp(); a > 0 {
			extra += a + 1
		}
	}
	p := c.Digits()
	if d, ok := powFast(ax, y, neg, p, c.rounding); ok {
		return d, nil
	}
	return ziv(c, func(guard int) (enclosure, error) {
		s := p + guard + 4
		l, ls := lnFixed(ax, s+extra+3)
		// z = y·l at scale s: l is at scale ls.
		z := new(big.Int).Mul(l, y.coefBig())
		sh := int(y.exp) + s - ls
		if sh >= 0 {
			z.Mul(z, pow10(sh))
		} else {
			z.Quo(z, pow10(-sh))
		}
		e := expEnclosure(z, s)
		e.neg = neg
		// The argument error (< 2 units) adds < 8 units relative.
		e.lo.Sub(e.lo, big.NewInt(16))
		e.hi.Add(e.hi, big.NewInt(16))
		return e, nil
	})
}

// exactIntPow returns x^n rounded once to c, computing x^|n| exactly.
func (c Context) exactIntPow(x Dec, n int64) (Dec, error) {
	an := n
	if an < 0 {
		an = -an
	}
	cf := new(big.Int).Exp(x.coefBig(), big.NewInt(an), nil)
	e := int64(x.exp) * an
	if e > 1<<30 || e < -(1<<30) {
		return Dec{}, fmt.Errorf("%w: %s^%d", ErrRange, x, n)
	}
	if n > 0 {
		neg := cf.Sign() < 0
		return roundAbs(neg, cf.Abs(cf), e, c.Digits(), c.rounding, false)
	}
	// x^n = 1 / (cf·10^e): divide with the same single rounding as Quo.
	den := mk(cf, 0)
	q, err := quoRound(one, den, c.Digits(), c.rounding)
	if err != nil {
		return Dec{}, err
	}
	if q.IsZero() {
		return q, nil
	}
	r := q
	if int64(r.exp)-e > 1<<30 || int64(r.exp)-e < -(1<<30) {
		return Dec{}, fmt.Errorf("%w: %s^%d", ErrRange, x, n)
	}
	r.exp = int32(int64(r.exp) - e)
	if err := r.checkRange(); err != nil {
		if r.adjExp() < MinAdjExp {
			return Dec{}, nil
		}
		return Dec{}, err
	}
	return r, nil
}

// Pow10 returns 10^x correctly rounded to c. Integer x gives the exact power.
func (c Context) Pow10(x Dec) (Dec, error) {
	if x.IsInteger() {
		if k, ok := x.Int64(); ok && k >= MinAdjExp && k <= MaxAdjExp {
			return c.Round(Dec{lo: 1, signExp: signExp{exp: int32(k)}})
		}
		if x.Sign() < 0 {
			return Dec{}, nil
		}
		return Dec{}, fmt.Errorf("%w: 10^%s", ErrRange, x)
	}
	if x.Cmp(FromInt64(MaxAdjExp+1)) > 0 {
		return Dec{}, fmt.Errorf("%w: 10^%s", ErrRange, x)
	}
	if x.Cmp(FromInt64(MinAdjExp-1)) < 0 {
		return Dec{}, nil
	}
	p := c.Digits()
	if x.adjExp() < -(p + 3) {
		// |x| < 10^-(p+3): 10^x lies within 2.31·|x|·1.01 < 10^-(p+2) of 1,
		// on the side of x's sign (see Exp).
		return c.roundNudged(one, x.Sign())
	}
	if c.valid() {
		if d, ok := pow10Fast(x, p, c.rounding); ok {
			return d, nil
		}
	}
	return ziv(c, func(guard int) (enclosure, error) {
		s := p + guard + 4
		z := fixMul(toFixed(x, s+4), fixLn10(s+4), s+4)
		e := expEnclosure(z, s+4)
		e.lo.Sub(e.lo, big.NewInt(1<<10))
		e.hi.Add(e.hi, big.NewInt(1<<10))
		return e, nil
	})
}
