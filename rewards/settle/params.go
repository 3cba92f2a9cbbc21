package settle

import (
	"fmt"

	"github.com/netmath/netmath/internal/rules"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/reputation"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// RuleSet selects the protocol rules (an alias of the same type in every
// package).
type RuleSet = rules.RuleSet

// The rule sets.
const (
	V6           = rules.V6
	Intermediate = rules.Intermediate
	Newest       = rules.Newest
)

// Params gathers the parameters of every package a settlement calls. Their
// rule sets must all equal RuleSet.
//
// Reputation.ListeningEvaluation selects how the reputers' listening-
// coefficient ascent is evaluated: "" or reputation.EvaluationReference (the
// default of every constructor here) reproduces the reference chain bit for
// bit; reputation.EvaluationGram evaluates it through the exact Gram matrix
// of the loss vectors (the exact consensus scores truncated, not the
// reference's bits; much faster on large topics, and accepting the
// settlement shapes the reference evaluation's work bound refuses). The
// evaluation used is recorded in Settlement.ReputerScores.Evaluation, so a
// validator re-running a settlement must use the same parameter.
type Params struct {
	RuleSet    RuleSet           `json:"rule_set"`
	Weights    weights.Params    `json:"weights"`
	Loss       loss.Params       `json:"loss"`
	Regret     regret.Params     `json:"regret"`
	Reputation reputation.Params `json:"reputation"`
	Rewards    rewards.Params    `json:"rewards"`
}

// DefaultParams returns each package's reference defaults for a rule set:
// the NEWEST defaults for Newest, the V6 defaults for V6, and the NEWEST
// defaults with the per-call MAD weights for Intermediate.
func DefaultParams(rs RuleSet) (Params, error) {
	if err := rs.Validate(); err != nil {
		return Params{}, fmt.Errorf("%w: %w", ErrInvalidParams, err)
	}
	p := Params{RuleSet: rs, Loss: loss.DefaultParams()}
	if rs == V6 {
		p.Weights = weights.DefaultParamsV6()
		p.Regret = regret.DefaultParamsV6()
		p.Reputation = reputation.DefaultParamsV6()
		p.Rewards = rewards.DefaultParamsV6()
	} else {
		p.Weights = weights.DefaultParams()
		p.Regret = regret.DefaultParams()
		p.Reputation = reputation.DefaultParams()
		p.Rewards = rewards.DefaultParams()
	}
	p.setRuleSet(rs)
	return p, nil
}

// SimulatorParams returns the parameters of the reference simulator that
// produced the inference fixtures, under a rule set: p = 3, c = 0.75,
// ε = 0.01, ε_div = 1e-7, α_regret = 0.1 for synthesis and regrets;
// p = 3, c = 0.75 for both worker reward fractions and p = 1 for reputers;
// α_task = 0.1, β = 0.25; the V6 gradient ascent (η 0.05, 10 iterations,
// threshold 0.001, φ_min 0.5, ε_R 0.01); merit-sortition α 0.1 and active
// quantiles 0.2 (fixtures README §1); and the simulator's score-
// normalisation sample of MaxSamplesToScaleScores = 10 scores per class
// under every rule set (rewards MaxTop{Inferers,Forecasters,Reputers}ToReward
// = 1, so the NEWEST cap MaxSamples × MaxTop is 10: multilabel.csv reproduces
// only that way).
func SimulatorParams(rs RuleSet) (Params, error) {
	p, err := DefaultParams(rs)
	if err != nil {
		return Params{}, err
	}
	three, one := decimal.New(3, 0), decimal.New(1, 0)
	p.Rewards.PRewardInference = three
	p.Rewards.PRewardForecast = three
	p.Rewards.PRewardReputer = one
	p.Reputation.MeritSortitionAlpha = decimal.New(1, -1)
	p.Reputation.ActiveInfererQuantile = decimal.New(2, -1)
	p.Reputation.ActiveForecasterQuantile = decimal.New(2, -1)
	p.Reputation.ActiveReputerQuantile = decimal.New(2, -1)
	p.Rewards.MaxTopInferersToReward = 1
	p.Rewards.MaxTopForecastersToReward = 1
	p.Rewards.MaxTopReputersToReward = 1
	return p, nil
}

func (p *Params) setRuleSet(rs RuleSet) {
	p.RuleSet = rs
	p.Weights.RuleSet = rs
	p.Regret.RuleSet = rs
	p.Reputation.RuleSet = rs
	p.Rewards.RuleSet = rs
}

// WithRuleSet returns p with every package switched to rule set rs (other
// fields unchanged).
func (p Params) WithRuleSet(rs RuleSet) Params {
	p.setRuleSet(rs)
	return p
}

// Validate checks every package's parameters and that they all use p's rule
// set. Errors wrap ErrInvalidParams and the package's own error.
func (p Params) Validate() error {
	if err := p.RuleSet.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidParams, err)
	}
	for _, c := range []struct {
		name string
		rs   RuleSet
	}{
		{"weights", p.Weights.RuleSet}, {"regret", p.Regret.RuleSet},
		{"reputation", p.Reputation.RuleSet}, {"rewards", p.Rewards.RuleSet},
	} {
		if c.rs != p.RuleSet {
			return fmt.Errorf("%w: %s rule set %q differs from %q", ErrInvalidParams, c.name, c.rs, p.RuleSet)
		}
	}
	for _, c := range []struct {
		name string
		err  error
	}{
		{"weights", p.Weights.Validate()}, {"loss", p.Loss.Validate()}, {"regret", p.Regret.Validate()},
		{"reputation", p.Reputation.Validate()}, {"rewards", p.Rewards.Validate()},
	} {
		if c.err != nil {
			return fmt.Errorf("%w: %s: %w", ErrInvalidParams, c.name, c.err)
		}
	}
	return nil
}
