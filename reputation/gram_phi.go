package reputation

// The common case of Φ = Σ_m S_m·T_m (6.4) in the Gram evaluation
// (gramEngine.phi): every score from the kernel (at most two words), every
// stake a one-word coefficient, both positive. Each product is formed in
// three words and truncated to the context's digits by a division by
// 10^k (k <= 19) with a precomputed reciprocal (divPow10), and the exact
// sum is kept at the smallest exponent, as fxMulTo and fxAddTo do: the
// same coefficient and exponent. Anything else (a wider operand, a shift
// beyond one word, a carry out of four words, an exponent out of range)
// leaves the sum to phi's general loop, which then decides exactly as
// before.

import (
	"math/bits"

	"github.com/netmath/netmath/internal/dec"
)

// pow10Div[k] prepares the division by 10^k for 1 <= k <= 19: the divisor
// normalised (d = 10^k·2^s, top bit set), its shift s and the reciprocal
// v = floor((2^128 − 1)/d) − 2^64 (Möller and Granlund, Improved division
// by invariant integers, IEEE Trans. Computers 60 (2011), algorithm 4).
// Read-only after initialisation.
var pow10Div = func() (t [20]struct {
	d, v uint64
	s    uint
}) {
	for k := 1; k < len(t); k++ {
		p := pow10Tab[k][0]
		s := uint(bits.LeadingZeros64(p))
		d := p << s
		v, _ := bits.Div64(^d, ^uint64(0), d)
		t[k].d, t[k].v, t[k].s = d, v, s
	}
	return t
}()

// divPreinv returns floor((u1·2^64 + u0)/d) and the remainder for the
// normalised d with reciprocal v (u1 < d): algorithm 4 of Möller and
// Granlund, two products and two corrections instead of a division.
func divPreinv(u1, u0, d, v uint64) (q, r uint64) {
	q1, q0 := bits.Mul64(v, u1)
	var c uint64
	q0, c = bits.Add64(q0, u0, 0)
	q1 += u1 + 1 + c
	r = u0 - q1*d
	if r > q0 {
		q1--
		r += d
	}
	if r >= d {
		q1++
		r -= d
	}
	return q1, r
}

// divPow10 sets a = floor(a/10^k) for 1 <= k <= 19 (a of three words).
func divPow10(a *[3]uint64, k int) {
	t := &pow10Div[k]
	d, v, s := t.d, t.v, t.s
	// The dividend shifted by s, in four words (the top one below 2^s <= d).
	var n [4]uint64
	if s == 0 {
		n = [4]uint64{a[0], a[1], a[2], 0}
	} else {
		n = [4]uint64{a[0] << s, a[1]<<s | a[0]>>(64-s), a[2]<<s | a[1]>>(64-s), a[2] >> (64 - s)}
	}
	var r uint64
	if n[3] == 0 && n[2] < d {
		a[2], r = 0, n[2] // the top quotient word is 0 (the usual case)
	} else {
		a[2], r = divPreinv(n[3], n[2], d, v)
	}
	a[1], r = divPreinv(r, n[1], d, v)
	a[0], _ = divPreinv(r, n[0], d, v)
}

// phiFast returns Φ's fixed-width sum in the common case described above,
// or ok = false (phi's general loop then computes it).
func (e *gramEngine) phiFast(sc []gramScore) (acc fx, ok bool) {
	p := e.cp.ctx.Digits()
	var a [fxLimbs]uint64 // the sum, at the exponent ae
	var ae int32
	for m := range sc {
		s, st := &sc[m].f, &e.sfx[m]
		if !sc[m].isF || s.neg || st.neg || s.c[2]|s.c[3] != 0 || st.c[1]|st.c[2]|st.c[3] != 0 {
			return fx{}, false
		}
		// The product in three words, truncated to p digits (truncateTo).
		var P [3]uint64
		h0, l0 := bits.Mul64(s.c[0], st.c[0])
		h1, l1 := bits.Mul64(s.c[1], st.c[0])
		var c uint64
		P[0] = l0
		P[1], c = bits.Add64(h0, l1, 0)
		P[2] = h1 + c
		nd := ndigitsLimbs(P[:])
		if nd == 0 {
			return fx{}, false
		}
		ex := int64(s.e) + int64(st.e)
		if nd > p {
			k := nd - p
			if k > 19 {
				return fx{}, false
			}
			divPow10(&P, k)
			ex += int64(k)
		}
		if adj := ex + int64(min(nd, p)) - 1; adj > dec.MaxAdjExp || adj < dec.MinAdjExp {
			return fx{}, false
		}
		e1 := int32(ex)
		if m == 0 {
			a, ae = [fxLimbs]uint64{P[0], P[1], P[2], 0}, e1
			continue
		}
		// The exact sum at the smaller exponent (fxAddTo): the operand at
		// the larger one is scaled by 10^d, d <= 19.
		y := [fxLimbs]uint64{P[0], P[1], P[2], 0}
		switch d := int(e1) - int(ae); {
		case d > 0:
			if d > 19 || !mulWord4(&y, pow10Tab[d][0]) {
				return fx{}, false
			}
		case d < 0:
			if d < -19 || !mulWord4(&a, pow10Tab[-d][0]) {
				return fx{}, false
			}
			ae = e1
		}
		a[0], c = bits.Add64(a[0], y[0], 0)
		a[1], c = bits.Add64(a[1], y[1], c)
		a[2], c = bits.Add64(a[2], y[2], c)
		a[3], c = bits.Add64(a[3], y[3], c)
		if c != 0 {
			return fx{}, false
		}
	}
	return fx{c: a, e: ae}, len(sc) > 0
}

// mulWord4 sets x = x·f; false when the product does not fit four words.
func mulWord4(x *[fxLimbs]uint64, f uint64) bool {
	var carry, c uint64
	for i := range fxLimbs {
		hi, lo := bits.Mul64(x[i], f)
		lo, c = bits.Add64(lo, carry, 0)
		x[i], carry = lo, hi+c
	}
	return carry == 0
}
