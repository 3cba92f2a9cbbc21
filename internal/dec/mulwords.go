package dec

// MulWords returns the product x·y·10^exp of two nonzero magnitudes of at
// most two words each (x = xh:xl, y = yh:yl), rounded to the context as
// Mul rounds it, as coefficient words hi:lo and exponent e (the sign is
// neg): exactly the coefficient and exponent of
//
//	c.Mul(FromWords(neg, {xl, xh}, exp), FromWords(false, {yl, yh}, 0))
//
// for callers that keep their values in words (TestMulWordsMatchesMul). ok
// is false when the two-word path does not apply (an operand is zero, the
// rounded product needs more than two words or leaves the range, or the
// context is invalid); the caller then goes through Mul.
func (c Context) MulWords(xh, xl, yh, yl uint64, exp int64, neg bool) (hi, lo uint64, e int32, ok bool) {
	if !c.valid() || xh|xl == 0 || yh|yl == 0 {
		return 0, 0, 0, false
	}
	return mulRound128(xh, xl, yh, yl, exp, neg, c.Digits(), c.rounding)
}
