package dec

import (
	"fmt"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// fromDecimalRef is FromDecimal as it was before the allocation rework
// (mk retains the coefficient copy, so its header escapes on every call):
// the reference of TestFromDecimalDifferential.
func fromDecimalRef(d decimal.Decimal) (Dec, error) {
	c := d.Coefficient()
	if c.BitLen() > maxDigitsBits {
		return Dec{}, fmt.Errorf("%w: coefficient with %d bits", ErrRange, c.BitLen())
	}
	r := mk(c, d.Exponent())
	if err := r.checkRange(); err != nil {
		return Dec{}, err
	}
	return r, nil
}

// TestFromDecimalDifferential compares FromDecimal with fromDecimalRef,
// representation for representation and error text for error text, on
// edge cases (zero with any exponent, the 64- and 128-bit word boundaries,
// the digit and exponent bounds) and on random coefficients of 0 to 3400
// bits with random exponents.
func TestFromDecimalDifferential(t *testing.T) {
	pow2 := func(n uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), n) }
	add := func(x *big.Int, d int64) *big.Int { return new(big.Int).Add(x, big.NewInt(d)) }
	pow10 := func(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }
	var cases []decimal.Decimal
	coefs := []*big.Int{
		big.NewInt(0), big.NewInt(1), big.NewInt(9), add(pow2(63), -1), pow2(63), add(pow2(64), -1), pow2(64),
		add(pow2(128), -1), pow2(128), add(pow2(128), 1), add(pow2(192), -1), pow2(256),
		add(pow10(MaxDigits), -1), pow10(MaxDigits), pow2(maxDigitsBits), add(pow2(maxDigitsBits), -1),
	}
	exps := []int32{0, 1, -1, -18, -34, MinAdjExp, MinAdjExp - 1, MaxAdjExp, MaxAdjExp + 1, -MaxDigits - 400, 1 << 30, -1 << 30}
	for _, c := range coefs {
		for _, e := range exps {
			cases = append(cases, decimal.NewFromBigInt(c, e), decimal.NewFromBigInt(new(big.Int).Neg(c), e))
		}
	}
	cases = append(cases, decimal.Decimal{}, decimal.New(0, -5), decimal.RequireFromString("-0.000"))
	r := rand.New(rand.NewPCG(7, 11))
	for range 20000 {
		bitsN := r.IntN(260)
		if r.IntN(20) == 0 {
			bitsN = r.IntN(3400)
		}
		ws := make([]big.Word, bitsN/bits.UintSize+1)
		for i := range ws {
			ws[i] = big.Word(r.Uint64())
		}
		c := new(big.Int).SetBits(ws)
		c.Rsh(c, uint(len(ws)*bits.UintSize-bitsN))
		if r.IntN(2) == 0 {
			c.Neg(c)
		}
		cases = append(cases, decimal.NewFromBigInt(c, int32(r.IntN(1000)-500)))
	}
	for _, d := range cases {
		got, err := FromDecimal(d)
		want, werr := fromDecimalRef(d)
		if (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
			t.Fatalf("FromDecimal(%s): error %v, reference %v", d, err, werr)
		}
		if !sameRep(got, want) {
			t.Fatalf("FromDecimal(%s) = %+v, reference %+v", d, got, want)
		}
	}
	// The coefficient kept for a big value is independent of d and of
	// another conversion of d: changing its words changes neither.
	d := decimal.NewFromBigInt(pow2(300), 0)
	x, _ := FromDecimal(d)
	y, _ := FromDecimal(d)
	x.big.Bits()[0] = 1
	if d.Coefficient().Cmp(pow2(300)) != 0 || y.big.Cmp(pow2(300)) != 0 {
		t.Fatal("a converted big coefficient shares its words with the decimal or another conversion")
	}
}

// TestFromDecimalAllocs pins FromDecimal's allocations: one (shopspring's
// coefficient copy) for a coefficient below 2^128, none for zero, two (the
// copy and the kept header) above.
func TestFromDecimalAllocs(t *testing.T) {
	for _, c := range []struct {
		d    decimal.Decimal
		want float64
	}{
		{decimal.Decimal{}, 0},
		{decimal.New(0, -3), 0},
		{decimal.New(-12345, -4), 1},
		{decimal.RequireFromString("-1234567890123456789012345678901234e-40"), 1},
		{decimal.RequireFromString("12345678901234567890123456789012345678901234567890"), 2},
	} {
		got := testing.AllocsPerRun(100, func() {
			if _, err := FromDecimal(c.d); err != nil {
				t.Fatal(err)
			}
		})
		if got != c.want {
			t.Errorf("FromDecimal(%s): %v allocations, want %v", c.d, got, c.want)
		}
	}
}
