package dec

import "errors"

// Phi returns the potential φ_{p,c}(x) = ln(1 + e^{p(x−c)}), evaluated as the
// reference chain does: Sub (exact), Mul, Exp, Add 1 (exact), Ln, each
// rounded to ctx. When e^{p(x−c)} exceeds the range (p(x−c) > 925), φ equals
// p(x−c) to far more than 100 digits and that value, rounded, is returned.
func (ctx Context) Phi(p, c, x Dec) (Dec, error) {
	y, err := ctx.Mul(p, x.Sub(c))
	if err != nil {
		return Dec{}, err
	}
	e, err := ctx.Exp(y)
	if errors.Is(err, ErrRange) {
		return ctx.Round(y)
	}
	if err != nil {
		return Dec{}, err
	}
	return ctx.Ln(e.Add(one))
}

// Gradient returns φ'_{p,c}(x) = p / (e^{p(c−x)} + 1), evaluated as the
// reference chain does: Sub, Mul, Exp, Add 1, Quo. When e^{p(c−x)} exceeds
// the range the gradient is below 10^-399·p and flushes to zero.
func (ctx Context) Gradient(p, c, x Dec) (Dec, error) {
	y, err := ctx.Mul(p, c.Sub(x))
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
	return ctx.QuoBySum(p, e, one)
}
