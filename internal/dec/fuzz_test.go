package dec_test

// Fuzz targets for every entry point that takes external values. Under
// plain `go test` only the seed corpus runs; CI runs each target for a few
// seconds (.ci/run). Every target checks: no panic; an error wraps one of
// the package's sentinels and comes with a zero result; a result lies in
// the range (0 or 1e-400 <= |v| < 1e401) and a rounded result has at most
// the context's digits.

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

var sentinels = []error{dec.ErrSyntax, dec.ErrNotFinite, dec.ErrRange, dec.ErrDivisionByZero, dec.ErrDomain,
	dec.ErrEmpty, dec.ErrLength, dec.ErrInvalidArgument, dec.ErrInvalidContext}

func typedErr(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

var (
	rangeLo = dec.MustParse("1e-400")
	rangeHi = dec.One().Shift(dec.MaxAdjExp + 1) // 1e401 itself is out of range
)

func inRange(x dec.Dec) bool {
	a := x.Abs()
	return x.IsZero() || (a.Cmp(rangeLo) >= 0 && a.Cmp(rangeHi) < 0)
}

// checkResult applies the common checks to a result of an operation; when
// rounded is set the result must also have at most c's digits.
func checkResult(t *testing.T, what string, c dec.Context, r dec.Dec, err error, rounded bool) bool {
	t.Helper()
	if err != nil {
		if !typedErr(err) {
			t.Fatalf("%s: untyped error %v", what, err)
		}
		if !r.IsZero() {
			t.Fatalf("%s: error %v with nonzero result %s", what, err, r)
		}
		return false
	}
	if !inRange(r) {
		t.Fatalf("%s = %s: out of range", what, r)
	}
	if rounded {
		if rr, err := c.Round(r); err != nil || rr.Cmp(r) != 0 || rr.String() != r.String() {
			t.Fatalf("%s = %s has more than %d digits", what, r, c.Digits())
		}
	}
	return true
}

// fuzzCtx maps two fuzzed bytes to a valid context.
func fuzzCtx(digits, mode uint8) dec.Context {
	c, err := dec.NewContext(int(digits)%dec.MaxContextDigits+1, dec.Rounding(mode%6))
	if err != nil {
		panic(err)
	}
	return c
}

// parseArg parses a fuzzed argument; invalid text is checked by FuzzParse.
func parseArg(s string) (dec.Dec, bool) {
	x, err := dec.Parse(s)
	return x, err == nil
}

// fuzzUnary is the body of the one-argument correctly rounded functions:
// besides the common checks, floor <= f <= ceiling and floor and ceiling
// are equal or neighbours on the p-digit grid.
func fuzzUnary(f *testing.F, name string, fn func(dec.Context, dec.Dec) (dec.Dec, error), seeds ...string) {
	for _, s := range seeds {
		f.Add(s, uint8(33), uint8(0))
		f.Add(s, uint8(15), uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, digits, mode uint8) {
		x, ok := parseArg(s)
		if !ok {
			return
		}
		c := fuzzCtx(digits, mode)
		r, err := fn(c, x)
		what := name + "(" + short(s) + ") [" + c.String() + "]"
		if !checkResult(t, what, c, r, err, true) {
			return
		}
		fl, errF := fn(fuzzCtx(digits, uint8(dec.RoundFloor)), x)
		ce, errC := fn(fuzzCtx(digits, uint8(dec.RoundCeiling)), x)
		if errF != nil || errC != nil {
			if !errors.Is(errF, dec.ErrRange) && !errors.Is(errC, dec.ErrRange) {
				t.Fatalf("%s: floor/ceiling errors %v, %v", what, errF, errC)
			}
			return
		}
		if r.Cmp(fl) < 0 || r.Cmp(ce) > 0 {
			t.Fatalf("%s = %s outside [floor %s, ceiling %s]", what, r, fl, ce)
		}
		if fl.Cmp(ce) != 0 && !neighbours(c.Digits(), fl, ce) {
			t.Fatalf("%s: floor %s and ceiling %s are not neighbours", what, fl, ce)
		}
	})
}

// neighbours reports whether a < b are adjacent p-digit numbers. A value
// just below 1e-400 in magnitude flushes to 0, so 0 neighbours ±1e-400.
func neighbours(p int, a, b dec.Dec) bool {
	switch {
	case a.IsZero():
		return b.Cmp(rangeLo) == 0
	case b.IsZero():
		return a.Neg().Cmp(rangeLo) == 0
	case a.Sign() != b.Sign():
		return false
	}
	// The next value above a: a + a hundredth of a unit, rounded up in
	// magnitude for a > 0 and toward zero for a < 0.
	m := dec.RoundUp
	if a.Sign() < 0 {
		m = dec.RoundDown
	}
	n, err := mustCtxQuiet(p, m).Round(a.Add(ulpAt(a, p).Shift(-2)))
	return err == nil && n.Cmp(b) == 0
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "-0", "1", "-12.50", ".5", "5.", "1e3", "1.5E+2", "1e-400", "9.99e400", "1e401",
		"NaN", "-Infinity", "", "1e", "1,000", "0x10", "١", "+.e", "00012", "1e-99999999999999999999",
		strings.Repeat("9", 1000), strings.Repeat("9", 1001), "0." + strings.Repeat("0", 1060) + "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, err := dec.Parse(s)
		if err != nil {
			if !errors.Is(err, dec.ErrSyntax) && !errors.Is(err, dec.ErrNotFinite) && !errors.Is(err, dec.ErrRange) {
				t.Fatalf("Parse(%q): untyped error %v", s, err)
			}
			if !x.IsZero() {
				t.Fatalf("Parse(%q): error with value %s", s, x)
			}
			return
		}
		if !inRange(x) {
			t.Fatalf("Parse(%q) = %s out of range", s, x)
		}
		txt := x.String()
		y, err := dec.Parse(txt)
		if err != nil || y.Cmp(x) != 0 || y.String() != txt {
			t.Fatalf("round trip of %q: %q → %v, %v", s, txt, y, err)
		}
		var z dec.Dec
		b, _ := x.MarshalText()
		if err := z.UnmarshalText(b); err != nil || z.Cmp(x) != 0 {
			t.Fatalf("text round trip of %q: %v", s, err)
		}
		// Independent oracle: where shopspring also reads s, the values agree.
		if sd, err := decimal.NewFromString(s); err == nil && !sd.Equal(x.Decimal()) {
			t.Fatalf("Parse(%q) = %s, shopspring reads %s", s, x, sd)
		}
	})
}

func FuzzFromDecimal(f *testing.F) {
	f.Add([]byte{1}, false, int32(0))
	f.Add([]byte{0x12, 0x34}, true, int32(-404))
	f.Add([]byte{0xff, 0xff, 0xff}, false, int32(395))
	f.Add([]byte{}, false, int32(1<<31-1))
	f.Add(make([]byte, 500), true, int32(-1<<31))
	f.Fuzz(func(t *testing.T, coef []byte, neg bool, exp int32) {
		c := new(big.Int).SetBytes(coef)
		if neg {
			c.Neg(c)
		}
		sd := decimal.NewFromBigInt(c, exp)
		x, err := dec.FromDecimal(sd)
		if err != nil {
			if !errors.Is(err, dec.ErrRange) || !x.IsZero() {
				t.Fatalf("FromDecimal: %v, %s", err, x)
			}
			return
		}
		if !inRange(x) || !x.Decimal().Equal(sd) {
			t.Fatalf("FromDecimal(%s) = %s", sd, x)
		}
		if y, err := dec.FromBigInt(c); err == nil && exp == 0 && y.Cmp(x) != 0 {
			t.Fatalf("FromBigInt and FromDecimal differ: %s, %s", y, x)
		}
	})
}

var unarySeeds = []string{"0", "1", "-1", "0.5", "2", "10", "1e-400", "-1e-400", "1e-200", "923.3", "924", "-921.1", "1e400",
	"9.999999999999999999999999999999999e400", "1.000000000000000000000000000000000000001", "0.9999999999999999999999999999999999",
	"2.302585092994045684017991454684364", "1000", "1e-34", "38.5", "-38.5"}

func FuzzExp(f *testing.F)   { fuzzUnary(f, "Exp", dec.Context.Exp, unarySeeds...) }
func FuzzLn(f *testing.F)    { fuzzUnary(f, "Ln", dec.Context.Ln, unarySeeds...) }
func FuzzLog10(f *testing.F) { fuzzUnary(f, "Log10", dec.Context.Log10, unarySeeds...) }
func FuzzPow10(f *testing.F) { fuzzUnary(f, "Pow10", dec.Context.Pow10, unarySeeds...) }
func FuzzSqrt(f *testing.F)  { fuzzUnary(f, "Sqrt", dec.Context.Sqrt, unarySeeds...) }
func FuzzTanh(f *testing.F)  { fuzzUnary(f, "Tanh", dec.Context.Tanh, unarySeeds...) }
func FuzzRound(f *testing.F) { fuzzUnary(f, "Round", dec.Context.Round, unarySeeds...) }

// fuzzBinary is the body of the two-argument correctly rounded operations.
func fuzzBinary(f *testing.F, name string, fn func(dec.Context, dec.Dec, dec.Dec) (dec.Dec, error)) {
	pairs := [][2]string{{"2", "10"}, {"4", "0.5"}, {"-2", "3"}, {"-2", "0.5"}, {"0", "-1"}, {"0", "0"}, {"10", "401"},
		{"1e-400", "1e400"}, {"1.0001", "1000000"}, {"7", "-1e-120"}, {"1e400", "1e-400"}, {"1", "3"}, {"-2", "3e-7"}}
	for _, p := range pairs {
		f.Add(p[0], p[1], uint8(33), uint8(0))
		f.Add(p[0], p[1], uint8(49), uint8(2))
	}
	f.Fuzz(func(t *testing.T, a, b string, digits, mode uint8) {
		x, ok1 := parseArg(a)
		y, ok2 := parseArg(b)
		if !ok1 || !ok2 {
			return
		}
		c := fuzzCtx(digits, mode)
		r, err := fn(c, x, y)
		checkResult(t, name+"("+short(a)+", "+short(b)+") ["+c.String()+"]", c, r, err, true)
	})
}

func FuzzPow(f *testing.F) { fuzzBinary(f, "Pow", dec.Context.Pow) }
func FuzzMul(f *testing.F) { fuzzBinary(f, "Mul", dec.Context.Mul) }
func FuzzQuo(f *testing.F) {
	fuzzBinary(f, "Quo", func(c dec.Context, a, b dec.Dec) (dec.Dec, error) {
		q, err := c.Quo(a, b)
		// QuoInteger on the same arguments: exact integer or a typed error.
		if qi, err2 := c.QuoInteger(a, b); err2 == nil {
			if !qi.IsInteger() {
				return dec.Dec{}, errors.New("QuoInteger not an integer")
			}
		} else if !typedErr(err2) {
			return dec.Dec{}, err2
		}
		return q, err
	})
}
func FuzzExp1DivExp1(f *testing.F) { fuzzBinary(f, "Exp1DivExp1", dec.Context.Exp1DivExp1) }

func FuzzSigmoid(f *testing.F) {
	for _, s := range unarySeeds {
		f.Add(s, uint8(33), uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, digits, mode uint8) {
		x, ok := parseArg(s)
		if !ok {
			return
		}
		c := fuzzCtx(digits, mode)
		r, err := c.Sigmoid(x)
		if checkResult(t, "Sigmoid("+short(s)+")", c, r, err, true) && (r.Sign() < 0 || r.Cmp(dec.One()) > 0) {
			t.Fatalf("Sigmoid(%s) = %s outside [0, 1]", s, r)
		}
	})
}

// FuzzPhiGradient: φ and φ' of fuzzed (p, c, x); φ' with p > 0 lies in
// [0, p rounded to the working precision].
func FuzzPhiGradient(f *testing.F) {
	f.Add("3", "0.75", "0", uint8(33), uint8(0))
	f.Add("3", "0.75", "-1000", uint8(33), uint8(0))
	f.Add("1e400", "0", "10", uint8(33), uint8(3))
	f.Add("-2", "1e-400", "1e400", uint8(10), uint8(5))
	f.Fuzz(func(t *testing.T, ps, cs, xs string, digits, mode uint8) {
		p, ok1 := parseArg(ps)
		cc, ok2 := parseArg(cs)
		x, ok3 := parseArg(xs)
		if !ok1 || !ok2 || !ok3 {
			return
		}
		c := fuzzCtx(digits, mode)
		what := "(" + short(ps) + ", " + short(cs) + ", " + short(xs) + ")"
		r, err := c.Phi(p, cc, x)
		checkResult(t, "Phi"+what, c, r, err, true)
		g, err := c.Gradient(p, cc, x)
		if checkResult(t, "Gradient"+what, c, g, err, true) && p.Sign() > 0 {
			// φ' = p·σ ≤ p exactly; rounding is monotone, so the
			// result is at most p rounded to the working precision
			// (which exceeds p when p has more digits and the mode
			// rounds up: p = 11 at 1 digit rounding up gives 20).
			pr, rerr := c.Round(p)
			if rerr == nil && (g.Sign() < 0 || g.Cmp(pr) > 0) {
				t.Fatalf("Gradient%s = %s outside [0, round(p) = %s]", what, g, pr)
			}
		}
	})
}

// FuzzEMA: α in [0, 1] gives a result within two units of [min, max]
// (TestPropEMABounds); α outside gives ErrInvalidArgument.
func FuzzEMA(f *testing.F) {
	f.Add("0.1", "10", "20", false, uint8(33), uint8(0))
	f.Add("1.5", "10", "20", false, uint8(33), uint8(0))
	f.Add("0.123", "9.999999999999999999999999999999999", "9.999999999999999999999999999999998", true, uint8(33), uint8(0))
	f.Fuzz(func(t *testing.T, as, cs, ps string, first bool, digits, mode uint8) {
		a, ok1 := parseArg(as)
		cur, ok2 := parseArg(cs)
		prev, ok3 := parseArg(ps)
		if !ok1 || !ok2 || !ok3 {
			return
		}
		c := fuzzCtx(digits, mode)
		r, err := c.EMA(a, cur, prev, first)
		if (a.Sign() < 0 || a.Cmp(dec.One()) > 0) != errors.Is(err, dec.ErrInvalidArgument) {
			t.Fatalf("EMA(%s, …): α check gave %v", as, err)
		}
		// The sum of two rounded products is exact, so it may carry more
		// than p digits: no digit check.
		checkResult(t, "EMA", c, r, err, false)
	})
}

// splitDecs parses a comma-separated list, skipping invalid items.
func splitDecs(s string) []dec.Dec {
	var out []dec.Dec
	for _, it := range strings.Split(s, ",") {
		if x, ok := parseArg(it); ok {
			out = append(out, x)
		}
	}
	return out
}

// FuzzStats: Quantile, Median, MAD, Mean, StdDev and WeightedPercentile of
// fuzzed lists: typed errors only, inputs unchanged, Quantile and Median
// within [min, max] when the inputs have at most the context's digits.
func FuzzStats(f *testing.F) {
	f.Add("1,2,3,4", "1,1,1,1", "0,50,100", "0.25", uint8(33), uint8(0))
	f.Add("", "", "", "0.5", uint8(33), uint8(0))
	f.Add("1e400,-1e400,1e-400", "1,0,2", "12.5", "1", uint8(0), uint8(3))
	f.Add("5", "0", "101", "-0.1", uint8(99), uint8(5))
	f.Fuzz(func(t *testing.T, xs, ws, ps, qs string, digits, mode uint8) {
		x, w, p := splitDecs(xs), splitDecs(ws), splitDecs(ps)
		q, ok := parseArg(qs)
		if !ok || len(x) > 200 || len(w) > 200 || len(p) > 50 {
			return
		}
		c := fuzzCtx(digits, mode)
		bx, bw, bp := snapshot(x), snapshot(w), snapshot(p)
		v, err := c.Quantile(x, q)
		checkResult(t, "Quantile", c, v, err, false)
		m, err := c.Median(x)
		checkResult(t, "Median", c, m, err, false)
		mad, med, err := c.MAD(x)
		checkResult(t, "MAD", c, mad, err, false)
		checkResult(t, "MAD median", c, med, err, false)
		mean, err := c.Mean(x)
		checkResult(t, "Mean", c, mean, err, true)
		sd, err := c.StdDev(x)
		checkResult(t, "StdDev", c, sd, err, true)
		wp, err := c.WeightedPercentile(x, w, p)
		if err != nil && !typedErr(err) {
			t.Fatalf("WeightedPercentile: %v", err)
		}
		for _, r := range wp {
			checkResult(t, "WeightedPercentile", c, r, nil, false)
		}
		if snapshot(x) != bx || snapshot(w) != bw || snapshot(p) != bp {
			t.Fatal("an input was modified")
		}
	})
}

func FuzzContextFor(f *testing.F) {
	f.Add(34, "down")
	f.Add(0, "")
	f.Add(101, "half-even")
	f.Add(-5, "bankers")
	f.Fuzz(func(t *testing.T, digits int, mode string) {
		c, err := dec.ContextFor(digits, mode)
		if err != nil {
			if !errors.Is(err, dec.ErrInvalidContext) || len(err.Error()) > 200 {
				t.Fatalf("ContextFor(%d, %q): %v", digits, short(mode), err)
			}
			return
		}
		if c.Digits() < 1 || c.Digits() > dec.MaxContextDigits || c.Rounding().String() != mode && mode != "" {
			t.Fatalf("ContextFor(%d, %q) = %v", digits, mode, c)
		}
	})
}
