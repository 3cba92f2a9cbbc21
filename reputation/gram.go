package reputation

// The exact Gram matrix of the reputers' loss vectors, the one expensive
// step of the Gram evaluation of the ascent (listening_gram.go).
//
// Every reported value is a decimal, so at the largest exponent E at which
// all of them are integers, x_mc = X_mc·10^E with X_mc an integer, and
//
//	Ĝ_ml = Σ_c X_mc·X_lc        (G_ml = Ĝ_ml·10^(2E))
//
// is an integer computed without any rounding. Three kernels, chosen by the
// largest |X_mc|:
//
//   - 64-bit: X_mc fits an int64 (the usual case: loss values with up to 18
//     significant digits at one exponent). The values are offset by their
//     minimum μ, X' = X − μ ∈ [0, 2^64), so that the products are unsigned
//     (bits.Mul64) and accumulate in three words; Ĝ_ml = Ĝ'_ml +
//     μ·(s_m + s_l) + K·μ² with s_m = Σ_c X'_mc.
//   - 128-bit: |X_mc| < 2^127 (for example 34-digit values), the same with
//     two-word values and five-word block accumulators.
//   - math/big for anything wider (values whose digits span more than 38
//     decimal places), at most maxGramBits bits.
//
// The sums are exact, so Ĝ does not depend on the order of the coordinates,
// the blocking or the architecture.

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/netmath/netmath/internal/dec"
)

// maxGramBits bounds the bit length of the integers X_mc of the Gram
// evaluation (about 308 decimal digits between the largest and the
// smallest digit of the loss values); wider inputs use the reference
// evaluation.
const maxGramBits = 1024

// gramBlock is the number of coordinates processed per pass over the pairs
// (R rows × gramBlock words stay in cache).
const gramBlock = 512

// gramMatrix is Ĝ = X·Xᵀ with x = X·10^E.
type gramMatrix struct {
	R     int
	E     int32
	g     []big.Int // R×R, row-major, symmetric
	class int       // kernel used: 1 (64-bit), 2 (128-bit), 0 (math/big)
}

// at returns Ĝ_ml.
func (gm *gramMatrix) at(m, l int) *big.Int { return &gm.g[m*gm.R+l] }

// commonExponent returns the largest E such that x·10^−E is an integer for
// every x (0 when every x is 0); ok is false for a value outside the range
// of converted decimals.
func commonExponent(x [][]dec.Dec) (int32, bool) {
	const lo, hi = int32(dec.MinAdjExp - dec.MaxDigits), int32(dec.MaxAdjExp)
	E, found := int32(0), false
	isInt := func(v dec.Dec, e int32) bool { return v.Shift(-e).IsInteger() }
	for _, row := range x {
		for _, v := range row {
			if v.IsZero() || (found && isInt(v, E)) {
				continue
			}
			top := hi
			if found {
				top = E - 1
			}
			if !isInt(v, lo) {
				return 0, false
			}
			// The largest e in [lo, top] with v·10^−e an integer.
			l, h := lo, top
			for l < h {
				mid := l + (h-l+1)/2
				if isInt(v, mid) {
					l = mid
				} else {
					h = mid - 1
				}
			}
			E, found = l, true
		}
	}
	return E, true
}

// gramInts is the loss matrix as integers X at the common exponent E, before
// the Gram matrix is formed.
type gramInts struct {
	R, K    int
	E       int32
	x64     []uint64  // two's complement int64 values (class 1), row-major
	xb      []big.Int // the values (classes 2 and 0)
	maxBits int
	class   int
	// src: class 1 without x64, the integers being the coefficients of
	// the whole matrix src's input decimals (newGramIntsStream).
	src *lossMatrix
}

// newGramInts converts the complete loss matrix x (R rows of K values); ok
// is false when the values are too wide (maxGramBits).
func newGramInts(x [][]dec.Dec) (*gramInts, bool) {
	R, K := len(x), len(x[0])
	E, ok := commonExponent(x)
	if !ok {
		return nil, false
	}
	gi := &gramInts{R: R, K: K, E: E, class: 1, maxBits: 63}
	gi.x64 = make([]uint64, R*K)
	for m, row := range x {
		for c, v := range row {
			i, ok := v.Shift(-E).Int64()
			if !ok {
				gi.x64, gi.class = nil, 0
				break
			}
			gi.x64[m*K+c] = uint64(i)
		}
		if gi.class == 0 {
			break
		}
	}
	if gi.class == 1 {
		return gi, true
	}
	gi.xb = make([]big.Int, R*K)
	gi.maxBits = 0
	for m, row := range x {
		for c, v := range row {
			gi.xb[m*K+c].Set(v.Shift(-E).TruncInt())
			gi.maxBits = max(gi.maxBits, gi.xb[m*K+c].BitLen())
		}
	}
	if gi.maxBits > maxGramBits {
		return nil, false
	}
	if gi.maxBits < 127 {
		gi.class = 2
	}
	return gi, true
}

// newGramIntsSmall converts a complete loss matrix whose values all have
// at most 18-digit coefficients (coef·10^exp, R rows of K, coef in two's
// complement) without touching the input decimals: ok is false unless
// every X_mc fits an int64, and newGramInts then converts the decimal-core
// values. E is the same: the smallest exponent of the values with their
// trailing zeros removed. The integers X_mc are written over coef, which
// becomes the matrix's storage (and is left partly converted when ok is
// false). A nil exp means that every exponent is exp0.
func newGramIntsSmall(R, K int, coef []uint64, exp []smallExp, exp0 smallExp) (*gramInts, bool) {
	if exp == nil {
		return newGramIntsSame(R, K, coef, exp0), true
	}
	E, found := int32(0), false
	for i, u := range coef {
		c := int64(u)
		// Stripping trailing zeros only raises the exponent: a value at
		// or above the smallest so far cannot lower it.
		if c == 0 || found && int32(exp[i]) >= E {
			continue
		}
		e := int32(exp[i])
		for c%10 == 0 {
			c /= 10
			e++
		}
		if !found || e < E {
			E, found = e, true
		}
	}
	gi := &gramInts{R: R, K: K, E: E, class: 1, maxBits: 63, x64: coef}
	for i, u := range coef {
		x := int64(u)
		if x == 0 {
			continue
		}
		k := int(exp[i]) - int(E)
		switch {
		case k > 18:
			return nil, false
		case k < 0: // trailing zeros below E: exact
			x /= int64(pow10Tab[-k][0])
		case k > 0:
			p := int64(pow10Tab[k][0])
			if x > math.MaxInt64/p || x < -math.MaxInt64/p {
				return nil, false
			}
			x *= p
		default:
			continue
		}
		coef[i] = uint64(x)
	}
	return gi, true
}

// newGramIntsSame is newGramIntsSmall when every exponent is e0 (the same
// E and integers): E is e0 raised by the fewest trailing zeros of a
// nonzero coefficient (so the scan stops at the first coefficient without
// one), every coefficient is divided by 10^(E−e0) (exact: each has that
// many trailing zeros), and none needs a multiplication (which could
// overflow).
func newGramIntsSame(R, K int, coef []uint64, e0 smallExp) *gramInts {
	E, found := int32(0), false
	for _, u := range coef {
		c := int64(u)
		if c == 0 {
			continue
		}
		e := int32(e0)
		for c%10 == 0 {
			c /= 10
			e++
		}
		if !found || e < E {
			E, found = e, true
		}
		if E == int32(e0) {
			break
		}
	}
	gi := &gramInts{R: R, K: K, E: E, class: 1, maxBits: 63, x64: coef}
	if k := int(E) - int(e0); found && k > 0 {
		p := int64(pow10Tab[k][0])
		for i, u := range coef {
			coef[i] = uint64(int64(u) / p)
		}
	}
	return gi
}

// work2 returns twice the cost of the Gram matrix in units of 64-bit
// multiply-adds (MaxGramWork): R²·K products, weighted by the kernel's cost
// (twice R²·K/2, so that it stays an integer), saturating at the largest
// uint64.
func (gi *gramInts) work2() uint64 {
	f := uint64(1)
	switch gi.class {
	case 2:
		f = 4
	case 0:
		w := uint64(gi.maxBits/64 + 1)
		f = satMul(8, satMul(w, w))
	}
	return satMul(satMul(satMul(uint64(gi.R), uint64(gi.R)), uint64(gi.K)), f)
}

// satMul and satAdd are a·b and a+b, saturating at the largest uint64 (the
// work bounds compare them with limits far below it).
func satMul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return math.MaxUint64
	}
	return lo
}

func satAdd(a, b uint64) uint64 {
	s, c := bits.Add64(a, b, 0)
	if c != 0 {
		return math.MaxUint64
	}
	return s
}

// matrix computes Ĝ (exact).
func (gi *gramInts) matrix() *gramMatrix {
	gm := &gramMatrix{R: gi.R, E: gi.E, g: make([]big.Int, gi.R*gi.R), class: gi.class}
	switch gi.class {
	case 1:
		if gi.src != nil {
			gram64Stream(gm, gi.src)
			break
		}
		gram64(gm, gi.x64, gi.K)
	case 2:
		gram128(gm, gi.xb, gi.K)
	default:
		gramBig(gm, gi.xb, gi.K)
	}
	return gm
}

// offsetCorrect sets Ĝ_ml = Ĝ'_ml + μ·(s_m + s_l) + K·μ² for the offset
// kernels (gm.g holds Ĝ' on entry).
func offsetCorrect(gm *gramMatrix, mu *big.Int, s []big.Int, K int) {
	if mu.Sign() == 0 {
		return
	}
	kmu2 := new(big.Int).Mul(mu, mu)
	kmu2.Mul(kmu2, big.NewInt(int64(K)))
	ms := make([]big.Int, gm.R)
	for m := range ms {
		ms[m].Mul(mu, &s[m])
	}
	for m := 0; m < gm.R; m++ {
		for l := 0; l <= m; l++ {
			v := gm.at(m, l)
			v.Add(v, &ms[m])
			v.Add(v, &ms[l])
			v.Add(v, kmu2)
			if l != m {
				gm.at(l, m).Set(v)
			}
		}
	}
}

// setWords sets z to the unsigned integer with little-endian words w.
func setWords(z *big.Int, w []uint64) {
	n := len(w)
	for n > 0 && w[n-1] == 0 {
		n--
	}
	if bits.UintSize == 64 {
		ws := make([]big.Word, n)
		for i := range ws {
			ws[i] = big.Word(w[i])
		}
		z.SetBits(ws)
		return
	}
	ws := make([]big.Word, 2*n)
	for i := 0; i < n; i++ {
		ws[2*i], ws[2*i+1] = big.Word(uint32(w[i])), big.Word(uint32(w[i]>>32))
	}
	z.SetBits(ws)
}

// gram64 is the 64-bit kernel; x holds two's complement int64 values and
// is overwritten with X − μ.
func gram64(gm *gramMatrix, x []uint64, K int) {
	R := gm.R
	mu := int64(math.MaxInt64)
	for _, v := range x {
		mu = min(mu, int64(v))
	}
	// X' = X − μ in [0, 2^64) (two's complement wrap-around is exact here).
	xp := x
	s := make([][2]uint64, R) // s_m = Σ_c X'_mc
	for m := 0; m < R; m++ {
		var slo, shi uint64
		for c := 0; c < K; c++ {
			v := x[m*K+c] - uint64(mu)
			xp[m*K+c] = v
			var cy uint64
			slo, cy = bits.Add64(slo, v, 0)
			shi += cy
		}
		s[m] = [2]uint64{slo, shi}
	}
	acc := make([]uint64, 3*R*(R+1)/2)
	for c0 := 0; c0 < K; c0 += gramBlock {
		blockProducts(acc, xp, R, K, c0, min(c0+gramBlock, K)-c0)
	}
	offsetWords(gm, acc, mu, s, K)
}

// blockProducts adds to acc (three words per entry of the lower triangle,
// row by row) the products Σ x_mc·x_lc over the block of w coordinates
// that starts at off in every row, row m being x[m·stride:].
func blockProducts(acc, x []uint64, R, stride, off, w int) {
	idx := 0
	for m := 0; m < R; m++ {
		xm := x[m*stride+off : m*stride+off+w]
		for l := 0; l <= m; l++ {
			lo, mid, hi := dotU64(xm, x[l*stride+off:l*stride+off+w])
			a := acc[3*idx : 3*idx+3]
			var cy uint64
			a[0], cy = bits.Add64(a[0], lo, 0)
			a[1], cy = bits.Add64(a[1], mid, cy)
			a[2] += hi + cy
			idx++
		}
	}
}

// newGramIntsStream returns the Gram integers of a small whole matrix
// whose values have one exponent e0 and a coefficient that is not a
// multiple of 10 (lm.stats), or nil for any other. They are then the
// coefficients themselves: E = e0 (newGramIntsSmall's E: no coefficient
// can lose its trailing zeros all together), every X_mc = coef_mc, so
// gram64Stream reads them from the input decimals where gram64 reads the
// matrix, which is never stored (R·K words less).
func newGramIntsStream(lm *lossMatrix) *gramInts {
	st := &lm.stats
	if !lm.small || !lm.whole || !st.oneExp || !st.nz10 {
		return nil
	}
	return &gramInts{R: len(lm.bls), K: lm.K, E: int32(st.e0), class: 1, maxBits: 63, src: lm}
}

// gram64Stream is gram64 on the coefficients of lm's input decimals
// (newGramIntsStream), μ their minimum (lm.stats.minC): a block of
// gramBlock coordinates of every row is read (readRow: the coefficients in
// place, CoefficientInt64) into a buffer that stays in
// cache, offset by μ, added to the row sums s_m, and multiplied as gram64
// multiplies a block. The sums are exact, so Ĝ is gram64's.
func gram64Stream(gm *gramMatrix, lm *lossMatrix) {
	R, K, mu := gm.R, lm.K, lm.stats.minC
	s := make([][2]uint64, R)
	acc := make([]uint64, 3*R*(R+1)/2)
	buf := make([]uint64, R*gramBlock)
	for c0 := 0; c0 < K; c0 += gramBlock {
		c1 := min(c0+gramBlock, K)
		for m := range R {
			row := buf[m*gramBlock : m*gramBlock+c1-c0]
			lm.readRow(m, c0, row)
			slo, shi := s[m][0], s[m][1]
			for i, v := range row {
				v -= uint64(mu)
				row[i] = v
				var cy uint64
				slo, cy = bits.Add64(slo, v, 0)
				shi += cy
			}
			s[m] = [2]uint64{slo, shi}
		}
		blockProducts(acc, buf, R, gramBlock, 0, c1-c0)
	}
	offsetWords(gm, acc, mu, s, K)
}

// offsetWords sets Ĝ_ml = Ĝ'_ml + μ·(s_m + s_l) + K·μ² from the
// three-word sums Ĝ'_ml of gram64 (acc, lower triangle, row by row), in
// four-word two's complement (|Ĝ_ml| < 4K·2^128 < 2^255 for K < 2^125),
// and stores every entry in one shared word array (each entry its own
// capacity-limited part of it: an entry that later grew would move out,
// never into its neighbour).
func offsetWords(gm *gramMatrix, acc []uint64, mu int64, s [][2]uint64, K int) {
	R := gm.R
	// t_m = μ·s_m and K·μ², four-word two's complement.
	mag := uint64(mu)
	if mu < 0 {
		mag = -mag
	}
	t := make([][4]uint64, R)
	for m := range R {
		h0, l0 := bits.Mul64(mag, s[m][0])
		h1, l1 := bits.Mul64(mag, s[m][1])
		var c uint64
		w1, c := bits.Add64(h0, l1, 0)
		v := [4]uint64{l0, w1, h1 + c, 0}
		if mu < 0 {
			negLimbs(v[:])
		}
		t[m] = v
	}
	mh, ml := bits.Mul64(mag, mag)
	kh, kl := bits.Mul64(ml, uint64(K))
	kh2, kl2 := bits.Mul64(mh, uint64(K))
	k1, c := bits.Add64(kh, kl2, 0)
	kmu2 := [4]uint64{kl, k1, kh2 + c, 0}
	words := make([]big.Word, 0, R*R*(4*64/bits.UintSize))
	set := func(z *big.Int, v [4]uint64) {
		neg := v[3]>>63 != 0
		if neg {
			negLimbs(v[:])
		}
		n := limbLen(v[:])
		start := len(words)
		if bits.UintSize == 64 {
			for i := range n {
				words = append(words, big.Word(v[i]))
			}
		} else {
			for i := range n {
				words = append(words, big.Word(uint32(v[i])), big.Word(uint32(v[i]>>32)))
			}
		}
		z.SetBits(words[start:len(words):len(words)])
		if neg {
			z.Neg(z)
		}
	}
	idx := 0
	for m := 0; m < R; m++ {
		for l := 0; l <= m; l++ {
			a := acc[3*idx : 3*idx+3]
			v := [4]uint64{a[0], a[1], a[2], 0}
			for _, w := range [3]*[4]uint64{&t[m], &t[l], &kmu2} {
				v[0], c = bits.Add64(v[0], w[0], 0)
				v[1], c = bits.Add64(v[1], w[1], c)
				v[2], c = bits.Add64(v[2], w[2], c)
				v[3], _ = bits.Add64(v[3], w[3], c)
			}
			set(gm.at(m, l), v)
			if l != m {
				set(gm.at(l, m), v)
			}
			idx++
		}
	}
}

// dotU64 returns Σ a_i·b_i in three words (len(b) >= len(a); at most 2^64
// terms).
func dotU64(a, b []uint64) (lo, mid, hi uint64) {
	b = b[:len(a)]
	// Two independent accumulators for instruction-level parallelism.
	var lo2, mid2, hi2 uint64
	i := 0
	for ; i+1 < len(a); i += 2 {
		ph, pl := bits.Mul64(a[i], b[i])
		qh, ql := bits.Mul64(a[i+1], b[i+1])
		var c, d uint64
		lo, c = bits.Add64(lo, pl, 0)
		lo2, d = bits.Add64(lo2, ql, 0)
		mid, c = bits.Add64(mid, ph, c)
		mid2, d = bits.Add64(mid2, qh, d)
		hi += c
		hi2 += d
	}
	if i < len(a) {
		ph, pl := bits.Mul64(a[i], b[i])
		var c uint64
		lo, c = bits.Add64(lo, pl, 0)
		mid, c = bits.Add64(mid, ph, c)
		hi += c
	}
	var c uint64
	lo, c = bits.Add64(lo, lo2, 0)
	mid, c = bits.Add64(mid, mid2, c)
	hi += hi2 + c
	return lo, mid, hi
}

// gram128 is the 128-bit kernel (every |X| < 2^127).
func gram128(gm *gramMatrix, x []big.Int, K int) {
	R := gm.R
	mu := new(big.Int).Set(&x[0])
	for i := range x {
		if x[i].Cmp(mu) < 0 {
			mu.Set(&x[i])
		}
	}
	// X' = X − μ < 2^128 in two words per value.
	xp := make([]uint64, 2*len(x))
	s := make([]big.Int, R)
	var t big.Int
	for m := 0; m < R; m++ {
		var sw [3]uint64
		for c := 0; c < K; c++ {
			i := m*K + c
			t.Sub(&x[i], mu)
			var w [2]uint64
			for j, b := range t.Bits() {
				if bits.UintSize == 64 {
					w[j] = uint64(b)
				} else {
					w[j/2] |= uint64(b) << (32 * (j % 2))
				}
			}
			xp[2*i], xp[2*i+1] = w[0], w[1]
			var cy uint64
			sw[0], cy = bits.Add64(sw[0], w[0], 0)
			sw[1], cy = bits.Add64(sw[1], w[1], cy)
			sw[2] += cy
		}
		setWords(&s[m], sw[:])
	}
	const accW = 6
	acc := make([]uint64, accW*R*(R+1)/2)
	for c0 := 0; c0 < K; c0 += gramBlock {
		c1 := min(c0+gramBlock, K)
		idx := 0
		for m := 0; m < R; m++ {
			xm := xp[2*(m*K+c0) : 2*(m*K+c1)]
			for l := 0; l <= m; l++ {
				p := dotU128(xm, xp[2*(l*K+c0):2*(l*K+c1)])
				a := acc[accW*idx : accW*idx+accW]
				var cy uint64
				for j := 0; j < 5; j++ {
					a[j], cy = bits.Add64(a[j], p[j], cy)
				}
				a[5] += cy
				idx++
			}
		}
	}
	idx := 0
	for m := 0; m < R; m++ {
		for l := 0; l <= m; l++ {
			setWords(gm.at(m, l), acc[accW*idx:accW*idx+accW])
			if l != m {
				gm.at(l, m).Set(gm.at(m, l))
			}
			idx++
		}
	}
	offsetCorrect(gm, mu, s, K)
}

// dotU128 returns Σ a_i·b_i for two-word values (a and b interleaved lo,
// hi; at most 2^64 terms) in five words.
func dotU128(a, b []uint64) (z [5]uint64) {
	b = b[:len(a)]
	for i := 0; i+1 < len(a); i += 2 {
		a0, a1, b0, b1 := a[i], a[i+1], b[i], b[i+1]
		// (a1·2^64 + a0)(b1·2^64 + b0) in four words p3:p2:p1:p0.
		h00, p0 := bits.Mul64(a0, b0)
		h01, l01 := bits.Mul64(a0, b1)
		h10, l10 := bits.Mul64(a1, b0)
		h11, l11 := bits.Mul64(a1, b1)
		var c, c2 uint64
		p1, c := bits.Add64(h00, l01, 0)
		p2, c2 := bits.Add64(h01, l11, c)
		p3 := h11 + c2
		p1, c = bits.Add64(p1, l10, 0)
		p2, c2 = bits.Add64(p2, h10, c)
		p3 += c2
		z[0], c = bits.Add64(z[0], p0, 0)
		z[1], c = bits.Add64(z[1], p1, c)
		z[2], c = bits.Add64(z[2], p2, c)
		z[3], c = bits.Add64(z[3], p3, c)
		z[4] += c
	}
	return z
}

// gramBig is the math/big kernel.
func gramBig(gm *gramMatrix, x []big.Int, K int) {
	var t big.Int
	for m := 0; m < gm.R; m++ {
		for l := 0; l <= m; l++ {
			v := gm.at(m, l)
			for c := 0; c < K; c++ {
				t.Mul(&x[m*K+c], &x[l*K+c])
				v.Add(v, &t)
			}
			if l != m {
				gm.at(l, m).Set(v)
			}
		}
	}
}
