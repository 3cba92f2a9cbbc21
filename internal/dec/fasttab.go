package dec

import (
	"math/big"
	"math/bits"
	"sync"
)

// Tables of the fast transcendental paths, computed once with math/big on
// first use and never written afterwards.
//
// Both functions reduce their argument with short multipliers c = 1 ± D·2^-t
// (D a small integer), so multiplying a three-word fx by c costs three word
// products, and tabulate ln c to 188 bits. Level l (1..5) looks at the next
// 8 bits: s_l = 8l, t_l = s_l + 8.
//
//   - Exp, level l, index i = floor(ρ·2^s_l) for the residual ρ >= 0:
//     c = 1 + D·2^-t_l with D = floor((e^(i·2^-s_l) − 1)·2^t_l), so
//     ln c <= i·2^-s_l <= ρ, and tabulated L = ln c rounded down; the new
//     residual ρ − L lies in [0, 2^-s_l + 1.01·2^-t_l + 2^-187).
//   - Ln, level l, index i = floor(v·2^s_l) for f = 1 + v, v >= 0:
//     c = 1 − D·2^-t_l with D = floor(a/(1+a)·2^t_l), a = i·2^-s_l, so
//     c >= 1/(1+a) and (1+v)·c − 1 lies in [0, 2^-s_l·(1 + 2^-7)); the
//     table holds −ln c rounded down.
//
// Level 1 of Exp sees ρ in [0, ln 2) (at most 177 after the shift), every
// later level an index of at most 258; level 1 of Ln sees f in [1, 2)
// (at most 255).

const (
	fastLevels   = 5
	fastLevelLen = 260 // indices 0..259 for levels 2..5
)

type fastTables struct {
	exp1 [180]tabEntry
	exp  [fastLevels - 1][fastLevelLen]tabEntry
	ln1  [256]tabEntry
	ln   [fastLevels - 1][fastLevelLen]tabEntry

	ln2   fx   // ln 2, rounded down
	ln2W  w256 // ln 2 · 2^192, rounded down
	ln10W w256 // ln 10 · 2^192, rounded down

	invLn10W w256 // 2^192 / ln 10, rounded down
	invLn10  fx   // 1 / ln 10, rounded down

	// recip[k] = floor(2^(192+recipShift[k]) / 10^k), normalised into
	// [2^191, 2^192), for k = 1..maxRecipK.
	recip      [maxRecipK + 1][3]uint64
	recipShift [maxRecipK + 1]uint

	inv   [9]fx // inv[n] = 1/n rounded down, n = 1..8
	inv24 fx    // 1/24 rounded down

	tanhC [4]fx // 1/3, 2/15, 17/315, 62/2835 rounded down
}

// tabEntry is one table row: the multiplier's D and the logarithm, in one
// 32-byte line.
type tabEntry struct {
	d uint64
	l fx
}

// maxRecipK is the largest power of ten whose reciprocal is tabulated.
const maxRecipK = 120

// fastTabs returns the tables, building them on first use (about a
// millisecond).
//
//lint:concurrency-ok tables built once by a pure function, immutable afterwards: no result depends on which goroutine builds them
var fastTabs = sync.OnceValue(buildFastTables)

// The tables are computed in w256 fixed point with tf fraction bits (values
// below 256), every operation rounding down; the few units of 2^-tf this
// loses are far below the 2^-188 of the results.
const tf = 248

var tfOne = w256{0, 0, 0, 1 << (tf - 192)}

func tmul(a, b *w256) w256 {
	p := mul44(a, b)
	return shrN(p[:], tf)
}

func tdiv(a *w256, d uint64) w256 {
	var z w256
	divSmall256(&z, a, d)
	return z
}

func buildFastTables() *fastTables {
	t := new(fastTables)
	// Exp tables.
	for l := 1; l <= fastLevels; l++ {
		s, tb := uint(8*l), uint(8*l+8)
		n := fastLevelLen
		if l == 1 {
			n = len(t.exp1)
		}
		base := tExpSmall(s) // e^(2^-s) from below
		e := tfOne
		for i := 0; i < n; i++ {
			if i > 0 {
				e = tmul(&e, &base)
			}
			// D = floor((e^(i·2^-s) − 1)·2^t); e is below the true power,
			// so D is at most the true floor.
			d := sub256(&e, &tfOne)
			dw := shrN(d[:], tf-tb)
			D := dw[0]
			L := tLn1p(D, tb, false)
			if l == 1 {
				t.exp1[i] = tabEntry{D, tToFxDown(&L)}
			} else {
				t.exp[l-2][i] = tabEntry{D, tToFxDown(&L)}
			}
		}
	}
	// Ln tables.
	for l := 1; l <= fastLevels; l++ {
		s, tb := uint(8*l), uint(8*l+8)
		n := fastLevelLen
		if l == 1 {
			n = len(t.ln1)
		}
		for i := 0; i < n; i++ {
			// D = floor(i·2^t / (2^s + i)), then −ln(1 − D·2^-t).
			hi, lo := bits.Mul64(uint64(i), 1<<tb)
			D, _ := bits.Div64(hi, lo, 1<<s+uint64(i))
			L := tLn1p(D, tb, true)
			if l == 1 {
				t.ln1[i] = tabEntry{D, tToFxDown(&L)}
			} else {
				t.ln[l-2][i] = tabEntry{D, tToFxDown(&L)}
			}
		}
	}
	// ln 2 = ln(1+1); ln 10 = 3·ln 2 + ln(1 + 1/4).
	ln2 := tLn1p(1, 0, false)
	ln10 := ln2
	mulSmall256(&ln10, &ln10, 3)
	l54 := tLn1p(1, 2, false)
	ln10 = add256(&ln10, &l54)
	t.ln2 = tToFxDown(&ln2)
	t.ln2W = tDown(&ln2, 192)
	t.ln10W = tDown(&ln10, 192)
	// 1/ln 10 = 2^(192+tf) / (ln 10 · 2^tf), with ln 10 taken 2^10 units
	// high so that the quotient stays below the true value.
	lh := add256(&ln10, &w256{1 << 10})
	q := new(big.Int).Lsh(big.NewInt(1), 192+tf)
	q.Quo(q, wordsToBig(lh[:]))
	t.invLn10W = bigToWords(q)
	t.invLn10 = fx{t.invLn10W[0]>>4 | t.invLn10W[1]<<60, t.invLn10W[1]>>4 | t.invLn10W[2]<<60, t.invLn10W[2]>>4 | t.invLn10W[3]<<60}
	// Reciprocal powers of ten.
	for k := 1; k <= maxRecipK; k++ {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
		sh := uint(p.BitLen() - 1)
		r := new(big.Int).Lsh(big.NewInt(1), 192+sh)
		r.Quo(r, p)
		hi, lo, _ := bigToW128(new(big.Int).Rsh(r, 64))
		t.recip[k] = [3]uint64{r.Uint64(), lo, hi}
		t.recipShift[k] = sh
	}
	for n := 1; n < len(t.inv); n++ {
		t.inv[n] = fxDiv(uint64(n))
	}
	t.inv24 = fxDiv(24)
	for i, c := range [4][2]uint64{{1, 3}, {2, 15}, {17, 315}, {62, 2835}} {
		var w w256
		mulSmall256(&w, &w256{0, 0, fxOne.w2}, c[0])
		divSmall256(&w, &w, c[1])
		t.tanhC[i] = fx{w[0], w[1], w[2]}
	}
	return t
}

// tExpSmall returns e^(2^-s) rounded down (every Taylor term rounded down).
func tExpSmall(s uint) w256 {
	sum, term := tfOne, tfOne
	for n := uint64(1); ; n++ {
		term = shrN(term[:], s)
		term = tdiv(&term, n)
		if isZero256(&term) {
			return sum
		}
		sum = add256(&sum, &term)
	}
}

// tLn1p returns |ln(1 ± D·2^-t)| (minus when neg) for D·2^-t < 1, within a
// few hundred units of 2^-tf, by ln(1+z) = 2·atanh(z/(2+z)).
func tLn1p(D uint64, t uint, neg bool) w256 {
	// w = D / (2^(t+1) ± D), a five-word dividend D·2^tf by one word.
	den := uint64(1)<<(t+1) + D
	if neg {
		den = uint64(1)<<(t+1) - D
	}
	var w w256
	var r uint64
	hi := D >> (256 - tf) // word 4 of D·2^tf
	top := D << (tf - 192)
	w[3], r = bits.Div64(hi, top, den)
	for i := 2; i >= 0; i-- {
		w[i], r = bits.Div64(r, 0, den)
	}
	w2 := tmul(&w, &w)
	sum, term := w, w
	for k := uint64(3); ; k += 2 {
		term = tmul(&term, &w2)
		q := tdiv(&term, k)
		if isZero256(&q) {
			break
		}
		sum = add256(&sum, &q)
	}
	return add256(&sum, &sum)
}

// tDown returns x (tf fraction bits) with f fraction bits, after
// subtracting 2^10 units of 2^-tf to cover the error of the computation, so
// the result never exceeds the true value.
func tDown(x *w256, f uint) w256 {
	m := w256{1 << 10}
	if cmp256(x, &m) < 0 {
		return w256{}
	}
	y := sub256(x, &m)
	return shrN(y[:], tf-f)
}

// tToFxDown is tDown to an fx.
func tToFxDown(x *w256) fx {
	w := tDown(x, fxFrac)
	return fx{w[0], w[1], w[2]}
}

// fxDiv returns 1/n rounded down as an fx.
func fxDiv(n uint64) fx {
	w := w256{0, 0, fxOne.w2}
	divSmall256(&w, &w, n)
	return fx{w[0], w[1], w[2]}
}

// bigToWords returns the low 256 bits of a non-negative x.
func bigToWords(x *big.Int) w256 {
	var w w256
	m := new(big.Int).Set(x)
	mask := new(big.Int).SetUint64(^uint64(0))
	for i := range w {
		w[i] = new(big.Int).And(m, mask).Uint64()
		m.Rsh(m, 64)
	}
	return w
}
