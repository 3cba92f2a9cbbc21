package dec_test

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

func TestShow(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 100000)
	for _, tc := range []struct {
		d    decimal.Decimal
		want string
	}{
		{decimal.Decimal{}, "0e0"},
		{decimal.New(-15, -1), "-15e-1"},
		{decimal.New(1, 2147483647), "1e2147483647"},
		{decimal.New(7, -2147483648), "7e-2147483648"},
		{decimal.NewFromBigInt(huge, 3), "<100001-bit coefficient>e3"},
		{decimal.NewFromBigInt(new(big.Int).Neg(huge), -3), "<-100001-bit coefficient>e-3"},
	} {
		got := dec.Show(tc.d)
		if got != tc.want {
			t.Errorf("Show(%s) = %q, want %q", tc.want, got, tc.want)
		}
		if len(got) > 80 {
			t.Errorf("Show(%s): %d bytes", tc.want, len(got))
		}
	}
	// Within 200 bits the coefficient is printed in full.
	c, _ := new(big.Int).SetString(strings.Repeat("9", 60), 10)
	if got := dec.Show(decimal.NewFromBigInt(c, 0)); got != strings.Repeat("9", 60)+"e0" {
		t.Errorf("Show(60 nines) = %q", got)
	}
}

func TestSmall(t *testing.T) {
	big19, _ := new(big.Int).SetString("1000000000000000000", 10)
	for _, tc := range []struct {
		d    decimal.Decimal
		c    int64
		e    int32
		ok   bool
		adjE int
	}{
		{decimal.New(0, 0), 0, 0, true, 0},
		{decimal.New(-15, -1), -15, -1, true, 0},
		{decimal.New(999999999999999999, 7), 999999999999999999, 7, true, 24},
		{decimal.New(-999999999999999999, -7), -999999999999999999, -7, true, 10},
		{decimal.NewFromBigInt(big19, 0), 0, 0, false, 0},
		{decimal.New(1, 2147483647), 1, 2147483647, true, 2147483647},
		{decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 64), 0), 0, 0, false, 0},
		{decimal.NewFromBigInt(new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 63)), 0), 0, 0, false, 0},
	} {
		c, e, ok := dec.Small(tc.d)
		if c != tc.c || e != tc.e || ok != tc.ok {
			t.Errorf("Small(%s) = %d, %d, %v", dec.Show(tc.d), c, e, ok)
		}
		if ok && dec.SmallAdjExp(c, e) != tc.adjE {
			t.Errorf("SmallAdjExp(%d, %d) = %d, want %d", c, e, dec.SmallAdjExp(c, e), tc.adjE)
		}
	}
}

// smallRef is Small's definition: the coefficient when |c| < 10^18.
func smallRef(d decimal.Decimal) (int64, int32, bool) {
	co := d.Coefficient()
	lim := big.NewInt(1_000_000_000_000_000_000)
	if new(big.Int).Abs(co).Cmp(lim) >= 0 {
		return 0, 0, false
	}
	return co.Int64(), d.Exponent(), true
}

// TestSmallMatchesDefinition: around ±10^18 and ±2^63, at exponents inside
// and outside the bound tables, Small agrees with its definition; inside
// the tables it does not allocate.
func TestSmallMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(89, 97))
	edges := []string{"999999999999999999", "1000000000000000000", "1000000000000000001", "9223372036854775807",
		"9223372036854775808", "18446744073709551616", "0", "1", "123456789012345678901234567890"}
	for i := range 20000 {
		var co *big.Int
		if i%3 == 0 {
			co, _ = new(big.Int).SetString(edges[rng.IntN(len(edges))], 10)
		} else {
			co = new(big.Int).Lsh(new(big.Int).SetUint64(rng.Uint64()), 64)
			co.Or(co, new(big.Int).SetUint64(rng.Uint64()))
			co.Rsh(co, uint(rng.IntN(128)))
		}
		if rng.IntN(2) == 0 {
			co.Neg(co)
		}
		d := decimal.NewFromBigInt(co, int32(rng.IntN(240)-120))
		c, e, ok := dec.Small(d)
		wc, we, wok := smallRef(d)
		if c != wc || e != we || ok != wok {
			t.Fatalf("Small(%s) = %d, %d, %v; want %d, %d, %v", dec.Show(d), c, e, ok, wc, we, wok)
		}
	}
	d := decimal.New(-123456789012345678, -20)
	if n := testing.AllocsPerRun(100, func() { dec.Small(d) }); n != 0 {
		t.Fatalf("Small allocates %v times", n)
	}
}
