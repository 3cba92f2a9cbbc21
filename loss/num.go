package loss

import (
	"fmt"

	"github.com/netmath/netmath/internal/num"
	"github.com/shopspring/decimal"
)

// Num is the value of the library's n²-sized lists: a PairValue (the
// one-out-inferer-forecaster losses of a reputer's report and of the
// network losses, the forecasted regrets of package weights) and a pair
// regret of package regret (regret.Pair). It is an exact decimal number
// held in 32 bytes, its coefficient inline when below 2^128 (every value
// the library computes), so that a list of n² values is one allocation
// instead of 2n² (a decimal.Decimal is a *big.Int and its words, two heap
// objects). At n = 512 a regret State holds 1.3 million pair regrets and
// the reports of eight reputers 2.1 million pair losses: as decimals they
// were 6.8 million heap objects, which the garbage collector traced at
// every cycle; as Nums they are a few slices.
//
// A Num keeps the coefficient and exponent it is built with (NewNum(d) and
// back through Decimal gives d's coefficient and exponent; zero is
// normalised to 0). It marshals to JSON exactly as decimal.Decimal does
// (a quoted decimal string) and unmarshals what decimal.Decimal accepts,
// refusing a value outside the decimal core's range. Its methods: Decimal
// (the value as a decimal.Decimal, one allocation), String, IsZero, Sign,
// Cmp, Equal, MarshalJSON, UnmarshalJSON. The zero value is 0. Compare
// Nums with Cmp or Equal, never with ==.
type Num = num.Num

// NewNum converts a decimal to a Num, or returns an error wrapping ErrValue
// (and dec.ErrRange) when d lies outside the decimal core's range
// (|d| in [10^-400, 10^401), at most 1000 significant digits).
func NewNum(d decimal.Decimal) (Num, error) {
	n, err := num.New(d)
	if err != nil {
		return Num{}, fmt.Errorf("%w: %w", ErrValue, err)
	}
	return n, nil
}

// MustNum is NewNum for values known to be in range (constants, tests); it
// panics on an error.
func MustNum(d decimal.Decimal) Num {
	n, err := NewNum(d)
	if err != nil {
		panic(err)
	}
	return n
}
