package dec

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestDivisorReciprocal: NewDivisor's reciprocal is floor((2^192 − 1)/d)
// − 2^64 for the normalised divisor d.
func TestDivisorReciprocal(t *testing.T) {
	rng := rand.New(rand.NewPCG(103, 107))
	for range 20000 {
		b := mk(quo128Coef(rng), 0)
		if b.hi == 0 {
			continue
		}
		d := NewDivisor(b)
		num := new(big.Int).Lsh(big.NewInt(1), 192)
		num.Sub(num, big.NewInt(1))
		den := new(big.Int).Lsh(new(big.Int).SetUint64(d.d1), 64)
		den.Or(den, new(big.Int).SetUint64(d.d0))
		num.Quo(num, den)
		num.Sub(num, new(big.Int).Lsh(big.NewInt(1), 64))
		if !num.IsUint64() || num.Uint64() != d.v || d.d1>>63 != 1 {
			t.Fatalf("%s: v = %x, want %s (d1 %x)", b, d.v, num.Text(16), d.d1)
		}
	}
}

// TestQuoByMatchesQuo: QuoBy returns Quo's result, representation for
// representation and error for error, for one-word, two-word, long and
// zero divisors under every rounding mode and 1 to 40 digits.
func TestQuoByMatchesQuo(t *testing.T) {
	rng := rand.New(rand.NewPCG(109, 113))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for i := 0; i < n; i++ {
		a := mk(quo128Coef(rng), int32(rng.IntN(80)-40))
		b := mk(quo128Coef(rng), int32(rng.IntN(80)-40))
		switch rng.IntN(20) {
		case 0:
			a = Dec{}
		case 1:
			b = Dec{}
		case 2:
			c, _ := new(big.Int).SetString("123456789012345678901234567890123456789012345", 10)
			b = mk(c, -30)
		case 3:
			a = New(1, int32(390+rng.IntN(10))) // near the range limits
		}
		if rng.IntN(2) == 0 {
			a = a.Neg()
		}
		if rng.IntN(3) == 0 {
			b = b.Neg()
		}
		ctx, err := NewContext(1+rng.IntN(40), Rounding(rng.IntN(int(numRoundings))))
		if err != nil {
			t.Fatal(err)
		}
		if rng.IntN(2) == 0 {
			ctx = Context{}
		}
		d := NewDivisor(b)
		got, err := ctx.QuoBy(a, &d)
		want, werr := ctx.Quo(a, b)
		if !sameResult(got, err, want, werr) || (err == nil) != (werr == nil) {
			t.Fatalf("[%s] QuoBy(%s, %s) = %s, %v; Quo = %s, %v", ctx, a, b, got, err, want, werr)
		}
	}
}
