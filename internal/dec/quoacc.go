package dec

import "math/bits"

// QuoAcc returns a/b for two exact sums, exactly what c.Quo(a.Dec(),
// b.Dec()) returns (value, representation and error), without building a
// sum wider than 128 bits as a Dec (which allocates).
func (c Context) QuoAcc(a, b *Acc) (Dec, error) {
	if c.valid() {
		var A, B w256
		ea, na, okA := a.words(&A)
		eb, nb, okB := b.words(&B)
		if okA && okB {
			if r, err, ok := quoWords(&A, ea, &B, eb, na != nb, c.Digits(), c.rounding); ok {
				return r, err
			}
		} else if la, na, ok := a.lead(); ok {
			// A sum beyond 256 bits (terms of very different scales):
			// the bracket of the two leads.
			if lb, nb, ok := b.lead(); ok {
				if r, ok := quoLeads(la, lb, na != nb, c.Digits(), c.rounding); ok {
					return r, nil
				}
			}
		}
	}
	return c.Quo(a.Dec(), b.Dec())
}

// QuoBySum returns a/(d+e), exactly what c.Quo(a, d.Add(e)) returns, without
// building the exact sum as a Dec (which allocates beyond 128 bits).
func (c Context) QuoBySum(a, d, e Dec) (Dec, error) {
	if c.valid() && !a.IsZero() && !d.IsZero() && !e.IsZero() {
		if a.big == nil && d.big == nil && e.big == nil {
			if s, ok := addW(d, e, e.neg); ok && !s.IsZero() {
				if r, ok := quo128(a.hi, a.lo, a.exp, s.hi, s.lo, s.exp, a.neg != s.neg, c.Digits(), c.rounding); ok {
					return r, nil
				}
			} else if r, ok := quoBySumBracket(a, d, e, c.Digits(), c.rounding); ok {
				return r, nil
			}
		}
		A, okA := a.mag256()
		B, eb, nb, okB := addWords(d, e, e.neg)
		if okA && okB && !isZero256(&B) {
			if r, err, ok := quoWords(&A, a.exp, &B, eb, a.neg != nb, c.Digits(), c.rounding); ok {
				return r, err
			}
		}
	}
	return c.Quo(a, d.Add(e))
}

// QuoAccDec returns a/b for an exact sum and a value, exactly what
// c.Quo(a.Dec(), b) returns: QuoAcc with b as a one-term sum (which holds
// b's coefficient and exponent as they are).
func (c Context) QuoAccDec(a *Acc, b Dec) (Dec, error) {
	var sb Acc
	sb.Add(b)
	return c.QuoAcc(a, &sb)
}

// quoBySumBracket is QuoBySum for inline a, d, e of the same sign whose
// exact sum is wider than 38 digits because one addend is far below the
// other (the weights' e^b + 1): with D the addend of the larger exponent,
// E the other and Δ the exponent difference, digits(E) <= Δ and
// digits(D) <= 38, the sum is S·10^(exp E) with S = D·10^Δ + E of
// digits(D)+Δ digits (no carry), whose leading 38 digits are
// T = D·10^(38−digits(D)) + floor(E/10^k), k = digits(D)+Δ−38, with the
// rest E mod 10^k. The quotient is then decided by quoCut (one quotient by
// T and its remainder) or, when that cannot decide, as quoLeads decides it
// (the two ends T and T+1), without building S. When E lies below D·10^Δ
// by more than the quotient's digits (Δ >= digits(E) + digits + 2, the sum
// possibly beyond 256 bits and 400 digits), quoFar decides it exactly from
// one quotient by D first, where the bracket often cannot (with D = 1 and
// a of at most digits digits, a/(1 + e) lies within 10^−36 relative below
// a, a rounding boundary; the weights' e^b + 1 for b < −83).
func quoBySumBracket(a, d, e Dec, digits int, mode Rounding) (Dec, bool) {
	if d.neg != e.neg || digits > 36 {
		return Dec{}, false
	}
	if d.exp < e.exp {
		d, e = e, d
	}
	delta := int64(d.exp) - int64(e.exp)
	nD, nE := digits128(d.hi, d.lo), digits128(e.hi, e.lo)
	if nD > 38 || int64(nE) > delta {
		return Dec{}, false
	}
	if delta >= int64(nE)+int64(digits)+2 {
		// E is far enough below D for one exact quotient by D (the sum
		// may be beyond 256 bits, where quoWords cannot take it).
		if r, ok := quoFar(a.hi, a.lo, a.exp, d.hi, d.lo, e.hi, e.lo, e.exp, delta, a.neg != d.neg, digits, mode); ok {
			return r, true
		}
	}
	k := int64(nD) + delta - 38
	if k < 1 || k > 400 {
		return Dec{}, false
	}
	// floor(E/10^k) and whether a remainder is left.
	var eh, el uint64
	cut := true
	if k <= 38 {
		p := &pow10W[k]
		if p[1] == 0 {
			var r uint64
			eh, r = bits.Div64(0, e.hi, p[0])
			el, r = bits.Div64(r, e.lo, p[0])
			cut = r != 0
		} else {
			// 10^k > 2^64 (20 <= k <= 38): the quotient is below 2^64, one
			// step by the tabulated reciprocal of the normalised 10^k, as
			// in mulRound128.
			r := &pow10Inv[k]
			q, r1, r0 := div3by2Inv(e.hi>>(64-r.sh), e.hi<<r.sh|e.lo>>(64-r.sh), e.lo<<r.sh, r.d1, r.d0, r.v)
			el, cut = q, r1|r0 != 0
		}
	}
	m := &pow10W[38-nD]
	t0, t1, _, _ := mul128W(d.hi, d.lo, m[1], m[0]) // below 10^38: two words
	var c uint64
	t0, c = bits.Add64(t0, el, 0)
	t1, _ = bits.Add64(t1, eh, c) // T + floor(E/10^k) < 10^38: no carry out
	if cut {
		// One quotient and its remainder decide, as a rule (quoCut).
		if r, ok := quoCut(a.hi, a.lo, a.exp, t1, t0, int64(e.exp)+k, a.neg != d.neg, digits, mode); ok {
			return r, true
		}
	}
	return quoLeads(lead{a.hi, a.lo, int64(a.exp), false}, lead{t1, t0, int64(e.exp) + k, cut}, a.neg != d.neg, digits, mode)
}
