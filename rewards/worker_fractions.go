package rewards

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// workerFractions implements (10.1)–(10.4) for scores in stored (id) order:
//
//	σ   = |StdDev(Σ_hist)|                       (10.1; 0 when |Σ_hist| <= 1)
//	M_a = 1                      if σ < ε
//	M_a = φ_{p,c}(T_a / (σ + ε))  otherwise       (10.2), (10.3)
//	u_a = M_a / Σ_b M_b                           (10.4)
//
// σ + ε and Σ M are exact; the quotients, φ and StdDev round to ctx. It
// returns the fractions and σ. Errors wrap ErrEmpty (no scores),
// ErrZeroTotal (every φ underflowed to 0, which needs |p·T/(σ+ε)| > 920) or
// ErrArithmetic.
func workerFractions(ctx dec.Context, scores, sample []dec.Dec, p, c, eps dec.Dec) ([]dec.Dec, dec.Dec, error) {
	n := len(scores)
	if n == 0 {
		return nil, dec.Dec{}, fmt.Errorf("%w: no worker scores", ErrEmpty)
	}
	sigma, err := ctx.StdDev(sample)
	if err != nil {
		return nil, dec.Dec{}, arith("score-sample standard deviation (10.1)", err)
	}
	sigma = sigma.Abs()
	m := make([]dec.Dec, n)
	if sigma.Cmp(eps) < 0 {
		for i := range m {
			m[i] = dec.One()
		}
	} else {
		den := sigma.Add(eps)
		calc := dec.NewCalc(ctx)
		for i, t := range scores {
			m[i] = calc.Phi(p, c, calc.Quo(t, den))
		}
		if err := calc.Err(); err != nil {
			return nil, dec.Dec{}, arith("worker mapping φ(T/(σ+ε)) (10.3)", err)
		}
	}
	u, err := normalise(ctx, m)
	if err != nil {
		return nil, dec.Dec{}, fmt.Errorf("worker fractions (10.4): %w", err)
	}
	return u, sigma, nil
}

// normalise returns x_a / Σ x (10.4), (10.5), (11.2): the sum exact, each
// quotient rounded; exact zeros stay 0 without a division. Errors wrap
// ErrZeroTotal when the sum is 0.
func normalise(ctx dec.Context, xs []dec.Dec) ([]dec.Dec, error) {
	total := dec.Sum(xs)
	if total.IsZero() {
		return nil, fmt.Errorf("%w: every term is 0", ErrZeroTotal)
	}
	out := make([]dec.Dec, len(xs))
	for i, x := range xs {
		if x.IsZero() {
			continue
		}
		q, err := ctx.Quo(x, total)
		if err != nil {
			return nil, arith("normalisation", err)
		}
		out[i] = q
	}
	return out, nil
}

// workerMapping returns (p, c) of a worker class.
func (p params) workerMapping(c Class) (dec.Dec, dec.Dec, error) {
	switch c {
	case Inferers:
		return p.pInf, p.cInf, nil
	case Forecasters:
		return p.pFc, p.cFc, nil
	}
	return dec.Dec{}, dec.Dec{}, fmt.Errorf("%w: class %q has no worker mapping", ErrInvalidValue, string(c))
}

// WorkerFractions returns the instant reward fractions u_a of spec (10.4)
// for the inferers (c = Inferers: PRewardInference, CRewardInference) or the
// forecasters (c = Forecasters: PRewardForecast, CRewardForecast) of one
// epoch, sorted by id. sample is the normalisation sample Σ_hist of (7.1)
// (see ScoreSample); it should contain the epoch's own scores. When the
// sample's Bessel standard deviation σ is below Epsilon every actor gets
// 1/n; otherwise M_a = φ_{p,c}(T_a/(σ+ε)).
//
// Precision: StdDev, the quotients T/(σ+ε), φ (Mul, Exp, Ln) and M_a/ΣM
// round to the Params' context; σ+ε and ΣM are exact. With RoundDown the
// fractions sum to at most 1.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrEmpty (no scores),
// ErrEmptyID, ErrDuplicateID, ErrTooLarge (more than MaxParticipants scores
// or sample values), ErrZeroTotal (every φ underflowed) or ErrArithmetic.
func WorkerFractions(scores []loss.Value, sample []decimal.Decimal, c Class, p Params) ([]loss.Value, error) {
	cp, err := p.compile()
	if err != nil {
		return nil, err
	}
	pp, cc, err := cp.workerMapping(c)
	if err != nil {
		return nil, err
	}
	es, err := toEntries("scores", scores)
	if err != nil {
		return nil, err
	}
	s, err := toDecs("sample", sample)
	if err != nil {
		return nil, err
	}
	u, _, err := workerFractions(cp.ctx, values(es), s, pp, cc, cp.eps)
	if err != nil {
		return nil, err
	}
	return fromEntries(zipEntries(ids(es), u)), nil
}

// toDecs converts a plain list of numbers (at most MaxParticipants).
func toDecs(field string, xs []decimal.Decimal) ([]dec.Dec, error) {
	if len(xs) > MaxParticipants {
		return nil, fmt.Errorf("%w: %s has %d values (max %d)", ErrTooLarge, field, len(xs), MaxParticipants)
	}
	out := make([]dec.Dec, len(xs))
	for i, x := range xs {
		d, err := toDec(fmt.Sprintf("%s[%d]", field, i), x)
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}
