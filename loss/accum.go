package loss

import (
	"math/bits"

	"github.com/netmath/netmath/internal/dec"
)

// This file holds the exact accumulator of NetworkLosses (spec
// inference_synthesis.md §6, eq. (31)): Σ_m round(S_m·v_m) with every
// product rounded once at the context precision and the sum exact. The
// products come from dec.Context.MulWords and are summed on machine words;
// the result is exactly the decimal core's (ctx.Mul then exact Add), which
// TestAccumMatchesDec checks in every rounding mode. Anything the word path
// cannot hold exactly (a product MulWords declines, an alignment that
// overflows 256 bits) moves the entry to decimal-core arithmetic.

// u256 is a little-endian 256-bit unsigned integer.
type u256 [4]uint64

// pow10u64[k] = 10^k for k <= 19.
var pow10u64 = func() [20]uint64 {
	var t [20]uint64
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()

// pow10u256[k] = 10^k for k <= 77 (10^77 < 2^256 < 10^78).
var pow10u256 = func() [78]u256 {
	var t [78]u256
	t[0] = u256{1}
	for i := 1; i < len(t); i++ {
		t[i], _ = mulPow10(t[i-1], 1)
	}
	return t
}()

// cmp256 compares x and y.
func cmp256(x, y u256) int {
	for w := 3; w >= 0; w-- {
		if x[w] != y[w] {
			if x[w] < y[w] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// digits128 returns the number of decimal digits of hi:lo > 0: with b the
// bit length, floor(b·1233/4096) is the digit count or one less for every
// b <= 128 (TestDigits128 checks both ends of every bit length), so one
// comparison settles it.
func digits128(hi, lo uint64) int {
	b := bits.Len64(lo)
	if hi != 0 {
		b = 64 + bits.Len64(hi)
	}
	n := b * 1233 >> 12
	if p := &pow10u256[n]; hi > p[1] || (hi == p[1] && lo >= p[0]) {
		n++
	}
	return n
}

// mulPow10 returns x·10^k and whether it fits in 256 bits.
func mulPow10(x u256, k int) (u256, bool) {
	if k > 77 { // 10^78 > 2^256
		return x, x == u256{}
	}
	for k > 0 {
		s := min(k, 19)
		m := pow10u64[s]
		var c uint64
		for w := 0; w < 4; w++ {
			hi, lo := bits.Mul64(x[w], m)
			var cc uint64
			x[w], cc = bits.Add64(lo, c, 0)
			c = hi + cc
		}
		if c != 0 {
			return x, false
		}
		k -= s
	}
	return x, true
}

// add256 returns x + y and whether it fits in 256 bits.
func add256(x, y u256) (u256, bool) {
	var c uint64
	for w := 0; w < 4; w++ {
		x[w], c = bits.Add64(x[w], y[w], c)
	}
	return x, c == 0
}

// accum is the running weighted sum of one network-loss entry.
//
// On the word path the sum is (pos − neg)·10^exp exactly, with pos and neg
// below 2^256; n counts its terms. While both are below 2^128 they are held
// in the entry itself; once either is wider (wide = i+1) they live in the
// store's wide[i]. Once slow is set (slow = i+1), the entry's exact sum is
// the store's slow[i] (the word part was folded into it) and every further
// term is added with the decimal core. w is the exact sum of the stakes that
// reported the entry (< 2^128: stakes are below 2^100 and there are at most
// 2^24 reports).
//
// The type is 64 bytes and holds no pointer: the collector neither scans
// the entries nor puts write barriers on their stores, and a category of
// 512 × 512 pairs fills 16.8 MB of fresh memory where the former 96-byte
// entry (256-bit sides and a pointer) took 25.2 MB (fresh memory costs a
// page fault per page touched).
type accum struct {
	pos, neg   [2]uint64
	exp        int32
	n          int32
	w          [2]uint64
	slow, wide int32
}

// accStore holds what the entries of an aggregator keep out of line: the
// 256-bit sides of wide sums and the exact sums of entries that left the
// word path.
type accStore struct {
	wide [][2]u256
	slow []dec.Dec
}

// sides returns the entry's pos and neg.
func (a *accum) sides(st *accStore) (u256, u256) {
	if a.wide != 0 {
		w := &st.wide[a.wide-1]
		return w[0], w[1]
	}
	return u256{a.pos[0], a.pos[1]}, u256{a.neg[0], a.neg[1]}
}

// setSides stores pos and neg, moving them out of line the first time
// either is 2^128 or more.
func (a *accum) setSides(st *accStore, p, n u256) {
	if a.wide == 0 {
		if p[2]|p[3]|n[2]|n[3] == 0 {
			a.pos, a.neg = [2]uint64{p[0], p[1]}, [2]uint64{n[0], n[1]}
			return
		}
		st.wide = append(st.wide, [2]u256{})
		a.wide = int32(len(st.wide))
	}
	st.wide[a.wide-1] = [2]u256{p, n}
}

// addWeight adds a stake to the weight sum.
func (a *accum) addWeight(hi, lo uint64) {
	var c uint64
	a.w[0], c = bits.Add64(a.w[0], lo, 0)
	a.w[1], _ = bits.Add64(a.w[1], hi, c)
}

// addSlow adds an already rounded product exactly, moving the word part
// into a decimal-core sum of the store first if it is still on the word
// path.
func (a *accum) addSlow(st *accStore, p dec.Dec) {
	if a.slow == 0 {
		st.slow = append(st.slow, a.sum(st)) // the word part (slow is 0 here)
		a.slow = int32(len(st.slow))
	}
	s := &st.slow[a.slow-1]
	*s = s.Add(p)
}

// addTerm adds ±q·10^e, q = hi·2^64 + lo, exactly on the word path,
// falling back to the decimal core (a sum in the store) when the aligned
// sum would not fit in 256 bits.
func (a *accum) addTerm(st *accStore, hi, lo uint64, e int32, neg bool) {
	q := u256{lo, hi}
	if a.n != 0 && a.slow|a.wide == 0 && e == a.exp {
		// The common case: a term at the sum's exponent whose side stays
		// below 2^128, on two words (what the general case computes).
		dst := &a.pos
		if neg {
			dst = &a.neg
		}
		lo, c := bits.Add64(dst[0], q[0], 0)
		if hi, c := bits.Add64(dst[1], q[1], c); c == 0 {
			dst[0], dst[1] = lo, hi
			a.n++
			return
		}
	}
	if a.slow != 0 {
		a.addSlow(st, dec.FromWords(neg, q, e))
		return
	}
	pos, ng := a.sides(st)
	t := q
	if a.n == 0 {
		a.exp = e
	}
	switch {
	case e > a.exp:
		var ok bool
		if t, ok = mulPow10(t, int(int64(e)-int64(a.exp))); !ok {
			a.addSlow(st, dec.FromWords(neg, q, e))
			return
		}
	case e < a.exp:
		k := int(int64(a.exp) - int64(e))
		ok1, ok2 := true, true
		if pos != (u256{}) { // losses are mostly of one sign: one side is 0
			pos, ok1 = mulPow10(pos, k)
		}
		if ng != (u256{}) {
			ng, ok2 = mulPow10(ng, k)
		}
		if !ok1 || !ok2 {
			a.addSlow(st, dec.FromWords(neg, q, e))
			return
		}
		a.exp = e // pos, ng: the old sum at the new exponent
	}
	dst := &pos
	if neg {
		dst = &ng
	}
	s, ok := add256(*dst, t)
	if !ok {
		a.setSides(st, pos, ng) // addSlow folds the sum at a.exp in
		a.addSlow(st, dec.FromWords(neg, q, e))
		return
	}
	*dst = s
	a.setSides(st, pos, ng)
	a.n++
}

// sum returns the exact weighted sum.
func (a *accum) sum(st *accStore) dec.Dec {
	if a.slow != 0 {
		return st.slow[a.slow-1]
	}
	if a.n == 0 {
		return dec.Dec{}
	}
	// pos − neg on words (both below 2^256), then one Dec.
	pos, ng := a.sides(st)
	if cmp256(pos, ng) >= 0 {
		return dec.FromWords(false, sub256(pos, ng), a.exp)
	}
	return dec.FromWords(true, sub256(ng, pos), a.exp)
}

// sub256 returns x − y for x >= y.
func sub256(x, y u256) [4]uint64 {
	var z [4]uint64
	var b uint64
	for i := range 4 {
		z[i], b = bits.Sub64(x[i], y[i], b)
	}
	return z
}

// weight returns the exact stake sum.
func (a *accum) weight() dec.Dec {
	return dec.FromWords(false, [4]uint64{a.w[0], a.w[1]}, 0)
}
