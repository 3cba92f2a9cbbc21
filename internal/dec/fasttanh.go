package dec

// tanhFast returns tanh x rounded to p digits with mode, for x with a
// coefficient of at most 256 bits and x² >= 10^-m (Tanh settles smaller x
// first), p <= maxFastDigits; ok is false when the result is not decided
// here (see expFast).
//
// Three ranges, each with its error bound on N (N·10^exp approximates
// tanh|x| and has more than p+15 digits):
//
//   - |x| < 10^-6: tanh t = t·g(u), u = t², g = 1 − u/3 + 2u²/15 −
//     17u³/315 + 62u⁴/2835 (omitted terms below 0.009·u⁵ < 2^-206), with
//     the exact decimal t as in lnNear1: |N − value| <= (N >> 160) + 4.
//   - 10^-6 <= |x| < 1: tanh t = (E−1)/(E+1), E = e^{2t} from expParts
//     (relative error under 2^-182.3, so E−1 >= 2^-18.9 is within 2^-160.4
//     relative), one fixed-point division (2^-166 relative): the quotient is
//     within 2^-160.3 relative, |N − value| <= (N >> 158) + 4.
//   - |x| >= 1: tanh t = 1 − D, D = 2/(E+1) = 2·10^-k/(M·2^j + 10^-k) for
//     E = M·2^j·10^k, computed as Dq = D·10^(Q+20) within Dq·2^-181 + 2;
//     when D·10^Q < 1 for certain, tanh t lies strictly between 1 − 10^-Q
//     and 1, and rounds as 1 − 10^-Q with a sticky remainder; otherwise
//     N = 10^Q − ceil(Dq/10^20) is within 2 + 1 units. For t >= 64, D <
//     5.2·10^-56 and the first case always applies (Q <= 55).
func tanhFast(x Dec, p int, mode Rounding) (Dec, bool) {
	if p > maxFastDigits || x.IsZero() {
		return Dec{}, false
	}
	if _, ok := x.mag256(); !ok {
		return Dec{}, false
	}
	tb := fastTabs()
	neg := x.neg
	a := x.adjExp()
	switch {
	case a < -6:
		N, exp, e, ok := tanhSmall(tb, x, p)
		if !ok {
			return Dec{}, false
		}
		return fastRound(&N, exp, p, mode, neg, e)
	case a < 0:
		N, exp, e, ok := tanhMid(tb, x, p)
		if !ok {
			return Dec{}, false
		}
		return fastRound(&N, exp, p, mode, neg, e)
	}
	Q := p + 17
	var special bool
	var N w256
	if a >= 2 || x.Abs().Cmp(FromInt64(64)) >= 0 {
		special = true
	} else {
		var ok bool
		N, special, ok = tanhLarge(tb, x, Q)
		if !ok {
			return Dec{}, false
		}
	}
	if special {
		// 1 − 10^-Q < tanh|x| < 1.
		N = pow10W[Q]
		one := w256{1}
		N = sub256(&N, &one)
		d, err := roundW(neg, N, -int64(Q), p, mode, true)
		if err != nil {
			return Dec{}, false
		}
		return d, true
	}
	return fastRound(&N, -int64(Q), p, mode, neg, 4)
}

// tanhSmall is the |x| < 10^-6 case of tanhFast.
func tanhSmall(tb *fastTables, x Dec, p int) (N w256, exp int64, e uint64, ok bool) {
	T, ok := x.mag256()
	if !ok {
		return N, 0, 0, false
	}
	ex := int64(x.exp)
	dct := digits256(&T)
	var extra uint64
	if cut := dct - (p + 16); cut > 0 {
		divPow10W(&T, cut)
		ex += int64(cut)
		dct -= cut
		extra = 1
	}
	k := -int(ex)
	if k < 1 || k > maxRecipK {
		return N, 0, 0, false
	}
	tw, ok := decToFix(tb, &T, k, fxFrac)
	if !ok {
		return N, 0, 0, false
	}
	t := fx{tw[0], tw[1], tw[2]}
	u := fxMul(&t, &t)
	// g = 1 − u(1/3 − u(2/15 − u(17/315 − u·62/2835))).
	h := fxMul(&u, &tb.tanhC[3])
	h = fxSub(&tb.tanhC[2], &h)
	h = fxMul(&u, &h)
	h = fxSub(&tb.tanhC[1], &h)
	h = fxMul(&u, &h)
	h = fxSub(&tb.tanhC[0], &h)
	h = fxMul(&u, &h)
	h = fxSub(&fxOne, &h)
	J := p + 16 - dct
	M := mulPow10W(&T, J)
	if M[3] != 0 {
		return N, 0, 0, false
	}
	p0, p1, p2, p3, p4, p5 := mul33W(M[0], M[1], M[2], h.w0, h.w1, h.w2)
	prod := [6]uint64{p0, p1, p2, p3, p4, p5}
	N = shrN(prod[:], fxFrac)
	eb := shrN(N[:], 160)
	return N, ex - int64(J), eb[0] + 4 + extra, true
}

// tanhMid is the 10^-6 <= |x| < 1 case of tanhFast.
func tanhMid(tb *fastTables, x Dec, p int) (N w256, exp int64, e uint64, ok bool) {
	k := -int(x.exp)
	if k < 1 || k > maxRecipK {
		return N, 0, 0, false
	}
	C, ok := x.mag256()
	if !ok {
		return N, 0, 0, false
	}
	X, ok := decToFix(tb, &C, k, 193) // 2|x|·2^192
	if !ok || X[3] > 2 {
		return N, 0, 0, false
	}
	M, j, k10, ok := expParts(tb, &X, false)
	if !ok || k10 < 0 || k10 > 1 {
		return N, 0, 0, false
	}
	E := fxShift(M, j)
	if k10 == 1 {
		var w w256
		mulSmall256(&w, &w256{E.w0, E.w1, E.w2}, 10)
		if w[3] != 0 {
			return N, 0, 0, false
		}
		E = fx{w[0], w[1], w[2]}
	}
	A := fxSub(&E, &fxOne)
	B := fxAdd(&E, &fxOne)
	// T = A·2^188 / B.
	var u [7]uint64
	const s = fxFrac - 128 // A·2^188: words shifted by 2, bits by 60
	u[2] = A.w0 << s
	u[3] = A.w0>>(64-s) | A.w1<<s
	u[4] = A.w1>>(64-s) | A.w2<<s
	u[5] = A.w2 >> (64 - s)
	var q [6]uint64
	divKnuth(u[:], []uint64{B.w0, B.w1, B.w2}, q[:])
	if q[3]|q[4]|q[5] != 0 {
		return N, 0, 0, false
	}
	P := w256{q[0] << 4, q[1]<<4 | q[0]>>60, q[2]<<4 | q[1]>>60, q[2] >> 60}
	bly := bitLen256(&P)
	if bly < 192-24 {
		return N, 0, 0, false
	}
	v := bly - 193
	A10 := -((-v*1233 + 4095) >> 12)
	Q := p + 16 - A10
	if Q > maxPow10W {
		return N, 0, 0, false
	}
	prod := mul44(&P, &pow10W[Q])
	N = shrN(prod[:], 192)
	eb := shrN(N[:], 158)
	return N, -int64(Q), eb[0] + 4, true
}

// tanhLarge is the 1 <= |x| < 64 case of tanhFast: it returns N or
// reports that D·10^Q < 1 (special).
func tanhLarge(tb *fastTables, x Dec, Q int) (N w256, special, ok bool) {
	var X w256
	if x.exp >= 0 {
		if x.big != nil || x.hi != 0 || x.exp > 2 {
			return N, false, false
		}
		X[3] = 2 * x.lo * pow10U64[x.exp]
	} else {
		k := -int(x.exp)
		if k > maxRecipK {
			return N, false, false
		}
		C, ok := x.mag256()
		if !ok {
			return N, false, false
		}
		if X, ok = decToFix(tb, &C, k, 193); !ok {
			return N, false, false
		}
	}
	if X[3] > 128 {
		return N, false, false
	}
	M, j, k10, ok := expParts(tb, &X, false)
	if !ok || k10 < 1 || k10 > maxRecipK {
		return N, false, false
	}
	// B = M·2^j + 10^-k10 (the reciprocal table holds 10^-k·2^(192+s)).
	B := fxShift(M, j)
	r := tb.recip[k10]
	rw := shrN(r[:], 4+tb.recipShift[k10])
	rf := fx{rw[0], rw[1], rw[2]}
	B = fxAdd(&B, &rf)
	// Dq = 2·10^(Q+20−k10)·2^188 / B.
	m := Q + 20 - int(k10)
	if m < 0 {
		return N, true, true
	}
	if m > maxPow10W {
		return N, false, false
	}
	pm := pow10W[m]
	num := shl256(&pm, 1)
	var u [9]uint64
	const s = fxFrac - 128
	u[2] = num[0] << s
	u[3] = num[0]>>(64-s) | num[1]<<s
	u[4] = num[1]>>(64-s) | num[2]<<s
	u[5] = num[2]>>(64-s) | num[3]<<s
	u[6] = num[3] >> (64 - s)
	var q [8]uint64
	divKnuth(u[:], []uint64{B.w0, B.w1, B.w2}, q[:])
	if q[4]|q[5]|q[6]|q[7] != 0 {
		return N, false, false
	}
	Dq := w256{q[0], q[1], q[2], q[3]}
	errD := shrN(Dq[:], 181)
	if errD[1]|errD[2]|errD[3] != 0 {
		return N, false, false
	}
	// D·10^Q < 1 for certain when Dq + errD + 2 < 10^20.
	lim := pow10W[20]
	hiD := add256(&Dq, &w256{errD[0] + 2})
	if cmp256(&hiD, &lim) < 0 {
		return N, true, true
	}
	// N = 10^Q − ceil(Dq / 10^20).
	_, nonzero := divPow10W(&Dq, 20)
	if nonzero {
		inc256(&Dq)
	}
	N = pow10W[Q]
	N = sub256(&N, &Dq)
	return N, false, true
}

// fxShift returns m·2^j for j in [-2, 1] (truncated for j < 0).
func fxShift(m fx, j int) fx {
	switch {
	case j > 0:
		return fx{m.w0 << 1, m.w1<<1 | m.w0>>63, m.w2<<1 | m.w1>>63}
	case j < 0:
		s := uint(-j)
		return fx{m.w0>>s | m.w1<<(64-s), m.w1>>s | m.w2<<(64-s), m.w2 >> s}
	}
	return m
}
