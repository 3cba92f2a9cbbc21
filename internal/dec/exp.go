package dec

import (
	"fmt"
	"math/big"
)

// Exp limits: e^expMax exceeds 10^(MaxAdjExp+1), e^expMin is below
// 10^MinAdjExp.
var (
	expMax = FromInt64(925)
	expMin = FromInt64(-925)
)

// Exp returns e^x correctly rounded to c (see ziv), for any x in range; when
// c's ExpRule is ExpNewest, rounded as that rule describes.
// Results below 10^MinAdjExp flush to zero (x < -921); results of 10^401 or
// more return an error wrapping ErrRange (x > 923).
//
// Method: x = k·ln10 + r with |r| <= 1.16, e^r by argument halving, Taylor
// series and squaring in fixed point with the attempt's guard digits, so
// e^x = e^r·10^k with relative error below 2^17 units of 10^-(p+guard).
func (c Context) Exp(x Dec) (Dec, error) {
	if c.exp == ExpNewest {
		return c.expNewest(x)
	}
	if x.IsZero() {
		return one, nil
	}
	small := x.adjExp() < 2 // |x| < 100: no range test needed
	if !small && x.Cmp(expMax) > 0 {
		return Dec{}, fmt.Errorf("%w: exp(%s) overflows", ErrRange, x)
	}
	if !small && x.Cmp(expMin) < 0 {
		return Dec{}, nil
	}
	p := c.Digits()
	if x.adjExp() < -(p + 3) {
		// |x| < 10^-(p+3): e^x = 1 + x(1+O(x)) lies within 10^-(p+2) of 1,
		// above it when x > 0 (no enclosure separates it from 1).
		return c.roundNudged(one, x.Sign())
	}
	if c.valid() {
		if d, ok := expFast(x, p, c.rounding); ok {
			return d, nil
		}
	}
	return ziv(c, func(guard int) (enclosure, error) {
		s := p + guard
		return expEnclosure(toFixed(x, s+4), s+4), nil
	})
}

// expEnclosure brackets e^(X/10^s) for |X/10^s| <= 925.
func expEnclosure(X *big.Int, s int) enclosure {
	ln10 := fixLn10(s)
	// k = round(X / ln10)
	k := new(big.Int).Lsh(X, 1)
	k.Add(k, ln10)
	k.Div(k, new(big.Int).Lsh(ln10, 1)) // floor((2X+ln10)/(2 ln10))
	r := new(big.Int).Mul(k, ln10)
	r.Sub(X, r)
	y := fixExpSmall(r, s)
	kk := k.Int64()
	if kk < 0 {
		kk = -kk
	}
	return around(false, y, 1<<17+4*(kk+2), k.Int64()-int64(s))
}

// expNewest rounds e^x as the newest reference chain's Exp does (ExpNewest):
// correctly rounded half-even to p+2 digits (at most MaxContextDigits), then
// half-even to p digits.
func (c Context) expNewest(x Dec) (Dec, error) {
	var t ExpTerm
	if c.expTermFast(&t, x) {
		return t.v, nil // both roundings decided from one approximation
	}
	p := c.Digits()
	wide := Context{digits: uint8(min(p+2, MaxContextDigits)), rounding: RoundHalfEven}
	r, err := wide.Exp(x)
	if err != nil {
		return Dec{}, err
	}
	return Context{digits: uint8(p), rounding: RoundHalfEven}.Round(r)
}
