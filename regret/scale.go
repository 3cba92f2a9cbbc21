package regret

import (
	"errors"
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/regretmath"
	"github.com/shopspring/decimal"
)

// MADScale returns the regret scale of spec §4.3, eq. (20):
//
//	s = |1.4826·MAD(regrets)| + ε,   MAD(x) = Median(|xᵢ − Median(x)|)
//
// It is the value Update stores in State.Scale under NEWEST (over the
// updated inferer and forecaster regrets) and the per-call scale of the
// Intermediate rule (over the regrets of one weight calculation). digits and
// rounding select the precision as in Params (0 and "" are the reference:
// 34 digits, truncation). The medians' halvings (even counts) and the
// product by 1.4826 round; the absolute value and the addition are exact.
//
// The result is at least ε > 0; a MAD of 0 (more than half of the regrets
// equal) gives exactly ε. Errors: no regrets (ErrEmpty), ε <= 0
// (ErrInvalidParams), a value outside the decimal range (ErrInvalidValue),
// bad digits/rounding (ErrInvalidParams). regrets is not modified.
func MADScale(regrets []decimal.Decimal, epsilon decimal.Decimal, digits int, rounding string) (decimal.Decimal, error) {
	ctx, err := dec.ContextFor(digits, rounding)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: digits/rounding: %w", ErrInvalidParams, err)
	}
	eps, err := dec.FromDecimal(epsilon)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: epsilon: %w", ErrInvalidParams, err)
	}
	if eps.Sign() <= 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: epsilon %s must be > 0", ErrInvalidParams, eps)
	}
	if len(regrets) == 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: regret scale of no regrets", ErrEmpty)
	}
	xs, err := toDecs("regrets", regrets)
	if err != nil {
		return decimal.Decimal{}, err
	}
	s, err := regretmath.MADScale(ctx, xs, eps)
	if err != nil {
		if errors.Is(err, dec.ErrEmpty) {
			return decimal.Decimal{}, fmt.Errorf("%w: %w", ErrEmpty, err)
		}
		return decimal.Decimal{}, fmt.Errorf("%w: regret scale: %w", ErrInvalidValue, err)
	}
	return s.Decimal(), nil
}
