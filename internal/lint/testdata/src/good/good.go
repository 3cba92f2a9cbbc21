// Package good holds code the linter must accept.
package good

import (
	"cmp"
	"maps"
	"math"
	"math/big"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Float64 is only a name.
type Float64 struct{ Bits uint64 }

const limit = math.MaxInt64 // integer constants of math are fine

func decimals(a, b decimal.Decimal) (int, bool, string) {
	c := a.Cmp(b) + a.Sign() + int(a.Exponent())
	_ = a.Coefficient()
	_ = a.CoefficientInt64()
	eq := a.Equal(b) && !a.IsZero() && a.IsInteger() && a.LessThan(b) && a.GreaterThanOrEqual(decimal.Zero)
	_ = decimal.New(1, -3)
	_ = decimal.NewFromInt(7)
	_ = decimal.NewFromBigInt(big.NewInt(3), 2)
	_ = decimal.RequireFromString("1.25")
	d, err := decimal.NewFromString("2.5")
	_ = decimal.Max(a, b, d)
	_ = decimal.Min(a, b)
	_, _ = a.MarshalJSON()
	_ = a.Rat()
	return c, eq && err == nil, a.String() + strconv.Itoa(c)
}

func maps2(m map[string]int) []string {
	keys := slices.Sorted(maps.Keys(m))
	vals := slices.Sorted(maps.Values(m))
	_ = vals
	if _, ok := m["x"]; ok {
		delete(m, "x")
	}
	n := 0
	//lint:map-order counting is order-independent
	for range m {
		n++
	}
	var ks []string
	for k := range m { //lint:map-order collected, sorted right after
		ks = append(ks, k)
	}
	slices.SortFunc(ks, cmp.Compare)
	for i, k := range keys {
		_, _ = i, k
	}
	return ks
}

func integers(x *big.Int) *big.Int {
	y := new(big.Int).Mul(x, x)
	return y.Add(y, big.NewInt(limit))
}

func files() error {
	f, err := os.Open("x")
	if err != nil {
		return err
	}
	_ = time.Second
	return f.Close()
}

func justified(n int) int {
	//lint:float-ok a size estimate, corrected exactly afterwards
	return int(float64(n) * 0.30103)
}
