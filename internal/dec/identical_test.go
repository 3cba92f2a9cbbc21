package dec

import (
	"math/big"
	"testing"
)

// TestIdentical: Identical compares representations: equal values of
// different representations, different signs, exponents or coefficients and
// every big coefficient are not identical.
func TestIdentical(t *testing.T) {
	big1 := Dec{big: new(big.Int).Lsh(big.NewInt(1), 130)}
	for _, c := range []struct {
		a, b Dec
		want bool
	}{
		{MustParse("1.25"), MustParse("1.25"), true},
		{MustParse("-1.25"), MustParse("-1.25"), true},
		{MustParse("1.25"), MustParse("-1.25"), false},
		{MustParse("1"), MustParse("1.0"), false}, // Equal, other exponent
		{MustParse("1.25"), MustParse("1.26"), false},
		{New(1, 0), New(1, 0).Shift(0), true},
		{Dec{lo: 1, hi: 1}, Dec{lo: 1, hi: 2}, false},
		{Dec{}, Dec{}, true},
		{big1, big1, false},
	} {
		if got := c.a.Identical(c.b); got != c.want {
			t.Errorf("%v.Identical(%v) = %v, want %v", c.a, c.b, got, c.want)
		}
		if c.want && !c.a.Equal(c.b) {
			t.Errorf("%v and %v identical but not equal", c.a, c.b)
		}
	}
}
