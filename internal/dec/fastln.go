package dec

import "math/bits"

// log10Fast is lnFast for log10 x (x not a power of ten).
func log10Fast(x Dec, p int, mode Rounding) (Dec, bool) {
	N, exp, neg, e, ok := lnApprox(x, p, true)
	if !ok {
		return Dec{}, false
	}
	return fastRound(&N, exp, p, mode, neg, e)
}

// lnFast returns ln x rounded to p digits with mode for x > 0, x != 1,
// with a coefficient of at most 1408 bits, p <= maxFastDigits; ok is false
// when the result is not decided here (see expFast for the argument).
func lnFast(x Dec, p int, mode Rounding) (Dec, bool) {
	N, exp, neg, e, ok := lnApprox(x, p, false)
	if !ok {
		return Dec{}, false
	}
	return fastRound(&N, exp, p, mode, neg, e)
}

// lnApprox returns N, exp, the sign and a bound e with
// |N − |ln x|·10^-exp| <= e, or ok = false outside its domain.
//
// Near 1 (|x − 1| < 10^-6) it uses ln(1+t) = t·g(t) with the exact
// difference t = x − 1 and g = Σ_{n<8} (−t)^n/(n+1): the omitted terms are
// below t^8/9 < 2^-162.6 relative, the eight truncated products and the
// tabulated 1/n add under 2^-184, so |N − value| <= N·2^-162 + 1 <=
// (N >> 160) + 4.
//
// Elsewhere x = c·10^e, c = 2^b·f with f in [1, 2), and
// ln x = b·ln 2 + e·ln 10 + ln f, in fixed point with 192 fraction bits
// (f truncated to 188 bits, and taken from the leading 256 bits of a
// longer coefficient: under 2^-188 relative). ln f: five table levels
// (fastTables) bring f·Πc_l to 1 + v with v < 2^-40·1.01 (each truncated
// product moves ln by under 2^-188, each table value is at most 2^-188
// low), then ln(1+v) = v − v²/2 + v³/3 − v⁴/4 (omitted terms < 2^-202,
// evaluation under 8·2^-188): ln f is within 19·2^-188 < 2^-183.7.
// b < 1408 and |e| <= 2047 multiples of ln 2 and ln 10 (each 2^-192 low)
// add under 2^-181.5 + 2^-181, so |y| is within 2^-179; N = |y|·10^Q is
// within 10^Q·2^-179 + 1 (the bound used adds 4).
//
// With log10 set it approximates log10 x instead, by the factor 1/ln 10
// (see lnFar and lnNear1 for the extra error, inside the same bounds).
func lnApprox(x Dec, p int, log10 bool) (N w256, exp int64, neg bool, e uint64, ok bool) {
	if x.neg || x.IsZero() || p > maxFastDigits {
		return N, 0, false, 0, false
	}
	tb := fastTabs()
	ex := int64(x.exp)
	if ex > 2047 || ex < -2047 {
		return N, 0, false, 0, false
	}
	C, okC := x.mag256()
	if !okC {
		// More than 256 bits: ln x from the top 256 bits of the
		// coefficient (a relative change below 2^-255).
		bl := x.big.BitLen()
		if bl > 1408 {
			return N, 0, false, 0, false
		}
		var ws [23]uint64
		for i, w := range x.big.Bits() {
			if bits.UintSize == 64 {
				ws[i] = uint64(w)
			} else {
				ws[i/2] |= uint64(w) << (32 * (i % 2))
			}
		}
		C = shrN(ws[:], uint(bl-256))
		return lnFar(tb, &C, bl-1, ex, p, log10)
	}
	if ex < 0 && ex >= -maxPow10W {
		// Near 1: t = x − 1 = ±T·10^ex exactly.
		one := &pow10W[-ex]
		var T w256
		tneg := cmp256(&C, one) < 0
		if tneg {
			T = sub256(one, &C)
		} else {
			T = sub256(&C, one)
		}
		if !isZero256(&T) && int64(digits256(&T))-1+ex <= -7 {
			return lnNear1(tb, tneg, &T, ex, p, log10)
		}
	}
	return lnFar(tb, &C, bitLen256(&C)-1, ex, p, log10)
}

// lnFar is lnApprox away from 1 for x = C·2^(b+1−bitlen(C))·10^ex, C
// holding the leading bits of the coefficient.
func lnFar(tb *fastTables, C *w256, b int, ex int64, p int, log10 bool) (N w256, exp int64, neg bool, e uint64, ok bool) {
	P, neg, ok := lnFarFix(tb, C, b, ex)
	if !ok {
		return N, 0, false, 0, false
	}
	if log10 {
		// log10 x = ln x · (1/ln 10): the product's error stays below
		// 0.44·2^-179 + 1000·2^-192 + 2^-192 < 2^-179.
		prod := mul44(&P, &tb.invLn10W)
		P = shrN(prod[:], 192)
	}
	return fixToDec(&P, neg, p)
}

// fixToDec returns N = floor(|y|·10^Q) for y = ±P/2^192 known within
// 2^-179, with Q chosen so that N has p+17 or p+18 digits, and the bound
// 10^Q·2^-179 + 4 on its error; ok is false for |y| < 2^-22.
func fixToDec(P *w256, neg bool, p int) (N w256, exp int64, negOut bool, e uint64, ok bool) {
	bly := bitLen256(P)
	if bly < 192-22 {
		return N, 0, false, 0, false // |y| < 2^-22 happens only near 1
	}
	// A = floor((bly−193)·log10 2), from below: |y| >= 10^A.
	v := bly - 193
	var A int
	if v >= 0 {
		A = v * 1233 >> 12
	} else {
		A = -((-v*1233 + 4095) >> 12)
	}
	Q := p + 16 - A
	if Q < 0 || Q > maxPow10W {
		return N, 0, false, 0, false
	}
	prod := mul44(P, &pow10W[Q])
	N = shrN(prod[:], 192)
	pq := pow10W[Q]
	eb := shrN(pq[:], 179)
	if eb[1]|eb[2]|eb[3] != 0 {
		return N, 0, false, 0, false
	}
	return N, -int64(Q), neg, eb[0] + 4, true
}

// lnFarFix returns |ln x|·2^192 and the sign for x = C·2^(b+1−bitlen(C))·10^ex,
// within 2^-179 (see lnApprox).
func lnFarFix(tb *fastTables, C *w256, b int, ex int64) (P w256, neg bool, ok bool) {
	// f in [1, 2): C shifted so that its top bit has weight 1, truncated.
	var f fx
	b0 := bitLen256(C) - 1
	if b0 <= fxFrac {
		w := shl256(C, uint(fxFrac-b0))
		f = fx{w[0], w[1], w[2]}
	} else {
		w := shrN(C[:], uint(b0-fxFrac))
		f = fx{w[0], w[1], w[2]}
	}
	lnf, ok := lnMantissa(tb, f)
	if !ok {
		return P, false, false
	}
	// y = b·ln2 + e·ln10 + ln f at 192 fraction bits.
	var T w256
	mulSmall256(&P, &tb.ln2W, uint64(b))
	lw := w256{lnf.w0 << 4, lnf.w1<<4 | lnf.w0>>60, lnf.w2<<4 | lnf.w1>>60, lnf.w2 >> 60}
	P = add256(&P, &lw)
	if ex >= 0 {
		mulSmall256(&T, &tb.ln10W, uint64(ex))
		P = add256(&P, &T)
	} else {
		mulSmall256(&T, &tb.ln10W, uint64(-ex))
		if cmp256(&P, &T) >= 0 {
			P = sub256(&P, &T)
		} else {
			P = sub256(&T, &P)
			neg = true
		}
	}
	return P, neg, true
}

// lnNear1 is lnApprox for x = 1 + t, t = ±T·10^ex, 10^-(p+3) <= |t| <
// 10^-6. T is cut to p+16 digits first when longer (one more unit of
// error).
func lnNear1(tb *fastTables, tneg bool, T *w256, ex int64, p int, log10 bool) (N w256, exp int64, neg bool, e uint64, ok bool) {
	dct := digits256(T)
	M := *T
	var extra uint64
	if cut := dct - (p + 16); cut > 0 {
		divPow10W(&M, cut)
		ex += int64(cut)
		dct -= cut
		extra = 1
	}
	k := -int(ex)
	if k < 1 || k > maxRecipK {
		return N, 0, false, 0, false
	}
	uw, ok := decToFix(tb, &M, k, fxFrac)
	if !ok {
		return N, 0, false, 0, false
	}
	u := fx{uw[0], uw[1], uw[2]}
	// g = 1 ∓ u(1/2 ∓ u(1/3 ∓ ... u/8)).
	h := tb.inv[8]
	for n := 7; n >= 1; n-- {
		m := fxMul(&u, &h)
		c := &tb.inv[n]
		if n == 1 {
			c = &fxOne
		}
		if tneg {
			h = fxAdd(c, &m)
		} else {
			h = fxSub(c, &m)
		}
	}
	if log10 {
		// log10(1+t) = t·g(t)/ln 10; 1/ln 10 is within 2^-188.
		h = fxMul(&h, &tb.invLn10)
	}
	J := p + 16 - dct
	M = mulPow10W(&M, J)
	if M[3] != 0 {
		return N, 0, false, 0, false
	}
	p0, p1, p2, p3, p4, p5 := mul33W(M[0], M[1], M[2], h.w0, h.w1, h.w2)
	prod := [6]uint64{p0, p1, p2, p3, p4, p5}
	N = shrN(prod[:], fxFrac)
	eb := shrN(N[:], 160)
	return N, ex - int64(J), tneg, eb[0] + 4 + extra, true
}

// lnMantissa returns ln f for an fx f in [1, 2), within 18·2^-188 (see
// lnApprox); ok is false if an index leaves its table (which the table
// bounds rule out).
func lnMantissa(tb *fastTables, f fx) (fx, bool) {
	v := fxSub(&f, &fxOne)
	i := v.w2 >> (fxFrac - 128 - 8)
	te := &tb.ln1[i]
	dec := fxMulShr(&f, te.d, 16)
	f = fxSub(&f, &dec)
	acc := te.l
	for l := 2; l <= fastLevels; l++ {
		s := uint(8 * l)
		v = fxSub(&f, &fxOne)
		i := v.w2 >> (fxFrac - 128 - s)
		if i >= fastLevelLen {
			return fx{}, false
		}
		if te := &tb.ln[l-2][i]; te.d != 0 {
			dec := fxMulShr(&f, te.d, s+8)
			f = fxSub(&f, &dec)
			acc = fxAdd(&acc, &te.l)
		}
	}
	v = fxSub(&f, &fxOne)
	// ln(1+v) = v(1 − v(1/2 − v(1/3 − v/4))).
	h := fxMul(&v, &tb.inv[4])
	h = fxSub(&tb.inv[3], &h)
	h = fxMul(&v, &h)
	h = fxSub(&tb.inv[2], &h)
	h = fxMul(&v, &h)
	h = fxSub(&fxOne, &h)
	h = fxMul(&v, &h)
	return fxAdd(&acc, &h), true
}

// shl256 returns x·2^s mod 2^256.
func shl256(x *w256, s uint) w256 {
	var z w256
	ws, bs := s/64, s%64
	for i := range 4 {
		k := uint(i) + ws
		if k < 4 {
			z[k] |= x[i] << bs
		}
		if bs != 0 && k+1 < 4 {
			z[k+1] |= x[i] >> (64 - bs)
		}
	}
	return z
}
