package dec

// A frozen copy of the fast exponential's original word code (expParts,
// expCore and their helpers as first written), against which the tuned code
// is checked bit for bit.

import (
	"math/bits"
	"math/rand/v2"
	"testing"
)

func expPartsRef(tb *fastTables, X *w256, xneg bool) (M fx, j int, k10 int64, ok bool) {
	// k10 = round(|x| / ln 10) from |x|·2^32.
	const ln10Q32 = 9889527671 // floor(ln 10 · 2^32)
	xt := X[3]<<32 | X[2]>>32
	k10 = int64((xt + ln10Q32/2) / ln10Q32)
	// r = |x| − k10·ln10, with its sign relative to x.
	var kl w256
	mulSmall256(&kl, &tb.ln10W, uint64(k10))
	rneg := xneg
	var r w256
	if cmp256(X, &kl) >= 0 {
		r = sub256(X, &kl)
	} else {
		r = sub256(&kl, X)
		rneg = !rneg
	}
	if xneg {
		k10 = -k10
	}
	if r[3] > 1 {
		return M, 0, 0, false // |r| >= 2: cannot happen for |x| <= 925
	}
	// R = |r| as an fx (drop 4 bits), then r' = r − j·ln 2 in [0, ln 2).
	R := fx{r[0]>>4 | r[1]<<60, r[1]>>4 | r[2]<<60, r[2]>>4 | r[3]<<60}
	if !rneg {
		if !fxLess(&R, &tb.ln2) {
			R = fxSub(&R, &tb.ln2)
			j = 1
		}
	} else {
		if !fxLess(&tb.ln2, &R) { // R <= ln 2
			R = fxSub(&tb.ln2, &R)
			j = -1
		} else {
			l2 := fxAdd(&tb.ln2, &tb.ln2)
			if fxLess(&l2, &R) {
				return M, 0, 0, false
			}
			R = fxSub(&l2, &R)
			j = -2
		}
	}
	if !fxLess(&R, &tb.ln2) && j >= 0 {
		return M, 0, 0, false
	}
	// Table levels.
	Y := fxOne
	i := R.w2 >> (fxFrac - 128 - 8)
	if i >= uint64(len(tb.exp1)) {
		return M, 0, 0, false
	}
	te := &tb.exp1[i]
	R = fxSub(&R, &te.l)
	if d := te.d; d != 0 {
		inc := fxMulShr(&Y, d, 16)
		Y = fxAdd(&Y, &inc)
	}
	for l := 2; l <= fastLevels; l++ {
		s := uint(8 * l)
		i := R.w2 >> (fxFrac - 128 - s)
		if i >= fastLevelLen {
			return M, 0, 0, false
		}
		te := &tb.exp[l-2][i]
		R = fxSub(&R, &te.l)
		if d := te.d; d != 0 {
			inc := fxMulShr(&Y, d, s+8)
			Y = fxAdd(&Y, &inc)
		}
	}
	// e^ρ − 1 = ρ(1 + ρ(1/2 + ρ(1/6 + ρ/24))).
	h := fxMulRef(&R, &tb.inv24)
	h = fxAdd(&h, &tb.inv[6])
	h = fxMulRef(&R, &h)
	h = fxAdd(&h, &tb.inv[2])
	h = fxMulRef(&R, &h)
	h = fxAdd(&h, &fxOne)
	h = fxMulRef(&R, &h)
	S := fxAdd(&fxOne, &h)
	return fxMulRef(&Y, &S), j, k10, true
}
func expCoreRef(tb *fastTables, X *w256, xneg bool, p int) (N w256, exp int64, ok bool) {
	M, j, k10, ok := expPartsRef(tb, X, xneg)
	if !ok {
		return N, 0, false
	}
	// N = floor(M·2^j·10^Q).
	Q := p + 16
	pq := (*[3]uint64)(pow10W[Q][:3])
	prod := mul33Ref(fxWordsRef(&M), pq)
	return shrNRef(prod[:], uint(fxFrac-j)), k10 - int64(Q), true
}

// mul33Ref returns the six-word product a·b (row by row, unrolled).
func mul33Ref(a, b *[3]uint64) [6]uint64 {
	a0, a1, a2 := a[0], a[1], a[2]
	b0, b1, b2 := b[0], b[1], b[2]
	var c uint64
	h0, p0 := bits.Mul64(a0, b0)
	h1, l1 := bits.Mul64(a0, b1)
	h2, l2 := bits.Mul64(a0, b2)
	p1, c := bits.Add64(h0, l1, 0)
	p2, c := bits.Add64(h1, l2, c)
	p3 := h2 + c
	h0, l0 := bits.Mul64(a1, b0)
	h1, l1 = bits.Mul64(a1, b1)
	h2, l2 = bits.Mul64(a1, b2)
	t1, c := bits.Add64(h0, l1, 0)
	t2, c := bits.Add64(h1, l2, c)
	t3 := h2 + c
	p1, c = bits.Add64(p1, l0, 0)
	p2, c = bits.Add64(p2, t1, c)
	p3, c = bits.Add64(p3, t2, c)
	p4 := t3 + c
	h0, l0 = bits.Mul64(a2, b0)
	h1, l1 = bits.Mul64(a2, b1)
	h2, l2 = bits.Mul64(a2, b2)
	t1, c = bits.Add64(h0, l1, 0)
	t2, c = bits.Add64(h1, l2, c)
	t3 = h2 + c
	p2, c = bits.Add64(p2, l0, 0)
	p3, c = bits.Add64(p3, t1, c)
	p4, c = bits.Add64(p4, t2, c)
	p5 := t3 + c
	return [6]uint64{p0, p1, p2, p3, p4, p5}
}

// fxMulRef returns a·b truncated.
func fxMulRef(a, b *fx) fx {
	p := mul33Ref(fxWordsRef(a), fxWordsRef(b))
	const s = fxFrac - 128
	return fx{p[2]>>s | p[3]<<(64-s), p[3]>>s | p[4]<<(64-s), p[4]>>s | p[5]<<(64-s)}
}

// shrNRef returns the low 256 bits of the little-endian x shifted right by s.
func shrNRef(x []uint64, s uint) w256 {
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
func decToFixRef(tb *fastTables, c *w256, k int, f uint) (w256, bool) {
	r := &tb.recip[k]
	// c·r: four words by three.
	var p [7]uint64
	n := 4
	for n > 1 && c[n-1] == 0 {
		n--
	}
	for i, a := range c[:n] {
		var carry uint64
		for j := range 3 {
			h, l := bits.Mul64(a, r[j])
			var c uint64
			l, c = bits.Add64(l, p[i+j], 0)
			h += c
			l, c = bits.Add64(l, carry, 0)
			h += c
			p[i+j] = l
			carry = h
		}
		p[i+3] = carry
	}
	s := 192 + tb.recipShift[k] - f
	if top := shrNRef(p[:], s+256); !isZero256(&top) {
		return w256{}, false
	}
	return shrNRef(p[:], s), true
}

func expApproxRef(x Dec, p int) (N w256, exp int64, ok bool) {
	if p > maxFastDigits || x.IsZero() {
		return N, 0, false
	}
	C, okC := x.mag256()
	if !okC {
		return N, 0, false
	}
	tb := fastTabs()
	// X = |x|·2^192.
	var X w256
	if x.exp >= 0 {
		if x.big != nil || x.hi != 0 || x.exp > 3 {
			return N, 0, false
		}
		v := x.lo * pow10U64[x.exp]
		if v > 925 {
			return N, 0, false
		}
		X[3] = v
	} else {
		k := -int(x.exp)
		if k > maxRecipK {
			return N, 0, false
		}
		if X, ok = decToFixRef(tb, &C, k, 192); !ok || X[3] > 925 {
			return N, 0, false
		}
	}
	return expCoreRef(tb, &X, x.neg, p)
}

// expRefArg draws X = |z|·2^192 for |z| <= 925: uniform in magnitude
// classes from 2^-60 to 925, with random low words.
func expRefArg(r *rand.Rand) w256 {
	X := w256{r.Uint64(), r.Uint64(), r.Uint64(), 0}
	if r.IntN(4) == 0 {
		// Near the boundaries of the reductions: k·ln10 ± m·ln2 ± a few
		// units.
		tb := fastTabs()
		var a, b w256
		mulSmall256(&a, &tb.ln10W, r.Uint64N(402))
		mulSmall256(&b, &tb.ln2W, r.Uint64N(3))
		if r.IntN(2) == 0 {
			a = add256(&a, &b)
		} else if cmp256(&a, &b) >= 0 {
			a = sub256(&a, &b)
		}
		d := w256{r.Uint64N(1 << 20)}
		if r.IntN(2) == 0 {
			a = add256(&a, &d)
		} else if cmp256(&a, &d) >= 0 {
			a = sub256(&a, &d)
		}
		return a
	}
	switch r.IntN(4) {
	case 0:
		X[3] = r.Uint64N(926)
	case 1:
		X[3] = r.Uint64N(4)
	case 2:
		X[3] = 0
		X[2] >>= r.UintN(64)
	default:
		X[3] = 0
		X[2] = 0
		X[1] >>= r.UintN(64)
	}
	if X[3] == 925 {
		X[2], X[1], X[0] = 0, 0, 0
	}
	return X
}

// TestExpPartsFrozen checks expParts and expCore against the frozen copy,
// bit for bit.
func TestExpPartsFrozen(t *testing.T) {
	tb := fastTabs()
	r := rand.New(rand.NewPCG(11, 12))
	n := fastDiffCount(400000)
	for range n {
		X := expRefArg(r)
		neg := r.IntN(2) == 0
		M, j, k, ok := expParts(tb, &X, neg)
		M2, j2, k2, ok2 := expPartsRef(tb, &X, neg)
		if M != M2 || j != j2 || k != k2 || ok != ok2 {
			t.Fatalf("expParts(%x, %v) = %x %d %d %v, frozen %x %d %d %v", X, neg, M, j, k, ok, M2, j2, k2, ok2)
		}
		p := 1 + r.IntN(maxFastDigits)
		N, e, ok := expCore(tb, &X, neg, p)
		N2, e2, ok2 := expCoreRef(tb, &X, neg, p)
		if N != N2 || e != e2 || ok != ok2 {
			t.Fatalf("expCore(%x, %v, %d) = %x %d %v, frozen %x %d %v", X, neg, p, N, e, ok, N2, e2, ok2)
		}
	}
}

// TestDecToFixFrozen checks decToFix against the frozen copy.
func TestDecToFixFrozen(t *testing.T) {
	tb := fastTabs()
	r := rand.New(rand.NewPCG(13, 14))
	n := fastDiffCount(400000)
	for range n {
		var C w256
		for i := range 1 + r.IntN(4) {
			C[i] = r.Uint64()
		}
		if r.IntN(2) == 0 {
			C[r.IntN(4)] >>= r.UintN(64)
		}
		k := 1 + r.IntN(maxRecipK)
		f := uint(192 + r.IntN(2))
		X, ok := decToFix(tb, &C, k, f)
		X2, ok2 := decToFixRef(tb, &C, k, f)
		if X != X2 || ok != ok2 {
			t.Fatalf("decToFix(%x, %d, %d) = %x %v, frozen %x %v", C, k, f, X, ok, X2, ok2)
		}
	}
}

// TestExpApproxFrozen checks expApprox against the frozen copy on decimal
// arguments: 34-digit and shorter coefficients at every exponent where
// the fast path applies, and a few long (big) coefficients.
func TestExpApproxFrozen(t *testing.T) {
	g := newFastGen(15)
	n := fastDiffCount(200000)
	for range n {
		x, err := Parse(g.expArg())
		if err != nil {
			continue
		}
		p := 1 + g.r.IntN(maxFastDigits+2)
		N, e, ok := expApprox(x, p)
		N2, e2, ok2 := expApproxRef(x, p)
		if N != N2 || e != e2 || ok != ok2 {
			t.Fatalf("expApprox(%s, %d) = %x %d %v, frozen %x %d %v", x, p, N, e, ok, N2, e2, ok2)
		}
	}
}

// fxLess reports whether a < b.
func fxLess(a, b *fx) bool {
	if a.w2 != b.w2 {
		return a.w2 < b.w2
	}
	if a.w1 != b.w1 {
		return a.w1 < b.w1
	}
	return a.w0 < b.w0
}

// expApprox returns N and exp with |N − e^x·10^-exp| <= expFastErr (see
// expFast), or ok = false outside its domain.
func expApprox(x Dec, p int) (N w256, exp int64, ok bool) {
	if p > maxFastDigits {
		return N, 0, false
	}
	X, ok := expArg(x)
	if !ok {
		return N, 0, false
	}
	return expCore(fastTabs(), &X, x.neg, p)
}

// fxWordsRef returns f's words as an array (fx is a struct of three words
// so that it travels in registers; the frozen code indexes arrays).
func fxWordsRef(f *fx) *[3]uint64 { return &[3]uint64{f.w0, f.w1, f.w2} }
