package dec

import "math/bits"

// The fast paths of the transcendental functions (Exp and the shared
// cores here; Ln, Log10 in fastln.go; Pow10, Pow in fastpow.go; Tanh in
// fasttanh.go). Each computes an approximation N of the result's digits
// (N·10^e with N holding p+15 or more digits) and a bound E on its error,
// |N − f(x)·10^-e| <= E, from integer arithmetic only. When every number in
// [N−E, N+E] rounds to the same p-digit value, that value is the correctly
// rounded result (Ziv's argument, as in ziv) and it is returned; otherwise,
// or outside the fast domain, the callers fall back to the big.Int
// implementation, which therefore decides every case the fast path does
// not. The bounds are derived in the comments; fast_accuracy_test.go checks
// that the observed errors stay well inside them, against the big.Int
// implementation at 60 to 70 extra digits.

// maxFastDigits is the largest precision of the fast paths (their results
// fit in 128 bits).
const maxFastDigits = 38

// decToFix returns floor(c·10^-k·2^f) for 1 <= k <= maxRecipK, with
// relative error below 2^-190 plus one unit (the tabulated reciprocal is
// exact to 2^-191 relative); ok is false when the result does not fit in
// 256 bits.
func decToFix(tb *fastTables, c *w256, k int, f uint) (w256, bool) {
	if c[2]|c[3] == 0 {
		x0, x1, x2, x3, ok := decToFix2W(tb, c[0], c[1], k, f)
		return w256{x0, x1, x2, x3}, ok
	}
	r := &tb.recip[k]
	s := 192 + tb.recipShift[k] - f
	// c·r: four words by three.
	var p [7]uint64
	n := 4
	for n > 1 && c[n-1] == 0 {
		n--
	}
	for i, a := range c[:n] {
		var carry uint64
		for j := range 3 {
			h, l := bits.Mul64(a, r[j])
			var c uint64
			l, c = bits.Add64(l, p[i+j], 0)
			h += c
			l, c = bits.Add64(l, carry, 0)
			h += c
			p[i+j] = l
			carry = h
		}
		p[i+3] = carry
	}
	// The result is p >> s; it fits when no bit at s+256 or above is set.
	if t := s + 256; t < 7*64 {
		w := t / 64
		if p[w]>>(t%64) != 0 {
			return w256{}, false
		}
		for _, v := range p[w+1:] {
			if v != 0 {
				return w256{}, false
			}
		}
	}
	if s >= 7*64 {
		return w256{}, true
	}
	var q [11]uint64 // p with four zero words above it
	copy(q[:], p[:])
	ws, bs := min(s/64, 6), s%64
	// A shift by 64 yields 0 in Go, so bs = 0 needs no special case.
	return w256{
		q[ws]>>bs | q[ws+1]<<(64-bs),
		q[ws+1]>>bs | q[ws+2]<<(64-bs),
		q[ws+2]>>bs | q[ws+3]<<(64-bs),
		q[ws+3]>>bs | q[ws+4]<<(64-bs),
	}, true
}

// decToFix2W is decToFix for the coefficient c1·2^64 + c0 (every
// coefficient of up to 38 digits), returning words (in registers; an array
// result goes through memory).
func decToFix2W(tb *fastTables, c0, c1 uint64, k int, f uint) (x0, x1, x2, x3 uint64, ok bool) {
	r := &tb.recip[k]
	s := 192 + tb.recipShift[k] - f
	// p = c·r has 320 bits, so a bit at s+256 or above can only be one of
	// p[4]'s, from bit s on, when s < 64.
	p0, p1, p2, p3, p4 := mul23W(c0, c1, r[0], r[1], r[2])
	if s < 64 && p4>>s != 0 {
		return 0, 0, 0, 0, false
	}
	if s >= 5*64 {
		return 0, 0, 0, 0, true
	}
	q := [9]uint64{p0, p1, p2, p3, p4}
	ws, bs := min(s/64, 4), s%64
	// A shift by 64 yields 0 in Go, so bs = 0 needs no special case.
	return q[ws]>>bs | q[ws+1]<<(64-bs),
		q[ws+1]>>bs | q[ws+2]<<(64-bs),
		q[ws+2]>>bs | q[ws+3]<<(64-bs),
		q[ws+3]>>bs | q[ws+4]<<(64-bs), true
}

// expFast returns e^x rounded to p digits with mode, for x with a
// coefficient of at most 256 bits, 10^-(p+3) <= |x| <= 925 and p <=
// maxFastDigits; ok is false when the result is not decided here.
//
// Method. X = |x|·2^192 (decToFix); x = k·ln10 + r with k = round(x/ln10),
// |r| < 1.16; r = j·ln2 + r' with r' in [0, ln 2); r' is reduced by five
// table levels (fastTables) to ρ < 2^-39.99 while Y = Πc_l is exact;
// e^ρ = 1 + ρ + ρ²/2 + ρ³/6 + ρ⁴/24 (omitted terms < 2^-206); then
// e^x = 10^k·2^j·Y·e^ρ and N = floor(Y·e^ρ·2^j·10^Q) with Q = p+16.
//
// Error. |x| <= 925 and the reciprocal's 2^-190 give at most 2^-181.1 in r;
// k·ln10 adds 402·2^-192 < 2^-183.3, j·ln2, the fx conversion and the five
// table values (each at most one unit below ln c) add 8·2^-188; so ρ is off
// by less than 2^-180.7 absolute, e^ρ and the product by under 6·2^-188
// relative more: the relative error of Y·e^ρ is below 2^-180.5. With
// N < 2^183 that is below 6 units of N, plus 1 for the final truncation; E =
// 32 leaves a wide margin.
func expFast(x Dec, p int, mode Rounding) (Dec, bool) {
	if p > maxFastDigits {
		return Dec{}, false
	}
	x0, x1, x2, x3, ok := expArgW(x)
	if !ok {
		return Dec{}, false
	}
	n0, n1, n2, n3, exp, ok := expCoreW(fastTabs(), x0, x1, x2, x3, x.neg, p)
	if !ok {
		return Dec{}, false
	}
	N := w256{n0, n1, n2, n3}
	return fastRound(&N, exp, p, mode, false, expFastErr)
}

// expFastErr bounds the error of expApprox in units of N's last digit.
const expFastErr = 32

// fastRound returns N·10^exp rounded to p digits with mode and sign neg,
// when every number within e units of N rounds alike and the result lies
// strictly inside the range (not next to an overflow or a flush to zero).
//
// It returns what roundW(neg, N, exp, p, mode, false) returns (N has more
// than p digits, so the coefficient has exactly p digits), with one
// division: the t digits dropped from N must stay more than e away from
// 0, from 10^t and from 10^t/2, so that the remainder's comparison with the
// half unit, its being nonzero and the kept digits are the same for every
// number within e of N.
func fastRound(N *w256, exp int64, p int, mode Rounding, neg bool, e uint64) (Dec, bool) {
	hi, lo, x, ok := fastRoundW(N, exp, p, mode, neg, e)
	if !ok {
		return Dec{}, false
	}
	return Dec{lo: lo, hi: hi, signExp: signExp{exp: int32(x), neg: neg}}, true
}

// fastRoundW is fastRound on words: the result's coefficient (hi, lo), of
// exactly p <= 38 digits, and its exponent (which the range test keeps
// inside int32), for callers that round again (expRoundApprox).
func fastRoundW(N *w256, exp int64, p int, mode Rounding, neg bool, e uint64) (hi, lo uint64, rexp int64, ok bool) {
	nd := digits256(N)
	if adj := exp + int64(nd) - 1; adj >= MaxAdjExp || adj <= MinAdjExp {
		return 0, 0, 0, false
	}
	t := nd - p
	if t < 1 || t > 19 || p > 38 {
		return 0, 0, 0, false
	}
	var q w256
	m := pow10U64[t]
	r := divSmall256(&q, N, m)
	h := m / 2
	if r <= e || r >= m-e || (r > h && r-h <= e) || (r <= h && h-r <= e) {
		return 0, 0, 0, false
	}
	half := -1
	if r > h {
		half = 1
	}
	// q has p <= 38 digits: two words.
	hi, lo = q[1], q[0]
	if roundUpW(mode, neg, lo&1 == 1, half, true) {
		var carry bool
		if hi, lo, carry = incDigits(hi, lo, p); carry {
			exp++
		}
	}
	return hi, lo, exp + int64(t), true
}

// expCore returns N and exp with N ≈ e^z·10^-exp for z = ±X/2^192,
// |z| <= 925, where N has p+16 or p+17 digits. Apart from the error of X
// itself, |N − e^z·10^-exp| < N·2^-182.5 + 1: k·ln10, j·ln2, the fx
// conversion and the table values move ρ by under 2^-183.3 + 8·2^-188, the
// series and the products add under 6·2^-188 relative (see expFast). An
// error δ in z adds N·δ·(1+δ).
func expCore(tb *fastTables, X *w256, xneg bool, p int) (N w256, exp int64, ok bool) {
	n0, n1, n2, n3, exp, ok := expCoreW(tb, X[0], X[1], X[2], X[3], xneg, p)
	return w256{n0, n1, n2, n3}, exp, ok
}

// expCoreW is expCore on words (in registers; arrays go through memory).
func expCoreW(tb *fastTables, x0, x1, x2, x3 uint64, xneg bool, p int) (n0, n1, n2, n3 uint64, exp int64, ok bool) {
	m0, m1, m2, j, k10, ok := expPartsW(tb, x0, x1, x2, x3, xneg)
	if !ok {
		return 0, 0, 0, 0, 0, false
	}
	// N = floor(M·2^j·10^Q), a shift by 188−j in [187, 190]: two words
	// and 59 to 62 bits. This is expFromPartsW's common case written out:
	// calling it measured Exp at 208–236 ns against 159–162 ns.
	Q := p + 16
	pq := &pow10W[Q]
	_, _, p2, p3, p4, p5 := mul33W(m0, m1, m2, pq[0], pq[1], pq[2])
	s := uint(fxFrac-128-j) & 63
	return p2>>s | p3<<(64-s), p3>>s | p4<<(64-s), p4>>s | p5<<(64-s), p5 >> s, k10 - int64(Q), true
}

// expParts returns e^z = M·2^j·10^k10 for z = ±X/2^192, |z| <= 925, with M
// in [1, 2·(1+2^-39)) and relative error below 2^-182.5 apart from X's own
// (see expCore).
func expParts(tb *fastTables, X *w256, xneg bool) (M fx, j int, k10 int64, ok bool) {
	m0, m1, m2, j, k10, ok := expPartsW(tb, X[0], X[1], X[2], X[3], xneg)
	return fx{m0, m1, m2}, j, k10, ok
}

// expPartsW is expParts on words: X = (x0, x1, x2, x3) and M = (m0, m1,
// m2) travel in registers (an fx result went through memory).
func expPartsW(tb *fastTables, x0, x1, x2, x3 uint64, xneg bool) (m0, m1, m2 uint64, j int, k10 int64, ok bool) {
	// Everything below works on words held in variables (arrays would live
	// in memory); the comparisons are the borrows of subtractions.
	//
	// k10 = round(|x| / ln 10) from |x|·2^32.
	const ln10Q32 = 9889527671 // floor(ln 10 · 2^32)
	xt := x3<<32 | x2>>32
	k10 = int64((xt + ln10Q32/2) / ln10Q32)
	// r = |x| − k10·ln10, with its sign relative to x (kl = k10·ln10 < 2^256).
	var c uint64
	m := uint64(k10)
	h0, kl0 := bits.Mul64(tb.ln10W[0], m)
	h1, kl1 := bits.Mul64(tb.ln10W[1], m)
	h2, kl2 := bits.Mul64(tb.ln10W[2], m)
	kl3 := tb.ln10W[3] * m
	kl1, c = bits.Add64(kl1, h0, 0)
	kl2, c = bits.Add64(kl2, h1, c)
	kl3 += h2 + c
	r0, c := bits.Sub64(x0, kl0, 0)
	r1, c := bits.Sub64(x1, kl1, c)
	r2, c := bits.Sub64(x2, kl2, c)
	r3, c := bits.Sub64(x3, kl3, c)
	rneg := xneg
	if c != 0 { // |x| < kl: r = kl − |x|
		r0, c = bits.Sub64(0, r0, 0)
		r1, c = bits.Sub64(0, r1, c)
		r2, c = bits.Sub64(0, r2, c)
		r3, _ = bits.Sub64(0, r3, c)
		rneg = !rneg
	}
	if xneg {
		k10 = -k10
	}
	if r3 > 1 {
		return 0, 0, 0, 0, 0, false // |r| >= 2: cannot happen for |x| <= 925
	}
	// R = |r| as an fx (drop 4 bits), then r' = r − j·ln 2 in [0, ln 2).
	r0, r1, r2 = r0>>4|r1<<60, r1>>4|r2<<60, r2>>4|r3<<60
	l0, l1, l2 := tb.ln2.w0, tb.ln2.w1, tb.ln2.w2
	if !rneg {
		// R >= ln 2: R −= ln 2.
		d0, c := bits.Sub64(r0, l0, 0)
		d1, c := bits.Sub64(r1, l1, c)
		d2, c := bits.Sub64(r2, l2, c)
		if c == 0 {
			r0, r1, r2 = d0, d1, d2
			j = 1
			// R < ln 2 again.
			_, c = bits.Sub64(r0, l0, 0)
			_, c = bits.Sub64(r1, l1, c)
			_, c = bits.Sub64(r2, l2, c)
			if c == 0 {
				return 0, 0, 0, 0, 0, false
			}
		}
	} else {
		// R <= ln 2: R = ln 2 − R.
		d0, c := bits.Sub64(l0, r0, 0)
		d1, c := bits.Sub64(l1, r1, c)
		d2, c := bits.Sub64(l2, r2, c)
		if c == 0 {
			r0, r1, r2 = d0, d1, d2
			j = -1
		} else {
			// R = 2·ln 2 − R, when R <= 2·ln 2.
			t0, c := bits.Add64(l0, l0, 0)
			t1, c := bits.Add64(l1, l1, c)
			t2, _ := bits.Add64(l2, l2, c)
			r0, c = bits.Sub64(t0, r0, 0)
			r1, c = bits.Sub64(t1, r1, c)
			r2, c = bits.Sub64(t2, r2, c)
			if c != 0 {
				return 0, 0, 0, 0, 0, false
			}
			j = -2
		}
	}
	// Table levels. Level 1 multiplies 1 by c_1 exactly: Y = 1 + D·2^-16.
	i := r2 >> (fxFrac - 128 - 8)
	if i >= uint64(len(tb.exp1)) {
		return 0, 0, 0, 0, 0, false
	}
	te := &tb.exp1[i]
	r0, c = bits.Sub64(r0, te.l.w0, 0)
	r1, c = bits.Sub64(r1, te.l.w1, c)
	r2, _ = bits.Sub64(r2, te.l.w2, c)
	y0, y1, y2 := uint64(0), uint64(0), fxOne.w2+te.d<<(fxFrac-128-16)
	for l := 2; l <= fastLevels; l++ {
		s := uint(8 * l)
		i := r2 >> ((fxFrac - 128 - s) & 63)
		if i >= fastLevelLen {
			return 0, 0, 0, 0, 0, false
		}
		te := &tb.exp[l-2][i]
		r0, c = bits.Sub64(r0, te.l.w0, 0)
		r1, c = bits.Sub64(r1, te.l.w1, c)
		r2, _ = bits.Sub64(r2, te.l.w2, c)
		// Y += floor(Y·D / 2^t), t = s+8 (exact: see fastTables; D = 0
		// adds 0).
		d, t := te.d, (s+8)&63
		h0, l0 := bits.Mul64(y0, d)
		h1, l1 := bits.Mul64(y1, d)
		h2, l2 := bits.Mul64(y2, d)
		w1, c := bits.Add64(l1, h0, 0)
		w2, c := bits.Add64(l2, h1, c)
		w3 := h2 + c
		y0, c = bits.Add64(y0, l0>>t|w1<<(64-t), 0)
		y1, c = bits.Add64(y1, w1>>t|w2<<(64-t), c)
		y2 += (w2>>t | w3<<(64-t)) + c
	}
	// e^ρ − 1 = ρ(1 + ρ(1/2 + ρ(1/6 + ρ/24))).
	h0, h1, h2 = fxFromProd(mul33W(r0, r1, r2, tb.inv24.w0, tb.inv24.w1, tb.inv24.w2))
	h0, h1, h2 = fxAddW(h0, h1, h2, tb.inv[6].w0, tb.inv[6].w1, tb.inv[6].w2)
	h0, h1, h2 = fxFromProd(mul33W(r0, r1, r2, h0, h1, h2))
	h0, h1, h2 = fxAddW(h0, h1, h2, tb.inv[2].w0, tb.inv[2].w1, tb.inv[2].w2)
	h0, h1, h2 = fxFromProd(mul33W(r0, r1, r2, h0, h1, h2))
	h2 += fxOne.w2
	h0, h1, h2 = fxFromProd(mul33W(r0, r1, r2, h0, h1, h2))
	h2 += fxOne.w2
	m0, m1, m2 = fxFromProd(mul33W(y0, y1, y2, h0, h1, h2))
	return m0, m1, m2, j, k10, true
}
