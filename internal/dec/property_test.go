package dec_test

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"pgregory.net/rapid"
)

// decGen draws decimals with minDigits..maxDigits significant digits whose
// leading digit has an exponent in [minAdj, maxAdj]; negative with
// probability 1/2 when signed.
func decGen(minDigits, maxDigits, minAdj, maxAdj int, signed bool) *rapid.Generator[dec.Dec] {
	return rapid.Custom(func(t *rapid.T) dec.Dec {
		n := rapid.IntRange(minDigits, maxDigits).Draw(t, "digits")
		var b strings.Builder
		if signed && rapid.Bool().Draw(t, "neg") {
			b.WriteByte('-')
		}
		b.WriteByte(byte('1' + rapid.IntRange(0, 8).Draw(t, "lead")))
		for i := 1; i < n; i++ {
			b.WriteByte(byte('0' + rapid.IntRange(0, 9).Draw(t, "digit")))
		}
		adj := rapid.IntRange(minAdj, maxAdj).Draw(t, "adj")
		fmt.Fprintf(&b, "e%d", adj-n+1)
		return dec.MustParse(b.String())
	})
}

// unitGen draws a decimal in [0, 1] with up to digits fractional digits,
// including the end points.
func unitGen(digits int) *rapid.Generator[dec.Dec] {
	return rapid.Custom(func(t *rapid.T) dec.Dec {
		switch rapid.IntRange(0, 9).Draw(t, "edge") {
		case 0:
			return dec.Zero()
		case 1:
			return dec.One()
		}
		k := rapid.IntRange(1, digits).Draw(t, "k")
		hi := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
		v := rapid.Int64Range(0, hi.Int64()).Draw(t, "v")
		return dec.New(v, int32(-k))
	})
}

var modeGen = rapid.SampledFrom(allModes)

// adjOf returns the exponent of x's leading digit (x nonzero).
func adjOf(x dec.Dec) int {
	s := x.Decimal()
	return len(new(big.Int).Abs(s.Coefficient()).String()) - 1 + int(s.Exponent())
}

// ulpAt returns one unit in the 34th significant digit of x's decade.
// It may lie below the range (Shift is unchecked), which exact arithmetic
// and comparisons accept.
func ulpAt(x dec.Dec, p int) dec.Dec { return dec.One().Shift(int32(adjOf(x) - p + 1)) }

func rat(x dec.Dec) *big.Rat {
	s := x.Decimal()
	r := new(big.Rat).SetInt(s.Coefficient())
	return r.Mul(r, pow10Rat(int(s.Exponent())))
}

// TestPropExpLn: exp(ln x) = x for every x of at most 34 digits, with ln at
// 40 digits and exp at 34, both half-even. Bound: |L| = |ln x| <= 921.1, so
// ln at 40 digits has an absolute error <= ½·10^-37 (L < 1000 has at most 3
// integer digits); e^L is then within a relative 4.7e-38·… < 5e-37 of x,
// below 0.005 ulp of x at 34 digits (an ulp is at least 1e-34 relative),
// and half-even rounding lands on x, which is on the 34-digit grid. With
// exp in RoundDown the result is x or the 34-digit number just below it.
func TestPropExpLn(t *testing.T) {
	ln40 := mustCtxQuiet(40, dec.RoundHalfEven)
	exp34 := mustCtxQuiet(34, dec.RoundHalfEven)
	rapid.Check(t, func(t *rapid.T) {
		x := decGen(1, 34, dec.MinAdjExp, dec.MaxAdjExp, false).Draw(t, "x")
		l, err := ln40.Ln(x)
		if err != nil {
			t.Fatal(err)
		}
		y, err := exp34.Exp(l)
		if err != nil || y.Cmp(x) != 0 {
			t.Fatalf("exp(ln %s) = %s, %v (ln = %s)", x, y, err, l)
		}
		yd, err := dec.Reference().Exp(l)
		if err != nil {
			t.Fatal(err)
		}
		if yd.Cmp(x) > 0 || x.Sub(yd).Cmp(ulpAt(x, 34)) > 0 {
			t.Fatalf("exp(ln %s) rounded down = %s: not x or one unit below", x, yd)
		}
	})
}

// TestPropMonotone: correctly rounded functions of increasing functions are
// non-decreasing in every mode (rounding is monotone), including between
// near neighbours.
func TestPropMonotone(t *testing.T) {
	fns := []struct {
		name   string
		minAdj int
		maxAdj int
		pos    bool
		f      func(c dec.Context, x dec.Dec) (dec.Dec, error)
	}{
		{"Exp", -10, 2, false, dec.Context.Exp},
		{"Ln", dec.MinAdjExp, dec.MaxAdjExp, true, dec.Context.Ln},
		{"Log10", dec.MinAdjExp, dec.MaxAdjExp, true, dec.Context.Log10},
		{"Pow10", -10, 2, false, dec.Context.Pow10},
		{"Sqrt", dec.MinAdjExp, dec.MaxAdjExp, true, dec.Context.Sqrt},
		{"Tanh", -30, 2, false, dec.Context.Tanh},
		{"Sigmoid", -10, 2, false, dec.Context.Sigmoid},
	}
	for _, fn := range fns {
		t.Run(fn.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				c := mustCtxQuiet(rapid.SampledFrom([]int{16, 34}).Draw(t, "p"), modeGen.Draw(t, "mode"))
				x1 := decGen(1, 34, fn.minAdj, fn.maxAdj, !fn.pos).Draw(t, "x1")
				// A neighbour: x1 plus a few units of some digit at or below x1's last.
				step := dec.New(rapid.Int64Range(1, 1000).Draw(t, "k"), 0).Shift(int32(adjOf(x1) - rapid.IntRange(0, 45).Draw(t, "shift")))
				x2 := x1.Add(step)
				y1, err1 := fn.f(c, x1)
				y2, err2 := fn.f(c, x2)
				if err1 != nil || err2 != nil {
					if errors.Is(err1, dec.ErrRange) || errors.Is(err2, dec.ErrRange) {
						return
					}
					t.Fatalf("%s(%s), %s(%s): %v, %v", fn.name, x1, fn.name, x2, err1, err2)
				}
				if y1.Cmp(y2) > 0 {
					t.Fatalf("%s not monotone [%s]: f(%s) = %s > f(%s) = %s", fn.name, c, x1, y1, x2, y2)
				}
			})
		})
	}
}

// pred and succ are the 34-digit neighbours of a positive 34-digit s.
func pred(c dec.Context, s dec.Dec) dec.Dec {
	r, _ := mustCtxQuiet(c.Digits(), dec.RoundDown).Round(s.Sub(ulpAt(s, c.Digits()).Shift(-2)))
	return r
}

func succ(c dec.Context, s dec.Dec) dec.Dec {
	r, _ := mustCtxQuiet(c.Digits(), dec.RoundUp).Round(s.Add(ulpAt(s, c.Digits()).Shift(-2)))
	return r
}

func mustCtxQuiet(p int, m dec.Rounding) dec.Context {
	c, err := dec.NewContext(p, m)
	if err != nil {
		panic(err)
	}
	return c
}

// TestPropSqrt: Sqrt is the correctly rounded root, checked exactly with
// squares of neighbours: down s² <= x < succ(s)²; up pred(s)² < x <= s²;
// half modes ((pred+s)/2)² <= x <= ((s+succ)/2)².
func TestPropSqrt(t *testing.T) {
	exact := mustCtxQuiet(100, dec.RoundDown) // squares of 34-digit numbers are exact here
	sq := func(x dec.Dec) dec.Dec { r, _ := exact.Mul(x, x); return r }
	half := func(a, b dec.Dec) dec.Dec { r, _ := exact.Quo(a.Add(b), dec.New(2, 0)); return r }
	rapid.Check(t, func(t *rapid.T) {
		c := mustCtxQuiet(34, modeGen.Draw(t, "mode"))
		x := decGen(1, 60, -300, 300, false).Draw(t, "x")
		s, err := c.Sqrt(x)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := pred(c, s), succ(c, s)
		var ok bool
		switch c.Rounding() {
		case dec.RoundDown, dec.RoundFloor:
			ok = sq(s).Cmp(x) <= 0 && x.Cmp(sq(hi)) < 0
		case dec.RoundUp, dec.RoundCeiling:
			ok = sq(lo).Cmp(x) < 0 && x.Cmp(sq(s)) <= 0
		default:
			ok = sq(half(lo, s)).Cmp(x) <= 0 && x.Cmp(sq(half(s, hi))) <= 0
		}
		if !ok {
			t.Fatalf("Sqrt(%s) [%s] = %s is not the correctly rounded root", x, c, s)
		}
	})
}

// TestPropEMABounds: the EMA of cur and prev with α in [0, 1] lies between
// them up to the two rounded products: within [min − 2u, max + 2u], u one
// unit of the 34th digit of max(|cur|, |prev|) (each product rounds by less
// than one unit of its own, smaller or equal, decade). When both products
// are exact (α with one decimal, cur and prev of at most 33 digits) it lies
// in [min, max] exactly.
func TestPropEMABounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := mustCtxQuiet(34, modeGen.Draw(t, "mode"))
		alpha := unitGen(6).Draw(t, "alpha")
		adj := rapid.IntRange(-50, 50).Draw(t, "adj")
		cur := decGen(1, 34, adj-3, adj, true).Draw(t, "cur")
		prev := decGen(1, 34, adj-3, adj, true).Draw(t, "prev")
		got, err := c.EMA(alpha, cur, prev, false)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := dec.Min(cur, prev), dec.Max(cur, prev)
		u := ulpAt(dec.Max(cur.Abs(), prev.Abs()), 34)
		u2 := u.Add(u)
		if got.Cmp(lo.Sub(u2)) < 0 || got.Cmp(hi.Add(u2)) > 0 {
			t.Fatalf("EMA(%s, %s, %s) = %s outside [min−2u, max+2u]", alpha, cur, prev, got)
		}
		if alpha.Shift(1).IsInteger() && maxDigits(cur, 33) && maxDigits(prev, 33) {
			if got.Cmp(lo) < 0 || got.Cmp(hi) > 0 {
				t.Fatalf("exact EMA(%s, %s, %s) = %s outside [min, max]", alpha, cur, prev, got)
			}
		}
	})
}

// maxDigits reports whether x has at most n significant digits.
func maxDigits(x dec.Dec, n int) bool {
	if x.IsZero() {
		return true
	}
	s := x.Decimal()
	c := new(big.Int).Abs(s.Coefficient())
	ten := big.NewInt(10)
	var m big.Int
	for c.Sign() != 0 {
		if new(big.Int).QuoRem(c, ten, &m); m.Sign() != 0 {
			break
		}
		c.Quo(c, ten)
	}
	return len(c.String()) <= n
}

// TestPropQuantile: Quantile lies within [min, max] and is non-decreasing in
// q. Inputs have at most 20 digits, so every difference is exact at 34 digits
// and the rounded interpolation term never exceeds it, in any mode.
func TestPropQuantile(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := mustCtxQuiet(34, modeGen.Draw(t, "mode"))
		xs := rapid.SliceOfN(decGen(1, 20, -5, 5, true), 1, 30).Draw(t, "xs")
		q1 := unitGen(8).Draw(t, "q1")
		q2 := unitGen(8).Draw(t, "q2")
		if q1.Cmp(q2) > 0 {
			q1, q2 = q2, q1
		}
		lo, hi := slices.MinFunc(xs, dec.Dec.Cmp), slices.MaxFunc(xs, dec.Dec.Cmp)
		v1, err1 := c.Quantile(xs, q1)
		v2, err2 := c.Quantile(xs, q2)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for _, v := range []dec.Dec{v1, v2} {
			if v.Cmp(lo) < 0 || v.Cmp(hi) > 0 {
				t.Fatalf("Quantile = %s outside [%s, %s]", v, lo, hi)
			}
		}
		if v1.Cmp(v2) > 0 {
			t.Fatalf("Quantile not monotone: q=%s → %s, q=%s → %s", q1, v1, q2, v2)
		}
	})
}

// TestPropMedian: the median of values of at most 34 digits lies within
// [min, max] in every mode (both ends are on the 34-digit grid and rounding
// is monotone).
func TestPropMedian(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := mustCtxQuiet(34, modeGen.Draw(t, "mode"))
		xs := rapid.SliceOfN(decGen(1, 34, -400, 399, true), 1, 30).Draw(t, "xs")
		m, err := c.Median(xs)
		if err != nil {
			t.Fatal(err)
		}
		if m.Cmp(slices.MinFunc(xs, dec.Dec.Cmp)) < 0 || m.Cmp(slices.MaxFunc(xs, dec.Dec.Cmp)) > 0 {
			t.Fatalf("Median(%v) = %s outside [min, max]", xs, m)
		}
	})
}

// TestPropInputsUnchanged: no function modifies its input slices, not even
// the representation of an element (the math/big alias_test pattern), and
// results do not depend on the order of the inputs.
func TestPropInputsUnchanged(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := mustCtxQuiet(34, modeGen.Draw(t, "mode"))
		xs := rapid.SliceOfN(decGen(1, 34, -20, 20, true), 1, 20).Draw(t, "xs")
		ws := rapid.SliceOfN(decGen(1, 10, -3, 3, false), len(xs), len(xs)).Draw(t, "ws")
		ps := rapid.SliceOfN(unitGen(4), 1, 5).Draw(t, "ps")
		for i := range ps {
			ps[i] = ps[i].Shift(2) // percentages
		}
		q := unitGen(6).Draw(t, "q")
		perm := rapid.Permutation(seq(len(xs))).Draw(t, "perm")
		run := func(xs, ws []dec.Dec) string {
			var out []string
			add := func(name string, v dec.Dec, err error) {
				out = append(out, fmt.Sprintf("%s=%s/%v", name, v, err))
			}
			v, err := c.Quantile(xs, q)
			add("quantile", v, err)
			v, err = c.Median(xs)
			add("median", v, err)
			mad, med, err := c.MAD(xs)
			add("mad", mad, err)
			add("mad-median", med, err)
			v, err = c.Mean(xs)
			add("mean", v, err)
			v, err = c.StdDev(xs)
			add("stddev", v, err)
			add("sum", dec.Sum(xs), nil)
			wp, err := c.WeightedPercentile(xs, ws, ps)
			for _, v := range wp {
				add("wp", v, nil)
			}
			add("wp-err", dec.Zero(), err)
			return strings.Join(out, " ")
		}
		bx, bw, bp := snapshot(xs), snapshot(ws), snapshot(ps)
		r1 := run(xs, ws)
		if snapshot(xs) != bx || snapshot(ws) != bw || snapshot(ps) != bp {
			t.Fatal("an input slice was modified")
		}
		px, pw := make([]dec.Dec, len(xs)), make([]dec.Dec, len(xs))
		for i, j := range perm {
			px[i], pw[i] = xs[j], ws[j]
		}
		if r2 := run(px, pw); r2 != r1 {
			t.Fatalf("results depend on input order:\n%s\n%s", r1, r2)
		}
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestPropAddSubExact: Add and Sub are exact over the whole range.
func TestPropAddSubExact(t *testing.T) {
	g := decGen(1, 40, dec.MinAdjExp, dec.MaxAdjExp-1, true)
	rapid.Check(t, func(t *rapid.T) {
		a, b, c := g.Draw(t, "a"), g.Draw(t, "b"), g.Draw(t, "c")
		if a.Add(b).Sub(b).Cmp(a) != 0 {
			t.Fatalf("(a+b)−b ≠ a for %s, %s", a, b)
		}
		if a.Add(b).Cmp(b.Add(a)) != 0 || a.Add(b).Add(c).Cmp(a.Add(b.Add(c))) != 0 {
			t.Fatal("Add not commutative/associative")
		}
		if rat(a.Add(b)).Cmp(new(big.Rat).Add(rat(a), rat(b))) != 0 || rat(a.Sub(b)).Cmp(new(big.Rat).Sub(rat(a), rat(b))) != 0 {
			t.Fatal("Add/Sub differ from exact rational arithmetic")
		}
	})
}

// TestPropMulQuoRounding: Mul and Quo round the exact rational result once,
// in the direction the mode says: with P the exact value and u one unit of
// the 34th digit of |P|'s decade,
//
//	down: |r| <= |P| < |r|+u   up: |P| <= |r| < |P|+u
//	floor: r <= P < r+u        ceiling: P <= r < P+u
//	half-even, half-up: |r − P| <= u/2.
func TestPropMulQuoRounding(t *testing.T) {
	g := decGen(1, 40, -150, 150, true)
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom([]int{1, 7, 16, 34, 50}).Draw(t, "p")
		c := mustCtxQuiet(p, modeGen.Draw(t, "mode"))
		a, b := g.Draw(t, "a"), g.Draw(t, "b")
		for _, op := range []string{"mul", "quo"} {
			var r dec.Dec
			var err error
			P := new(big.Rat)
			if op == "mul" {
				r, err = c.Mul(a, b)
				P.Mul(rat(a), rat(b))
			} else {
				r, err = c.Quo(a, b)
				P.Quo(rat(a), rat(b))
			}
			if err != nil {
				t.Fatal(err)
			}
			R := rat(r)
			// u from P's decade: 10^(floor(log10|P|) − p + 1).
			absP := new(big.Rat).Abs(P)
			e := adjOfRat(absP)
			u := pow10Rat(e - p + 1)
			absR := new(big.Rat).Abs(R)
			diff := new(big.Rat).Sub(R, P) // r − P
			lt := func(x, y *big.Rat) bool { return x.Cmp(y) < 0 }
			le := func(x, y *big.Rat) bool { return x.Cmp(y) <= 0 }
			var ok bool
			switch c.Rounding() {
			case dec.RoundDown:
				ok = le(absR, absP) && lt(new(big.Rat).Sub(absP, absR), u)
			case dec.RoundUp:
				ok = le(absP, absR) && lt(new(big.Rat).Sub(absR, absP), u)
			case dec.RoundFloor:
				ok = le(R, P) && lt(new(big.Rat).Neg(diff), u)
			case dec.RoundCeiling:
				ok = le(P, R) && lt(diff, u)
			default:
				ok = le(new(big.Rat).Abs(diff), new(big.Rat).Quo(u, big.NewRat(2, 1)))
			}
			if !ok {
				t.Fatalf("%s(%s, %s) [%s] = %s: wrong rounding of %s", op, a, b, c, r, P.FloatString(60))
			}
		}
	})
}

// adjOfRat returns floor(log10 x) for a positive rational.
func adjOfRat(x *big.Rat) int {
	n := len(new(big.Int).Quo(x.Num(), x.Denom()).String()) - 1
	if x.Cmp(big.NewRat(1, 1)) >= 0 {
		return n
	}
	// x < 1: find e with 10^e <= x < 10^(e+1).
	e := -1
	for x.Cmp(pow10Rat(e)) < 0 {
		e--
	}
	return e
}

// TestPropParseString: String is canonical and parses back to the same
// number.
func TestPropParseString(t *testing.T) {
	g := decGen(1, 60, dec.MinAdjExp, dec.MaxAdjExp, true)
	rapid.Check(t, func(t *rapid.T) {
		x := g.Draw(t, "x")
		s := x.String()
		y, err := dec.Parse(s)
		if err != nil || y.Cmp(x) != 0 || y.String() != s {
			t.Fatalf("Parse(%q) = %s, %v", s, y, err)
		}
		// A different representation of the same number prints the same.
		if z := x.Shift(3).Shift(-3); z.String() != s {
			t.Fatalf("String depends on the representation: %q vs %q", z.String(), s)
		}
		if strings.Contains(s, ".") && !strings.Contains(s, "e") {
			if tz := dec.MustParse(s + "000"); tz.String() != s {
				t.Fatalf("trailing zeros change the text: %q", tz.String())
			}
		}
	})
}

// TestPropRoundingOrder: for every rounded function the six modes order
// themselves: floor <= down/up/half... in value; down and up differ by at
// most one unit, half modes lie between them.
func TestPropRoundingOrder(t *testing.T) {
	fns := map[string]func(c dec.Context, x dec.Dec) (dec.Dec, error){
		"Exp": dec.Context.Exp, "Tanh": dec.Context.Tanh, "Sqrt": func(c dec.Context, x dec.Dec) (dec.Dec, error) { return c.Sqrt(x.Abs()) },
		"Ln":   func(c dec.Context, x dec.Dec) (dec.Dec, error) { return c.Ln(x.Abs()) },
		"Pow":  func(c dec.Context, x dec.Dec) (dec.Dec, error) { return c.Pow(x.Abs(), dec.MustParse("1.37")) },
		"Quo3": func(c dec.Context, x dec.Dec) (dec.Dec, error) { return c.Quo(x, dec.New(3, 0)) },
	}
	names := []string{"Exp", "Tanh", "Sqrt", "Ln", "Pow", "Quo3"}
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.SampledFrom(names).Draw(t, "f")
		x := decGen(1, 34, -20, 2, true).Draw(t, "x")
		f := fns[name]
		res := map[dec.Rounding]dec.Dec{}
		for _, m := range allModes {
			r, err := f(mustCtxQuiet(34, m), x)
			if err != nil {
				return
			}
			res[m] = r
		}
		fl, ce := res[dec.RoundFloor], res[dec.RoundCeiling]
		if fl.Cmp(ce) > 0 {
			t.Fatalf("%s(%s): floor %s > ceiling %s", name, x, fl, ce)
		}
		for _, m := range allModes {
			if res[m].Cmp(fl) < 0 || res[m].Cmp(ce) > 0 {
				t.Fatalf("%s(%s) [%s] = %s outside [floor, ceiling]", name, x, m, res[m])
			}
		}
		if !fl.Equal(ce) && !succ(mustCtxQuiet(34, dec.RoundDown), fl.Abs()).Equal(ce.Abs()) && !succ(mustCtxQuiet(34, dec.RoundDown), ce.Abs()).Equal(fl.Abs()) {
			t.Fatalf("%s(%s): floor %s and ceiling %s are not neighbours", name, x, fl, ce)
		}
	})
}
