package reputation

// A fixed-width decimal kernel for the hot loops of the listening-coefficient
// ascent. An fx is ±c·10^e with the coefficient c held in four 64-bit limbs
// (c < 2^256, about 77 digits). Multiplication and division truncate toward
// zero to a given number of significant digits (the reference's RoundDown);
// addition is exact. Every operation reports ok = false instead of
// overflowing the four limbs; callers then redo the whole evaluation with the
// decimal core (listening.go), so the kernel never changes a result, it only
// makes the common case fast. Each operation is checked against the decimal
// core in fx_test.go.

import (
	"encoding/binary"
	"math/big"
	"math/bits"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

const fxLimbs = 4

// fx is a decimal ±c·10^e; the zero value is 0. A zero coefficient is never
// negative.
type fx struct {
	c   [fxLimbs]uint64 // little-endian limbs
	e   int32
	neg bool
}

// maxPow10 is the largest power of ten in the table (10^maxPow10 < 2^512).
const maxPow10 = 154

// pow10Tab[k] is 10^k in eight little-endian limbs; pow10Len[k] its number of
// nonzero limbs. Read-only after initialisation.
var pow10Tab, pow10Len = makePow10Tab()

func makePow10Tab() (tab [maxPow10 + 1][8]uint64, n [maxPow10 + 1]int) {
	v := [8]uint64{1}
	for k := 0; k <= maxPow10; k++ {
		tab[k] = v
		n[k] = limbLen(v[:])
		var carry uint64
		for i := range v {
			hi, lo := bits.Mul64(v[i], 10)
			lo, c := bits.Add64(lo, carry, 0)
			v[i], carry = lo, hi+c
		}
	}
	return tab, n
}

// limbLen returns the number of limbs up to the most significant nonzero one.
func limbLen(a []uint64) int {
	n := len(a)
	for n > 0 && a[n-1] == 0 {
		n--
	}
	return n
}

// isZero reports whether x == 0.
func (x *fx) isZero() bool { return x.c[0]|x.c[1]|x.c[2]|x.c[3] == 0 }

// cmpMag compares magnitudes a and b of equal length.
func cmpMag(a, b []uint64) int {
	for i := len(a) - 1; i >= 0; i-- {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// ndigitsLimbs returns the number of decimal digits of the magnitude a
// (0 for zero); a has at most 8 limbs.
func ndigitsLimbs(a []uint64) int {
	n := limbLen(a)
	if n == 0 {
		return 0
	}
	bl := (n-1)*64 + bits.Len64(a[n-1])
	d := (bl - 1) * 1233 >> 12 // floor((bl−1)·log10 2)
	// 10^d <= a < 10^(d+2); decide d+1 or d+2 digits... a >= 2^(bl−1) >= 10^d.
	if d+1 <= maxPow10 && !lessPow10(a[:n], d+1) {
		return d + 2
	}
	return d + 1
}

// lessPow10 reports whether a < 10^k (a trimmed to its length).
func lessPow10(a []uint64, k int) bool {
	pn := pow10Len[k]
	if len(a) != pn {
		return len(a) < pn
	}
	return cmpMag(a, pow10Tab[k][:pn]) < 0
}

// mulLimbs sets z = a·b; len(z) >= len(a)+len(b), z cleared by the caller
// for the used length.
func mulLimbs(z, a, b []uint64) {
	for i := range z[:len(a)+len(b)] {
		z[i] = 0
	}
	for i, ai := range a {
		if ai == 0 {
			continue
		}
		var carry uint64
		for j, bj := range b {
			hi, lo := bits.Mul64(ai, bj)
			lo, c := bits.Add64(lo, z[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			z[i+j] = lo
			carry = hi
		}
		z[i+len(b)] = carry
	}
}

// divSmall sets a = a / v (v != 0, one limb) and returns the remainder.
func divSmall(a []uint64, v uint64) uint64 {
	var r uint64
	for i := len(a) - 1; i >= 0; i-- {
		a[i], r = bits.Div64(r, a[i], v)
	}
	return r
}

// recip10[k] = floor(2^256 / 10^k) for 1 <= k <= maxRecip10, in four
// little-endian limbs. Read-only after initialisation.
const maxRecip10 = 76

var recip10 = func() (t [maxRecip10 + 1][fxLimbs]uint64) {
	two256 := new(big.Int).Lsh(big.NewInt(1), 256)
	for k := 1; k <= maxRecip10; k++ {
		r := new(big.Int).Quo(two256, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
		var buf [8 * fxLimbs]byte
		r.FillBytes(buf[:])
		for i := 0; i < fxLimbs; i++ {
			t[k][i] = binary.BigEndian.Uint64(buf[8*(fxLimbs-1-i):])
		}
	}
	return t
}()

// shrDigits divides the magnitude a (in place, at most 8 limbs) by 10^k,
// truncating. Divisors below 10^20 use single-limb division; otherwise
// magnitudes below 2^256 use the reciprocal: with
// r = floor(2^256/10^k), q' = floor(a·r/2^256) is q or q − 1 (the error
// a·(2^256/10^k − r)/2^256 is below 1), corrected by one comparison. Larger
// magnitudes use one pass of single-limb division per 19 digits and one long
// division by the two-limb 10^k.
func shrDigits(a []uint64, k int) {
	n := limbLen(a)
	if k >= 1 && k <= 19 {
		// One-limb divisor: n hardware divisions beat the reciprocal's
		// products.
		divSmall(a[:n], pow10Tab[k][0])
		return
	}
	if n <= fxLimbs && k >= 1 && k <= maxRecip10 {
		rn := limbLen(recip10[k][:])
		var prod [2*fxLimbs + 1]uint64
		mulLimbs(prod[:], a[:n], recip10[k][:rn])
		var q [fxLimbs]uint64
		copy(q[:], prod[fxLimbs:2*fxLimbs])
		// r = a − q·10^k; if r >= 10^k, q++.
		qn := limbLen(q[:])
		var qp [2*fxLimbs + 1]uint64
		pn := pow10Len[k]
		if qn > 0 {
			mulLimbs(qp[:], q[:qn], pow10Tab[k][:pn])
		}
		var av, r [fxLimbs]uint64
		copy(av[:], a[:n])
		var br uint64
		for i := 0; i < fxLimbs; i++ {
			r[i], br = bits.Sub64(av[i], qp[i], br)
		}
		if cmpLimbs(r[:], pow10Tab[k][:pn]) >= 0 {
			var c uint64 = 1
			for i := 0; i < fxLimbs && c != 0; i++ {
				q[i], c = bits.Add64(q[i], 0, c)
			}
		}
		for i := range a {
			a[i] = 0
		}
		copy(a, q[:])
		return
	}
	shrDigitsSlow(a, k)
}

func shrDigitsSlow(a []uint64, k int) {
	for k > 38 {
		divSmall(a[:limbLen(a)], pow10Tab[19][0])
		k -= 19
	}
	n := limbLen(a)
	switch {
	case k == 0 || n == 0:
	case k <= 19:
		divSmall(a[:n], pow10Tab[k][0])
	default:
		var u [2*fxLimbs + 1]uint64
		copy(u[:], a[:n])
		var q [2*fxLimbs + 1]uint64
		divLimbs(q[:n+1], u[:n+1], pow10Tab[k][:2])
		copy(a, q[:len(a)])
	}
}

// truncate sets z to the product or quotient magnitude m (at most 8 limbs,
// value m·10^e) truncated to p significant digits. ok is false when the
// result does not fit four limbs.
func truncate(m []uint64, e int64, neg bool, p int) (z fx, ok bool) {
	ok = truncateTo(&z, m, e, neg, p)
	return z, ok
}

func truncateTo(z *fx, m []uint64, e int64, neg bool, p int) bool {
	nd := ndigitsLimbs(m)
	if nd == 0 {
		*z = fx{}
		return true
	}
	if nd > p {
		shrDigits(m, nd-p)
		e += int64(nd - p)
	}
	// Results outside the decimal core's range (which it flushes to zero
	// or rejects) are left to the decimal core.
	if adj := e + int64(min(nd, p)) - 1; limbLen(m) > fxLimbs || adj > dec.MaxAdjExp || adj < dec.MinAdjExp {
		return false
	}
	z.c = [fxLimbs]uint64(m[:fxLimbs])
	z.e, z.neg = int32(e), neg
	return true
}

// fxMul returns a·b truncated to p significant digits.
func fxMul(a, b *fx, p int) (z fx, ok bool) {
	ok = fxMulTo(&z, a, b, p)
	return z, ok
}

// fxMulTo sets z = a·b truncated to p significant digits; z may alias a or
// b.
func fxMulTo(z, a, b *fx, p int) bool {
	na, nb := limbLen(a.c[:]), limbLen(b.c[:])
	if na == 0 || nb == 0 {
		*z = fx{}
		return true
	}
	var m [2 * fxLimbs]uint64
	mulLimbs(m[:], a.c[:na], b.c[:nb])
	return truncateTo(z, m[:na+nb], int64(a.e)+int64(b.e), a.neg != b.neg, p)
}

// fxQuo returns a/b truncated to p significant digits (b != 0, p <= 38).
// The quotient is formed exactly as the reference's (apd) Quo: the
// dividend's coefficient is scaled by 10^s so that the integer quotient has
// p or p+1 digits, then truncated.
func fxQuo(a, b *fx, p int) (fx, bool) {
	na, nb := limbLen(a.c[:]), limbLen(b.c[:])
	if nb == 0 || p > 38 {
		return fx{}, false
	}
	if na == 0 {
		return fx{}, true
	}
	da, db := ndigitsLimbs(a.c[:na]), ndigitsLimbs(b.c[:nb])
	s := p - da + db
	if s < 0 {
		s = 0
	}
	if s > maxPow10 {
		return fx{}, false
	}
	// A = a·10^s (at most 8 limbs: da + s <= p + db <= 38 + 77 digits).
	var A [2*fxLimbs + 1]uint64
	pn := pow10Len[s]
	if na+pn > 2*fxLimbs {
		return fx{}, false
	}
	mulLimbs(A[:], a.c[:na], pow10Tab[s][:pn])
	var q [2*fxLimbs + 1]uint64
	divLimbs(q[:], A[:na+pn+1], b.c[:nb])
	return truncate(q[:2*fxLimbs], int64(a.e)-int64(b.e)-int64(s), a.neg != b.neg, p)
}

// divLimbs sets q = floor(u / v) (Knuth, TAOCP vol. 2, 4.3.1, algorithm D).
// u has one spare high limb (u[len(u)-1] == 0) and is destroyed; v has no
// leading zero limb; len(q) >= len(u)−len(v).
func divLimbs(q, u, v []uint64) {
	n := len(v)
	if n == 1 {
		for i := range q {
			q[i] = 0
		}
		a := u[:len(u)-1]
		divSmall(a, v[0])
		copy(q, a)
		return
	}
	var vn [2 * fxLimbs]uint64
	s := uint(bits.LeadingZeros64(v[n-1]))
	shlLimbs(vn[:n], v, s)
	shlLimbs(u, u, s)
	divNorm(q, u, vn[:n])
}

// shlLimbs sets z = a << s (0 <= s < 64) over len(a) limbs, dropping the
// bits shifted out of the top limb; z may alias a.
func shlLimbs(z, a []uint64, s uint) {
	if s == 0 {
		copy(z, a)
		return
	}
	for i := len(a) - 1; i > 0; i-- {
		z[i] = a[i]<<s | a[i-1]>>(64-s)
	}
	z[0] = a[0] << s
}

// divNorm sets q = floor(un / vn) for a normalised divisor vn (top bit set,
// at least two limbs) and a dividend un whose top limb is below vn's top
// limb (a spare high limb guarantees it); un is destroyed.
func divNorm(q, un, vn []uint64) {
	for i := range q {
		q[i] = 0
	}
	n := len(vn)
	vt, vs := vn[n-1], vn[n-2]
	for j := len(un) - n - 1; j >= 0; j-- {
		var qhat, rhat uint64
		top := un[j+n]
		if top >= vt {
			qhat = ^uint64(0)
		} else {
			qhat, rhat = bits.Div64(top, un[j+n-1], vt)
			for {
				hi, lo := bits.Mul64(qhat, vs)
				if hi < rhat || (hi == rhat && lo <= un[j+n-2]) {
					break
				}
				qhat--
				var c uint64
				rhat, c = bits.Add64(rhat, vt, 0)
				if c != 0 {
					break
				}
			}
		}
		// un[j .. j+n] −= qhat·vn.
		var borrow, carry uint64
		for i := 0; i < n; i++ {
			hi, lo := bits.Mul64(qhat, vn[i])
			lo, c := bits.Add64(lo, carry, 0)
			carry = hi + c
			un[j+i], c = bits.Sub64(un[j+i], lo, borrow)
			borrow = c
		}
		un[j+n], borrow = bits.Sub64(un[j+n], carry, borrow)
		// Add back while the partial remainder is negative (at most twice
		// when qhat started at 2^64 − 1, once otherwise).
		for borrow != 0 {
			qhat--
			var c uint64
			for i := 0; i < n; i++ {
				un[j+i], c = bits.Add64(un[j+i], vn[i], c)
			}
			un[j+n], c = bits.Add64(un[j+n], 0, c)
			if c != 0 {
				borrow = 0
			}
		}
		if j < len(q) {
			q[j] = qhat
		}
	}
}

// fxDivisor is a divisor b prepared for many truncating quotients a/b at p
// significant digits (the consensus terms of one evaluation share ΣŜ).
type fxDivisor struct {
	b     fx
	p     int
	n     int // limbs of b
	db    int // digits of b
	shift uint
	vn    [fxLimbs]uint64       // b normalised
	bp    [2*fxLimbs + 1]uint64 // b·10^(p−1)
	bpn   int
}

// newFxDivisor prepares b (nonzero, p <= 38); ok is false when the
// prepared values do not fit.
func newFxDivisor(b *fx, p int) (fxDivisor, bool) {
	dv := fxDivisor{b: *b, p: p, n: limbLen(b.c[:])}
	if dv.n == 0 || p > 38 || p < 1 {
		return dv, false
	}
	dv.db = ndigitsLimbs(b.c[:dv.n])
	pn := pow10Len[p-1]
	mulLimbs(dv.bp[:], b.c[:dv.n], pow10Tab[p-1][:pn])
	dv.bpn = limbLen(dv.bp[:])
	if dv.n >= 2 {
		dv.shift = uint(bits.LeadingZeros64(b.c[dv.n-1]))
		shlLimbs(dv.vn[:dv.n], b.c[:dv.n], dv.shift)
	}
	return dv, true
}

// quo sets z = a/b truncated to p significant digits, as fxQuo.
func (dv *fxDivisor) quo(z, a *fx) bool {
	na := limbLen(a.c[:])
	if na == 0 {
		*z = fx{}
		return true
	}
	da := ndigitsLimbs(a.c[:na])
	s := dv.p - 1 - da + dv.db
	if s < 0 || s+1 > maxPow10 || dv.n < 2 {
		r, ok := fxQuo(a, &dv.b, dv.p)
		*z = r
		return ok
	}
	// A = a·10^s lies in [b·10^(p−2), b·10^p); use s+1 when it is below
	// b·10^(p−1), so that the quotient has exactly p digits.
	var A [2*fxLimbs + 2]uint64
	pn := pow10Len[s]
	if na+pn+1 > 2*fxLimbs {
		r, ok := fxQuo(a, &dv.b, dv.p)
		*z = r
		return ok
	}
	mulLimbs(A[:], a.c[:na], pow10Tab[s][:pn])
	an := na + pn
	if cmpLimbs(A[:an], dv.bp[:dv.bpn]) < 0 {
		var carry uint64
		for i := 0; i < an; i++ {
			hi, lo := bits.Mul64(A[i], 10)
			lo, c := bits.Add64(lo, carry, 0)
			A[i], carry = lo, hi+c
		}
		A[an] = carry
		an++
		s++
	}
	// Normalise and divide: u needs a spare limb above the shifted value.
	u := A[:an+1]
	shlLimbs(u, u, dv.shift)
	var q [2*fxLimbs + 1]uint64
	divNorm(q[:an+1-dv.n], u, dv.vn[:dv.n])
	e := int64(a.e) - int64(dv.b.e) - int64(s)
	if limbLen(q[:]) > fxLimbs {
		return false
	}
	if adj := e + int64(dv.p) - 1; adj > dec.MaxAdjExp || adj < dec.MinAdjExp {
		return false
	}
	copy(z.c[:], q[:fxLimbs])
	z.e, z.neg = int32(e), a.neg != dv.b.neg
	return true
}

// cmpLimbs compares magnitudes of possibly different lengths.
func cmpLimbs(a, b []uint64) int {
	na, nb := limbLen(a), limbLen(b)
	if na != nb {
		if na < nb {
			return -1
		}
		return 1
	}
	return cmpMag(a[:na], b[:nb])
}

// fxAdd returns a + b exactly; ok is false when the aligned sum does not fit
// four limbs.
func fxAdd(a, b *fx) (z fx, ok bool) {
	ok = fxAddTo(&z, a, b)
	return z, ok
}

// fxAddTo sets z = a + b exactly; z may alias a or b.
func fxAddTo(z, a, b *fx) bool {
	if b.isZero() {
		*z = *a
		return true
	}
	if a.isZero() {
		*z = *b
		return true
	}
	x, y := a, b
	if x.e < y.e {
		x, y = y, x
	}
	// Scale x's coefficient down to y's exponent.
	var xs [2 * fxLimbs]uint64
	if d := int(x.e) - int(y.e); d > 0 {
		if d > maxPow10 {
			return false
		}
		nx := limbLen(x.c[:])
		pn := pow10Len[d]
		if pn == 1 {
			// Single-limb scale (d <= 19): one pass.
			f := pow10Tab[d][0]
			var carry uint64
			for i := 0; i < fxLimbs; i++ {
				hi, lo := bits.Mul64(x.c[i], f)
				lo, c := bits.Add64(lo, carry, 0)
				xs[i], carry = lo, hi+c
			}
			if carry != 0 {
				return false
			}
		} else {
			if nx+pn > 2*fxLimbs {
				return false
			}
			mulLimbs(xs[:], x.c[:nx], pow10Tab[d][:pn])
			if limbLen(xs[:]) > fxLimbs {
				return false
			}
		}
	} else {
		copy(xs[:], x.c[:])
	}
	yc, yneg, xneg := y.c, y.neg, x.neg
	var r fx
	r.e = y.e
	if xneg == yneg {
		var c uint64
		for i := 0; i < fxLimbs; i++ {
			r.c[i], c = bits.Add64(xs[i], yc[i], c)
		}
		if c != 0 {
			return false
		}
		r.neg = xneg
		*z = r
		return true
	}
	// Opposite signs: subtract the smaller magnitude.
	hi, lo, neg := xs[:fxLimbs], yc[:], xneg
	if cmpMag(hi, lo) < 0 {
		hi, lo, neg = lo, hi, yneg
	}
	var br uint64
	for i := 0; i < fxLimbs; i++ {
		r.c[i], br = bits.Sub64(hi[i], lo[i], br)
	}
	r.neg = neg && !r.isZero()
	*z = r
	return true
}

// fxNeg returns −x.
func fxNeg(x fx) fx {
	if !x.isZero() {
		x.neg = !x.neg
	}
	return x
}

// fxCmp compares a and b.
func fxCmp(a, b *fx) int {
	d, ok := fxAdd(a, &fx{c: b.c, e: b.e, neg: !b.neg && !b.isZero()})
	if !ok {
		return fxToDec(a).Cmp(fxToDec(b))
	}
	switch {
	case d.isZero():
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// fxFromDec converts d; ok is false when its coefficient exceeds four limbs.
func fxFromDec(d dec.Dec) (fx, bool) {
	x := d.Decimal()
	c := x.Coefficient()
	if c.BitLen() > 64*fxLimbs {
		return fx{}, false
	}
	var z fx
	var buf [8 * fxLimbs]byte
	new(big.Int).Abs(c).FillBytes(buf[:])
	for i := 0; i < fxLimbs; i++ {
		z.c[i] = binary.BigEndian.Uint64(buf[8*(fxLimbs-1-i):])
	}
	z.e, z.neg = x.Exponent(), c.Sign() < 0
	if z.isZero() {
		return fx{}, true
	}
	return z, true
}

// fxToDec converts x to the decimal core (always in range for values the
// kernel produces from in-range operands; a value outside the range would
// already have failed the decimal core's checks in the direct evaluation, so
// fxToDec reports it as a conversion failure through dec.FromDecimal's
// error, which callers treat like a kernel overflow).
func fxToDec(x *fx) dec.Dec {
	d, _ := fxToDecChecked(x)
	return d
}

func fxToDecChecked(x *fx) (dec.Dec, error) {
	// In range, dec.FromWords builds the same Dec as the conversion below
	// (the same coefficient and exponent) without allocating for
	// coefficients of up to 128 bits; out of range, the conversion reports
	// the error.
	if n := ndigitsLimbs(x.c[:]); n == 0 {
		return dec.Dec{}, nil
	} else if adj := int(x.e) + n - 1; adj >= dec.MinAdjExp && adj <= dec.MaxAdjExp {
		return dec.FromWords(x.neg, x.c, x.e), nil
	}
	return fxToDecSlow(x)
}

// fxToDecSlow is fxToDecChecked through a shopspring decimal and
// dec.FromDecimal (its range error).
func fxToDecSlow(x *fx) (dec.Dec, error) {
	var buf [8 * fxLimbs]byte
	for i := 0; i < fxLimbs; i++ {
		binary.BigEndian.PutUint64(buf[8*(fxLimbs-1-i):], x.c[i])
	}
	c := new(big.Int).SetBytes(buf[:])
	if x.neg {
		c.Neg(c)
	}
	return dec.FromDecimal(decimal.NewFromBigInt(c, x.e))
}
