package dec

import "math/bits"

// quoW is quoRound for two nonzero operands whose coefficients have at most
// 256 bits: the same scaling, the same integer quotient and remainder, the
// same rounding, computed in words. ok is false when an operand or the
// scaled dividend is too long (the caller then takes the big.Int path).
func quoW(a, b Dec, digits int, mode Rounding) (r Dec, err error, ok bool) {
	A, okA := a.mag256()
	B, okB := b.mag256()
	if !okA || !okB {
		return Dec{}, nil, false
	}
	return quoWords(&A, a.exp, &B, b.exp, a.neg != b.neg, digits, mode)
}

// quoWords is quoW on the magnitudes A·10^aexp and B·10^bexp (both
// nonzero) with the quotient's sign neg.
func quoWords(A *w256, aexp int32, B *w256, bexp int32, neg bool, digits int, mode Rounding) (r Dec, err error, ok bool) {
	if A[2]|A[3]|B[2]|B[3] == 0 {
		if r, ok := quo128(A[1], A[0], aexp, B[1], B[0], bexp, neg, digits, mode); ok {
			return r, nil, true
		}
	}
	// Wider operands: the word division below (measured faster than two
	// two-word quotients of the leading digits, quoLeads, which serves the
	// sums beyond 256 bits).
	nA, nB := digits256(A), digits256(B)
	s := digits + nB - nA + 1
	if s < 0 {
		s = 0
	}
	// The dividend A·10^s has at most nA+s digits; keep it within 8 words
	// (154 digits).
	if nA+s > 154 {
		return Dec{}, nil, false
	}
	var u [9]uint64
	copy(u[:4], A[:])
	mulPow10N(u[:8], s)
	var qw [8]uint64
	var sticky bool
	nb := 4
	for nb > 1 && B[nb-1] == 0 {
		nb--
	}
	nu := 8
	for nu > 1 && u[nu-1] == 0 {
		nu--
	}
	switch {
	case nb == 1:
		var rem uint64
		for i := nu - 1; i >= 0; i-- {
			qw[i], rem = bits.Div64(rem, u[i], B[0])
		}
		sticky = rem != 0
	case nu < nb:
		// The quotient is 0 and the remainder the dividend (cannot
		// happen: A·10^s has more digits than B).
		return Dec{}, nil, false
	default:
		sticky = divKnuth(u[:nu+1], B[:nb], qw[:nu])
	}
	if qw[4]|qw[5]|qw[6]|qw[7] != 0 {
		return Dec{}, nil, false // cannot happen: the quotient has digits+2 digits at most
	}
	q := w256{qw[0], qw[1], qw[2], qw[3]}
	exp := int64(aexp) - int64(bexp) - int64(s)
	r, err = roundW(neg, q, exp, digits, mode, sticky)
	return r, err, true
}

// mulPow10N multiplies the little-endian x by 10^m in place; the caller
// guarantees the product fits.
func mulPow10N(x []uint64, m int) {
	for m > 0 {
		k := min(m, 19)
		f := pow10U64[k]
		var carry uint64
		for i := range x {
			hi, lo := bits.Mul64(x[i], f)
			lo, c := bits.Add64(lo, carry, 0)
			x[i] = lo
			carry = hi + c
		}
		m -= k
	}
}

// divKnuth divides u (len(u) = len(q)+1 words, the top word zero) by v
// (n >= 2 words, v[n-1] != 0), stores the quotient in q[:len(u)-n] and
// clears the rest of q, and reports whether the remainder is nonzero. u is
// overwritten. This is Knuth's algorithm D (TAOCP vol. 2, 4.3.1).
func divKnuth(u, v, q []uint64) bool {
	n := len(v)
	m := len(u) - 1 - n // quotient words q[0..m]
	clear(q)
	// Normalise so that v's top bit is set.
	var vn [4]uint64
	sh := uint(bits.LeadingZeros64(v[n-1]))
	for i := n - 1; i >= 0; i-- {
		vn[i] = v[i] << sh
		if sh != 0 && i > 0 {
			vn[i] |= v[i-1] >> (64 - sh)
		}
	}
	if sh != 0 {
		for i := len(u) - 1; i >= 0; i-- {
			u[i] <<= sh
			if i > 0 {
				u[i] |= u[i-1] >> (64 - sh)
			}
		}
	}
	v1, v2 := vn[n-1], vn[n-2]
	for j := m; j >= 0; j-- {
		// Estimate q̂ from the top two words, refine with the third.
		var qh, rh uint64
		over := false
		if u[j+n] >= v1 {
			qh = ^uint64(0)
			var c uint64
			rh, c = bits.Add64(u[j+n-1], v1, 0)
			over = c != 0
		} else {
			qh, rh = bits.Div64(u[j+n], u[j+n-1], v1)
		}
		for !over {
			ph, pl := bits.Mul64(qh, v2)
			if ph < rh || (ph == rh && pl <= u[j+n-2]) {
				break
			}
			qh--
			var c uint64
			rh, c = bits.Add64(rh, v1, 0)
			over = c != 0
		}
		// u[j..j+n] −= q̂·vn.
		var borrow, carry uint64
		for i := 0; i < n; i++ {
			ph, pl := bits.Mul64(qh, vn[i])
			pl, c := bits.Add64(pl, carry, 0)
			carry = ph + c
			u[j+i], c = bits.Sub64(u[j+i], pl, borrow)
			borrow = c
		}
		u[j+n], borrow = bits.Sub64(u[j+n], carry, borrow)
		if borrow != 0 {
			// q̂ was one too large: add vn back.
			qh--
			var c uint64
			for i := 0; i < n; i++ {
				u[j+i], c = bits.Add64(u[j+i], vn[i], c)
			}
			u[j+n] += c
		}
		q[j] = qh
	}
	for i := 0; i < n; i++ {
		if u[i] != 0 {
			return true
		}
	}
	return false
}

// isqrt256 returns floor(√n) and whether it is exact, by Newton's iteration
// from above, started within 2^-31 relative from the square root of the
// leading 64 bits.
func isqrt256(n *w256) (w256, bool) {
	bl := bitLen256(n)
	if bl <= 64 {
		s := isqrt64(n[0])
		return w256{s}, s*s == n[0]
	}
	sh := uint(bl - 63)
	sh += sh & 1 // even, so that √n ≈ √(n>>sh)·2^(sh/2)
	t := shrN(n[:], sh)
	x := w256{isqrt64(t[0]) + 1}
	x = shl256(&x, sh/2)
	for {
		// y = (x + n/x) / 2; stop when it no longer decreases.
		q := div256(n, &x)
		y := add256(&x, &q)
		y = shrN(y[:], 1)
		if cmp256(&y, &x) >= 0 {
			break
		}
		x = y
	}
	sq := mul128(x[1], x[0], x[1], x[0])
	return x, sq == *n
}

// isqrt64 returns floor(√v).
func isqrt64(v uint64) uint64 {
	if v == 0 {
		return 0
	}
	x := uint64(1) << ((bits.Len64(v) + 1) / 2)
	for {
		y := (x + v/x) / 2
		if y >= x {
			return x
		}
		x = y
	}
}

// div256 returns floor(n/d) for d != 0.
func div256(n, d *w256) w256 {
	nd := 4
	for nd > 1 && d[nd-1] == 0 {
		nd--
	}
	if nd == 1 {
		var q w256
		divSmall256(&q, n, d[0])
		return q
	}
	u := [5]uint64{n[0], n[1], n[2], n[3], 0}
	var q [4]uint64
	divKnuth(u[:], d[:nd], q[:])
	return w256(q)
}
