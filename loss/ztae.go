package loss

import "github.com/netmath/netmath/internal/dec"

// ztae is the z-transformed (tanh) absolute error (spec loss_methods.md
// §3.7):
//
//	a = (y − μ)/σ,  b = (p − μ)/σ,  L = |tanh a − tanh b|,  0 <= L < 2
//
// The direct difference cancels when a ≈ b or when both are large with the
// same sign. This implementation uses, for a and b of the same sign (u =
// max(|a|,|b|), v = min(|a|,|b|), d = |y − p|/σ = u − v computed from the
// exact difference y − p, and t = tanh d):
//
//	tanh u − tanh v = 4·e^{−2v}·t / ((1 + t)(1 + e^{−2u})(1 + e^{−2v}))
//
// which has no subtraction at all, and |tanh a| + |tanh b| for opposite
// signs. Every factor is computed at the working precision; the relative
// error of e^{−2v} is about 2v times that of v, and v <= 461 whenever
// e^{−2v} is representable, so 12 guard digits keep the result within one
// ulp. Results below 10^-400 flush to zero.
func (m Method) ztae(y, p dec.Dec) (dec.Dec, error) {
	if y.Equal(p) {
		return dec.Dec{}, nil
	}
	w := workContext(m.ctx, 0)
	c := dec.NewCalc(w)
	a := c.Quo(y.Sub(m.mean), m.std)
	b := c.Quo(p.Sub(m.mean), m.std)
	if err := c.Err(); err != nil {
		return dec.Dec{}, err
	}
	if a.Sign()*b.Sign() <= 0 {
		return finish(c, m.ctx, c.Tanh(a.Abs()).Add(c.Tanh(b.Abs())))
	}
	u, v := dec.Max(a.Abs(), b.Abs()), dec.Min(a.Abs(), b.Abs())
	one := dec.One()
	d := c.Quo(y.Sub(p).Abs(), m.std)
	t := c.Tanh(d)
	ev := c.Exp(twice(v).Neg())
	eu := c.Exp(twice(u).Neg())
	num := c.Mul(c.Mul(dec.FromInt64(4), ev), t)
	den := c.Mul(c.Mul(one.Add(t), one.Add(eu)), one.Add(ev))
	return finish(c, m.ctx, c.Quo(num, den))
}
