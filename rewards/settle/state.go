package settle

import (
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/reputation"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// State is everything a topic carries from one epoch to the next. Its zero
// value is a new topic (no regrets, initial regret 0: all workers new). It
// round-trips through JSON.
type State struct {
	// Epoch is the last epoch settled or synthesised (0 for a new topic).
	Epoch int64 `json:"epoch"`
	// Regrets holds every regret store, the initial regret and the stored
	// regret scale.
	Regrets regret.State `json:"regrets"`
	// NetworkLoss is the last network combined loss L_{i−1}; nil before the
	// first settlement.
	NetworkLoss *decimal.Decimal `json:"network_loss,omitempty"`
	// Listening holds each reputer's listening coefficient (1 when absent).
	Listening []loss.Value `json:"listening,omitempty"`
	// Rewards holds the stored reward fractions, τ and the score histories.
	Rewards rewards.TopicState `json:"rewards"`
	// EMAs holds the EMA score records of each class, sorted by id.
	InfererEMAs    []reputation.EMAScore `json:"inferer_emas,omitempty"`
	ForecasterEMAs []reputation.EMAScore `json:"forecaster_emas,omitempty"`
	ReputerEMAs    []reputation.EMAScore `json:"reputer_emas,omitempty"`
	// Quantiles holds the stored topic quantile of each class (8.4).
	Quantiles Classes `json:"quantiles"`
	// InitialEMAs holds the stored initial EMA score of each class (9.3).
	InitialEMAs Classes `json:"initial_emas"`
	// InfererInclusions and ForecasterInclusions count the epochs in which
	// each worker was paid a reward (the experience rule (42)).
	InfererInclusions    []regret.Inclusion `json:"inferer_inclusions,omitempty"`
	ForecasterInclusions []regret.Inclusion `json:"forecaster_inclusions,omitempty"`
}

// Classes holds one value per actor class.
type Classes struct {
	Inferers    decimal.Decimal `json:"inferers"`
	Forecasters decimal.Decimal `json:"forecasters"`
	Reputers    decimal.Decimal `json:"reputers"`
}

// Input holds one epoch's submissions.
type Input struct {
	// Epoch is this epoch's nonce; it must exceed the previous State's.
	Epoch int64 `json:"epoch"`
	// Labels is the topic's label registry (nil: one label "y").
	Labels []string `json:"labels,omitempty"`
	// Inferences and Forecasts are this epoch's worker submissions (inference
	// time). Without inferences no bundle is synthesised.
	Inferences []loss.VectorValue `json:"inferences,omitempty"`
	Forecasts  []weights.Forecast `json:"forecasts,omitempty"`
	// Reports are the reputers' graded losses of the previous bundle with
	// their stakes (settlement time). Without reports nothing is settled.
	Reports []loss.Report `json:"reports,omitempty"`
	// Delegated is the stake delegated to each reputer in the topic (part of
	// the reputer's stake; 0 when absent).
	Delegated []loss.Value `json:"delegated,omitempty"`
	// TopicReward is the topic's reward E_i for the settled epoch.
	TopicReward decimal.Decimal `json:"topic_reward"`
}

// Result holds every output of an epoch and the new State.
type Result struct {
	Epoch int64 `json:"epoch"`
	// Inference is the inference-time output (nil without inferences).
	Inference *weights.Result `json:"inference,omitempty"`
	// Settlement is the settlement-time output (nil without reports).
	Settlement *Settlement `json:"settlement,omitempty"`
	// State is the topic's state after this epoch.
	State State `json:"state"`
}

// Settlement holds the settlement-time outputs of an epoch.
type Settlement struct {
	// NetworkLosses is the stake-weighted network-loss bundle (31).
	NetworkLosses loss.Bundle `json:"network_losses"`
	// Regrets is the regret update: the new regret state and how the
	// initial regret was set.
	Regrets regret.Output `json:"regrets"`
	// WorkerScores and ReputerScores are the instant scores (§4–§6), with
	// the listening coefficients and adjusted stakes.
	WorkerScores  reputation.WorkerScores  `json:"worker_scores"`
	ReputerScores reputation.ReputerScores `json:"reputer_scores"`
	// InfererEMAs, ForecasterEMAs and ReputerEMAs are the classes' EMA and
	// topic-quantile updates (§8).
	InfererEMAs    reputation.Settlement `json:"inferer_emas"`
	ForecasterEMAs reputation.Settlement `json:"forecaster_emas"`
	ReputerEMAs    reputation.Settlement `json:"reputer_emas"`
	// Distribution holds the fractions, entropies, task split and payouts;
	// it is empty when RewardsSkipped is set.
	Distribution rewards.Distribution `json:"distribution"`
	// RewardsSkipped names the reason the reward distribution was skipped
	// (the topic reward stays unpaid), empty when it ran.
	RewardsSkipped string `json:"rewards_skipped,omitempty"`
}
