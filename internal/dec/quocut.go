package dec

// quoCut decides a/b by one quotient where quoLeads takes two: a exact (a
// coefficient A of at most 38 digits) and b bracketed by its leading 38
// digits, T·10^e < b < (T+1)·10^e (a cut lead, quoBySumBracket's sum), at
// most 36 digits kept. It returns what quoLeads returns whenever it
// decides; ok is false when the single quotient cannot decide (the caller
// then takes quoLeads' bracket), in a case quo128 cannot take, or next to
// the range limits.
//
// Method. With s = digits + digits(T) − digits(A) + 1 and U = A·10^s, the
// exact quotient is a/b = v·10^(exp A − e − s) with v = U/T', T < T' < T+1,
// so U/(T+1) < v < U/T. One division gives U = Q·T + R, 0 <= R < T, so
// U/T = Q + R/T lies in [Q, Q+1). Q has digits+t digits (t = 1 or 2,
// checked); let m = 10^t, q = floor(Q/m) and r = Q mod m. Two exact tests
// place v:
//
//   - R >= Q: then U >= Q·(T+1), so Q <= U/(T+1) < v < Q+1: floor(v) = Q
//     and v is not an integer;
//   - Q < T and r ∉ {0, m/2}: then U < T², so U/T − U/(T+1) = U/(T(T+1))
//     < 1 and Q−1 < v < Q+1; as 1 <= r <= m−1, q·m <= Q−1 < v < Q+1 <=
//     (q+1)·m, and v − q·m lies in (r−1, r+1), below m/2 when r < m/2 and
//     above it when r > m/2 (r and m/2 are integers).
//
// In both cases floor(v/m) = q (and floor(v) has the digits of Q: Q−1 has
// fewer only when Q is a power of ten, a multiple of m, which r != 0
// excludes), the part of v below the kept digits is nonzero, and it
// compares with half a unit as r with m/2 when r != m/2, and is above half
// a unit when r = m/2 (first case only, where v > Q).
// These are exactly the rounding inputs quo128 derives from a quotient with
// a nonzero remainder: the rounding of the exact quotient, which is what
// Quo (and quoLeads, when it decides) returns, with exactly digits digits
// (so equal values have equal representations). Both tests fail only when
// R < Q (about Q/T of the cases: at most 10 %, typically 1 %, for 34
// digits, as T >= 10^37 and Q < 10^36) and r is 0 or m/2 (2 in m), or when
// Q >= T (36 digits only); the bracket then decides or not as before.
func quoCut(ah, al uint64, aexp int32, th, tl uint64, texp int64, neg bool, digits int, mode Rounding) (Dec, bool) {
	if digits > 36 || texp < -2*MaxDigits || texp > 2*MaxDigits || th == 0 {
		return Dec{}, false
	}
	nA, nT := digits128(ah, al), digits128(th, tl)
	s := digits + nT - nA + 1
	if s < 0 {
		return Dec{}, false
	}
	// U = A·10^s (nA+s = digits+nT+1 <= 75 digits: below 2^256), as
	// quo128 scales its dividend.
	U0, U1, U2, U3, ok := scaleW(ah, al, s)
	if !ok {
		return Dec{}, false
	}
	// Q, R = divmod(U, T) (T two words: th != 0), as quo128x divides.
	qh, ql, r1, r0, sh, ok := div256by128(U0, U1, U2, U3, th, tl, nil)
	if !ok {
		return Dec{}, false // Q >= 2^128
	}
	// R = (r1, r0) >> sh.
	rl, rh := r0>>sh|r1<<(64-sh), r1>>sh // r1<<64 is 0
	n := digits128(qh, ql)
	t := n - digits
	if t < 1 || t > 2 {
		return Dec{}, false
	}
	var m uint64 = 10
	if t == 2 {
		m = 100
	}
	h := m >> 1
	qh1, ql1, r := divByConst(qh, ql, m)
	rGeQ := rh > qh || (rh == qh && rl >= ql)
	if !rGeQ {
		qLtT := qh < th || (qh == th && ql < tl)
		if !qLtT || r == 0 || r == h {
			return Dec{}, false
		}
	}
	half := 1
	if r < h {
		half = -1
	}
	return quoResult(qh1, ql1, int64(aexp)-texp-int64(s)+int64(t), digits, roundUpW(mode, neg, ql1&1 == 1, half, true), neg)
}
