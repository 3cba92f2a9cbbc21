package dec

import "math/bits"

// Divisor is a value prepared as the divisor of many quotients
// (Context.QuoBy): its digit count, and for a coefficient of two words its
// normalisation and the reciprocal with which the two-word quotients
// divide by multiplications instead of hardware divisions. The zero
// Divisor divides by zero.
type Divisor struct {
	b         Dec
	nB        int
	inline    bool // b is inline and nonzero
	pre       bool // b's coefficient has two words: sh, d1, d0, v are set
	sh        uint
	d1, d0, v uint64
}

// NewDivisor prepares b as a divisor.
func NewDivisor(b Dec) Divisor {
	d := Divisor{b: b}
	if b.big != nil || b.lo|b.hi == 0 {
		return d
	}
	d.inline, d.nB = true, digits128(b.hi, b.lo)
	if b.hi != 0 {
		// d = B·2^sh with its top bit set, and its reciprocal.
		d.sh = uint(bits.LeadingZeros64(b.hi))
		d.d1, d.d0 = b.hi<<d.sh|shr64(b.lo, 64-d.sh), b.lo<<d.sh
		d.v = reciprocal2(d.d1, d.d0)
		d.pre = true
	}
	return d
}

// reciprocal2 returns Möller and Granlund's reciprocal v = floor((2^192 −
// 1)/d) − 2^64 of a normalised two-word d = (d1, d0) (top bit set): the
// quotient of 2^192 − 1 − 2^64·d, whose top two words (2^64−1−d1,
// 2^64−1−d0) are below d, by d.
func reciprocal2(d1, d0 uint64) uint64 {
	v, _, _ := div3by2(^d1, ^d0, ^uint64(0), d1, d0)
	return v
}

// QuoBy returns a / b for the b the Divisor was made from, exactly what
// c.Quo(a, b) returns (value, representation and error).
func (c Context) QuoBy(a Dec, d *Divisor) (Dec, error) {
	if d.inline && c.valid() && a.big == nil && a.lo|a.hi != 0 {
		b := &d.b
		var pre *Divisor
		if d.pre {
			pre = d
		}
		if r, ok := quo128x(a.hi, a.lo, a.exp, b.hi, b.lo, b.exp, d.nB, pre, a.neg != b.neg, c.Digits(), c.rounding); ok {
			return r, nil
		}
	}
	return c.Quo(a, d.b)
}
