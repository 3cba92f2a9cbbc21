package dec_test

import (
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// TestCoreBugRegressions pins bugs found in the decimal core during development
// (input, mode, right output). Provenance of each expected value: the
// mathematical value's expansion, stated in the comment, truncated or
// rounded by hand; every case is also a vector in testdata/dec.
func TestCoreBugRegressions(t *testing.T) {
	nines := "0." + strings.Repeat("9", 34) // 1 − 10^-34: largest 34-digit value below 1
	onePlus := "1." + strings.Repeat("0", 32) + "1"
	x300 := "1." + strings.Repeat("0", 299) + "1" // 1 + 1e-300
	tie := "1.00000000000000000000000000000000100000000000000000000000000000000025"
	cases := []struct {
		name string
		mode dec.Rounding
		f    func(c dec.Context) (dec.Dec, error)
		want string
	}{
		// 1. log10(1+1e-300) = 1e-300/ln10 − … = 4.342944819032518276511289189166050822…e-301.
		{"log10 near 1", dec.RoundHalfEven, func(c dec.Context) (dec.Dec, error) { return c.Log10(dec.MustParse(x300)) },
			"4.342944819032518276511289189166051e-301"},
		// 2. e^-1e-200 = 1 − 1e-200 + …: truncates to 34 nines.
		{"exp tiny negative", dec.RoundDown, func(c dec.Context) (dec.Dec, error) { return c.Exp(dec.MustParse("-1e-200")) }, nines},
		// e^1e-200 = 1 + 1e-200 + …: rounds up to 1 + 1e-33.
		{"exp tiny positive up", dec.RoundUp, func(c dec.Context) (dec.Dec, error) { return c.Exp(dec.MustParse("1e-200")) }, onePlus},
		// 10^-1e-200 = 1 − 2.30e-200 + ….
		{"pow10 tiny", dec.RoundDown, func(c dec.Context) (dec.Dec, error) { return c.Pow10(dec.MustParse("-1e-200")) }, nines},
		// 2^1e-100 = 1 + 6.93e-101 + ….
		{"pow tiny exponent", dec.RoundUp, func(c dec.Context) (dec.Dec, error) {
			return c.Pow(dec.MustParse("2"), dec.MustParse("1e-100"))
		}, onePlus},
		// (−(1+1e-300))^(10^30+1) = −(1 + 1e-270 + …): magnitude just above 1.
		{"pow negative base near 1", dec.RoundFloor, func(c dec.Context) (dec.Dec, error) {
			return c.Pow(dec.MustParse("-"+x300), dec.MustParse("1000000000000000000000000000001"))
		}, "-" + onePlus},
		// tanh(1e-300) = 1e-300 − 3.3e-901: just below 1e-300.
		{"tanh tiny", dec.RoundDown, func(c dec.Context) (dec.Dec, error) { return c.Tanh(dec.MustParse("1e-300")) },
			"9.999999999999999999999999999999999e-301"},
		// tanh(1e-400) = 1e-400 − …: truncates to 9.99…e-401, below the range: 0.
		{"tanh tiny flush", dec.RoundDown, func(c dec.Context) (dec.Dec, error) { return c.Tanh(dec.MustParse("1e-400")) }, "0"},
		// ln(1+1e-300) = 1e-300 − 5e-601: just below 1e-300.
		{"ln near 1", dec.RoundDown, func(c dec.Context) (dec.Dec, error) { return c.Ln(dec.MustParse(x300)) },
			"9.999999999999999999999999999999999e-301"},
		// φ(1,0,−300) = ln(1 + E), E = e^-300 truncated = 5.148200222412013781154861921067130e-131:
		// ln(1+E) = E − E²/2 truncates to E − 1 ulp.
		{"phi via ln near 1", dec.RoundDown, func(c dec.Context) (dec.Dec, error) {
			return c.Phi(dec.MustParse("1"), dec.MustParse("0"), dec.MustParse("-300"))
		}, "5.148200222412013781154861921067129e-131"},
		// 3. √tie = 1.0000000000000000000000000000000005 exactly: a tie at 34 digits.
		{"pow exact tie half-up", dec.RoundHalfUp, func(c dec.Context) (dec.Dec, error) {
			return c.Pow(dec.MustParse(tie), dec.MustParse("0.5"))
		}, onePlus},
		{"pow exact tie half-even", dec.RoundHalfEven, func(c dec.Context) (dec.Dec, error) {
			return c.Pow(dec.MustParse(tie), dec.MustParse("0.5"))
		}, "1"},
	}
	for _, tc := range cases {
		ctx, err := dec.NewContext(34, tc.mode)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tc.f(ctx)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got.Cmp(dec.MustParse(tc.want)) != 0 {
			t.Errorf("%s [%s]: got %s, want %s", tc.name, tc.mode, got, tc.want)
		}
	}
}
