package dec

import "fmt"

// Mean returns Σx / n with one rounded division. Errors wrap ErrEmpty for an
// empty input. xs is not modified.
func (ctx Context) Mean(xs []Dec) (Dec, error) {
	if len(xs) == 0 {
		return Dec{}, fmt.Errorf("%w: mean of no values", ErrEmpty)
	}
	var a Acc
	for _, x := range xs {
		a.Add(x)
	}
	return ctx.QuoAccDec(&a, FromInt64(int64(len(xs))))
}

// StdDev returns the Bessel-corrected sample standard deviation
//
//	σ = sqrt( Σ (x − μ)² / (n − 1) ),   μ = Σx / n
//
// as the reference chain evaluates it: μ by one rounded division, each
// square rounded, the sum exact, one rounded division and a rounded square
// root (rounded half-even, as the reference's apd Sqrt does whatever the
// context's mode). For n <= 1 it returns 0 (the reference's convention). xs is not
// modified.
func (ctx Context) StdDev(xs []Dec) (Dec, error) {
	n := len(xs)
	if n <= 1 {
		return Dec{}, nil
	}
	mu, err := ctx.Mean(xs)
	if err != nil {
		return Dec{}, err
	}
	var ss Acc
	wordsMu := ctx.valid() && mu.big == nil && mu.lo|mu.hi != 0
	for _, x := range xs {
		if wordsMu && x.big == nil && x.lo|x.hi != 0 {
			// Inline x and μ: the difference and its square on words (the
			// same values as Sub and Mul; a zero difference adds nothing).
			if dh, dl, de, _, ok := add128(x.hi, x.lo, x.exp, x.neg, mu.hi, mu.lo, mu.exp, !mu.neg); ok {
				if dh|dl == 0 {
					continue
				}
				if hi, lo, e, ok := mulRound128(dh, dl, dh, dl, 2*int64(de), false, ctx.Digits(), ctx.rounding); ok {
					ss.Add(Dec{lo: lo, hi: hi, signExp: signExp{exp: e}})
					continue
				}
			}
		}
		d := x.Sub(mu)
		sq, err := ctx.Mul(d, d)
		if err != nil {
			return Dec{}, err
		}
		ss.Add(sq)
	}
	v, err := ctx.QuoAccDec(&ss, FromInt64(int64(n-1)))
	if err != nil {
		return Dec{}, err
	}
	// The reference's square root (apd's Sqrt) always rounds half-even at
	// the context's precision, whatever the context's rounding mode.
	return Context{digits: ctx.digits, rounding: RoundHalfEven}.Sqrt(v)
}
