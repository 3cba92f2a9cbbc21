package rewards

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// powGuard returns x^y for x >= 0 and y >= 0 with 0^y = 0 for y > 0 and
// 0^0 = 1, without calling Pow on a zero base: the guard for the NEWEST
// Pow, which rejects a base <= 0 (spec §1.1, §22.3). The values are V6's.
func powGuard(calc *dec.Calc, x, y dec.Dec) dec.Dec {
	if x.IsZero() {
		if y.IsZero() {
			return dec.One()
		}
		return dec.Dec{}
	}
	return calc.Pow(x, y)
}

// smoothedAlpha is the NEWEST GetSmoothedAlpha (#764, whitepaper eq. 54):
// α_eff = 1 − (1 − α)^(L / B_base), with L/B_base and the power rounded to
// ctx and both subtractions exact. 1 − α > 0 because α < 1.
func smoothedAlpha(ctx dec.Context, alpha dec.Dec, epochLength, base int64) (dec.Dec, error) {
	calc := dec.NewCalc(ctx)
	r := calc.Quo(dec.FromInt64(epochLength), dec.FromInt64(base))
	a := dec.One().Sub(calc.Pow(dec.One().Sub(alpha), r))
	if err := calc.Err(); err != nil {
		return dec.Dec{}, arith("smoothed topic alpha", err)
	}
	return a, nil
}

// topicWeight is the outcome of (14.1)–(14.6).
type topicWeight struct {
	target, alpha, weight dec.Dec
	active                bool
}

// topicWeightOf implements (14.1)–(14.3) and (14.6):
//
//	V6:     ŵ = S^μ · (C/L)^ν                         (14.1)
//	NEWEST: ŵ = S^μ · C^ν                             (#776)
//	C = 0:  w = 0 (no EMA)                            (14.2)
//	else:   w = EMA(α, ŵ, w_prev, first = !hasPrev)  (14.3)
//	        α = TopicRewardAlpha (V6) or GetSmoothedAlpha(L, B_base, α) (NEWEST)
//	active: w >= MinTopicWeight                      (14.6)
//
// C/L, the powers, the product and the EMA products round to ctx.
func topicWeightOf(cp params, stake, fees dec.Dec, epochLength int64, prev dec.Dec, hasPrev bool) (topicWeight, error) {
	var tw topicWeight
	tw.alpha = cp.alphaTopic
	if cp.newest {
		a, err := smoothedAlpha(cp.ctx, cp.alphaTopic, epochLength, cp.alphaBase)
		if err != nil {
			return tw, err
		}
		tw.alpha = a
	}
	if !fees.IsZero() {
		calc := dec.NewCalc(cp.ctx)
		c := fees
		if !cp.newest {
			c = calc.Quo(fees, dec.FromInt64(epochLength))
		}
		tw.target = calc.Mul(powGuard(calc, stake, cp.mu), powGuard(calc, c, cp.nu))
		tw.weight = calc.EMA(tw.alpha, tw.target, prev, !hasPrev)
		if err := calc.Err(); err != nil {
			return tw, arith("topic weight (14.1)-(14.3)", err)
		}
	}
	tw.active = tw.weight.Cmp(cp.minWeight) >= 0
	return tw, nil
}

// TopicWeightInput is one topic's state at the end of its epoch (§14.1).
type TopicWeightInput struct {
	// Stake is S_t, the reputer stake in the topic including delegations
	// (integer base units).
	Stake decimal.Decimal `json:"stake"`
	// FeeRevenue is C_t, the topic's accumulated fee revenue before this
	// epoch's drip (integer base units).
	FeeRevenue decimal.Decimal `json:"fee_revenue"`
	// EpochLength is L_t in blocks (> 0).
	EpochLength int64 `json:"epoch_length"`
	// PreviousWeight is the stored previous weight w_prev (>= 0), used when
	// HasPreviousWeight.
	PreviousWeight    decimal.Decimal `json:"previous_weight"`
	HasPreviousWeight bool            `json:"has_previous_weight"`
}

// TopicWeight is the outcome of spec (14.1)–(14.6) for one topic.
type TopicWeight struct {
	// Target is ŵ_t (14.1) (0 when C_t = 0).
	Target decimal.Decimal `json:"target"`
	// Alpha is the EMA rate used: TopicRewardAlpha (V6) or the NEWEST α_eff.
	Alpha decimal.Decimal `json:"alpha"`
	// Weight is w_t (14.2)/(14.3), the value to store as the previous weight.
	Weight decimal.Decimal `json:"weight"`
	// Active reports w_t >= MinTopicWeight (14.6).
	Active bool `json:"active"`
}

// CurrentTopicWeight computes a topic's weight at the end of its epoch (spec
// (14.1)–(14.3), (14.6)): the target ŵ = S^μ·(C/L)^ν (V6) or S^μ·C^ν
// (NEWEST), then an EMA with the previous weight (the target itself when
// there is none), w = 0 when C = 0, and the activity test against
// MinTopicWeight. Under NEWEST the rate is α_eff = 1 − (1 − α)^(L/B_base)
// with B_base = TopicAlphaBaseBlocks. A zero stake gives 0^μ = 0 (1 when
// μ = 0) without calling Pow (see doc.go, "Pow guard").
//
// Precision: C/L, the powers, their product, L/B_base and the EMA products
// round to the Params' context; 1 − α, 1 − (·) and the EMA sum are exact.
// Keeping the global sum Σw (14.4) and the fee drip (14.5, see
// FeeRevenueDrip) is the caller's part.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue (negative or non-integer
// stake or revenue, negative previous weight, L <= 0) or ErrArithmetic.
func CurrentTopicWeight(in TopicWeightInput, p Params) (TopicWeight, error) {
	cp, err := p.compile()
	if err != nil {
		return TopicWeight{}, err
	}
	s, err := toAmount("stake", in.Stake)
	if err != nil {
		return TopicWeight{}, err
	}
	c, err := toAmount("fee revenue", in.FeeRevenue)
	if err != nil {
		return TopicWeight{}, err
	}
	prev, err := toDec("previous weight", in.PreviousWeight)
	if err != nil {
		return TopicWeight{}, err
	}
	if prev.Sign() < 0 {
		return TopicWeight{}, fmt.Errorf("%w: previous weight %s is negative", ErrInvalidValue, prev)
	}
	if in.EpochLength <= 0 {
		return TopicWeight{}, fmt.Errorf("%w: epoch length %d must be positive", ErrInvalidValue, in.EpochLength)
	}
	tw, err := topicWeightOf(cp, s, c, in.EpochLength, prev, in.HasPreviousWeight)
	if err != nil {
		return TopicWeight{}, err
	}
	return TopicWeight{Target: tw.target.Decimal(), Alpha: tw.alpha.Decimal(), Weight: tw.weight.Decimal(), Active: tw.active}, nil
}

// SmoothedAlpha returns the NEWEST cadence conversion of an EMA rate
// (GetSmoothedAlpha, #764): α_eff = 1 − (1 − α)^(L/B_base) for a rate alpha
// in (0, 1) defined per baseBlocks blocks, applied every epochLength blocks
// (both > 0). L/B_base and the power round to the Params' context.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue or ErrArithmetic.
func SmoothedAlpha(alpha decimal.Decimal, epochLength, baseBlocks int64, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	a, err := toDec("alpha", alpha)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if a.Sign() <= 0 || a.Cmp(dec.One()) >= 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: alpha %s outside (0, 1)", ErrInvalidValue, a)
	}
	if epochLength <= 0 || baseBlocks <= 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: epoch length %d and base %d must be positive", ErrInvalidValue, epochLength, baseBlocks)
	}
	r, err := smoothedAlpha(cp.ctx, a, epochLength, baseBlocks)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return r.Decimal(), nil
}

// FeeRevenueDrip applies the per-epoch fee-revenue drip of spec (14.5) to a
// topic's revenue C (integer base units) and returns the remaining revenue:
//
//	epochs per week = (BlocksPerMonth / FeeDripWeeksPerMonth) / L
//	ΔC = C / epochs per week,  C ← trunc(max(C − ΔC, 0))
//
// The two quotients and ΔC round to the Params' context; the truncation is
// toward zero. A zero epochs-per-week count skips the drip. The once-per-
// epoch cadence (lastDripBlock <= EpochLastEnded) is the caller's part.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue or ErrArithmetic.
func FeeRevenueDrip(revenue decimal.Decimal, epochLength int64, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	c, err := toAmount("fee revenue", revenue)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if epochLength <= 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: epoch length %d must be positive", ErrInvalidValue, epochLength)
	}
	calc := dec.NewCalc(cp.ctx)
	perWeek := calc.Quo(calc.Quo(dec.FromInt64(cp.bpm), cp.weeksPerMonth), dec.FromInt64(epochLength))
	if err := calc.Err(); err != nil {
		return decimal.Decimal{}, arith("fee drip (14.5)", err)
	}
	if perWeek.IsZero() {
		return c.Decimal(), nil
	}
	drip := calc.Quo(c, perWeek)
	if err := calc.Err(); err != nil {
		return decimal.Decimal{}, arith("fee drip (14.5)", err)
	}
	return dec.Max(c.Sub(drip), dec.Zero()).Trunc().Decimal(), nil
}
