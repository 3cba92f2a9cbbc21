package reputation

import (
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestSqrtRefHalfEven: the reference's square root rounds half-even even in
// its truncating context (apd v3 Context.Sqrt ends with RoundHalfEven, as
// the General Decimal Arithmetic specification prescribes for square-root).
// √10 = 3.16227766016837933199889354443271853371955… (Python decimal at 60
// digits): half-even at 34 digits gives …719, truncation …718.
func TestSqrtRefHalfEven(t *testing.T) {
	got, err := sqrtRef(dec.FromInt64(10), 34)
	if err != nil {
		t.Fatal(err)
	}
	if want := dec.MustParse("3.162277660168379331998893544432719"); !got.Equal(want) {
		t.Fatalf("sqrtRef(10) = %s, want %s", got, want)
	}
	trunc, _ := dec.Context{}.Sqrt(dec.FromInt64(10))
	if trunc.Equal(got) {
		t.Fatalf("the decimal core's truncated root %s should differ", trunc)
	}
	// Exact roots and zero.
	for _, c := range [][2]string{{"0", "0"}, {"4", "2"}, {"0.0144", "0.12"}, {"1e-300", "1e-150"}} {
		v, err := sqrtRef(dec.MustParse(c[0]), 34)
		if err != nil || !v.Equal(dec.MustParse(c[1])) {
			t.Errorf("sqrtRef(%s) = %s, %v", c[0], v, err)
		}
	}
	if _, err := sqrtRef(dec.FromInt64(-1), 34); err == nil {
		t.Error("sqrt(-1) accepted")
	}
}

// TestSqrtRefMatchesApdIteration: the fast branch of sqrtRef (correctly
// rounded half-even away from midpoints) equals the reproduction of apd's
// Newton iteration on random radicands, including exact squares of 35-digit
// numbers ending in 5 (exact midpoints) and their neighbours.
func TestSqrtRefMatchesApdIteration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		digits := rapid.SampledFrom([]int{34, 34, 20, 7}).Draw(t, "digits")
		var x dec.Dec
		if rapid.Bool().Draw(t, "midpoint") {
			// r = (c·10 + 5) with digits+1 significant digits; x = r² ± δ.
			c := new(big.Int).SetUint64(rapid.Uint64Range(1, 1<<62).Draw(t, "c"))
			for ndigits(c) < digits {
				c.Mul(c, big.NewInt(10))
			}
			r := new(big.Int).Add(new(big.Int).Mul(c, big.NewInt(10)), big.NewInt(5))
			sq := new(big.Int).Mul(r, r)
			sq.Add(sq, big.NewInt(int64(rapid.IntRange(-2, 2).Draw(t, "delta"))))
			x, _ = dec.FromDecimal(decimal.NewFromBigInt(sq, int32(rapid.IntRange(-80, 0).Draw(t, "e"))*2))
		} else {
			x = genDec(t, "x", 77).Abs()
		}
		if x.IsZero() {
			return
		}
		got, err := sqrtRef(x, digits)
		if err != nil {
			t.Fatal(err)
		}
		want, err := sqrtApd(bdOf(x), digits).dec()
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Fatalf("sqrt(%s) at %d digits: fast %s, apd iteration %s", x, digits, got, want)
		}
	})
}

// TestIntPowRef: the NEWEST power is exact (then truncated once) whenever
// x^n has at most max(34, digits(x))+10 digits; 0.9^4 = 0.6561 (B.5).
func TestIntPowRef(t *testing.T) {
	ctx := dec.Context{}
	for _, c := range []struct {
		x    string
		n    uint64
		want string
	}{
		{"0.9", 4, "0.6561"},
		{"0.99", 10, "0.90438207500880449001"}, // exact: 20 digits
		{"0.3333333333333333333333", 2, "0.1111111111111111111110888888888888888888888889"}, // 44 digits, truncated to 34 below
	} {
		got, err := intPowRef(ctx, dec.MustParse(c.x), c.n)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ctx.Round(dec.MustParse(c.want))
		if !got.Equal(want) {
			t.Errorf("%s^%d = %s, want %s", c.x, c.n, got, want)
		}
	}
	// Underflow below the decimal range flushes to 0.
	if v, err := intPowRef(ctx, dec.MustParse("0.5"), 5000); err != nil || !v.IsZero() {
		t.Errorf("0.5^5000 = %s, %v", v, err)
	}
}
