package loss

import (
	"errors"
	"math/big"

	"github.com/netmath/netmath/internal/dec"
)

// float64Overflow is 2^1024 − 2^970, the smallest value that rounds to +Inf
// in float64 (round-to-nearest-even): the SDK's |x|^β overflows from there.
var float64Overflow = func() dec.Dec {
	v := new(big.Int).Lsh(big.NewInt(1), 1024)
	v.Sub(v, new(big.Int).Lsh(big.NewInt(1), 970))
	d, err := dec.FromBigInt(v)
	if err != nil {
		panic(err) // unreachable: 309 digits
	}
	return d
}()

// zptae is the z power-tanh absolute error (spec loss_methods.md §3.8):
//
//	z_y = (y − μ)/σ,  z_p = (p − μ)/σ
//	pt(x) = x / (1 + |x|^β)^((1 − α)/β)          (pt(0) = 0)
//	L = |pt(z_y) − pt(z_p)| + (c·|z_p − z_y|)^γ
//
// The penalty takes the gap in z units with c inside the power (spec
// AMBIGUITY note); |z_p − z_y| is computed as |y − p|/σ from the exact
// difference. pt is evaluated without overflow for every |x|: for |x| > 1
// as sign(x)·|x|^α·(1 + |x|^−β)^(−(1−α)/β). With ZPTAESDK, pt(x) is
// sign(x)·1 when |x|^β would overflow float64 (>= 2^1024 − 2^970), as the
// SDK's fallback does (spec §3.8, UNCERTAIN; the default ZPTAEExact keeps
// the mathematically consistent value, which tends to sign(x)·|x|^α).
//
// The difference of the two power-tanh values can cancel; as for poisson,
// the cancelled digits are measured and the evaluation repeated with that
// many more digits (capped at 100). Both terms are non-negative, so the
// sum adds no error: the result is within one ulp unless more than about
// 50 digits cancel. A penalty beyond the decimal range (10^401) is an error.
func (m Method) zptae(y, p dec.Dec) (dec.Dec, error) {
	if y.Equal(p) {
		return dec.Dec{}, nil
	}
	extra := 0
	for {
		w := workContext(m.ctx, extra)
		c := dec.NewCalc(w)
		one := dec.One()
		r := c.Quo(one.Sub(m.alpha), m.beta)
		zy := c.Quo(y.Sub(m.mean), m.std)
		zp := c.Quo(p.Sub(m.mean), m.std)
		if err := c.Err(); err != nil {
			return dec.Dec{}, err
		}
		py, err := m.powerTanh(w, zy, r)
		if err != nil {
			return dec.Dec{}, err
		}
		pp, err := m.powerTanh(w, zp, r)
		if err != nil {
			return dec.Dec{}, err
		}
		diff := py.Sub(pp).Abs()
		k := w.Digits() // everything cancelled until proven otherwise
		switch {
		case py.IsZero() && pp.IsZero():
			k = 0
		case !diff.IsZero():
			k = mag(dec.Max(py.Abs(), pp.Abs())) - mag(diff)
		}
		if k > guardDigits-4 && w.Digits() < dec.MaxContextDigits {
			extra += k
			continue
		}
		var pen dec.Dec
		if !m.norm.IsZero() {
			dz := c.Quo(y.Sub(p).Abs(), m.std)
			pen = c.Pow(c.Mul(m.norm, dz), m.gamma)
		}
		return finish(c, m.ctx, diff.Add(pen))
	}
}

// powerTanh returns pt(x) = x / (1 + |x|^β)^r at w, r = (1 − α)/β.
func (m Method) powerTanh(w dec.Context, x, r dec.Dec) (dec.Dec, error) {
	if x.IsZero() {
		return dec.Dec{}, nil
	}
	one := dec.One()
	ax := x.Abs()
	if m.sdkOvf {
		pb, err := w.Pow(ax, m.beta)
		if errors.Is(err, dec.ErrRange) || (err == nil && pb.Cmp(float64Overflow) >= 0) {
			if x.Sign() < 0 {
				return one.Neg(), nil
			}
			return one, nil
		}
		if err != nil {
			return dec.Dec{}, err
		}
	}
	c := dec.NewCalc(w)
	var v dec.Dec
	if ax.Cmp(one) <= 0 {
		v = c.Mul(ax, onePlusPow(c, c.Pow(ax, m.beta), r.Neg()))
	} else {
		v = c.Mul(c.Pow(ax, m.alpha), onePlusPow(c, c.Pow(ax, m.beta.Neg()), r.Neg()))
	}
	if err := c.Err(); err != nil {
		return dec.Dec{}, err
	}
	if x.Sign() < 0 {
		v = v.Neg()
	}
	return v, nil
}

// onePlusPow returns (1 + u)^e at c's precision for u >= 0. When
// |e·u| < 10^-(w+2) the result is 1 to the working precision (its relative
// error e·u is below one unit), which avoids taking the power of the exact
// but very long 1 + u.
func onePlusPow(c *dec.Calc, u, e dec.Dec) dec.Dec {
	if u.IsZero() || e.IsZero() {
		return dec.One()
	}
	if mag(u)+mag(e)+2 < -(c.Context().Digits() + 2) {
		return dec.One()
	}
	return c.Pow(dec.One().Add(u), e)
}
