package rewards

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// Constants of (12.2) and (12.6).
func chiLow() dec.Dec  { return dec.New(1, -1) } // χ for τ < 0, and the offset of 0.1 + 0.4τ
func chiHigh() dec.Dec { return dec.New(5, -1) } // χ for τ >= 1 and for the tie (12.2)
func chiRate() dec.Dec { return dec.New(4, -1) } // the slope 0.4

// utility is the outcome of (12.1)–(12.6).
type utility struct {
	taskScore dec.Dec // T_i^f (5.5)
	maxScore  dec.Dec // M⁺ (12.1)
	tau       dec.Dec // τ_i, the value to store
	chi       dec.Dec // χ (12.6), or 0.5 in the tie (12.2)
	tie       bool    // M⁺ = 0 and T_i^f = 0
}

// utilityOf implements (12.1)–(12.6):
//
//	M⁺  = max(0, max_j T_ij)                                   (12.1)
//	tie: M⁺ = 0 and T^f = 0 → χ = 0.5, τ = 0 (quirk) or τ_{i−1} (12.2)
//	Δ   = |M⁺|, or |T^f| when M⁺ = 0                           (12.3)
//	τ_i = α·(T^f − min(0, M⁺))/Δ + (1−α)·τ_{i−1}  (no first-time rule) (12.4), (12.5)
//	χ   = 0.1 if τ < 0; 0.5 if τ >= 1; else 0.1 + 0.4·τ      (12.6)
//
// The quotient, the EMA products and 0.4·τ round to ctx.
func utilityOf(ctx dec.Context, infererScores []dec.Dec, taskScore, prevTau, alpha dec.Dec, reset bool) (utility, error) {
	u := utility{taskScore: taskScore}
	for _, s := range infererScores {
		if s.Cmp(u.maxScore) > 0 {
			u.maxScore = s
		}
	}
	if u.maxScore.IsZero() && taskScore.IsZero() {
		u.tie, u.chi = true, chiHigh()
		if !reset {
			u.tau = prevTau
		}
		return u, nil
	}
	den := u.maxScore.Abs()
	if den.IsZero() {
		den = taskScore.Abs()
	}
	calc := dec.NewCalc(ctx)
	r := calc.Quo(taskScore.Sub(dec.Min(dec.Zero(), u.maxScore)), den)
	u.tau = calc.EMA(alpha, r, prevTau, false)
	if err := calc.Err(); err != nil {
		return u, arith("forecaster score ratio (12.5)", err)
	}
	c, err := chiOf(ctx, u.tau)
	if err != nil {
		return u, err
	}
	u.chi = c
	return u, nil
}

// chiOf implements (12.6).
func chiOf(ctx dec.Context, tau dec.Dec) (dec.Dec, error) {
	switch {
	case tau.Sign() < 0:
		return chiLow(), nil
	case tau.Cmp(dec.One()) >= 0:
		return chiHigh(), nil
	}
	m, err := ctx.Mul(chiRate(), tau)
	if err != nil {
		return dec.Dec{}, arith("forecasting utility 0.4·τ (12.6)", err)
	}
	return chiLow().Add(m), nil
}

// split is the outcome of (12.7)–(12.10).
type split struct {
	gamma   dec.Dec
	u, v, w dec.Dec // inferers, forecasters, reputers
}

// splitOf implements (12.7)–(12.10), in the reference evaluation order
// (numerator first, one division by the exact entropy sum):
//
//	γ = (F + G) / ((1−χ)·F + χ·G)                  (12.7)
//	W = H·E / (F+G+H)                              (12.8)
//	U = (1−χ)·γ·F·E / (F+G+H)                      (12.9)
//	V = χ·γ·G·E / (F+G+H)                          (12.10)
//
// Sums and 1−χ are exact; every product and quotient rounds to ctx. Errors
// wrap ErrDegenerate when a denominator is 0.
func splitOf(ctx dec.Context, e, f, g, h, chi dec.Dec) (split, error) {
	var s split
	calc := dec.NewCalc(ctx)
	oneMinusChi := dec.One().Sub(chi)
	den := calc.Mul(oneMinusChi, f).Add(calc.Mul(chi, g))
	if den.IsZero() && calc.Err() == nil {
		return s, fmt.Errorf("%w: γ (12.7): (1−χ)·F + χ·G = 0", ErrDegenerate)
	}
	s.gamma = calc.Quo(f.Add(g), den)
	sum := dec.Sum([]dec.Dec{f, g, h})
	if sum.IsZero() {
		return s, fmt.Errorf("%w: task split (12.8): F + G + H = 0", ErrDegenerate)
	}
	s.w = calc.Quo(calc.Mul(h, e), sum)
	s.u = calc.Quo(calc.Mul(calc.Mul(calc.Mul(oneMinusChi, s.gamma), f), e), sum)
	s.v = calc.Quo(calc.Mul(calc.Mul(calc.Mul(chi, s.gamma), g), e), sum)
	if err := calc.Err(); err != nil {
		return s, arith("task split (12.7)-(12.10)", err)
	}
	return s, nil
}

// ForecastUtility is the outcome of spec (12.1)–(12.6).
type ForecastUtility struct {
	// TaskScore is T_i^f = ℓ_i^- − ℓ_i (5.5).
	TaskScore decimal.Decimal `json:"task_score"`
	// MaxInfererScore is M⁺ = max(0, max_j T_ij) (12.1).
	MaxInfererScore decimal.Decimal `json:"max_inferer_score"`
	// ScoreRatio is τ_i (12.5), the value to store for the next epoch.
	ScoreRatio decimal.Decimal `json:"score_ratio"`
	// Chi is the forecasting utility χ (12.6).
	Chi decimal.Decimal `json:"chi"`
	// Tie reports the special case (12.2): M⁺ = 0 and T_i^f = 0, so χ = 0.5
	// and τ is reset to 0 (ResetScoreRatioOnTie) or kept.
	Tie bool `json:"tie"`
}

// ForecastingUtility computes spec (12.1)–(12.6): the forecasting-task score
// T^f = naiveLoss − networkLoss (exact), the forecaster score ratio τ_i as an
// EMA (rate TaskRewardAlpha, no first-time rule) of T^f / max(0, max_j
// T_ij) with previousRatio τ_{i−1}, and the utility χ. infererScores are
// the epoch's inferer scores (ids are validated, not used).
//
// Precision: the ratio, the EMA products and 0.4·τ round to the Params'
// context.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrEmptyID,
// ErrDuplicateID, ErrTooLarge or ErrArithmetic.
func ForecastingUtility(infererScores []loss.Value, networkLoss, naiveLoss, previousRatio decimal.Decimal, p Params) (ForecastUtility, error) {
	cp, err := p.compile()
	if err != nil {
		return ForecastUtility{}, err
	}
	sc, err := toEntries("inferer scores", infererScores)
	if err != nil {
		return ForecastUtility{}, err
	}
	nl, err := toDec("network loss", networkLoss)
	if err != nil {
		return ForecastUtility{}, err
	}
	nv, err := toDec("naive loss", naiveLoss)
	if err != nil {
		return ForecastUtility{}, err
	}
	prev, err := toDec("previous ratio", previousRatio)
	if err != nil {
		return ForecastUtility{}, err
	}
	u, err := utilityOf(cp.ctx, values(sc), nv.Sub(nl), prev, cp.alphaTask, cp.resetTau)
	if err != nil {
		return ForecastUtility{}, err
	}
	return u.public(), nil
}

func (u utility) public() ForecastUtility {
	return ForecastUtility{
		TaskScore:       u.taskScore.Decimal(),
		MaxInfererScore: u.maxScore.Decimal(),
		ScoreRatio:      u.tau.Decimal(),
		Chi:             u.chi.Decimal(),
		Tie:             u.tie,
	}
}

// Chi returns the forecasting utility χ of spec (12.6) for a forecaster
// score ratio τ: 0.1 for τ < 0, 0.5 for τ >= 1, otherwise 0.1 + 0.4·τ (the
// product rounded to the Params' context).
func Chi(ratio decimal.Decimal, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	t, err := toDec("ratio", ratio)
	if err != nil {
		return decimal.Decimal{}, err
	}
	c, err := chiOf(cp.ctx, t)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return c.Decimal(), nil
}

// TaskSplit is the split of a topic reward E_i between the three tasks
// (spec (12.7)–(12.10)).
type TaskSplit struct {
	// Gamma is the normalisation γ (12.7).
	Gamma decimal.Decimal `json:"gamma"`
	// Inferers is U_i (12.9).
	Inferers decimal.Decimal `json:"inferers"`
	// Forecasters is V_i (12.10).
	Forecasters decimal.Decimal `json:"forecasters"`
	// Reputers is W_i (12.8).
	Reputers decimal.Decimal `json:"reputers"`
}

// SplitTopicReward splits a topic reward E (>= 0) between inferers,
// forecasters and reputers from the three entropies F, G, H (>= 0) and the
// forecasting utility χ in [0, 1] (spec (12.7)–(12.10)). U + V + W = E up
// to the rounding of each term.
//
// Precision: F+G+H, 1−χ and the denominator's sum are exact; every product
// and quotient rounds to the Params' context (numerator first, then one
// division).
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrDegenerate (a zero
// denominator: F+G+H = 0 or (1−χ)F + χG = 0) or ErrArithmetic.
func SplitTopicReward(reward, inferersEntropy, forecastersEntropy, reputersEntropy, chi decimal.Decimal, p Params) (TaskSplit, error) {
	cp, err := p.compile()
	if err != nil {
		return TaskSplit{}, err
	}
	var xs [5]dec.Dec
	for i, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"reward", reward}, {"inferers entropy", inferersEntropy}, {"forecasters entropy", forecastersEntropy}, {"reputers entropy", reputersEntropy}, {"chi", chi}} {
		x, err := toDec(f.name, f.v)
		if err != nil {
			return TaskSplit{}, err
		}
		if x.Sign() < 0 {
			return TaskSplit{}, fmt.Errorf("%w: %s = %s is negative", ErrInvalidValue, f.name, x)
		}
		xs[i] = x
	}
	if xs[4].Cmp(dec.One()) > 0 {
		return TaskSplit{}, fmt.Errorf("%w: chi = %s above 1", ErrInvalidValue, xs[4])
	}
	s, err := splitOf(cp.ctx, xs[0], xs[1], xs[2], xs[3], xs[4])
	if err != nil {
		return TaskSplit{}, err
	}
	return TaskSplit{Gamma: s.gamma.Decimal(), Inferers: s.u.Decimal(), Forecasters: s.v.Decimal(), Reputers: s.w.Decimal()}, nil
}
