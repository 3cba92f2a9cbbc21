package reputation

// Fixed-width exact arithmetic for the squared distances of the Gram
// evaluation (listening_gram.go). Every perturbed evaluation needs, for
// every reputer m, N_m of (G.3) at the weights u' = u + α·1_C +
// Σ_i β_i·e_{ex_i} of the base point u, with U' = Σ u':
//
//	N_m = U'²·Ĝ_mm − 2U'·(Ĝu')_m + Q' = U'·k_m + Q',
//	k_m = U'·Ĝ_mm − 2·(Ĝu')_m
//	    = b_m + α·e_m + B·Ĝ_mm − 2·Σ_i β_i·Ĝ_{m,ex_i}
//
// with B = Σ_i β_i (so U' = U + α·|C| + B) and the base point's vectors
// b_m = U·Ĝ_mm − 2·g_m and e_m = |C|·Ĝ_mm − 2·(Ĝ1_C)_m, computed once per
// iteration: per reputer, three short products for k_m and one for N_m,
// all exact integers. math/big spends most of its time there on
// allocation-free bookkeeping around three to six words; here the
// per-reputer vectors are held once as sign and magnitude in a fixed
// number of 64-bit limbs, and k_m and N_m are accumulated in two's
// complement, in widths chosen per evaluation from the bit lengths so that
// no partial sum can overflow. The result is the same exact integer N_m as
// the math/big evaluation (which remains the path for values wider than
// gramFastMaxWords words, and which TestGramFastMatchesBig compares with
// this one); the score kernel then reads its top bits directly from the
// limbs.

import (
	"math/big"
	"math/bits"
)

// gramFastMaxWords bounds the accumulator (1024 bits).
const gramFastMaxWords = 16

// limbVec is a vector of integers in sign-magnitude form, w limbs each.
type limbVec struct {
	w    int
	mag  []uint64 // n·w little-endian limbs
	used []int32  // the limbs up to the most significant nonzero one
	neg  []bool
	bits int // the largest bit length
}

// setLimbVec sets v to the integers x (nil: leaves v unusable, ok false);
// ok is false when a value needs more than gramFastMaxWords limbs.
func (v *limbVec) set(x []big.Int) bool {
	v.bits = 0
	for i := range x {
		v.bits = max(v.bits, x[i].BitLen())
	}
	v.w = max((v.bits+63)/64, 1)
	if v.w > gramFastMaxWords {
		return false
	}
	if cap(v.mag) < len(x)*v.w {
		v.mag = make([]uint64, len(x)*v.w)
	}
	v.mag = v.mag[:len(x)*v.w]
	if cap(v.neg) < len(x) {
		v.neg = make([]bool, len(x))
		v.used = make([]int32, len(x))
	}
	v.neg, v.used = v.neg[:len(x)], v.used[:len(x)]
	for i := range x {
		ws := x[i].Bits()
		for j := 0; j < v.w; j++ {
			v.mag[i*v.w+j] = limbAt(ws, j)
		}
		v.neg[i] = x[i].Sign() < 0
		v.used[i] = int32(limbLen(v.mag[i*v.w : (i+1)*v.w]))
	}
	return true
}

// at returns the magnitude of element i, trimmed to its nonzero limbs.
func (v *limbVec) at(i int) []uint64 {
	return v.mag[i*v.w : i*v.w+int(v.used[i])]
}

// limbScalar is one integer in sign-magnitude form.
type limbScalar struct {
	mag  [gramFastMaxWords]uint64
	n    int // limbs in use
	neg  bool
	bits int
}

// set sets s = x; false when x needs more than gramFastMaxWords limbs.
func (s *limbScalar) set(x *big.Int) bool {
	s.bits = x.BitLen()
	s.n = (s.bits + 63) / 64
	if s.n > gramFastMaxWords {
		return false
	}
	ws := x.Bits()
	for j := 0; j < s.n; j++ {
		s.mag[j] = limbAt(ws, j)
	}
	s.neg = x.Sign() < 0
	return true
}

// mulAccLimbs adds (sub false) or subtracts (sub true) a·b to the W-word
// two's-complement accumulator acc, modulo 2^(64·W): exact when the result
// and every partial sum fit W words as signed integers. One row of
// products per limb of the shorter operand, each added or subtracted in
// one carry chain (fewer rows, fewer carry propagations); product limbs
// beyond W are dropped (they vanish modulo 2^(64·W)).
func mulAccLimbs(acc []uint64, a, b []uint64, sub bool) {
	if len(a) > len(b) {
		a, b = b, a
	}
	for i, ai := range a {
		if i >= len(acc) {
			return
		}
		row := acc[i:]
		bb := b
		if len(bb) > len(row) {
			bb = bb[:len(row)]
		}
		head := row[:len(bb)]
		var carry uint64
		if sub {
			for j, bj := range bb {
				hi, lo := bits.Mul64(ai, bj)
				var c uint64
				lo, c = bits.Add64(lo, carry, 0)
				hi += c
				head[j], c = bits.Sub64(head[j], lo, 0)
				carry = hi + c
			}
			for j := len(bb); j < len(row) && carry != 0; j++ {
				row[j], carry = bits.Sub64(row[j], carry, 0)
			}
			continue
		}
		for j, bj := range bb {
			hi, lo := bits.Mul64(ai, bj)
			var c uint64
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			head[j], c = bits.Add64(head[j], lo, 0)
			carry = hi + c
		}
		for j := len(bb); j < len(row) && carry != 0; j++ {
			row[j], carry = bits.Add64(row[j], carry, 0)
		}
	}
}

// gramFastEval holds an evaluation's scalars of N_m = U'·k_m + Q' in limb
// form (the package comment above).
type gramFastEval struct {
	uP, Q, alpha, bSum limbScalar
	c3                 []limbScalar // −2·β_i
	Wk                 int          // the width of k_m
	u                  limbVec      // the weights of gramTimes
	t                  big.Int
	acc, kacc          [gramFastMaxWords]uint64
}

// prepare sets the scalars U', Q', α (alpha nil or 0: no α term),
// B = Σ β_i and −2·β_i, and returns the accumulator width W of N_m, or
// ok = false when some term or partial sum could exceed gramFastMaxWords
// words (the caller then uses math/big). The base point must hold b and e
// in limbs (st.fOK).
func (fe *gramFastEval) prepare(e *gramEngine, st *gramState, U, Q, alpha *big.Int, beta []big.Int) (W int, ok bool) {
	t := &fe.t
	if !fe.uP.set(U) || !fe.Q.set(Q) {
		return 0, false
	}
	fe.alpha.n, fe.alpha.bits = 0, 0
	if alpha != nil && alpha.Sign() != 0 && !fe.alpha.set(alpha) {
		return 0, false
	}
	t.SetInt64(0)
	for i := range beta {
		t.Add(t, &beta[i])
	}
	if !fe.bSum.set(t) {
		return 0, false
	}
	if cap(fe.c3) < len(beta) {
		fe.c3 = make([]limbScalar, len(beta))
	}
	fe.c3 = fe.c3[:len(beta)]
	// The largest term of k_m, and the number of terms.
	top, terms := st.fb.bits, 1
	if fe.alpha.n > 0 {
		top, terms = max(top, fe.alpha.bits+st.fe.bits), terms+1
	}
	if fe.bSum.n > 0 {
		top, terms = max(top, fe.bSum.bits+e.fD.bits), terms+1
	}
	for i := range beta {
		t.Lsh(&beta[i], 1)
		t.Neg(t)
		if !fe.c3[i].set(t) {
			return 0, false
		}
		if fe.c3[i].n > 0 {
			top, terms = max(top, fe.c3[i].bits+e.fG.bits), terms+1
		}
	}
	// |partial sum| < terms·2^top <= 2^kb, plus a sign bit.
	kb := top + bits.Len(uint(terms))
	fe.Wk = (kb + 1 + 63) / 64
	// N_m = Q' + U'·k_m: |partial sum| < 2^(max(|Q'|, |U'|·2^kb) + 1),
	// plus a sign bit.
	W = (max(fe.Q.bits, fe.uP.bits+kb) + 2 + 63) / 64
	if fe.Wk > gramFastMaxWords || W > gramFastMaxWords {
		return 0, false
	}
	return W, true
}

// distance sets acc (W words) to N_m in two's complement.
func (fe *gramFastEval) distance(e *gramEngine, st *gramState, acc []uint64, m int, ex []int) {
	// kn = −k_m = −b_m − α·e_m − B·Ĝ_mm + 2·Σ_i β_i·Ĝ_{m,ex_i}: k_m is
	// usually negative (U'·k_m + Q' = N_m is small against Q'), so −k_m
	// usually needs no negation, here or below.
	k := fe.kacc[:fe.Wk]
	clear(k)
	copy(k, st.fb.at(m))
	if !st.fb.neg[m] {
		negLimbs(k)
	}
	if a := &fe.alpha; a.n > 0 {
		mulAccLimbs(k, a.mag[:a.n], st.fe.at(m), a.neg == st.fe.neg[m])
	}
	if b := &fe.bSum; b.n > 0 {
		mulAccLimbs(k, b.mag[:b.n], e.fD.at(m), b.neg == e.fD.neg[m])
	}
	R := e.R
	for i, n := range ex {
		if c := &fe.c3[i]; c.n > 0 {
			// Ĝ_mn = Ĝ_nm: row n is contiguous in m.
			mulAccLimbs(k, c.mag[:c.n], e.fG.at(n*R+m), c.neg == e.fG.neg[n*R+m])
		}
	}
	knNeg := k[len(k)-1]>>63 != 0
	if knNeg {
		negLimbs(k)
	}
	// acc = Q' + U'·k_m = Q' − U'·kn.
	clear(acc)
	copy(acc, fe.Q.mag[:fe.Q.n])
	if fe.Q.neg {
		negLimbs(acc)
	}
	mulAccLimbs(acc, fe.uP.mag[:fe.uP.n], k[:limbLen(k)], fe.uP.neg == knNeg)
}

// negLimbs sets a = −a (two's complement).
func negLimbs(a []uint64) {
	c := uint64(1)
	for i := range a {
		a[i], c = bits.Add64(^a[i], 0, c)
	}
}

// gramTimes sets st.g = Ĝu and st.gC = Ĝ·1_C (the O(R²) products of a base
// point, exact), accumulating each entry in fixed-width limbs; false (st
// untouched) when the sums could exceed gramFastMaxWords words. Every
// clamped reputer has the weight u_n = |A|, so g_m = Σ_{n∉C} Ĝ_mn·u_n +
// |A|·(Ĝ1_C)_m: one product per unclamped reputer and one per row.
func (fe *gramFastEval) gramTimes(e *gramEngine, st *gramState) bool {
	if !fe.u.set(st.u) {
		return false
	}
	R := e.R
	W := (e.fG.bits + fe.u.bits + bits.Len(uint(R)) + 1 + 63) / 64
	WC := (e.fG.bits + bits.Len(uint(R)) + 1 + 63) / 64
	if W > gramFastMaxWords || WC > gramFastMaxWords {
		return false
	}
	// |A|'s limbs: the weight of any clamped reputer.
	var at []uint64
	for n := range R {
		if st.inC[n] {
			at = fe.u.at(n)
			break
		}
	}
	var accC, mag [gramFastMaxWords]uint64
	for m := 0; m < R; m++ {
		acc := fe.acc[:W]
		clear(acc)
		ac := accC[:WC]
		clear(ac)
		for n := 0; n < R; n++ {
			gmn, gneg := e.fG.at(m*R+n), e.fG.neg[m*R+n]
			if st.inC[n] {
				addLimbs(ac, gmn, gneg)
			} else {
				mulAccLimbs(acc, gmn, fe.u.at(n), gneg != fe.u.neg[n])
			}
		}
		if at != nil {
			// acc += |A|·(Ĝ1_C)_m, by the magnitude of the sum.
			cm := mag[:WC]
			copy(cm, ac)
			neg := cm[WC-1]>>63 != 0
			if neg {
				negLimbs(cm)
			}
			mulAccLimbs(acc, at, cm[:limbLen(cm)], neg)
		}
		setTwos(&st.g[m], acc)
		setTwos(&st.gC[m], ac)
	}
	return true
}

// addLimbs adds (sub false) or subtracts the magnitude b to the
// two's-complement accumulator acc (len(b) <= len(acc)), modulo
// 2^(64·len(acc)).
func addLimbs(acc, b []uint64, sub bool) {
	var c uint64
	if sub {
		for j, bj := range b {
			acc[j], c = bits.Sub64(acc[j], bj, c)
		}
		for j := len(b); j < len(acc) && c != 0; j++ {
			acc[j], c = bits.Sub64(acc[j], 0, c)
		}
		return
	}
	for j, bj := range b {
		acc[j], c = bits.Add64(acc[j], bj, c)
	}
	for j := len(b); j < len(acc) && c != 0; j++ {
		acc[j], c = bits.Add64(acc[j], 0, c)
	}
}

// setTwos sets z to the W-word two's-complement integer a (a is left
// unchanged).
func setTwos(z *big.Int, a []uint64) {
	if len(a) == 0 || a[len(a)-1]>>63 == 0 {
		setWords(z, a)
		return
	}
	var m [gramFastMaxWords]uint64
	copy(m[:], a)
	negLimbs(m[:len(a)])
	setWords(z, m[:len(a)])
	z.Neg(z)
}
