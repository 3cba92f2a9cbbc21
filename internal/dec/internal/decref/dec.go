package decref

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
)

// Accepted range. A nonzero value v is in range when
//
//	10^MinAdjExp <= |v| < 10^(MaxAdjExp+1)
//
// and its coefficient has at most MaxDigits significant digits. Parsing and
// conversion reject anything else with ErrRange; rounded operations whose
// result would exceed the range return ErrRange, and results smaller than
// 10^MinAdjExp in magnitude flush to zero (the truncation toward zero of the
// format, as the reference chain's Exp does for very negative arguments).
// Exact sums of in-range values stay exact; their digits are bounded by the
// exponent range.
const (
	MaxAdjExp = 400
	MinAdjExp = -400
	MaxDigits = 1000
)

// Dec is an immutable decimal number coef × 10^exp. The zero value is 0.
// Values are compared with Cmp, never with ==, because one number has many
// representations (1.0 and 1 are equal).
type Dec struct {
	coef *big.Int // nil means zero; never mutated after construction
	exp  int32
}

// New returns coef × 10^exp. It is meant for constants in code; exp must keep
// the value in range, otherwise New panics (a programmer error, never reached
// from external data).
func New(coef int64, exp int32) Dec {
	d := mk(big.NewInt(coef), exp)
	if err := d.checkRange(); err != nil {
		panic(err)
	}
	return d
}

// FromInt64 returns v as a Dec.
func FromInt64(v int64) Dec { return mk(big.NewInt(v), 0) }

// FromBigInt returns v as a Dec, or an error wrapping ErrRange when v has
// more than MaxDigits digits. v is not retained.
func FromBigInt(v *big.Int) (Dec, error) {
	if v == nil {
		return Dec{}, fmt.Errorf("%w: nil integer", ErrSyntax)
	}
	if v.BitLen() > maxDigitsBits {
		return Dec{}, fmt.Errorf("%w: integer with %d bits", ErrRange, v.BitLen())
	}
	d := mk(new(big.Int).Set(v), 0)
	return d, d.checkRange()
}

// FromDecimal converts a shopspring decimal, or returns an error wrapping
// ErrRange when it lies outside the accepted range. It never allocates more
// than a copy of d's coefficient.
func FromDecimal(d decimal.Decimal) (Dec, error) {
	c := d.Coefficient()
	if c.BitLen() > maxDigitsBits {
		return Dec{}, fmt.Errorf("%w: coefficient with %d bits", ErrRange, c.BitLen())
	}
	r := mk(c, d.Exponent())
	if err := r.checkRange(); err != nil {
		return Dec{}, err
	}
	return r, nil
}

// Decimal returns d as a shopspring decimal with the same coefficient and
// exponent.
func (d Dec) Decimal() decimal.Decimal {
	if d.coef == nil {
		return decimal.Decimal{}
	}
	return decimal.NewFromBigInt(d.coef, d.exp)
}

// mk builds a Dec that owns c.
func mk(c *big.Int, exp int32) Dec {
	if c.Sign() == 0 {
		return Dec{}
	}
	return Dec{coef: c, exp: exp}
}

// maxDigitsBits bounds the bit length of a coefficient with MaxDigits digits.
const maxDigitsBits = MaxDigits*3322/1000 + 1

// Sign returns -1, 0 or +1.
func (d Dec) Sign() int {
	if d.coef == nil {
		return 0
	}
	return d.coef.Sign()
}

// IsZero reports whether d == 0.
func (d Dec) IsZero() bool { return d.coef == nil }

// Neg returns -d.
func (d Dec) Neg() Dec {
	if d.coef == nil {
		return d
	}
	return Dec{coef: new(big.Int).Neg(d.coef), exp: d.exp}
}

// Abs returns |d|.
func (d Dec) Abs() Dec {
	if d.Sign() >= 0 {
		return d
	}
	return d.Neg()
}

// numDigits returns the number of decimal digits of |c| (1 for 0).
func numDigits(c *big.Int) int {
	b := c.BitLen()
	if b == 0 {
		return 1
	}
	// 2^(b-1) <= |c| < 2^b, so the digit count is n or n+1 with
	// n = floor((b-1)·log10 2) + 1; 1233/4096 is log10 2 rounded up enough
	// for every b below 2^20.
	n := (b-1)*1233>>12 + 1
	if new(big.Int).Abs(c).Cmp(pow10(n)) >= 0 {
		n++
	}
	return n
}

// adjExp returns the exponent of d's most significant digit (floor(log10|d|)).
// It must not be called on zero.
func (d Dec) adjExp() int {
	return int(d.exp) + numDigits(d.coef) - 1
}

// checkRange reports whether d lies in the accepted range.
func (d Dec) checkRange() error {
	if d.coef == nil {
		return nil
	}
	n := numDigits(d.coef)
	if n > MaxDigits {
		return fmt.Errorf("%w: %d significant digits (max %d)", ErrRange, n, MaxDigits)
	}
	a := int(d.exp) + n - 1
	if a > MaxAdjExp || a < MinAdjExp {
		return fmt.Errorf("%w: magnitude 1e%d outside [1e%d, 1e%d]", ErrRange, a, MinAdjExp, MaxAdjExp+1)
	}
	return nil
}

// Cmp compares d and e and returns -1, 0 or +1.
func (d Dec) Cmp(e Dec) int {
	ds, es := d.Sign(), e.Sign()
	if ds != es {
		if ds < es {
			return -1
		}
		return 1
	}
	if ds == 0 {
		return 0
	}
	// Same sign, both nonzero: compare magnitudes, then apply the sign.
	da, ea := d.adjExp(), e.adjExp()
	var m int
	switch {
	case da < ea:
		m = -1
	case da > ea:
		m = 1
	default:
		x, y, _ := align(d, e)
		m = new(big.Int).Abs(x).Cmp(new(big.Int).Abs(y))
	}
	return m * ds
}

// Equal reports whether d and e are the same number.
func (d Dec) Equal(e Dec) bool { return d.Cmp(e) == 0 }

// Min returns the smaller of d and e (e on ties).
func Min(d, e Dec) Dec {
	if d.Cmp(e) < 0 {
		return d
	}
	return e
}

// Max returns the larger of d and e (e on ties).
func Max(d, e Dec) Dec {
	if d.Cmp(e) > 0 {
		return d
	}
	return e
}

// align returns the coefficients of d and e scaled to their common (smaller)
// exponent. The returned integers may alias the operands' and must not be
// mutated.
func align(d, e Dec) (x, y *big.Int, exp int32) {
	x, y = d.coefOrZero(), e.coefOrZero()
	switch {
	case d.coef == nil:
		return x, y, e.exp
	case e.coef == nil:
		return x, y, d.exp
	case d.exp > e.exp:
		return new(big.Int).Mul(x, pow10(int(d.exp-e.exp))), y, e.exp
	case d.exp < e.exp:
		return x, new(big.Int).Mul(y, pow10(int(e.exp-d.exp))), d.exp
	}
	return x, y, d.exp
}

var bigZero = new(big.Int)

func (d Dec) coefOrZero() *big.Int {
	if d.coef == nil {
		return bigZero
	}
	return d.coef
}

// Add returns d + e exactly (no rounding).
func (d Dec) Add(e Dec) Dec {
	if d.coef == nil {
		return e
	}
	if e.coef == nil {
		return d
	}
	x, y, exp := align(d, e)
	return mk(new(big.Int).Add(x, y), exp)
}

// Sub returns d - e exactly (no rounding).
func (d Dec) Sub(e Dec) Dec { return d.Add(e.Neg()) }

// Sum returns the exact sum of xs. The result does not depend on the order
// of xs.
func Sum(xs []Dec) Dec {
	var s Dec
	for _, x := range xs {
		s = s.Add(x)
	}
	return s
}

// IsInteger reports whether d has no fractional part.
func (d Dec) IsInteger() bool {
	if d.coef == nil || d.exp >= 0 {
		return true
	}
	var r big.Int
	new(big.Int).QuoRem(d.coef, pow10(int(-d.exp)), &r)
	return r.Sign() == 0
}

// TruncInt returns d truncated toward zero as an integer.
func (d Dec) TruncInt() *big.Int {
	switch {
	case d.coef == nil:
		return new(big.Int)
	case d.exp >= 0:
		return new(big.Int).Mul(d.coef, pow10(int(d.exp)))
	}
	return new(big.Int).Quo(d.coef, pow10(int(-d.exp)))
}

// Int64 returns d as an int64 when d is an integer that fits.
func (d Dec) Int64() (int64, bool) {
	if !d.IsInteger() {
		return 0, false
	}
	i := d.TruncInt()
	if !i.IsInt64() {
		return 0, false
	}
	return i.Int64(), true
}

// Trunc returns d truncated toward zero to an integer value.
func (d Dec) Trunc() Dec { return mk(d.TruncInt(), 0) }

// Floor returns the largest integer value <= d.
func (d Dec) Floor() Dec {
	t := d.Trunc()
	if d.Sign() < 0 && t.Cmp(d) != 0 {
		return t.Sub(one)
	}
	return t
}

// Ceil returns the smallest integer value >= d.
func (d Dec) Ceil() Dec {
	t := d.Trunc()
	if d.Sign() > 0 && t.Cmp(d) != 0 {
		return t.Add(one)
	}
	return t
}

// Shift returns d × 10^n exactly.
func (d Dec) Shift(n int32) Dec {
	if d.coef == nil {
		return d
	}
	return Dec{coef: d.coef, exp: d.exp + n}
}

// Common constants.
var (
	zero = Dec{}
	one  = FromInt64(1)
	two  = FromInt64(2)
)

// One returns 1.
func One() Dec { return one }

// Zero returns 0.
func Zero() Dec { return zero }
