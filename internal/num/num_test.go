package num_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genDecimal draws a decimal inside the range: up to 60 digits (so both
// the inline and the *big.Int coefficient are drawn), either sign, any
// exponent that keeps it in range.
func genDecimal(t *rapid.T, label string) decimal.Decimal {
	digits := rapid.IntRange(1, 60).Draw(t, label+"_digits")
	s := rapid.StringOfN(rapid.RuneFrom([]rune("0123456789")), digits, digits, -1).Draw(t, label+"_coef")
	c, _ := new(big.Int).SetString(s, 10)
	if rapid.Bool().Draw(t, label+"_neg") {
		c.Neg(c)
	}
	exp := rapid.Int32Range(-340, 340).Draw(t, label+"_exp")
	return decimal.NewFromBigInt(c, exp)
}

// TestNumKeepsTheDecimal: New then Decimal gives the same coefficient and
// exponent (zero becomes decimal.Decimal{}); String, JSON, Sign, IsZero,
// Cmp and Equal agree with the decimal's own.
func TestNumKeepsTheDecimal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := genDecimal(t, "a"), genDecimal(t, "b")
		if k := rapid.IntRange(-1, 3).Draw(t, "equal"); k >= 0 {
			// a's value in another representation: coefficient·10^k at
			// exponent − k.
			c := new(big.Int).Mul(a.Coefficient(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
			b = decimal.NewFromBigInt(c, a.Exponent()-int32(k))
			if !b.Equal(a) {
				t.Fatalf("%s and %s should be equal", a, b)
			}
		}
		na, err := num.New(a)
		if err != nil {
			t.Fatalf("New(%s): %v", a, err)
		}
		nb, err := num.New(b)
		if err != nil {
			t.Fatalf("New(%s): %v", b, err)
		}
		back := na.Decimal()
		if a.Sign() == 0 {
			if back != (decimal.Decimal{}) {
				t.Fatalf("zero %s came back as %#v", a, back)
			}
		} else if back.Coefficient().Cmp(a.Coefficient()) != 0 || back.Exponent() != a.Exponent() {
			t.Fatalf("New(%s).Decimal() = %s×10^%d", a, back.Coefficient(), back.Exponent())
		}
		if na.String() != a.String() {
			t.Fatalf("String %q, decimal %q", na.String(), a.String())
		}
		jn, err1 := json.Marshal(na)
		jd, err2 := json.Marshal(a)
		if err1 != nil || err2 != nil || string(jn) != string(jd) {
			t.Fatalf("JSON %s (%v), decimal %s (%v)", jn, err1, jd, err2)
		}
		var rt num.Num
		if err := json.Unmarshal(jn, &rt); err != nil || rt.Decimal().String() != a.String() || rt.Cmp(na) != 0 {
			t.Fatalf("JSON round trip of %s: %s, %v", jn, rt, err)
		}
		if na.Sign() != a.Sign() || na.IsZero() != a.IsZero() {
			t.Fatalf("Sign/IsZero of %s: %d %v", a, na.Sign(), na.IsZero())
		}
		if na.Cmp(nb) != a.Cmp(b) || na.Equal(nb) != a.Equal(b) {
			t.Fatalf("Cmp(%s, %s) = %d, decimal %d", a, b, na.Cmp(nb), a.Cmp(b))
		}
		if d, err := dec.FromDecimal(a); err != nil || !d.Identical(na.Dec()) && d.Cmp(na.Dec()) != 0 {
			t.Fatalf("Dec of %s: %s, want %s", a, na.Dec(), d)
		}
	})
}

func TestNumZeroValueAndOf(t *testing.T) {
	var z num.Num
	if !z.IsZero() || z.Sign() != 0 || z.String() != "0" || z.Decimal() != (decimal.Decimal{}) {
		t.Fatalf("zero value: %v", z)
	}
	if b, err := json.Marshal(z); err != nil || string(b) != `"0"` {
		t.Fatalf("zero value JSON %s, %v", b, err)
	}
	d := dec.New(-12345, -3)
	if n := num.Of(d); !n.Dec().Identical(d) || n.String() != "-12.345" {
		t.Fatalf("Of(%s) = %s", d, n)
	}
}

func TestNumRefusesOutOfRange(t *testing.T) {
	for _, d := range []decimal.Decimal{
		decimal.New(1, 401), decimal.New(-1, 401), decimal.New(1, -401), decimal.New(1, 1<<31-1),
		decimal.NewFromBigInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(1000), nil), -500), // 1001 digits
	} {
		if n, err := num.New(d); !errors.Is(err, dec.ErrRange) || !n.IsZero() {
			t.Errorf("New(%s) = %s, %v; want ErrRange", d.String()[:min(20, len(d.String()))], n, err)
		}
	}
	for _, s := range []string{`"1e401"`, `-1e-401`, `"` + strings.Repeat("7", 1001) + `"`, `"` + strings.Repeat("0", num.MaxJSONBytes) + `1"`} {
		n := num.Of(dec.New(5, 0))
		if err := json.Unmarshal([]byte(s), &n); !errors.Is(err, dec.ErrRange) {
			t.Errorf("Unmarshal(%.30s): %v, want ErrRange", s, err)
		}
		if n.Cmp(num.Of(dec.New(5, 0))) != 0 {
			t.Errorf("Unmarshal(%.30s) changed the value to %s", s, n)
		}
	}
	for _, s := range []string{`"abc"`, `"1e"`, `"NaN"`, `{}`, `"1,5"`} {
		var n num.Num
		if err := json.Unmarshal([]byte(s), &n); err == nil {
			t.Errorf("Unmarshal(%s) = %s, want an error", s, n)
		}
	}
	n := num.Of(dec.New(5, 0))
	if err := json.Unmarshal([]byte(`null`), &n); err != nil || n.String() != "5" {
		t.Errorf("null: %s, %v; want the value unchanged", n, err)
	}
}

func FuzzNumJSON(f *testing.F) {
	for _, s := range []string{`"0"`, `"-12.50"`, `1e3`, `"1e401"`, `null`, `"9.99e400"`, `"1e-400"`, `""`, `"x"`, `[]`,
		`"` + strings.Repeat("9", 1000) + `"`, `"` + strings.Repeat("9", 1001) + `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var n num.Num
		if err := n.UnmarshalJSON(b); err != nil {
			if !n.IsZero() {
				t.Fatalf("error %v left %s", err, n)
			}
			return
		}
		out, err := n.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		// The text is decimal.Decimal's String: the value survives, the
		// representation may not (12.50 is written 12.5), as for a decimal.
		var m num.Num
		if err := m.UnmarshalJSON(out); err != nil || m.Cmp(n) != 0 {
			t.Fatalf("%q -> %s -> %s, %v", b, out, m, err)
		}
	})
}

// TestSmallMatchesDecimal: a Num's Dec.Small (what package reputation reads
// pair values with) returns what dec.Small returns for the Num's decimal:
// coefficients around ±10^18 and 2^64, wide ones, trailing zeros (the same
// value at several exponents), zero.
func TestSmallMatchesDecimal(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, d decimal.Decimal) {
		n, err := num.New(d)
		if err != nil {
			return
		}
		c, e, ok := n.Dec().Small()
		wc, we, wok := dec.Small(n.Decimal())
		if c != wc || e != we || ok != wok {
			t.Fatalf("Small(%s (coef %s, exp %d)) = %d, %d, %v; want %d, %d, %v",
				d, d.Coefficient(), d.Exponent(), c, e, ok, wc, we, wok)
		}
	}
	coefs := []string{"0", "1", "-1", "10", "-100", "999999999999999999", "-999999999999999999",
		"1000000000000000000", "-1000000000000000000", "18446744073709551615", "18446744073709551616",
		"9223372036854775807", "-9223372036854775808", "123456789012345678901234567890123",
		"340282366920938463463374607431768211455", "340282366920938463463374607431768211456",
		"1234567890123456789012345678901234567890123"}
	for _, s := range coefs {
		c, _ := new(big.Int).SetString(s, 10)
		for _, e := range []int32{-417, -400, -60, -34, -12, -1, 0, 1, 5, 17, 38, 39, 383, 400} {
			check(t, decimal.NewFromBigInt(c, e))
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		d := genDecimal(t, "d")
		if rapid.Bool().Draw(t, "short") {
			d = decimal.New(rapid.Int64Range(-2e18, 2e18).Draw(t, "c"), rapid.Int32Range(-400, 380).Draw(t, "e"))
		}
		check(t, d)
	})
}

// BenchmarkSmall times Dec.Small on a 12-digit Num (reputation's case)
// against dec.Small on the same decimal.
func BenchmarkSmall(b *testing.B) {
	d := decimal.New(-123456789012, -12)
	n, _ := num.New(d)
	b.Run("Dec.Small", func(b *testing.B) {
		b.ReportAllocs()
		var s int64
		for b.Loop() {
			c, _, _ := n.Dec().Small()
			s += c
		}
		_ = s
	})
	b.Run("dec.Small", func(b *testing.B) {
		b.ReportAllocs()
		var s int64
		for b.Loop() {
			c, _, _ := dec.Small(d)
			s += c
		}
		_ = s
	})
}
