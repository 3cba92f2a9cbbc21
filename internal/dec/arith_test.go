package dec_test

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// d parses a constant (tests only).
func d(s string) dec.Dec { return dec.MustParse(s) }

// mustCtx returns NewContext(p, r) or fails the test.
func mustCtx(t testing.TB, p int, r dec.Rounding) dec.Context {
	t.Helper()
	c, err := dec.NewContext(p, r)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var allModes = []dec.Rounding{dec.RoundDown, dec.RoundHalfEven, dec.RoundHalfUp, dec.RoundUp, dec.RoundFloor, dec.RoundCeiling}

// modeResults lists one expected result per mode, in allModes order.
type modeResults [6]string

// TestRoundModes checks Context.Round in every mode. Each expected value is
// worked by hand from the rounding rule: down truncates toward zero, up
// rounds away from zero, floor toward −∞, ceiling toward +∞, half-up rounds
// ties away from zero, half-even rounds ties to the even digit.
func TestRoundModes(t *testing.T) {
	nines35 := "9." + strings.Repeat("9", 34)          // 35 nines: 10 − 1e-34
	below := "9." + strings.Repeat("9", 33)            // 34 nines
	tie35 := "1." + strings.Repeat("0", 32) + "15"     // 1.000…0015: tie between …001 and …002
	tie35even := "1." + strings.Repeat("0", 32) + "25" // tie between …002 and …003
	cases := []struct {
		p    int
		in   string
		want modeResults // down, half-even, half-up, up, floor, ceiling
	}{
		{3, "1.2345", modeResults{"1.23", "1.23", "1.23", "1.24", "1.23", "1.24"}},
		{3, "-1.2345", modeResults{"-1.23", "-1.23", "-1.23", "-1.24", "-1.24", "-1.23"}},
		{3, "1.225", modeResults{"1.22", "1.22", "1.23", "1.23", "1.22", "1.23"}},        // tie, even digit 2
		{3, "1.235", modeResults{"1.23", "1.24", "1.24", "1.24", "1.23", "1.24"}},        // tie, odd digit 3
		{3, "-1.225", modeResults{"-1.22", "-1.22", "-1.23", "-1.23", "-1.23", "-1.22"}}, // negative tie
		{3, "1.2250000001", modeResults{"1.22", "1.23", "1.23", "1.23", "1.22", "1.23"}}, // just above the tie
		{3, "9.995", modeResults{"9.99", "10", "10", "10", "9.99", "10"}},                // carry to a new digit
		{3, "-9.995", modeResults{"-9.99", "-10", "-10", "-10", "-10", "-9.99"}},
		{3, "0.0001234", modeResults{"0.000123", "0.000123", "0.000123", "0.000124", "0.000123", "0.000124"}},
		{3, "123456", modeResults{"123000", "123000", "123000", "124000", "123000", "124000"}},
		{3, "1.23", modeResults{"1.23", "1.23", "1.23", "1.23", "1.23", "1.23"}}, // exact: unchanged
		{3, "0", modeResults{"0", "0", "0", "0", "0", "0"}},
		{34, nines35, modeResults{below, "10", "10", "10", below, "10"}},
		{34, "-" + nines35, modeResults{"-" + below, "-10", "-10", "-10", "-10", "-" + below}},
		{34, tie35, modeResults{"1." + strings.Repeat("0", 32) + "1", "1." + strings.Repeat("0", 32) + "2",
			"1." + strings.Repeat("0", 32) + "2", "1." + strings.Repeat("0", 32) + "2",
			"1." + strings.Repeat("0", 32) + "1", "1." + strings.Repeat("0", 32) + "2"}},
		{34, tie35even, modeResults{"1." + strings.Repeat("0", 32) + "2", "1." + strings.Repeat("0", 32) + "2",
			"1." + strings.Repeat("0", 32) + "3", "1." + strings.Repeat("0", 32) + "3",
			"1." + strings.Repeat("0", 32) + "2", "1." + strings.Repeat("0", 32) + "3"}},
		// 1 digit: 0.95 → 0.9 or 1 (carry of the only digit).
		{1, "0.95", modeResults{"0.9", "1", "1", "1", "0.9", "1"}},
		{1, "0.85", modeResults{"0.8", "0.8", "0.9", "0.9", "0.8", "0.9"}},
	}
	for _, tc := range cases {
		for i, m := range allModes {
			got, err := mustCtx(t, tc.p, m).Round(d(tc.in))
			if err != nil {
				t.Errorf("Round(%s) [%d %s]: %v", tc.in, tc.p, m, err)
				continue
			}
			if got.Cmp(d(tc.want[i])) != 0 {
				t.Errorf("Round(%s) [%d %s] = %s, want %s", tc.in, tc.p, m, got, tc.want[i])
			}
		}
	}
}

// TestRoundRange: rounding can carry a value to 1e401 (ErrRange); results
// below 1e-400 flush to zero.
func TestRoundRange(t *testing.T) {
	big := "9." + strings.Repeat("9", 40) + "e400" // < 1e401, 41 digits
	if _, err := mustCtx(t, 34, dec.RoundUp).Round(d(big)); !errors.Is(err, dec.ErrRange) {
		t.Errorf("Round up of %s: err %v, want ErrRange (carries to 1e401)", big, err)
	}
	if got, err := dec.Reference().Round(d(big)); err != nil || got.Cmp(d("9."+strings.Repeat("9", 33)+"e400")) != 0 {
		t.Errorf("Round down of %s = %s, %v", big, got, err)
	}
	// 9.99…e-401 is not accepted by Parse, so make it with Mul: 1e-400 × 0.99.
	got, err := dec.Reference().Mul(d("1e-400"), d("0.99"))
	if err != nil || !got.IsZero() {
		t.Errorf("1e-400 × 0.99 = %s, %v; want 0 (flush)", got, err)
	}
	got, err = mustCtx(t, 1, dec.RoundUp).Mul(d("1e-400"), d("0.99"))
	if err != nil || got.Cmp(d("1e-400")) != 0 {
		t.Errorf("1e-400 × 0.99 rounded up to 1 digit = %s, %v; want 1e-400", got, err)
	}
}

// TestMulQuo checks rounded products and quotients in every mode. The
// exact values are worked by hand (provenance in each comment).
func TestMulQuo(t *testing.T) {
	one33 := "1." + strings.Repeat("0", 32) + "1" // 1 + 1e-33
	z := strings.Repeat("0", 32)
	cases := []struct {
		op   string
		a, b string
		want modeResults
	}{
		// (1+1e-33)² = 1 + 2e-33 + 1e-66: 34 digits keep 1.000…002, the rest is 1e-66.
		{"mul", one33, one33, modeResults{"1." + z + "2", "1." + z + "2", "1." + z + "2", "1." + z + "3", "1." + z + "2", "1." + z + "3"}},
		{"mul", "-" + one33, one33, modeResults{"-1." + z + "2", "-1." + z + "2", "-1." + z + "2", "-1." + z + "3", "-1." + z + "3", "-1." + z + "2"}},
		// 0.333…3 (34 threes) × 3 = 0.999…9 (34 nines), exact.
		{"mul", "0." + strings.Repeat("3", 34), "3", modeResults{"0." + strings.Repeat("9", 34), "0." + strings.Repeat("9", 34), "0." + strings.Repeat("9", 34), "0." + strings.Repeat("9", 34), "0." + strings.Repeat("9", 34), "0." + strings.Repeat("9", 34)}},
		// 1.5 × 1.5 = 2.25 exactly.
		{"mul", "1.5", "1.5", modeResults{"2.25", "2.25", "2.25", "2.25", "2.25", "2.25"}},
		{"mul", "0", "-7", modeResults{"0", "0", "0", "0", "0", "0"}},
		// 1/3 = 0.333…: 34 threes, then 3s (below half).
		{"quo", "1", "3", modeResults{"0." + strings.Repeat("3", 34), "0." + strings.Repeat("3", 34), "0." + strings.Repeat("3", 34), "0." + strings.Repeat("3", 33) + "4", "0." + strings.Repeat("3", 34), "0." + strings.Repeat("3", 33) + "4"}},
		// 2/3 = 0.666…: above half.
		{"quo", "2", "3", modeResults{"0." + strings.Repeat("6", 34), "0." + strings.Repeat("6", 33) + "7", "0." + strings.Repeat("6", 33) + "7", "0." + strings.Repeat("6", 33) + "7", "0." + strings.Repeat("6", 34), "0." + strings.Repeat("6", 33) + "7"}},
		{"quo", "-2", "3", modeResults{"-0." + strings.Repeat("6", 34), "-0." + strings.Repeat("6", 33) + "7", "-0." + strings.Repeat("6", 33) + "7", "-0." + strings.Repeat("6", 33) + "7", "-0." + strings.Repeat("6", 33) + "7", "-0." + strings.Repeat("6", 34)}},
		// 1/8 = 0.125 exactly.
		{"quo", "1", "8", modeResults{"0.125", "0.125", "0.125", "0.125", "0.125", "0.125"}},
		// 1/(2·10^34) = 5e-35 exactly: one digit, no rounding.
		{"quo", "1", "2e34", modeResults{"5e-35", "5e-35", "5e-35", "5e-35", "5e-35", "5e-35"}},
		// (10^34 + 1)/2 = 5000…0.5: a tie at 34 digits, even digit 0.
		{"quo", "1" + strings.Repeat("0", 33) + "1", "2", modeResults{"5" + strings.Repeat("0", 33), "5" + strings.Repeat("0", 33), "5" + strings.Repeat("0", 32) + "1", "5" + strings.Repeat("0", 32) + "1", "5" + strings.Repeat("0", 33), "5" + strings.Repeat("0", 32) + "1"}},
	}
	for _, tc := range cases {
		for i, m := range allModes {
			c := mustCtx(t, 34, m)
			var got dec.Dec
			var err error
			if tc.op == "mul" {
				got, err = c.Mul(d(tc.a), d(tc.b))
			} else {
				got, err = c.Quo(d(tc.a), d(tc.b))
			}
			if err != nil || got.Cmp(d(tc.want[i])) != 0 {
				t.Errorf("%s(%s, %s) [%s] = %s, %v; want %s", tc.op, tc.a, tc.b, m, got, err, tc.want[i])
			}
		}
	}
}

func TestArithErrors(t *testing.T) {
	c := dec.Reference()
	if _, err := c.Quo(d("1"), dec.Zero()); !errors.Is(err, dec.ErrDivisionByZero) {
		t.Errorf("1/0: %v", err)
	}
	if _, err := c.QuoInteger(d("1"), dec.Zero()); !errors.Is(err, dec.ErrDivisionByZero) {
		t.Errorf("QuoInteger 1/0: %v", err)
	}
	if _, err := c.Quo(d("1e400"), d("1e-400")); !errors.Is(err, dec.ErrRange) {
		t.Errorf("1e400/1e-400: %v", err)
	}
	if got, err := c.Quo(d("1e-400"), d("1e400")); err != nil || !got.IsZero() {
		t.Errorf("1e-400/1e400 = %s, %v; want 0 (flush)", got, err)
	}
	if _, err := c.Mul(d("1e400"), d("10")); !errors.Is(err, dec.ErrRange) {
		t.Errorf("1e400×10: %v", err)
	}
	if _, err := c.QuoInteger(d("1e400"), d("1e-400")); !errors.Is(err, dec.ErrRange) {
		t.Errorf("QuoInteger 1e400/1e-400: %v", err)
	}
	// QuoInteger truncates toward zero, exactly: 7/2 = 3, −7/2 = −3, 1e40/3 = 333…3 (40 digits).
	for _, tc := range [][3]string{{"7", "2", "3"}, {"-7", "2", "-3"}, {"7.9", "-0.5", "-15"}, {"1e40", "3", strings.Repeat("3", 40)}} {
		if got, err := c.QuoInteger(d(tc[0]), d(tc[1])); err != nil || got.Cmp(d(tc[2])) != 0 {
			t.Errorf("QuoInteger(%s, %s) = %s, %v; want %s", tc[0], tc[1], got, err, tc[2])
		}
	}
}

// TestExactOps checks the exact operations: sums keep every digit.
func TestExactOps(t *testing.T) {
	// 1e400 + 1e-400 has 801 digits, all kept.
	s := d("1e400").Add(d("1e-400"))
	if s.Sub(d("1e400")).Cmp(d("1e-400")) != 0 {
		t.Errorf("(1e400 + 1e-400) − 1e400 = %s", s.Sub(d("1e400")))
	}
	if got := d("0.1").Add(d("0.2")); got.Cmp(d("0.3")) != 0 { // exact decimal, unlike float64
		t.Errorf("0.1+0.2 = %s", got)
	}
	if got := dec.Sum([]dec.Dec{d("1e-30"), d("1"), d("-1")}); got.Cmp(d("1e-30")) != 0 {
		t.Errorf("Sum = %s", got)
	}
	if got := dec.Sum(nil); !got.IsZero() {
		t.Errorf("Sum(nil) = %s", got)
	}
	// Cmp is by value: 1.0 == 1, −0 == 0.
	if d("1.0").Cmp(d("1")) != 0 || !d("1.0").Equal(d("1.000")) || d("-0").Sign() != 0 {
		t.Error("value comparison")
	}
	if d("-2").Cmp(d("1")) != -1 || d("1e-400").Cmp(d("0")) != 1 || d("-1e400").Cmp(d("-1e399")) != -1 {
		t.Error("ordering")
	}
	// Min/Max return the second argument on ties (like the reference).
	a, b := d("1.0"), d("1.00")
	if got := dec.Min(a, b); got.String() != "1" || got.Decimal().Exponent() != -2 {
		t.Errorf("Min tie returned %v (exp %d), want the second argument", got, got.Decimal().Exponent())
	}
	if got := dec.Max(a, b); got.Decimal().Exponent() != -2 {
		t.Errorf("Max tie returned exp %d, want the second argument", got.Decimal().Exponent())
	}
	if dec.Min(d("-3"), d("2")).Cmp(d("-3")) != 0 || dec.Max(d("-3"), d("2")).Cmp(d("2")) != 0 {
		t.Error("Min/Max")
	}
	if d("-5").Abs().Cmp(d("5")) != 0 || d("5").Neg().Cmp(d("-5")) != 0 || dec.Zero().Neg().Sign() != 0 {
		t.Error("Abs/Neg")
	}
	if !dec.One().Equal(d("1")) || !dec.Zero().IsZero() || dec.New(15, -1).Cmp(d("1.5")) != 0 || dec.FromInt64(math.MinInt64).String() != "-9223372036854775808" {
		t.Error("constructors")
	}
	if d("1.5").Shift(2).Cmp(d("150")) != 0 || d("1.5").Shift(-3).Cmp(d("0.0015")) != 0 {
		t.Error("Shift")
	}
}

// TestIntegerOps: Trunc toward zero, Floor toward −∞, Ceil toward +∞.
func TestIntegerOps(t *testing.T) {
	cases := []struct{ in, trunc, floor, ceil string }{
		{"1.5", "1", "1", "2"},
		{"-1.5", "-1", "-2", "-1"},
		{"-2", "-2", "-2", "-2"},
		{"0.999", "0", "0", "1"},
		{"-0.001", "0", "-1", "0"},
		{"1e-400", "0", "0", "1"},
		{"123.000", "123", "123", "123"},
		{"1.5e3", "1500", "1500", "1500"},
	}
	for _, tc := range cases {
		x := d(tc.in)
		if x.Trunc().Cmp(d(tc.trunc)) != 0 || x.Floor().Cmp(d(tc.floor)) != 0 || x.Ceil().Cmp(d(tc.ceil)) != 0 {
			t.Errorf("%s: trunc %s floor %s ceil %s", tc.in, x.Trunc(), x.Floor(), x.Ceil())
		}
		if x.TruncInt().Cmp(mustBig(tc.trunc)) != 0 {
			t.Errorf("%s: TruncInt %s", tc.in, x.TruncInt())
		}
	}
	if v, ok := d("12.0").Int64(); !ok || v != 12 {
		t.Errorf("Int64(12.0) = %d, %v", v, ok)
	}
	if _, ok := d("12.5").Int64(); ok {
		t.Error("Int64(12.5) ok")
	}
	if _, ok := d("1e30").Int64(); ok {
		t.Error("Int64(1e30) ok")
	}
	if !d("1e3").IsInteger() || d("0.5").IsInteger() || !dec.Zero().IsInteger() || !d("2.000").IsInteger() {
		t.Error("IsInteger")
	}
}

func mustBig(s string) *big.Int {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	return b
}

func TestNewPanicsOutOfRange(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New(1, 401) did not panic")
		}
	}()
	dec.New(1, 401)
}

func TestConversions(t *testing.T) {
	// FromBigInt: nil is a syntax error, more than MaxDigits digits a range error.
	if _, err := dec.FromBigInt(nil); !errors.Is(err, dec.ErrSyntax) {
		t.Errorf("FromBigInt(nil): %v", err)
	}
	huge := new(big.Int).Exp(big.NewInt(10), big.NewInt(dec.MaxDigits), nil) // 1001 digits
	if _, err := dec.FromBigInt(huge); !errors.Is(err, dec.ErrRange) {
		t.Errorf("FromBigInt(10^1000): %v", err)
	}
	b := big.NewInt(-12345)
	x, err := dec.FromBigInt(b)
	if err != nil || x.Cmp(d("-12345")) != 0 {
		t.Fatalf("FromBigInt: %s, %v", x, err)
	}
	b.SetInt64(7) // FromBigInt does not retain its argument
	if x.Cmp(d("-12345")) != 0 {
		t.Error("FromBigInt retained its argument")
	}
	// FromDecimal / Decimal round trip with coefficient and exponent kept.
	for _, s := range []string{"0", "1", "-1.50", "1e-400", "9.99e400", "123456789012345678901234567890.123456789"} {
		sd := decimal.RequireFromString(s)
		x, err := dec.FromDecimal(sd)
		if err != nil {
			t.Errorf("FromDecimal(%s): %v", s, err)
			continue
		}
		if !x.Decimal().Equal(sd) || x.Cmp(d(s)) != 0 {
			t.Errorf("FromDecimal(%s) = %s", s, x)
		}
	}
	for _, sd := range []decimal.Decimal{decimal.New(1, 401), decimal.New(1, -401), decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32),
		decimal.NewFromBigInt(huge, 0)} {
		if _, err := dec.FromDecimal(sd); !errors.Is(err, dec.ErrRange) {
			t.Errorf("FromDecimal(%s…): %v, want ErrRange", sd.String()[:5], err)
		}
	}
}

func TestContext(t *testing.T) {
	if dec.Reference() != (dec.Context{}) || dec.Reference().Digits() != 34 || dec.Reference().Rounding() != dec.RoundDown {
		t.Error("Reference is not the zero Context with 34 digits, down")
	}
	if s := dec.Reference().String(); s != "34 digits, down" {
		t.Errorf("String = %q", s)
	}
	// ContextFor(0, "") is the reference contract (34 digits, down); it is
	// built by NewContext, so it is not == the zero Context.
	c, err := dec.ContextFor(0, "")
	if err != nil || c.Digits() != 34 || c.Rounding() != dec.RoundDown {
		t.Errorf("ContextFor(0, \"\") = %v, %v", c, err)
	}
	c, err = dec.ContextFor(50, "half-even")
	if err != nil || c.Digits() != 50 || c.Rounding() != dec.RoundHalfEven {
		t.Errorf("ContextFor(50, half-even) = %v, %v", c, err)
	}
	for _, bad := range []struct {
		digits int
		mode   string
	}{{-1, ""}, {dec.MaxContextDigits + 1, ""}, {34, "bankers"}, {34, "DOWN"}} {
		if _, err := dec.ContextFor(bad.digits, bad.mode); !errors.Is(err, dec.ErrInvalidContext) {
			t.Errorf("ContextFor(%d, %q): %v", bad.digits, bad.mode, err)
		}
	}
	if _, err := dec.NewContext(0, dec.RoundDown); !errors.Is(err, dec.ErrInvalidContext) {
		t.Errorf("NewContext(0): %v", err)
	}
	if _, err := dec.NewContext(34, dec.Rounding(6)); !errors.Is(err, dec.ErrInvalidContext) {
		t.Errorf("NewContext(mode 6): %v", err)
	}
	for _, m := range allModes {
		r, err := dec.ParseRounding(m.String())
		if err != nil || r != m {
			t.Errorf("ParseRounding(%q) = %v, %v", m.String(), r, err)
		}
	}
	if s := dec.Rounding(9).String(); s != "Rounding(9)" {
		t.Errorf("Rounding(9).String() = %q", s)
	}
}

func TestCalcStickyError(t *testing.T) {
	m := dec.NewCalc(dec.Reference())
	if m.Context() != dec.Reference() {
		t.Error("Context")
	}
	x := m.Quo(d("1"), d("4")) // 0.25
	if m.Err() != nil || x.Cmp(d("0.25")) != 0 {
		t.Fatalf("Quo = %s, %v", x, m.Err())
	}
	y := m.Quo(x, dec.Zero()) // fails: the first error sticks
	if !y.IsZero() || !errors.Is(m.Err(), dec.ErrDivisionByZero) {
		t.Fatalf("after 1/0: %s, %v", y, m.Err())
	}
	z := m.Ln(d("-1")) // would be ErrDomain; skipped
	m.Fail(errors.New("later"))
	if !z.IsZero() || !errors.Is(m.Err(), dec.ErrDivisionByZero) {
		t.Errorf("error not sticky: %v", m.Err())
	}
	if _, err := m.Result(x); !errors.Is(err, dec.ErrDivisionByZero) {
		t.Errorf("Result: %v", err)
	}
	// Every method of a healthy Calc equals the Context method.
	c := mustCtx(t, 34, dec.RoundHalfEven)
	h := dec.NewCalc(c)
	a, b, p := d("0.7"), d("-1.3"), d("3")
	check := func(name string, got dec.Dec, want dec.Dec, err error) {
		if err != nil || got.Cmp(want) != 0 {
			t.Errorf("Calc.%s = %s, want %s (%v)", name, got, want, err)
		}
	}
	w, err := c.Round(d("1.23456789012345678901234567890123456789"))
	check("Round", h.Round(d("1.23456789012345678901234567890123456789")), w, err)
	w, err = c.Mul(a, b)
	check("Mul", h.Mul(a, b), w, err)
	w, err = c.Quo(a, b)
	check("Quo", h.Quo(a, b), w, err)
	w, err = c.Exp(a)
	check("Exp", h.Exp(a), w, err)
	w, err = c.Ln(a)
	check("Ln", h.Ln(a), w, err)
	w, err = c.Log10(a)
	check("Log10", h.Log10(a), w, err)
	w, err = c.Pow10(b)
	check("Pow10", h.Pow10(b), w, err)
	w, err = c.Sqrt(a)
	check("Sqrt", h.Sqrt(a), w, err)
	w, err = c.Pow(a, b)
	check("Pow", h.Pow(a, b), w, err)
	w, err = c.Tanh(b)
	check("Tanh", h.Tanh(b), w, err)
	w, err = c.Phi(p, a, b)
	check("Phi", h.Phi(p, a, b), w, err)
	w, err = c.Gradient(p, a, b)
	check("Gradient", h.Gradient(p, a, b), w, err)
	w, err = c.Sigmoid(b)
	check("Sigmoid", h.Sigmoid(b), w, err)
	w, err = c.Exp1DivExp1(a, b)
	check("Exp1DivExp1", h.Exp1DivExp1(a, b), w, err)
	w, err = c.EMA(d("0.1"), a, b, false)
	check("EMA", h.EMA(d("0.1"), a, b, false), w, err)
	if h.Err() != nil {
		t.Error(h.Err())
	}
}

// TestTranscendentalErrors: domain, division by zero and range errors of
// the rounded functions; special exact values.
func TestTranscendentalErrors(t *testing.T) {
	c := dec.Reference()
	errCases := []struct {
		name string
		f    func() (dec.Dec, error)
		want error
	}{
		{"Ln(0)", func() (dec.Dec, error) { return c.Ln(dec.Zero()) }, dec.ErrDomain},
		{"Ln(-1)", func() (dec.Dec, error) { return c.Ln(d("-1")) }, dec.ErrDomain},
		{"Log10(0)", func() (dec.Dec, error) { return c.Log10(dec.Zero()) }, dec.ErrDomain},
		{"Log10(-5)", func() (dec.Dec, error) { return c.Log10(d("-5")) }, dec.ErrDomain},
		{"Sqrt(-1e-400)", func() (dec.Dec, error) { return c.Sqrt(d("-1e-400")) }, dec.ErrDomain},
		{"Pow(-2, 0.5)", func() (dec.Dec, error) { return c.Pow(d("-2"), d("0.5")) }, dec.ErrDomain},
		{"Pow(0, -1)", func() (dec.Dec, error) { return c.Pow(dec.Zero(), d("-1")) }, dec.ErrDivisionByZero},
		{"Pow(10, 1e400)", func() (dec.Dec, error) { return c.Pow(d("10"), d("1e400")) }, dec.ErrRange},
		{"Pow(1e400, 2)", func() (dec.Dec, error) { return c.Pow(d("1e400"), d("2")) }, dec.ErrRange},
		{"Exp(924)", func() (dec.Dec, error) { return c.Exp(d("924")) }, dec.ErrRange},
		{"Exp(1e400)", func() (dec.Dec, error) { return c.Exp(d("1e400")) }, dec.ErrRange},
		{"Pow10(401)", func() (dec.Dec, error) { return c.Pow10(d("401")) }, dec.ErrRange},
		{"Pow10(1e400)", func() (dec.Dec, error) { return c.Pow10(d("1e400")) }, dec.ErrRange},
		{"Exp1DivExp1(926, 2)", func() (dec.Dec, error) { return c.Exp1DivExp1(d("926"), d("2")) }, dec.ErrRange},
	}
	for _, tc := range errCases {
		if got, err := tc.f(); !errors.Is(err, tc.want) {
			t.Errorf("%s = %s, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	exact := []struct {
		name string
		f    func() (dec.Dec, error)
		want string
	}{
		{"Exp(0)", func() (dec.Dec, error) { return c.Exp(dec.Zero()) }, "1"},
		{"Exp(-1e400)", func() (dec.Dec, error) { return c.Exp(d("-1e400")) }, "0"}, // flushes
		{"Ln(1)", func() (dec.Dec, error) { return c.Ln(d("1.000")) }, "0"},
		{"Log10(1000)", func() (dec.Dec, error) { return c.Log10(d("1000")) }, "3"},
		{"Log10(1e-400)", func() (dec.Dec, error) { return c.Log10(d("1e-400")) }, "-400"},
		{"Pow10(-3)", func() (dec.Dec, error) { return c.Pow10(d("-3")) }, "0.001"},
		{"Pow10(-1e400)", func() (dec.Dec, error) { return c.Pow10(d("-1e400")) }, "0"},
		{"Sqrt(0)", func() (dec.Dec, error) { return c.Sqrt(dec.Zero()) }, "0"},
		{"Sqrt(2.25)", func() (dec.Dec, error) { return c.Sqrt(d("2.25")) }, "1.5"},
		{"Pow(4, 0.5)", func() (dec.Dec, error) { return c.Pow(d("4"), d("0.5")) }, "2"},
		{"Pow(0, 0)", func() (dec.Dec, error) { return c.Pow(dec.Zero(), dec.Zero()) }, "1"},
		{"Pow(0, 2.5)", func() (dec.Dec, error) { return c.Pow(dec.Zero(), d("2.5")) }, "0"},
		{"Pow(-1, 1e30+1)", func() (dec.Dec, error) { return c.Pow(d("-1"), d("1000000000000000000000000000001")) }, "-1"},
		{"Pow(-2, 3)", func() (dec.Dec, error) { return c.Pow(d("-2"), d("3")) }, "-8"},
		{"Pow(2, -1400)", func() (dec.Dec, error) { return c.Pow(d("2"), d("-1400")) }, "0"}, // 4.3e-422 flushes
		{"Tanh(0)", func() (dec.Dec, error) { return c.Tanh(dec.Zero()) }, "0"},
		{"Tanh(-1e400)", func() (dec.Dec, error) { return c.Tanh(d("-1e400")) }, "-0." + strings.Repeat("9", 34)},
		{"Sigmoid(0)", func() (dec.Dec, error) { return c.Sigmoid(dec.Zero()) }, "0.5"},
		{"Sigmoid(-1000)", func() (dec.Dec, error) { return c.Sigmoid(d("-1000")) }, "0"},
		// The reference order truncates the product 1·(e^−5 + 1) to
		// 1.006737946999085467096636048423148 first; divided by the exact
		// 1.00673794699908546709663604842314842… it gives 1 − 5e-34 (Python
		// decimal, prec 34, ROUND_DOWN).
		{"Exp1DivExp1(5, 5)", func() (dec.Dec, error) { return c.Exp1DivExp1(d("5"), d("5")) }, "0." + strings.Repeat("9", 33) + "5"},
		{"Exp1DivExp1(-5, -5)", func() (dec.Dec, error) { return c.Exp1DivExp1(d("-5"), d("-5")) }, "1"},
	}
	for _, tc := range exact {
		if got, err := tc.f(); err != nil || got.Cmp(d(tc.want)) != 0 {
			t.Errorf("%s = %s, %v; want %s", tc.name, got, err, tc.want)
		}
	}
}
