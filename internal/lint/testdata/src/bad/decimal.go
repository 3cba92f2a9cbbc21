package bad

import (
	"math/big"

	"github.com/shopspring/decimal"
)

type embedded struct{ decimal.Decimal }

func arithmetic(a, b decimal.Decimal) {
	_ = a.Add(b)                                    // want decimal
	_ = a.Sub(b)                                    // want decimal
	_ = a.Mul(b)                                    // want decimal
	_ = a.Div(b)                                    // want decimal
	_ = a.DivRound(b, 34)                           // want decimal
	_, _ = a.QuoRem(b, 0)                           // want decimal
	_ = a.Mod(b)                                    // want decimal
	_ = a.Neg()                                     // want decimal
	_ = a.Abs()                                     // want decimal
	_ = a.NumDigits()                               // want decimal
	_ = a.Pow(b)                                    // want decimal
	_, _ = a.Sqrt()                                 // want decimal
	_, _ = a.Ln(34)                                 // want decimal
	_, _ = a.ExpTaylor(34)                          // want decimal
	_ = a.Shift(3)                                  // want decimal
	_ = a.Round(2)                                  // want decimal
	_ = a.RoundDown(2)                              // want decimal
	_ = a.Truncate(2)                               // want decimal
	_ = a.Floor()                                   // want decimal
	_ = a.Ceil()                                    // want decimal
	_ = a.IntPart()                                 // want decimal
	_ = a.BigInt()                                  // want decimal
	_ = a.StringFixed(2)                            // want decimal
	_ = decimal.Sum(a, b)                           // want decimal
	_ = decimal.Avg(a, b)                           // want decimal
	_ = decimal.NewFromBigRat(big.NewRat(1, 3), 34) // want decimal
	_, _ = decimal.RescalePair(a, b)                // want decimal
	f := a.Mul                                      // want decimal
	_ = f
	g := decimal.Decimal.Div // want decimal
	_ = g
	_ = embedded{a}.Add(b) // want decimal
}
