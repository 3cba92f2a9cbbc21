package decref

import (
	"fmt"
	"slices"
)

// Quantile returns the reference chain's quantile of xs at level q in [0, 1]
// (GetQuantileOfDecs):
//
//	v  = xs sorted descending
//	P  = (1 − q)·(n − 1)            (one rounded product)
//	lo = floor(P), hi = ceil(P)
//	Q  = v[lo]                              if lo == hi
//	     v[lo] + (P − lo)·(v[hi] − v[lo])   otherwise (one rounded product)
//
// This is numpy's "linear" percentile at level q. Errors wrap ErrEmpty for an
// empty input and ErrInvalidArgument for q outside [0, 1]. xs is not
// modified.
func (ctx Context) Quantile(xs []Dec, q Dec) (Dec, error) {
	n := len(xs)
	if n == 0 {
		return Dec{}, fmt.Errorf("%w: quantile of no values", ErrEmpty)
	}
	if q.Sign() < 0 || q.Cmp(one) > 0 {
		return Dec{}, fmt.Errorf("%w: quantile level %s outside [0, 1]", ErrInvalidArgument, q)
	}
	v := slices.Clone(xs)
	slices.SortStableFunc(v, func(a, b Dec) int { return b.Cmp(a) })
	pos, err := ctx.Mul(one.Sub(q), FromInt64(int64(n-1)))
	if err != nil {
		return Dec{}, err
	}
	lo, hi := pos.Floor(), pos.Ceil()
	li, _ := lo.Int64()
	hiI, _ := hi.Int64()
	if li < 0 || hiI >= int64(n) || li > hiI {
		return Dec{}, fmt.Errorf("%w: quantile position %s for %d values", ErrInvalidArgument, pos, n)
	}
	if li == hiI {
		return v[li], nil
	}
	t, err := ctx.Mul(pos.Sub(lo), v[hiI].Sub(v[li]))
	if err != nil {
		return Dec{}, err
	}
	return v[li].Add(t), nil
}
