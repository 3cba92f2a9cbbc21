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
// precision and rounding mode, stakes up to 10^30 and values across the
// whole bounded range (which forces alignments beyond 256 bits, products
// MulWords declines and the fallback).
func TestAccumMatchesDec(t *testing.T) {
	var wide, slow, narrow int // entries that ended on each path
	defer func() {
		t.Logf("paths taken: %d narrow, %d wide, %d slow", narrow, wide, slow)
		// Every storage path must have been taken: sums within 128 bits,
		// sums held out of line (up to 256 bits) and decimal-core sums.
		if narrow == 0 || wide == 0 || slow == 0 {
			t.Errorf("paths taken: %d narrow, %d wide, %d slow; want each", narrow, wide, slow)
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		digits := rapid.SampledFrom([]int{34, 34, 1, 5, 16, 19, 20, 33, 35, 50, 58, 100}).Draw(t, "digits")
		mode := dec.Rounding(rapid.IntRange(int(dec.RoundDown), int(dec.RoundCeiling)).Draw(t, "mode"))
		if rapid.Bool().Draw(t, "reference_mode") {
			mode = dec.RoundDown
		}
		ctx, err := dec.NewContext(digits, mode)
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
		switch {
		case a.slow != 0:
			slow++
		case a.wide != 0:
			wide++
		default:
			narrow++
		}
		if got := a.sum(&ag.store); !got.Equal(want) {
			t.Fatalf("sum %s, want %s (slow=%v)", got, want, a.slow != 0)
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
		e := rapid.IntRange(0, 90).Draw(t, "e")
		z, ok := mulPow10(x, e)
		wz := new(big.Int).Mul(bx, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
		fits := wz.BitLen() <= 256
		if ok != fits || (ok && bigFromWords(z[:]).Cmp(wz) != 0) {
			t.Fatalf("mulPow10(%s, %d) = %s, %v; want %s, %v", bx, e, bigFromWords(z[:]), ok, wz, fits)
		}
	})
}

// TestDigits128 checks digits128 at both ends of every bit length up to 128
// (the digit count is monotone in x, so this covers every x).
func TestDigits128(t *testing.T) {
	for b := 1; b <= 128; b++ {
		lo := new(big.Int).Lsh(big.NewInt(1), uint(b-1))
		hi := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(b)), big.NewInt(1))
		for _, x := range []*big.Int{lo, hi} {
			w := words256(x)
			if got, want := digits128(w[1], w[0]), len(x.String()); got != want {
				t.Fatalf("digits128(%s) = %d, want %d", x, got, want)
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
