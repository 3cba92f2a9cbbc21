package dec

import (
	"fmt"
	"math/big"
)

// Sqrt returns the square root of x correctly rounded to c (exact integer
// square root with a remainder test, no approximation). Errors wrap ErrDomain
// when x < 0.
func (c Context) Sqrt(x Dec) (Dec, error) {
	if !c.valid() {
		return Dec{}, ErrInvalidContext
	}
	if x.Sign() < 0 {
		return Dec{}, fmt.Errorf("%w: sqrt(%s)", ErrDomain, x)
	}
	if x.IsZero() {
		return Dec{}, nil
	}
	p := c.Digits()
	// Scale the coefficient so its exponent is even and the root has at
	// least p+2 digits.
	shift := 2*(p+2) - x.digits()
	if shift < 0 {
		shift = 0
	}
	if (int64(x.exp)-int64(shift))%2 != 0 {
		shift++
	}
	if w, ok := x.mag256(); ok && x.digits()+shift <= maxPow10W {
		// The same integer square root in words.
		n := mulPow10W(&w, shift)
		q, exact := isqrt256(&n)
		return roundW(false, q, (int64(x.exp)-int64(shift))/2, p, c.rounding, !exact)
	}
	n := new(big.Int).Mul(x.coefBig(), pow10(shift))
	q := new(big.Int).Sqrt(n)
	exact := new(big.Int).Mul(q, q).Cmp(n) == 0
	return roundAbs(false, q, (int64(x.exp)-int64(shift))/2, p, c.rounding, !exact)
}
