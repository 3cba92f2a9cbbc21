package dec_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// TestGradientSpecUnitChecks: inference_synthesis.md §4.2 lists (R̂, M) → w
// for the clipped V6 weight with p = 3, c = 0.75 (U = 3, T = −2, Z = −5).
// Only the φ' part belongs to the core: the clipping is worked by hand here.
//
//	(0, 0):        M ≥ T, r = min(0, U) = 0        → φ'(0)
//	(1, 1):        r = 1                           → φ'(1)
//	(−1, −0.5):    M ≥ T, r = −1                   → φ'(−1)
//	(−20, −19.5):  M < T: r = −20 − (−19.5) + (−2) = −2.5 ≥ Z → φ'(−2.5)
//	(−24.5, −24.5): M < T: r = −24.5 + 24.5 − 2 = −2 → φ'(−2)
//
// The spec prints float64 values (17 significant digits, computed in
// float64); the core must agree with them to 1e-16 relative (one float64
// ulp is 1.1e-16; the largest gap seen is 8.7e-17), and equal the 34-digit
// reference-order value of testdata/dec/gradient.txt (category "spec": Mul,
// Exp, Quo each truncated, emulated with mpmath and libmpdec).
func TestGradientSpecUnitChecks(t *testing.T) {
	cases := []struct {
		r, spec, ref34 string
	}{
		{"0", "0.28604839469732846", "0.2860483946973284819088442896850095"},
		{"1", "2.037536097526179", "2.037536097526178919479040347329737"},
		{"-1", "0.015660377080675192", "0.01566037708067519130957435755923342"},
		{"-2.5", "1.7487379698341595e-4", "0.0001748737969834159348230807782934495"},
		{"-2", "7.835709572871582e-4", "0.0007835709572871582679413486525081344"},
	}
	c := dec.Reference()
	for _, tc := range cases {
		got, err := c.Gradient(d("3"), d("0.75"), d(tc.r))
		if err != nil {
			t.Fatal(err)
		}
		if got.Cmp(d(tc.ref34)) != 0 {
			t.Errorf("φ'(%s) = %s, want %s", tc.r, got, tc.ref34)
		}
		rel, _ := c.Quo(got.Sub(d(tc.spec)).Abs(), d(tc.spec))
		if rel.Cmp(d("1e-16")) > 0 {
			t.Errorf("φ'(%s) = %s differs from the spec's %s by %s relative", tc.r, got, tc.spec, rel)
		}
	}
}

// TestGradientOverflow: for p(c−x) > 925, e^{p(c−x)} is out of range and the
// gradient (below 10^-399·p) flushes to 0; Phi returns p(x−c) when e^{p(x−c)}
// overflows (ln(1+e^y) = y + ln(1+e^-y), the second term below 10^-400).
func TestGradientOverflow(t *testing.T) {
	c := dec.Reference()
	if g, err := c.Gradient(d("3"), d("0.75"), d("-1000")); err != nil || !g.IsZero() {
		t.Errorf("Gradient far left = %s, %v", g, err)
	}
	// e^-3002.25 flushes to 0 (below 1e-400), so the quotient is 3/1 = 3
	// exactly, although the true value is just below 3.
	if g, err := c.Gradient(d("3"), d("0.75"), d("1000")); err != nil || g.Cmp(d("3")) != 0 {
		t.Errorf("Gradient far right = %s, %v; want 3", g, err)
	}
	if f, err := c.Phi(d("3"), d("0.75"), d("1000")); err != nil || f.Cmp(d("2997.75")) != 0 {
		t.Errorf("Phi far right = %s, %v; want 3·(1000−0.75)", f, err)
	}
	if f, err := c.Phi(d("3"), d("0.75"), d("-1000")); err != nil || !f.IsZero() {
		t.Errorf("Phi far left = %s, %v; want 0 (ln(1+0))", f, err)
	}
	if _, err := c.Phi(d("1e400"), d("0"), d("10")); !errors.Is(err, dec.ErrRange) {
		t.Errorf("Phi with p(x−c) = 1e401: %v", err)
	}
}

// TestExp1DivExp1Equal: f(a, a) = 1 exactly for a <= 0 in every mode; for
// a > 0 the reference order rounds the product 1·(e^−a + 1) to 34 digits
// before dividing by the exact e^−a + 1, so f(a, a) lies within 1e-33 of 1
// (the reference chain's own behaviour, see Exp1DivExp1).
func TestExp1DivExp1Equal(t *testing.T) {
	tol := d("1e-33")
	for _, m := range allModes {
		c := mustCtx(t, 34, m)
		for _, a := range []string{"0", "5", "-5", "0.0001", "-0.0001", "123.456", "-123.456", "920", "-920", "1e-400", "-1e-300"} {
			got, err := c.Exp1DivExp1(d(a), d(a))
			if err != nil {
				t.Fatalf("Exp1DivExp1(%s, %s) [%s]: %v", a, a, m, err)
			}
			if d(a).Sign() <= 0 {
				if got.Cmp(dec.One()) != 0 {
					t.Errorf("Exp1DivExp1(%s, %s) [%s] = %s; want 1", a, a, m, got)
				}
				continue
			}
			if got.Sub(dec.One()).Abs().Cmp(tol) > 0 {
				t.Errorf("Exp1DivExp1(%s, %s) [%s] = %s; want within 1e-33 of 1", a, a, m, got)
			}
		}
	}
}

// TestEMA: α·cur + (1−α)·prev with each product rounded, first-time and
// equal-value rules (scores_rewards.md §19 item 6).
func TestEMA(t *testing.T) {
	c := dec.Reference()
	third := "0." + strings.Repeat("3", 34)
	cases := []struct {
		alpha, cur, prev string
		first            bool
		want             string // worked by hand
	}{
		{"0.1", "10", "20", false, "19"},     // 1 + 18
		{"0.1", "10", "20", true, "10"},      // first time: cur
		{"0.1", "7.5", "7.50", false, "7.5"}, // equal by value: cur
		{"0", "10", "20", false, "20"},       // α = 0: prev
		{"1", "10", "20", false, "10"},       // α = 1: cur
		{"0.5", "-1", "1", false, "0"},
		{third, "1", "0", false, third}, // α·1 exact, (1−α)·0 = 0
		// 0.5 × 1.0000000000000000000000000000000001 = 0.50000000000000000000000000000000005:
		// truncated to 34 digits 0.5; the other product is 0.
		{"0.5", "1.0000000000000000000000000000000001", "0", false, "0.5"},
		// Rounded products can leave [min(cur, prev), max(cur, prev)] by up to two
		// units: 0.123 × 9.99…9 (34 nines) = 1.229…9877 → 1.229…9 (34 digits), 0.877 ×
		// 9.99…98 = 8.769…98246 → 8.769…98; the sum 9.99…97 is below prev = 9.99…98
		// (python3 decimal, prec 34, ROUND_DOWN gives the same two products).
		{"0.123", "9." + strings.Repeat("9", 33), "9." + strings.Repeat("9", 32) + "8", false, "9." + strings.Repeat("9", 32) + "7"},
	}
	for _, tc := range cases {
		got, err := c.EMA(d(tc.alpha), d(tc.cur), d(tc.prev), tc.first)
		if err != nil || got.Cmp(d(tc.want)) != 0 {
			t.Errorf("EMA(%s, %s, %s, %v) = %s, %v; want %s", tc.alpha, tc.cur, tc.prev, tc.first, got, err, tc.want)
		}
	}
	// Half-up rounds the product of the 36-digit case up.
	if got, _ := mustCtx(t, 34, dec.RoundHalfUp).EMA(d("0.5"), d("1.0000000000000000000000000000000001"), d("0"), false); got.Cmp(d("0.5000000000000000000000000000000001")) != 0 {
		t.Errorf("EMA half-up = %s", got)
	}
	for _, a := range []string{"-0.1", "1.0000001", "2"} {
		if _, err := c.EMA(d(a), d("1"), d("2"), false); !errors.Is(err, dec.ErrInvalidArgument) {
			t.Errorf("EMA alpha %s: %v", a, err)
		}
	}
}

// TestSigmoid: 1/(1+e^−x); sigmoid(x) + sigmoid(−x) = 1 up to the two
// roundings.
func TestSigmoid(t *testing.T) {
	c := mustCtx(t, 34, dec.RoundHalfEven)
	for _, x := range []string{"0.5", "3", "-7.25", "40"} {
		a, err1 := c.Sigmoid(d(x))
		b, err2 := c.Sigmoid(d(x).Neg())
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := a.Add(b).Sub(dec.One()).Abs(); diff.Cmp(d("2e-34")) > 0 {
			t.Errorf("sigmoid(%s)+sigmoid(−%s) − 1 = %s", x, x, diff)
		}
	}
	// Exactly: sigmoid(0) = 1/(1+1) = 0.5.
	if s, _ := dec.Reference().Sigmoid(dec.Zero()); s.Cmp(d("0.5")) != 0 {
		t.Errorf("sigmoid(0) = %s", s)
	}
	// e^1000 overflows: sigmoid(−1000) flushes to 0 without an error.
	if s, err := dec.Reference().Sigmoid(d("-1000")); err != nil || !s.IsZero() {
		t.Errorf("sigmoid(−1000) = %s, %v", s, err)
	}
}
