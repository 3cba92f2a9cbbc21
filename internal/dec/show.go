package dec

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// showMaxBits is the largest coefficient Show prints in full (about 60
// digits); a larger one is described by its size.
const showMaxBits = 200

// Show returns a short, bounded description of an unvalidated shopspring
// decimal for an error message: "<coefficient>e<exponent>" (for example
// "-15e-1" for −1.5), or "<N-bit coefficient>e<exponent>" when the
// coefficient exceeds 200 bits. Its length is at most about 80 bytes
// whatever d is. Never format an input decimal.Decimal with %s or %v
// (decimal.Decimal.String writes every digit of the exponent: "1e2147483647"
// would become two billion characters); the determinism linter (rule
// "format") enforces this.
func Show(d decimal.Decimal) string {
	c := d.Coefficient()
	var b []byte
	if c.BitLen() > showMaxBits {
		b = append(b, '<')
		if c.Sign() < 0 {
			b = append(b, '-')
		}
		b = strconv.AppendInt(b, int64(c.BitLen()), 10)
		b = append(b, "-bit coefficient>"...)
	} else {
		b = c.Append(b, 10)
	}
	b = append(b, 'e')
	b = strconv.AppendInt(b, int64(d.Exponent()), 10)
	return string(b)
}

// Small returns the coefficient and exponent of d when its coefficient has
// at most 18 digits (|c| < 10^18), without dec.FromDecimal's range check:
// the fast path of callers that convert many ordinary values. Its cost is
// linear in the size of d's coefficient whatever d is (shopspring's
// NumDigits is superlinear: 10^10^6 costs tens of milliseconds).
func Small(d decimal.Decimal) (c int64, exp int32, ok bool) {
	exp = d.Exponent()
	if i := int(exp) - smallBoundMin; i >= 0 && i < len(smallHi) {
		// Compared at equal exponents, shopspring compares the
		// coefficients in place: no copy, no allocation.
		// One bound, by the sign (Sign reads the coefficient in place).
		if d.Sign() >= 0 {
			if d.Cmp(smallHi[i]) >= 0 {
				return 0, 0, false
			}
		} else if d.Cmp(smallLo[i]) <= 0 {
			return 0, 0, false
		}
		return d.CoefficientInt64(), exp, true // |c| < 10^18 < 2^63: exact
	}
	co := d.Coefficient()
	if co.BitLen() > 63 {
		return 0, 0, false
	}
	c = co.Int64()
	if c <= -1_000_000_000_000_000_000 || c >= 1_000_000_000_000_000_000 {
		return 0, 0, false
	}
	return c, exp, true
}

// smallHi[i] and smallLo[i] are ±10^18·10^(i+smallBoundMin), Small's bounds
// at the exponents of ordinary values. Built once, never modified (shopspring
// decimals are immutable values).
const smallBoundMin = -80

var smallHi, smallLo = func() (hi, lo [161]decimal.Decimal) {
	for i := range hi {
		hi[i] = decimal.New(1_000_000_000_000_000_000, int32(i+smallBoundMin))
		lo[i] = decimal.New(-1_000_000_000_000_000_000, int32(i+smallBoundMin))
	}
	return hi, lo
}()

// digits64 returns the number of decimal digits of |c| (1 for 0).
func digits64(c int64) int {
	if c < 0 {
		c = -c
	}
	n := 1
	for c >= 10 {
		c /= 10
		n++
	}
	return n
}

// Small returns d's coefficient and exponent when the coefficient has at
// most 18 digits (|c| < 10^18): what the package-level Small returns for
// d.Decimal(), read from the words in place (0 is (0, 0, true)).
func (d Dec) Small() (c int64, exp int32, ok bool) {
	if d.big != nil || d.hi != 0 || d.lo >= 1_000_000_000_000_000_000 {
		return 0, 0, false
	}
	c = int64(d.lo)
	if d.neg {
		c = -c
	}
	return c, d.exp, true
}

// SmallAdjExp returns the exponent of the leading digit of c·10^exp.
func SmallAdjExp(c int64, exp int32) int {
	return int(exp) + digits64(c) - 1
}
