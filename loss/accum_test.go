package loss

import (
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
		ag := newAggregator(ctx, 0)
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
			nd := rapid.IntRange(1, 24).Draw(t, "value_digits")
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

// TestWordHelpers checks the 192/256-bit helpers against math/big.
func TestWordHelpers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := u192{rapid.Uint64().Draw(t, "x0"), rapid.Uint64().Draw(t, "x1"), rapid.Uint64().Draw(t, "x2") >> rapid.UintRange(0, 64).Draw(t, "shift")}
		bx := bigFromWords(x[:])
		if bx.Sign() > 0 {
			if got, want := digits192(x), len(bx.String()); got != want {
				t.Fatalf("digits192(%s) = %d, want %d", bx, got, want)
			}
		}
		k := rapid.IntRange(0, 60).Draw(t, "k")
		q := div192(x, k)
		wq := new(big.Int).Quo(bx, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
		if bigFromWords(q[:]).Cmp(wq) != 0 {
			t.Fatalf("div192(%s, %d) = %s, want %s", bx, k, bigFromWords(q[:]), wq)
		}
		m := rapid.Uint64().Draw(t, "m")
		if m > 0 {
			if got, want := numDigits64(m), len(fmt.Sprint(m)); got != want {
				t.Fatalf("numDigits64(%d) = %d, want %d", m, got, want)
			}
		}
		hi, lo := rapid.Uint64().Draw(t, "hi")>>28, rapid.Uint64().Draw(t, "lo")
		p := mulStake(hi, lo, m)
		wp := new(big.Int).Mul(bigFromWords([]uint64{lo, hi}), new(big.Int).SetUint64(m))
		if bigFromWords(p[:]).Cmp(wp) != 0 {
			t.Fatalf("mulStake = %s, want %s", bigFromWords(p[:]), wp)
		}
		y := u256{x[0], x[1], x[2], rapid.Uint64().Draw(t, "y3") >> rapid.UintRange(0, 64).Draw(t, "s3")}
		e := rapid.IntRange(0, 90).Draw(t, "e")
		z, ok := mulPow10(y, e)
		wz := new(big.Int).Mul(bigFromWords(y[:]), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
		fits := wz.BitLen() <= 256
		if ok != fits || (ok && bigFromWords(z[:]).Cmp(wz) != 0) {
			t.Fatalf("mulPow10(%s, %d) = %s, %v; want %s, %v", bigFromWords(y[:]), e, bigFromWords(z[:]), ok, wz, fits)
		}
	})
}
