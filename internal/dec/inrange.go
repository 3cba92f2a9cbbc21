package dec

// InRange reports whether d lies in the accepted range, the values Parse
// and FromDecimal accept: zero, or 10^MinAdjExp <= |d| < 10^(MaxAdjExp+1)
// with at most MaxDigits significant digits. Exact sums of in-range values
// can leave it (by overflow, by cancellation or, in principle, by digits);
// a caller that stores such a sum for a later FromDecimal tests it here.
func (d Dec) InRange() bool { return d.checkRange() == nil }
