package dec

import "math/bits"

// mulRound128 is roundW(neg, mul128(ah, al, bh, bl), exp, digits, mode,
// false) for the products of two inline coefficients (both below 2^128,
// both nonzero), as Context.Mul calls it: it returns the same coefficient
// (hi, lo) and exponent e (the sign is neg), with fixed-size arithmetic in
// place of the generic word loops. (It returns words, not a Dec: a Dec
// result went through memory and cost a store-forwarding stall.) It takes
// two cases.
//
//   - No digit is dropped (the product is below 2^128 and below
//     10^digits): the product itself, when its exponent keeps it in range
//     whatever its digit count.
//   - The product P has n > digits digits, digits <= 38 and k = n − digits
//     <= 38: the quotient q = floor(P/10^k) has digits <= 38 digits, so it
//     fits in two words, and since P < (q+1)·10^k <= 2^128·10^k the
//     division is a two-word by one-word division (k <= 19) or two
//     three-by-two word steps (20 <= k <= 38, 10^k normalised to two
//     words) by the precomputed reciprocal of 10^k (div3by2Inv, exact:
//     the remainder is computed and corrected into [0, 10^k)), with the
//     remainder classified against 10^k/2 (10^k is even, so the half is
//     exact).
//
// ok is false otherwise and whenever the result would leave the range
// (roundW then decides, with its errors).
func mulRound128(ah, al, bh, bl uint64, exp int64, neg bool, digits int, mode Rounding) (hi, lo uint64, e int32, ok bool) {
	// P = (p3, p2, p1, p0) = A·B, as mul128.
	h, l := bits.Mul64(al, bl)
	p0, p1 := l, h
	h, l = bits.Mul64(ah, bl)
	var c uint64
	p1, c = bits.Add64(p1, l, 0)
	p2 := h + c
	h, l = bits.Mul64(al, bh)
	p1, c = bits.Add64(p1, l, 0)
	p2, c = bits.Add64(p2, h, c)
	p3 := c
	h, l = bits.Mul64(ah, bh)
	p2, c = bits.Add64(p2, l, 0)
	p3 += h + c
	if p2|p3 == 0 {
		// 10^39 > 2^128: a two-word product has at most 39 digits, so for
		// digits >= 39 it is below 10^digits.
		if digits >= 39 || p1 < pow10W[digits][1] || (p1 == pow10W[digits][1] && p0 < pow10W[digits][0]) {
			// n <= 39 digits: exp <= adj = exp+n-1 <= exp+38.
			if exp < MinAdjExp || exp+38 > MaxAdjExp {
				return 0, 0, 0, false
			}
			return p1, p0, int32(exp), true
		}
	}
	if digits > 38 {
		return 0, 0, 0, false
	}
	// The digit count n of P (as digits256): n or n+1 digits with n from
	// the bit length; P >= 10^digits here, so n > digits.
	var b int
	switch {
	case p3 != 0:
		b = 192 + bits.Len64(p3)
	case p2 != 0:
		b = 128 + bits.Len64(p2)
	case p1 != 0:
		b = 64 + bits.Len64(p1)
	default:
		b = bits.Len64(p0)
	}
	n := (b-1)*1233>>12 + 1 // <= 77 as b <= 256
	t := &pow10W[n]
	_, c = bits.Sub64(p0, t[0], 0)
	_, c = bits.Sub64(p1, t[1], c)
	_, c = bits.Sub64(p2, t[2], c)
	_, c = bits.Sub64(p3, t[3], c)
	n += int(c ^ 1) // P >= 10^n: one digit more
	k := n - digits
	// The quotient q = (qh, ql) and the remainder R against half of 10^k
	// (ge: R >= 10^k/2, gt: R > 10^k/2), decided without branches.
	var qh, ql uint64
	var ge, gt, nonzero bool
	switch {
	case k <= 19:
		// P < 2^128·10^k: p3 = 0 and p2 < 10^k. (The hardware division
		// measured faster here than a 2/1 reciprocal division.)
		d := pow10U64[k]
		var r uint64
		qh, r = bits.Div64(p2, p1, d)
		ql, r = bits.Div64(r, p0, d)
		h := d >> 1 // 10^k is even
		ge, gt, nonzero = r >= h, r > h, r != 0
	case k <= 38:
		// 10^k < 2^127: normalised by sh >= 1 bits; P·2^sh has a zero
		// fifth word and its top two words are below the normalised
		// divisor, as P < 2^128·10^k.
		e := &pow10Inv[k]
		sh, d1, d0 := e.sh, e.d1, e.d0
		u3 := p3<<sh | p2>>(64-sh)
		u2 := p2<<sh | p1>>(64-sh)
		u1 := p1<<sh | p0>>(64-sh)
		u0 := p0 << sh
		var r1, r0 uint64
		qh, r1, r0 = div3by2Inv(u3, u2, u1, d1, d0, e.v)
		ql, r1, r0 = div3by2Inv(r1, r0, u0, d1, d0, e.v)
		// The remainder R·2^sh against (10^k·2^sh)/2 (d0 is even).
		hh, hl := d1>>1, d0>>1|d1<<63
		_, b := bits.Sub64(r0, hl, 0)
		_, b = bits.Sub64(r1, hh, b)
		_, b2 := bits.Sub64(hl, r0, 0)
		_, b2 = bits.Sub64(hh, r1, b2)
		ge, gt, nonzero = b == 0, b2 != 0, r1|r0 != 0
	default:
		return 0, 0, 0, false
	}
	// roundUpW, with the half comparison read only by the modes that
	// need it (RoundDown never rounds up).
	var up bool
	switch mode {
	case RoundUp:
		up = nonzero
	case RoundFloor:
		up = nonzero && neg
	case RoundCeiling:
		up = nonzero && !neg
	case RoundHalfUp:
		up = ge // R >= 10^k/2 > 0
	case RoundHalfEven:
		up = gt || (ge && ql&1 == 1) // above half, or a tie with q odd
	}
	if up {
		ql, c = bits.Add64(ql, 1, 0)
		qh += c
		if t := &pow10W[digits]; ql == t[0] && qh == t[1] {
			ql, qh = pow10W[digits-1][0], pow10W[digits-1][1]
			k++
		}
	}
	exp += int64(k)
	if adj := exp + int64(digits) - 1; adj > MaxAdjExp || adj < MinAdjExp {
		return 0, 0, 0, false
	}
	return qh, ql, int32(exp), true
}

// pow10Inv holds, for 20 <= k <= 38, 10^k normalised to two words (shifted
// left by sh >= 1 bits so that the top bit of d1 is set) and its
// reciprocal v = floor((2^192−1)/(d1·2^64+d0)) − 2^64 for division by an
// invariant divisor (Möller and Granlund, "Improved division by invariant
// integers", IEEE Trans. Computers 60(2), 2011). Built once at
// initialisation, never written afterwards.
var pow10Inv = func() (t [39]struct {
	d1, d0, v uint64
	sh        uint
}) {
	for k := 20; k <= 38; k++ {
		e := &t[k]
		dh, dl := pow10W[k][1], pow10W[k][0]
		e.sh = uint(bits.LeadingZeros64(dh))
		e.d1, e.d0 = dh<<e.sh|dl>>(64-e.sh), dl<<e.sh
		e.v = reciprocal2(e.d1, e.d0)
	}
	return t
}()

// div3by2Inv is div3by2 (the same quotient and remainder, under the same
// condition (u2, u1) < (d1, d0)) by the reciprocal v of the normalised
// (d1, d0): Möller and Granlund's algorithm 5 (GMP's udiv_qr_3by2), with
// no hardware division.
func div3by2Inv(u2, u1, u0, d1, d0, v uint64) (q, r1, r0 uint64) {
	q, q0 := bits.Mul64(v, u2)
	var c uint64
	q0, c = bits.Add64(q0, u1, 0)
	q, _ = bits.Add64(q, u2, c)
	// (r1, r0) = ((u1 − q·d1), u0) − q·d0 − (d1, d0), modulo 2^128.
	r1 = u1 - d1*q
	var b uint64
	r0, b = bits.Sub64(u0, d0, 0)
	r1, _ = bits.Sub64(r1, d1, b)
	t1, t0 := bits.Mul64(d0, q)
	r0, b = bits.Sub64(r0, t0, 0)
	r1, _ = bits.Sub64(r1, t1, b)
	// q+1, less 1 (adding the divisor back) when r1 >= q0, with a mask
	// in place of a branch (taken about half the time).
	_, b = bits.Sub64(r1, q0, 0)
	m := b - 1 // all ones when r1 >= q0
	q += 1 + m
	r0, c = bits.Add64(r0, d0&m, 0)
	r1, _ = bits.Add64(r1, d1&m, c)
	if r1 > d1 || (r1 == d1 && r0 >= d0) {
		q++
		r0, b = bits.Sub64(r0, d0, 0)
		r1, _ = bits.Sub64(r1, d1, b)
	}
	return q, r1, r0
}
