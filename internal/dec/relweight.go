package dec

// Composed operations of the relative weights (22) of the newest rule set,
// w = Exp1DivExp1(−p(M−c), −p(R̂−c)), for a weight kernel that evaluates
// many of them: each returns exactly what its definition in terms of the
// other operations returns (value, representation and error), with the
// common case (inline operands) on words, which travel in registers where
// the intermediate Decs of the definition went through memory.

// RelArg returns b = −p·(x−c) (the difference exact, the product rounded:
// Mul(p, x.Sub(c)).Neg()) and sets *t to the exponential of −|b|, the one
// Exp1DivExp1(a, b) needs whatever a (e^b when b <= 0, e^−b when b > 0),
// as ExpTermInto sets it. On an error of the product, *t is unchanged.
func (ctx Context) RelArg(p, c, x Dec, t *ExpTerm) (Dec, error) {
	if ctx.valid() && p.big == nil && c.big == nil && x.big == nil && p.lo|p.hi != 0 && c.lo|c.hi != 0 && x.lo|x.hi != 0 {
		if dh, dl, de, dn, ok := add128(x.hi, x.lo, x.exp, x.neg, c.hi, c.lo, c.exp, !c.neg); ok && dh|dl != 0 {
			neg := p.neg != dn
			if hi, lo, e, ok := mulRound128(p.hi, p.lo, dh, dl, int64(p.exp)+int64(de), neg, ctx.Digits(), ctx.rounding); ok {
				// The product is nonzero: b is it negated, and −|b| is
				// the product with a negative sign.
				err := ctx.ExpTermInto(t, Dec{lo: lo, hi: hi, signExp: signExp{exp: e, neg: true}})
				return Dec{lo: lo, hi: hi, signExp: signExp{exp: e, neg: !neg}}, err
			}
		}
	}
	v, err := ctx.Mul(p, x.Sub(c))
	if err != nil {
		return Dec{}, err
	}
	b := v.Neg()
	if b.Sign() <= 0 {
		return b, ctx.ExpTermInto(t, b)
	}
	return b, ctx.ExpTermInto(t, v)
}

// MulQuoBySum returns (x·y)/(d+e): the product rounded, the sum exact, the
// quotient rounded, exactly what QuoBySum(Mul(x, y), d, e) returns (the
// product's error first).
func (ctx Context) MulQuoBySum(x, y, d, e Dec) (Dec, error) {
	if ctx.valid() && x.big == nil && y.big == nil && d.big == nil && e.big == nil &&
		x.lo|x.hi != 0 && y.lo|y.hi != 0 && d.lo|d.hi != 0 && e.lo|e.hi != 0 {
		neg := x.neg != y.neg
		if qh, ql, qe, ok := mulRound128(x.hi, x.lo, y.hi, y.lo, int64(x.exp)+int64(y.exp), neg, ctx.Digits(), ctx.rounding); ok {
			// QuoBySum's first case, on the words of the (nonzero) product.
			if sh, sl, se, sn, ok := add128(d.hi, d.lo, d.exp, d.neg, e.hi, e.lo, e.exp, e.neg); ok && sh|sl != 0 {
				if r, ok := quo128(qh, ql, qe, sh, sl, se, neg != sn, ctx.Digits(), ctx.rounding); ok {
					return r, nil
				}
			}
			return ctx.QuoBySum(Dec{lo: ql, hi: qh, signExp: signExp{exp: qe, neg: neg}}, d, e)
		}
	}
	q, err := ctx.Mul(x, y)
	if err != nil {
		return Dec{}, err
	}
	return ctx.QuoBySum(q, d, e)
}
