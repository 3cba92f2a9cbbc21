package dec

import (
	"math/big"
	"math/bits"
)

// Multiword unsigned integers for the fast paths. A value is a little-endian
// array of 64-bit words (w[0] least significant). Only math/bits is used, so
// every result is the same on every architecture.

// w256 is a 256-bit unsigned integer.
type w256 [4]uint64

// maxPow10W is the largest k with 10^k < 2^256.
const maxPow10W = 77

// pow10W holds 10^0 .. 10^maxPow10W. Built once at initialisation, never
// written afterwards.
var pow10W = func() (t [maxPow10W + 1]w256) {
	t[0] = w256{1}
	for k := 1; k <= maxPow10W; k++ {
		var carry uint64
		for i := range 4 {
			hi, lo := bits.Mul64(t[k-1][i], 10)
			lo, c := bits.Add64(lo, carry, 0)
			t[k][i] = lo
			carry = hi + c
		}
	}
	return t
}()

// pow10U64 holds 10^0 .. 10^19.
var pow10U64 = func() (t [20]uint64) {
	t[0] = 1
	for k := 1; k < len(t); k++ {
		t[k] = t[k-1] * 10
	}
	return t
}()

// bitLen256 returns the bit length of x.
func bitLen256(x *w256) int {
	for i := 3; i >= 0; i-- {
		if x[i] != 0 {
			return i*64 + bits.Len64(x[i])
		}
	}
	return 0
}

// cmp256 compares x and y.
func cmp256(x, y *w256) int {
	for i := 3; i >= 0; i-- {
		if x[i] != y[i] {
			if x[i] < y[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// digits256 returns the number of decimal digits of x (1 for 0).
func digits256(x *w256) int {
	b := bitLen256(x)
	if b == 0 {
		return 1
	}
	// As numDigits: n or n+1 digits with n = floor((b-1)·log10 2) + 1.
	n := (b-1)*1233>>12 + 1
	if n <= maxPow10W && cmp256(x, &pow10W[n]) >= 0 {
		n++
	}
	return n
}

// digits128 returns the number of decimal digits of hi·2^64 + lo (1 for 0).
func digits128(hi, lo uint64) int {
	var b int
	if hi != 0 {
		b = 64 + bits.Len64(hi)
	} else {
		b = bits.Len64(lo)
	}
	if b == 0 {
		return 1
	}
	n := (b-1)*1233>>12 + 1
	// 10^39 > 2^128, so only n <= 38 can need the increment.
	if n <= 38 {
		p := &pow10W[n]
		if hi > p[1] || (hi == p[1] && lo >= p[0]) {
			n++
		}
	}
	return n
}

// mul128 returns (ah·2^64 + al)·(bh·2^64 + bl).
func mul128(ah, al, bh, bl uint64) w256 {
	z0, z1, z2, z3 := mul128W(ah, al, bh, bl)
	return w256{z0, z1, z2, z3}
}

// mul128W is mul128 on words (in registers; an array result goes through
// memory).
func mul128W(ah, al, bh, bl uint64) (z0, z1, z2, z3 uint64) {
	h, l := bits.Mul64(al, bl)
	z0 = l
	c1 := h
	h, l = bits.Mul64(ah, bl)
	c1, cc := bits.Add64(c1, l, 0)
	c2 := h + cc
	h, l = bits.Mul64(al, bh)
	c1, cc = bits.Add64(c1, l, 0)
	c2, cc = bits.Add64(c2, h, cc)
	c3 := cc
	h, l = bits.Mul64(ah, bh)
	c2, cc = bits.Add64(c2, l, 0)
	c3 += h + cc
	return z0, c1, c2, c3
}

// mulSmall256 sets z = x·m and returns the carry out of the top word.
func mulSmall256(z, x *w256, m uint64) uint64 {
	var carry uint64
	for i := range 4 {
		hi, lo := bits.Mul64(x[i], m)
		lo, c := bits.Add64(lo, carry, 0)
		z[i] = lo
		carry = hi + c
	}
	return carry
}

// divSmall256 sets z = x / d (d > 0) and returns the remainder.
func divSmall256(z, x *w256, d uint64) uint64 {
	var r uint64
	for i := 3; i >= 0; i-- {
		if x[i] == 0 && r == 0 {
			z[i] = 0
			continue
		}
		z[i], r = bits.Div64(r, x[i], d)
	}
	return r
}

// divPow10W sets x to floor(x / 10^k) for 0 < k <= maxPow10W and classifies
// the discarded remainder R against half of 10^k: half is -1, 0 or +1 as
// R < , = or > 10^k/2, and nonzero reports R != 0.
func divPow10W(x *w256, k int) (half int, nonzero bool) {
	// Divide by 10^19 while more than 19 digits remain to drop, then by
	// the rest; the last (most significant) chunk decides the half test.
	sticky := false
	for k > 19 {
		if divSmall256(x, x, pow10U64[19]) != 0 {
			sticky = true
		}
		k -= 19
	}
	r := divSmall256(x, x, pow10U64[k])
	h := 5 * pow10U64[k-1]
	switch {
	case r > h:
		half = 1
	case r < h:
		half = -1
	case sticky:
		half = 1
	}
	return half, r != 0 || sticky
}

// isZero256 reports whether x == 0.
func isZero256(x *w256) bool { return x[0]|x[1]|x[2]|x[3] == 0 }

// inc256 adds 1 to x.
func inc256(x *w256) {
	for i := range 4 {
		x[i]++
		if x[i] != 0 {
			return
		}
	}
}

// bigBox holds a big.Int and the backing array of its words, so that a
// coefficient of up to 256 bits costs one allocation.
type bigBox struct {
	i big.Int
	w [4 * 64 / bits.UintSize]big.Word
}

// wordsToBig returns the integer with the little-endian 64-bit words w.
func wordsToBig(w []uint64) *big.Int {
	n := len(w)
	for n > 0 && w[n-1] == 0 {
		n--
	}
	if n <= 4 {
		b := new(bigBox)
		k := 0
		for i := range n {
			if bits.UintSize == 64 {
				b.w[k] = big.Word(w[i])
				k++
			} else {
				b.w[k] = big.Word(uint32(w[i]))
				b.w[k+1] = big.Word(uint32(w[i] >> 32))
				k += 2
			}
		}
		for k > 0 && b.w[k-1] == 0 {
			k--
		}
		return b.i.SetBits(b.w[:k])
	}
	if bits.UintSize == 64 {
		ws := make([]big.Word, n)
		for i := range n {
			ws[i] = big.Word(w[i])
		}
		return new(big.Int).SetBits(ws)
	}
	ws := make([]big.Word, 2*n)
	for i := range n {
		ws[2*i] = big.Word(uint32(w[i]))
		ws[2*i+1] = big.Word(uint32(w[i] >> 32))
	}
	return new(big.Int).SetBits(ws)
}

// bigToW128 returns |x| as two words when |x| < 2^128.
func bigToW128(x *big.Int) (hi, lo uint64, ok bool) {
	if x.BitLen() > 128 {
		return 0, 0, false
	}
	ws := x.Bits()
	if bits.UintSize == 64 {
		if len(ws) > 0 {
			lo = uint64(ws[0])
		}
		if len(ws) > 1 {
			hi = uint64(ws[1])
		}
		return hi, lo, true
	}
	var w [4]uint64
	for i, v := range ws {
		w[i/2] |= uint64(v) << (32 * (i % 2))
	}
	return w[1], w[0], true
}

// mag256 returns |coef| of d in words when it has at most 256 bits.
func (d Dec) mag256() (w w256, ok bool) {
	if d.big == nil {
		return w256{d.lo, d.hi}, true
	}
	if d.big.BitLen() > 256 {
		return w, false
	}
	for i, x := range d.big.Bits() {
		if bits.UintSize == 64 {
			w[i] = uint64(x)
		} else {
			w[i/2] |= uint64(x) << (32 * (i % 2))
		}
	}
	return w, true
}

// mulPow10Checked returns x·10^m when it is below 2^256.
func mulPow10Checked(x *w256, m int) (w256, bool) {
	if x[2]|x[3] == 0 && m <= 57 {
		// Two words by 10^m: one 2x2-word product by 10^min(m, 38)
		// (which fits), then at most one more word factor.
		k := min(m, 38)
		p := &pow10W[k]
		z := mul128(x[1], x[0], p[1], p[0])
		if m > k && mulSmall256(&z, &z, pow10U64[m-k]) != 0 {
			return z, false
		}
		return z, true
	}
	z := *x
	for m > 0 {
		k := min(m, 19)
		if mulSmall256(&z, &z, pow10U64[k]) != 0 {
			return z, false
		}
		m -= k
	}
	return z, true
}
