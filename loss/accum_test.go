package loss

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestAccumMatchesDec checks the word path of the network-loss accumulator
// against the decimal core: Σ ctx.Mul(S, v) with exact Add, for any
// precision, stakes up to 10^30 and values across the whole bounded range
// (which forces alignments beyond 256 bits and the fallback).
func TestAccumMatchesDec(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digits := rapid.SampledFrom([]int{34, 34, 1, 5, 16, 19, 20, 33, 35, 50, 58, 100}).Draw(t, "digits")
		ctx, err := dec.NewContext(digits, dec.RoundDown)
		if err != nil {
			t.Fatal(err)
		}
		ag := newAggregator(ctx)
		var a accum
		var want, w dec.Dec
		n := rapid.IntRange(1, 40).Draw(t, "terms")
		spread := rapid.IntRange(0, 39).Draw(t, "spread")
		center := rapid.IntRange(-40+spread, 39-spread).Draw(t, "center")
		for i := 0; i < n; i++ {
			sd := rapid.IntRange(1, 31).Draw(t, "stake_digits")
			sc := randDigits(t, sd, "stake")
			if sd == 31 {
				sc = "1" + zeros(30) // 10^30 exactly
			}
			nd := rapid.IntRange(1, 45).Draw(t, "value_digits") // beyond 2^128 from 39 digits
			adj := rapid.IntRange(center-spread, center+spread).Draw(t, "adj")
			vs := randDigits(t, nd, "value") + fmt.Sprintf("e%d", adj-nd+1)
			if rapid.Bool().Draw(t, "neg") {
				vs = "-" + vs
			}
			if rapid.IntRange(0, 15).Draw(t, "zero") == 0 {
				vs = "0"
			}
			s, err := parseStake(decimal.RequireFromString(sc))
			if err != nil {
				t.Fatal(err)
			}
			v := decimal.RequireFromString(vs)
			if err := ag.addValue(&a, &s, v); err != nil {
				t.Fatalf("addValue(%s, %s): %v", sc, vs, err)
			}
			p, err := ctx.Mul(s.d, dec.MustParse(vs))
			if err != nil {
				t.Fatal(err)
			}
			want, w = want.Add(p), w.Add(s.d)
		}
		if got := a.sum(); !got.Equal(want) {
			t.Fatalf("sum %s, want %s (slow=%v)", got, want, a.slow != nil)
		}
		if !a.weight().Equal(w) {
			t.Fatalf("weight %s, want %s", a.weight(), w)
		}
	})
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func randDigits(t *rapid.T, n int, label string) string {
	b := make([]byte, n)
	b[0] = byte('1' + rapid.IntRange(0, 8).Draw(t, label))
	for i := 1; i < n; i++ {
		b[i] = byte('0' + rapid.IntRange(0, 9).Draw(t, label))
	}
	return string(b)
}

// TestWordHelpers checks the 256-bit helpers against math/big.
func TestWordHelpers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		word := func(label string) uint64 {
			return rapid.Uint64().Draw(t, label) >> rapid.UintRange(0, 64).Draw(t, label+"_shift")
		}
		x := u256{word("x0"), word("x1"), word("x2"), word("x3")}
		bx := bigFromWords(x[:])
		if bx.Sign() > 0 {
			if got, want := digits256(x), len(bx.String()); got != want {
				t.Fatalf("digits256(%s) = %d, want %d", bx, got, want)
			}
		}
		k := rapid.IntRange(0, 80).Draw(t, "k")
		q := div256(x, k)
		wq := new(big.Int).Quo(bx, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
		if bigFromWords(q[:]).Cmp(wq) != 0 {
			t.Fatalf("div256(%s, %d) = %s, want %s", bx, k, bigFromWords(q[:]), wq)
		}
		s1, s0 := rapid.Uint64().Draw(t, "s1")>>28, rapid.Uint64().Draw(t, "s0")
		c1, c0 := word("c1"), word("c0")
		p := mulStake(s1, s0, c1, c0)
		wp := new(big.Int).Mul(bigFromWords([]uint64{s0, s1}), bigFromWords([]uint64{c0, c1}))
		if bigFromWords(p[:]).Cmp(wp) != 0 {
			t.Fatalf("mulStake = %s, want %s", bigFromWords(p[:]), wp)
		}
		e := rapid.IntRange(0, 90).Draw(t, "e")
		z, ok := mulPow10(x, e)
		wz := new(big.Int).Mul(bx, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
		fits := wz.BitLen() <= 256
		if ok != fits || (ok && bigFromWords(z[:]).Cmp(wz) != 0) {
			t.Fatalf("mulPow10(%s, %d) = %s, %v; want %s, %v", bx, e, bigFromWords(z[:]), ok, wz, fits)
		}
	})
}

// TestDigits256 checks digits256 at both ends of every bit length (the
// digit count is monotone in x, so this covers every x).
func TestDigits256(t *testing.T) {
	for b := 1; b <= 256; b++ {
		lo := new(big.Int).Lsh(big.NewInt(1), uint(b-1))
		hi := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(b)), big.NewInt(1))
		for _, x := range []*big.Int{lo, hi} {
			var buf [32]byte
			x.FillBytes(buf[:])
			var w u256
			for i := range w {
				w[i] = binary.BigEndian.Uint64(buf[32-8*(i+1):])
			}
			if got, want := digits256(w), len(x.String()); got != want {
				t.Fatalf("digits256(%s) = %d, want %d", x, got, want)
			}
		}
	}
}

// bigFromWords returns the integer of little-endian words (portable: no
// assumption on big.Word's size).
func bigFromWords(ws []uint64) *big.Int {
	var buf [32]byte
	n := len(ws)
	for i, w := range ws {
		binary.BigEndian.PutUint64(buf[8*(n-1-i):], w)
	}
	return new(big.Int).SetBytes(buf[:8*n])
}

// TestDigits128AndProductDigits: digits128 agrees with digits256 at both
// ends of every bit length up to 128, and productDigits with digits256 on
// products of operands of every digit count at their extremes (10^(k−1)
// and 10^k − 1), where the two candidate counts meet.
func TestDigits128AndProductDigits(t *testing.T) {
	for b := 1; b <= 128; b++ {
		lo := new(big.Int).Lsh(big.NewInt(1), uint(b-1))
		hi := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(b)), big.NewInt(1))
		for _, x := range []*big.Int{lo, hi} {
			w := words256(x)
			if got, want := digits128(w[1], w[0]), digits256(w); got != want {
				t.Fatalf("digits128(%s) = %d, want %d", x, got, want)
			}
		}
	}
	ends := func(k int) []*big.Int {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k-1)), nil)
		q := new(big.Int).Sub(new(big.Int).Mul(p, big.NewInt(10)), big.NewInt(1))
		r := new(big.Int).Add(p, big.NewInt(7))
		return []*big.Int{p, q, r}
	}
	for da := 1; da <= 38; da++ {
		for db := 1; db <= 31; db++ {
			for _, a := range ends(da) {
				for _, b := range ends(db) {
					p := words256(new(big.Int).Mul(a, b))
					if got, want := productDigits(&p, da, db), digits256(p); got != want {
						t.Fatalf("productDigits(%s·%s) = %d, want %d", a, b, got, want)
					}
				}
			}
		}
	}
}

// words256 returns x < 2^256 as little-endian words.
func words256(x *big.Int) u256 {
	var buf [32]byte
	x.FillBytes(buf[:])
	var w u256
	for i := range w {
		w[i] = binary.BigEndian.Uint64(buf[32-8*(i+1):])
	}
	return w
}
