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
	var y Dec
	if ctx.valid() && p.big == nil && c.big == nil && x.big == nil && p.lo|p.hi != 0 && c.lo|c.hi != 0 && x.lo|x.hi != 0 {
		// Inline operands: the difference and the product on words (the
		// same values as Sub and Mul; a Dec between them went through
		// memory).
		if dh, dl, de, dn, ok := add128(c.hi, c.lo, c.exp, c.neg, x.hi, x.lo, x.exp, !x.neg); ok && dh|dl != 0 {
			neg := p.neg != dn
			if hi, lo, e, ok := mulRound128(p.hi, p.lo, dh, dl, int64(p.exp)+int64(de), neg, ctx.Digits(), ctx.rounding); ok {
				y = Dec{lo: lo, hi: hi, signExp: signExp{exp: e, neg: neg}}
				return ctx.gradientOf(p, y)
			}
		}
	}
	y, err := ctx.Mul(p, c.Sub(x))
	if err != nil {
		return Dec{}, err
	}
	return ctx.gradientOf(p, y)
}

// gradientOf is Gradient given y = p(c−x) rounded.
func (ctx Context) gradientOf(p, y Dec) (Dec, error) {
	e, err := ctx.Exp(y)
	if errors.Is(err, ErrRange) {
		return Dec{}, nil
	}
	if err != nil {
		return Dec{}, err
	}
	return ctx.QuoBySum(p, e, one)
}
