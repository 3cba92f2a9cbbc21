// Package scheme names the columns of the reference simulator's CSV files
// and generalises them to any number of inferers N, forecasters F, reputers
// R and labels L. Inferers are numbered 0..N-1, forecasters 0..F-1, reputers
// 0..R-1. Where a column indexes every worker (one-out networks, regrets),
// inferer j is worker j and forecaster k is worker N+k. In the one-in regret
// columns inference_regret_worker_W_onein_K, W = N means forecaster K itself.
//
// Multi-label files append "_label_l" (l = 0..L-1) to every inference-valued
// column; losses, regrets, scores and rewards stay scalar.
package scheme

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// Shape is the number of actors (and labels) a file describes.
type Shape struct {
	Inferers    int
	Forecasters int
	Reputers    int
	// Labels is the number of labels of a multi-label file, 0 for a
	// single-output file (no "_label_" suffixes).
	Labels int
}

// ErrShape reports a header whose actor counts cannot be determined.
var ErrShape = errors.New("scheme: cannot determine the file's shape")

var (
	reInferer    = regexp.MustCompile(`^(?:inference|inference_loss|inferer_score|inferer_reward)_(\d+)(?:_label_\d+)?$`)
	reForecaster = regexp.MustCompile(`^(?:forecasted_loss_(\d+)_for_\d+|forecast_implied_inference_(\d+)(?:_label_\d+)?|forecaster_score_(\d+))$`)
	reReputer    = regexp.MustCompile(`^(?:reputer_stake_(\d+)|reputer_(\d+)_loss_.*|reputer_score_(\d+))$`)
	reLabel      = regexp.MustCompile(`_label_(\d+)$`)
)

// Detect reads N, F, R and L from a header: each is one more than the
// largest index seen in the columns that name that kind of actor.
func Detect(header []string) (Shape, error) {
	var s Shape
	maxOf := func(cur int, groups []string) int {
		for _, g := range groups {
			if g == "" {
				continue
			}
			if v, err := strconv.Atoi(g); err == nil && v+1 > cur {
				cur = v + 1
			}
		}
		return cur
	}
	for _, h := range header {
		if m := reInferer.FindStringSubmatch(h); m != nil {
			s.Inferers = maxOf(s.Inferers, m[1:])
		}
		if m := reForecaster.FindStringSubmatch(h); m != nil {
			s.Forecasters = maxOf(s.Forecasters, m[1:])
		}
		if m := reReputer.FindStringSubmatch(h); m != nil {
			s.Reputers = maxOf(s.Reputers, m[1:])
		}
		if m := reLabel.FindStringSubmatch(h); m != nil {
			s.Labels = maxOf(s.Labels, m[1:])
		}
	}
	if s.Inferers == 0 {
		return s, fmt.Errorf("%w: no inferer columns", ErrShape)
	}
	return s, nil
}

// Worker returns the all-worker index of forecaster k.
func (s Shape) Worker(k int) int { return s.Inferers + k }

// L returns the label suffix for label l of a multi-label shape, "" for a
// single-output shape.
func (s Shape) L(l int) string {
	if s.Labels == 0 {
		return ""
	}
	return "_label_" + strconv.Itoa(l)
}

// NumLabels is max(1, Labels): the length of every inference vector.
func (s Shape) NumLabels() int {
	if s.Labels == 0 {
		return 1
	}
	return s.Labels
}

func itoa(i int) string { return strconv.Itoa(i) }

// Column names. Functions taking a label l return the label-suffixed name
// for multi-label shapes.

func (s Shape) Inference(j, l int) string { return "inference_" + itoa(j) + s.L(l) }
func ForecastedLoss(k, j int) string      { return "forecasted_loss_" + itoa(k) + "_for_" + itoa(j) }
func (s Shape) FII(k, l int) string {
	return "forecast_implied_inference_" + itoa(k) + s.L(l)
}
func (s Shape) FIIOneOut(k, j, l int) string {
	return "forecast_implied_inference_" + itoa(k) + "_oneout_" + itoa(j) + s.L(l)
}
func (s Shape) NetworkInference(l int) string { return "network_inference" + s.L(l) }
func ErrorBar(q int) string                   { return "network_inference_errorbar_" + itoa(q) }
func (s Shape) Naive(l int) string            { return "network_naive_inference" + s.L(l) }
func (s Shape) OneOut(w, l int) string {
	return "network_inference_oneout_" + itoa(w) + s.L(l)
}
func (s Shape) OneIn(k, l int) string { return "network_naive_inference_onein_" + itoa(k) + s.L(l) }

const (
	Epoch         = "epoch"
	Time          = "time"
	Target        = "target"
	NetworkLoss   = "network_loss"
	NaiveLoss     = "network_naive_loss"
	InferersEnt   = "inferers_entropy"
	ForecastEnt   = "forecasters_entropy"
	ReputersEnt   = "reputers_entropy"
	TaskScore     = "forecaster_task_score"
	ScoreRatio    = "forecaster_score_ratio"
	Utility       = "forecasters_utility"
	InferersFrac  = "inferers_reward_fraction"
	ForecastFrac  = "forecasters_reward_fraction"
	ReputersFrac  = "reputers_reward_fraction"
	TopicRewards  = "topic_rewards"
	NumErrorBars  = 5
	reputerPrefix = "reputer_"
)

func Stake(r int) string { return "reputer_stake_" + itoa(r) }

// Reputer-reported losses.
func RepInference(r, j int) string { return reputerPrefix + itoa(r) + "_loss_inference_" + itoa(j) }
func RepFII(r, k int) string {
	return reputerPrefix + itoa(r) + "_loss_forecast_implied_inference_" + itoa(k)
}
func RepFIIOneOut(r, k, j int) string {
	return reputerPrefix + itoa(r) + "_loss_forecast_implied_inference_" + itoa(k) + "_oneout_" + itoa(j)
}
func RepNetwork(r int) string { return reputerPrefix + itoa(r) + "_loss_network_inference" }
func RepNaive(r int) string   { return reputerPrefix + itoa(r) + "_loss_naive_network_inference" }
func RepOneOut(r, w int) string {
	return reputerPrefix + itoa(r) + "_loss_network_inference_oneout_" + itoa(w)
}
func RepOneIn(r, k int) string {
	return reputerPrefix + itoa(r) + "_loss_naive_network_inference_onein_" + itoa(k)
}

// Network losses.
func InferenceLoss(j int) string { return "inference_loss_" + itoa(j) }
func FIILoss(k int) string       { return "forecast_implied_inference_loss_" + itoa(k) }
func FIILossOneOut(k, j int) string {
	return "forecast_implied_inference_loss_" + itoa(k) + "_oneout_" + itoa(j)
}
func OneOutLoss(w int) string { return "network_loss_oneout_" + itoa(w) }
func OneInLoss(k int) string  { return "network_naive_loss_onein_" + itoa(k) }

// Regrets.
func ForecastedRegret(k, j int) string {
	return "forecasted_regret_" + itoa(k) + "_inferer_" + itoa(j)
}
func Regret(w int) string      { return "inference_regret_worker_" + itoa(w) }
func NaiveRegret(j int) string { return "naive_inference_regret_worker_" + itoa(j) }

// OneOutRegret is the regret of worker w in the network withholding worker o.
func OneOutRegret(w, o int) string {
	return "inference_regret_worker_" + itoa(w) + "_oneout_" + itoa(o)
}

// OneInRegret is the regret of inferer w (w < N) or of forecaster k itself
// (w == N) in forecaster k's one-in network.
func OneInRegret(w, k int) string {
	return "inference_regret_worker_" + itoa(w) + "_onein_" + itoa(k)
}

// Scores, fractions and rewards.
func InfererScore(j int) string       { return "inferer_score_" + itoa(j) }
func ForecasterScore(k int) string    { return "forecaster_score_" + itoa(k) }
func ReputerScore(r int) string       { return "reputer_score_" + itoa(r) }
func Listening(r int) string          { return "reputer_listening_coefficient_" + itoa(r) }
func AdjustedStake(r int) string      { return "reputer_adjusted_stake_" + itoa(r) }
func InfererFraction(j int) string    { return "inferer_reward_fraction_" + itoa(j) }
func ForecasterFraction(k int) string { return "forecaster_reward_fraction_" + itoa(k) }
func ReputerFraction(r int) string    { return "reputer_reward_fraction_" + itoa(r) }
func InfererSmooth(j int) string      { return "inferer_reward_fraction_smooth_" + itoa(j) }
func ForecasterSmooth(k int) string   { return "forecaster_reward_fraction_smooth_" + itoa(k) }
func ReputerSmooth(r int) string      { return "reputer_reward_fraction_smooth_" + itoa(r) }
func InfererReward(j int) string      { return "inferer_reward_" + itoa(j) }
func ForecasterReward(k int) string   { return "forecaster_reward_" + itoa(k) }
func ReputerReward(r int) string      { return "reputer_reward_" + itoa(r) }
