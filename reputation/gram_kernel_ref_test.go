package reputation

// approxTop, add128Up and shiftTo as first written (generic limb helpers:
// mulLimbs, bitsAtWords, a closure in shiftTo), the references of
// TestGramKernelSpecialisedMatches.

import "math/bits"

// approxTopRef is the first approxTop; the square root is a parameter
// (isqrt256Up as first written).
func (k *gramScoreKernel) approxTopRef(nT [3]uint64, nE int, isqrt func(*[4]uint64) [2]uint64) (D [2]uint64, j int, ok bool) {
	// 1. ρ <= P·2^(nE − qE − 256) with P = (N's top 128 bits + 1)·invQ.
	nE += 64
	var c uint64
	var nM [3]uint64
	nM[0], c = bits.Add64(nT[1], 1, 0)
	nM[1], c = bits.Add64(nT[2], 0, c)
	nM[2] = c
	var P [6]uint64
	mulLimbs(P[:], nM[:], k.invQ[:])
	// 2. x = floor(P·2^−sr) + 1 in [2^254, 2^256) with nE − qE − 256 + sr
	// even; sqrt(ρ) <= (R + 1)·2^eS for R = isqrt256Up(x).
	bl := bitLen(P[:]) // >= 256
	sr := bl - 256
	if (nE-k.qE-256+sr)%2 != 0 {
		sr++
	}
	var x [4]uint64
	for {
		for i := range x {
			x[i] = bitsAtWords(P[:], sr+64*i)
		}
		x[0], c = bits.Add64(x[0], 1, 0)
		x[1], c = bits.Add64(x[1], 0, c)
		x[2], c = bits.Add64(x[2], 0, c)
		x[3], c = bits.Add64(x[3], 0, c)
		if c == 0 {
			break
		}
		sr += 2 // all ones: two bits fewer keep x below 2^256
	}
	r := isqrt(&x)
	eS := (nE - k.qE - 256 + sr) / 2
	r[0], c = bits.Add64(r[0], 1, 0)
	r[1] += c
	if r[1] == 0 && r[0] == 0 { // r + 1 = 2^128
		r[1], eS = 1<<63, eS+1
	}
	// 3. den >= s̄ + ε, t = floor(2^256/den).
	den, eD := add128UpRef(r, eS, k.epsM, k.epsE)
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
		if !shiftToRef(&d, &p, eT+j) || d[2]|d[3]|d[4] != 0 {
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

func add128UpRef(a [2]uint64, ea int, b [2]uint64, eb int) ([2]uint64, int) {
	if ea < eb {
		a, ea, b, eb = b, eb, a, ea
	}
	// S = a·2^128 + floor(b·2^(128 − (ea − eb))) + 1 >= the sum in units of
	// 2^(ea − 128).
	S := [5]uint64{0, 0, a[0], a[1], 0}
	var bs [5]uint64
	src := [5]uint64{0, 0, b[0], b[1], 0}
	shiftToRef(&bs, &src, -(ea - eb))
	var c uint64
	for i := range S {
		S[i], c = bits.Add64(S[i], bs[i], c)
	}
	c = 1
	for i := range S {
		S[i], c = bits.Add64(S[i], 0, c)
	}
	// The top 128 bits plus one unit.
	var m [2]uint64
	e := ea - 128
	if S[4] != 0 { // 257 bits
		m = [2]uint64{S[2]>>1 | S[3]<<63, S[3]>>1 | S[4]<<63}
		e += 129
	} else {
		m = [2]uint64{S[2], S[3]}
		e += 128
	}
	m[0], c = bits.Add64(m[0], 1, 0)
	m[1] += c
	if m[1] == 0 && m[0] == 0 { // 2^128
		m[1], e = 1<<63, e+1
	}
	return m, e
}

func shiftToRef(d *[5]uint64, p *[5]uint64, s int) bool {
	get := func(i int) uint64 {
		if i < 0 || i >= 5 {
			return 0
		}
		return p[i]
	}
	if s > 0 {
		// The bits shifted out of the top must be zero.
		n := limbLen(p[:])
		if n > 0 && (n-1)*64+bits.Len64(p[n-1])+s > 5*64 {
			return false
		}
	}
	for i := range d {
		q, r := (64*i-s)>>6, uint((64*i-s)&63)
		if r == 0 {
			d[i] = get(q)
		} else {
			d[i] = get(q)>>r | get(q+1)<<(64-r)
		}
	}
	return true
}
