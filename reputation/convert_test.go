package reputation

import (
	"errors"
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// checkDecimalRef is checkDecimal as first written (dec.Small, then
// dec.SmallAdjExp, then dec.FromDecimal for the error), the reference of
// TestCheckDecimalMatchesRef.
func checkDecimalRef(d decimal.Decimal) (c int64, e int32, small bool, err error) {
	if c, e, ok := dec.Small(d); ok {
		if adj := dec.SmallAdjExp(c, e); adj >= dec.MinAdjExp && adj <= dec.MaxAdjExp {
			return c, e, true, nil
		}
	}
	_, err = dec.FromDecimal(d)
	return 0, 0, false, err
}

// TestCheckDecimalMatchesRef: checkDecimal (one comparison at ordinary
// exponents, no digit count away from the range ends) returns exactly what
// its first version returns: coefficients around ±10^18, exponents around
// the ends of its bound table and of the decimal core's range, the zero
// value, wide coefficients.
func TestCheckDecimalMatchesRef(t *testing.T) {
	same := func(t fataler, d decimal.Decimal) {
		c1, e1, s1, err1 := checkDecimal(d)
		c2, e2, s2, err2 := checkDecimalRef(d)
		if c1 != c2 || e1 != e2 || s1 != s2 || (err1 == nil) != (err2 == nil) ||
			(err1 != nil && (err1.Error() != err2.Error() || errors.Is(err1, dec.ErrRange) != errors.Is(err2, dec.ErrRange))) {
			t.Fatalf("%s (coef %s, exp %d): %d %d %v %v, want %d %d %v %v", d, d.Coefficient(), d.Exponent(), c1, e1, s1, err1, c2, e2, s2, err2)
		}
	}
	same(t, decimal.Decimal{})
	coefs := []int64{0, 1, -1, 9, 999_999_999_999_999_999, -999_999_999_999_999_999, 1_000_000_000_000_000_000,
		-1_000_000_000_000_000_000, 123_456_789_012_345_678, 1<<63 - 1, -1 << 63}
	for _, c := range coefs {
		for e := int32(-440); e <= 440; e++ {
			same(t, decimal.New(c, e))
		}
		for _, e := range []int32{-1 << 31, 1<<31 - 1, -100_000, 100_000} {
			same(t, decimal.New(c, e))
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		var c big.Int
		c.SetUint64(rapid.Uint64().Draw(t, "lo"))
		if rapid.Bool().Draw(t, "wide") {
			hi := new(big.Int).SetUint64(rapid.Uint64Range(0, 1<<20).Draw(t, "hi"))
			c.Add(&c, hi.Lsh(hi, 64))
		} else {
			c.Rsh(&c, uint(rapid.IntRange(0, 64).Draw(t, "shift")))
		}
		if rapid.Bool().Draw(t, "neg") {
			c.Neg(&c)
		}
		e := int32(rapid.IntRange(-460, 460).Draw(t, "exp"))
		same(t, decimal.NewFromBigInt(&c, e))
	})
}

// TestLossMatrixCoefficients: the loss matrix's coefficients and exponents
// (lm.coefs) are those of the reported values, looked up in each report by
// coordinate (reportedValue: the report's own lists, not the matrix's
// walk), and a coordinate is present exactly when the report has it; on
// settlement-shaped reports, with lists shuffled, entries dropped or all
// keys the same.
func TestLossMatrixCoefficients(t *testing.T) {
	var whole, filled int
	rapid.Check(t, func(t *rapid.T) {
		R, n := rapid.IntRange(1, 5).Draw(t, "R"), rapid.IntRange(1, 4).Draw(t, "n")
		reports := settlementReports(R, n)
		for m := range reports {
			b := &reports[m].Losses
			switch rapid.IntRange(0, 4).Draw(t, "change") {
			case 0: // shuffle the inferers
				for i := len(b.Inferers) - 1; i > 0; i-- {
					j := rapid.IntRange(0, i).Draw(t, "j")
					b.Inferers[i], b.Inferers[j] = b.Inferers[j], b.Inferers[i]
				}
			case 1: // drop a pair
				if len(b.OneOutInfererForecasters) > 1 {
					b.OneOutInfererForecasters = b.OneOutInfererForecasters[1:]
				}
			case 2: // a value with more than 18 digits
				b.Naive = decimal.RequireFromString("1.2345678901234567890123")
			}
		}
		lm, err := completeLosses(reports, MaxGramCoordinates)
		if err != nil {
			t.Fatal(err)
		}
		K := lm.K
		layout := lm.layout()
		if len(layout) != K {
			t.Fatalf("layout of %d coordinates, K = %d", len(layout), K)
		}
		for c := range layout {
			if lm.listAt(c) != layout[c].List {
				t.Fatalf("coordinate %d: listAt %s, layout %s", c, lm.listAt(c), layout[c].List)
			}
		}
		small := true
		var coef []uint64
		var exp []smallExp
		if lm.small {
			coef, exp = lm.coefs()
		}
		expAt := func(i int) int32 {
			if exp == nil {
				return int32(lm.stats.e0)
			}
			return int32(exp[i])
		}
		byReputer := map[string]loss.Bundle{}
		for _, r := range reports {
			byReputer[r.Reputer] = r.Losses
		}
		for m := range lm.bls {
			for c, co := range layout {
				v, ok := reportedValue(byReputer[lm.reputers[m]], co)
				if ok != lm.present[m][c] {
					t.Fatalf("row %d coordinate %d (%+v): present %v, reported %v", m, c, co, lm.present[m][c], ok)
				}
				if !ok {
					continue
				}
				cc, e, s, err := checkDecimal(v)
				if err != nil {
					t.Fatal(err)
				}
				small = small && s
				if lm.small && (int64(coef[m*K+c]) != cc || expAt(m*K+c) != e) {
					t.Fatalf("row %d coordinate %d: %d·10^%d, want %d·10^%d", m, c, coef[m*K+c], expAt(m*K+c), cc, e)
				}
			}
		}
		if small != lm.small {
			t.Fatalf("small %v, want %v", lm.small, small)
		}
		if lm.whole {
			whole++
		} else {
			filled++
		}
	})
	t.Logf("%d matrices, %d of them whole", whole+filled, whole)
	if whole == 0 || filled == 0 {
		t.Fatalf("%d whole and %d filled matrices: both ways must run", whole, filled)
	}
}

// reportedValue returns the value b reports at coordinate co, found in b's
// lists by key, and whether b has it.
func reportedValue(b loss.Bundle, co Coordinate) (decimal.Decimal, bool) {
	var vs []loss.Value
	switch co.List {
	case ListCombined:
		return b.Combined, true
	case ListNaive:
		return b.Naive, true
	case ListInferers:
		vs = b.Inferers
	case ListForecasters:
		vs = b.Forecasters
	case ListOneOutInferers:
		vs = b.OneOutInferers
	case ListOneOutForecasters:
		vs = b.OneOutForecasters
	case ListOneInForecasters:
		vs = b.OneInForecasters
	case ListOneOutInfererForecasters:
		for _, p := range b.OneOutInfererForecasters {
			if p.Forecaster == co.Worker && p.Inferer == co.Inferer {
				return p.Value.Decimal(), true
			}
		}
		return decimal.Decimal{}, false
	}
	for _, v := range vs {
		if v.ID == co.Worker {
			return v.Value, true
		}
	}
	return decimal.Decimal{}, false
}
