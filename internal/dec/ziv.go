package dec

import "math/big"

// Correct rounding of transcendental functions (Ziv's strategy). An
// approximation routine returns an enclosure lo <= |f(x)| <= hi at some
// scale; when both ends round to the same value at the working precision,
// that value is the correctly rounded f(x). Otherwise the routine runs again
// with more guard digits. Each function's documentation states the error
// bound its enclosure relies on.

// zivGuards are the guard digits of the successive attempts. The first
// attempt resolves all but about one argument in 10^8.
var zivGuards = [...]int{12, 32, 72}

// enclosure brackets |f(x)| between lo·10^exp and hi·10^exp.
type enclosure struct {
	neg    bool
	lo, hi *big.Int
	exp    int64
}

// approxFunc computes an enclosure with the given number of guard digits.
type approxFunc func(guard int) (enclosure, error)

// ziv returns f correctly rounded to c, or within one unit in the last place
// when the enclosure cannot be narrowed enough (the exact value then lies
// on, or within 10^-70 relative of, a rounding boundary; the nearest
// representable value is returned, which is the exact result when it is
// representable).
func ziv(c Context, f approxFunc) (Dec, error) {
	if !c.valid() {
		return Dec{}, ErrInvalidContext
	}
	p := c.Digits()
	var last enclosure
	for _, g := range zivGuards {
		e, err := f(g)
		if err != nil {
			return Dec{}, err
		}
		last = e
		if e.lo.Sign() <= 0 {
			continue
		}
		a, err := roundAbs(e.neg, e.lo, e.exp, p, c.rounding, false)
		if err != nil {
			return Dec{}, err
		}
		b, err := roundAbs(e.neg, e.hi, e.exp, p, c.rounding, false)
		if err != nil {
			return Dec{}, err
		}
		if a.Cmp(b) == 0 {
			return a, nil
		}
	}
	mid := new(big.Int).Add(last.lo, last.hi)
	mid.Rsh(mid, 1)
	near, err := roundAbs(last.neg, mid, last.exp, p, RoundHalfEven, false)
	if err != nil {
		return Dec{}, err
	}
	lo := mk(new(big.Int).Set(last.lo), int32(last.exp))
	hi := mk(new(big.Int).Set(last.hi), int32(last.exp))
	if last.neg {
		lo, hi = hi.Neg(), lo.Neg()
	}
	if near.Cmp(lo) >= 0 && near.Cmp(hi) <= 0 {
		return near, nil
	}
	return roundAbs(last.neg, mid, last.exp, p, c.rounding, false)
}

// around returns the enclosure y ± err (magnitudes) at the given exponent.
func around(neg bool, y *big.Int, err int64, exp int64) enclosure {
	d := big.NewInt(err)
	return enclosure{
		neg: neg,
		lo:  new(big.Int).Sub(y, d),
		hi:  new(big.Int).Add(y, d),
		exp: exp,
	}
}
