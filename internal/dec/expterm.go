package dec

// ExpTerm is an exponential e^x rounded exactly as Context.Exp rounds it,
// kept together with the fixed-point approximation it was rounded from, so
// that the exponential of a sum can be derived from the terms' product
// (Context.ExpOfSum) instead of being computed again. The zero ExpTerm is
// e^x = 0 without an approximation.
type ExpTerm struct {
	v   Dec
	m   fx    // e^x = m·2^j·10^k10 within expParts' bound, when ok
	j   int32 //
	k10 int32 //
	ok  bool
}

// Value returns e^x rounded as Context.Exp(x) returns it.
func (t ExpTerm) Value() Dec { return t.v }

// ExpTerm returns e^x rounded exactly as c.Exp(x) (same value, same error),
// with the approximation that ExpOfSum reuses.
func (c Context) ExpTerm(x Dec) (ExpTerm, error) {
	var t ExpTerm
	err := c.ExpTermInto(&t, x)
	return t, err
}

// ExpTermInto sets *t to ExpTerm(x) and returns its error (*t is then the
// zero ExpTerm). It writes the term in place, for slices of terms.
func (c Context) ExpTermInto(t *ExpTerm, x Dec) error {
	if c.expTermFast(t, x) {
		return nil
	}
	v, err := c.Exp(x)
	if err != nil {
		*t = ExpTerm{}
		return err
	}
	*t = ExpTerm{v: v}
	if m, j, k10, ok := expPartsOf(x); ok {
		t.m, t.j, t.k10, t.ok = m, int32(j), int32(k10), true
	}
	return nil
}

// expTermFast sets *t to ExpTerm(x) and reports true when the fast path
// decides the rounding; otherwise it leaves *t unchanged.
func (c Context) expTermFast(t *ExpTerm, x Dec) bool {
	pe, adj, ok := c.expFastDigits(x)
	if !ok || adj > 2 {
		return false // adj > 2: |x| >= 1000, beyond expArg's domain
	}
	// On words from one step to the next (arrays between them went
	// through memory).
	x0, x1, x2, x3, ok := expArgConvW(x)
	if !ok {
		return false
	}
	m0, m1, m2, j, k10, ok := expPartsW(fastTabs(), x0, x1, x2, x3, x.neg)
	if !ok {
		return false
	}
	n0, n1, n2, n3, e := expFromPartsW(m0, m1, m2, j, k10, pe+16)
	N := w256{n0, n1, n2, n3}
	v, ok := c.expRoundApprox(&N, e, expFastErr)
	if !ok {
		return false
	}
	*t = ExpTerm{v: v, m: fx{m0, m1, m2}, j: int32(j), k10: int32(k10), ok: true}
	return true
}

// ExpOfSum returns e^(x+y) rounded exactly as c.Exp(x.Add(y)), given
// *tx = c.ExpTerm(x) and *ty = c.ExpTerm(y) (terms of another context, or of
// other arguments, give wrong results).
//
// Method: when both terms carry their approximation, e^(x+y) =
// (m_x·m_y)·2^(j_x+j_y)·10^(k_x+k_y); each factor has relative error below
// 2^−180.5 (expFast), the truncated fixed-point product adds 2^−186, so the
// product is within 2^−179.4 relative. N = floor(product·10^Q) with Q =
// p'+14 (p' the digits of the rounding that decides, p or p+2 under
// ExpNewest) is below 10^(p'+16) <= 10^54 < 2^179.5, so N is within 2 units
// plus 1 for the truncation of e^(x+y)·10^−e; the rounding is taken when
// every number within expFastErr (32) units of N rounds alike, as in Exp.
// Otherwise, and whenever a term lacks its approximation, it returns
// c.Exp(x.Add(y)).
func (c Context) ExpOfSum(x, y Dec, tx, ty *ExpTerm) (Dec, error) {
	s := x.Add(y) // exact; inline (no allocation) when it fits in 128 bits
	if tx.ok && ty.ok {
		if pe, _, ok := c.expFastDigits(s); ok {
			m0, m1, m2 := fxMulW(tx.m.w0, tx.m.w1, tx.m.w2, ty.m.w0, ty.m.w1, ty.m.w2)
			n0, n1, n2, n3, e := expFromPartsW(m0, m1, m2, int(tx.j+ty.j), int64(tx.k10)+int64(ty.k10), pe+14)
			N := w256{n0, n1, n2, n3}
			if v, ok := c.expRoundApprox(&N, e, expFastErr); ok {
				return v, nil
			}
		}
	}
	return c.Exp(s)
}

// expFastDigits returns the digits p' to which Exp's fast path rounds e^x
// (p, or p+2 under ExpNewest) when Exp(x) would take that path: a valid
// context, p' <= maxFastDigits, x nonzero and not below Exp's tiny-argument
// threshold 10^−(p'+3). adj is x's adjusted exponent.
func (c Context) expFastDigits(x Dec) (p, adj int, ok bool) {
	if !c.valid() || x.IsZero() {
		return 0, 0, false
	}
	p = c.Digits()
	if c.exp == ExpNewest {
		p += 2
	}
	adj = x.adjExp()
	if p > maxFastDigits || adj < -(p+3) {
		return 0, 0, false
	}
	return p, adj, true
}

// expRoundApprox rounds N·10^e, within eb units of e^x·10^−e, as c.Exp
// rounds e^x, when every number within eb units of N rounds alike and the
// result lies inside the range (fastRound). Under ExpNewest: half-even to
// p+2 digits, then that value half-even to p digits (expNewest).
func (c Context) expRoundApprox(N *w256, e int64, eb uint64) (Dec, bool) {
	p := c.Digits()
	if c.exp != ExpNewest {
		return fastRound(N, e, p, c.rounding, false, eb)
	}
	// On words from one rounding to the next (a Dec in between went
	// through memory).
	hi, lo, x, ok := fastRoundW(N, e, p+2, RoundHalfEven, false, eb)
	if !ok {
		return Dec{}, false
	}
	hi, lo, x = roundOff2HalfEvenW(hi, lo, x, p)
	return Dec{lo: lo, hi: hi, signExp: signExp{exp: int32(x)}}, true
}

// roundOff2HalfEvenW rounds a positive value, the coefficient (hi, lo) of
// exactly p+2 digits (p+2 <= 38) at exponent exp, inside the range with
// room for one more power of 10, half-even to p digits: the coefficient and
// exponent of what Context{p, RoundHalfEven}.Round returns for it.
func roundOff2HalfEvenW(hi, lo uint64, exp int64, p int) (uint64, uint64, int64) {
	hq, lq, r := divByConst(hi, lo, 100)
	if r > 50 || (r == 50 && lq&1 == 1) {
		var carry bool
		if hq, lq, carry = incDigits(hq, lq, p); carry {
			exp++
		}
	}
	return hq, lq, exp + 2
}

// expPartsOf returns e^x = M·2^j·10^k10 as expParts computes it (x
// converted to X = |x|·2^192 as expApprox converts it), or ok = false
// outside that domain.
func expPartsOf(x Dec) (M fx, j int, k10 int64, ok bool) {
	X, ok := expArg(x)
	if !ok {
		return M, 0, 0, false
	}
	return expParts(fastTabs(), &X, x.neg)
}

// expArg returns X = |x|·2^192 (decToFix2W or decToFix), for nonzero x
// with |x| <= 925 and a coefficient of at most 256 bits; ok is false
// otherwise. expApprox and ExpTerm share it.
func expArg(x Dec) (X w256, ok bool) {
	x0, x1, x2, x3, ok := expArgW(x)
	return w256{x0, x1, x2, x3}, ok
}

// expArgW is expArg on words (in registers; an array result goes through
// memory).
func expArgW(x Dec) (x0, x1, x2, x3 uint64, ok bool) {
	if x.IsZero() || x.adjExp() > 2 {
		return 0, 0, 0, 0, false // |x| >= 1000 (beyond the fast domain)
	}
	return expArgConvW(x)
}

// expArgConvW is expArgW for a nonzero x below 1000 in magnitude.
func expArgConvW(x Dec) (x0, x1, x2, x3 uint64, ok bool) {
	if x.exp >= 0 {
		if x.big != nil || x.hi != 0 || x.exp > 3 {
			return 0, 0, 0, 0, false
		}
		v := x.lo * pow10U64[x.exp]
		if v > 925 {
			return 0, 0, 0, 0, false
		}
		return 0, 0, 0, v, true
	}
	k := -int(x.exp)
	if k > maxRecipK {
		return 0, 0, 0, 0, false
	}
	tb := fastTabs()
	if x.big == nil {
		x0, x1, x2, x3, ok = decToFix2W(tb, x.lo, x.hi, k, 192)
	} else {
		C, okC := x.mag256()
		if !okC {
			return 0, 0, 0, 0, false
		}
		var X w256
		X, ok = decToFix(tb, &C, k, 192)
		x0, x1, x2, x3 = X[0], X[1], X[2], X[3]
	}
	if !ok || x3 > 925 {
		return 0, 0, 0, 0, false
	}
	return x0, x1, x2, x3, true
}

// expFromPartsW returns N = floor(M·2^j·10^Q) (M = m2:m1:m0) and its
// exponent k10 − Q, as expCore does (Q <= 54: 10^Q fits in three words), on
// words.
func expFromPartsW(m0, m1, m2 uint64, j int, k10 int64, Q int) (n0, n1, n2, n3 uint64, e int64) {
	pq := &pow10W[Q]
	p0, p1, p2, p3, p4, p5 := mul33W(m0, m1, m2, pq[0], pq[1], pq[2])
	// A shift by fxFrac−j: two words and 60−j bits, 58 to 64 for the
	// j of one term (−2..1) or of a product of two (−4..2).
	if s := uint(fxFrac - 128 - j); s < 64 {
		return p2>>s | p3<<(64-s), p3>>s | p4<<(64-s), p4>>s | p5<<(64-s), p5 >> s, k10 - int64(Q)
	}
	prod := [6]uint64{p0, p1, p2, p3, p4, p5}
	N := shrN(prod[:], uint(fxFrac-j))
	return N[0], N[1], N[2], N[3], k10 - int64(Q)
}
