package loss

import (
	"fmt"
	"math/big"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// MaxStakeExponent bounds stakes: a stake is an integer number of token base
// units in [1, 10^MaxStakeExponent]. 10^30 exceeds any supply of 10^12
// tokens of 18 decimals.
const MaxStakeExponent = 30

var maxStake = dec.New(1, MaxStakeExponent)

// stake is a validated stake: the decimal value and the same integer in two
// 64-bit words (it is below 2^100).
type stake struct {
	d      dec.Dec
	hi, lo uint64
}

// parseStake validates a stake. Errors wrap ErrStake.
func parseStake(s decimal.Decimal) (stake, error) {
	d, err := dec.FromDecimal(s)
	if err != nil {
		return stake{}, fmt.Errorf("%w: %w", ErrStake, err)
	}
	switch {
	case d.Sign() <= 0:
		return stake{}, fmt.Errorf("%w: %s is not positive", ErrStake, d)
	case !d.IsInteger():
		return stake{}, fmt.Errorf("%w: %s is not an integer number of base units", ErrStake, d)
	case d.Cmp(maxStake) > 0:
		return stake{}, fmt.Errorf("%w: %s exceeds 1e%d", ErrStake, d, MaxStakeExponent)
	}
	i := d.TruncInt()
	lo := new(big.Int).And(i, new(big.Int).SetUint64(^uint64(0))).Uint64()
	hi := new(big.Int).Rsh(i, 64).Uint64()
	return stake{d: d.Trunc(), hi: hi, lo: lo}, nil
}
