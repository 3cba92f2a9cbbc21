package dec

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"
)

// relOperand draws an operand for the composed operations: mostly the
// synthesis's (34-digit values of a few units, small constants such as p
// and c, exponentials far below 1, one), sometimes zero, a coefficient
// beyond 128 bits or a magnitude near the range limits.
func relOperand(rng *rand.Rand) Dec {
	switch rng.IntN(12) {
	case 0:
		return Dec{}
	case 1:
		c, _ := new(big.Int).SetString("123456789012345678901234567890123456789012345", 10)
		return mk(c, int32(-44+rng.IntN(5)))
	case 2:
		return New(int64(1+rng.IntN(9)), int32(390+rng.IntN(10)))
	case 3:
		return New(int64(1+rng.IntN(9)), int32(-399+rng.IntN(10)))
	case 4:
		return New(int64(25+rng.IntN(21)), -1) // p
	case 5:
		return New(75, -2) // c
	case 6:
		return One()
	case 7:
		return expTermArg(rng)
	}
	d := inlineTerm(rng, 0)
	d.exp = int32(-33 - rng.IntN(30)) // 34-digit values, some far below 1
	if rng.IntN(4) == 0 {
		d.neg = false
	}
	return d
}

// sameTerm reports whether two ExpTerms are identical.
func sameTerm(a, b *ExpTerm) bool {
	return sameRep(a.v, b.v) && a.m == b.m && a.j == b.j && a.k10 == b.k10 && a.ok == b.ok
}

// TestRelArgMatchesDefinition: RelArg returns Mul(p, x.Sub(c)).Neg() and
// the term ExpTerm(−|b|), representation for representation, under every
// contract of the ExpTerm tests.
func TestRelArgMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(67, 71))
	for _, ctx := range expTermContexts(t) {
		for range 3000 {
			p, c, x := relOperand(rng), relOperand(rng), relOperand(rng)
			if rng.IntN(2) == 0 {
				p, c = New(3, 0), New(75, -2) // the default parameters
			}
			if rng.IntN(20) == 0 {
				x = c // x − c = 0
			}
			var got ExpTerm
			b, err := ctx.RelArg(p, c, x, &got)
			v, werr := ctx.Mul(p, x.Sub(c))
			want := v.Neg()
			var wt ExpTerm
			if werr == nil {
				arg := want
				if arg.Sign() > 0 {
					arg = want.Neg()
				}
				werr = ctx.ExpTermInto(&wt, arg)
			}
			if !sameResult(b, err, want, werr) {
				t.Fatalf("[%s] RelArg(%s, %s, %s) = %s, %v; want %s, %v", ctx, p, c, x, b, err, want, werr)
			}
			if err == nil && !sameTerm(&got, &wt) {
				t.Fatalf("[%s] RelArg(%s, %s, %s): term %s, want %s", ctx, p, c, x, got.v, wt.v)
			}
		}
	}
}

// TestMulQuoBySumMatchesDefinition: MulQuoBySum returns
// QuoBySum(Mul(x, y), d, e), representation for representation.
func TestMulQuoBySumMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(73, 79))
	for _, ctx := range expTermContexts(t) {
		for range 3000 {
			x, y, d, e := relOperand(rng), relOperand(rng), relOperand(rng), relOperand(rng)
			switch rng.IntN(3) {
			case 0:
				e = One() // the weights' e^b + 1
			case 1:
				d, e = x, One()
			}
			got, err := ctx.MulQuoBySum(x, y, d, e)
			q, werr := ctx.Mul(x, y)
			var want Dec
			if werr == nil {
				want, werr = ctx.QuoBySum(q, d, e)
			}
			if !sameResult(got, err, want, werr) {
				t.Fatalf("[%s] MulQuoBySum(%s, %s, %s, %s) = %s, %v; want %s, %v", ctx, x, y, d, e, got, err, want, werr)
			}
		}
	}
}

// refGradient is Gradient by its definition: the difference by math/big
// (refAdd), Mul, Exp (a result beyond the range flushes to zero), and Quo
// by the exact sum e + 1.
func refGradient(ctx Context, p, c, x Dec) (Dec, error) {
	y, err := ctx.Mul(p, refAdd(c, x.Neg()))
	if err != nil {
		return Dec{}, err
	}
	e, err := ctx.Exp(y)
	if errors.Is(err, ErrRange) {
		return Dec{}, nil
	}
	if err != nil {
		return Dec{}, err
	}
	return ctx.Quo(p, refAdd(e, one))
}

// refStdDev is StdDev by its definition: the mean (the exact sum by
// math/big, one Quo), each difference (math/big) and its rounded square,
// the exact sum, the quotient and the half-even root.
func refStdDev(ctx Context, xs []Dec) (Dec, error) {
	n := len(xs)
	if n <= 1 {
		return Dec{}, nil
	}
	var sum Dec
	for _, x := range xs {
		sum = refAdd(sum, x)
	}
	mu, err := ctx.Quo(sum, FromInt64(int64(n)))
	if err != nil {
		return Dec{}, err
	}
	var ss Dec
	for _, x := range xs {
		d := refAdd(x, mu.Neg())
		sq, err := ctx.Mul(d, d)
		if err != nil {
			return Dec{}, err
		}
		ss = refAdd(ss, sq)
	}
	v, err := ctx.Quo(ss, FromInt64(int64(n-1)))
	if err != nil {
		return Dec{}, err
	}
	return Context{digits: ctx.digits, rounding: RoundHalfEven}.Sqrt(v)
}

// TestGradientStdDevWordsMatchDefinition: the word paths of Gradient and
// StdDev return what their definitions return, representation for
// representation, under every contract of the ExpTerm tests.
func TestGradientStdDevWordsMatchDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(97, 101))
	for _, ctx := range expTermContexts(t) {
		for range 2000 {
			p, c, x := relOperand(rng), relOperand(rng), relOperand(rng)
			if rng.IntN(2) == 0 {
				p, c = New(3, 0), New(75, -2)
			}
			if rng.IntN(20) == 0 {
				x = c
			}
			got, err := ctx.Gradient(p, c, x)
			want, werr := refGradient(ctx, p, c, x)
			if !sameResult(got, err, want, werr) {
				t.Fatalf("[%s] Gradient(%s, %s, %s) = %s, %v; want %s, %v", ctx, p, c, x, got, err, want, werr)
			}
		}
		for range 300 {
			xs := make([]Dec, rng.IntN(12))
			for i := range xs {
				xs[i] = relOperand(rng)
				if rng.IntN(2) == 0 {
					xs[i] = inlineTerm(rng, -17) // 17-digit regrets and the like
				}
				if i > 0 && rng.IntN(6) == 0 {
					xs[i] = xs[i-1] // equal values (differences of zero)
				}
			}
			got, err := ctx.StdDev(xs)
			want, werr := refStdDev(ctx, xs)
			if !sameResult(got, err, want, werr) {
				t.Fatalf("[%s] StdDev(%v) = %s, %v; want %s, %v", ctx, xs, got, err, want, werr)
			}
		}
	}
}
