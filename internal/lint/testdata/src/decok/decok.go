// Package decok is checked with Options.DecimalArithmetic (internal/dec):
// shopspring arithmetic is allowed, floats and globals are not.
package decok

import "github.com/shopspring/decimal"

func arithmetic(a, b decimal.Decimal) decimal.Decimal {
	_ = a.InexactFloat64() // want float
	return a.Add(b).Mul(b).Shift(2)
}
