package decref

import (
	"fmt"
	"math/big"
)

// roundAbs rounds the non-negative integer q, scaled by 10^exp and carrying
// sign neg, to digits significant digits with mode. sticky reports a nonzero
// remainder below q's last digit (from an earlier inexact division); when it
// is set q must have more than digits digits. The result is range-checked:
// overflow returns ErrRange, underflow below 10^MinAdjExp returns zero. q is
// not modified.
func roundAbs(neg bool, q *big.Int, exp int64, digits int, mode Rounding, sticky bool) (Dec, error) {
	if q.Sign() == 0 {
		return Dec{}, nil
	}
	n := numDigits(q)
	if sticky && n <= digits {
		// Append zero digits so one digit is discarded; the sticky
		// remainder then lies strictly below half of the kept last digit.
		m := digits + 1 - n
		q = new(big.Int).Mul(q, pow10(m))
		exp -= int64(m)
		n += m
	}
	res := q
	if n > digits {
		k := n - digits
		var r big.Int
		res = new(big.Int)
		res.QuoRem(q, pow10(k), &r)
		half := new(big.Int).Lsh(&r, 1).Cmp(pow10(k))
		if half == 0 && sticky {
			half = 1
		}
		if roundUp(mode, neg, res, half, r.Sign() != 0 || sticky) {
			res.Add(res, bigOne)
			if res.Cmp(pow10(digits)) == 0 {
				res.Quo(res, bigTen)
				exp++
			}
		}
		exp += int64(k)
		n = digits
	} else {
		res = new(big.Int).Set(q)
	}
	adj := exp + int64(n) - 1
	if adj > MaxAdjExp {
		return Dec{}, fmt.Errorf("%w: result magnitude 1e%d exceeds 1e%d", ErrRange, adj, MaxAdjExp+1)
	}
	if adj < MinAdjExp {
		return Dec{}, nil
	}
	if neg {
		res.Neg(res)
	}
	return Dec{coef: res, exp: int32(exp)}, nil
}

var (
	bigOne = big.NewInt(1)
	bigTen = big.NewInt(10)
)

// roundUp decides whether a truncated magnitude q must be incremented.
// half compares the discarded part with half a unit of q's last digit
// (-1 below, 0 exactly half, +1 above); nonzero reports a discarded part.
func roundUp(mode Rounding, neg bool, q *big.Int, half int, nonzero bool) bool {
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
		return half > 0 || (half == 0 && q.Bit(0) == 1)
	}
	return false
}
