package dec_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// TestCanonicalString: the text depends only on the number. Plain notation
// when the leading digit's exponent is in [-25, 45], scientific otherwise;
// no trailing zeros, no "+" sign, no leading zeros (format.go).
func TestCanonicalString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"0.000", "0"},
		{"0e99", "0"},
		{"+5", "5"},
		{"00012", "12"},
		{"1.0", "1"},
		{"-12.50", "-12.5"},
		{".5", "0.5"},
		{"5.", "5"},
		{"1e3", "1000"},
		{"1.5E+2", "150"},
		{"0.00125", "0.00125"},
		{"-1.25e-3", "-0.00125"},
		{"1e-25", "0." + strings.Repeat("0", 24) + "1"}, // adj −25: still plain
		{"1e-26", "1e-26"}, // adj −26: scientific
		{"1.5e-30", "1.5e-30"},
		{"1e45", "1" + strings.Repeat("0", 45)}, // adj 45: plain
		{"1e46", "1e+46"},                       // adj 46: scientific
		{"-7.250e50", "-7.25e+50"},
		{"123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"},
		{"1e-400", "1e-400"},
		{"9.99e400", "9.99e+400"},
		{"0.1e-399", "1e-400"},
		{"100e398", "1e+400"},
	}
	for _, tc := range cases {
		x, err := dec.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := x.String(); got != tc.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
		y, err := dec.Parse(x.String())
		if err != nil || y.Cmp(x) != 0 || y.String() != x.String() {
			t.Errorf("round trip of %q: %v, %v", tc.in, y, err)
		}
	}
}

// TestParseErrors: every rejected input wraps exactly the documented
// sentinel.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{"", dec.ErrSyntax},
		{"abc", dec.ErrSyntax},
		{".", dec.ErrSyntax},
		{"-", dec.ErrSyntax},
		{"+", dec.ErrSyntax},
		{"e5", dec.ErrSyntax},
		{"1e", dec.ErrSyntax},
		{"1e+", dec.ErrSyntax},
		{"1e1.5", dec.ErrSyntax},
		{"1.2.3", dec.ErrSyntax},
		{" 1", dec.ErrSyntax},
		{"1 ", dec.ErrSyntax},
		{"1,000", dec.ErrSyntax},
		{"1_000", dec.ErrSyntax},
		{"0x10", dec.ErrSyntax},
		{"--1", dec.ErrSyntax},
		{"1e--1", dec.ErrSyntax},
		{"١", dec.ErrSyntax}, // Arabic-Indic digit one
		{"NaN", dec.ErrNotFinite},
		{"nan", dec.ErrNotFinite},
		{"-NaN", dec.ErrNotFinite},
		{"sNaN", dec.ErrNotFinite},
		{"Inf", dec.ErrNotFinite},
		{"+inf", dec.ErrNotFinite},
		{"-Infinity", dec.ErrNotFinite},
		{"1e401", dec.ErrRange},
		{"10e400", dec.ErrRange},
		{"1e-401", dec.ErrRange},
		{"0.1e-400", dec.ErrRange},
		{"1e1000000", dec.ErrRange},
		{"1e-99999999999999999999999", dec.ErrRange},
		{"1" + strings.Repeat("0", dec.MaxDigits), dec.ErrRange}, // 1001 digits
		{"1" + strings.Repeat("1", dec.MaxDigits) + "e-900", dec.ErrRange}, // 1001 significant digits
		{strings.Repeat("1", 2000), dec.ErrRange},                          // too long
		{"0." + strings.Repeat("0", 1100) + "1", dec.ErrRange},             // too long
	}
	for _, tc := range cases {
		x, err := dec.Parse(tc.in)
		if !errors.Is(err, tc.want) {
			name := tc.in
			if len(name) > 30 {
				name = name[:30] + "…"
			}
			t.Errorf("Parse(%q) = %v, %v; want %v", name, x, err, tc.want)
		}
	}
	// Accepted at the edges: 1000 significant digits, leading zeros do not count.
	for _, ok := range []string{strings.Repeat("9", dec.MaxDigits) + "e-700", "0000" + strings.Repeat("9", dec.MaxDigits) + "e-999", "9." + strings.Repeat("9", 999) + "e400"} {
		if _, err := dec.Parse(ok); err != nil {
			t.Errorf("Parse(%d-byte edge value): %v", len(ok), err)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustParse(\"x\") did not panic")
		}
	}()
	dec.MustParse("x")
}

// TestText: JSON carries decimals as canonical strings.
func TestText(t *testing.T) {
	type rec struct {
		A dec.Dec `json:"a"`
		B dec.Dec `json:"b"`
	}
	b, err := json.Marshal(rec{A: d("1.50"), B: d("-2e-30")})
	if err != nil || string(b) != `{"a":"1.5","b":"-2e-30"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"a":"0.25","b":"1e400"}`), &r); err != nil || r.A.Cmp(d("0.25")) != 0 || r.B.Cmp(d("1e400")) != 0 {
		t.Fatalf("Unmarshal = %+v, %v", r, err)
	}
	if err := json.Unmarshal([]byte(`{"a":"NaN"}`), &r); !errors.Is(err, dec.ErrNotFinite) {
		t.Errorf("Unmarshal NaN: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"a":"1e401"}`), &r); !errors.Is(err, dec.ErrRange) {
		t.Errorf("Unmarshal 1e401: %v", err)
	}
	var z dec.Dec
	if err := z.UnmarshalText([]byte("x")); !errors.Is(err, dec.ErrSyntax) || !z.IsZero() {
		t.Errorf("UnmarshalText(x) = %v, left %s", err, z)
	}
}

// TestAppendCoef: AppendCoef gives the coefficient, exponent and sign of
// the decimal Decimal returns
// (the same representation), inline and big coefficients alike.
func TestAppendCoef(t *testing.T) {
	for _, s := range []string{"1", "-1", "1200e-3", "-0.000000000000000000000000000000000125",
		"340282366920938463463374607431768211455", "-340282366920938463463374607431768211456",
		"123456789012345678901234567890123456789012345678901234567890e-70", "9e400", "-1e-400"} {
		d, err := dec.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		digits, exp, neg := d.AppendCoef([]byte("x"))
		sd := d.Decimal()
		c := sd.Coefficient()
		if string(digits) != "x"+new(big.Int).Abs(c).String() || exp != sd.Exponent() || neg != (c.Sign() < 0) {
			t.Errorf("%s: AppendCoef = %s, %d, %v; decimal %s×10^%d", s, digits, exp, neg, c, sd.Exponent())
		}
	}
}
