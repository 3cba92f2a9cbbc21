package reputation

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/rules"
	"github.com/shopspring/decimal"
)

// RuleSet selects the protocol rules (re-exported from internal/rules so one
// value selects the same rules in every package).
type RuleSet = rules.RuleSet

// The rule sets. See doc.go for what each changes in this package;
// Intermediate uses the NEWEST rules of this package (its differences from
// NEWEST are in inference synthesis only).
const (
	V6           = rules.V6
	Intermediate = rules.Intermediate
	Newest       = rules.Newest
)

// Forecaster pairing modes of the forecaster score (5.4).
const (
	// PairByID pairs the one-in and one-out entries of a forecaster by id and
	// rejects lists whose ids differ (ErrPairing). It is the default: it
	// gives the reference's numbers whenever the two lists name the same
	// forecasters, which the reference's own bundles always do, and refuses
	// the inputs on which positional pairing would silently mis-pair.
	PairByID = "by-id"
	// PairByPosition pairs the q-th one-in entry with the q-th one-out entry
	// after sorting both by id, exactly as the reference does, even when the
	// ids differ. More one-in than one-out entries is ErrPairing (the
	// reference indexes past the end of its slice there).
	PairByPosition = "by-position"
)

// Spread measures of the NEWEST initial EMA score (9.3).
const (
	// SpreadStdDev is the Bessel-corrected sample standard deviation, as the
	// reference code does (v0.8.0 through v0.16.0: alloraMath.StdDev).
	SpreadStdDev = "stddev"
	// SpreadMAD is the median absolute deviation (no scaling constant), the
	// reading of one review diff quoted by the specification.
	SpreadMAD = "mad"
)

// Evaluation modes of the listening-coefficient ascent (§6.4), the
// ListeningEvaluation parameter.
const (
	// EvaluationReference evaluates every consensus score as the reference
	// chain does, rounding operation by operation in its order, so that the
	// results are bit-identical to the reference (the default). Its cost is
	// Θ(R²·K) rounded operations per iteration.
	EvaluationReference = "reference"
	// EvaluationGram evaluates the consensus scores through the exact Gram
	// matrix of the loss vectors (doc.go, "Gram evaluation"): Θ(R²·K/2)
	// exact integer multiply-adds once per call, then O(R) exact integer
	// operations and three rounded operations per score. The results are
	// the mathematically exact scores of (6.1)–(6.6) to within one unit in
	// the last digit, not the reference's bits; loss matrices with missing
	// entries are evaluated as EvaluationReference.
	EvaluationGram = "gram"
)

// Size bounds. Inputs beyond them are rejected with ErrTooLarge before any
// arithmetic, so every entry point runs in bounded time and memory.
const (
	// MaxReputers bounds the number of reputer reports of one call.
	MaxReputers = 1024
	// MaxCoordinates bounds the length K of the completed loss vector (3.2).
	MaxCoordinates = 1 << 16
	// MaxConsensusWork bounds R²·(K+32)·I_max, the work of the
	// listening-coefficient ascent: each of its I_max iterations evaluates
	// R+1 consensus vectors of R·K terms plus R per-reputer scores (counted
	// as 32 terms each). The benchmark size (128 reputers, 1,100
	// values, 10 iterations) is 1.9·10^8.
	MaxConsensusWork = 200_000_000
	// MaxLossEntries bounds R·K, the size of the completed loss matrix
	// (MaxReputers·MaxCoordinates): completion allocates it before either
	// evaluation runs.
	MaxLossEntries = 1 << 26
	// MaxGramCoordinates bounds K under EvaluationGram (a settlement with
	// n inferers and n forecasters has K = 2 + 5n + n² coordinates: n = 512
	// gives 264,706). A call that falls back to the reference evaluation
	// (missing entries) is held to MaxCoordinates.
	MaxGramCoordinates = 1 << 19
	// MaxGramWork bounds the work of EvaluationGram, in units of one 64-bit
	// multiply-add (about a nanosecond): R²·K/2 multiply-adds of the Gram
	// matrix (counted ×4 when the loss values do not fit 64-bit integers at
	// their common exponent, ×8·w² for w-word values beyond 128 bits) plus
	// 256·(R+1)·R·I_max for the evaluations (each score costs a few exact
	// products of integers of a few hundred bits and the fixed-width
	// kernel). 128 reputers with the n = 512 settlement shape need
	// 2.2·10^9; 1024 reputers with 10 iterations 2.7·10^9.
	MaxGramWork = 1 << 32
	// MaxGradientIters bounds GradientDescentMaxIters.
	MaxGradientIters = 1000
	// MaxCandidates bounds the number of candidates of SelectTop, the
	// records of one EMA update and the members of an active set.
	MaxCandidates = 1 << 20
	// MaxActorsPerClass bounds the MaxTop*ToReward capacities and every
	// per-actor list the package reads (scores, listening coefficients,
	// the lists of a network-loss bundle): longer ones are ErrTooLarge.
	MaxActorsPerClass = 1 << 16
)

// Params are the module and topic parameters of scoring, listening
// coefficients, EMA scores and merit sortition (spec §17).
type Params struct {
	// RuleSet selects V6 or NEWEST behaviour (doc.go, "Rule sets").
	RuleSet RuleSet `json:"rule_set"`
	// LearningRate is η of the listening-coefficient ascent (§6.4), in (0, 1).
	LearningRate decimal.Decimal `json:"learning_rate"`
	// GradientDescentMaxIters is I_max (§6.4), 1..MaxGradientIters.
	GradientDescentMaxIters int `json:"gradient_descent_max_iters"`
	// MaxGradientThreshold is g_thr (§6.4), in (0, 1).
	MaxGradientThreshold decimal.Decimal `json:"max_gradient_threshold"`
	// MinStakeFraction is φ_min (§6.4), in [0, 1].
	MinStakeFraction decimal.Decimal `json:"min_stake_fraction"`
	// EpsilonReputer is ε_R of the consensus score (6.6), > 0. NEWEST also
	// uses it as the floor of all-zero listening coefficients (#683).
	EpsilonReputer decimal.Decimal `json:"epsilon_reputer"`
	// EpsilonSafeDiv is ε_safe, the consensus norm used when ‖x̄‖ = 0 (6.4), > 0.
	EpsilonSafeDiv decimal.Decimal `json:"epsilon_safe_div"`
	// MeritSortitionAlpha is the topic's α_ms of the EMA scores (8.2),
	// (8.5) and of the liveness penalty (9.2), in [0, 1).
	MeritSortitionAlpha decimal.Decimal `json:"merit_sortition_alpha"`
	// ActiveInfererQuantile, ActiveForecasterQuantile and
	// ActiveReputerQuantile are the topic's quantile levels q of (8.4), in
	// [0, 1).
	ActiveInfererQuantile    decimal.Decimal `json:"active_inferer_quantile"`
	ActiveForecasterQuantile decimal.Decimal `json:"active_forecaster_quantile"`
	ActiveReputerQuantile    decimal.Decimal `json:"active_reputer_quantile"`
	// LambdaInitialScore is λ of the NEWEST initial EMA score (9.3), >= 0.
	LambdaInitialScore decimal.Decimal `json:"lambda_initial_score"`
	// InitialScoreSpread is the spread of (9.3): SpreadStdDev (default, the
	// reference code) or SpreadMAD; "" means SpreadStdDev.
	InitialScoreSpread string `json:"initial_score_spread,omitempty"`
	// MaxTopInferersToReward, MaxTopForecastersToReward and
	// MaxTopReputersToReward are the active-set capacities of §9.1,
	// 1..MaxActorsPerClass.
	MaxTopInferersToReward    int `json:"max_top_inferers_to_reward"`
	MaxTopForecastersToReward int `json:"max_top_forecasters_to_reward"`
	MaxTopReputersToReward    int `json:"max_top_reputers_to_reward"`
	// ForecasterPairing is PairByID (default) or PairByPosition; "" means
	// PairByID.
	ForecasterPairing string `json:"forecaster_pairing,omitempty"`
	// ListeningEvaluation selects how the ascent of §6.4 evaluates the
	// consensus scores: EvaluationReference (default, bit-identical to the
	// reference) or EvaluationGram (exact Gram-matrix evaluation, fast, the
	// exact scores to within one unit in the last digit; doc.go); "" means
	// EvaluationReference.
	ListeningEvaluation string `json:"listening_evaluation,omitempty"`
	// Digits is the number of significant digits of rounded operations
	// (0 = 34, the reference).
	Digits int `json:"digits,omitempty"`
	// Rounding is the rounding mode name ("" = "down", the reference).
	Rounding string `json:"rounding,omitempty"`
}

// DefaultParams returns the reference parameters under the NEWEST rules
// (spec §17; allora-chain v0.16.0 DefaultParams): η 0.05, I_max 10,
// g_thr 0.001, φ_min 0.5, ε_R 0.01, ε_safe 1e-7, λ 2 (standard deviation),
// capacities 32/6/6; topic α_ms 0.1 and quantiles 0.05 (the v0.16.0
// migration value); forecaster pairing by id; 34 digits rounding down.
func DefaultParams() Params {
	return Params{
		RuleSet:                   Newest,
		LearningRate:              decimal.New(5, -2),
		GradientDescentMaxIters:   10,
		MaxGradientThreshold:      decimal.New(1, -3),
		MinStakeFraction:          decimal.New(5, -1),
		EpsilonReputer:            decimal.New(1, -2),
		EpsilonSafeDiv:            decimal.New(1, -7),
		MeritSortitionAlpha:       decimal.New(1, -1),
		ActiveInfererQuantile:     decimal.New(5, -2),
		ActiveForecasterQuantile:  decimal.New(5, -2),
		ActiveReputerQuantile:     decimal.New(5, -2),
		LambdaInitialScore:        decimal.New(2, 0),
		InitialScoreSpread:        SpreadStdDev,
		MaxTopInferersToReward:    32,
		MaxTopForecastersToReward: 6,
		MaxTopReputersToReward:    6,
		ForecasterPairing:         PairByID,
	}
}

// DefaultParamsV6 returns the V6 reference parameters (Oct 2024
// DefaultParams): as DefaultParams, with the V6 rule set and the V6 topic
// defaults α_ms 0.1 and quantiles 0.25 (the v3/v4 migration values).
// LambdaInitialScore and InitialScoreSpread are ignored by V6.
func DefaultParamsV6() Params {
	p := DefaultParams()
	p.RuleSet = V6
	p.ActiveInfererQuantile = decimal.New(25, -2)
	p.ActiveForecasterQuantile = decimal.New(25, -2)
	p.ActiveReputerQuantile = decimal.New(25, -2)
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
	newest     bool // NEWEST (or Intermediate) rules
	ctx        dec.Context
	eta        dec.Dec
	maxIters   int
	gThr       dec.Dec
	phiMin     dec.Dec
	epsR       dec.Dec
	epsSafe    dec.Dec
	alpha      dec.Dec
	qInf       dec.Dec
	qFc        dec.Dec
	qRep       dec.Dec
	lambda     dec.Dec
	spreadMAD  bool
	capacity   [numClasses]int
	byPosition bool
	gram       bool // ListeningEvaluation == EvaluationGram
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
	cp.ctx = ctx
	zero, one := dec.Zero(), dec.One()
	// field converts and range-checks one decimal: lo/hi bounds with
	// inclusive flags; a nil bound is open-ended.
	type bound struct {
		v    dec.Dec
		incl bool
	}
	field := func(name string, d decimal.Decimal, lo, hi *bound) (dec.Dec, error) {
		x, err := dec.FromDecimal(d)
		if err != nil {
			return dec.Dec{}, fmt.Errorf("%w: %s: %w", ErrInvalidParams, name, err)
		}
		if lo != nil {
			c := x.Cmp(lo.v)
			if c < 0 || (c == 0 && !lo.incl) {
				return dec.Dec{}, fmt.Errorf("%w: %s = %s below its range", ErrInvalidParams, name, x)
			}
		}
		if hi != nil {
			c := x.Cmp(hi.v)
			if c > 0 || (c == 0 && !hi.incl) {
				return dec.Dec{}, fmt.Errorf("%w: %s = %s above its range", ErrInvalidParams, name, x)
			}
		}
		return x, nil
	}
	open0, closed0 := &bound{zero, false}, &bound{zero, true}
	open1, closed1 := &bound{one, false}, &bound{one, true}
	if cp.eta, err = field("learning_rate", p.LearningRate, open0, open1); err != nil {
		return cp, err
	}
	if cp.gThr, err = field("max_gradient_threshold", p.MaxGradientThreshold, open0, open1); err != nil {
		return cp, err
	}
	if cp.phiMin, err = field("min_stake_fraction", p.MinStakeFraction, closed0, closed1); err != nil {
		return cp, err
	}
	if cp.epsR, err = field("epsilon_reputer", p.EpsilonReputer, open0, nil); err != nil {
		return cp, err
	}
	if cp.epsSafe, err = field("epsilon_safe_div", p.EpsilonSafeDiv, open0, nil); err != nil {
		return cp, err
	}
	if cp.alpha, err = field("merit_sortition_alpha", p.MeritSortitionAlpha, closed0, open1); err != nil {
		return cp, err
	}
	if cp.qInf, err = field("active_inferer_quantile", p.ActiveInfererQuantile, closed0, open1); err != nil {
		return cp, err
	}
	if cp.qFc, err = field("active_forecaster_quantile", p.ActiveForecasterQuantile, closed0, open1); err != nil {
		return cp, err
	}
	if cp.qRep, err = field("active_reputer_quantile", p.ActiveReputerQuantile, closed0, open1); err != nil {
		return cp, err
	}
	if cp.lambda, err = field("lambda_initial_score", p.LambdaInitialScore, closed0, nil); err != nil {
		return cp, err
	}
	if p.GradientDescentMaxIters < 1 || p.GradientDescentMaxIters > MaxGradientIters {
		return cp, fmt.Errorf("%w: gradient_descent_max_iters = %d (want 1..%d)", ErrInvalidParams, p.GradientDescentMaxIters, MaxGradientIters)
	}
	cp.maxIters = p.GradientDescentMaxIters
	switch p.InitialScoreSpread {
	case "", SpreadStdDev:
	case SpreadMAD:
		cp.spreadMAD = true
	default:
		return cp, fmt.Errorf("%w: initial_score_spread = %q (want %q or %q)", ErrInvalidParams, p.InitialScoreSpread, SpreadStdDev, SpreadMAD)
	}
	switch p.ForecasterPairing {
	case "", PairByID:
	case PairByPosition:
		cp.byPosition = true
	default:
		return cp, fmt.Errorf("%w: forecaster_pairing = %q (want %q or %q)", ErrInvalidParams, p.ForecasterPairing, PairByID, PairByPosition)
	}
	switch p.ListeningEvaluation {
	case "", EvaluationReference:
	case EvaluationGram:
		cp.gram = true
	default:
		return cp, fmt.Errorf("%w: listening_evaluation = %q (want %q or %q)", ErrInvalidParams, p.ListeningEvaluation, EvaluationReference, EvaluationGram)
	}
	for c, v := range [numClasses]struct {
		name string
		n    int
	}{
		Inferer:    {"max_top_inferers_to_reward", p.MaxTopInferersToReward},
		Forecaster: {"max_top_forecasters_to_reward", p.MaxTopForecastersToReward},
		Reputer:    {"max_top_reputers_to_reward", p.MaxTopReputersToReward},
	} {
		if v.n < 1 || v.n > MaxActorsPerClass {
			return cp, fmt.Errorf("%w: %s = %d (want 1..%d)", ErrInvalidParams, v.name, v.n, MaxActorsPerClass)
		}
		cp.capacity[c] = v.n
	}
	return cp, nil
}

// quantileLevel returns q of (8.4) for a class.
func (cp params) quantileLevel(c Class) dec.Dec {
	switch c {
	case Inferer:
		return cp.qInf
	case Forecaster:
		return cp.qFc
	}
	return cp.qRep
}
