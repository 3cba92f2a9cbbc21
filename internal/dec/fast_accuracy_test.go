package dec

// Accuracy of the fast approximations against high-precision enclosures
// from the big.Int implementation: the observed error of N must stay well
// inside the bound the fast path relies on.

import (
	"errors"
	"math/big"
	"testing"
)

// fastUnits returns |N − v|, in units of N's last digit (N·10^e), for a
// value v known to lie in the enclosure enc (magnitudes), as a float for
// reporting.
func fastUnits(N *w256, e int64, enc enclosure) float64 {
	sh := e - enc.exp
	if sh < 0 {
		panic("enclosure coarser than N")
	}
	n := new(big.Int).Mul(wordsToBig(N[:]), pow10(int(sh)))
	mid := new(big.Int).Add(enc.lo, enc.hi)
	mid.Rsh(mid, 1)
	d := new(big.Int).Sub(n, mid)
	d.Abs(d)
	w := new(big.Int).Sub(enc.hi, enc.lo)
	d.Add(d, w)
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(d), new(big.Float).SetInt(pow10(int(sh)))).Float64()
	return f
}

func TestFastExpAccuracy(t *testing.T) {
	g := newFastGen(7)
	n := fastDiffCount(3000)
	worst, hits := 0.0, 0
	for range n {
		x, err := Parse(g.expArg())
		if err != nil || x.IsZero() {
			continue
		}
		p := fastDigits[g.r.IntN(len(fastDigits))]
		if x.adjExp() < -(p+3) || x.Abs().Cmp(expMax) > 0 {
			continue
		}
		N, e, ok := expApprox(x, p)
		if !ok {
			continue
		}
		hits++
		s := max(0, -int(x.exp)) + p + 60
		enc := expEnclosure(toFixed(x, s), s)
		u := fastUnits(&N, e, enc)
		if u > worst {
			worst = u
		}
		if u > expFastErr/4 {
			t.Fatalf("exp(%s) at %d digits: error %.3g units exceeds a quarter of the bound %d", x, p, u, expFastErr)
		}
	}
	t.Logf("%d approximations, worst error %.3g units (bound %d)", hits, worst, expFastErr)
}

func TestFastLnAccuracy(t *testing.T) {
	g := newFastGen(8)
	n := fastDiffCount(3000)
	worst := map[bool]float64{}
	hits := map[bool]int{}
	for range n {
		x, err := Parse(g.lnArg())
		if err != nil || x.Sign() <= 0 || x.Cmp(one) == 0 {
			continue
		}
		p := fastDigits[g.r.IntN(len(fastDigits))]
		ctx := Context{digits: uint8(p)}
		if e := x.Sub(one); e.adjExp()+1 <= -ctx.nudgeDigits(e) {
			continue
		}
		N, ex, _, bound, ok := lnApprox(x, p, false)
		if !ok {
			continue
		}
		near := x.Sub(one).Abs().Cmp(MustParse("1e-6")) < 0
		hits[near]++
		y, s := lnFixed(x, p+70)
		enc := around(false, y.Abs(y), 1<<10, -int64(s))
		u := fastUnits(&N, ex, enc)
		if r := u / float64(bound); r > worst[near] {
			worst[near] = r
		}
		if u > float64(bound)/2 {
			t.Fatalf("ln(%s) at %d digits: error %.3g units exceeds half the bound %d", x, p, u, bound)
		}
	}
	t.Logf("near 1: %d approximations, worst error %.3g of the bound; elsewhere: %d, worst %.3g of the bound",
		hits[true], worst[true], hits[false], worst[false])
}

// TestFastHitRate checks that the fast paths decide nearly every
// reference-context call with 34-digit arguments (the rest go to the
// big.Int implementation, correct but about twenty times slower).
func TestFastHitRate(t *testing.T) {
	g := newFastGen(9)
	n := fastDiffCount(3000)
	var expHit, lnHit, ln1Hit int
	for range n {
		x, _ := Parse(g.withAdj(g.digits(34), g.r.IntN(13)-10, true))
		if x.Abs().Cmp(MustParse("900")) > 0 {
			x = x.Shift(-1)
		}
		mode := Rounding(g.r.IntN(int(numRoundings)))
		if _, ok := expFast(x, 34, mode); ok {
			expHit++
		}
		if _, ok := lnFast(x.Abs(), 34, mode); ok {
			lnHit++
		}
		// ln(1 + e^y), as φ evaluates it (Ln settles 1 + ε with
		// |ε| < 10^-36 before the fast path: counted as decided).
		e, err := Context{}.Exp(x)
		if err == nil {
			if e.adjExp() < -36 {
				ln1Hit++
			} else if _, ok := lnFast(e.Add(one), 34, mode); ok {
				ln1Hit++
			}
		}
	}
	t.Logf("fast path decided: Exp %d/%d, Ln %d/%d, Ln(1+e^y) %d/%d", expHit, n, lnHit, n, ln1Hit, n)
	for _, h := range []int{expHit, lnHit, ln1Hit} {
		if float64(h) < 0.999*float64(n) {
			t.Errorf("fast path hit rate %d/%d below 99.9%%", h, n)
		}
	}
}

// fastUnitsDec returns |N·10^exp − |v|| in units of 10^exp, for a value v
// computed at 70 digits (far finer than N's last digit).
func fastUnitsDec(N *w256, exp int64, v Dec) float64 {
	n := fromW256(false, N, int32(exp))
	d := n.Sub(v.Abs()).Abs().Shift(int32(-exp))
	f, _ := new(big.Float).SetString(d.String())
	r, _ := f.Float64()
	return r
}

// TestFastPowLog10Accuracy checks Pow10, Pow and Log10's approximations
// against the big.Int implementation at 70 digits.
func TestFastPowLog10Accuracy(t *testing.T) {
	g := newFastGen(10)
	n := fastDiffCount(2000)
	ref, _ := NewContext(70, RoundHalfEven)
	worst := map[string]float64{}
	hits := map[string]int{}
	check := func(name string, N w256, exp int64, bound uint64, v Dec, args ...Dec) {
		u := fastUnitsDec(&N, exp, v)
		if r := u / float64(bound); r > worst[name] {
			worst[name] = r
		}
		hits[name]++
		if u > float64(bound)/2 {
			t.Fatalf("%s%v: error %.3g units exceeds half the bound %d", name, args, u, bound)
		}
	}
	for range n {
		p := fastDigits[g.r.IntN(len(fastDigits))]
		x, err := Parse(g.withAdj(g.coef(), g.r.IntN(5)-2, true))
		if err == nil && !x.IsInteger() && x.adjExp() >= -(p+3) {
			if N, exp, ok := pow10Approx(x, p); ok {
				v, err := ref.Pow10(x)
				if err == nil && !v.IsZero() {
					check("Pow10", N, exp, expFastErr, v, x)
				}
			}
		}
		l, err := Parse(g.lnArg())
		if err == nil && l.Sign() > 0 {
			if _, ok := exactPow10(l); !ok {
				if N, exp, _, bound, ok := lnApprox(l, p, true); ok {
					v, err := ref.Log10(l)
					if err == nil {
						check("Log10", N, exp, bound, v, l)
					}
				}
			}
			y, err := Parse(g.withAdj(g.coef(), g.r.IntN(6)-3, true))
			if err == nil && !y.IsZero() {
				if N, exp, bound, ok := powApprox(l, y, p); ok {
					v, err := ref.Pow(l, y)
					if err == nil && !v.IsZero() {
						check("Pow", N, exp, bound, v, l, y)
					}
				}
			}
		}
	}
	for _, k := range []string{"Pow10", "Log10", "Pow"} {
		t.Logf("%s: %d approximations, worst error %.3g of the bound", k, hits[k], worst[k])
	}
}

// TestFastTanhAccuracy checks the three ranges of tanhFast against the
// big.Int implementation at 70 digits.
func TestFastTanhAccuracy(t *testing.T) {
	g := newFastGen(11)
	n := fastDiffCount(3000)
	ref, _ := NewContext(70, RoundHalfEven)
	tb := fastTabs()
	worst := map[string]float64{}
	hits := map[string]int{}
	for range n {
		p := fastDigits[g.r.IntN(len(fastDigits))]
		if p > maxFastDigits {
			continue
		}
		x, err := Parse(g.withAdj(g.coef(), g.r.IntN(12)-9, true))
		if err != nil || x.IsZero() {
			continue
		}
		v, err := ref.Tanh(x)
		if err != nil {
			continue
		}
		var N w256
		var exp int64
		var bound uint64
		var ok bool
		name := "small"
		switch a := x.adjExp(); {
		case a < -6:
			N, exp, bound, ok = tanhSmall(tb, x, p)
		case a < 0:
			name = "mid"
			N, exp, bound, ok = tanhMid(tb, x, p)
		case a < 2 && x.Abs().Cmp(FromInt64(64)) < 0:
			name = "large"
			var special bool
			N, special, ok = tanhLarge(tb, x, p+17)
			exp, bound = -int64(p+17), 4
			if ok && special {
				// 1 − v < 10^-(p+17) must hold.
				if one.Sub(v.Abs()).Cmp(New(1, int32(-(p+17)))) >= 0 {
					t.Fatalf("tanh(%s) at %d digits: special case for 1 − tanh = %s", x, p, one.Sub(v.Abs()))
				}
				hits["large special"]++
				continue
			}
		default:
			continue
		}
		if !ok {
			continue
		}
		u := fastUnitsDec(&N, exp, v)
		if r := u / float64(bound); r > worst[name] {
			worst[name] = r
		}
		hits[name]++
		if u > float64(bound)/2 {
			t.Fatalf("tanh(%s) %s at %d digits: error %.3g units exceeds half the bound %d", x, name, p, u, bound)
		}
	}
	t.Logf("hits %v, worst error as a share of the bound %v", hits, worst)
}

// TestFastAllocs checks that the word paths do not allocate for 34-digit
// operands whose results fit inline.
func TestFastAllocs(t *testing.T) {
	a := MustParse("123.4567890123456789012345678901234")
	b := MustParse("-0.007890123456789012345678901234567891")
	e := MustParse("12.34567890123456789012345678901234")
	h := MustParse("0.3456789012345678901234567890123456")
	s := "-12.34567890123456789012345678901234"
	ctx := Context{}
	var sink Dec
	var serr error
	ops := []struct {
		name string
		f    func()
	}{
		{"Add", func() { sink = a.Add(b) }},
		{"Sub", func() { sink = a.Sub(b) }},
		{"Cmp", func() { _ = a.Cmp(b) }},
		{"Mul", func() { sink, serr = ctx.Mul(a, b) }},
		{"Quo", func() { sink, serr = ctx.Quo(a, b) }},
		{"Round", func() { sink, serr = ctx.Round(a) }},
		{"Sqrt", func() { sink, serr = ctx.Sqrt(e) }},
		{"Exp", func() { sink, serr = ctx.Exp(e) }},
		{"Ln", func() { sink, serr = ctx.Ln(e) }},
		{"Log10", func() { sink, serr = ctx.Log10(e) }},
		{"Pow10", func() { sink, serr = ctx.Pow10(h) }},
		{"Pow", func() { sink, serr = ctx.Pow(e, h) }},
		{"Tanh", func() { sink, serr = ctx.Tanh(h) }},
		{"Parse", func() { sink, serr = Parse(s) }},
		{"Calc", func() {
			m := NewCalc(ctx)
			sink = m.Quo(a, m.Exp(m.Mul(h, e)).Add(one))
			serr = m.Err()
		}},
	}
	for _, op := range ops {
		if n := testing.AllocsPerRun(100, op.f); n != 0 {
			t.Errorf("%s: %v allocations per call", op.name, n)
		}
	}
	_, _ = sink, serr
}

// TestFastExpOverflowEdge pins a result just below the overflow limit:
// e^x for this x (401·ln 10 truncated to 56 decimals) is 10^401·(1 −
// 4.5·10^-57), which rounds down to 9.99…9e400 and up to 1e401 (an
// overflow). The first Ziv enclosure straddles 10^401; ziv used to return
// the overflow of its upper end as the result.
func TestFastExpOverflowEdge(t *testing.T) {
	x := MustParse("923.33662229061231929121457332843004724804169694013796338936")
	for _, c := range []struct {
		mode Rounding
		want string // "" for ErrRange
	}{
		{RoundDown, "9.999999999999999999999999999999999e+400"},
		{RoundFloor, "9.999999999999999999999999999999999e+400"},
		{RoundHalfEven, ""},
		{RoundUp, ""},
	} {
		ctx, _ := NewContext(34, c.mode)
		d, err := ctx.Exp(x)
		switch {
		case c.want == "" && !errors.Is(err, ErrRange):
			t.Errorf("%s: got %s, %v; want ErrRange", c.mode, d, err)
		case c.want != "" && (err != nil || d.String() != c.want):
			t.Errorf("%s: got %s, %v; want %s", c.mode, d, err, c.want)
		}
	}
}
