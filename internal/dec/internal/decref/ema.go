package decref

import "fmt"

// EMA returns the exponential moving average used throughout the protocol:
//
//	first:          cur
//	cur == prev:    cur
//	otherwise:      α·cur + (1−α)·prev
//
// (1−α) and the sum are exact; each product is rounded to ctx. α must lie in
// [0, 1] (error wrapping ErrInvalidArgument otherwise).
func (ctx Context) EMA(alpha, cur, prev Dec, first bool) (Dec, error) {
	if alpha.Sign() < 0 || alpha.Cmp(one) > 0 {
		return Dec{}, fmt.Errorf("%w: EMA alpha %s outside [0, 1]", ErrInvalidArgument, alpha)
	}
	if first || cur.Cmp(prev) == 0 {
		return cur, nil
	}
	a, err := ctx.Mul(alpha, cur)
	if err != nil {
		return Dec{}, err
	}
	b, err := ctx.Mul(one.Sub(alpha), prev)
	if err != nil {
		return Dec{}, err
	}
	return a.Add(b), nil
}
