package decref

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
		// Rounding is monotone in the magnitude: when the low end
		// overflows so does the value; when only the high end does, the
		// value may still round below the limit, so try more digits.
		a, err := roundAbs(e.neg, e.lo, e.exp, p, c.rounding, false)
		if err != nil {
			return Dec{}, err
		}
		b, err := roundAbs(e.neg, e.hi, e.exp, p, c.rounding, false)
		if err == nil && a.Cmp(b) == 0 {
			return a, nil
		}
	}
	mid := new(big.Int).Add(last.lo, last.hi)
	mid.Rsh(mid, 1)
	// The value could not be separated from a rounding boundary: take the
	// number of at most p+1 digits nearest to the enclosure's midpoint. When
	// the enclosure holds it, the value is taken to be exactly that number
	// (a representable result, or a tie between two), rounded in c's mode.
	near, err := roundAbs(last.neg, mid, last.exp, p+1, RoundHalfEven, false)
	if err == nil && near.coef != nil {
		lo := mk(new(big.Int).Set(last.lo), int32(last.exp))
		hi := mk(new(big.Int).Set(last.hi), int32(last.exp))
		if last.neg {
			lo, hi = hi.Neg(), lo.Neg()
		}
		if near.Cmp(lo) >= 0 && near.Cmp(hi) <= 0 {
			return roundAbs(last.neg, new(big.Int).Abs(near.coef), int64(near.exp), p, c.rounding, false)
		}
	}
	return roundAbs(last.neg, mid, last.exp, p, c.rounding, false)
}

// roundNudged returns c's rounding of a number that is not r but lies
// infinitesimally close to it: its magnitude is |r| moved away from zero
// (dir > 0) or toward zero (dir < 0) by less than 10^-m·|r|, with
// m = max(n+1, p+2) and n the digits of r. Such values arise for tiny
// arguments (e^x near 1, tanh x near x, ln(1+ε) near ε) where no enclosure
// of reasonable width separates the value from r. r must be nonzero.
//
// With X = |coef(r)|·10^k holding at least p+2 digits and k >= 1, the value
// lies strictly between X and X±1 (in units of X's last digit), and every
// number there rounds like X±1: the kept digits are the same and the
// discarded part stays on the same side of every half-unit and unit.
func (c Context) roundNudged(r Dec, dir int) (Dec, error) {
	p := c.Digits()
	k := p + 2 - numDigits(r.coef)
	if k < 1 {
		k = 1
	}
	x := new(big.Int).Abs(r.coef)
	x.Mul(x, pow10(k))
	if dir > 0 {
		x.Add(x, bigOne)
	} else {
		x.Sub(x, bigOne)
	}
	return roundAbs(r.coef.Sign() < 0, x, int64(r.exp)-int64(k), p, c.rounding, false)
}

// nudgeDigits returns m = max(n+1, p+2) of roundNudged for r.
func (c Context) nudgeDigits(r Dec) int {
	return max(numDigits(r.coef)+1, c.Digits()+2)
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
