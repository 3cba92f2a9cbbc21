package dec

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNumDigits: numDigits is the length of |c| in decimal (1 for 0) for
// both signs, at and next to every power of ten up to 10^300 and for
// random values, and it does not allocate below 10^255 (the table of
// powers of ten); Cmp of big values of one adjusted exponent compares
// their magnitudes (x.CmpAbs(y)) as the definition does.
func TestNumDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(139, 149))
	check := func(c *big.Int) {
		t.Helper()
		want := len(strings.TrimPrefix(c.String(), "-"))
		if got := numDigits(c); got != want {
			t.Fatalf("numDigits(%s) = %d, want %d", c, got, want)
		}
	}
	check(new(big.Int))
	for n := 0; n <= 300; n++ {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
		for _, d := range []int64{-1, 0, 1} {
			c := new(big.Int).Add(p, big.NewInt(d))
			check(c)
			check(new(big.Int).Neg(c))
		}
	}
	for range 2000 {
		c := randBelow(rng, new(big.Int).Lsh(big.NewInt(1), uint(1+rng.IntN(900))))
		if rng.IntN(2) == 0 {
			c.Neg(c)
		}
		check(c)
	}
	c := new(big.Int).Neg(new(big.Int).Exp(big.NewInt(10), big.NewInt(200), nil))
	if n := testing.AllocsPerRun(100, func() { numDigits(c) }); n != 0 {
		t.Fatalf("numDigits of a 201-digit value allocates %v times", n)
	}
	for range 2000 {
		x := randBelow(rng, new(big.Int).Lsh(big.NewInt(1), 400))
		y := new(big.Int).Mul(x, big.NewInt(10))
		y.Add(y, big.NewInt(int64(rng.IntN(21)-10)))
		neg := rng.IntN(2) == 0
		a, b := mk(x, 1), mk(y, 0)
		if neg {
			a, b = a.Neg(), b.Neg()
		}
		want := new(big.Int).Mul(x, big.NewInt(10)).Cmp(y)
		if neg {
			want = -want
		}
		if got := a.Cmp(b); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", a, b, got, want)
		}
	}
}
