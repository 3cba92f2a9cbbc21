package reputation

// A fixed-width kernel for the consensus score of the Gram evaluation,
// T = 1/(sqrt(N/Q) + ε_R) (6.6) from the exact integers N > 0 and Q > 0
// (listening_gram.go), in 64-bit words: no floating point, the same bits on
// every architecture. It returns T truncated to the context's d digits,
// exactly: every approximation below is directed so that the computed
// T̃ <= T, and a candidate within the error bound of the next d-digit
// value is decided by an exact integer comparison.
//
//  1. ρ̄ >= N/Q: the top 128 bits of N plus one unit (an upper bound) times
//     floor(2^256/Q̲) + 1, Q̲ the top 128 bits of Q (a lower bound; the
//     reciprocal is computed once per evaluation).
//  2. s̄ >= sqrt(ρ̄): the exact integer square root (isqrt256) of the 255- or
//     256-bit mantissa of ρ̄ (of even exponent), plus one unit.
//  3. d̄en >= s̄ + ε_R: ε_R's top 128 bits plus one unit (computed once), the
//     sum's top 128 bits plus one unit.
//  4. D = floor(10^j/d̄en) <= T·10^j with exactly d+4 digits: one quotient
//     of 5^j·2^k by the 128-bit mantissa of d̄en (1 <= j <= 54).
//
// Steps 1–3 lose less than 2^−124 relative in all and step 4 less than one
// unit, so T·10^j − D < 10^(d+4)·2^−124 + 1 < 20. The truncation c of D to d
// digits is then trunc_d(T), unless the next d-digit value
// b = c + 10^(4−j) lies within 32 units of D; then T >= b is decided
// exactly (T >= b ⟺ N·b² <= Q·(1 − b·ε_R)², all integers after scaling).
// TestGramKernelMatchesDecimal checks the results against the decimal core
// at 100 digits.
//
// The kernel applies to the reference rounding (RoundDown) with at most 34
// digits and to scores T·10^(d+3) whose j falls in [0, 55] (about
// 10^−18 < T < 10^37 for d = 34); otherwise it declines and the decimal
// core evaluates the score (scoreOf: three roundings at d+2 digits, within
// one unit in the last digit). Which scores at the two ends of that range
// the kernel declines is decided as the kernel first decided it
// (approxLegacy, gram_score_legacy.go), so that the kernel's speed-ups
// never move a score between the kernel and the decimal core.

import (
	"math/big"
	"math/bits"

	"github.com/netmath/netmath/internal/dec"
)

// pow5Tab[j] = 5^j for j <= 55 in two words (5^55 < 2^128). Read-only
// after initialisation.
var pow5Tab = func() (t [56][2]uint64) {
	hi, lo := uint64(0), uint64(1)
	for j := range t {
		t[j] = [2]uint64{lo, hi}
		// ×5
		h1, l1 := bits.Mul64(lo, 5)
		hi = hi*5 + h1
		lo = l1
	}
	return t
}()

// limbAt returns bits [64i, 64i+64) of the magnitude ws (0 outside it).
func limbAt(ws []big.Word, i int) uint64 {
	if i < 0 {
		return 0
	}
	if bits.UintSize == 64 {
		if i >= len(ws) {
			return 0
		}
		return uint64(ws[i])
	}
	var v uint64
	if 2*i < len(ws) {
		v = uint64(ws[2*i])
	}
	if 2*i+1 < len(ws) {
		v |= uint64(ws[2*i+1]) << 32
	}
	return v
}

// bitsAt returns bits [p, p+64) of the magnitude ws (p may be negative;
// bits below 0 are 0).
func bitsAt(ws []big.Word, p int) uint64 {
	q, r := p>>6, uint(p&63) // floor division
	lo := limbAt(ws, q)
	if r == 0 {
		return lo
	}
	return lo>>r | limbAt(ws, q+1)<<(64-r)
}

// bitsAtWords returns bits [p, p+64) of the little-endian words w (bits
// outside w are 0; p may be negative).
func bitsAtWords(w []uint64, p int) uint64 {
	q, r := p>>6, uint(p&63)
	get := func(i int) uint64 {
		if i < 0 || i >= len(w) {
			return 0
		}
		return w[i]
	}
	if r == 0 {
		return get(q)
	}
	return get(q)>>r | get(q+1)<<(64-r)
}

// top192 returns the top 192 bits of x > 0, truncated, with the top bit
// set, and e such that x ≈ m·2^e (exact when x has at most 192 bits).
func top192(x *big.Int) (m [3]uint64, e int) {
	e = x.BitLen() - 192
	ws := x.Bits()
	for i := range m {
		m[i] = bitsAt(ws, e+64*i)
	}
	return m, e
}

// top192Words is top192 for x > 0 given as little-endian limbs.
func top192Words(w []uint64) (m [3]uint64, e int) {
	e = bitLen(w) - 192
	if e < 0 {
		for i := range m {
			m[i] = bitsAtWords(w, e+64*i)
		}
		return m, e
	}
	q, r := e>>6, uint(e&63)
	for i := range m {
		var lo, hi uint64
		if q+i < len(w) {
			lo = w[q+i]
		}
		if r == 0 {
			m[i] = lo
			continue
		}
		if q+i+1 < len(w) {
			hi = w[q+i+1]
		}
		m[i] = lo>>r | hi<<(64-r)
	}
	return m, e
}

// sqrtSeed[i] = floor(sqrt((i+1)·2^55 − 1)) + 1 > sqrt(v) for every v whose
// top nine bits (of 64) are i, 128 <= i < 512. Read-only after
// initialisation.
var sqrtSeed = func() (t [512]uint64) {
	for i := 128; i < 512; i++ {
		v := new(big.Int).Lsh(big.NewInt(int64(i+1)), 55)
		v.Sub(v, big.NewInt(1))
		t[i] = v.Sqrt(v).Uint64() + 1
	}
	return t
}()

// isqrt64 returns floor(sqrt(v)) for v >= 2^62 (two Newton steps from
// sqrtSeed's nine bits, then an exact step down: the integer Newton step
// never goes below floor(sqrt(v))).
func isqrt64(v uint64) uint64 {
	// Two Newton steps from above take the seed's 2^−8 to 2^−35 relative:
	// r >= floor(sqrt(v)) and r < sqrt(v) + 2; then step down exactly.
	r := sqrtSeed[v>>55]
	r = (r + v/r) / 2
	r = (r + v/r) / 2
	for {
		hi, lo := bits.Mul64(r, r)
		if hi == 0 && lo <= v {
			return r
		}
		r--
	}
}

// sqrtRem128 returns s = floor(sqrt(X)) and the remainder r = X − s²
// (rHi·2^64 + rLo, at most 2s < 2^65) for X = hi·2^64 + lo, hi >= 2^62:
// one step of Zimmermann's Karatsuba square root (P. Zimmermann, Karatsuba
// Square Root, INRIA RR-3805, 1999) in base 2^32 from the exact root of hi.
func sqrtRem128(hi, lo uint64) (s, rHi, rLo uint64) {
	s1 := isqrt64(hi) // in [2^31, 2^32)
	r1 := hi - s1*s1  // at most 2·s1 < 2^33
	// (q, u) = DivRem(r1·2^32 + floor(lo/2^32), 2·s1): q <= 2^32, u < 2·s1.
	q, u := bits.Div64(r1>>32, r1<<32|lo>>32, 2*s1)
	if s1 == 1<<32-1 && q == 1<<32 {
		// The candidate s1·2^32 + q = 2^64 exceeds sqrt(X) < 2^64 by at
		// most one: the root is 2^64 − 1.
		s = ^uint64(0)
		sh, sl := bits.Mul64(s, s)
		var b uint64
		rLo, b = bits.Sub64(lo, sl, 0)
		rHi, _ = bits.Sub64(hi, sh, b)
		return s, rHi, rLo
	}
	// s = s1·2^32 + q and r = u·2^32 + (lo mod 2^32) − q², in two words
	// (a borrow out means r < 0).
	s = s1<<32 + q
	qh, ql := bits.Mul64(q, q)
	var b uint64
	rLo, b = bits.Sub64(u<<32|lo&(1<<32-1), ql, 0)
	rHi, b = bits.Sub64(u>>32, qh, b)
	if b != 0 {
		// r < 0: s − 1 and r + 2s − 1 (the algorithm's one correction).
		var c uint64
		rLo, c = bits.Add64(rLo, s, 0)
		rHi += c
		s--
		rLo, c = bits.Add64(rLo, s, 0)
		rHi += c
	}
	return s, rHi, rLo
}

// isqrt256 returns floor(sqrt(x)) for x in [2^254, 2^256) (little-endian
// words; the root is in [2^127, 2^128)): Zimmermann's step in base 2^64
// from the exact root and remainder of the top two words (sqrtRem128), one
// two-word by one-word division and one square for the correction.
func isqrt256(x *[4]uint64) [2]uint64 {
	s1, r1Hi, r1Lo := sqrtRem128(x[3], x[2]) // s1 >= 2^63, r1 <= 2·s1
	// (q, u) = DivRem(r1·2^64 + x1, 2·s1) by halving the dividend:
	// q = floor(n2/s1) with n2 = floor((r1·2^64 + x1)/2), u = 2·(n2 mod s1)
	// + (x1 mod 2). n2 <= s1·2^64 + 2^63 − 1, so q <= 2^64, and q = 2^64
	// exactly when the top word of n2 is s1 (its low word is then below
	// 2^63 <= s1).
	n2Hi, n2Lo := r1Hi<<63|r1Lo>>1, r1Lo<<63|x[1]>>1
	var q, u, qTop uint64
	if n2Hi >= s1 {
		qTop, q, u = 1, 0, n2Lo
	} else {
		q, u = bits.Div64(n2Hi, n2Lo, s1)
	}
	uHi, uLo := u>>63, u<<1|x[1]&1
	// r = u·2^64 + x0 − q² < 0 decides the correction s − 1.
	var qq [3]uint64
	if qTop != 0 {
		qq[2] = 1
	} else {
		qq[1], qq[0] = bits.Mul64(q, q)
	}
	var b uint64
	_, b = bits.Sub64(x[0], qq[0], 0)
	_, b = bits.Sub64(uLo, qq[1], b)
	_, b = bits.Sub64(uHi, qq[2], b)
	// s = (s1 + qTop)·2^64 + q − b.
	hi, c := bits.Add64(s1, qTop, 0)
	if c != 0 {
		// The candidate 2^128 exceeds sqrt(x) < 2^128 by at most one.
		return [2]uint64{^uint64(0), ^uint64(0)}
	}
	lo, bb := bits.Sub64(q, b, 0)
	return [2]uint64{lo, hi - bb}
}

// div3by2 returns q = floor(u/v) and the remainder r1·2^64 + r0 for
// u = u2·2^128 + u1·2^64 + u0 and v = v1·2^64 + v0, v1's top bit set and
// u2·2^64 + u1 < v (so that q < 2^64): Knuth's estimate from the top two
// words, corrected with v0 until q·v <= u, which makes it exact.
func div3by2(u2, u1, u0, v1, v0 uint64) (q, r1, r0 uint64) {
	var rhat uint64
	over := false // rhat >= 2^64: q·v <= u holds
	if u2 < v1 {
		q, rhat = bits.Div64(u2, u1, v1)
	} else { // u2 = v1: q = 2^64 − 1, rhat = u2·2^64 + u1 − q·v1 = u1 + v1
		q = ^uint64(0)
		var c uint64
		rhat, c = bits.Add64(u1, v1, 0)
		over = c != 0
	}
	for !over {
		// q·v <= u ⟺ q·v0 <= rhat·2^64 + u0.
		hi, lo := bits.Mul64(q, v0)
		if hi < rhat || (hi == rhat && lo <= u0) {
			break
		}
		q--
		var c uint64
		rhat, c = bits.Add64(rhat, v1, 0)
		over = c != 0
	}
	// The remainder u − q·v < v < 2^128, computed modulo 2^128.
	h0, l0 := bits.Mul64(q, v0)
	var b uint64
	r0, b = bits.Sub64(u0, l0, 0)
	r1 = u1 - h0 - q*v1 - b
	return q, r1, r0
}

// gramScoreKernel holds what the kernel needs per call and per evaluation.
type gramScoreKernel struct {
	ok     bool      // the kernel applies
	digits int       // d
	epsM   [2]uint64 // ε_R <= epsM·2^epsE < ε_R·(1 + 2^−126), top bit set
	epsE   int
	epsC   *big.Int // ε_R = epsC·10^epsX
	epsX   int
	dMin   [2]uint64 // 10^(d+3)
	dMax   [2]uint64 // 10^(d+4)
	// per evaluation
	Q    *big.Int
	qE   int       // Q >= qM·2^qE with qM the top 128 bits of Q
	invQ [3]uint64 // floor(2^256/qM) + 1
	// scratch of the exact decision (finish, atLeast): no product writes
	// to one of its operands, so the integers keep their storage
	sB, sN, sM, sL, sR, sT big.Int
}

func newGramScoreKernel(cp params) gramScoreKernel {
	k := gramScoreKernel{digits: cp.ctx.Digits()}
	if k.digits > 34 || cp.ctx.Rounding() != dec.RoundDown {
		return k
	}
	c, e := decParts(cp.epsR)
	k.epsC, k.epsX = c, int(e)
	// epsM = floor(ε·2^sh) + 1 with 128 bits.
	num, den := new(big.Int).Set(c), big.NewInt(1)
	if e >= 0 {
		num.Mul(num, pow10Big(int(e)))
	} else {
		den = pow10Big(int(-e))
	}
	sh := 128 - (num.BitLen() - den.BitLen()) + 1
	q := new(big.Int)
	if sh >= 0 {
		q.Lsh(num, uint(sh))
	} else {
		q.Rsh(num, uint(-sh)) // cannot happen for ε_R in the decimal range
	}
	q.Quo(q, den)
	for q.BitLen() > 128 {
		q.Rsh(q, 1)
		sh--
	}
	if q.BitLen() < 128 {
		return k // cannot happen: the estimate leaves at least 128 bits
	}
	q.Add(q, big.NewInt(1))
	if q.BitLen() > 128 {
		q.Rsh(q, 1)
		sh--
	}
	k.epsM = [2]uint64{bitsAt(q.Bits(), 0), bitsAt(q.Bits(), 64)}
	k.epsE = -sh
	set := func(z *[2]uint64, n int) {
		p := pow10Big(n)
		z[0], z[1] = bitsAt(p.Bits(), 0), bitsAt(p.Bits(), 64)
	}
	set(&k.dMin, k.digits+3)
	set(&k.dMax, k.digits+4)
	k.ok = true
	return k
}

// setQ prepares the evaluation's Q > 0.
func (k *gramScoreKernel) setQ(Q *big.Int) {
	k.Q = Q
	m, e := top192(Q)
	qM := [2]uint64{m[1], m[2]}
	k.qE = e + 64
	one := [5]uint64{0, 0, 0, 0, 1}
	divNorm(k.invQ[:], one[:], qM[:])
	var c uint64
	k.invQ[0], c = bits.Add64(k.invQ[0], 1, 0)
	k.invQ[1], c = bits.Add64(k.invQ[1], 0, c)
	k.invQ[2] += c
}

func less128(a, b [2]uint64) bool { return a[1] < b[1] || (a[1] == b[1] && a[0] < b[0]) }

// bitLen returns the bit length of the little-endian words x.
func bitLen(x []uint64) int {
	n := limbLen(x)
	if n == 0 {
		return 0
	}
	return (n-1)*64 + bits.Len64(x[n-1])
}

// score returns trunc_d(1/(sqrt(N/Q) + ε_R)) for N > 0 (and the Q of
// setQ) in the fixed-width form of fx.go, or ok = false when the kernel
// does not apply.
func (k *gramScoreKernel) score(N *big.Int) (fx, bool) {
	D, j, ok := k.approxTop(top192(N))
	if !ok {
		return fx{}, false
	}
	return k.finish(D, j, N, nil), true
}

// finish is the end of score: the truncation of D to d digits, decided
// exactly near the next d-digit value.
func (k *gramScoreKernel) finish(D [2]uint64, j int, N *big.Int, w []uint64) fx {
	// c = trunc_d(D) = Dd·10^(4−j); b = (Dd+1)·10^(4−j) when T >= b.
	Dd, rem := divBy1e4(D)
	if 10_000-rem <= kernelCheckUnits {
		// B = Dd + 1.
		b0, c := bits.Add64(Dd[0], 1, 0)
		B := setWordsInto(&k.sB, []uint64{b0, Dd[1] + c})
		if N == nil {
			N = setWordsInto(&k.sN, w)
		}
		if k.atLeast(N, B, 4-j) {
			var c uint64
			Dd[0], c = bits.Add64(Dd[0], 1, 0)
			Dd[1] += c
		}
	}
	return fx{c: [fxLimbs]uint64{Dd[0], Dd[1]}, e: int32(4 - j)}
}

// divBy1e4 returns floor(D/10^4) and the remainder: the top word by the
// constant (a multiplication), the rest by the reciprocal (divPreinv) with
// the dividend normalised like the divisor.
func divBy1e4(D [2]uint64) (q [2]uint64, rem uint64) {
	hq := D[1] / 10_000
	hr := D[1] - hq*10_000
	t := &pow10Div[4]
	lq, r := divPreinv(hr<<t.s|D[0]>>(64-t.s), D[0]<<t.s, t.d, t.v)
	return [2]uint64{lq, hq}, r >> t.s
}

// kernelCheckUnits is the distance, in units of D, below the next d-digit
// value within which score decides exactly (the error bound is 20 units).
const kernelCheckUnits = 32

// approxTop is approx from the top 192 bits nT and the exponent nE of N
// (top192).
func (k *gramScoreKernel) approxTop(nT [3]uint64, nE int) (D [2]uint64, j int, ok bool) {
	var ln kernelLane
	k.stageRoot(&ln, nT, nE)
	k.stageSqrt(&ln)
	k.stageDen(&ln)
	return k.stageDigits(&ln)
}

// kernelLane carries one score through the stages of approxTop
// (stageRoot, stageSqrt, stageDen, stageDigits): scoresFast runs each
// stage over all reputers before the next, so that independent reputers'
// divisions follow each other; the operations on each lane are those of
// approxTop in the same order.
type kernelLane struct {
	nT  [3]uint64 // N's top bits and exponent (for approxLegacy)
	nE  int
	x   [4]uint64 // the radicand of step 2
	eS  int       // its exponent, then the square root's
	r   [2]uint64 // the square root bound
	den [2]uint64 // the denominator bound of step 3
	eD  int
	// legacy: stageDigits left the score to approxLegacy (near the ends of
	// the kernel's range).
	legacy bool
}

// stageRoot is step 1 and the radicand of step 2.
func (k *gramScoreKernel) stageRoot(ln *kernelLane, nT [3]uint64, nE int) {
	ln.nT, ln.nE = nT, nE
	// 1. ρ <= P·2^(nE − qE − 256) with P = (N's top 128 bits + 1)·invQ.
	nE += 64
	var c uint64
	var nM [3]uint64
	nM[0], c = bits.Add64(nT[1], 1, 0)
	nM[1], c = bits.Add64(nT[2], 0, c)
	nM[2] = c
	P := mulTop(&nM, &k.invQ)
	// 2. x = floor(P·2^−sr) + 1 in [2^254, 2^256) with nE − qE − 256 + sr
	// even; sqrt(ρ) <= (R + 1)·2^eS for R = floor(sqrt(x)) (isqrt256).
	var x [4]uint64
	if P[5] == 0 && P[4] < 1<<62 {
		// The usual shape: 2^255 < P <= 2^257 + 2^128 (nM <= 2^128, invQ
		// <= 2^129 + 1), so the shift is below 64 bits.
		sr := bits.Len64(P[4]) // the bit length of P, minus 256
		if (nE-k.qE-256+sr)%2 != 0 {
			sr++
		}
		r := uint(sr)
		x = [4]uint64{P[0]>>r | P[1]<<(64-r), P[1]>>r | P[2]<<(64-r), P[2]>>r | P[3]<<(64-r), P[3]>>r | P[4]<<(64-r)}
		x[0], c = bits.Add64(x[0], 1, 0)
		x[1], c = bits.Add64(x[1], 0, c)
		x[2], c = bits.Add64(x[2], 0, c)
		x[3], c = bits.Add64(x[3], 0, c)
		if c == 0 {
			ln.x, ln.eS = x, (nE-k.qE-256+sr)/2
			return
		}
		// x was all ones: the general path below shifts two bits more.
	}
	bl := bitLen(P[:]) // >= 256
	sr := bl - 256
	if (nE-k.qE-256+sr)%2 != 0 {
		sr++
	}
	for {
		x = shr6to4(&P, sr)
		x[0], c = bits.Add64(x[0], 1, 0)
		x[1], c = bits.Add64(x[1], 0, c)
		x[2], c = bits.Add64(x[2], 0, c)
		x[3], c = bits.Add64(x[3], 0, c)
		if c == 0 {
			break
		}
		sr += 2 // all ones: two bits fewer keep x below 2^256
	}
	ln.x, ln.eS = x, (nE-k.qE-256+sr)/2
}

// stageSqrt is step 2: s̄ = (R + 1)·2^eS.
func (k *gramScoreKernel) stageSqrt(ln *kernelLane) {
	r := isqrt256(&ln.x)
	var c uint64
	r[0], c = bits.Add64(r[0], 1, 0)
	r[1] += c
	if r[1] == 0 && r[0] == 0 { // r + 1 = 2^128
		r[1], ln.eS = 1<<63, ln.eS+1
	}
	ln.r = r
}

// stageDen is step 3: den >= s̄ + ε.
func (k *gramScoreKernel) stageDen(ln *kernelLane) {
	ln.den, ln.eD = add128Up(ln.r, ln.eS, k.epsM, k.epsE)
}

// stageDigits is step 4: D = floor(10^j·2^−eD/den) with d+4 digits, one
// two-word quotient (quotD). The first j is estimated from the bit length
// lt of 2^−eD/den as approxLegacy estimates it from its reciprocal (the
// same function of den and eD); when a j outside [1, 54] is needed, the
// score is near the ends of the kernel's range and approxLegacy decides
// (see there).
func (k *gramScoreKernel) stageDigits(ln *kernelLane) (D [2]uint64, j int, ok bool) {
	// 2^−eD/den lies in [2^(lt−1), 2^lt): den = 2^127 is the only
	// mantissa for which it is a power of two.
	lt := -127 - ln.eD
	if ln.den[1] == 1<<63 && ln.den[0] == 0 {
		lt++
	}
	j = k.digits + 3 - floorLog10Pow2(lt-1)
	for range 3 {
		if j < 1 || j > 54 {
			break
		}
		var over bool
		if D, over = quotD(ln.den, ln.eD, j); over {
			j--
			continue
		}
		if less128(D, k.dMin) {
			j++
		} else if !less128(D, k.dMax) {
			j--
		} else {
			return D, j, true
		}
	}
	ln.legacy = true
	return k.approxLegacy(ln.nT, ln.nE)
}

// quotD returns floor(5^j·2^(j−eD)/den) = floor(10^j·2^−eD/den) for a
// normalised two-word den (top bit set), 1 <= j <= 54, or over = true when
// the quotient has more than two words or j − eD < 0 (not a kernel case:
// the caller steps j down, or declines to approxLegacy).
func quotD(den [2]uint64, eD, j int) (D [2]uint64, over bool) {
	sh := j - eD
	p := &pow5Tab[j]
	pl := 64 + bits.Len64(p[1])
	if p[1] == 0 {
		pl = bits.Len64(p[0])
	}
	if sh < 0 || pl+sh > 256 {
		return D, true
	}
	// u = p·2^sh in four words.
	var u [4]uint64
	q, r := sh>>6, uint(sh&63)
	u[q] = p[0] << r
	if q+1 < 4 {
		u[q+1] = p[1] << r
		if r != 0 {
			u[q+1] |= p[0] >> (64 - r)
		}
	}
	if q+2 < 4 && r != 0 {
		u[q+2] = p[1] >> (64 - r)
	}
	// Two quotient words when u's top two words are below den.
	if !less128([2]uint64{u[2], u[3]}, den) {
		return D, true
	}
	q1, r1, r0 := div3by2(u[3], u[2], u[1], den[1], den[0])
	q0, _, _ := div3by2(r1, r0, u[0], den[1], den[0])
	return [2]uint64{q0, q1}, false
}

// atLeast reports whether 1/(sqrt(N/Q) + ε_R) >= B·10^eb, exactly: with
// F = eb + epsX and M = 10^−F − B·epsC (1 − b·ε_R = M·10^F), it holds iff
// M > 0 and N·B²·10^(−2·epsX) <= Q·M².
func (k *gramScoreKernel) atLeast(N, B *big.Int, eb int) bool {
	F := eb + k.epsX
	if F >= 0 {
		return false // b·ε_R >= 1, while sqrt(N/Q) > 0
	}
	M, L, Rt, t := &k.sM, &k.sL, &k.sR, &k.sT
	t.Mul(B, k.epsC)
	M.Sub(pow10Big(-F), t)
	if M.Sign() <= 0 {
		return false
	}
	t.Mul(B, B)
	L.Mul(t, N)
	t.Mul(M, M)
	Rt.Mul(t, k.Q)
	if k.epsX < 0 {
		t.Mul(L, pow10Big(-2*k.epsX))
		L, t = t, L
	} else {
		t.Mul(Rt, pow10Big(2*k.epsX))
		Rt, t = t, Rt
	}
	return L.Cmp(Rt) <= 0
}

// setWordsInto sets z to the unsigned integer with little-endian words w
// in z's own storage (setWords allocates), and returns z.
func setWordsInto(z *big.Int, w []uint64) *big.Int {
	n := len(w)
	for n > 0 && w[n-1] == 0 {
		n--
	}
	ws := z.Bits()[:0]
	if bits.UintSize == 64 {
		for _, x := range w[:n] {
			ws = append(ws, big.Word(x))
		}
	} else {
		for _, x := range w[:n] {
			ws = append(ws, big.Word(uint32(x)), big.Word(uint32(x>>32)))
		}
	}
	return z.SetBits(ws)
}

// floorLog10Pow2 returns floor(n·c) with c = 315653/2^20 = 0.30102920...,
// which underestimates log10 2 by 8·10^−7: for |n| < 10^6 the result is
// floor(n·log10 2) or one off (below it for n > 0, above it for n < 0);
// callers allow for that.
func floorLog10Pow2(n int) int { return (n * 315653) >> 20 }

// mulTop returns a·b (six words), for the operands of step 1: when
// a's top word is 0 or 1 and b's is 1 or 2 (as N's top bits plus one and
// invQ are), a·b = a'·b' + (a₂·b' + b₂·a')·2^128 + a₂·b₂·2^256 with a'
// and b' the low two words costs four products instead of nine.
func mulTop(a, b *[3]uint64) (z [6]uint64) {
	if a[2] > 1 || b[2] < 1 || b[2] > 2 {
		// Not step 1's shape (it always is: N's top bits plus one are below
		// 2^129, invQ in [2^128+1, 2^129+1]); the general product.
		mulLimbs(z[:], a[:], b[:])
		return z
	}
	// a'·b'.
	h00, l00 := bits.Mul64(a[0], b[0])
	h01, l01 := bits.Mul64(a[0], b[1])
	h10, l10 := bits.Mul64(a[1], b[0])
	h11, l11 := bits.Mul64(a[1], b[1])
	var c, c2 uint64
	z[0] = l00
	z[1], c = bits.Add64(h00, l01, 0)
	z[2], c2 = bits.Add64(h01, l11, c)
	z[3] = h11 + c2
	z[1], c = bits.Add64(z[1], l10, 0)
	z[2], c = bits.Add64(z[2], h10, c)
	z[3] += c
	// + b₂·a'·2^128 (b₂ = 1 or 2).
	for range b[2] {
		z[2], c = bits.Add64(z[2], a[0], 0)
		z[3], c = bits.Add64(z[3], a[1], c)
		z[4] += c
	}
	// + a₂·(b' + b₂·2^128)·2^128 (a₂ = 0 or 1).
	if a[2] == 1 {
		z[2], c = bits.Add64(z[2], b[0], 0)
		z[3], c = bits.Add64(z[3], b[1], c)
		z[4], c = bits.Add64(z[4], b[2], c)
		z[5] += c
	}
	return z
}

// shr6to4 returns bits [sr, sr+256) of the six-word P (sr >= 0: its only
// caller, stageRoot, shifts a P of at least 256 bits; bits beyond P are 0):
// bitsAtWords(P, sr+64·i) for i < 4.
func shr6to4(P *[6]uint64, sr int) (x [4]uint64) {
	q, r := sr>>6, uint(sr&63)
	for i := range 4 {
		var lo, hi uint64
		if q+i < 6 {
			lo = P[q+i]
		}
		if r == 0 {
			x[i] = lo
			continue
		}
		if q+i+1 < 6 {
			hi = P[q+i+1]
		}
		x[i] = lo>>r | hi<<(64-r)
	}
	return x
}

// add128Up returns m (128 bits, top bit set) and e with a·2^ea + b·2^eb
// <= m·2^e < (a·2^ea + b·2^eb)·(1 + 2^−126), for a, b with their top bits
// set.
func add128Up(a [2]uint64, ea int, b [2]uint64, eb int) ([2]uint64, int) {
	if ea < eb {
		a, ea, b, eb = b, eb, a, ea
	}
	// S = a·2^128 + floor(b·2^(128 − dd)) + 1 >= the sum in units of
	// 2^(ea − 128), dd = ea − eb. Its top words are a + floor(b/2^dd) plus
	// the carry out of the low 128 bits, floor(b·2^(128 − dd)) mod 2^128
	// + 1, which carries only when those bits are all ones: dd = 128 and
	// b = 2^128 − 1 (for 0 < dd < 128 they end in a zero bit, beyond 128
	// the top one is zero).
	dd := ea - eb
	var h [2]uint64 // floor(b/2^dd)
	switch {
	case dd == 0:
		h = b
	case dd < 64:
		h = [2]uint64{b[0]>>dd | b[1]<<(64-dd), b[1] >> dd}
	case dd < 128:
		h[0] = b[1] >> (dd - 64)
	}
	var c uint64
	if dd == 128 && b[0]&b[1] == ^uint64(0) {
		c = 1
	}
	var S2, S3 uint64
	S2, c = bits.Add64(a[0], h[0], c)
	S3, c = bits.Add64(a[1], h[1], c)
	// The top 128 bits plus one unit.
	var m [2]uint64
	e := ea - 128
	if c != 0 { // 257 bits
		m = [2]uint64{S2>>1 | S3<<63, S3>>1 | 1<<63}
		e += 129
	} else {
		m = [2]uint64{S2, S3}
		e += 128
	}
	m[0], c = bits.Add64(m[0], 1, 0)
	m[1] += c
	if m[1] == 0 && m[0] == 0 { // 2^128
		m[1], e = 1<<63, e+1
	}
	return m, e
}
