package dec

// FromSmall returns c·10^exp: exactly what FromInt64(c).Shift(exp) returns
// (the coefficient c, the exponent exp; 0 for c = 0 whatever exp), built in
// one step. A Dec (five fields) lives in memory inside a function; the
// inlined chain of two value-receiver calls stored its fields one by one
// and reloaded them as a whole, a store-forwarding stall (toDec measured
// 29 ns, 16 ns with FromSmall kept out of line, whose result travels in
// registers), paid for every stored regret the weights convert (Small's
// values). Like Shift, it does not check the range: the caller keeps exp
// within it.
//
//go:noinline
func FromSmall(c int64, exp int32) Dec {
	switch {
	case c > 0:
		return Dec{lo: uint64(c), signExp: signExp{exp: exp}}
	case c < 0:
		return Dec{lo: uint64(^c) + 1, signExp: signExp{exp: exp, neg: true}}
	}
	return Dec{}
}
