// Package bad holds code the linter must flag: each flagged line carries a
// "want" comment naming the rules (want-next: the next line).
package bad

import (
	"math"
	"math/big"
	"strconv"

	"github.com/shopspring/decimal"
)

type withFloat struct { // want float
	Weight float64 // want float
	N      int
}

var ratio float32 = 0.5 // want float

func floatSignature(x int) float64 { // want float
	return float64(x) // want float
}

func floatUses(d decimal.Decimal, n int) int {
	x := 1.5                                          // want float
	_ = x                                             // want float
	_ = math.Sqrt(2)                                  // want float
	_ = math.Pi                                       // want float
	_ = math.Float64bits                              // want float
	_, _ = strconv.ParseFloat("1.5", 64)              // want float
	_ = strconv.FormatFloat(1.5, 'g', -1, 64)         // want float
	_ = decimal.NewFromFloat(0.1)                     // want float
	_ = d.InexactFloat64()                            // want float
	_, _ = d.Float64()                                // want float
	_ = new(big.Float)                                // want float
	_ = big.NewFloat(2)                               // want float
	_ = []float64{}                                   // want float
	_ = complex(1, 2)                                 // want float
	_ = withFloat{}.N                                 // want float
	digits := int(float64(n)*0.30102999566398120) + 1 // want float
	return digits
}
