package dec

// Accuracy of the fast approximations against high-precision enclosures
// from the big.Int implementation: the observed error of N must stay well
// inside the bound the fast path relies on.

import (
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
	n := fastDiffCount(20000)
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
	n := fastDiffCount(20000)
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
		N, ex, _, bound, ok := lnApprox(x, p)
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
	n := fastDiffCount(20000)
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
