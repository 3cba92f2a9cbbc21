package dec

import (
	"fmt"
	"math/big"
	"math/bits"

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
//
// A coefficient below 2^128 in magnitude is held inline (two words and a
// sign), so arithmetic on such values does not allocate; larger
// coefficients live in a *big.Int that is never mutated after construction.
// Every constructor keeps the representation canonical: big is set exactly
// when |coef| >= 2^128. Dec has four fields and 32 bytes, the most for which
// the compiler keeps a struct in registers (see signExp): a local Dec is a
// register value, not a stack slot stored and reloaded around every use.
type Dec struct {
	lo, hi  uint64   // |coef| when big is nil
	big     *big.Int // the signed coefficient when |coef| >= 2^128, else nil
	signExp          // exp and neg, one field so that Dec has four
}

// signExp holds the exponent and sign of a Dec. They are grouped in one
// embedded field (read and written as d.exp and d.neg through promotion)
// because the Go compiler keeps a struct in registers only when it has at
// most four fields (and four words) (cmd/compile/internal/ssa.CanSSA): with
// exp and neg as separate fields Dec would have five, and every local Dec
// would live in a stack slot, stored on each call and return and reloaded
// field by field. Dec is 32 bytes either way; TestDecLayout pins the layout.
type signExp struct {
	exp int32
	neg bool // coef < 0 (also when big is set)
}

// New returns coef × 10^exp. It is meant for constants in code; exp must keep
// the value in range, otherwise New panics (a programmer error, never reached
// from external data).
func New(coef int64, exp int32) Dec {
	d := FromInt64(coef)
	if !d.IsZero() {
		d.exp = exp
	}
	if err := d.checkRange(); err != nil {
		panic(err)
	}
	return d
}

// FromInt64 returns v as a Dec.
func FromInt64(v int64) Dec {
	switch {
	case v > 0:
		return Dec{lo: uint64(v)}
	case v < 0:
		return Dec{lo: uint64(^v) + 1, signExp: signExp{neg: true}}
	}
	return Dec{}
}

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
// ErrRange when it lies outside the accepted range.
//
// Allocation: shopspring's Coefficient copies the coefficient's words
// (one allocation, none for zero), and the copy's *big.Int header does not
// escape, so a coefficient below 2^128 (read inline from the words) costs
// that one allocation only; a larger one also allocates the *big.Int the
// Dec keeps (around the same words). The result is the one mk would build
// from the coefficient and exponent (the earlier form of this function,
// kept as a test reference).
func FromDecimal(d decimal.Decimal) (Dec, error) {
	c := d.Coefficient() // a fresh copy: its words are ours to keep
	n := c.BitLen()
	if n > maxDigitsBits {
		return Dec{}, fmt.Errorf("%w: coefficient with %d bits", ErrRange, n)
	}
	var r Dec
	switch {
	case n == 0:
		return Dec{}, nil
	case n <= 128:
		hi, lo, _ := bigToW128(c)
		r = Dec{lo: lo, hi: hi, signExp: signExp{exp: d.Exponent(), neg: c.Sign() < 0}}
	default:
		// c must not be retained (it would escape, with every call's
		// header): a new header takes over the copied words.
		b := new(big.Int).SetBits(c.Bits())
		neg := c.Sign() < 0
		if neg {
			b.Neg(b)
		}
		r = Dec{big: b, signExp: signExp{exp: d.Exponent(), neg: neg}}
	}
	if err := r.checkRange(); err != nil {
		return Dec{}, err
	}
	return r, nil
}

// Decimal returns d as a shopspring decimal with the same coefficient and
// exponent.
func (d Dec) Decimal() decimal.Decimal {
	// A fresh DecimalConv: its words escape with it (SetBits keeps them),
	// one allocation more than a reused DecimalConv costs.
	var v DecimalConv
	return v.Decimal(d)
}

// DecimalConv converts Decs to shopspring decimals as Dec.Decimal does (the
// same coefficient and exponent) with a scratch coefficient reused across
// conversions, for callers that convert many values: Dec.Decimal's
// temporary coefficient costs an allocation of its own, a DecimalConv's
// lives in the DecimalConv, so that a conversion allocates only the
// decimal's own coefficient. The zero value is ready to use; a DecimalConv
// must not be used by two goroutines at once.
type DecimalConv struct {
	c big.Int
	w [4]big.Word
}

// Decimal returns d.Decimal().
func (v *DecimalConv) Decimal(d Dec) decimal.Decimal {
	if d.IsZero() {
		return decimal.Decimal{}
	}
	if d.big != nil {
		return decimal.NewFromBigInt(d.big, d.exp)
	}
	ws := v.w[:2]
	if bits.UintSize == 64 {
		ws[0], ws[1] = big.Word(d.lo), big.Word(d.hi)
	} else {
		ws = v.w[:4]
		ws[0], ws[1], ws[2], ws[3] = big.Word(d.lo), big.Word(d.lo>>32), big.Word(d.hi), big.Word(d.hi>>32)
	}
	v.c.SetBits(ws) // v.c lends v.w until the next conversion
	if d.neg {
		v.c.Neg(&v.c)
	}
	return decimal.NewFromBigInt(&v.c, d.exp)
}

// mk builds a Dec from the coefficient c, which it owns from then on (a
// small coefficient is copied inline and c is not retained).
func mk(c *big.Int, exp int32) Dec {
	if c.Sign() == 0 {
		return Dec{}
	}
	neg := c.Sign() < 0
	if hi, lo, ok := bigToW128(c); ok {
		return Dec{lo: lo, hi: hi, signExp: signExp{exp: exp, neg: neg}}
	}
	return Dec{big: c, signExp: signExp{exp: exp, neg: neg}}
}

// fromW256 builds a Dec from a magnitude in words.
func fromW256(neg bool, q *w256, exp int32) Dec {
	if q[2]|q[3] == 0 {
		if q[0]|q[1] == 0 {
			return Dec{}
		}
		return Dec{lo: q[0], hi: q[1], signExp: signExp{exp: exp, neg: neg}}
	}
	c := wordsToBig(q[:])
	if neg {
		c.Neg(c)
	}
	return Dec{big: c, signExp: signExp{exp: exp, neg: neg}}
}

// coefBig returns d's signed coefficient as a *big.Int (0 for zero). The
// result may be shared with d and must not be mutated.
func (d Dec) coefBig() *big.Int {
	if d.big != nil {
		return d.big
	}
	if d.lo|d.hi == 0 {
		return bigZero
	}
	c := wordsToBig([]uint64{d.lo, d.hi})
	if d.neg {
		c.Neg(c)
	}
	return c
}

// maxDigitsBits bounds the bit length of a coefficient with MaxDigits digits.
const maxDigitsBits = MaxDigits*3322/1000 + 1

// Sign returns -1, 0 or +1.
func (d Dec) Sign() int {
	switch {
	case d.neg:
		return -1
	case d.lo|d.hi != 0 || d.big != nil:
		return 1
	}
	return 0
}

// IsZero reports whether d == 0.
func (d Dec) IsZero() bool { return d.lo|d.hi == 0 && d.big == nil }

// Neg returns -d.
func (d Dec) Neg() Dec {
	switch {
	case d.big != nil:
		return Dec{big: new(big.Int).Neg(d.big), signExp: signExp{exp: d.exp, neg: !d.neg}}
	case d.lo|d.hi == 0:
		return d
	}
	d.neg = !d.neg
	return d
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
	if c.CmpAbs(pow10(n)) >= 0 { // |c| >= 10^n, without a copy of c
		n++
	}
	return n
}

// digits returns the number of decimal digits of d's coefficient (1 for 0).
func (d Dec) digits() int {
	if d.big == nil {
		return digits128(d.hi, d.lo)
	}
	if w, ok := d.mag256(); ok {
		return digits256(&w)
	}
	return numDigits(d.big)
}

// adjExp returns the exponent of d's most significant digit (floor(log10|d|)).
// It must not be called on zero.
func (d Dec) adjExp() int {
	return int(d.exp) + d.digits() - 1
}

// checkRange reports whether d lies in the accepted range.
func (d Dec) checkRange() error {
	if d.IsZero() {
		return nil
	}
	n := d.digits()
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
	if d.big == nil && e.big == nil && d.neg == e.neg {
		// Inline values of one sign: compare the magnitudes on words.
		if m, ok := cmpInline(d.hi, d.lo, d.exp, e.hi, e.lo, e.exp); ok {
			if d.neg {
				m = -m
			}
			return m
		}
	}
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
		// At least one big coefficient (two inline values of one sign
		// were decided by cmpInline above).
		if r, ok := cmpAligned256(d, e); ok {
			m = r
			break
		}
		x, y, _ := align(d, e)
		m = x.CmpAbs(y)
	}
	return m * ds
}

// cmpInline compares the magnitudes x = (xh, xl)·10^xe and y = (yh,
// yl)·10^ye of two inline values: at one exponent (zero included, as it
// compares below every positive magnitude) the coefficients, otherwise,
// for nonzero x and y, the adjusted exponents and, when they are equal,
// the coefficients aligned to the smaller exponent (the aligned one has as
// many digits as the other; when it does not fit in 128 bits it is the
// larger). ok is false for a zero at another exponent than the other
// value's (the caller's general path decides).
func cmpInline(xh, xl uint64, xe int32, yh, yl uint64, ye int32) (int, bool) {
	if xe != ye {
		if xh|xl == 0 || yh|yl == 0 {
			return 0, false
		}
		xa, ya := int(xe)+digits128(xh, xl), int(ye)+digits128(yh, yl)
		switch {
		case xa < ya:
			return -1, true
		case xa > ya:
			return 1, true
		case xe > ye:
			var ok bool
			if xh, xl, ok = mulPow10Fit128(xh, xl, int64(xe)-int64(ye)); !ok {
				return 1, true
			}
		default:
			var ok bool
			if yh, yl, ok = mulPow10Fit128(yh, yl, int64(ye)-int64(xe)); !ok {
				return -1, true
			}
		}
	}
	switch {
	case xh != yh:
		if xh < yh {
			return -1, true
		}
		return 1, true
	case xl != yl:
		if xl < yl {
			return -1, true
		}
		return 1, true
	}
	return 0, true
}

// cmpAligned256 is cmpAlignedW for coefficients of up to 256 bits; a
// scaled coefficient that overflows 256 bits is the larger.
func cmpAligned256(d, e Dec) (int, bool) {
	x, okx := d.mag256()
	y, oky := e.mag256()
	if !okx || !oky {
		return 0, false
	}
	switch {
	case d.exp > e.exp:
		var ok bool
		if x, ok = mulPow10Checked(&x, int(d.exp-e.exp)); !ok {
			return 1, true
		}
	case d.exp < e.exp:
		var ok bool
		if y, ok = mulPow10Checked(&y, int(e.exp-d.exp)); !ok {
			return -1, true
		}
	}
	return cmp256(&x, &y), true
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
	x, y = d.coefBig(), e.coefBig()
	switch {
	case d.IsZero():
		return x, y, e.exp
	case e.IsZero():
		return x, y, d.exp
	case d.exp > e.exp:
		return new(big.Int).Mul(x, pow10(int(d.exp-e.exp))), y, e.exp
	case d.exp < e.exp:
		return x, new(big.Int).Mul(y, pow10(int(e.exp-d.exp))), d.exp
	}
	return x, y, d.exp
}

var bigZero = new(big.Int)

// Add returns d + e exactly (no rounding).
func (d Dec) Add(e Dec) Dec {
	if d.big == nil && e.big == nil && d.lo|d.hi != 0 && e.lo|e.hi != 0 {
		// Two nonzero inline values: the sum on words when it fits.
		if hi, lo, exp, neg, ok := add128(d.hi, d.lo, d.exp, d.neg, e.hi, e.lo, e.exp, e.neg); ok {
			return Dec{lo: lo, hi: hi, signExp: signExp{exp: exp, neg: neg}}
		}
	}
	if d.IsZero() {
		return e
	}
	if e.IsZero() {
		return d
	}
	return d.addSigned(e, e.neg)
}

// addSigned returns d + e for nonzero d and e, e taken with sign eneg
// (so that Sub needs no negated copy of a long coefficient), when the
// two-word sum of Add and Sub did not apply.
func (d Dec) addSigned(e Dec, eneg bool) Dec {
	if r, ok := addDec256(d, e, eneg); ok {
		return r
	}
	x, y, exp := align(d, e)
	if eneg != e.neg {
		return mk(new(big.Int).Sub(x, y), exp)
	}
	return mk(new(big.Int).Add(x, y), exp)
}

// addW adds two nonzero inline values, e taken with sign eneg, when the
// aligned coefficients and their sum fit in 128 bits.
func addW(d, e Dec, eneg bool) (Dec, bool) {
	hi, lo, exp, neg, ok := add128(d.hi, d.lo, d.exp, d.neg, e.hi, e.lo, e.exp, eneg)
	return Dec{lo: lo, hi: hi, signExp: signExp{exp: exp, neg: neg}}, ok
}

// add128 is addW on words (which travel in registers, where a Dec
// argument or result goes through memory): the sum of the nonzero
// magnitudes x = (xh, xl) and y = (yh, yl) at exponents xexp and yexp with
// signs xneg and yneg, at the smaller exponent, when the aligned
// coefficients and their sum fit in 128 bits (ok). A sum that cancels is
// returned as zero (the zero Dec's words: exponent 0, not negative).
func add128(xh, xl uint64, xexp int32, xneg bool, yh, yl uint64, yexp int32, yneg bool) (hi, lo uint64, exp int32, neg, ok bool) {
	exp = xexp
	switch {
	case xexp > yexp:
		if xh, xl, ok = mulPow10Fit128(xh, xl, int64(xexp)-int64(yexp)); !ok {
			return 0, 0, 0, false, false
		}
		exp = yexp
	case xexp < yexp:
		if yh, yl, ok = mulPow10Fit128(yh, yl, int64(yexp)-int64(xexp)); !ok {
			return 0, 0, 0, false, false
		}
	}
	if xneg == yneg {
		var c uint64
		lo, c = bits.Add64(xl, yl, 0)
		hi, c = bits.Add64(xh, yh, c)
		if c != 0 {
			return 0, 0, 0, false, false
		}
		return hi, lo, exp, xneg, true
	}
	// Opposite signs: subtract the smaller magnitude from the larger.
	neg = xneg
	if xh < yh || (xh == yh && xl < yl) {
		xh, xl, yh, yl = yh, yl, xh, xl
		neg = yneg
	}
	var b uint64
	lo, b = bits.Sub64(xl, yl, 0)
	hi, _ = bits.Sub64(xh, yh, b)
	if lo|hi == 0 {
		return 0, 0, 0, false, true
	}
	return hi, lo, exp, neg, true
}

// addDec256 adds two nonzero values (e with sign eneg) when their coefficients, aligned, and the
// sum fit in 256 bits; the result allocates only when it exceeds 128 bits.
func addDec256(d, e Dec, eneg bool) (Dec, bool) {
	z, exp, neg, ok := addWords(d, e, eneg)
	if !ok {
		return Dec{}, false
	}
	return fromW256(neg, &z, exp), true
}

// addWords returns the magnitude, exponent and sign of d + e (e taken with
// sign eneg; both nonzero) as Add represents the sum (the exact aligned
// sum at the smaller exponent), when the aligned coefficients and the sum
// fit in 256 bits. The magnitude is zero when the sum cancels.
func addWords(d, e Dec, eneg bool) (z w256, exp int32, neg, ok bool) {
	x, okx := d.mag256()
	y, oky := e.mag256()
	if !okx || !oky {
		return z, 0, false, false
	}
	exp = d.exp
	switch {
	case d.exp > e.exp:
		diff := int64(d.exp) - int64(e.exp)
		if diff > maxPow10W {
			return z, 0, false, false
		}
		if x, ok = mulPow10Checked(&x, int(diff)); !ok {
			return z, 0, false, false
		}
		exp = e.exp
	case d.exp < e.exp:
		diff := int64(e.exp) - int64(d.exp)
		if diff > maxPow10W {
			return z, 0, false, false
		}
		if y, ok = mulPow10Checked(&y, int(diff)); !ok {
			return z, 0, false, false
		}
	}
	if d.neg == eneg {
		var c uint64
		for i := range 4 {
			z[i], c = bits.Add64(x[i], y[i], c)
		}
		if c != 0 {
			return z, 0, false, false
		}
		return z, exp, d.neg, true
	}
	neg = d.neg
	if cmp256(&x, &y) < 0 {
		x, y = y, x
		neg = eneg
	}
	return sub256(&x, &y), exp, neg, true
}

// mulPow10Fit128 returns (hi·2^64+lo)·10^k when it fits in 128 bits.
func mulPow10Fit128(hi, lo uint64, k int64) (uint64, uint64, bool) {
	if k <= 19 {
		m := pow10U64[k]
		h1, l1 := bits.Mul64(lo, m)
		h2, l2 := bits.Mul64(hi, m)
		h, c := bits.Add64(l2, h1, 0)
		return h, l1, h2|c == 0
	}
	if k > 38 || hi != 0 {
		return 0, 0, false // 10^k >= 2^64: a product that fits needs hi = 0
	}
	p := &pow10W[k]
	h0, l0 := bits.Mul64(lo, p[0])
	h1, l1 := bits.Mul64(lo, p[1])
	h, c := bits.Add64(l1, h0, 0)
	return h, l0, h1|c == 0
}

// Sub returns d - e exactly (no rounding).
func (d Dec) Sub(e Dec) Dec {
	if d.big == nil && e.big == nil && d.lo|d.hi != 0 && e.lo|e.hi != 0 {
		// Two nonzero inline values: the difference on words when it fits.
		if hi, lo, exp, neg, ok := add128(d.hi, d.lo, d.exp, d.neg, e.hi, e.lo, e.exp, !e.neg); ok {
			return Dec{lo: lo, hi: hi, signExp: signExp{exp: exp, neg: neg}}
		}
	}
	if e.IsZero() {
		return d
	}
	if d.IsZero() {
		return e.Neg()
	}
	return d.addSigned(e, !e.neg)
}

// Sum returns the exact sum of xs. The result does not depend on the order
// of xs.
func Sum(xs []Dec) Dec {
	var a Acc
	for _, x := range xs {
		a.Add(x)
	}
	return a.Dec()
}

// IsInteger reports whether d has no fractional part.
func (d Dec) IsInteger() bool {
	if d.IsZero() || d.exp >= 0 {
		return true
	}
	if d.big == nil {
		k := -int64(d.exp)
		if k > 38 {
			return false // 0 < |coef| < 2^128 < 10^39
		}
		w := w256{d.lo, d.hi}
		_, nonzero := divPow10W(&w, int(k))
		return !nonzero
	}
	var r big.Int
	new(big.Int).QuoRem(d.big, pow10(int(-d.exp)), &r)
	return r.Sign() == 0
}

// TruncInt returns d truncated toward zero as an integer.
func (d Dec) TruncInt() *big.Int {
	switch {
	case d.IsZero():
		return new(big.Int)
	case d.exp >= 0:
		return new(big.Int).Mul(d.coefBig(), pow10(int(d.exp)))
	}
	return new(big.Int).Quo(d.coefBig(), pow10(int(-d.exp)))
}

// Int64 returns d as an int64 when d is an integer that fits.
func (d Dec) Int64() (int64, bool) {
	if !d.IsInteger() {
		return 0, false
	}
	if t, ok := d.truncW(); ok {
		if t.hi != 0 || t.lo > 1<<63 || (t.lo == 1<<63 && !t.neg) {
			return 0, false
		}
		if t.neg {
			return -int64(t.lo), true
		}
		return int64(t.lo), true
	}
	i := d.TruncInt()
	if !i.IsInt64() {
		return 0, false
	}
	return i.Int64(), true
}

// truncW returns Trunc(d) for an inline d whose integer part fits inline.
func (d Dec) truncW() (Dec, bool) {
	if d.big != nil {
		return Dec{}, false
	}
	w := w256{d.lo, d.hi}
	switch {
	case d.exp > 0:
		if d.exp > 38 {
			return Dec{}, false
		}
		w = mulPow10W(&w, int(d.exp))
		if w[2]|w[3] != 0 {
			return Dec{}, false
		}
	case d.exp < 0:
		if d.exp < -38 {
			return Dec{}, true // |d| < 1
		}
		divPow10W(&w, int(-d.exp))
	}
	return fromW256(d.neg, &w, 0), true
}

// Trunc returns d truncated toward zero to an integer value.
func (d Dec) Trunc() Dec {
	if t, ok := d.truncW(); ok {
		return t
	}
	return mk(d.TruncInt(), 0)
}

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
	if d.IsZero() {
		return d
	}
	d.exp += n
	return d
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

// FromWords returns (−1)^neg·M·10^exp for the little-endian 256-bit
// magnitude M, exactly (the coefficient M and the exponent exp, as
// FromBigInt(M).Shift(exp) represents it; 0 when M is 0). It allocates only
// when M exceeds 128 bits. exp must keep the value inside the range (the
// caller's values are).
func FromWords(neg bool, m [4]uint64, exp int32) Dec {
	w := w256(m)
	return fromW256(neg, &w, exp)
}
