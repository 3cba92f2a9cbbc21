package decref

// Exp1DivExp1 returns (e^a + 1) / (e^b + 1) without intermediate overflow,
// by the reference chain's four cases:
//
//	a <= 0, b <= 0:  (e^a + 1) / (e^b + 1)
//	a >  0, b <= 0:  e^a · [(e^−a + 1) / (e^b + 1)]
//	a <= 0, b >  0:  e^−b · [(e^a + 1) / (e^−b + 1)]
//	a >  0, b >  0:  e^(a−b) · [(e^−a + 1) / (e^−b + 1)]
//
// Each Exp, Quo and Mul is rounded to ctx (the quotient in brackets first,
// then the product); sums are exact. The result is exactly 1 when a = b
// (spec inference_synthesis.md §1.2 (3)), increases in a and decreases in b.
// Errors wrap ErrRange only when the true result itself exceeds the range.
func (ctx Context) Exp1DivExp1(a, b Dec) (Dec, error) {
	m := NewCalc(ctx)
	switch {
	case a.Sign() <= 0 && b.Sign() <= 0:
		return m.Result(m.Quo(m.Exp(a).Add(one), m.Exp(b).Add(one)))
	case a.Sign() > 0 && b.Sign() <= 0:
		return m.Result(m.Mul(m.Exp(a), m.Quo(m.Exp(a.Neg()).Add(one), m.Exp(b).Add(one))))
	case a.Sign() <= 0:
		return m.Result(m.Mul(m.Exp(b.Neg()), m.Quo(m.Exp(a).Add(one), m.Exp(b.Neg()).Add(one))))
	}
	return m.Result(m.Mul(m.Exp(a.Sub(b)), m.Quo(m.Exp(a.Neg()).Add(one), m.Exp(b.Neg()).Add(one))))
}
