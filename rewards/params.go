package rewards

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/rules"
	"github.com/shopspring/decimal"
)

// RuleSet selects the protocol rules (re-exported from internal/rules so one
// value selects the same rules in every package).
type RuleSet = rules.RuleSet

// The rule sets. See doc.go for what each changes in this package
// (Intermediate differs from Newest only in inference synthesis, so this
// package treats it as Newest).
const (
	V6           = rules.V6
	Intermediate = rules.Intermediate
	Newest       = rules.Newest
)

// PayoutMode selects how decimal rewards become integer token amounts (§13.3).
type PayoutMode string

const (
	// PayoutReference is the reference chain's rule: each actor's reward is
	// truncated toward zero; the dust stays in the treasury.
	PayoutReference PayoutMode = "reference"
	// PayoutConserving distributes an integer pool exactly: every actor gets
	// the floor of its exact share and the leftover units go, one each, to
	// the largest remainders (ties broken by id, byte order).
	PayoutConserving PayoutMode = "conserving"
)

// Bounds on input sizes. They keep every entry point's work and memory
// linear in a size the caller cannot make explode.
const (
	// MaxParticipants bounds the actors of one class (inferers, forecasters,
	// reputers), the fractions handed to Payouts and the topics handed to
	// TopicRewards. The reference caps are 32/6/6 actors per topic.
	MaxParticipants = 1 << 16
	// MaxHistoryEpochs bounds the epochs of a score history.
	MaxHistoryEpochs = 1 << 16
	// MaxStateEntries bounds each list of stored previous fractions in a
	// TopicState (they accumulate every actor ever rewarded, as on chain).
	MaxStateEntries = 1 << 20
)

// Params are the emissions-module parameters (and the topic's ε) used by the
// reward math, plus the mint parameters of the emission schedule.
//
// The inference-simulator fixture uses V6 rules with PRewardInference =
// PRewardForecast = 3, PRewardReputer = 1, CReward* = 0.75, Epsilon = 0.01,
// TaskRewardAlpha = 0.1, BetaEntropy = 0.25 and MaxSamplesToScaleScores = 10
// (DefaultParamsV6 with PRewardInference = 3 and PRewardReputer = 1, i.e.
// the NEWEST exponents). The tokenomics fixture's topic weights use the
// NEWEST weight rule with μ = ν = 0.5, TopicRewardAlpha = 0.5 and an epoch
// length of one month = 4 × TopicAlphaBaseBlocks (α_eff = 0.9375).
type Params struct {
	// RuleSet selects V6 or NEWEST behaviour (score-sample cap §7, the
	// effective number and stored fraction §11, the topic weight §14.1).
	RuleSet RuleSet `json:"rule_set"`

	// PRewardInference, PRewardForecast, PRewardReputer are the exponents p
	// of (10.2) and (10.5), 0 < p <= 100.
	PRewardInference decimal.Decimal `json:"p_reward_inference"`
	PRewardForecast  decimal.Decimal `json:"p_reward_forecast"`
	PRewardReputer   decimal.Decimal `json:"p_reward_reputer"`
	// CRewardInference, CRewardForecast are the offsets c of (10.2), > 0.
	CRewardInference decimal.Decimal `json:"c_reward_inference"`
	CRewardForecast  decimal.Decimal `json:"c_reward_forecast"`
	// Epsilon is the topic's ε_t > 0 of (10.3).
	Epsilon decimal.Decimal `json:"epsilon"`
	// MaxSamplesToScaleScores is the score-sample size of §7 (> 0).
	MaxSamplesToScaleScores int `json:"max_samples_to_scale_scores"`
	// MaxTopInferersToReward, MaxTopForecastersToReward and
	// MaxTopReputersToReward (>= 1) multiply MaxSamplesToScaleScores into
	// the NEWEST storage and sample cap of §7.
	MaxTopInferersToReward    int `json:"max_top_inferers_to_reward"`
	MaxTopForecastersToReward int `json:"max_top_forecasters_to_reward"`
	MaxTopReputersToReward    int `json:"max_top_reputers_to_reward"`

	// TaskRewardAlpha is α_task in (0, 1) of (11.1) and (12.5).
	TaskRewardAlpha decimal.Decimal `json:"task_reward_alpha"`
	// BetaEntropy is β in [0, 1] of (11.4).
	BetaEntropy decimal.Decimal `json:"beta_entropy"`
	// ResetScoreRatioOnTie keeps the reference quirk of (12.2): when the
	// best inferer score and the forecasting-task score are both 0, the
	// stored forecaster score ratio τ becomes 0. false keeps τ_{i−1}
	// instead. V6 code-verified; unknown for NEWEST (spec §22.7), so both
	// defaults keep the quirk.
	ResetScoreRatioOnTie bool `json:"reset_score_ratio_on_tie"`

	// PayoutMode selects reference (truncating) or conserving payouts.
	PayoutMode PayoutMode `json:"payout_mode"`

	// MinTopicWeight (>= 0) is the activity threshold of (14.6).
	MinTopicWeight decimal.Decimal `json:"min_topic_weight"`
	// TopicRewardStakeImportance μ and TopicRewardFeeRevenueImportance ν,
	// both in [0, 1], are the exponents of (14.1).
	TopicRewardStakeImportance      decimal.Decimal `json:"topic_reward_stake_importance"`
	TopicRewardFeeRevenueImportance decimal.Decimal `json:"topic_reward_fee_revenue_importance"`
	// TopicRewardAlpha in (0, 1) is the topic-weight EMA rate of (14.3)
	// (NEWEST: per TopicAlphaBaseBlocks, converted to the topic's cadence).
	TopicRewardAlpha decimal.Decimal `json:"topic_reward_alpha"`
	// TopicAlphaBaseBlocks (> 0) is the base interval B_base of the NEWEST
	// GetSmoothedAlpha conversion α_eff = 1 − (1 − α)^(L/B_base). The
	// reference constant is UNCERTAIN (spec §22.4: "weekly"); the default,
	// BlocksPerMonth/4, reproduces the tokenomics fixture's monthly 0.9375.
	TopicAlphaBaseBlocks int64 `json:"topic_alpha_base_blocks"`
	// FeeDripWeeksPerMonth (> 0) is the 4.345 of the fee drip (14.5).
	FeeDripWeeksPerMonth decimal.Decimal `json:"fee_drip_weeks_per_month"`
	// BlocksPerMonth (> 0) is the mint's month and the drip's base (14.5).
	BlocksPerMonth int64 `json:"blocks_per_month"`
	// ValidatorsVsAlloraPercentReward v in [0, 1]: the validators' share of
	// the block emission (15.12) and of f_stakers (15.5).
	ValidatorsVsAlloraPercentReward decimal.Decimal `json:"validators_vs_allora_percent_reward"`

	// Mint holds the mint-module parameters of §15.
	Mint MintParams `json:"mint"`

	// Digits is the number of significant digits of rounded operations
	// (0 = 34, the reference). The mint's LegacyDec arithmetic is fixed at
	// 18 decimal places and ignores it.
	Digits int `json:"digits,omitempty"`
	// Rounding is the rounding mode name ("" = "down", the reference).
	Rounding string `json:"rounding,omitempty"`
}

// MintParams are the mint-module parameters of §15. Every fraction is a
// LegacyDec on chain: it must have at most 18 decimal places.
type MintParams struct {
	// MaxSupply is the total supply N_total in base units (integer > 0;
	// 1e27 uallo).
	MaxSupply decimal.Decimal `json:"max_supply"`
	// FEmission f_e in [0, 1] of (15.4).
	FEmission decimal.Decimal `json:"f_emission"`
	// OneMonthSmoothingDegree α_e in [0, 1] of (15.8).
	OneMonthSmoothingDegree decimal.Decimal `json:"one_month_smoothing_degree"`
	// MaximumMonthlyPercentageYield ξ_max in [0, 1] of (15.5).
	MaximumMonthlyPercentageYield decimal.Decimal `json:"maximum_monthly_percentage_yield"`
	// Supply buckets (§15.1), each in [0, 1], summing to exactly 1.
	EcosystemPercent        decimal.Decimal `json:"ecosystem_percent"`
	FoundationPercent       decimal.Decimal `json:"foundation_percent"`
	ParticipantsPercent     decimal.Decimal `json:"participants_percent"`
	InvestorsPercent        decimal.Decimal `json:"investors_percent"`
	InvestorsPreseedPercent decimal.Decimal `json:"investors_preseed_percent"`
	TeamPercent             decimal.Decimal `json:"team_percent"`
	// EmissionEnabled is the NEWEST flag (#708); false makes the monthly
	// emission 0. V6 has no flag (always enabled).
	EmissionEnabled bool `json:"emission_enabled"`
}

// DefaultMintParams returns the mint module's defaults (§15.1, §17): MaxSupply
// 1e27, f_e 0.025, α_e 0.1, ξ_max 0.0095, buckets 35.95 / 10 / 5.5 / 26.05 /
// 5 / 17.5 %, emission enabled.
func DefaultMintParams() MintParams {
	return MintParams{
		MaxSupply:                     decimal.New(1, 27),
		FEmission:                     decimal.New(25, -3),
		OneMonthSmoothingDegree:       decimal.New(1, -1),
		MaximumMonthlyPercentageYield: decimal.New(95, -4),
		EcosystemPercent:              decimal.New(3595, -4),
		FoundationPercent:             decimal.New(10, -2),
		ParticipantsPercent:           decimal.New(55, -3),
		InvestorsPercent:              decimal.New(2605, -4),
		InvestorsPreseedPercent:       decimal.New(5, -2),
		TeamPercent:                   decimal.New(175, -3),
		EmissionEnabled:               true,
	}
}

// DefaultParams returns the NEWEST defaults of spec §17: p = 3 / 3 / 1
// (inference / forecast / reputer), c = 0.75, ε = 0.01 (topic), α_task 0.1,
// β 0.25, 10 samples × MaxTop 32 / 6 / 6, MinTopicWeight 100, μ = ν = 0.5,
// TopicRewardAlpha 0.5 per TopicAlphaBaseBlocks = BlocksPerMonth/4, drip
// 4.345 weeks per month, BlocksPerMonth 864000, v = 0.25, reference payouts,
// the τ-reset quirk kept, 34 digits rounding down.
func DefaultParams() Params {
	return Params{
		RuleSet:                         Newest,
		PRewardInference:                decimal.New(3, 0),
		PRewardForecast:                 decimal.New(3, 0),
		PRewardReputer:                  decimal.New(1, 0),
		CRewardInference:                decimal.New(75, -2),
		CRewardForecast:                 decimal.New(75, -2),
		Epsilon:                         decimal.New(1, -2),
		MaxSamplesToScaleScores:         10,
		MaxTopInferersToReward:          32,
		MaxTopForecastersToReward:       6,
		MaxTopReputersToReward:          6,
		TaskRewardAlpha:                 decimal.New(1, -1),
		BetaEntropy:                     decimal.New(25, -2),
		ResetScoreRatioOnTie:            true,
		PayoutMode:                      PayoutReference,
		MinTopicWeight:                  decimal.New(100, 0),
		TopicRewardStakeImportance:      decimal.New(5, -1),
		TopicRewardFeeRevenueImportance: decimal.New(5, -1),
		TopicRewardAlpha:                decimal.New(5, -1),
		TopicAlphaBaseBlocks:            864000 / 4,
		FeeDripWeeksPerMonth:            decimal.New(4345, -3),
		BlocksPerMonth:                  864000,
		ValidatorsVsAlloraPercentReward: decimal.New(25, -2),
		Mint:                            DefaultMintParams(),
	}
}

// DefaultParamsV6 returns the V6 defaults of spec §17: DefaultParams with the
// V6 rule set and the V6 exponents PRewardInference = 1, PRewardReputer = 3.
// (The inference fixture needs PRewardInference = 3 and PRewardReputer = 1.)
func DefaultParamsV6() Params {
	p := DefaultParams()
	p.RuleSet = V6
	p.PRewardInference = decimal.New(1, 0)
	p.PRewardReputer = decimal.New(3, 0)
	return p
}

// Validate checks every field. Errors wrap ErrInvalidParams (and the
// decimal core's or the rule set's error where one is the cause).
func (p Params) Validate() error {
	_, err := p.compile()
	return err
}

// params holds Params converted to the decimal core, validated.
type params struct {
	newest          bool
	ctx             dec.Context
	pInf, pFc, pRep dec.Dec
	cInf, cFc       dec.Dec
	eps             dec.Dec
	samples         int
	topInf, topFc   int
	topRep          int
	alphaTask, beta dec.Dec
	resetTau        bool
	mode            PayoutMode
	minWeight       dec.Dec
	mu, nu          dec.Dec
	alphaTopic      dec.Dec
	alphaBase       int64
	weeksPerMonth   dec.Dec
	bpm             int64
	v               dec.Dec
	mint            mintParams
}

type mintParams struct {
	maxSupply                    dec.Dec
	fEmission, smoothing, maxMPY dec.Dec
	eco, preseed, investors      dec.Dec
	team                         dec.Dec
	enabled                      bool
}

func (p Params) compile() (params, error) {
	var cp params
	if err := p.RuleSet.Validate(); err != nil {
		return cp, fmt.Errorf("%w: rule_set: %w", ErrInvalidParams, err)
	}
	cp.newest = p.RuleSet != V6
	ctx, err := dec.ContextFor(p.Digits, p.Rounding)
	if err != nil {
		return cp, fmt.Errorf("%w: digits/rounding: %w", ErrInvalidParams, err)
	}
	if cp.newest {
		// The newest chain's own Exp (used by φ) rounds half-even to 36
		// digits, then to 34 (dec.ExpNewest); V6 used apd's Exp.
		ctx = ctx.WithExpRule(dec.ExpNewest)
	}
	cp.ctx = ctx
	v := validator{}
	hundred := dec.FromInt64(100)
	cp.pInf = v.in("p_reward_inference", p.PRewardInference, dec.Zero(), hundred, false, true)
	cp.pFc = v.in("p_reward_forecast", p.PRewardForecast, dec.Zero(), hundred, false, true)
	cp.pRep = v.in("p_reward_reputer", p.PRewardReputer, dec.Zero(), hundred, false, true)
	cp.cInf = v.positive("c_reward_inference", p.CRewardInference)
	cp.cFc = v.positive("c_reward_forecast", p.CRewardForecast)
	cp.eps = v.positive("epsilon", p.Epsilon)
	cp.alphaTask = v.in("task_reward_alpha", p.TaskRewardAlpha, dec.Zero(), dec.One(), false, false)
	cp.beta = v.in("beta_entropy", p.BetaEntropy, dec.Zero(), dec.One(), true, true)
	cp.minWeight = v.nonNegative("min_topic_weight", p.MinTopicWeight)
	cp.mu = v.in("topic_reward_stake_importance", p.TopicRewardStakeImportance, dec.Zero(), dec.One(), true, true)
	cp.nu = v.in("topic_reward_fee_revenue_importance", p.TopicRewardFeeRevenueImportance, dec.Zero(), dec.One(), true, true)
	cp.alphaTopic = v.in("topic_reward_alpha", p.TopicRewardAlpha, dec.Zero(), dec.One(), false, false)
	cp.weeksPerMonth = v.positive("fee_drip_weeks_per_month", p.FeeDripWeeksPerMonth)
	cp.v = v.legacy("validators_vs_allora_percent_reward", p.ValidatorsVsAlloraPercentReward)
	if v.err != nil {
		return cp, v.err
	}
	switch {
	case p.MaxSamplesToScaleScores < 1 || p.MaxSamplesToScaleScores > MaxParticipants:
		return cp, fmt.Errorf("%w: max_samples_to_scale_scores %d outside [1, %d]", ErrInvalidParams, p.MaxSamplesToScaleScores, MaxParticipants)
	case p.MaxTopInferersToReward < 1 || p.MaxTopInferersToReward > MaxParticipants:
		return cp, fmt.Errorf("%w: max_top_inferers_to_reward %d outside [1, %d]", ErrInvalidParams, p.MaxTopInferersToReward, MaxParticipants)
	case p.MaxTopForecastersToReward < 1 || p.MaxTopForecastersToReward > MaxParticipants:
		return cp, fmt.Errorf("%w: max_top_forecasters_to_reward %d outside [1, %d]", ErrInvalidParams, p.MaxTopForecastersToReward, MaxParticipants)
	case p.MaxTopReputersToReward < 1 || p.MaxTopReputersToReward > MaxParticipants:
		return cp, fmt.Errorf("%w: max_top_reputers_to_reward %d outside [1, %d]", ErrInvalidParams, p.MaxTopReputersToReward, MaxParticipants)
	case p.TopicAlphaBaseBlocks < 1:
		return cp, fmt.Errorf("%w: topic_alpha_base_blocks %d must be positive", ErrInvalidParams, p.TopicAlphaBaseBlocks)
	case p.BlocksPerMonth < 1:
		return cp, fmt.Errorf("%w: blocks_per_month %d must be positive", ErrInvalidParams, p.BlocksPerMonth)
	}
	cp.samples, cp.topInf, cp.topFc, cp.topRep = p.MaxSamplesToScaleScores, p.MaxTopInferersToReward, p.MaxTopForecastersToReward, p.MaxTopReputersToReward
	cp.alphaBase, cp.bpm = p.TopicAlphaBaseBlocks, p.BlocksPerMonth
	cp.resetTau = p.ResetScoreRatioOnTie
	switch p.PayoutMode {
	case PayoutReference, PayoutConserving:
		cp.mode = p.PayoutMode
	case "":
		cp.mode = PayoutReference
	default:
		return cp, fmt.Errorf("%w: payout_mode %q (want %q or %q)", ErrInvalidParams, p.PayoutMode, PayoutReference, PayoutConserving)
	}
	m, err := p.Mint.compile()
	if err != nil {
		return cp, err
	}
	cp.mint = m
	return cp, nil
}

func (m MintParams) compile() (mintParams, error) {
	var cm mintParams
	v := validator{}
	supply := v.nonNegative("mint.max_supply", m.MaxSupply)
	if v.err == nil && (supply.Sign() <= 0 || !supply.IsInteger() || supply.Cmp(maxTokenAmount()) > 0) {
		return cm, fmt.Errorf("%w: mint.max_supply %s must be a positive integer <= 1e77", ErrInvalidParams, supply)
	}
	cm.maxSupply = supply
	cm.fEmission = v.legacy("mint.f_emission", m.FEmission)
	cm.smoothing = v.legacy("mint.one_month_smoothing_degree", m.OneMonthSmoothingDegree)
	cm.maxMPY = v.legacy("mint.maximum_monthly_percentage_yield", m.MaximumMonthlyPercentageYield)
	cm.eco = v.legacy("mint.ecosystem_percent", m.EcosystemPercent)
	found := v.legacy("mint.foundation_percent", m.FoundationPercent)
	part := v.legacy("mint.participants_percent", m.ParticipantsPercent)
	cm.investors = v.legacy("mint.investors_percent", m.InvestorsPercent)
	cm.preseed = v.legacy("mint.investors_preseed_percent", m.InvestorsPreseedPercent)
	cm.team = v.legacy("mint.team_percent", m.TeamPercent)
	if v.err != nil {
		return cm, v.err
	}
	if s := dec.Sum([]dec.Dec{cm.eco, found, part, cm.investors, cm.preseed, cm.team}); s.Cmp(dec.One()) != 0 {
		return cm, fmt.Errorf("%w: mint supply buckets sum to %s, want 1", ErrInvalidParams, s)
	}
	cm.enabled = m.EmissionEnabled
	return cm, nil
}

// validator converts parameter fields and keeps the first error.
type validator struct{ err error }

func (v *validator) conv(name string, d decimal.Decimal) (dec.Dec, bool) {
	if v.err != nil {
		return dec.Dec{}, false
	}
	x, err := dec.FromDecimal(d)
	if err != nil {
		v.err = fmt.Errorf("%w: %s: %w", ErrInvalidParams, name, err)
		return dec.Dec{}, false
	}
	return x, true
}

// in requires lo < x < hi, with loIn / hiIn making the ends inclusive.
func (v *validator) in(name string, d decimal.Decimal, lo, hi dec.Dec, loIn, hiIn bool) dec.Dec {
	x, ok := v.conv(name, d)
	if !ok {
		return x
	}
	cl, ch := x.Cmp(lo), x.Cmp(hi)
	if cl < 0 || (cl == 0 && !loIn) || ch > 0 || (ch == 0 && !hiIn) {
		l, r := "(", ")"
		if loIn {
			l = "["
		}
		if hiIn {
			r = "]"
		}
		v.err = fmt.Errorf("%w: %s = %s outside %s%s, %s%s", ErrInvalidParams, name, x, l, lo, hi, r)
	}
	return x
}

func (v *validator) positive(name string, d decimal.Decimal) dec.Dec {
	x, ok := v.conv(name, d)
	if ok && x.Sign() <= 0 {
		v.err = fmt.Errorf("%w: %s = %s must be positive", ErrInvalidParams, name, x)
	}
	return x
}

func (v *validator) nonNegative(name string, d decimal.Decimal) dec.Dec {
	x, ok := v.conv(name, d)
	if ok && x.Sign() < 0 {
		v.err = fmt.Errorf("%w: %s = %s must not be negative", ErrInvalidParams, name, x)
	}
	return x
}

// legacy requires a LegacyDec fraction: in [0, 1] with at most 18 decimal
// places.
func (v *validator) legacy(name string, d decimal.Decimal) dec.Dec {
	x := v.in(name, d, dec.Zero(), dec.One(), true, true)
	if v.err == nil && !x.Shift(legacyPlaces).IsInteger() {
		v.err = fmt.Errorf("%w: %s = %s has more than %d decimal places", ErrInvalidParams, name, x, legacyPlaces)
	}
	return x
}
