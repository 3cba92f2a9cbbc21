package dec

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestMulWordsMatchesMul: MulWords gives the coefficient and exponent of
// the exact product rounded by Round (as Mul returns them) whenever it
// decides, in every rounding mode at 34 and 18 digits, on
// operands of 1 to 128 bits (among them the loss aggregation's shape: a
// stake below 2^100 times a 34-digit value), and decides for every such
// product at 34 digits.
func TestMulWordsMatchesMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(211, 223))
	word := func(bitsN int) (uint64, uint64) {
		hi, lo := rng.Uint64(), rng.Uint64()
		switch {
		case bitsN <= 64:
			hi, lo = 0, lo>>(64-bitsN)
		default:
			hi >>= 128 - bitsN
		}
		if hi|lo == 0 {
			lo = 1
		}
		return hi, lo
	}
	decided, lossShape := 0, 0
	for i := range 200000 {
		xh, xl := word(1 + rng.IntN(128))
		yh, yl := word(1 + rng.IntN(128))
		if i%2 == 0 { // the loss shape: a stake times a value of up to 34 digits
			xh, xl = word(1 + rng.IntN(100))
			yh, yl = word(1 + rng.IntN(112))
		}
		exp := int64(rng.IntN(120) - 80)
		neg := rng.IntN(2) == 0
		ctx := Context{}
		if i%3 == 0 {
			ctx, _ = NewContext(18+16*rng.IntN(2), Rounding(rng.IntN(int(numRoundings))))
		}
		hi, lo, e, ok := ctx.MulWords(xh, xl, yh, yl, exp, neg)
		// The oracle: the exact product by math/big, rounded by Round (no
		// two-word product path on the way).
		exact := new(big.Int).Mul(FromWords(false, [4]uint64{xl, xh}, 0).coefBig(), FromWords(false, [4]uint64{yl, yh}, 0).coefBig())
		if neg {
			exact.Neg(exact)
		}
		want, err := ctx.Round(mk(exact, int32(exp)))
		if i%2 == 0 && i%3 != 0 {
			lossShape++
			if !ok {
				t.Fatalf("%x:%x · %x:%x: MulWords did not decide a loss-shaped product", xh, xl, yh, yl)
			}
		}
		if !ok {
			continue
		}
		decided++
		got := Dec{lo: lo, hi: hi, signExp: signExp{exp: e, neg: neg}}
		if err != nil || got.big != nil || want.big != nil || got != want {
			t.Fatalf("%x:%x · %x:%x · 10^%d (%s): MulWords %s (%d), Mul %s (%v)", xh, xl, yh, yl, exp, ctx, got, e, want, err)
		}
	}
	if decided < 100000 || lossShape == 0 {
		t.Fatalf("MulWords decided %d of 200000 products", decided)
	}
}
