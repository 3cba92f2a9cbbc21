package rewards

import (
	"fmt"
	"math/big"

	"github.com/netmath/netmath/internal/dec"
)

// The mint module computes with cosmos LegacyDec (spec §1.2): a fixed-point
// number with 18 decimal places. Its Mul and Quo compute an exact (Mul) or
// truncated 36-place (Quo) intermediate and then "chop precision and round":
// round half to even at the 18th place. MulInt is exact and TruncateInt
// truncates toward zero.
//
// Here a LegacyDec value is a dec.Dec with at most 18 decimal places. The
// products and quotients are formed exactly from the 18-place integer
// representations (x·10^18, with Shift and TruncInt), as LegacyDec does, and
// legacyRound quantises the exact intermediate to 18 places, half to even,
// with the decimal core's exact operations. No dec.Context is involved, so
// the mint results do not depend on Params.Digits / Rounding.

// legacyRound quantises x to 18 decimal places, rounding half to even
// (LegacyDec's chopPrecisionAndRound; the sign is handled symmetrically).
func legacyRound(x dec.Dec) dec.Dec {
	s := x.Shift(legacyPlaces)
	t := s.Trunc()
	c := s.Sub(t).Abs().Cmp(dec.New(5, -1))
	if c > 0 || (c == 0 && t.TruncInt().Bit(0) == 1) {
		if x.Sign() < 0 {
			t = t.Sub(dec.One())
		} else {
			t = t.Add(dec.One())
		}
	}
	return t.Shift(-legacyPlaces)
}

// legacyInt returns the 18-place integer representation x·10^18 (x must have
// at most 18 decimal places; extra places are truncated).
func legacyInt(x dec.Dec) *big.Int { return x.Shift(legacyPlaces).TruncInt() }

// fromScaled returns v·10^-places exactly.
func fromScaled(v *big.Int, places int32) (dec.Dec, error) {
	d, err := dec.FromBigInt(v)
	if err != nil {
		return dec.Dec{}, arith("LegacyDec intermediate", err)
	}
	return d.Shift(-places), nil
}

// legacyMul is LegacyDec Mul: the exact product rounded half-even to 18
// places.
func legacyMul(a, b dec.Dec) (dec.Dec, error) {
	p, err := fromScaled(new(big.Int).Mul(legacyInt(a), legacyInt(b)), 2*legacyPlaces)
	if err != nil {
		return p, err
	}
	return legacyRound(p), nil
}

// legacyQuo is LegacyDec Quo: a/b truncated toward zero at 36 places, then
// rounded half-even to 18 places. Errors wrap ErrDegenerate when b is 0.
func legacyQuo(a, b dec.Dec) (dec.Dec, error) {
	bi := legacyInt(b)
	if bi.Sign() == 0 {
		return dec.Dec{}, fmt.Errorf("%w: LegacyDec division by zero", ErrDegenerate)
	}
	n := new(big.Int).Mul(legacyInt(a), new(big.Int).Exp(big.NewInt(10), big.NewInt(2*legacyPlaces), nil))
	q, err := fromScaled(n.Quo(n, bi), 2*legacyPlaces)
	if err != nil {
		return q, err
	}
	return legacyRound(q), nil
}
