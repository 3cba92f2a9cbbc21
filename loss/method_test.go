package loss_test

import (
	"errors"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal   { return decimal.RequireFromString(s) }
func pd(s string) *decimal.Decimal { return new(decimal.RequireFromString(s)) }

// n returns s as a Num (a PairValue's value).
func n(s string) loss.Num { return loss.MustNum(d(s)) }

// specTol is the tolerance against the spec's printed exact values, which
// carry 16 significant digits (rounded).
var specTol = dec.MustParse("1e-15")

// TestMethodSpecTables checks every worked example of spec
// loss_methods.md §3 (the "exact" column). Rows marked exact must match
// digit for digit (the result is exactly representable and the method is
// correctly rounded); the others within 1e-15 relative of the printed
// 16-digit value.
func TestMethodSpecTables(t *testing.T) {
	std := func(s string) loss.Options { return loss.Options{Std: pd(s)} }
	cases := []struct {
		src, method string
		opts        loss.Options
		y, p, want  string
		exact       bool
	}{
		// §3.1 sqe table.
		{"§3.1 row 1", "sqe", loss.Options{}, "100", "95", "25", true},
		{"§3.1 row 2", "sqe", loss.Options{}, "0.0123", "0.0150", "7.29e-6", true},
		{"§3.1 row 3", "sqe", loss.Options{}, "10.0", "9.5", "0.25", true},
		{"§3.1 row 4", "sqe", loss.Options{}, "42", "42", "0", true},
		// §3.2 abse table.
		{"§3.2 row 1", "abse", loss.Options{}, "100", "95.5", "4.5", true},
		{"§3.2 row 2", "abse", loss.Options{}, "-1", "1", "2", true},
		{"§3.2 row 3", "abse", loss.Options{}, "0.0123", "0.0150", "0.0027", true},
		// §3.3 huber table.
		{"§3.3 row 1", "huber", loss.Options{}, "0", "0.5", "0.125", true},
		{"§3.3 row 2 (boundary)", "huber", loss.Options{}, "0", "1", "0.5", true},
		{"§3.3 row 3", "huber", loss.Options{}, "0", "2", "1.5", true},
		{"§3.3 row 4", "huber", loss.Options{}, "10", "8.7", "0.8", true},
		{"§3.3 row 5", "huber", loss.Options{Delta: pd("2")}, "0", "3", "4.0", true},
		{"§3.3 row 6", "huber", loss.Options{Delta: pd("0.5")}, "3.2", "2.5", "0.225", true},
		// §3.4 logcosh table (exact column).
		{"§3.4 row 1", "logcosh", loss.Options{}, "0", "1", "0.4337808304830272", false},
		{"§3.4 row 2", "logcosh", loss.Options{}, "3", "0.5", "1.813568167929173", false},
		{"§3.4 row 3", "logcosh", loss.Options{}, "0", "0.001", "4.999999166666889e-7", false},
		{"§3.4 row 4", "logcosh", loss.Options{}, "0", "1000", "999.3068528194401", false},
		// §3.5 bce table (exact column; the newest revision).
		{"§3.5 row 1", "bce", loss.Options{}, "1", "0.7", "0.3566749439387324", false},
		{"§3.5 row 2", "bce", loss.Options{}, "0", "0.3", "0.3566749439387324", false},
		{"§3.5 row 3", "bce", loss.Options{}, "1", "0.9", "0.1053605156578263", false},
		{"§3.5 row 4", "bce", loss.Options{}, "0.8", "0.6", "0.5919186453876236", false},
		{"§3.5 row 5", "bce", loss.Options{}, "0.5", "0.5", "0.6931471805599453", false},
		{"§3.5 row 6 (= −ln 1e-15)", "bce", loss.Options{}, "1", "0", "34.53877639491068", false},
		{"§3.5 row 7 (exact clamp is symmetric; float64 gives 34.53957599234088)", "bce", loss.Options{}, "0", "1", "34.53877639491068", false},
		{"§3.5 rows 8-9 note (exact −ln(1 − 1e-15))", "bce", loss.Options{}, "1", "1", "1.0000000000000005e-15", false},
		{"§3.5 rows 8-9 note", "bce", loss.Options{}, "0", "0", "1.0000000000000005e-15", false},
		{"§3.5 row 10 (−ln 0.01)", "bce", loss.Options{Epsilon: pd("0.01")}, "1", "0", "4.605170185988091", false},
		{"§3.5 legacy (1,1)", "bce", loss.Options{BCEEdges: loss.BCELegacy}, "1", "1", "0", true},
		{"§3.5 legacy (0,0)", "bce", loss.Options{BCEEdges: loss.BCELegacy}, "0", "0", "0", true},
		{"§3.5 legacy row 1", "bce", loss.Options{BCEEdges: loss.BCELegacy}, "1", "0.7", "0.3566749439387324", false},
		// §3.6 poisson table.
		{"§3.6 row 1 (3 − 2 ln 3)", "poisson", loss.Options{}, "2", "3", "0.8027754226637806", false},
		{"§3.6 row 2", "poisson", loss.Options{}, "5", "4", "-2.931471805599453", false},
		{"§3.6 row 3", "poisson", loss.Options{}, "3", "3", "-0.2958368660043291", false},
		{"§3.6 row 4", "poisson", loss.Options{}, "0", "1", "1", true},
		{"§3.6 row 5 (1e-7 − ln 1e-7)", "poisson", loss.Options{}, "1", "0", "16.11809575095832", false},
		{"§3.6 row 6", "poisson", loss.Options{}, "0", "0", "1e-7", true},
		// §3.7 ztae table.
		{"§3.7 row 1", "ztae", std("0.02"), "0.01", "0.02", "0.2994769986957551", false},
		{"§3.7 row 2", "ztae", std("1"), "1", "0", "0.7615941559557649", false},
		{"§3.7 row 3", "ztae", loss.Options{Std: pd("0.5"), Mean: pd("1.0")}, "1.5", "1.0", "0.7615941559557649", false},
		{"§3.7 row 4", "ztae", std("0.005"), "0.003", "-0.004", "1.201086337265884", false},
		{"§3.7 row 5", "ztae", std("1"), "1e10", "-1e10", "2", false},
		// §3.8 zptae table and the custom-parameter example.
		{"§3.8 row 1", "zptae", std("0.02"), "0.01", "0.02", "0.3112421155022001", false},
		{"§3.8 row 2", "zptae", std("1"), "1", "0", "0.7711054227039704", false},
		{"§3.8 row 3", "zptae", std("0.01"), "0.1", "-0.05", "3.245679083448169", false},
		{"§3.8 row 4", "zptae", std("0.005"), "0.003", "-0.004", "1.199199385524847", false},
		{"§3.8 row 5", "zptae", std("1"), "0", "0", "0", true},
		{"§3.8 custom (1/√2 + 0.01)", "zptae", loss.Options{Std: pd("2"), Mean: pd("1"), Alpha: pd("0.5"), Beta: pd("1"), MSENorm: pd("0.1"), Gamma: pd("2")}, "3", "1", "0.7171067811865475", false},
		// §3.8 power-tanh samples as zptae with c = 0 against zero: pt(x) − pt(0).
		{"§3.8 pt(0.5)", "zptae", loss.Options{Std: pd("1"), MSENorm: pd("0")}, "0.5", "0", "0.4598632978267703", false},
		{"§3.8 pt(10)", "zptae", loss.Options{Std: pd("1"), MSENorm: pd("0")}, "10", "0", "1.771656348603540", false},
		{"§3.8 pt(−5)", "zptae", loss.Options{Std: pd("1"), MSENorm: pd("0")}, "0", "-5", "1.473516484844629", false},
		{"§3.8 pt(100)", "zptae", loss.Options{Std: pd("1"), MSENorm: pd("0")}, "100", "0", "3.162159082908225", false},
		// §8 cce term: −ln 0.7.
		{"§8 cce term", "cce", loss.Options{}, "1", "0.7", "0.3566749439387324", false},
		{"§8 cce zero label", "cce", loss.Options{}, "0", "0.3", "0", true},
	}
	for _, c := range cases {
		m, err := loss.NewMethod(c.method, c.opts)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		got, err := m.Loss(d(c.y), d(c.p))
		if err != nil {
			t.Errorf("%s %s(%s, %s): %v", c.src, c.method, c.y, c.p, err)
			continue
		}
		g, w := mustDec(got), dec.MustParse(c.want)
		if c.exact {
			if !g.Equal(w) {
				t.Errorf("%s %s(%s, %s) = %s, want exactly %s", c.src, c.method, c.y, c.p, g, w)
			}
			continue
		}
		if rel := relErr(g, w); rel.Cmp(specTol) > 0 {
			t.Errorf("%s %s(%s, %s) = %s, want %s (rel %s)", c.src, c.method, c.y, c.p, g, w, rel)
		}
	}
}

func relErr(got, want dec.Dec) dec.Dec {
	ctx, _ := dec.NewContext(20, dec.RoundHalfEven)
	diff := got.Sub(want).Abs()
	if want.IsZero() {
		return diff
	}
	r, _ := ctx.Quo(diff, want.Abs())
	return r
}

// TestMethodErrors checks the domain and parameter errors of spec §3.
func TestMethodErrors(t *testing.T) {
	build := []struct {
		src, name string
		opts      loss.Options
		want      error
	}{
		{"§1.2 unknown name", "rmse", loss.Options{}, loss.ErrUnknownMethod},
		{"§3.3 δ = 0", "huber", loss.Options{Delta: pd("0")}, loss.ErrInvalidParameter},
		{"§3.3 δ < 0", "huber", loss.Options{Delta: pd("-1")}, loss.ErrInvalidParameter},
		{"§3.7 std required", "ztae", loss.Options{}, loss.ErrMissingParameter},
		{"§3.7 std = 0", "ztae", loss.Options{Std: pd("0")}, loss.ErrInvalidParameter},
		{"§3.8 std required", "ZPTAE", loss.Options{}, loss.ErrMissingParameter},
		{"§3.8 std < 0", "zptae", loss.Options{Std: pd("-0.1")}, loss.ErrInvalidParameter},
		{"β = 0 (library constraint)", "zptae", loss.Options{Std: pd("1"), Beta: pd("0")}, loss.ErrInvalidParameter},
		{"γ = 0 (library constraint)", "zptae", loss.Options{Std: pd("1"), Gamma: pd("0")}, loss.ErrInvalidParameter},
		{"c < 0 (library constraint)", "zptae", loss.Options{Std: pd("1"), MSENorm: pd("-1")}, loss.ErrInvalidParameter},
		{"bce ε = 0", "bce", loss.Options{Epsilon: pd("0")}, loss.ErrInvalidParameter},
		{"bce ε > 0.5", "bce", loss.Options{Epsilon: pd("0.6")}, loss.ErrInvalidParameter},
		{"poisson ε = 0", "poisson", loss.Options{Epsilon: pd("0")}, loss.ErrInvalidParameter},
		{"option not taken", "sqe", loss.Options{Delta: pd("1")}, loss.ErrInvalidParameter},
		{"option not taken", "huber", loss.Options{Std: pd("1")}, loss.ErrInvalidParameter},
		{"bce_edges on another method", "sqe", loss.Options{BCEEdges: loss.BCELegacy}, loss.ErrInvalidParameter},
		{"unknown bce_edges", "bce", loss.Options{BCEEdges: "old"}, loss.ErrInvalidParameter},
		{"unknown zptae_overflow", "zptae", loss.Options{Std: pd("1"), ZPTAEOverflow: "clip"}, loss.ErrInvalidParameter},
		{"bad rounding", "sqe", loss.Options{Rounding: "nearest"}, loss.ErrInvalidParameter},
		{"bad digits", "sqe", loss.Options{Digits: 101}, loss.ErrInvalidParameter},
	}
	for _, c := range build {
		if _, err := loss.NewMethod(c.name, c.opts); !errors.Is(err, c.want) {
			t.Errorf("%s: NewMethod(%q) error %v, want %v", c.src, c.name, err, c.want)
		}
	}
	eval := []struct {
		src, name string
		opts      loss.Options
		y, p      string
		want      error
	}{
		{"§3.5 y > 1", "bce", loss.Options{}, "1.5", "0.5", loss.ErrDomain},
		{"§3.5 y < 0", "bce", loss.Options{}, "-0.1", "0.5", loss.ErrDomain},
		{"§3.5 p > 1 (not clamped)", "bce", loss.Options{}, "1", "1.1", loss.ErrDomain},
		{"§3.5 p < 0", "bce", loss.Options{}, "1", "-0.1", loss.ErrDomain},
		{"§3.5 legacy (1, 0) = +Inf", "bce", loss.Options{BCEEdges: loss.BCELegacy}, "1", "0", loss.ErrInfiniteLoss},
		{"§3.5 legacy (0, 1) = +Inf", "bce", loss.Options{BCEEdges: loss.BCELegacy}, "0", "1", loss.ErrInfiniteLoss},
		{"§3.6 y < 0", "poisson", loss.Options{}, "-1", "1", loss.ErrDomain},
		{"§3.6 p < 0", "poisson", loss.Options{}, "1", "-1", loss.ErrDomain},
		{"§8 cce p > 1", "cce", loss.Options{}, "1", "2", loss.ErrDomain},
		{"zptae penalty beyond 1e401", "zptae", loss.Options{Std: pd("1")}, "1e150", "-2e150", loss.ErrValue},
	}
	for _, c := range eval {
		m, err := loss.NewMethod(c.name, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Loss(d(c.y), d(c.p)); !errors.Is(err, c.want) {
			t.Errorf("%s: %s(%s, %s) error %v, want %v", c.src, c.name, c.y, c.p, err, c.want)
		}
	}
}

// TestAliases checks the alias table of spec §1.2 (case-insensitive,
// trimmed; "" is sqe).
func TestAliases(t *testing.T) {
	table := map[string][]string{
		"sqe":     {"sqe", "mse", "squared_error", "se", " MSE ", "Squared_Error", ""},
		"abse":    {"abse", "mae", "absolute_error", "ae", "MAE"},
		"huber":   {"huber", "huber_loss", "HUBER"},
		"logcosh": {"logcosh", "log_cosh", "logcosh_loss", "LogCosh"},
		"bce":     {"bce", "binary_cross_entropy", "bce_loss", "\tBCE\n"},
		"poisson": {"poisson", "poisson_loss", "Poisson"},
		"ztae":    {"ztae", "ztae_loss", "z_transformed_absolute_error", "ZTAE"},
		"zptae":   {"zptae", "zptae_loss", "z_power_tanh_absolute_error", "ZpTaE"},
		"cce":     {"cce", "categorical_cross_entropy", "cce_loss"},
	}
	for canon, names := range table {
		for _, n := range names {
			got, err := loss.Canonical(n)
			if err != nil || got != canon {
				t.Errorf("Canonical(%q) = %q, %v; want %q", n, got, err, canon)
			}
			wantExplicit := canon == "ztae" || canon == "zptae"
			if loss.RequiresExplicitParameters(n) != wantExplicit {
				t.Errorf("RequiresExplicitParameters(%q) = %v", n, !wantExplicit)
			}
		}
	}
	for _, n := range []string{"czar", "mse2", "s q e", "rmse"} {
		if _, err := loss.Canonical(n); !errors.Is(err, loss.ErrUnknownMethod) {
			t.Errorf("Canonical(%q): %v", n, err)
		}
	}
	var zero loss.Method
	if zero.Name() != "sqe" {
		t.Errorf("zero Method is %s, want sqe", zero.Name())
	}
	m, _ := loss.NewMethod("poisson", loss.Options{})
	if m.NeverNegative() || !zero.NeverNegative() {
		t.Error("NeverNegative: poisson must be false, sqe true")
	}
}

// TestZPTAEOverflow checks the two readings of spec §3.8's overflow
// fallback. With σ = 1 and z = 2e154 (|z|² = 4e308 overflows float64):
// the SDK reading gives pt = 1, the exact one pt ≈ z^0.25 ≈ 3.76e38.
func TestZPTAEOverflow(t *testing.T) {
	base := loss.Options{Std: pd("1"), MSENorm: pd("0")}
	exact, _ := loss.NewMethod("zptae", base)
	sdkOpts := base
	sdkOpts.ZPTAEOverflow = loss.ZPTAESDK
	sdk, _ := loss.NewMethod("zptae", sdkOpts)
	l, err := sdk.Loss(d("2e154"), d("0"))
	if err != nil || !mustDec(l).Equal(dec.One()) {
		t.Errorf("sdk overflow: %s, %v; want 1", l, err)
	}
	// Below the float64 limit both readings agree: |z|² = 1e308.
	a, _ := sdk.Loss(d("1e154"), d("0"))
	b, _ := exact.Loss(d("1e154"), d("0"))
	if !a.Equal(b) {
		t.Errorf("below the limit: sdk %s != exact %s", a, b)
	}
	// Exact reading: (2e154)^0.25·(1 + (2e154)^−2)^−0.375 = (2e154)^0.25 to
	// 34 digits; mpmath (60 digits): 376060309308639356812460923451722525200.4...
	l, err = exact.Loss(d("2e154"), d("0"))
	want := dec.MustParse("3.760603093086393568124609234517225e38") // truncated to 34 digits
	if err != nil || !mustDec(l).Equal(want) {
		t.Errorf("exact: %s, %v; want %s", l, err, want)
	}
}
