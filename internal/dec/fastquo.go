package dec

import "math/bits"

// quoW is quoRound for two nonzero inline operands: the same scaling, the
// same integer quotient and remainder, the same rounding, computed in words.
// ok is false when the scaled dividend does not fit in 256 bits (the caller
// then takes the big.Int path).
func quoW(a, b Dec, digits int, mode Rounding) (r Dec, err error, ok bool) {
	nA, nB := digits128(a.hi, a.lo), digits128(b.hi, b.lo)
	s := digits + nB - nA + 1
	if s < 0 {
		s = 0
	}
	if nA+s > maxPow10W {
		return Dec{}, nil, false
	}
	u := w256{a.lo, a.hi}
	if s > 0 {
		u = mulPow10W(&u, s)
	}
	var q w256
	var sticky bool
	if b.hi == 0 {
		sticky = divSmall256(&q, &u, b.lo) != 0
	} else {
		var r1, r0 uint64
		q, r1, r0 = div256by128(&u, b.hi, b.lo)
		sticky = r1|r0 != 0
	}
	exp := int64(a.exp) - int64(b.exp) - int64(s)
	r, err = roundW(a.neg != b.neg, q, exp, digits, mode, sticky)
	return r, err, true
}

// div256by128 returns u / d and u mod d for a divisor d = d1·2^64 + d0 with
// d1 != 0 (Knuth's algorithm D with a two-word divisor, for which the
// quotient digit estimate corrected by the second divisor word is exact).
func div256by128(u *w256, d1, d0 uint64) (q w256, r1, r0 uint64) {
	sh := uint(bits.LeadingZeros64(d1))
	// Normalise: the divisor's top bit set, the dividend shifted alike
	// into five words.
	v1, v0 := d1, d0
	var n [5]uint64
	if sh == 0 {
		n = [5]uint64{u[0], u[1], u[2], u[3], 0}
	} else {
		v1 = d1<<sh | d0>>(64-sh)
		v0 = d0 << sh
		n[4] = u[3] >> (64 - sh)
		n[3] = u[3]<<sh | u[2]>>(64-sh)
		n[2] = u[2]<<sh | u[1]>>(64-sh)
		n[1] = u[1]<<sh | u[0]>>(64-sh)
		n[0] = u[0] << sh
	}
	for j := 2; j >= 0; j-- {
		// Quotient word of (n[j+2], n[j+1], n[j]) by (v1, v0); the
		// invariant n[j+2]:n[j+1] < v1:v0 keeps it below 2^64.
		u2, u1, u0 := n[j+2], n[j+1], n[j]
		var qh, rh uint64
		over := false
		if u2 >= v1 {
			// u2 == v1 (u2 > v1 is impossible): start from 2^64-1.
			qh = ^uint64(0)
			var c uint64
			rh, c = bits.Add64(u1, v1, 0)
			over = c != 0
		} else {
			qh, rh = bits.Div64(u2, u1, v1)
		}
		for !over {
			ph, pl := bits.Mul64(qh, v0)
			if ph < rh || (ph == rh && pl <= u0) {
				break
			}
			qh--
			var c uint64
			rh, c = bits.Add64(rh, v1, 0)
			over = c != 0
		}
		// (u2, u1, u0) -= qh·(v1, v0); the result is below (v1, v0).
		ph, pl := bits.Mul64(qh, v0)
		th, tl := bits.Mul64(qh, v1)
		m1, c := bits.Add64(tl, ph, 0)
		m2 := th + c
		var b uint64
		u0, b = bits.Sub64(u0, pl, 0)
		u1, b = bits.Sub64(u1, m1, b)
		u2, _ = bits.Sub64(u2, m2, b)
		n[j+2], n[j+1], n[j] = u2, u1, u0
		q[j] = qh
	}
	// Denormalise the remainder (n[1], n[0]).
	r1, r0 = n[1], n[0]
	if sh != 0 {
		r0 = r0>>sh | r1<<(64-sh)
		r1 >>= sh
	}
	return q, r1, r0
}
