package reputation

// Private reproductions of two reference (cockroachdb/apd v3, as used by
// allora-chain) operations whose rounding differs from the decimal core's
// correctly rounded contract:
//
//   - Sqrt: apd computes the root by Newton iteration at working precision
//     max(p+1, digits(x), 7)+5 with half-even intermediate rounding and then
//     rounds the result HALF-EVEN to p digits, whatever the context's
//     rounding mode (the reference context rounds down everywhere else; the
//     General Decimal Arithmetic specification prescribes half-even for
//     square-root). sqrtRef returns that value: the correctly rounded
//     half-even root when the exact root is farther than 10^-3 units in the
//     last place from a rounding midpoint (apd's final approximation is good
//     to 10^-6 units, so it rounds the same way), and otherwise the
//     reproduced Newton iteration.
//   - integer powers inside NCalcEma (NEWEST math.Pow): binary
//     exponentiation with every product rounded half-up to
//     max(34, digits(x))+10 digits, then one rounding to the context.

import (
	"fmt"
	"math/big"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// bd is an exact decimal c·10^e used by the reproductions (c signed).
type bd struct {
	c *big.Int
	e int
}

func bdOf(d dec.Dec) bd {
	x := d.Decimal()
	return bd{x.Coefficient(), int(x.Exponent())}
}

func (x bd) dec() (dec.Dec, error) {
	if x.e > 1<<30 || x.e < -(1<<30) {
		return dec.Dec{}, fmt.Errorf("%w: exponent %d", dec.ErrRange, x.e)
	}
	return dec.FromDecimal(decimal.NewFromBigInt(x.c, int32(x.e)))
}

// pow10Small holds 10^0 .. 10^127; read-only after initialisation.
var pow10Small = func() (t [128]*big.Int) {
	t[0] = big.NewInt(1)
	for i := 1; i < len(t); i++ {
		t[i] = new(big.Int).Mul(t[i-1], big.NewInt(10))
	}
	return t
}()

// pow10Big returns 10^n (n >= 0). The result must not be modified.
func pow10Big(n int) *big.Int {
	if n < len(pow10Small) {
		return pow10Small[n]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// ndigits returns the number of decimal digits of |c| (1 for 0).
func ndigits(c *big.Int) int {
	if c.Sign() == 0 {
		return 1
	}
	// An integer estimate of the digit count ((b−1)·1233/4096 + 1, with
	// 1233/4096 ≈ log10 2); the loops below make it exact.
	n := (c.BitLen()-1)*1233>>12 + 1
	a := new(big.Int).Abs(c)
	for a.Cmp(pow10Big(n)) >= 0 {
		n++
	}
	for n > 1 && a.Cmp(pow10Big(n-1)) < 0 {
		n--
	}
	return n
}

type rmode int

const (
	rDown rmode = iota
	rHalfEven
	rHalfUp
)

// roundBD rounds x to p significant digits. sticky reports a nonzero part
// below x's last digit that x itself does not carry.
func roundBD(x bd, p int, mode rmode, sticky bool) bd {
	if x.c.Sign() == 0 {
		return bd{new(big.Int), x.e}
	}
	n := ndigits(x.c)
	if n <= p {
		if sticky {
			panic("reputation: roundBD with sticky needs extra digits")
		}
		return x
	}
	k := n - p
	neg := x.c.Sign() < 0
	a := new(big.Int).Abs(x.c)
	q, r := new(big.Int).QuoRem(a, pow10Big(k), new(big.Int))
	half := new(big.Int).Lsh(r, 1).Cmp(pow10Big(k)) // -1, 0, +1
	if half == 0 && sticky {
		half = 1
	}
	up := false
	switch mode {
	case rHalfEven:
		up = half > 0 || (half == 0 && q.Bit(0) == 1)
	case rHalfUp:
		up = half >= 0
	}
	e := x.e + k
	if up {
		q.Add(q, big.NewInt(1))
		if ndigits(q) > p {
			q.Quo(q, big.NewInt(10))
			e++
		}
	}
	if neg {
		q.Neg(q)
	}
	return bd{q, e}
}

func mulBD(a, b bd, p int, mode rmode) bd {
	return roundBD(bd{new(big.Int).Mul(a.c, b.c), a.e + b.e}, p, mode, false)
}

func addBD(a, b bd, p int, mode rmode) bd {
	x, y, e := a.c, b.c, a.e
	switch {
	case a.e > b.e:
		x = new(big.Int).Mul(a.c, pow10Big(a.e-b.e))
		e = b.e
	case a.e < b.e:
		y = new(big.Int).Mul(b.c, pow10Big(b.e-a.e))
	}
	return roundBD(bd{new(big.Int).Add(x, y), e}, p, mode, false)
}

// quoBD returns a/b correctly rounded to p digits (b != 0).
func quoBD(a, b bd, p int, mode rmode) bd {
	if a.c.Sign() == 0 {
		return bd{new(big.Int), 0}
	}
	A := new(big.Int).Abs(a.c)
	B := new(big.Int).Abs(b.c)
	s := p + 2 + ndigits(B) - ndigits(A)
	if s < 0 {
		s = 0
	}
	A.Mul(A, pow10Big(s))
	q, r := new(big.Int).QuoRem(A, B, new(big.Int))
	if (a.c.Sign() < 0) != (b.c.Sign() < 0) {
		q.Neg(q)
	}
	return roundBD(bd{q, a.e - b.e - s}, p, mode, r.Sign() != 0)
}

// sqrtRef returns the reference chain's square root of x at digits
// significant digits (see the file comment). Errors wrap dec.ErrDomain for
// x < 0 and dec.ErrRange when the result leaves the decimal range.
func sqrtRef(x dec.Dec, digits int) (dec.Dec, error) {
	switch x.Sign() {
	case 0:
		return dec.Dec{}, nil
	case -1:
		return dec.Dec{}, fmt.Errorf("%w: sqrt(%s)", dec.ErrDomain, x)
	}
	v := bdOf(x)
	// Correctly rounded candidate: r = floor(sqrt(c·10^shift)) with 12 extra
	// digits beyond the target.
	const extra = 12
	shift := 2*(digits+extra+1) - ndigits(v.c)
	if shift < 0 {
		shift = 0
	}
	if (v.e-shift)%2 != 0 {
		shift++
	}
	n := new(big.Int).Mul(v.c, pow10Big(shift))
	r := new(big.Int).Sqrt(n)
	exact := new(big.Int).Mul(r, r).Cmp(n) == 0
	e := (v.e - shift) / 2
	nd := ndigits(r)
	if nd > digits {
		k := nd - digits
		_, rem := new(big.Int).QuoRem(r, pow10Big(k), new(big.Int))
		mid := new(big.Int).Mul(big.NewInt(5), pow10Big(k-1))
		dist := new(big.Int).Sub(rem, mid)
		dist.Abs(dist)
		// Ambiguous when the root lies within 10^-3 ulp of a midpoint, exact
		// midpoints included: apd's approximation is good to about
		// 10^(digits − workp − 5) <= 10^-6 ulp only, so its rounding may
		// differ there.
		if dist.Cmp(pow10Big(k-3)) <= 0 {
			return sqrtApd(v, digits).dec()
		}
	}
	return roundBD(bd{r, e}, digits, rHalfEven, !exact).dec()
}

// sqrtApd reproduces apd v3's Context.Sqrt (Hull & Abrham, Newton iteration)
// for x > 0 at precision digits.
func sqrtApd(x bd, digits int) bd {
	nd := ndigits(x.c)
	workp := digits + 1
	if nd > workp {
		workp = nd
	}
	if workp < 7 {
		workp = 7
	}
	e := nd + x.e
	f := bd{new(big.Int).Set(x.c), -nd}
	var approx bd
	if e%2 == 0 {
		approx = mulBD(bd{big.NewInt(819), -3}, f, workp, rHalfEven)
		approx = addBD(approx, bd{big.NewInt(259), -3}, workp, rHalfEven)
	} else {
		f.e--
		e++
		approx = mulBD(bd{big.NewInt(259), -2}, f, workp, rHalfEven)
		approx = addBD(approx, bd{big.NewInt(819), -4}, workp, rHalfEven)
	}
	half := bd{big.NewInt(5), -1}
	for p, maxp := 3, workp+5; p != maxp; {
		p = 2*p - 2
		if p > maxp {
			p = maxp
		}
		t := quoBD(f, approx, p, rHalfEven)
		t = addBD(t, approx, p, rHalfEven)
		approx = mulBD(t, half, p, rHalfEven)
	}
	approx.e += e / 2
	return roundBD(approx, digits, rHalfEven, false)
}

// intPowRef returns x^n for n >= 2 as the NEWEST reference computes it:
// binary exponentiation with every product rounded half-up to
// max(34, digits(x))+10 digits, then rounded to ctx.
func intPowRef(ctx dec.Context, x dec.Dec, n uint64) (dec.Dec, error) {
	v := bdOf(x)
	p := 34
	if nd := ndigits(v.c); nd > p {
		p = nd
	}
	p += 10
	z := bd{big.NewInt(1), 0}
	base := v
	for b := n; b > 0; b >>= 1 {
		if b&1 == 1 {
			z = mulBD(z, base, p, rHalfUp)
		}
		if b>>1 > 0 {
			base = mulBD(base, base, p, rHalfUp)
		}
		if z.e < -(1<<20) || base.e < -(1<<20) || z.e > 1<<20 {
			return dec.Dec{}, fmt.Errorf("%w: %s^%d", dec.ErrRange, x, n)
		}
	}
	d, err := z.dec()
	if err != nil {
		// Below the decimal range the power underflows to 0.
		if z.c.Sign() != 0 && z.e+ndigits(z.c)-1 < dec.MinAdjExp {
			return dec.Dec{}, nil
		}
		return dec.Dec{}, err
	}
	return ctx.Round(d)
}
