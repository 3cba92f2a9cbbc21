package dec

import (
	"fmt"
	"math/big"
)

// Round returns d rounded to c's significant digits with c's rounding mode.
// Errors wrap ErrRange when the result overflows.
func (c Context) Round(d Dec) (Dec, error) {
	if !c.valid() {
		return Dec{}, ErrInvalidContext
	}
	if d.IsZero() {
		return d, nil
	}
	if w, ok := d.mag256(); ok {
		return roundW(d.neg, w, int64(d.exp), c.Digits(), c.rounding, false)
	}
	return roundAbs(d.neg, new(big.Int).Abs(d.big), int64(d.exp), c.Digits(), c.rounding, false)
}

// Mul returns a × b: the exact product rounded once to c's precision.
func (c Context) Mul(a, b Dec) (Dec, error) {
	// Inline operands first (valid context, nonzero operands); the checks
	// below decide the rest, and what mulRound128 declines, as before.
	if a.big == nil && b.big == nil && c.valid() && a.lo|a.hi != 0 && b.lo|b.hi != 0 {
		neg := a.neg != b.neg
		if hi, lo, e, ok := mulRound128(a.hi, a.lo, b.hi, b.lo, int64(a.exp)+int64(b.exp), neg, c.Digits(), c.rounding); ok {
			return Dec{lo: lo, hi: hi, signExp: signExp{exp: e, neg: neg}}, nil
		}
	}
	if !c.valid() {
		return Dec{}, ErrInvalidContext
	}
	if a.IsZero() || b.IsZero() {
		return Dec{}, nil
	}
	if a.big == nil && b.big == nil {
		return roundW(a.neg != b.neg, mul128(a.hi, a.lo, b.hi, b.lo), int64(a.exp)+int64(b.exp), c.Digits(), c.rounding, false)
	}
	if x, ok := a.mag256(); ok {
		if y, ok := b.mag256(); ok {
			p := mul44(&x, &y)
			exp := int64(a.exp) + int64(b.exp)
			if p[4]|p[5]|p[6]|p[7] == 0 {
				return roundW(a.neg != b.neg, w256{p[0], p[1], p[2], p[3]}, exp, c.Digits(), c.rounding, false)
			}
			if c.Digits() <= 58 {
				return roundWide(a.neg != b.neg, &p, exp, c.Digits(), c.rounding)
			}
		}
	}
	p := new(big.Int).Mul(a.coefBig(), b.coefBig())
	neg := p.Sign() < 0
	return roundAbs(neg, p.Abs(p), int64(a.exp)+int64(b.exp), c.Digits(), c.rounding, false)
}

// Quo returns a / b: the exact quotient rounded once to c's precision.
// Errors wrap ErrDivisionByZero when b is zero, ErrRange on overflow.
func (c Context) Quo(a, b Dec) (Dec, error) {
	if !c.valid() {
		return Dec{}, ErrInvalidContext
	}
	if b.IsZero() {
		return Dec{}, fmt.Errorf("%w: %s / 0", ErrDivisionByZero, a)
	}
	if a.IsZero() {
		return Dec{}, nil
	}
	if a.big == nil && b.big == nil {
		if r, ok := quo128(a.hi, a.lo, a.exp, b.hi, b.lo, b.exp, a.neg != b.neg, c.Digits(), c.rounding); ok {
			return r, nil
		}
	}
	if r, err, ok := quoW(a, b, c.Digits(), c.rounding); ok {
		return r, err
	}
	return quoRound(a, b, c.Digits(), c.rounding)
}

// quoRound computes a/b rounded to digits significant digits.
func quoRound(a, b Dec, digits int, mode Rounding) (Dec, error) {
	A := new(big.Int).Abs(a.coefBig())
	B := new(big.Int).Abs(b.coefBig())
	// Scale A so the integer quotient has at least digits+1 digits.
	s := digits + numDigits(B) - numDigits(A) + 1
	if s < 0 {
		s = 0
	}
	A.Mul(A, pow10(s))
	var r big.Int
	q := new(big.Int)
	q.QuoRem(A, B, &r)
	neg := a.neg != b.neg
	exp := int64(a.exp) - int64(b.exp) - int64(s)
	return roundAbs(neg, q, exp, digits, mode, r.Sign() != 0)
}

// QuoInteger returns the integer part of a / b (truncated toward zero),
// exactly. Errors wrap ErrDivisionByZero when b is zero and ErrRange when
// the result is out of range.
func (c Context) QuoInteger(a, b Dec) (Dec, error) {
	if b.IsZero() {
		return Dec{}, fmt.Errorf("%w: %s / 0", ErrDivisionByZero, a)
	}
	x, y, _ := align(a, b)
	q := mk(new(big.Int).Quo(x, y), 0)
	if err := q.checkRange(); err != nil {
		return Dec{}, err
	}
	return q, nil
}
