package dec

import "math/bits"

// Acc is an exact running sum: a.Add(x) for x1, ..., xn and then a.Dec()
// returns exactly what Zero().Add(x1).Add(x2)...Add(xn) returns (the same
// number, with the same coefficient and exponent), without allocating while
// the aligned sum fits in 384 bits (115 digits). A sum that does not fit
// (or a term beyond 256 bits) continues in Dec arithmetic, with the same
// result. The zero value is an empty sum (0); reuse an Acc with Reset. An
// Acc is a value: a copy is an independent sum from then on (b := a;
// b.Sub(x) leaves a unchanged).
//
// It serves the protocol's exact sums of rounded products (Σ w·x, Σ S·v):
// each term is rounded on its own by the caller (for example
// ctx.Mul(w, x)), the sum is exact, so the result does not depend on the
// order of the terms.
type Acc struct {
	mag   accWords // |sum| / 10^exp while !spill
	exp   int32
	neg   bool
	nz    bool // mag != 0 (the running sum is nonzero)
	spill bool // the sum lives in slow
	slow  Dec
}

// accWords is the register of an Acc: a little-endian 384-bit magnitude.
type accWords [6]uint64

// Reset empties a.
func (a *Acc) Reset() { *a = Acc{} }

// Add adds d exactly.
func (a *Acc) Add(d Dec) { a.add(d, d.neg) }

// Sub subtracts d exactly.
func (a *Acc) Sub(d Dec) { a.add(d, !d.neg) }

// IsZero reports whether the sum is 0.
func (a *Acc) IsZero() bool {
	if a.spill {
		return a.slow.IsZero()
	}
	return !a.nz
}

// Dec returns the sum. a is unchanged (more terms may follow).
func (a *Acc) Dec() Dec {
	if a.spill {
		return a.slow
	}
	if !a.nz {
		return Dec{}
	}
	return a.regDec()
}

// regDec returns the register as a Dec (a.nz).
func (a *Acc) regDec() Dec {
	m := &a.mag
	if m[4]|m[5] == 0 {
		w := w256{m[0], m[1], m[2], m[3]}
		return fromW256(a.neg, &w, a.exp)
	}
	c := wordsToBig(m[:])
	if a.neg {
		c.Neg(c)
	}
	return Dec{big: c, signExp: signExp{exp: a.exp, neg: a.neg}}
}

// toSlow moves the register into Dec arithmetic.
func (a *Acc) toSlow() {
	if !a.spill {
		a.slow = a.Dec()
		a.spill = true
	}
}

// add adds d taken with sign neg, with Dec.Add's semantics: a zero term
// changes nothing, a term added to a zero sum becomes the sum as it is, and
// otherwise the exponent is the smaller of the two and the coefficient the
// exact aligned sum (0 when it cancels).
func (a *Acc) add(d Dec, neg bool) {
	if d.big == nil && a.nz && !a.spill && d.lo|d.hi != 0 {
		if a.neg == neg {
			if a.addSame(d.hi, d.lo, d.exp) {
				return
			}
		} else if a.subSmaller(d.hi, d.lo, d.exp) {
			return
		}
	}
	if d.IsZero() {
		return
	}
	if a.spill {
		if neg != d.neg {
			a.slow = a.slow.Sub(d)
		} else {
			a.slow = a.slow.Add(d)
		}
		return
	}
	var t accWords
	if d.big == nil {
		t[0], t[1] = d.lo, d.hi
	} else {
		w, ok := d.mag256()
		if !ok {
			a.toSlow()
			a.add(d, neg)
			return
		}
		copy(t[:4], w[:])
	}
	if !a.nz {
		a.mag, a.exp, a.neg, a.nz = t, d.exp, neg, true
		return
	}
	switch {
	case d.exp > a.exp:
		if !accMulPow10(&t, int64(d.exp)-int64(a.exp)) {
			a.toSlow()
			a.add(d, neg)
			return
		}
	case d.exp < a.exp:
		if !accMulPow10(&a.mag, int64(a.exp)-int64(d.exp)) {
			a.toSlow()
			a.add(d, neg)
			return
		}
		a.exp = d.exp
	}
	if a.neg == neg {
		var c uint64
		for i := range t {
			a.mag[i], c = bits.Add64(a.mag[i], t[i], c)
		}
		if c != 0 {
			// Undo and spill: the register held mag − t before the carry.
			var b uint64
			for i := range t {
				a.mag[i], b = bits.Sub64(a.mag[i], t[i], b)
			}
			a.toSlow()
			a.add(d, neg)
		}
		return
	}
	// Opposite signs: subtract the smaller magnitude from the larger.
	if accLess(&a.mag, &t) {
		a.mag, t = t, a.mag
		a.neg = neg
	}
	var b uint64
	for i := range t {
		a.mag[i], b = bits.Sub64(a.mag[i], t[i], b)
	}
	a.nz = a.mag != accWords{}
	if !a.nz {
		a.neg = false
	}
}

// addSame is add's common case on words: a nonzero sum and a nonzero
// inline term of the same sign, with exponents at most 19 apart, when the
// aligned sum fits in the register. It adds the magnitude (h, l)·10^exp
// exactly as add does (the exponent becomes the smaller of the two) and
// reports true, or changes nothing and reports false.
func (a *Acc) addSame(h, l uint64, exp int32) bool {
	m := &a.mag
	switch {
	case exp == a.exp:
	case exp > a.exp:
		// The term scaled by 10^k: three words.
		t0, t1, t2, ok := scaledTerm(h, l, int64(exp)-int64(a.exp))
		if !ok {
			return false
		}
		m0, c0 := bits.Add64(m[0], t0, 0)
		m1, c1 := bits.Add64(m[1], t1, c0)
		m2, c2 := bits.Add64(m[2], t2, c1)
		if c2 != 0 && m[3]&m[4]&m[5] == ^uint64(0) {
			return false
		}
		m[0], m[1], m[2] = m0, m1, m2
		if c2 != 0 {
			accCarry(m, 3)
		}
		return true
	default:
		// The register scaled by 10^k, when it fits.
		z, ok := scaledAcc(m, int64(a.exp)-int64(exp))
		if !ok {
			return false
		}
		*m = z
		a.exp = exp
	}
	var c0, c1 uint64
	m[0], c0 = bits.Add64(m[0], l, 0)
	m[1], c1 = bits.Add64(m[1], h, c0)
	if c1 != 0 {
		if m[2]&m[3]&m[4]&m[5] == ^uint64(0) {
			// Undo: the sum would leave the register.
			var b uint64
			m[0], b = bits.Sub64(m[0], l, 0)
			m[1], _ = bits.Sub64(m[1], h, b)
			return false
		}
		accCarry(m, 2)
	}
	return true
}

// subSmaller is add's common case of a term of the opposite sign on words
// (the one-out sums of incrementalFII, Σ w·x − w_j'·x_j'): a nonzero sum
// and a nonzero inline term with exponents at most 19 apart, whose aligned
// magnitude is at most the register's. It subtracts the magnitude
// (h, l)·10^exp exactly as add does (the exponent becomes the smaller of
// the two; the sign stays, and is cleared when the sum cancels) and reports
// true, or changes nothing and reports false (the term is larger, or the
// alignment does not fit: add's general path decides).
func (a *Acc) subSmaller(h, l uint64, exp int32) bool {
	m := &a.mag
	var t0, t1, t2 uint64 // the aligned term
	switch {
	case exp == a.exp:
		t0, t1 = l, h
	case exp > a.exp:
		var ok bool
		if t0, t1, t2, ok = scaledTerm(h, l, int64(exp)-int64(a.exp)); !ok {
			return false
		}
	default:
		// The register scaled by 10^k, when it fits and is at least the
		// term (then it stays scaled, as add leaves it).
		z, ok := scaledAcc(m, int64(a.exp)-int64(exp))
		if !ok {
			return false
		}
		if z[2]|z[3]|z[4]|z[5] == 0 && (z[1] < h || z[1] == h && z[0] < l) {
			return false
		}
		*m = z
		a.exp = exp
		t0, t1 = l, h
	}
	if m[3]|m[4]|m[5] == 0 && (m[2] < t2 || m[2] == t2 && (m[1] < t1 || m[1] == t1 && m[0] < t0)) {
		return false // the term is larger: add swaps
	}
	var b uint64
	m[0], b = bits.Sub64(m[0], t0, 0)
	m[1], b = bits.Sub64(m[1], t1, b)
	m[2], b = bits.Sub64(m[2], t2, b)
	for i := 3; b != 0; i++ {
		m[i], b = bits.Sub64(m[i], 0, b)
	}
	if m[0]|m[1]|m[2]|m[3]|m[4]|m[5] == 0 {
		a.nz, a.neg = false, false
	}
	return true
}

// accCarry adds 1 to the register from word i on (the caller checked that
// it does not overflow).
func accCarry(m *accWords, i int) {
	for ; i < len(m); i++ {
		m[i]++
		if m[i] != 0 {
			return
		}
	}
}

// accMulPow10 sets x to x·10^k and reports true when the product fits in
// 384 bits; otherwise it leaves x unchanged and reports false.
func accMulPow10(x *accWords, k int64) bool {
	if k > 115 {
		return false // 10^116 > 2^384 and x != 0
	}
	n := len(x)
	for n > 0 && x[n-1] == 0 {
		n--
	}
	z := *x
	for k > 0 {
		s := min(k, 19)
		m := pow10U64[s]
		var carry uint64
		for i := 0; i < n; i++ {
			hi, lo := bits.Mul64(z[i], m)
			lo, c := bits.Add64(lo, carry, 0)
			z[i] = lo
			carry = hi + c
		}
		if carry != 0 {
			if n == len(z) {
				return false
			}
			z[n] = carry
			n++
		}
		k -= s
	}
	*x = z
	return true
}

// accLess reports whether x < y.
func accLess(x, y *accWords) bool {
	for i := len(x) - 1; i >= 0; i-- {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return false
}

// Sign returns −1, 0 or +1 as the sum is negative, zero or positive.
func (a *Acc) Sign() int {
	switch {
	case a.spill:
		return a.slow.Sign()
	case !a.nz:
		return 0
	case a.neg:
		return -1
	}
	return 1
}

// words sets *w to the nonzero sum's magnitude and returns its exponent
// and sign (the coefficient and exponent a.Dec() has), when the magnitude
// fits in 256 bits (ok); *w is written in place (an array result went
// through memory).
func (a *Acc) words(w *w256) (exp int32, neg, ok bool) {
	if a.spill {
		var okW bool
		*w, okW = a.slow.mag256()
		return a.slow.exp, a.slow.neg, okW && !a.slow.IsZero()
	}
	m := &a.mag
	if !a.nz || m[4]|m[5] != 0 {
		return 0, false, false
	}
	w[0], w[1], w[2], w[3] = m[0], m[1], m[2], m[3]
	return a.exp, a.neg, true
}

// Cmp returns −1, 0 or +1 as the sum is less than, equal to or greater
// than d.
func (a *Acc) Cmp(d Dec) int {
	t := *a
	t.Sub(d)
	return t.Sign()
}

// lead returns the nonzero register's leading 38 digits as a lead (the
// magnitude is T·10^e + L, 0 <= L < 10^e), for registers of up to 384
// bits: 19 digits at a time are divided off until the rest fits in 256
// bits, then lead38 takes the rest. ok is false for a spilled or zero sum.
func (a *Acc) lead() (l lead, neg, ok bool) {
	if a.spill || !a.nz {
		return lead{}, false, false
	}
	m := a.mag
	k := int64(0)
	sticky := false
	for m[4]|m[5] != 0 {
		var r uint64
		for i := 5; i >= 0; i-- {
			m[i], r = bits.Div64(r, m[i], pow10U64[19])
		}
		sticky = sticky || r != 0
		k += 19
	}
	w := w256{m[0], m[1], m[2], m[3]}
	th, tl, k2, cut := lead38(&w)
	return lead{th, tl, int64(a.exp) + k + int64(k2), cut || sticky}, a.neg, true
}

// scaledAcc returns the register m scaled by 10^k (0 < k <= 19) when m is
// below 2^320, so that the product (below 2^384) fits; false otherwise.
func scaledAcc(m *accWords, k int64) (accWords, bool) {
	if k > 19 || m[5] != 0 {
		return accWords{}, false
	}
	f := pow10U64[k]
	var z accWords
	var carry uint64
	for i := 0; i < 5; i++ {
		hi, lo := bits.Mul64(m[i], f)
		lo, c := bits.Add64(lo, carry, 0)
		z[i] = lo
		carry = hi + c
	}
	z[5] = carry
	return z, true
}

// scaledTerm returns the two-word term h:l scaled by 10^k (0 < k <= 19) on
// three words, or false for a larger k.
func scaledTerm(h, l uint64, k int64) (t0, t1, t2 uint64, ok bool) {
	if k > 19 {
		return 0, 0, 0, false
	}
	f := pow10U64[k]
	h0, l0 := bits.Mul64(l, f)
	h1, l1 := bits.Mul64(h, f)
	t1, c := bits.Add64(l1, h0, 0)
	return l0, t1, h1 + c, true
}
