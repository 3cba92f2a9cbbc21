package dec_test

// A slow, independent reference: exp and ln by plain series on math/big.Float
// at 320 bits (about 96 digits), sharing no code with the core. The core's
// 34-digit results must be the correctly rounded values of these references
// (within a 1e-80 relative slack that only matters at an exact boundary;
// no drawn input comes that close).

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

const refPrec = 320

func bf(s string) *big.Float {
	f, _, err := big.ParseFloat(s, 10, refPrec, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return f
}

func newF() *big.Float { return new(big.Float).SetPrec(refPrec) }

// refLn2 = 2·atanh(1/3) = 2·Σ_{k>=0} 3^-(2k+1)/(2k+1).
func refLn2() *big.Float {
	return refAtanhTimes2(newF().Quo(bf("1"), bf("3")))
}

// refAtanhTimes2 returns 2·atanh(z) = 2·Σ z^(2k+1)/(2k+1) for |z| <= 1/3.
func refAtanhTimes2(z *big.Float) *big.Float {
	sum := newF().Set(z)
	z2 := newF().Mul(z, z)
	pw := newF().Set(z)
	eps := newF().SetMantExp(bf("1"), -refPrec-8)
	for k := int64(3); ; k += 2 {
		pw.Mul(pw, z2)
		term := newF().Quo(pw, newF().SetInt64(k))
		sum.Add(sum, term)
		if newF().Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	return sum.Mul(sum, bf("2"))
}

// refExp returns e^x: x = k·ln2 + r, e^r by Taylor on r/2^16, then 16
// squarings.
func refExp(x *big.Float) *big.Float {
	ln2 := refLn2()
	q := newF().Quo(x, ln2)
	kf, _ := q.Int64()
	r := newF().Sub(x, newF().Mul(newF().SetInt64(kf), ln2))
	r.SetMantExp(r, -16)
	sum, term := bf("1"), bf("1")
	eps := newF().SetMantExp(bf("1"), -refPrec-8)
	for i := int64(1); ; i++ {
		term.Mul(term, r)
		term.Quo(term, newF().SetInt64(i))
		sum.Add(sum, term)
		if newF().Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	for range 16 {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(kf))
}

// refLn returns ln x for x > 0: x = m·2^e with m in [0.5, 1), ln m =
// 2·atanh((m−1)/(m+1)).
func refLn(x *big.Float) *big.Float {
	m := newF()
	e := x.MantExp(m)
	z := newF().Quo(newF().Sub(m, bf("1")), newF().Add(m, bf("1")))
	l := refAtanhTimes2(z)
	return l.Add(l, newF().Mul(newF().SetInt64(int64(e)), refLn2()))
}

// checkAgainstRef reports whether got (34 digits, mode m) is the correctly
// rounded value of ref: for RoundDown 0 <= |ref| − |got| < ulp, for
// RoundHalfEven |ref − got| <= ulp/2, each with a 1e-80 relative slack.
func checkAgainstRef(got dec.Dec, ref *big.Float, m dec.Rounding) error {
	g := bf(got.String())
	if got.IsZero() {
		return fmt.Errorf("zero result")
	}
	ulp := bf(fmt.Sprintf("1e%d", adjOf(got)-33))
	slack := newF().Mul(newF().Abs(ref), bf("1e-80"))
	diff := newF().Sub(newF().Abs(ref), newF().Abs(g)) // |ref| − |got|
	switch m {
	case dec.RoundDown:
		if diff.Cmp(newF().Neg(slack)) < 0 || diff.Cmp(newF().Add(ulp, slack)) >= 0 {
			return fmt.Errorf("not the truncation: |ref|−|got| = %s ulp", newF().Quo(diff, ulp).Text('g', 10))
		}
	default:
		half := newF().Quo(ulp, bf("2"))
		if newF().Abs(diff).Cmp(newF().Add(half, slack)) > 0 {
			return fmt.Errorf("not the nearest: |ref|−|got| = %s ulp", newF().Quo(diff, ulp).Text('g', 10))
		}
	}
	return nil
}

// TestBigFloatReference compares Exp, Ln and Pow at 34 digits (down and
// half-even) with the series references on fixed pseudo-random inputs.
func TestBigFloatReference(t *testing.T) {
	n := 150
	if testing.Short() {
		n = 30
	}
	r := &digestRand{s: 777}
	modes := []dec.Rounding{dec.RoundDown, dec.RoundHalfEven}
	checked := 0
	for i := 0; i < n; i++ {
		x := r.dec(34, -6, 2, true) // |x| < 1000
		if x.Abs().Cmp(d("900")) > 0 {
			x = x.Shift(-1)
		}
		pos := r.dec(34, -300, 300, false)
		base := r.dec(20, -1, 1, false)
		y := r.dec(20, -3, 1, true)
		refE := refExp(bf(x.String()))
		refL := refLn(bf(pos.String()))
		refP := refExp(newF().Mul(bf(y.String()), refLn(bf(base.String()))))
		for _, m := range modes {
			c := mustCtx(t, 34, m)
			if e, err := c.Exp(x); err != nil {
				t.Errorf("Exp(%s): %v", x, err)
			} else if err := checkAgainstRef(e, refE, m); err != nil {
				t.Errorf("Exp(%s) [%s] = %s: %v", x, m, e, err)
			}
			if l, err := c.Ln(pos); err != nil {
				t.Errorf("Ln(%s): %v", pos, err)
			} else if err := checkAgainstRef(l, refL, m); err != nil {
				t.Errorf("Ln(%s) [%s] = %s: %v", pos, m, l, err)
			}
			if p, err := c.Pow(base, y); err != nil {
				t.Errorf("Pow(%s, %s): %v", base, y, err)
			} else if err := checkAgainstRef(p, refP, m); err != nil {
				t.Errorf("Pow(%s, %s) [%s] = %s: %v", base, y, m, p, err)
			}
			checked += 3
		}
	}
	t.Logf("%d results checked against the math/big series references", checked)
}
