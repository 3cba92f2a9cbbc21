package dec

import (
	"math/big"
	"testing"
)

// TestInRange: the limits of the range, from both sides, in both signs,
// for inline and big coefficients, and the digit limit.
func TestInRange(t *testing.T) {
	in := []string{"0", "1e-400", "-1e-400", "9.99e400", "-9.99e400", "1", "123456789012345678901234567890123456789012345e-100"}
	out := []string{"9.99e-401", "-9.99e-401", "1e401", "-1e401", "1234567890123456789012345678901234567890123456789e370"}
	for _, s := range in {
		if !mkRaw(t, s).InRange() {
			t.Errorf("%s: InRange false, want true", s)
		}
	}
	for _, s := range out {
		if mkRaw(t, s).InRange() {
			t.Errorf("%s: InRange true, want false", s)
		}
	}
	// 1001 digits inside the magnitude range: out by its digits.
	d := mk(new(big.Int).Exp(big.NewInt(10), big.NewInt(1000), nil), -700)
	if d.digits() != 1001 || d.InRange() {
		t.Errorf("10^1000·10^-700: %d digits, InRange %v, want 1001 and false", d.digits(), d.InRange())
	}
	// Sums that leave the range by overflow and by cancellation.
	nine := New(9, 400)
	if nine.Add(nine).InRange() {
		t.Error("9e400 + 9e400: InRange true, want false")
	}
	// 1e-399 − 9.9e-400 = 1e-401: below the range by cancellation.
	if s := New(1, -399).Add(New(-99, -401)); s.InRange() {
		t.Errorf("1e-399 − 9.9e-400 = %s: InRange true, want false", s)
	}
	if s := New(1, -399).Add(New(-9, -400)); !s.InRange() {
		t.Errorf("1e-399 − 9e-400 = %s: InRange false, want true", s)
	}
}

// mkRaw builds a value of any magnitude from its text (Parse refuses
// out-of-range values): coefficient and exponent separately.
func mkRaw(t *testing.T, s string) Dec {
	t.Helper()
	mant, exp := s, int32(0)
	for i := range s {
		if s[i] == 'e' {
			mant = s[:i]
			var e int
			for _, c := range s[i+1:] {
				if c == '-' {
					continue
				}
				e = e*10 + int(c-'0')
			}
			if s[i+1] == '-' {
				e = -e
			}
			exp = int32(e)
		}
	}
	frac := 0
	coef := ""
	seenDot := false
	for _, c := range mant {
		switch {
		case c == '.':
			seenDot = true
		case c == '-':
			coef += "-"
		default:
			coef += string(c)
			if seenDot {
				frac++
			}
		}
	}
	c, ok := new(big.Int).SetString(coef, 10)
	if !ok {
		t.Fatalf("bad coefficient %q", coef)
	}
	return mk(c, exp-int32(frac))
}
