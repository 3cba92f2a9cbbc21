package rewards

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// vesting holds the locked amounts of the vesting buckets.
type vesting struct {
	preseed, investors, team, total dec.Dec
}

// lockedVesting implements the V6 schedule of spec §15.2 (a 12-month cliff,
// then linear unlocking to month 36), with months = ⌊h / bpm⌋:
//
//	months < 12:        locked_x = trunc(full_x)
//	12 <= months < 36:  locked_x = trunc( ((36 − months)/36) · full_x )
//	months >= 36:       locked_x = 0
//
// full_x = pct_x · MaxSupply (LegacyDec MulInt, exact); the fraction is a
// LegacyDec Quo and its product with full_x a LegacyDec Mul (each rounded
// half-even to 18 places); the truncation is toward zero.
func lockedVesting(h, bpm int64, m mintParams) (vesting, error) {
	var v vesting
	months := h / bpm
	if months >= 36 {
		return v, nil
	}
	var frac dec.Dec
	if months >= 12 {
		f, err := legacyQuo(dec.FromInt64(36-months), dec.FromInt64(36))
		if err != nil {
			return v, err
		}
		frac = f
	}
	out := [3]dec.Dec{}
	for i, pct := range []dec.Dec{m.preseed, m.investors, m.team} {
		full, err := legacyMul(pct, m.maxSupply)
		if err != nil {
			return v, err
		}
		if months >= 12 {
			if full, err = legacyMul(frac, full); err != nil {
				return v, err
			}
		}
		out[i] = full.Trunc()
	}
	v.preseed, v.investors, v.team = out[0], out[1], out[2]
	v.total = dec.Sum(out[:])
	return v, nil
}

// Vesting holds the locked (not yet vested) token amounts of the vesting
// buckets at a block height, integer base units (spec §15.2).
type Vesting struct {
	InvestorsPreseed decimal.Decimal `json:"investors_preseed"`
	Investors        decimal.Decimal `json:"investors"`
	Team             decimal.Decimal `json:"team"`
	Total            decimal.Decimal `json:"total"`
}

// LockedVesting returns the locked vesting amounts at blockHeight (>= 0)
// under the V6 schedule of spec §15.2 with BlocksPerMonth blocks per month:
// everything locked for 12 months, then (36 − months)/36 of each bucket
// until month 36, then nothing. LegacyDec precision (see lockedVesting).
// The NEWEST vesting changes (#883, TGE-based months) are UNCERTAIN in the
// spec and not implemented.
//
// Errors wrap ErrInvalidParams or ErrInvalidValue (a negative height).
func LockedVesting(blockHeight int64, p Params) (Vesting, error) {
	cp, err := p.compile()
	if err != nil {
		return Vesting{}, err
	}
	if blockHeight < 0 {
		return Vesting{}, fmt.Errorf("%w: block height %d is negative", ErrInvalidValue, blockHeight)
	}
	v, err := lockedVesting(blockHeight, cp.bpm, cp.mint)
	if err != nil {
		return Vesting{}, err
	}
	return Vesting{InvestorsPreseed: v.preseed.Decimal(), Investors: v.investors.Decimal(), Team: v.team.Decimal(), Total: v.total.Decimal()}, nil
}
