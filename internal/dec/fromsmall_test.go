package dec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFromSmallMatchesShift: FromSmall(c, e) is FromInt64(c).Shift(e),
// representation for representation, for random and extreme coefficients
// (0, ±1, ±(10^18 − 1), the int64 limits) and exponents.
func TestFromSmallMatchesShift(t *testing.T) {
	rng := rand.New(rand.NewPCG(131, 137))
	cs := []int64{0, 1, -1, 999_999_999_999_999_999, -999_999_999_999_999_999, math.MaxInt64, math.MinInt64}
	for range 100000 {
		c := int64(rng.Uint64())
		if rng.IntN(2) == 0 {
			c >>= rng.IntN(64)
		}
		cs = append(cs, c)
	}
	for i, c := range cs {
		e := int32(rng.IntN(601) - 300)
		if i%7 == 0 {
			e = 0
		}
		got, want := FromSmall(c, e), FromInt64(c).Shift(e)
		if got != want {
			t.Fatalf("FromSmall(%d, %d) = %v (exp %d), want %v (exp %d)", c, e, got, got.exp, want, want.exp)
		}
	}
}
