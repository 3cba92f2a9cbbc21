package dec

import "math/bits"

// Binary fixed point for the fast transcendental paths. An fx holds the
// unsigned number X / 2^fxFrac in three little-endian words (values below
// 16). Every operation truncates toward zero; the error of each is below one
// unit of 2^-fxFrac and is accounted for where it is used.

// fxFrac is the number of fraction bits of an fx.
const fxFrac = 188

// fx is a struct of three words rather than a [3]uint64 because the compiler
// keeps arrays of more than one element in memory, but a struct of at most
// four words in registers.
type fx struct{ w0, w1, w2 uint64 } // little-endian: w0 is the lowest word

// fxOne is 1 as an fx.
var fxOne = fx{0, 0, 1 << (fxFrac - 128)}

// mul33W returns the six-word product of (a0, a1, a2) and (b0, b1, b2)
// (row by row, unrolled). Words in and out travel in registers, unlike
// arrays.
func mul33W(a0, a1, a2, b0, b1, b2 uint64) (p0, p1, p2, p3, p4, p5 uint64) {
	var c uint64
	h0, p0 := bits.Mul64(a0, b0)
	h1, l1 := bits.Mul64(a0, b1)
	h2, l2 := bits.Mul64(a0, b2)
	p1, c = bits.Add64(h0, l1, 0)
	p2, c = bits.Add64(h1, l2, c)
	p3 = h2 + c
	h0, l0 := bits.Mul64(a1, b0)
	h1, l1 = bits.Mul64(a1, b1)
	h2, l2 = bits.Mul64(a1, b2)
	t1, c := bits.Add64(h0, l1, 0)
	t2, c := bits.Add64(h1, l2, c)
	t3 := h2 + c
	p1, c = bits.Add64(p1, l0, 0)
	p2, c = bits.Add64(p2, t1, c)
	p3, c = bits.Add64(p3, t2, c)
	p4 = t3 + c
	h0, l0 = bits.Mul64(a2, b0)
	h1, l1 = bits.Mul64(a2, b1)
	h2, l2 = bits.Mul64(a2, b2)
	t1, c = bits.Add64(h0, l1, 0)
	t2, c = bits.Add64(h1, l2, c)
	t3 = h2 + c
	p2, c = bits.Add64(p2, l0, 0)
	p3, c = bits.Add64(p3, t1, c)
	p4, c = bits.Add64(p4, t2, c)
	p5 = t3 + c
	return
}

// mul23W returns the five-word product of (a0, a1) and (b0, b1, b2).
func mul23W(a0, a1, b0, b1, b2 uint64) (p0, p1, p2, p3, p4 uint64) {
	var c uint64
	h0, p0 := bits.Mul64(a0, b0)
	h1, l1 := bits.Mul64(a0, b1)
	h2, l2 := bits.Mul64(a0, b2)
	p1, c = bits.Add64(h0, l1, 0)
	p2, c = bits.Add64(h1, l2, c)
	p3 = h2 + c
	h0, l0 := bits.Mul64(a1, b0)
	h1, l1 = bits.Mul64(a1, b1)
	h2, l2 = bits.Mul64(a1, b2)
	t1, c := bits.Add64(h0, l1, 0)
	t2, c := bits.Add64(h1, l2, c)
	t3 := h2 + c
	p1, c = bits.Add64(p1, l0, 0)
	p2, c = bits.Add64(p2, t1, c)
	p3, c = bits.Add64(p3, t2, c)
	p4 = t3 + c
	return
}

// mul44 returns the eight-word product a·b.
func mul44(a, b *w256) (p [8]uint64) {
	for i := range 4 {
		var carry uint64
		for j := range 4 {
			hi, lo := bits.Mul64(a[i], b[j])
			var c uint64
			lo, c = bits.Add64(lo, p[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			p[i+j] = lo
			carry = hi
		}
		p[i+4] = carry
	}
	return p
}

// fxMul returns a·b truncated.
func fxMul(a, b *fx) fx {
	z0, z1, z2 := fxMulW(a.w0, a.w1, a.w2, b.w0, b.w1, b.w2)
	return fx{z0, z1, z2}
}

// fxMulW is fxMul on words.
func fxMulW(a0, a1, a2, b0, b1, b2 uint64) (z0, z1, z2 uint64) {
	return fxFromProd(mul33W(a0, a1, a2, b0, b1, b2))
}

// fxFromProd returns the fx a six-word product of two fx denotes
// (truncated): its words 2 to 5 shifted right by fxFrac−128 bits.
func fxFromProd(_, _, p2, p3, p4, p5 uint64) (z0, z1, z2 uint64) {
	const s = fxFrac - 128
	return p2>>s | p3<<(64-s), p3>>s | p4<<(64-s), p4>>s | p5<<(64-s)
}

// fxMulShr returns floor(a·d / 2^t) for 0 < t < 64; the caller guarantees
// the result fits in an fx.
func fxMulShr(a *fx, d uint64, t uint) fx {
	h0, l0 := bits.Mul64(a.w0, d)
	h1, l1 := bits.Mul64(a.w1, d)
	h2, l2 := bits.Mul64(a.w2, d)
	w1, c := bits.Add64(l1, h0, 0)
	w2, c := bits.Add64(l2, h1, c)
	w3 := h2 + c
	return fx{l0>>t | w1<<(64-t), w1>>t | w2<<(64-t), w2>>t | w3<<(64-t)}
}

// fxAdd returns a+b (no overflow for the values used here).
func fxAdd(a, b *fx) fx {
	var z fx
	var c uint64
	z.w0, c = bits.Add64(a.w0, b.w0, 0)
	z.w1, c = bits.Add64(a.w1, b.w1, c)
	z.w2, _ = bits.Add64(a.w2, b.w2, c)
	return z
}

// fxAddW is fxAdd on words.
func fxAddW(a0, a1, a2, b0, b1, b2 uint64) (z0, z1, z2 uint64) {
	var c uint64
	z0, c = bits.Add64(a0, b0, 0)
	z1, c = bits.Add64(a1, b1, c)
	z2, _ = bits.Add64(a2, b2, c)
	return
}

// fxSub returns a-b for a >= b.
func fxSub(a, b *fx) fx {
	var z fx
	var c uint64
	z.w0, c = bits.Sub64(a.w0, b.w0, 0)
	z.w1, c = bits.Sub64(a.w1, b.w1, c)
	z.w2, _ = bits.Sub64(a.w2, b.w2, c)
	return z
}

// add256 returns a+b mod 2^256.
func add256(a, b *w256) w256 {
	var z w256
	var c uint64
	z[0], c = bits.Add64(a[0], b[0], 0)
	z[1], c = bits.Add64(a[1], b[1], c)
	z[2], c = bits.Add64(a[2], b[2], c)
	z[3], _ = bits.Add64(a[3], b[3], c)
	return z
}

// sub256 returns a-b mod 2^256.
func sub256(a, b *w256) w256 {
	var z w256
	var c uint64
	z[0], c = bits.Sub64(a[0], b[0], 0)
	z[1], c = bits.Sub64(a[1], b[1], c)
	z[2], c = bits.Sub64(a[2], b[2], c)
	z[3], _ = bits.Sub64(a[3], b[3], c)
	return z
}

// shrN returns the low 256 bits of the little-endian x shifted right by s.
func shrN(x []uint64, s uint) w256 {
	ws, bs := s/64, s%64
	var z w256
	for i := range 4 {
		k := uint(i) + ws
		var lo, hi uint64
		if k < uint(len(x)) {
			lo = x[k]
		}
		if k+1 < uint(len(x)) {
			hi = x[k+1]
		}
		if bs == 0 {
			z[i] = lo
		} else {
			z[i] = lo>>bs | hi<<(64-bs)
		}
	}
	return z
}
