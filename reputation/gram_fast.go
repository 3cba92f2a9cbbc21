package reputation

// Fixed-width exact arithmetic for the squared distances of the Gram
// evaluation (listening_gram.go). Every perturbed evaluation needs, for
// every reputer m,
//
//	N_m = Ĝ_mm·U² − 2U·(g_m + α·(Ĝ1_C)_m + Σ_i β_i·Ĝ_{m,ex_i}) + Q     (G.3)
//	    = c₀·Ĝ_mm + c₁·g_m + c₂·(Ĝ1_C)_m + Σ_i c₃ᵢ·Ĝ_{m,ex_i} + Q
//
// with the evaluation's scalars c₀ = U², c₁ = −2U, c₂ = −2U·α and
// c₃ᵢ = −2U·β_i: a short dot product of exact integers. math/big spends
// most of its time there on allocation-free bookkeeping around three to six
// words; here the per-reputer vectors are held once as sign and magnitude
// in a fixed number of 64-bit limbs, and N_m is accumulated in a W-word
// two's-complement accumulator, W chosen per evaluation from the bit
// lengths so that no partial sum can overflow. The result is the same exact
// integer N_m as the math/big evaluation (which remains the path for values
// wider than gramFastMaxWords words, and which TestGramFastMatchesBig
// compares with this one); the score kernel then reads its top bits
// directly from the limbs.

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
// and every partial sum fit W words as signed integers. The product is
// formed first (len(a) + len(b) <= 2·gramFastMaxWords words), then added
// in one carry chain.
func mulAccLimbs(acc []uint64, a, b []uint64, sub bool) {
	var p [2 * gramFastMaxWords]uint64
	lb := len(b)
	for i, ai := range a {
		var carry uint64
		for j, bj := range b {
			hi, lo := bits.Mul64(ai, bj)
			var c uint64
			lo, c = bits.Add64(lo, p[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			p[i+j] = lo
			carry = hi + c
		}
		p[i+lb] = carry
	}
	W := len(acc)
	n := min(len(a)+lb, W)
	var c uint64
	if sub {
		for k := 0; k < n; k++ {
			acc[k], c = bits.Sub64(acc[k], p[k], c)
		}
		for k := n; k < W && c != 0; k++ {
			acc[k], c = bits.Sub64(acc[k], 0, c)
		}
		return
	}
	for k := 0; k < n; k++ {
		acc[k], c = bits.Add64(acc[k], p[k], c)
	}
	for k := n; k < W && c != 0; k++ {
		acc[k], c = bits.Add64(acc[k], 0, c)
	}
}

// gramFastEval holds an evaluation's scalars of (G.3) in limb form.
type gramFastEval struct {
	c0, c1, c2, Q limbScalar
	c3            []limbScalar
	u             limbVec // the weights of gramTimes
	t             big.Int
	acc           [gramFastMaxWords]uint64
}

// prepare sets the scalars c₀ = U², c₁ = −2U, c₂ = −2U·α (alpha nil or 0:
// no c₂ term) and c₃ᵢ = −2U·β_i, and returns the accumulator width W, or
// ok = false when some term or partial sum could exceed gramFastMaxWords
// words (the caller then uses math/big).
func (fe *gramFastEval) prepare(e *gramEngine, st *gramState, U, Q, alpha *big.Int, beta []big.Int) (W int, ok bool) {
	t := &fe.t
	if !fe.c0.set(t.Mul(U, U)) || !fe.c1.set(t.Lsh(U, 1).Neg(t)) || !fe.Q.set(Q) {
		return 0, false
	}
	useAlpha := alpha != nil && alpha.Sign() != 0
	fe.c2.n, fe.c2.bits = 0, 0
	if useAlpha {
		t.Lsh(U, 1)
		t.Neg(t)
		if !fe.c2.set(t.Mul(t, alpha)) {
			return 0, false
		}
	}
	if cap(fe.c3) < len(beta) {
		fe.c3 = make([]limbScalar, len(beta))
	}
	fe.c3 = fe.c3[:len(beta)]
	// The largest term, and the number of terms.
	top := max(fe.Q.bits, fe.c0.bits+e.fG.bits, fe.c1.bits+st.fg.bits)
	terms := 3
	if useAlpha {
		top = max(top, fe.c2.bits+st.fgC.bits)
		terms++
	}
	for i := range beta {
		t.Lsh(U, 1)
		t.Neg(t)
		if !fe.c3[i].set(t.Mul(t, &beta[i])) {
			return 0, false
		}
		top = max(top, fe.c3[i].bits+e.fG.bits)
		terms++
	}
	// |partial sum| < terms·2^top <= 2^(top + bits.Len(terms)), plus a
	// sign bit.
	W = (top + bits.Len(uint(terms)) + 1 + 63) / 64
	if W > gramFastMaxWords {
		return 0, false
	}
	return W, true
}

// distance sets fe.acc[:W] to N_m (two's complement) and returns it.
func (fe *gramFastEval) distance(e *gramEngine, st *gramState, W, m int, ex []int) []uint64 {
	acc := fe.acc[:W]
	// acc = Q.
	for j := range acc {
		acc[j] = 0
	}
	copy(acc, fe.Q.mag[:fe.Q.n])
	if fe.Q.neg {
		negLimbs(acc)
	}
	R := e.R
	mulAccLimbs(acc, fe.c0.mag[:fe.c0.n], e.fD.at(m), fe.c0.neg != e.fD.neg[m])
	mulAccLimbs(acc, fe.c1.mag[:fe.c1.n], st.fg.at(m), fe.c1.neg != st.fg.neg[m])
	if fe.c2.n > 0 {
		mulAccLimbs(acc, fe.c2.mag[:fe.c2.n], st.fgC.at(m), fe.c2.neg != st.fgC.neg[m])
	}
	for i, n := range ex {
		c := &fe.c3[i]
		// Ĝ_mn = Ĝ_nm: row n is contiguous in m.
		mulAccLimbs(acc, c.mag[:c.n], e.fG.at(n*R+m), c.neg != e.fG.neg[n*R+m])
	}
	return acc
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
// untouched) when the sums could exceed gramFastMaxWords words.
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
	var accC [gramFastMaxWords]uint64
	one := []uint64{1}
	for m := 0; m < R; m++ {
		acc := fe.acc[:W]
		clear(acc)
		ac := accC[:WC]
		clear(ac)
		for n := 0; n < R; n++ {
			gmn, gneg := e.fG.at(m*R+n), e.fG.neg[m*R+n]
			mulAccLimbs(acc, gmn, fe.u.at(n), gneg != fe.u.neg[n])
			if st.inC[n] {
				mulAccLimbs(ac, gmn, one, gneg)
			}
		}
		setTwos(&st.g[m], acc)
		setTwos(&st.gC[m], ac)
	}
	return true
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
