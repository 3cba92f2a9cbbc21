package dec

import "math/bits"

// quo128 is quoWords for the common case of the protocol's quotients: both
// coefficients within 128 bits and at most 36 digits kept, so that the
// integer quotient (digits+1 or digits+2 digits) fits in two words. It
// computes the same scaled dividend A·10^s, the same integer quotient and
// remainder and the same rounding as quoWords (and so returns the same
// result) with fixed-size arithmetic: a two-word by two-word product, two
// three-by-two word division steps (Knuth's algorithm D with n = 2) or a
// division by one word, and a division of the quotient by 10 or 100. ok is
// false outside that case (and next to the range limits), where the caller
// takes the general path.
func quo128(ah, al uint64, aexp int32, bh, bl uint64, bexp int32, neg bool, digits int, mode Rounding) (Dec, bool) {
	return quo128x(ah, al, aexp, bh, bl, bexp, digits128(bh, bl), nil, neg, digits, mode)
}

// quo128x is quo128 given nB, the digits of B, and, when pre is not nil,
// B prepared by NewDivisor (a divisor of two words: its normalisation and
// reciprocal), which divides by multiplications (div3by2Inv) instead of
// the hardware division (div3by2): the same quotient and remainder.
func quo128x(ah, al uint64, aexp int32, bh, bl uint64, bexp int32, nB int, pre *Divisor, neg bool, digits int, mode Rounding) (Dec, bool) {
	if digits > 36 {
		return Dec{}, false
	}
	nA := digits128(ah, al)
	s := digits + nB - nA + 1
	if s < 0 {
		return Dec{}, false
	}
	// U = A·10^s has nA+s = digits+nB+1 <= 76 digits: below 2^256.
	U0, U1, U2, U3, ok := scaleW(ah, al, s)
	if !ok {
		return Dec{}, false
	}
	var qh, ql uint64
	var sticky bool
	if bh == 0 {
		var q w256
		U := w256{U0, U1, U2, U3}
		r := divSmall256(&q, &U, bl)
		if q[2]|q[3] != 0 {
			return Dec{}, false
		}
		qh, ql, sticky = q[1], q[0], r != 0
	} else {
		// Normalise: d = B·2^sh with its top bit set, U·2^sh in five words.
		var r1, r0 uint64
		var ok bool
		if qh, ql, r1, r0, _, ok = div256by128(U0, U1, U2, U3, bh, bl, pre); !ok {
			return Dec{}, false
		}
		sticky = r1|r0 != 0
	}
	return roundQuotient(qh, ql, int64(aexp)-int64(bexp)-int64(s), digits, mode, neg, sticky)
}

// roundQuotient rounds an integer quotient Q = qh·2^64 + ql of digits+1 or
// digits+2 digits (what the dividend's scaling guarantees) to digits
// digits: it drops the one or two extra digits and rounds by the dropped
// part against half a unit, sticky (a nonzero remainder below Q) breaking a
// tie upward. The result is Q·10^exp rounded; ok is false when Q has
// another number of digits or the result leaves the range.
func roundQuotient(qh, ql uint64, exp int64, digits int, mode Rounding, neg, sticky bool) (Dec, bool) {
	t := digits128(qh, ql) - digits
	if t < 1 || t > 2 {
		return Dec{}, false
	}
	var r, m uint64
	if t == 1 {
		m = 10
		qh, ql, r = divByConst(qh, ql, 10)
	} else {
		m = 100
		qh, ql, r = divByConst(qh, ql, 100)
	}
	half := 0
	h := m >> 1
	switch {
	case r > h:
		half = 1
	case r < h:
		half = -1
	case sticky:
		half = 1
	}
	return quoResult(qh, ql, exp+int64(t), digits, roundUpW(mode, neg, ql&1 == 1, half, r != 0 || sticky), neg)
}

// quoResult returns the quotient of digits digits (qh, ql) at exponent exp,
// one unit up when up (a carry to 10^digits gives 10^(digits−1) at the
// next exponent), or false when its adjusted exponent leaves the range
// with room for rounding (the general path then decides).
func quoResult(qh, ql uint64, exp int64, digits int, up, neg bool) (Dec, bool) {
	if up {
		var carry bool
		if qh, ql, carry = incDigits(qh, ql, digits); carry {
			exp++
		}
	}
	if adj := exp + int64(digits) - 1; adj >= MaxAdjExp || adj <= MinAdjExp {
		return Dec{}, false
	}
	return Dec{lo: ql, hi: qh, signExp: signExp{exp: int32(exp), neg: neg}}, true
}

// incDigits returns the p-digit coefficient (hi, lo) plus one; a carry to
// 10^p gives 10^(p−1) and carry = true (the exponent goes up by one).
func incDigits(hi, lo uint64, p int) (uint64, uint64, bool) {
	var c uint64
	lo, c = bits.Add64(lo, 1, 0)
	hi += c
	if t := &pow10W[p]; lo == t[0] && hi == t[1] {
		return pow10W[p-1][1], pow10W[p-1][0], true
	}
	return hi, lo, false
}

// div256by128 divides U = (U3, U2, U1, U0) by the two-word B = (bh, bl),
// bh != 0, when the quotient is below 2^128: B normalised to d = B·2^sh
// with its top bit set (pre's normalisation and reciprocal when pre is not
// nil, div3by2Inv; div3by2 otherwise), U·2^sh in five words, two steps of
// Knuth's algorithm D. It returns the quotient, the remainder normalised,
// (r1, r0) = R·2^sh, and sh; ok is false when the quotient reaches 2^128.
func div256by128(U0, U1, U2, U3, bh, bl uint64, pre *Divisor) (qh, ql, r1, r0 uint64, sh uint, ok bool) {
	var d1, d0 uint64
	if pre != nil {
		sh, d1, d0 = pre.sh, pre.d1, pre.d0
	} else {
		sh = uint(bits.LeadingZeros64(bh))
		d1, d0 = bh<<sh|shr64(bl, 64-sh), bl<<sh
	}
	u4 := shr64(U3, 64-sh)
	u3 := U3<<sh | shr64(U2, 64-sh)
	u2 := U2<<sh | shr64(U1, 64-sh)
	u1 := U1<<sh | shr64(U0, 64-sh)
	u0 := U0 << sh
	// A quotient below 2^128 means (u4, u3, u2) < d: u4 = 0 and
	// (u3, u2) < (d1, d0).
	if u4 != 0 || u3 > d1 || (u3 == d1 && u2 >= d0) {
		return 0, 0, 0, 0, 0, false
	}
	if pre != nil {
		qh, r1, r0 = div3by2Inv(u3, u2, u1, d1, d0, pre.v)
		ql, r1, r0 = div3by2Inv(r1, r0, u0, d1, d0, pre.v)
	} else {
		qh, r1, r0 = div3by2(u3, u2, u1, d1, d0)
		ql, r1, r0 = div3by2(r1, r0, u0, d1, d0)
	}
	return qh, ql, r1, r0, sh, true
}

// shr64 returns x >> s for 0 <= s <= 64 (0 for s = 64).
func shr64(x uint64, s uint) uint64 {
	if s >= 64 {
		return 0
	}
	return x >> s
}

// div3by2 divides (u2, u1, u0) by the normalised (d1, d0) (d1's top bit
// set), given (u2, u1) < (d1, d0), so that the quotient fits in one word;
// it returns the quotient and the remainder (r1, r0). One step of Knuth's
// algorithm D (TAOCP vol. 2, 4.3.1) with n = 2: estimate q̂ from the top
// two words, refine it with the third, subtract and add back when q̂ was
// one too large.
func div3by2(u2, u1, u0, d1, d0 uint64) (q, r1, r0 uint64) {
	var rh uint64
	over := false
	if u2 >= d1 {
		// u2 = d1 (as (u2, u1) < (d1, d0)): q̂ = 2^64 − 1, r̂ = u1 + d1.
		q = ^uint64(0)
		var c uint64
		rh, c = bits.Add64(u1, d1, 0)
		over = c != 0
	} else {
		q, rh = bits.Div64(u2, u1, d1)
	}
	for !over {
		ph, pl := bits.Mul64(q, d0)
		if ph < rh || (ph == rh && pl <= u0) {
			break
		}
		q--
		var c uint64
		rh, c = bits.Add64(rh, d1, 0)
		over = c != 0
	}
	// (u2, u1, u0) − q·(d1, d0).
	h1, l1 := bits.Mul64(q, d1)
	h0, l0 := bits.Mul64(q, d0)
	p0 := l0
	p1, c := bits.Add64(l1, h0, 0)
	p2 := h1 + c
	var b uint64
	r0, b = bits.Sub64(u0, p0, 0)
	r1, b = bits.Sub64(u1, p1, b)
	_, b = bits.Sub64(u2, p2, b)
	if b != 0 {
		q--
		r0, c = bits.Add64(r0, d0, 0)
		r1, _ = bits.Add64(r1, d1, c)
	}
	return q, r1, r0
}

// lead is a nonzero magnitude X bracketed by its leading digits: T·10^e
// <= X < (T+1)·10^e with T below 2^128 (T·10^e = X when !cut).
type lead struct {
	th, tl uint64
	e      int64
	cut    bool
}

// quoLeads decides a/b, at most 36 digits kept, from the leads of a and b
// by two two-word quotients. A coefficient X of more than 38
// digits is split as X = T·10^k + L with T its leading 38 digits and 0 <=
// L < 10^k, so T·10^k <= X < (T+1)·10^k. The exact quotient q = a/b then
// lies in [A_lo/B_hi, A_hi/B_lo] with A_lo = T_A·10^k_A, A_hi =
// (T_A+1)·10^k_A (A_lo = A_hi = A when A has at most 38 digits) and B
// likewise. Every rounding mode is a monotone function of the exact
// quotient (for a fixed sign), and every result has exactly digits digits
// (so equal values have equal representations): when the rounded quotients
// of the two ends are equal, the rounded quotient of every number between
// them, q included, is that value, which is what Quo returns. ok is
// false when they differ (the quotient lies within about 10^-37 relative of
// a rounding boundary) or a quotient is not taken by quo128.
func quoLeads(a, b lead, neg bool, digits int, mode Rounding) (Dec, bool) {
	if digits > 36 || a.e < -2*MaxDigits || a.e > 2*MaxDigits || b.e < -2*MaxDigits || b.e > 2*MaxDigits {
		return Dec{}, false
	}
	ae, be := int32(a.e), int32(b.e)
	// The lower end: A_lo / B_hi.
	bh1, bl1 := b.th, b.tl
	if b.cut {
		var c uint64
		bl1, c = bits.Add64(bl1, 1, 0)
		bh1 += c
	}
	lo, ok := quo128(a.th, a.tl, ae, bh1, bl1, be, neg, digits, mode)
	if !ok {
		return Dec{}, false
	}
	if !a.cut && !b.cut {
		return lo, true // both exact: the quotient itself
	}
	// The upper end: A_hi / B_lo.
	ah1, al1 := a.th, a.tl
	if a.cut {
		var c uint64
		al1, c = bits.Add64(al1, 1, 0)
		ah1 += c
	}
	hi, ok := quo128(ah1, al1, ae, b.th, b.tl, be, neg, digits, mode)
	if !ok || lo != hi {
		return Dec{}, false
	}
	return lo, true
}

// lead38 splits a nonzero X as T·10^k + L with 0 <= L < 10^k: T = X and
// k = 0 when X has at most 38 digits, otherwise T = floor(X/10^k) holds X's
// leading 38 digits. cut reports L != 0.
func lead38(X *w256) (th, tl uint64, k int, cut bool) {
	if X[2]|X[3] == 0 && digits128(X[1], X[0]) <= 38 {
		return X[1], X[0], 0, false
	}
	n := digits256(X)
	k = n - 38
	q := *X
	_, cut = divPow10W(&q, k)
	return q[1], q[0], k, cut
}

// divByConst returns floor((h·2^64 + l)/d) and the remainder, for d <
// 2^32, in 32-bit steps. It inlines; called with a constant d (10, 100)
// its divisions compile to multiplications, which measured faster here
// than two 128-by-64-bit hardware divisions (Quo d34 ~62 against ~76 ns).
func divByConst(h, l, d uint64) (qh, ql, r uint64) {
	qh, r = h/d, h%d
	x := r<<32 | l>>32
	q1, r := x/d, x%d
	x = r<<32 | l&0xffffffff
	return qh, q1<<32 | x/d, x % d
}

// scaleW returns A·10^s for A = ah:al and s >= 0 on four words (which stay
// in registers, where an array goes through memory) and whether it is below
// 2^256: the dividend scaling of quo128 and quoCut. Up to s = 38 it is one
// two-word product with 10^s; up to 57, 10^38 first and then the remaining
// factor (below 10^19) on words; for a one-word A up to maxPow10W, 10^s
// (four words) times that word; beyond, the general checked multiplication.
func scaleW(ah, al uint64, s int) (U0, U1, U2, U3 uint64, ok bool) {
	switch {
	case s <= 38:
		U0, U1, U2, U3 = mul128W(ah, al, pow10W[s][1], pow10W[s][0])
		return U0, U1, U2, U3, true
	case s <= 57:
		v0, v1, v2, v3 := mul128W(ah, al, pow10W[38][1], pow10W[38][0])
		f := pow10U64[s-38]
		h0, l0 := bits.Mul64(v0, f)
		h1, l1 := bits.Mul64(v1, f)
		h2, l2 := bits.Mul64(v2, f)
		h3, l3 := bits.Mul64(v3, f)
		var c uint64
		U0 = l0
		U1, c = bits.Add64(l1, h0, 0)
		U2, c = bits.Add64(l2, h1, c)
		U3, c = bits.Add64(l3, h2, c)
		return U0, U1, U2, U3, h3 == 0 && c == 0
	case ah == 0 && s <= maxPow10W:
		// Short dividends over long divisors (such as φ's p/(e^y+1)).
		var U w256
		if mulSmall256(&U, &pow10W[s], al) != 0 {
			return 0, 0, 0, 0, false
		}
		return U[0], U[1], U[2], U[3], true
	}
	U, ok := mulPow10Checked(&w256{al, ah}, s)
	return U[0], U[1], U[2], U[3], ok
}
