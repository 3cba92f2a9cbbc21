// Package regretmath holds the regret arithmetic that packages regret and
// weights share, in the decimal core's types. Package regret exports the same
// computation over decimal.Decimal (regret.MADScale); weights calls this
// package directly because it works in dec.Dec throughout.
package regretmath

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// MADFactor returns 1.4826, the factor that turns a median absolute deviation
// into a standard-deviation estimate for normal data (≈ 1/Φ⁻¹(0.75); spec
// inference_synthesis.md §4.3 eq. (20)). It is the reference chain's constant,
// not the exact reciprocal.
func MADFactor() dec.Dec { return dec.New(14826, -4) }

// MADScale returns the regret scale of spec §4.3 eq. (20),
//
//	s = |1.4826·MAD(regrets)| + ε,   MAD(x) = Median(|xᵢ − Median(x)|),
//
// evaluated as the reference chain does (CalcRegretScalePlusEpsilon): the two
// medians divide by 2 for an even count (one rounded Quo each), the product
// by 1.4826 is rounded, the absolute value and the addition of ε are exact.
// Rounding follows ctx. The result is at least ε, so a positive ε makes it
// positive even when the MAD is 0 (for example when more than half of the
// regrets are equal).
//
// Errors: an empty regrets slice wraps dec.ErrEmpty (the reference's median
// of nothing is 0, which would give ε; callers decide what an empty set
// means); ε <= 0 wraps dec.ErrInvalidArgument; a result at or beyond
// 10^(dec.MaxAdjExp+1) wraps dec.ErrRange. regrets is not modified.
func MADScale(ctx dec.Context, regrets []dec.Dec, epsilon dec.Dec) (dec.Dec, error) {
	if epsilon.Sign() <= 0 {
		return dec.Dec{}, fmt.Errorf("%w: regret scale epsilon %s must be > 0", dec.ErrInvalidArgument, epsilon)
	}
	mad, _, err := ctx.MAD(regrets)
	if err != nil {
		return dec.Dec{}, err
	}
	s, err := ctx.Mul(MADFactor(), mad)
	if err != nil {
		return dec.Dec{}, err
	}
	r := s.Abs().Add(epsilon)
	if r.Cmp(dec.New(1, dec.MaxAdjExp).Shift(1)) >= 0 {
		return dec.Dec{}, fmt.Errorf("%w: regret scale %s", dec.ErrRange, r)
	}
	return r, nil
}
