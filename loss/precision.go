package loss

import (
	"math/big"

	"github.com/netmath/netmath/internal/dec"
)

// Working precision of the composite formulas. Every formula that chains
// several rounded operations evaluates them at the result precision plus
// guardDigits, with round-half-even, and rounds once to the method's
// context at the end. With k operations of relative error 10^-(w-1)/2
// each, the value before the last rounding is within about k·10^-(p+11)
// relative of the exact one, so the result is within one unit in the last
// place (ulp) of the correctly rounded value (it is the correctly rounded
// value unless the exact result lies within that distance of a rounding
// boundary). Formulas with cancellation raise the working precision by the
// number of cancelled digits (poisson, zptae) or use a cancellation-free
// form (logcosh, ztae); see each method.
const guardDigits = 12

// workContext returns the working context for results at ctx's precision
// plus extra digits, capped at dec.MaxContextDigits.
func workContext(ctx dec.Context, extra int) dec.Context {
	d := ctx.Digits() + guardDigits + extra
	if d > dec.MaxContextDigits {
		d = dec.MaxContextDigits
	}
	if d < 1 {
		d = 1
	}
	w, err := dec.NewContext(d, dec.RoundHalfEven)
	if err != nil {
		// Unreachable: d is in [1, MaxContextDigits].
		return dec.Reference()
	}
	return w
}

// halve returns x/2 exactly (5x·10^-1).
func halve(x dec.Dec) dec.Dec {
	x2 := x.Add(x)
	return x2.Add(x2).Add(x).Shift(-1)
}

// twice returns 2x exactly.
func twice(x dec.Dec) dec.Dec { return x.Add(x) }

// mag returns floor(log10|x|), the exponent of x's leading digit, for a
// nonzero x (0 for zero). It is exact (integer arithmetic on the
// coefficient).
func mag(x dec.Dec) int {
	if x.IsZero() {
		return 0
	}
	d := x.Decimal()
	return int(d.Exponent()) + numDigits(d.Coefficient()) - 1
}

// numDigits returns the number of decimal digits of |c| (1 for 0).
func numDigits(c *big.Int) int {
	b := c.BitLen()
	if b == 0 {
		return 1
	}
	// 2^(b-1) <= |c| < 2^b: start from a lower bound of the digit count
	// (1233/4096 < log10 2) and step up while |c| >= 10^n.
	n := (b-1)*1233>>12 + 1
	a := new(big.Int).Abs(c)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	for a.Cmp(p) >= 0 {
		n++
		p.Mul(p, big.NewInt(10))
	}
	return n
}

// finish returns x rounded to ctx, or the first error recorded by c.
func finish(c *dec.Calc, ctx dec.Context, x dec.Dec) (dec.Dec, error) {
	if err := c.Err(); err != nil {
		return dec.Dec{}, err
	}
	return ctx.Round(x)
}
