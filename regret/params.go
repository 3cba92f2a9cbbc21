package regret

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/rules"
	"github.com/shopspring/decimal"
)

// RuleSet selects the protocol rules (re-exported from internal/rules so one
// value selects the same rules in every package).
type RuleSet = rules.RuleSet

// The rule sets. See doc.go for what each changes in this package.
const (
	V6           = rules.V6
	Intermediate = rules.Intermediate
	Newest       = rules.Newest
)

// Params are the topic and module parameters of the regret update.
type Params struct {
	// RuleSet selects the initial-regret rule (the NEWEST fallback) and
	// whether the update stores a regret scale (NEWEST only).
	RuleSet RuleSet `json:"rule_set"`
	// AlphaRegret is the topic's regret EMA rate α, 0 < α <= 1 (eq. (32)).
	AlphaRegret decimal.Decimal `json:"alpha_regret"`
	// Epsilon is the topic's ε > 0, used by the initial-regret offset (43)
	// and the regret scale (20).
	Epsilon decimal.Decimal `json:"epsilon"`
	// PNorm is the topic's p, 2.5 <= p <= 4.5 (§11); used by (43).
	PNorm decimal.Decimal `json:"p_norm"`
	// CNorm is c > 0 (module parameter in V6, topic field in NEWEST); used by
	// (43).
	CNorm decimal.Decimal `json:"c_norm"`
	// InitialRegretQuantile is the quantile level q in [0, 1] of (43) and of
	// the NEWEST fallback.
	InitialRegretQuantile decimal.Decimal `json:"initial_regret_quantile"`
	// PNormSafeDiv is κ of (43): the offset is (c − κ/p)·(σ + ε). Any value.
	PNormSafeDiv decimal.Decimal `json:"p_norm_safe_div"`
	// MinExperiencedWorkerRegrets is the NEWEST fallback threshold of §7.1:
	// when no worker is experienced and at least this many inferer and
	// forecaster regrets were updated, the initial regret becomes their
	// plain quantile. Must be >= 0; ignored by V6 and Intermediate.
	MinExperiencedWorkerRegrets int `json:"min_experienced_worker_regrets"`
	// SkipMissingLosses selects the treatment of a one-out-inferer
	// forecast-implied loss L⁻_{j'ik} that the bundle lacks for a pair
	// (j', k) the loop of eq. (37) visits. false (the reference behaviour)
	// reads the missing loss as 0, so the regret moves towards L⁻_{j'i} − 0;
	// true leaves that regret as stored (or absent). See doc.go, "Missing
	// losses".
	SkipMissingLosses bool `json:"skip_missing_losses,omitempty"`
	// Digits is the number of significant digits of rounded operations
	// (0 = 34, the reference).
	Digits int `json:"digits,omitempty"`
	// Rounding is the rounding mode name ("" = "down", the reference).
	Rounding string `json:"rounding,omitempty"`
}

// DefaultParams returns the reference parameters under the NEWEST rules:
// α = 0.1, ε = 0.01, p = 3 (the reference suites' topic), c = 0.75,
// q = 0.25, κ = 8.25 (module defaults), MinExperiencedWorkerRegrets = 10,
// 34 digits rounding down. Missing L⁻_{j'ik} read as 0 (reference).
func DefaultParams() Params {
	return Params{
		RuleSet:                     Newest,
		AlphaRegret:                 decimal.New(1, -1),
		Epsilon:                     decimal.New(1, -2),
		PNorm:                       decimal.New(3, 0),
		CNorm:                       decimal.New(75, -2),
		InitialRegretQuantile:       decimal.New(25, -2),
		PNormSafeDiv:                decimal.New(825, -2),
		MinExperiencedWorkerRegrets: 10,
	}
}

// DefaultParamsV6 returns DefaultParams with the V6 rule set (no fallback
// rule, no stored scale). MinExperiencedWorkerRegrets keeps its NEWEST
// default but is ignored.
func DefaultParamsV6() Params {
	p := DefaultParams()
	p.RuleSet = V6
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
	rules       RuleSet
	ctx         dec.Context
	alpha       dec.Dec
	invAlpha    dec.Dec // 1/α, one rounded Quo (the experience threshold (42))
	epsilon     dec.Dec
	p, c        dec.Dec
	q           dec.Dec
	kappa       dec.Dec
	minRegrets  int
	skipMissing bool
}

func (p Params) compile() (params, error) {
	var cp params
	if err := p.RuleSet.Validate(); err != nil {
		return cp, fmt.Errorf("%w: rule_set: %w", ErrInvalidParams, err)
	}
	ctx, err := dec.ContextFor(p.Digits, p.Rounding)
	if err != nil {
		return cp, fmt.Errorf("%w: digits/rounding: %w", ErrInvalidParams, err)
	}
	conv := func(name string, d decimal.Decimal) (dec.Dec, error) {
		x, err := dec.FromDecimal(d)
		if err != nil {
			return dec.Dec{}, fmt.Errorf("%w: %s: %w", ErrInvalidParams, name, err)
		}
		return x, nil
	}
	cp.rules, cp.ctx, cp.skipMissing = p.RuleSet, ctx, p.SkipMissingLosses
	if cp.alpha, err = conv("alpha_regret", p.AlphaRegret); err != nil {
		return cp, err
	}
	if cp.alpha.Sign() <= 0 || cp.alpha.Cmp(dec.One()) > 0 {
		return cp, fmt.Errorf("%w: alpha_regret %s outside (0, 1]", ErrInvalidParams, cp.alpha)
	}
	if cp.epsilon, err = conv("epsilon", p.Epsilon); err != nil {
		return cp, err
	}
	if cp.epsilon.Sign() <= 0 {
		return cp, fmt.Errorf("%w: epsilon %s must be > 0", ErrInvalidParams, cp.epsilon)
	}
	if cp.p, err = conv("p_norm", p.PNorm); err != nil {
		return cp, err
	}
	if cp.p.Cmp(dec.New(25, -1)) < 0 || cp.p.Cmp(dec.New(45, -1)) > 0 {
		return cp, fmt.Errorf("%w: p_norm %s outside [2.5, 4.5]", ErrInvalidParams, cp.p)
	}
	if cp.c, err = conv("c_norm", p.CNorm); err != nil {
		return cp, err
	}
	if cp.c.Sign() <= 0 {
		return cp, fmt.Errorf("%w: c_norm %s must be > 0", ErrInvalidParams, cp.c)
	}
	if cp.q, err = conv("initial_regret_quantile", p.InitialRegretQuantile); err != nil {
		return cp, err
	}
	if cp.q.Sign() < 0 || cp.q.Cmp(dec.One()) > 0 {
		return cp, fmt.Errorf("%w: initial_regret_quantile %s outside [0, 1]", ErrInvalidParams, cp.q)
	}
	if cp.kappa, err = conv("p_norm_safe_div", p.PNormSafeDiv); err != nil {
		return cp, err
	}
	if p.MinExperiencedWorkerRegrets < 0 {
		return cp, fmt.Errorf("%w: min_experienced_worker_regrets %d must be >= 0", ErrInvalidParams, p.MinExperiencedWorkerRegrets)
	}
	cp.minRegrets = p.MinExperiencedWorkerRegrets
	if cp.invAlpha, err = ctx.Quo(dec.One(), cp.alpha); err != nil {
		return cp, fmt.Errorf("%w: 1/alpha_regret: %w", ErrInvalidParams, err)
	}
	return cp, nil
}
