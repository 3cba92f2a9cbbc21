package rewards

import (
	"fmt"
	"math/big"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// emissionTarget implements (15.4) in LegacyDec arithmetic:
//
//	ê_target = f_e · (T_eco / N_staked) · (N_circ / N_total)
//
// evaluated as ((f_e · (T_eco/N_staked)) · (N_circ/N_total)), each Mul and
// Quo rounded half-even to 18 places. Errors wrap ErrDegenerate (N_staked or
// N_total is 0) or ErrNegativeSupply (a negative result).
func emissionTarget(fe, eco, staked, circ, total dec.Dec) (dec.Dec, error) {
	if staked.IsZero() {
		return dec.Dec{}, fmt.Errorf("%w: target emission (15.4): no staked tokens", ErrDegenerate)
	}
	rc, err := legacyQuo(circ, total)
	if err != nil {
		return dec.Dec{}, fmt.Errorf("target emission (15.4): %w", err)
	}
	re, err := legacyQuo(eco, staked)
	if err != nil {
		return dec.Dec{}, err
	}
	x, err := legacyMul(fe, re)
	if err != nil {
		return dec.Dec{}, err
	}
	x, err = legacyMul(x, rc)
	if err != nil {
		return dec.Dec{}, err
	}
	if x.Sign() < 0 {
		return dec.Dec{}, fmt.Errorf("%w: target emission (15.4) %s is negative", ErrNegativeSupply, x)
	}
	return x, nil
}

// emissionMax implements (15.5): ê_max = ξ_max / (v + (1 − v)·r_prev), in
// LegacyDec arithmetic (1 − v and the sum exact; Mul and Quo rounded).
func emissionMax(maxMPY, v, r dec.Dec) (dec.Dec, error) {
	m, err := legacyMul(dec.One().Sub(v), r)
	if err != nil {
		return dec.Dec{}, err
	}
	q, err := legacyQuo(maxMPY, v.Add(m))
	if err != nil {
		return dec.Dec{}, fmt.Errorf("maximum emission (15.5): f_stakers = 0: %w", err)
	}
	return q, nil
}

// smoothEmission implements (15.7)–(15.8): e = α_e·ê + (1 − α_e)·e_prev, with
// e_prev = ê in the first month. LegacyDec: both products rounded, the sum
// exact.
func smoothEmission(alpha, rate, prev dec.Dec, first bool) (dec.Dec, error) {
	if first {
		prev = rate
	}
	a, err := legacyMul(rate, alpha)
	if err != nil {
		return dec.Dec{}, err
	}
	b, err := legacyMul(prev, dec.One().Sub(alpha))
	if err != nil {
		return dec.Dec{}, err
	}
	return a.Add(b), nil
}

// EmissionTarget returns ê_target of spec (15.4), the target monthly
// emission per staked token, f_e·(T_eco/N_staked)·(N_circ/N_total) with
// f_e = Mint.FEmission. ecosystemLocked T_eco, staked N_staked (> 0),
// circulating N_circ and total N_total (> 0) are integer token amounts.
//
// Precision: LegacyDec (18 decimal places, half-even at every Mul and Quo,
// the Quo intermediate truncated at 36 places), independent of
// Params.Digits / Rounding.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrDegenerate or
// ErrArithmetic.
func EmissionTarget(ecosystemLocked, staked, circulating, total decimal.Decimal, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	var xs [4]dec.Dec
	for i, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"ecosystem locked", ecosystemLocked}, {"staked", staked}, {"circulating", circulating}, {"total", total}} {
		if xs[i], err = toAmount(f.name, f.v); err != nil {
			return decimal.Decimal{}, err
		}
	}
	t, err := emissionTarget(cp.mint.fEmission, xs[0], xs[1], xs[2], xs[3])
	if err != nil {
		return decimal.Decimal{}, err
	}
	return t.Decimal(), nil
}

// EmissionMax returns ê_max of spec (15.5): ξ_max / f_stakers with
// f_stakers = v + (1 − v)·r, ξ_max = Mint.MaximumMonthlyPercentageYield,
// v = ValidatorsVsAlloraPercentReward and r the previous percentage of
// rewards paid to staked reputers (§16; 0.3 at genesis), a LegacyDec in
// [0, 1]. LegacyDec precision.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue or ErrDegenerate (f_stakers
// = 0).
func EmissionMax(rewardToStakedReputers decimal.Decimal, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	r, err := toLegacyFraction("reward to staked reputers", rewardToStakedReputers)
	if err != nil {
		return decimal.Decimal{}, err
	}
	m, err := emissionMax(cp.mint.maxMPY, cp.v, r)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return m.Decimal(), nil
}

// SmoothedEmission returns e of spec (15.6)–(15.8): ê = min(target, max) and
// e = α_e·ê + (1 − α_e)·e_prev with α_e = Mint.OneMonthSmoothingDegree and
// e_prev = ê in the first month (firstMonth). The three rates are
// non-negative LegacyDec values (at most 18 decimal places). It returns ê
// and e. LegacyDec precision.
//
// Errors wrap ErrInvalidParams or ErrInvalidValue.
func SmoothedEmission(target, max, previous decimal.Decimal, firstMonth bool, p Params) (rate, smoothed decimal.Decimal, err error) {
	cp, err := p.compile()
	if err != nil {
		return rate, smoothed, err
	}
	var xs [3]dec.Dec
	for i, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"target rate", target}, {"max rate", max}, {"previous rate", previous}} {
		if xs[i], err = toLegacy(f.name, f.v); err != nil {
			return rate, smoothed, err
		}
	}
	eh := dec.Min(xs[0], xs[1])
	e, err := smoothEmission(cp.mint.smoothing, eh, xs[2], firstMonth)
	if err != nil {
		return rate, smoothed, err
	}
	return eh.Decimal(), e.Decimal(), nil
}

// EmissionPerMonth returns 𝓔_month = trunc(e · N_staked) of spec (15.9): the
// LegacyDec rate times the integer staked amount, exact (MulInt), truncated
// toward zero. Errors wrap ErrInvalidValue.
func EmissionPerMonth(rate, staked decimal.Decimal) (decimal.Decimal, error) {
	e, err := toLegacy("rate", rate)
	if err != nil {
		return decimal.Decimal{}, err
	}
	s, err := toAmount("staked", staked)
	if err != nil {
		return decimal.Decimal{}, err
	}
	m, err := legacyTimesInt(e, s)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return m.Decimal(), nil
}

// legacyTimesInt is LegacyDec MulInt followed by TruncateInt: the exact
// product of a LegacyDec and an integer, truncated toward zero.
func legacyTimesInt(x, n dec.Dec) (dec.Dec, error) {
	v, err := fromScaled(new(big.Int).Mul(legacyInt(x), n.TruncInt()), legacyPlaces)
	if err != nil {
		return v, err
	}
	return v.Trunc(), nil
}

// SplitBlockEmission splits a block's emission e_block (an integer amount)
// per spec (15.12): validators get trunc(v·e_block) (exact product,
// truncated), the rewards treasury the rest. Errors wrap ErrInvalidParams or
// ErrInvalidValue.
func SplitBlockEmission(blockEmission decimal.Decimal, p Params) (validators, rewards decimal.Decimal, err error) {
	cp, err := p.compile()
	if err != nil {
		return validators, rewards, err
	}
	e, err := toAmount("block emission", blockEmission)
	if err != nil {
		return validators, rewards, err
	}
	v, err := legacyTimesInt(cp.v, e)
	if err != nil {
		return validators, rewards, err
	}
	return v.Decimal(), e.Sub(v).Decimal(), nil
}

// EmissionInput is the chain state read by the monthly emission
// recalculation (spec §15.3). Token amounts are integer base units.
type EmissionInput struct {
	// BlockHeight is h; h < BlocksPerMonth is the first month (15.7) and h
	// selects the vesting state (§15.2).
	BlockHeight int64 `json:"block_height"`
	// BondedTokens and EmissionsStake add to N_staked (15.1).
	BondedTokens   decimal.Decimal `json:"bonded_tokens"`
	EmissionsStake decimal.Decimal `json:"emissions_stake"`
	// EcosystemBalance is the ecosystem account's balance and
	// EcosystemMinted the tokens minted into it so far (15.2).
	EcosystemBalance decimal.Decimal `json:"ecosystem_balance"`
	EcosystemMinted  decimal.Decimal `json:"ecosystem_minted"`
	// PreviousRate is the stored e of the previous month (a LegacyDec).
	PreviousRate decimal.Decimal `json:"previous_rate"`
	// PreviousRewardToStakedReputers is r_prev of (15.5) (§16; the genesis
	// default is 0.3), a LegacyDec in [0, 1].
	PreviousRewardToStakedReputers decimal.Decimal `json:"previous_reward_to_staked_reputers"`
}

// Emission is the outcome of the monthly recalculation (spec §15.3).
type Emission struct {
	Staked          decimal.Decimal `json:"staked"`           // N_staked (15.1)
	EcosystemLocked decimal.Decimal `json:"ecosystem_locked"` // T_eco (15.2)
	LockedVesting   decimal.Decimal `json:"locked_vesting"`   // §15.2
	Circulating     decimal.Decimal `json:"circulating"`      // N_circ (15.3)
	Target          decimal.Decimal `json:"target"`           // ê_target (15.4)
	Max             decimal.Decimal `json:"max"`              // ê_max (15.5)
	Rate            decimal.Decimal `json:"rate"`             // ê (15.6)
	SmoothedRate    decimal.Decimal `json:"smoothed_rate"`    // e (15.8), the value to store
	MonthlyEmission decimal.Decimal `json:"monthly_emission"` // 𝓔_month (15.9)
	BlockEmission   decimal.Decimal `json:"block_emission"`   // e_block (15.10), the value to store
}

// MonthlyEmission runs the V6 monthly emission recalculation of spec
// §15.3, (15.1)–(15.10):
//
//	N_staked = bonded + emissions stake                              (15.1)
//	T_eco    = balance + (trunc(MaxSupply·eco%) − minted)            (15.2)
//	N_circ   = MaxSupply − locked vesting − T_eco                    (15.3)
//	ê_target (15.4), ê_max (15.5), ê = min (15.6), e (15.7)–(15.8)
//	𝓔_month  = trunc(e·N_staked)                                     (15.9)
//	e_block  = 𝓔_month ÷ BlocksPerMonth (integer division)           (15.10)
//
// With Mint.EmissionEnabled false (NEWEST #708) the rates and emissions are
// 0. LegacyDec precision throughout (see EmissionTarget).
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrNegativeSupply,
// ErrDegenerate (N_staked = 0, f_stakers = 0) or ErrArithmetic.
func MonthlyEmission(in EmissionInput, p Params) (Emission, error) {
	cp, err := p.compile()
	if err != nil {
		return Emission{}, err
	}
	var xs [4]dec.Dec
	for i, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"bonded tokens", in.BondedTokens}, {"emissions stake", in.EmissionsStake}, {"ecosystem balance", in.EcosystemBalance}, {"ecosystem minted", in.EcosystemMinted}} {
		if xs[i], err = toAmount(f.name, f.v); err != nil {
			return Emission{}, err
		}
	}
	prev, err := toLegacy("previous rate", in.PreviousRate)
	if err != nil {
		return Emission{}, err
	}
	r, err := toLegacyFraction("previous reward to staked reputers", in.PreviousRewardToStakedReputers)
	if err != nil {
		return Emission{}, err
	}
	if in.BlockHeight < 0 {
		return Emission{}, fmt.Errorf("%w: block height %d is negative", ErrInvalidValue, in.BlockHeight)
	}
	m := cp.mint
	var out Emission
	staked := xs[0].Add(xs[1])
	ecoCap, err := legacyTimesInt(m.eco, m.maxSupply)
	if err != nil {
		return Emission{}, err
	}
	ecoLocked := xs[2].Add(ecoCap.Sub(xs[3]))
	vest, err := lockedVesting(in.BlockHeight, cp.bpm, m)
	if err != nil {
		return Emission{}, err
	}
	circ := m.maxSupply.Sub(vest.total).Sub(ecoLocked)
	if circ.Sign() < 0 {
		return Emission{}, fmt.Errorf("%w: %s = max supply − locked vesting %s − ecosystem locked %s", ErrNegativeSupply, circ, vest.total, ecoLocked)
	}
	out.Staked, out.EcosystemLocked, out.LockedVesting, out.Circulating = staked.Decimal(), ecoLocked.Decimal(), vest.total.Decimal(), circ.Decimal()
	if !m.enabled {
		return out, nil
	}
	target, err := emissionTarget(m.fEmission, ecoLocked, staked, circ, m.maxSupply)
	if err != nil {
		return Emission{}, err
	}
	mx, err := emissionMax(m.maxMPY, cp.v, r)
	if err != nil {
		return Emission{}, err
	}
	rate := dec.Min(target, mx)
	e, err := smoothEmission(m.smoothing, rate, prev, in.BlockHeight < cp.bpm)
	if err != nil {
		return Emission{}, err
	}
	monthly, err := legacyTimesInt(e, staked)
	if err != nil {
		return Emission{}, err
	}
	block, err := cp.ctx.QuoInteger(monthly, dec.FromInt64(cp.bpm))
	if err != nil {
		return Emission{}, arith("block emission (15.10)", err)
	}
	out.Target, out.Max, out.Rate, out.SmoothedRate = target.Decimal(), mx.Decimal(), rate.Decimal(), e.Decimal()
	out.MonthlyEmission, out.BlockEmission = monthly.Decimal(), block.Decimal()
	return out, nil
}

// BlockMint returns the amount minted into the ecosystem account in a block
// (spec (15.11)): when e_block exceeds the ecosystem balance, min(e_block −
// balance, MaxSupply·eco% truncated − minted so far, at least 0); otherwise
// 0. All integer amounts; exact. Errors wrap ErrInvalidParams or
// ErrInvalidValue.
func BlockMint(blockEmission, ecosystemBalance, ecosystemMinted decimal.Decimal, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	var xs [3]dec.Dec
	for i, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"block emission", blockEmission}, {"ecosystem balance", ecosystemBalance}, {"ecosystem minted", ecosystemMinted}} {
		if xs[i], err = toAmount(f.name, f.v); err != nil {
			return decimal.Decimal{}, err
		}
	}
	if xs[0].Cmp(xs[1]) <= 0 {
		return decimal.Decimal{}, nil
	}
	ecoCap, err := legacyTimesInt(cp.mint.eco, cp.mint.maxSupply)
	if err != nil {
		return decimal.Decimal{}, err
	}
	remaining := dec.Max(dec.Zero(), ecoCap.Sub(xs[2]))
	return dec.Min(xs[0].Sub(xs[1]), remaining).Decimal(), nil
}

// toLegacy converts a non-negative LegacyDec value (at most 18 decimal
// places, at most 1e77).
func toLegacy(field string, d decimal.Decimal) (dec.Dec, error) {
	x, err := toDec(field, d)
	if err != nil {
		return x, err
	}
	if x.Sign() < 0 || x.Cmp(maxTokenAmount()) > 0 || !x.Shift(legacyPlaces).IsInteger() {
		return dec.Dec{}, fmt.Errorf("%w: %s = %s is not a non-negative LegacyDec (at most %d decimal places)", ErrInvalidValue, field, x, legacyPlaces)
	}
	return x, nil
}

// toLegacyFraction converts a LegacyDec in [0, 1].
func toLegacyFraction(field string, d decimal.Decimal) (dec.Dec, error) {
	x, err := toLegacy(field, d)
	if err != nil {
		return x, err
	}
	if x.Cmp(dec.One()) > 0 {
		return dec.Dec{}, fmt.Errorf("%w: %s = %s above 1", ErrInvalidValue, field, x)
	}
	return x, nil
}
