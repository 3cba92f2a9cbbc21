package dec

import (
	"fmt"
	"math/bits"
)

// roundW is roundAbs for a magnitude held in words: it rounds q·10^exp,
// with sign neg, to digits significant digits with mode. sticky reports a
// nonzero remainder below q's last digit. It returns exactly what roundAbs
// returns for the same arguments (the same coefficient and exponent, the
// same range errors), without allocating when the result fits in 128 bits.
func roundW(neg bool, q w256, exp int64, digits int, mode Rounding, sticky bool) (Dec, error) {
	if isZero256(&q) {
		return Dec{}, nil
	}
	n := digits256(&q)
	if sticky && n <= digits {
		// Append zero digits so one digit is discarded (see roundAbs).
		m := digits + 1 - n
		if n+m > maxPow10W {
			return roundAbs(neg, wordsToBig(q[:]), exp, digits, mode, sticky)
		}
		q = mulPow10W(&q, m)
		exp -= int64(m)
		n += m
	}
	if n > digits {
		k := n - digits
		half, nonzero := divPow10W(&q, k)
		if half == 0 && sticky {
			half = 1
		}
		if roundUpW(mode, neg, q[0]&1 == 1, half, nonzero || sticky) {
			inc256(&q)
			if digits <= maxPow10W && q == pow10W[digits] {
				q = pow10W[digits-1]
				exp++
			}
		}
		exp += int64(k)
		n = digits
	}
	adj := exp + int64(n) - 1
	if adj > MaxAdjExp {
		return Dec{}, fmt.Errorf("%w: result magnitude 1e%d exceeds 1e%d", ErrRange, adj, MaxAdjExp+1)
	}
	if adj < MinAdjExp {
		return Dec{}, nil
	}
	if q[2]|q[3] == 0 {
		return Dec{lo: q[0], hi: q[1], signExp: signExp{exp: int32(exp), neg: neg}}, nil
	}
	c := wordsToBig(q[:])
	if neg {
		c.Neg(c)
	}
	return Dec{big: c, signExp: signExp{exp: int32(exp), neg: neg}}, nil
}

// mulPow10W returns x·10^m; the caller guarantees the product has at most
// maxPow10W digits.
func mulPow10W(x *w256, m int) w256 {
	z := *x
	for m > 0 {
		k := min(m, 19)
		mulSmall256(&z, &z, pow10U64[k])
		m -= k
	}
	return z
}

// roundUpW is roundUp with the parity of the truncated magnitude given as
// odd.
func roundUpW(mode Rounding, neg, odd bool, half int, nonzero bool) bool {
	if !nonzero {
		return false
	}
	switch mode {
	case RoundDown:
		return false
	case RoundUp:
		return true
	case RoundFloor:
		return neg
	case RoundCeiling:
		return !neg
	case RoundHalfUp:
		return half >= 0
	case RoundHalfEven:
		return half > 0 || (half == 0 && odd)
	}
	return false
}

// roundWide is roundW for a product of up to 512 bits and digits <= 58.
// While the product exceeds 256 bits (so it has more than 77 digits), 19
// digits at a time are divided off into the sticky bit; more than 58 digits
// remain, so at least one more digit is dropped by roundW and the result is
// the rounding of the whole product, as roundAbs computes it.
func roundWide(neg bool, p *[8]uint64, exp int64, digits int, mode Rounding) (Dec, error) {
	sticky := false
	for p[4]|p[5]|p[6]|p[7] != 0 {
		var r uint64
		for i := 7; i >= 0; i-- {
			p[i], r = bits.Div64(r, p[i], pow10U64[19])
		}
		if r != 0 {
			sticky = true
		}
		exp += 19
	}
	return roundW(neg, w256{p[0], p[1], p[2], p[3]}, exp, digits, mode, sticky)
}
