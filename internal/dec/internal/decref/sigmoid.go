package decref

import "errors"

// Sigmoid returns 1 / (1 + e^{−x}): Neg, Exp, Add 1, Quo, each rounded to
// ctx. For x < −925 the result is below 10^-401 and flushes to zero.
func (ctx Context) Sigmoid(x Dec) (Dec, error) {
	e, err := ctx.Exp(x.Neg())
	if errors.Is(err, ErrRange) {
		return Dec{}, nil
	}
	if err != nil {
		return Dec{}, err
	}
	return ctx.Quo(one, e.Add(one))
}
