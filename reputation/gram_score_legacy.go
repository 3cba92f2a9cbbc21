package reputation

// The score kernel's steps 2–4 as first written (gram_score.go): the square
// root bound by two Newton steps from above (isqrt256Up), the reciprocal
// t = floor(2^256/d̄en) (divNorm) and D = floor(t·5^j·2^(eT+j)) (mulLimbs,
// shiftTo), with j in [0, 55].
//
// Where the kernel declines a score, the decimal core computes it (scoreOf,
// within one unit in the last digit rather than exact), so the decision to
// decline is part of the result. That decision is the j range: the first
// kernel accepted a score iff the j it estimated from its approximation
// and the j at which D landed in [10^(d+3), 10^(d+4)) both lay in [0, 55].
// The current kernel's approximation T̃ is a different one, within the same
// 2^−121·T below T, so its estimated and final j differ from the first
// kernel's by at most one each (j estimates within one of the final j, and
// the two approximations lie within a factor 1 + 2^−120 of each other,
// across at most one power of two or of ten). When both of the current
// kernel's j lie in [1, 54], the first kernel's lie in [0, 55] and it
// accepted the score too; stageDigits otherwise calls approxLegacy, which
// repeats the first kernel's computation and so its decision (and, when it
// accepts, its D, which finish turns into the same exact truncation as
// any valid D). Scores come this way only within a factor 10 of the ends
// of the kernel's range, T ≈ 10^−18 and T ≈ 10^37.

import "math/bits"

// approxLegacy is approxTop as first written: D and j with D <= T·10^j <
// D + 20 and D in [10^(d+3), 10^(d+4)), or ok = false.
func (k *gramScoreKernel) approxLegacy(nT [3]uint64, nE int) (D [2]uint64, j int, ok bool) {
	var ln kernelLane
	k.stageRoot(&ln, nT, nE)
	// 2. s̄ = (R + 1)·2^eS.
	r := isqrt256Up(&ln.x)
	eS := ln.eS
	var c uint64
	r[0], c = bits.Add64(r[0], 1, 0)
	r[1] += c
	if r[1] == 0 && r[0] == 0 { // r + 1 = 2^128
		r[1], eS = 1<<63, eS+1
	}
	// 3. den >= s̄ + ε, t = floor(2^256/den).
	den, eD := add128Up(r, eS, k.epsM, k.epsE)
	one := [5]uint64{0, 0, 0, 0, 1}
	var t [3]uint64
	divNorm(t[:], one[:], den[:])
	eT := -256 - eD // T >= t·2^eT, t in [2^128, 2^129]
	// 4. D = floor(t·5^j·2^(eT+j)) with d+4 digits.
	lt := eT + bitLen(t[:])
	j = k.digits + 3 - floorLog10Pow2(lt-1)
	for range 3 {
		if j < 0 || j >= len(pow5Tab) {
			return D, 0, false
		}
		var p [5]uint64
		mulLimbs(p[:], t[:], pow5Tab[j][:])
		var d [5]uint64
		if !shiftTo(&d, &p, eT+j) || d[2]|d[3]|d[4] != 0 {
			return D, 0, false
		}
		D = [2]uint64{d[0], d[1]}
		if less128(D, k.dMin) {
			j++
		} else if !less128(D, k.dMax) {
			j--
		} else {
			return D, j, true
		}
	}
	return D, 0, false
}

// isqrt256Up returns R with floor(sqrt(x)) <= R < sqrt(x)·(1 + 2^−126) + 1
// for x in [2^254, 2^256) (little-endian words); R < 2^128.
func isqrt256Up(x *[4]uint64) (r [2]uint64) {
	// R₀ = (isqrt(top 64 bits) + 1)·2^96 >= sqrt(x), within 2^−31 relative
	// (at most 2^128 − 1); two Newton steps from above then reach 2^−127.
	s := isqrt64(x[3]) + 1
	if s >= 1<<32 {
		r = [2]uint64{^uint64(0), ^uint64(0)}
	} else {
		r = [2]uint64{0, s << 32}
	}
	for step := range 2 {
		// r = floor((r + floor(x/r))/2) stays >= floor(sqrt(x)); r has its
		// top bit set (r >= floor(sqrt(x)) >= 2^127).
		var q [3]uint64
		if step == 0 && s < 1<<32 {
			// r = s·2^96: floor(x/r) = floor(floor(x/2^96)/s), three
			// one-word divisions.
			var rem uint64
			q[2], rem = bits.Div64(0, x[3]>>32, s)
			q[1], rem = bits.Div64(rem, x[3]<<32|x[2]>>32, s)
			q[0], _ = bits.Div64(rem, x[2]<<32|x[1]>>32, s)
		} else {
			un := [5]uint64{x[0], x[1], x[2], x[3], 0}
			divNorm(q[:], un[:], r[:])
		}
		var c uint64
		var t [3]uint64
		t[0], c = bits.Add64(q[0], r[0], 0)
		t[1], c = bits.Add64(q[1], r[1], c)
		t[2] = q[2] + c
		r = [2]uint64{t[0]>>1 | t[1]<<63, t[1]>>1 | t[2]<<63}
	}
	return r
}

// shiftTo sets d = floor(p·2^s) (p five words); false when it does not fit
// five words.
func shiftTo(d *[5]uint64, p *[5]uint64, s int) bool {
	if s > 0 {
		// The bits shifted out of the top must be zero.
		n := limbLen(p[:])
		if n > 0 && (n-1)*64+bits.Len64(p[n-1])+s > 5*64 {
			return false
		}
	}
	for i := range d {
		q, r := (64*i-s)>>6, uint((64*i-s)&63)
		var lo, hi uint64
		if q >= 0 && q < 5 {
			lo = p[q]
		}
		if r == 0 {
			d[i] = lo
			continue
		}
		if q+1 >= 0 && q+1 < 5 {
			hi = p[q+1]
		}
		d[i] = lo>>r | hi<<(64-r)
	}
	return true
}
