package weights

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/regretmath"
)

// scale returns the regret scale of one weight calculation over the regrets
// r (all participants of the calculation):
//
//	V6           (15) σ* = |StdDev(r)| + ε            (Bessel; one regret → ε)
//	Intermediate (20) s  = |1.4826·MAD(r)| + ε        (per call)
//	Newest       (20) s  = s* if s* > 0, else as Intermediate
//
// StdDev rounds the mean, each square, the variance quotient and the square
// root; the MAD rounds the even-count medians and the product; the absolute
// values and the additions of ε are exact.
func (s *synth) scale(r []dec.Dec) (dec.Dec, error) {
	switch {
	case s.rule == V6:
		sd, err := s.ctx.StdDev(r)
		if err != nil {
			return dec.Dec{}, err
		}
		return sd.Abs().Add(s.eps), nil
	case s.rule == Newest && s.e.stored.Sign() > 0:
		return s.e.stored, nil
	}
	return regretmath.MADScale(s.ctx, r, s.eps)
}

// normalize sets rh[i] = r[i]/scale (16)/(21), each quotient rounded, and
// returns M = max rh.
func (s *synth) normalize(r, rh []dec.Dec) (dec.Dec, error) {
	if len(r) == 0 {
		return dec.Dec{}, fmt.Errorf("%w: no regrets to calculate weights", ErrArithmetic)
	}
	sc, err := s.scale(r)
	if err != nil {
		return dec.Dec{}, err
	}
	var m dec.Dec
	for i, x := range r {
		q, err := s.ctx.Quo(x, sc)
		if err != nil {
			return dec.Dec{}, err
		}
		rh[i] = q
		if i == 0 || q.Cmp(m) > 0 {
			m = q
		}
	}
	return m, nil
}

// weights sets w[i] to the weight of the participant with regret r[i] in a
// calculation over exactly the regrets r (§4). w and r have equal length.
func (s *synth) weights(r, w []dec.Dec) error {
	rh := make([]dec.Dec, len(r))
	m, err := s.normalize(r, rh)
	if err != nil {
		return err
	}
	return s.weightsNormalized(rh, m, w)
}

// weightsNormalized maps normalised regrets to weights given their maximum
// M:
//
//	V6 (17)–(19):  r ← min(R̂, U); if M < T: r ← r − M + T;
//	               w = 0 if r < Z, else φ'_{p,c}(r) = p/(e^{p(c−r)}+1)
//	Intermediate, Newest (22):
//	               w = Exp1DivExp1(−p(M−c), −p(R̂−c)) = φ'(R̂)/φ'(M)
//
// The V6 cap, anchor and cutoff are exact (U, T, Z are 34-digit quotients
// computed once); φ' rounds the product, the exponential and the quotient.
// In (22) each product p·(x−c) is rounded, the differences are exact, and
// Exp1DivExp1 rounds as documented in the decimal core.
func (s *synth) weightsNormalized(rh []dec.Dec, m dec.Dec, w []dec.Dec) error {
	if s.rule == V6 {
		anchor := m.Cmp(s.anchorT) < 0
		for i, x := range rh {
			if x.Cmp(s.capU) > 0 {
				x = s.capU
			}
			if anchor {
				x = x.Sub(m).Add(s.anchorT)
			}
			if x.Cmp(s.cutZ) < 0 {
				w[i] = dec.Dec{}
				continue
			}
			g, err := s.ctx.Gradient(s.p, s.c, x)
			if err != nil {
				return err
			}
			w[i] = g
		}
		return nil
	}
	a, err := s.ctx.Mul(s.p, m.Sub(s.c))
	if err != nil {
		return err
	}
	a = a.Neg()
	if s.plain {
		for i, x := range rh {
			b, err := s.ctx.Mul(s.p, x.Sub(s.c))
			if err != nil {
				return err
			}
			if w[i], err = s.ctx.Exp1DivExp1(a, b.Neg()); err != nil {
				return err
			}
		}
		return nil
	}
	e1 := newRelWeigher(s.ctx, a)
	for i, x := range rh {
		b, err := s.ctx.Mul(s.p, x.Sub(s.c))
		if err != nil {
			return err
		}
		if w[i], err = e1.weight(b.Neg()); err != nil {
			return err
		}
	}
	return nil
}

// relWeigher evaluates Exp1DivExp1(a, b) for one a and many b, computing
// the terms that depend on a only once. Every term is the same rounded value
// the decimal core's Exp1DivExp1 computes, combined in the same order (the
// quotient first, then the product), so the results are identical to it;
// TestFastPathMatchesPlain pins this.
type relWeigher struct {
	ctx dec.Context
	a   dec.Dec
	pos bool    // a > 0
	ea1 dec.Dec // a <= 0: e^a + 1
	na1 dec.Dec // a > 0: e^−a + 1
	ea  dec.Dec // a > 0: e^a (only for b <= 0, unreachable when b >= a)
	err error
}

func newRelWeigher(ctx dec.Context, a dec.Dec) *relWeigher {
	r := &relWeigher{ctx: ctx, a: a, pos: a.Sign() > 0}
	var e dec.Dec
	if r.pos {
		e, r.err = ctx.Exp(a.Neg())
		r.na1 = e.Add(dec.One())
	} else {
		e, r.err = ctx.Exp(a)
		r.ea1 = e.Add(dec.One())
	}
	return r
}

// weight returns (e^a + 1)/(e^b + 1) by the decimal core's four cases:
//
//	a <= 0, b <= 0:  (e^a + 1) / (e^b + 1)
//	a >  0, b <= 0:  e^a · [(e^−a + 1) / (e^b + 1)]
//	a <= 0, b >  0:  e^−b · [(e^a + 1) / (e^−b + 1)]
//	a >  0, b >  0:  e^(a−b) · [(e^−a + 1) / (e^−b + 1)]
func (r *relWeigher) weight(b dec.Dec) (dec.Dec, error) {
	if r.err != nil {
		return dec.Dec{}, r.err
	}
	m := dec.NewCalc(r.ctx)
	one := dec.One()
	switch {
	case !r.pos && b.Sign() <= 0:
		return m.Result(m.Quo(r.ea1, m.Exp(b).Add(one)))
	case r.pos && b.Sign() <= 0:
		if r.ea.IsZero() {
			r.ea = m.Exp(r.a)
		}
		return m.Result(m.Mul(r.ea, m.Quo(r.na1, m.Exp(b).Add(one))))
	case !r.pos:
		enb := m.Exp(b.Neg())
		return m.Result(m.Mul(enb, m.Quo(r.ea1, enb.Add(one))))
	}
	return m.Result(m.Mul(m.Exp(r.a.Sub(b)), m.Quo(r.na1, m.Exp(b.Neg()).Add(one))))
}
