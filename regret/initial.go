package regret

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// initialRegret implements §7.1. experienced is 𝓡 of (42); all is every
// inferer and forecaster regret the update produced; current is the topic
// initial regret before the update.
//
//	𝓡 non-empty:            (43) Q_q(𝓡) + (c − κ/p)·(StdDev(𝓡) + ε)
//	NEWEST, 𝓡 empty,
//	  |all| >= max(Min, 1):  Q_q(all)                 (fallback, no offset)
//	otherwise:              current (unchanged)
//
// Q_q is the reference quantile (descending sort, linear interpolation);
// StdDev is Bessel-corrected (0 for one value) and not passed through Abs.
// κ/p, StdDev, the offset product and the quantile interpolation round; the
// additions are exact.
func (cp params) initialRegret(experienced, all []dec.Dec, current dec.Dec) (dec.Dec, InitialRegretRule, error) {
	ctx := cp.ctx
	if len(experienced) > 0 {
		m := dec.NewCalc(ctx)
		q, err := ctx.Quantile(experienced, cp.q)
		m.Fail(err)
		sd, err := ctx.StdDev(experienced)
		m.Fail(err)
		offset := m.Mul(cp.c.Sub(m.Quo(cp.kappa, cp.p)), sd.Add(cp.epsilon))
		r, err := m.Result(q.Add(offset))
		if err == nil && !r.InRange() {
			err = fmt.Errorf("initial regret %s outside the decimal range", r)
		}
		if err != nil {
			return dec.Dec{}, "", fmt.Errorf("%w: initial regret (43): %w", ErrInvalidValue, err)
		}
		return r, InitialRegretQuantileOffset, nil
	}
	if cp.rules == Newest && len(all) > 0 && len(all) >= cp.minRegrets {
		q, err := ctx.Quantile(all, cp.q)
		if err != nil {
			return dec.Dec{}, "", fmt.Errorf("%w: initial regret fallback: %w", ErrInvalidValue, err)
		}
		return q, InitialRegretFallback, nil
	}
	return current, InitialRegretUnchanged, nil
}

// TopicInitialRegret evaluates the topic initial-regret rule of §7.1 on its
// own: experienced is the sample 𝓡 of eq. (42) (the new network regrets of
// experienced workers), all is every inferer and forecaster network regret
// of the update (used only by the NEWEST fallback), current is the topic
// initial regret before the update. It returns the new initial regret and
// the rule that produced it:
//
//	𝓡 non-empty:                    (43) Q_q(𝓡) + (c − κ/p)·(StdDev(𝓡) + ε)
//	NEWEST, 𝓡 empty, |all| >= Min:  Q_q(all)   (Min = MinExperiencedWorkerRegrets; all non-empty)
//	otherwise:                      current
//
// Update calls the same code. Rounding: κ/p, StdDev, the offset product and
// the quantile's interpolation product are rounded by the Params context;
// the sums are exact. Errors wrap ErrInvalidParams or ErrInvalidValue.
func TopicInitialRegret(experienced, all []decimal.Decimal, current decimal.Decimal, p Params) (decimal.Decimal, InitialRegretRule, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, "", err
	}
	exp, err := toDecs("experienced", experienced)
	if err != nil {
		return decimal.Decimal{}, "", err
	}
	al, err := toDecs("all", all)
	if err != nil {
		return decimal.Decimal{}, "", err
	}
	cur, err := dec.FromDecimal(current)
	if err != nil {
		return decimal.Decimal{}, "", fmt.Errorf("%w: current: %w", ErrInvalidValue, err)
	}
	r, rule, err := cp.initialRegret(exp, al, cur)
	if err != nil {
		return decimal.Decimal{}, "", err
	}
	return r.Decimal(), rule, nil
}

// toDecs converts a list of plain values (bounded by MaxStateEntries).
func toDecs(field string, xs []decimal.Decimal) ([]dec.Dec, error) {
	if len(xs) > MaxStateEntries {
		return nil, fmt.Errorf("%w: %s has %d values (max %d)", ErrTooLarge, field, len(xs), MaxStateEntries)
	}
	out := make([]dec.Dec, len(xs))
	for i, x := range xs {
		d, err := dec.FromDecimal(x)
		if err != nil {
			return nil, fmt.Errorf("%w: %s[%d]: %w", ErrInvalidValue, field, i, err)
		}
		out[i] = d
	}
	return out, nil
}
