package dec

// Exp1DivExp1 returns (e^a + 1) / (e^b + 1) without intermediate overflow,
// by the reference chain's four cases:
//
//	a <= 0, b <= 0:  (e^a + 1) / (e^b + 1)
//	a >  0, b <= 0:  [e^a · (e^−a + 1)] / (e^b + 1)
//	a <= 0, b >  0:  [e^−b · (e^a + 1)] / (e^−b + 1)
//	a >  0, b >  0:  [e^(a−b) · (e^−a + 1)] / (e^−b + 1)
//
// Each Exp, Mul and Quo is rounded to ctx (the product in brackets first,
// then the quotient); sums are exact. This is the reference chain's order:
// with it (and the NEWEST Exp rule, see ExpRule) the 51 cells of the
// reference fixture that the chain regenerated at 34 digits reproduce digit
// for digit, against 33 with the quotient taken first. A consequence, shared
// with the chain: f(a, a) is exactly 1 for a <= 0, but for a > 0 the product
// 1·(e^−a + 1) rounds the exact sum, so f(a, a) can be one unit of the last
// place below 1. The result increases in a and decreases in b. Errors wrap
// ErrRange only when the true result itself exceeds the range.
func (ctx Context) Exp1DivExp1(a, b Dec) (Dec, error) {
	m := NewCalc(ctx)
	switch {
	case a.Sign() <= 0 && b.Sign() <= 0:
		return m.Result(m.Quo(m.Exp(a).Add(one), m.Exp(b).Add(one)))
	case a.Sign() > 0 && b.Sign() <= 0:
		return m.Result(m.Quo(m.Mul(m.Exp(a), m.Exp(a.Neg()).Add(one)), m.Exp(b).Add(one)))
	case a.Sign() <= 0:
		return m.Result(m.Quo(m.Mul(m.Exp(b.Neg()), m.Exp(a).Add(one)), m.Exp(b.Neg()).Add(one)))
	}
	return m.Result(m.Quo(m.Mul(m.Exp(a.Sub(b)), m.Exp(a.Neg()).Add(one)), m.Exp(b.Neg()).Add(one)))
}
