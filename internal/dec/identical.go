package dec

// Identical reports whether d and e have the same representation: the same
// coefficient, exponent and sign, both inline (a coefficient below 2^128).
// Identical values are Equal, and every operation of this package is a
// function of its operands' representations, so a caller may reuse a
// result computed from d for e (the weights' kernels reuse the arguments
// and weights of repeated regrets). It is false for any big coefficient
// (which it does not compare) and for Equal values of different
// representations (1 and 1.0).
func (d Dec) Identical(e Dec) bool {
	return d.big == nil && e.big == nil && d.lo == e.lo && d.hi == e.hi && d.exp == e.exp && d.neg == e.neg
}
