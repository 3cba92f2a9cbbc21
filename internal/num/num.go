// Package num holds Num, the compact exact decimal that package loss
// exports as loss.Num for the values of the n²-sized lists (loss.PairValue,
// regret.Pair). It lives here, not in loss, so that the packages computing
// those values in the decimal core (loss, regret, weights, reputation) can
// build a Num from a dec.Dec (Of) and read one back (Dec) without a
// conversion; users reach the type as loss.Num.
package num

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// MaxJSONBytes bounds the JSON text UnmarshalJSON parses. Every value in
// range has a shorter form (at most 1000 digits, a sign, a point and an
// exponent); a longer text is refused before it is parsed, because parsing
// a decimal string takes time quadratic in its length.
const MaxJSONBytes = 4096

// Num is an exact decimal number, coefficient × 10^exponent, held in 32
// bytes: a coefficient below 2^128 in magnitude (every value the library
// computes at its working precision) lies inline, so a slice of Nums is one
// allocation however long it is, where a shopspring decimal.Decimal costs two
// heap objects (a *big.Int and its words, 80 bytes) per value. A larger
// coefficient is held in an immutable *big.Int. The zero value is 0.
//
// A Num keeps the coefficient and exponent it was built with: converting a
// decimal.Decimal to a Num and back (New, Decimal) gives the same coefficient
// and exponent, so JSON, String and the canonical encoding of package settle
// see exactly the decimal that went in. Only values inside the decimal
// core's range are representable (|v| in [10^-400, 10^401), at most 1000
// digits); New and UnmarshalJSON reject anything else.
//
// Nums are compared with Cmp or Equal (1.0 and 1 are equal), never with ==.
type Num struct {
	d dec.Dec
}

// Of returns d as a Num.
func Of(d dec.Dec) Num { return Num{d} }

// New converts a shopspring decimal, or returns an error wrapping
// dec.ErrRange when it lies outside the decimal core's range.
func New(d decimal.Decimal) (Num, error) {
	v, err := dec.FromDecimal(d)
	if err != nil {
		return Num{}, err
	}
	return Num{v}, nil
}

// Dec returns n in the decimal core. It does not allocate.
func (n Num) Dec() dec.Dec { return n.d }

// Decimal returns n as a shopspring decimal with the same coefficient and
// exponent (one allocation for the coefficient, none for zero).
func (n Num) Decimal() decimal.Decimal { return n.d.Decimal() }

// String formats n as decimal.Decimal.String does.
func (n Num) String() string { return n.Decimal().String() }

// IsZero reports whether n is 0.
func (n Num) IsZero() bool { return n.d.IsZero() }

// Sign returns -1, 0 or +1 by the sign of n.
func (n Num) Sign() int { return n.d.Sign() }

// Cmp compares n and m by value: -1 when n < m, 0 when equal, +1 otherwise.
func (n Num) Cmp(m Num) int { return n.d.Cmp(m.d) }

// Equal reports whether n and m are equal by value.
func (n Num) Equal(m Num) bool { return n.d.Cmp(m.d) == 0 }

// MarshalJSON encodes n as decimal.Decimal encodes the same value (a quoted
// decimal string unless decimal.MarshalJSONWithoutQuotes is set).
func (n Num) MarshalJSON() ([]byte, error) { return n.Decimal().MarshalJSON() }

// UnmarshalJSON decodes what decimal.Decimal decodes (a quoted or bare
// number; null leaves n unchanged, as it leaves a decimal) and rejects a
// value outside the range, or a text over MaxJSONBytes, with an error
// wrapping dec.ErrRange.
func (n *Num) UnmarshalJSON(b []byte) error {
	var d decimal.Decimal
	if string(b) == "null" {
		return nil
	}
	if len(b) > MaxJSONBytes {
		return fmt.Errorf("%w: a number of %d bytes (max %d)", dec.ErrRange, len(b), MaxJSONBytes)
	}
	if err := d.UnmarshalJSON(b); err != nil {
		return err
	}
	v, err := New(d)
	if err != nil {
		return err
	}
	*n = v
	return nil
}
