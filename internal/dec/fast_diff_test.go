package dec

// Differential tests: every operation of this package against decref, the
// frozen copy of the original math/big implementation. Results must be
// bit-identical (same coefficient, same exponent, same error text), for
// every rounding mode and many precisions. The default run compares a few
// hundred thousand inputs in seconds; -fastdiff.n scales it up:
//
//	go test -run 'TestFastDiff' -fastdiff.n 2000000 ./internal/dec/

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec/internal/decref"
	"pgregory.net/rapid"
)

var fastDiffN = flag.Int("fastdiff.n", 0, "inputs per differential test (0: a quick default)")

// fastDiffCount returns the number of inputs a differential test draws.
func fastDiffCount(def int) int {
	if *fastDiffN > 0 {
		return *fastDiffN
	}
	if testing.Short() {
		return def / 10
	}
	return def
}

// fastDigits are the precisions the differential tests use, the reference
// precision repeated so that it takes about half of the draws.
var fastDigits = []int{34, 34, 34, 34, 34, 34, 34, 34, 34, 34, 1, 2, 7, 16, 19, 20, 28, 33, 35, 38, 39, 40, 50, 76, 77, 78, 100}

// fastT is the part of testing.TB and *rapid.T the comparisons use.
type fastT interface {
	Helper()
	Fatalf(format string, args ...any)
}

// fastCtx is a pair of equal contexts of the two implementations.
type fastCtx struct {
	c   Context
	ref decref.Context
}

func (f fastCtx) String() string { return f.c.String() }

func fastMakeCtx(digits int, mode Rounding) fastCtx {
	c, err := NewContext(digits, mode)
	if err != nil {
		panic(err)
	}
	r, err := decref.NewContext(digits, decref.Rounding(mode))
	if err != nil {
		panic(err)
	}
	return fastCtx{c, r}
}

// fastGen draws decimal strings that stress the representation boundaries:
// coefficients around 2^64, 2^128 and 10^k, 34-digit values, long
// coefficients, exponents near the range limits.
type fastGen struct{ r *rand.Rand }

func newFastGen(seed uint64) fastGen {
	return fastGen{rand.New(rand.NewPCG(seed, 0x2545f4914f6cdd1d))}
}

// fastSpecial are coefficients at word and power-of-ten boundaries.
var fastSpecial = []string{
	"1", "9", "10", "5", "25", "125",
	"18446744073709551615", "18446744073709551616", "18446744073709551617",
	"9999999999999999999", "10000000000000000000",
	"340282366920938463463374607431768211455", "340282366920938463463374607431768211456",
	"340282366920938463463374607431768211457", "170141183460469231731687303715884105728",
	"99999999999999999999999999999999999999", "100000000000000000000000000000000000000",
	"9999999999999999999999999999999999", "1000000000000000000000000000000000",
	"5000000000000000000000000000000000", "4999999999999999999999999999999999",
	"5000000000000000000000000000000001", "12345678901234567890123456789012345",
	"31622776601683793319988935444327185337", "316227766016837933199889354443271853372",
}

func (g fastGen) digits(n int) string {
	var b strings.Builder
	b.WriteByte(byte('1' + g.r.IntN(9)))
	for i := 1; i < n; i++ {
		b.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return b.String()
}

// coef returns a coefficient digit string.
func (g fastGen) coef() string {
	switch g.r.IntN(16) {
	case 0:
		return fastSpecial[g.r.IntN(len(fastSpecial))]
	case 1:
		return strings.Repeat("9", 1+g.r.IntN(45))
	case 2:
		return "1" + strings.Repeat("0", g.r.IntN(45))
	case 3:
		return g.digits(1+g.r.IntN(4)) + strings.Repeat("0", g.r.IntN(40))
	}
	switch g.r.IntN(8) {
	case 0, 1:
		return g.digits(1 + g.r.IntN(6))
	case 2:
		return g.digits(7 + g.r.IntN(13))
	case 3:
		return g.digits(20 + g.r.IntN(15))
	case 4, 5:
		return g.digits(34)
	case 6:
		return g.digits(35 + g.r.IntN(6))
	}
	if g.r.IntN(8) == 0 {
		return g.digits(81 + g.r.IntN(120))
	}
	return g.digits(41 + g.r.IntN(40))
}

// withAdj writes sign, coefficient and an exponent that puts the most
// significant digit at 10^adj.
func (g fastGen) withAdj(c string, adj int, signed bool) string {
	s := ""
	if signed && g.r.IntN(2) == 0 {
		s = "-"
	}
	return fmt.Sprintf("%s%se%d", s, c, adj-len(c)+1)
}

// adj draws an adjusted exponent.
func (g fastGen) adj() int {
	switch g.r.IntN(10) {
	case 0, 1, 2, 3:
		return g.r.IntN(7) - 3
	case 4, 5, 6:
		return g.r.IntN(81) - 40
	case 7, 8:
		return g.r.IntN(801) - 400
	}
	if g.r.IntN(2) == 0 {
		return 395 + g.r.IntN(6)
	}
	return -400 + g.r.IntN(6)
}

// num draws any in-range number (occasionally zero).
func (g fastGen) num() string {
	if g.r.IntN(40) == 0 {
		return "0"
	}
	return g.withAdj(g.coef(), g.adj(), true)
}

// expArg draws an argument for Exp: mostly |x| < 1000, both signs.
func (g fastGen) expArg() string {
	c := g.coef()
	switch g.r.IntN(10) {
	case 0:
		return g.withAdj(c, -400+g.r.IntN(340), true)
	case 1, 2:
		return g.withAdj(c, -60+g.r.IntN(59), true)
	case 3, 4, 5:
		return g.withAdj(c, g.r.IntN(2)-1, true)
	case 6, 7, 8:
		return g.withAdj(c, 1, true)
	}
	if g.r.IntN(4) == 0 {
		return g.withAdj("92"+g.digits(1+g.r.IntN(40)), 2, true)
	}
	return g.withAdj(c, 2, true)
}

// lnArg draws a positive argument for Ln: any magnitude, with a share of
// values within 10^-k of 1.
func (g fastGen) lnArg() string {
	if g.r.IntN(4) == 0 {
		k := 1 + g.r.IntN(60)
		d := g.withAdj(g.coef(), -k, true)
		x := MustParse("1").Add(MustParse(d))
		if x.Sign() > 0 {
			return x.String()
		}
	}
	return g.withAdj(g.coef(), g.adj(), false)
}

// near returns a number within a few units of a low digit of xs.
func (g fastGen) near(xs string) string {
	x, err := Parse(xs)
	if err != nil {
		return xs
	}
	d, err := Parse(g.withAdj(g.digits(1+g.r.IntN(3)), x.adjExpOr0()-g.r.IntN(40), true))
	if err != nil {
		return xs
	}
	return x.Add(d).String()
}

// ctx draws a precision and rounding mode.
func (g fastGen) ctx() fastCtx {
	return fastMakeCtx(fastDigits[g.r.IntN(len(fastDigits))], Rounding(g.r.IntN(int(numRoundings))))
}

// fastParse parses s in both implementations and checks they agree.
func fastParse(t fastT, s string) (Dec, decref.Dec) {
	t.Helper()
	d, err := Parse(s)
	r, rerr := decref.Parse(s)
	fastSame(t, func() string { return "Parse(" + s + ")" }, d, err, r, rerr)
	return d, r
}

// fastRepr describes a value's exact representation.
func fastRepr(c fmt.Stringer, exp int32) string { return fmt.Sprintf("%s×10^%d", c, exp) }

func fastErrText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// fastSame fails unless got and want have the same coefficient, exponent
// and error text, and got satisfies the representation invariant.
func fastSame(t fastT, what fastWhat, got Dec, gotErr error, want decref.Dec, wantErr error) {
	t.Helper()
	fastCheckInvariant(t, what, got)
	gd, wd := got.Decimal(), want.Decimal()
	same := gd.Exponent() == wd.Exponent() && gd.Coefficient().Cmp(wd.Coefficient()) == 0
	if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
		same = false
	}
	if !same {
		g, w := fastRepr(gd.Coefficient(), gd.Exponent()), fastRepr(wd.Coefficient(), wd.Exponent())
		t.Fatalf("%s:\n got  %s (%s) err %v\n want %s (%s) err %v", what(), g, got, gotErr, w, want, wantErr)
	}
}

// fastWhat describes a comparison, formatted only on failure.
type fastWhat func() string

// fastLabel returns a fastWhat for an operation on arguments.
func fastLabel(fc fastCtx, op string, args ...string) fastWhat {
	return func() string { return fmt.Sprintf("%s %s(%s)", fc, op, strings.Join(args, ", ")) }
}

// fastCheckInvariant checks the canonical representation: big exactly for
// coefficients of 2^128 or more, neg the sign, zero all zero.
func fastCheckInvariant(t fastT, what fastWhat, d Dec) {
	t.Helper()
	switch {
	case d.big != nil:
		if d.big.BitLen() <= 128 || d.lo|d.hi != 0 || d.neg != (d.big.Sign() < 0) {
			t.Fatalf("%s: non-canonical big value %+v", what(), d)
		}
	case d.lo|d.hi == 0:
		if d.neg || d.exp != 0 {
			t.Fatalf("%s: non-canonical zero %+v", what(), d)
		}
	}
}

// fastCounter counts comparisons per operation for the test log.
type fastCounter map[string]int

func (c fastCounter) log(t *testing.T) {
	var b strings.Builder
	total := 0
	for _, k := range fastSortedKeys(c) {
		fmt.Fprintf(&b, " %s=%d", k, c[k])
		total += c[k]
	}
	t.Logf("%d comparisons:%s", total, b.String())
}

func fastSortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

// fastDiffArith compares the exact and the rounded arithmetic on one pair.
func fastDiffArith(t fastT, cnt fastCounter, fc fastCtx, xs, ys string) {
	x, rx := fastParse(t, xs)
	y, ry := fastParse(t, ys)
	what := func(op string) fastWhat { return fastLabel(fc, op, xs, ys) }
	fastSame(t, what("Add"), x.Add(y), nil, rx.Add(ry), nil)
	fastSame(t, what("Sub"), x.Sub(y), nil, rx.Sub(ry), nil)
	if a, b := x.Cmp(y), rx.Cmp(ry); a != b {
		t.Fatalf("%s: got %d want %d", what("Cmp")(), a, b)
	}
	if a, b := x.Equal(y), rx.Equal(ry); a != b {
		t.Fatalf("%s: got %v want %v", what("Equal")(), a, b)
	}
	fastSame(t, what("Min"), Min(x, y), nil, decref.Min(rx, ry), nil)
	fastSame(t, what("Max"), Max(x, y), nil, decref.Max(rx, ry), nil)
	m, err := fc.c.Mul(x, y)
	rm, rerr := fc.ref.Mul(rx, ry)
	fastSame(t, what("Mul"), m, err, rm, rerr)
	q, err := fc.c.Quo(x, y)
	rq, rerr := fc.ref.Quo(rx, ry)
	fastSame(t, what("Quo"), q, err, rq, rerr)
	if x.adjExpOr0()-y.adjExpOr0() < 60 {
		qi, err := fc.c.QuoInteger(x, y)
		rqi, rerr := fc.ref.QuoInteger(rx, ry)
		fastSame(t, what("QuoInteger"), qi, err, rqi, rerr)
		cnt["QuoInteger"]++
	}
	cnt["Add/Sub/Cmp/Min/Max"]++
	cnt["Mul"]++
	cnt["Quo"]++
}

// adjExpOr0 is adjExp with 0 for zero (tests only).
func (d Dec) adjExpOr0() int {
	if d.IsZero() {
		return 0
	}
	return d.adjExp()
}

// fastDiffUnary compares the exact unary operations, Round, Sqrt and the
// conversions on one value.
func fastDiffUnary(t fastT, cnt fastCounter, fc fastCtx, xs string) {
	x, rx := fastParse(t, xs)
	what := func(op string) fastWhat { return fastLabel(fc, op, xs) }
	fastSame(t, what("Neg"), x.Neg(), nil, rx.Neg(), nil)
	fastSame(t, what("Abs"), x.Abs(), nil, rx.Abs(), nil)
	fastSame(t, what("Trunc"), x.Trunc(), nil, rx.Trunc(), nil)
	fastSame(t, what("Floor"), x.Floor(), nil, rx.Floor(), nil)
	fastSame(t, what("Ceil"), x.Ceil(), nil, rx.Ceil(), nil)
	fastSame(t, what("Shift"), x.Shift(7), nil, rx.Shift(7), nil)
	if x.Sign() != rx.Sign() || x.IsZero() != rx.IsZero() || x.IsInteger() != rx.IsInteger() {
		t.Fatalf("%s: Sign/IsZero/IsInteger differ", what("predicates")())
	}
	if a, b := x.TruncInt(), rx.TruncInt(); a.Cmp(b) != 0 {
		t.Fatalf("%s: got %s want %s", what("TruncInt")(), a, b)
	}
	i, ok := x.Int64()
	ri, rok := rx.Int64()
	if i != ri || ok != rok {
		t.Fatalf("%s: got %d %v want %d %v", what("Int64")(), i, ok, ri, rok)
	}
	if a, b := x.String(), rx.String(); a != b {
		t.Fatalf("%s: got %s want %s", what("String")(), a, b)
	}
	r, err := fc.c.Round(x)
	rr, rerr := fc.ref.Round(rx)
	fastSame(t, what("Round"), r, err, rr, rerr)
	s, err := fc.c.Sqrt(x.Abs())
	rs, rerr := fc.ref.Sqrt(rx.Abs())
	fastSame(t, what("Sqrt"), s, err, rs, rerr)
	d, err := FromDecimal(rx.Decimal())
	fastSame(t, what("FromDecimal"), d, err, rx, nil)
	cnt["unary+Round+Sqrt"]++
}

func TestFastDiffArith(t *testing.T) {
	g := newFastGen(1)
	cnt := fastCounter{}
	n := fastDiffCount(10000)
	for range n {
		fc := g.ctx()
		xs, ys := g.num(), g.num()
		if g.r.IntN(4) == 0 {
			// Same exponent, nearby magnitudes: exact cancellation and
			// carries in Add, equal operands in Cmp and Quo.
			ys = xs
			if g.r.IntN(2) == 0 {
				ys = g.near(xs)
			}
		}
		fastDiffArith(t, cnt, fc, xs, ys)
		fastDiffUnary(t, cnt, fc, xs)
	}
	cnt.log(t)
}

func TestFastDiffArithRapid(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g := newFastGen(rapid.Uint64().Draw(rt, "seed"))
		fc := fastMakeCtx(rapid.SampledFrom(fastDigits).Draw(rt, "digits"),
			Rounding(rapid.IntRange(0, int(numRoundings)-1).Draw(rt, "mode")))
		cnt := fastCounter{}
		fastDiffArith(rt, cnt, fc, g.num(), g.num())
		fastDiffUnary(rt, cnt, fc, g.num())
	})
}

// fastDiffTrans compares the transcendental and protocol functions on one
// draw.
func fastDiffTrans(t fastT, cnt fastCounter, g fastGen, fc fastCtx) {
	xs := g.expArg()
	x, rx := fastParse(t, xs)
	what := func(op string, args ...string) fastWhat { return fastLabel(fc, op, args...) }
	d, err := fc.c.Exp(x)
	rd, rerr := fc.ref.Exp(rx)
	fastSame(t, what("Exp", xs), d, err, rd, rerr)
	cnt["Exp"]++
	ls := g.lnArg()
	l, rl := fastParse(t, ls)
	d, err = fc.c.Ln(l)
	rd, rerr = fc.ref.Ln(rl)
	fastSame(t, what("Ln", ls), d, err, rd, rerr)
	cnt["Ln"]++
	d, err = fc.c.Log10(l)
	rd, rerr = fc.ref.Log10(rl)
	fastSame(t, what("Log10", ls), d, err, rd, rerr)
	cnt["Log10"]++
	d, err = fc.c.Pow10(x)
	rd, rerr = fc.ref.Pow10(rx)
	fastSame(t, what("Pow10", xs), d, err, rd, rerr)
	cnt["Pow10"]++
	d, err = fc.c.Tanh(x)
	rd, rerr = fc.ref.Tanh(rx)
	fastSame(t, what("Tanh", xs), d, err, rd, rerr)
	cnt["Tanh"]++
	ys := g.withAdj(g.coef(), g.r.IntN(6)-3, true)
	y, ry := fastParse(t, ys)
	d, err = fc.c.Pow(l, y)
	rd, rerr = fc.ref.Pow(rl, ry)
	fastSame(t, what("Pow", ls, ys), d, err, rd, rerr)
	cnt["Pow"]++
	switch g.r.IntN(4) {
	case 0:
		ps, cs := g.withAdj(g.coef(), g.r.IntN(3), false), g.withAdj(g.coef(), -g.r.IntN(3), true)
		pp, rp := fastParse(t, ps)
		c, rc := fastParse(t, cs)
		d, err = fc.c.Phi(pp, c, x)
		rd, rerr = fc.ref.Phi(rp, rc, rx)
		fastSame(t, what("Phi", ps, cs, xs), d, err, rd, rerr)
		d, err = fc.c.Gradient(pp, c, x)
		rd, rerr = fc.ref.Gradient(rp, rc, rx)
		fastSame(t, what("Gradient", ps, cs, xs), d, err, rd, rerr)
		cnt["Phi/Gradient"]++
	case 1:
		d, err = fc.c.Sigmoid(x)
		rd, rerr = fc.ref.Sigmoid(rx)
		fastSame(t, what("Sigmoid", xs), d, err, rd, rerr)
		bs := g.expArg()
		b, rb := fastParse(t, bs)
		d, err = fc.c.Exp1DivExp1(x, b)
		rd, rerr = fc.ref.Exp1DivExp1(rx, rb)
		fastSame(t, what("Exp1DivExp1", xs, bs), d, err, rd, rerr)
		cnt["Sigmoid/Exp1DivExp1"]++
	case 2:
		as := g.withAdj(g.digits(1+g.r.IntN(34)), -1-g.r.IntN(3), false)
		a, ra := fastParse(t, as)
		ys := g.num()
		y, ry := fastParse(t, ys)
		first := g.r.IntN(4) == 0
		d, err = fc.c.EMA(a, x, y, first)
		rd, rerr = fc.ref.EMA(ra, rx, ry, first)
		fastSame(t, what("EMA", as, xs, ys), d, err, rd, rerr)
		cnt["EMA"]++
	case 3:
		n := 1 + g.r.IntN(9)
		xs, rxs := make([]Dec, n), make([]decref.Dec, n)
		ws, rws := make([]Dec, n), make([]decref.Dec, n)
		var args []string
		for i := range xs {
			s := g.num()
			xs[i], rxs[i] = fastParse(t, s)
			w := g.withAdj(g.digits(1+g.r.IntN(34)), g.r.IntN(5)-2, false)
			ws[i], rws[i] = fastParse(t, w)
			args = append(args, s)
		}
		d, err = fc.c.Mean(xs)
		rd, rerr = fc.ref.Mean(rxs)
		fastSame(t, what("Mean", args...), d, err, rd, rerr)
		d, err = fc.c.StdDev(xs)
		rd, rerr = fc.ref.StdDev(rxs)
		fastSame(t, what("StdDev", args...), d, err, rd, rerr)
		d, err = fc.c.Median(xs)
		rd, rerr = fc.ref.Median(rxs)
		fastSame(t, what("Median", args...), d, err, rd, rerr)
		m, md, err := fc.c.MAD(xs)
		rm, rmd, rerr := fc.ref.MAD(rxs)
		fastSame(t, what("MAD", args...), m, err, rm, rerr)
		fastSame(t, what("MAD median", args...), md, err, rmd, rerr)
		qs := g.withAdj(g.digits(1+g.r.IntN(5)), -1, false)
		q, rq := fastParse(t, qs)
		d, err = fc.c.Quantile(xs, q)
		rd, rerr = fc.ref.Quantile(rxs, rq)
		fastSame(t, what("Quantile", append(args, qs)...), d, err, rd, rerr)
		pcts := []string{"0", "2.5", "50", "97.5", "100"}
		pd, rpd := make([]Dec, len(pcts)), make([]decref.Dec, len(pcts))
		for i, s := range pcts {
			pd[i], rpd[i] = fastParse(t, s)
		}
		out, err := fc.c.WeightedPercentile(xs, ws, pd)
		rout, rerr := fc.ref.WeightedPercentile(rxs, rws, rpd)
		if (err == nil) != (rerr == nil) || len(out) != len(rout) {
			t.Fatalf("%s: got %v %v want %v %v", what("WeightedPercentile", args...)(), out, err, rout, rerr)
		}
		for i := range out {
			fastSame(t, what("WeightedPercentile", args...), out[i], err, rout[i], rerr)
		}
		cnt["statistics"]++
	}
}

func TestFastDiffTranscendental(t *testing.T) {
	g := newFastGen(2)
	cnt := fastCounter{}
	n := fastDiffCount(1000)
	for range n {
		fastDiffTrans(t, cnt, g, g.ctx())
	}
	cnt.log(t)
}

// TestFastDiffReference runs the transcendental comparison at the reference
// context only, where the fast paths matter most.
func TestFastDiffReference(t *testing.T) {
	g := newFastGen(3)
	cnt := fastCounter{}
	n := fastDiffCount(1000)
	for i := range n {
		fastDiffTrans(t, cnt, g, fastMakeCtx(34, Rounding(i%int(numRoundings))))
	}
	cnt.log(t)
}

func TestFastDiffTranscendentalRapid(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g := newFastGen(rapid.Uint64().Draw(rt, "seed"))
		fc := fastMakeCtx(rapid.SampledFrom(fastDigits).Draw(rt, "digits"),
			Rounding(rapid.IntRange(0, int(numRoundings)-1).Draw(rt, "mode")))
		fastDiffTrans(rt, fastCounter{}, g, fc)
	})
}

// TestFastDiffParse compares Parse and String on hand-picked strings and on
// random strings over the number alphabet (most of them invalid).
func TestFastDiffParse(t *testing.T) {
	cases := []string{
		"0", "-0", "+0", "0.000", ".0", "0.", ".", "-", "+", "", "e5", "1e", "1e+", "1e-",
		"00012.3400", "-.5", "+.5e+3", "1.2.3", "1e5e5", "1E-400", "1e401", "9.99e400",
		"1e-401", "12345678901234567890123456789012345678", "123456789012345678901234567890123456789",
		"340282366920938463463374607431768211455", "340282366920938463463374607431768211456",
		"-0.00000000000000000000000000000000000001", "1e99999999999", "NaN", "-Inf", "infinity",
		" 1", "1 ", "1_000", "0x10", "1e+0000000000000000000000000000005",
	}
	check := func(t fastT, s string) {
		d, err := Parse(s)
		r, rerr := decref.Parse(s)
		fastSame(t, func() string { return "Parse(" + s + ")" }, d, err, r, rerr)
		if err == nil && d.String() != r.String() {
			t.Fatalf("String(Parse(%q)): got %s want %s", s, d, r)
		}
	}
	for _, s := range cases {
		check(t, s)
	}
	rapid.Check(t, func(rt *rapid.T) {
		s := rapid.StringOfN(rapid.SampledFrom([]rune("0123456789.eE+-")), 0, 60, -1).Draw(rt, "s")
		check(rt, s)
	})
}

// FuzzFastDiff compares the two implementations on fuzzed operands: the
// arithmetic, the unary operations and the transcendental functions.
func FuzzFastDiff(f *testing.F) {
	seeds := [][2]string{
		{"1", "3"}, {"-2.5", "0.0004"}, {"123.4567890123456789012345678901234", "-7.890123456789012345678901234567891e-5"},
		{"340282366920938463463374607431768211455", "1e-30"}, {"923.3366222906123192912145733284300472", "0.5"},
		{"1.000000000000000000000000000001", "-1e-20"}, {"9.999999999999999999999999999999999e400", "1e-400"},
	}
	for i, s := range seeds {
		f.Add(s[0], s[1], uint8(34), uint8(i%int(numRoundings)))
	}
	f.Fuzz(func(t *testing.T, xs, ys string, digits, mode uint8) {
		if len(xs) > 120 || len(ys) > 120 {
			return // keep each input cheap; long operands are the differential tests' job
		}
		if _, err := Parse(xs); err != nil {
			return
		}
		if _, err := Parse(ys); err != nil {
			return
		}
		fc := fastMakeCtx(1+int(digits)%MaxContextDigits, Rounding(mode%uint8(numRoundings)))
		fastDiffArith(t, fastCounter{}, fc, xs, ys)
		fastDiffUnary(t, fastCounter{}, fc, xs)
		x, rx := fastParse(t, xs)
		y, ry := fastParse(t, ys)
		what := func(op string) fastWhat { return fastLabel(fc, op, xs, ys) }
		for _, op := range []struct {
			name string
			got  func() (Dec, error)
			want func() (decref.Dec, error)
		}{
			{"Exp", func() (Dec, error) { return fc.c.Exp(x) }, func() (decref.Dec, error) { return fc.ref.Exp(rx) }},
			{"Ln", func() (Dec, error) { return fc.c.Ln(x.Abs()) }, func() (decref.Dec, error) { return fc.ref.Ln(rx.Abs()) }},
			{"Log10", func() (Dec, error) { return fc.c.Log10(x.Abs()) }, func() (decref.Dec, error) { return fc.ref.Log10(rx.Abs()) }},
			{"Pow10", func() (Dec, error) { return fc.c.Pow10(x) }, func() (decref.Dec, error) { return fc.ref.Pow10(rx) }},
			{"Tanh", func() (Dec, error) { return fc.c.Tanh(x) }, func() (decref.Dec, error) { return fc.ref.Tanh(rx) }},
			{"Pow", func() (Dec, error) { return fc.c.Pow(x.Abs(), y) }, func() (decref.Dec, error) { return fc.ref.Pow(rx.Abs(), ry) }},
		} {
			d, err := op.got()
			r, rerr := op.want()
			fastSame(t, what(op.name), d, err, r, rerr)
		}
	})
}
