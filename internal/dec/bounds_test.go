package dec_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// cost runs f a few times and returns its fastest run and the bytes
// allocated by one run.
func cost(f func()) (time.Duration, uint64) {
	f() // warm up (lazy tables, page faults)
	best := time.Duration(math.MaxInt64)
	for range 3 {
		st := time.Now()
		f()
		best = min(best, time.Since(st))
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return best, m1.TotalAlloc - m0.TotalAlloc
}

// TestRejectAtOnce: input outside the accepted range (see dec.go: |v| in
// [1e-400, 1e401), at most 1000 significant digits, at most 1064 bytes of
// text) is rejected with a typed error in well under 10 ms and without an
// allocation proportional to the input.
func TestRejectAtOnce(t *testing.T) {
	million := strings.Repeat("9", 1_000_000)
	texts := []struct {
		in   string
		want error
	}{
		{"", dec.ErrSyntax},
		{"NaN", dec.ErrNotFinite},
		{"-Infinity", dec.ErrNotFinite},
		{"1e1000000", dec.ErrRange},
		{"1e-1000000", dec.ErrRange},
		{"1e99999999999999999999999999999999", dec.ErrRange},
		{million, dec.ErrRange},
		{"0." + million, dec.ErrRange},
		{"1e" + million, dec.ErrRange},
		{strings.Repeat("x", 1_000_000), dec.ErrRange}, // too long is checked before syntax
	}
	for _, tc := range texts {
		name := tc.in
		if len(name) > 20 {
			name = fmt.Sprintf("%s… (%d bytes)", name[:20], len(name))
		}
		var err error
		el, alloc := cost(func() { _, err = dec.Parse(tc.in) })
		if !errors.Is(err, tc.want) {
			t.Errorf("Parse(%s): %v, want %v", name, err, tc.want)
		}
		var u dec.Dec
		var uerr error
		b := []byte(tc.in)
		el2, alloc2 := cost(func() { uerr = u.UnmarshalText(b) })
		if !errors.Is(uerr, tc.want) {
			t.Errorf("UnmarshalText(%s): %v", name, uerr)
		}
		if el > 10*time.Millisecond || alloc > 64<<10 || el2 > 10*time.Millisecond || alloc2 > 64<<10 {
			t.Errorf("Parse(%s): %v and %d bytes; UnmarshalText %v and %d bytes", name, el, alloc, el2, alloc2)
		}
	}

	tenMillion := new(big.Int).Exp(big.NewInt(10), big.NewInt(1_000_000), nil) // 1000001 digits
	ints := []*big.Int{nil, tenMillion, new(big.Int).Neg(tenMillion)}
	for _, v := range ints {
		var err error
		el, alloc := cost(func() { _, err = dec.FromBigInt(v) })
		if err == nil || !(errors.Is(err, dec.ErrRange) || errors.Is(err, dec.ErrSyntax)) || el > 10*time.Millisecond || alloc > 64<<10 {
			t.Errorf("FromBigInt: %v in %v, %d bytes", err, el, alloc)
		}
	}
	decs := []decimal.Decimal{
		decimal.New(1, math.MaxInt32),
		decimal.New(1, math.MinInt32),
		decimal.New(-5, 401),
		decimal.NewFromBigInt(tenMillion, -999_999),
	}
	for _, v := range decs {
		var err error
		el, alloc := cost(func() { _, err = dec.FromDecimal(v) })
		// FromDecimal copies the coefficient once (shopspring's Coefficient
		// returns a copy), so the allocation is at most the input's own size.
		limit := uint64(len(v.Coefficient().Bits()))*8 + 64<<10
		if !errors.Is(err, dec.ErrRange) || el > 10*time.Millisecond || alloc > limit {
			t.Errorf("FromDecimal(…e%d): %v in %v, %d bytes (limit %d)", v.Exponent(), err, el, alloc, limit)
		}
	}
	for _, tc := range []struct {
		digits int
		mode   string
	}{{math.MaxInt, ""}, {math.MinInt, ""}, {34, strings.Repeat("down", 250_000)}} {
		var err error
		el, _ := cost(func() { _, err = dec.ContextFor(tc.digits, tc.mode) })
		if !errors.Is(err, dec.ErrInvalidContext) || el > 10*time.Millisecond || len(err.Error()) > 200 {
			t.Errorf("ContextFor(%d, %d-byte mode): %d-byte error in %v", tc.digits, len(tc.mode), len(err.Error()), el)
		}
	}
}

// TestWorstAcceptedInputs: the most expensive inputs the range admits
// (1000-digit arguments, values spanning the whole exponent range, 100-digit
// contexts) finish in bounded time: below 100 ms each here (measured below
// 0.5 ms on the CI machine; the bound leaves room for slow runners), and
// out-of-range results are typed errors.
func TestWorstAcceptedInputs(t *testing.T) {
	digits := func(lead string, n, exp int) dec.Dec {
		return d(lead + strings.Repeat("7", n-len(lead)) + fmt.Sprintf("e%d", exp))
	}
	x := digits("9", dec.MaxDigits, -997)  // ≈ 9.78, 1000 digits
	y := digits("92", dec.MaxDigits, -998) // ≈ 92.8, 1000 digits
	near1 := d("1." + strings.Repeat("0", 500) + strings.Repeat("3", 499))
	tiny := digits("3", dec.MaxDigits, -1200) // ≈ 3.8e-201, 1000 digits
	wide := d("1e400").Add(d("1.234e-400"))   // 801 digits
	huge := d("9." + strings.Repeat("9", 999) + "e400")
	for _, p := range []int{34, dec.MaxContextDigits} {
		c := mustCtx(t, p, dec.RoundHalfUp)
		cases := map[string]func() (dec.Dec, error){
			"Exp(y)":          func() (dec.Dec, error) { return c.Exp(y) },
			"Exp(huge)":       func() (dec.Dec, error) { return c.Exp(huge) },
			"Exp(-huge)":      func() (dec.Dec, error) { return c.Exp(huge.Neg()) },
			"Ln(x)":           func() (dec.Dec, error) { return c.Ln(x) },
			"Ln(near1)":       func() (dec.Dec, error) { return c.Ln(near1) },
			"Ln(wide)":        func() (dec.Dec, error) { return c.Ln(wide) },
			"Ln(huge)":        func() (dec.Dec, error) { return c.Ln(huge) },
			"Log10(near1)":    func() (dec.Dec, error) { return c.Log10(near1) },
			"Pow10(y)":        func() (dec.Dec, error) { return c.Pow10(y) },
			"Pow10(huge)":     func() (dec.Dec, error) { return c.Pow10(huge) },
			"Sqrt(wide)":      func() (dec.Dec, error) { return c.Sqrt(wide) },
			"Sqrt(x)":         func() (dec.Dec, error) { return c.Sqrt(x) },
			"Pow(x, y)":       func() (dec.Dec, error) { return c.Pow(x, y) },
			"Pow(near1, y)":   func() (dec.Dec, error) { return c.Pow(near1, y) },
			"Pow(huge, huge)": func() (dec.Dec, error) { return c.Pow(huge, huge) },
			"Pow(x, 2)":       func() (dec.Dec, error) { return c.Pow(x, dec.New(2, 0)) },
			"Pow(1.7, 1000)":  func() (dec.Dec, error) { return c.Pow(d("1.7"), d("1000")) },
			"Pow(1+1e-10, 2^20-1)": func() (dec.Dec, error) {
				return c.Pow(d("1.0000000001"), dec.FromInt64(1<<20-1))
			},
			"Tanh(x)":            func() (dec.Dec, error) { return c.Tanh(x) },
			"Tanh(tiny)":         func() (dec.Dec, error) { return c.Tanh(tiny) },
			"Quo(x, y)":          func() (dec.Dec, error) { return c.Quo(x, y) },
			"Quo(wide, tiny)":    func() (dec.Dec, error) { return c.Quo(wide, tiny) },
			"Mul(wide, wide)":    func() (dec.Dec, error) { return c.Mul(wide, wide) },
			"QuoInteger(x,tiny)": func() (dec.Dec, error) { return c.QuoInteger(x, tiny) },
			"Phi(x, y, near1)":   func() (dec.Dec, error) { return c.Phi(x, y, near1) },
			"Gradient(y,x,near1)": func() (dec.Dec, error) {
				return c.Gradient(y, x, near1)
			},
			"Exp1DivExp1(y, -y)": func() (dec.Dec, error) { return c.Exp1DivExp1(y, y.Neg()) },
			"Sigmoid(-huge)":     func() (dec.Dec, error) { return c.Sigmoid(huge.Neg()) },
		}
		for name, f := range cases {
			var err error
			el, _ := cost(func() { _, err = f() })
			if err != nil && !errors.Is(err, dec.ErrRange) {
				t.Errorf("%s [%d digits]: unexpected error %v", name, p, err)
			}
			if el > 100*time.Millisecond {
				t.Errorf("%s [%d digits] took %v", name, p, el)
			}
		}
	}
}
