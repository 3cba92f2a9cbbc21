package settle

import (
	"fmt"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/weights"
)

// Size bounds that Epoch checks before any computation, so that an
// oversized input costs time proportional to the number of lists, not to
// their lengths.
const (
	// MaxWorkerList bounds every per-worker list of a reputer's report
	// (inferer, forecaster, one-out and one-in losses): at most one entry
	// per worker, and a topic has at most weights.MaxWorkers of each.
	MaxWorkerList = weights.MaxWorkers
	// MaxPairList bounds every list keyed by a pair of workers (a report's
	// one-out-inferer forecaster losses, the pair regret stores).
	MaxPairList = weights.MaxWorkers * weights.MaxWorkers
	// MaxStateList bounds every other list of the State: the stored
	// regrets, EMA scores, listening coefficients, inclusion counts,
	// reward fractions and score samples (a topic keeps records of past
	// participants, so these may exceed MaxWorkerList).
	MaxStateList = 1 << 16
)

// checkSizes applies the bounds above (ErrTooLarge).
func checkSizes(prev State, in Input) error {
	type list struct {
		name   string
		n, max int
	}
	r := prev.Regrets
	ls := []list{
		{"regrets.inferers", len(r.Inferers), MaxStateList},
		{"regrets.forecasters", len(r.Forecasters), MaxStateList},
		{"regrets.naive", len(r.Naive), MaxStateList},
		{"regrets.one_in_forecasters", len(r.OneInForecasters), MaxStateList},
		{"regrets.one_out_inferer_inferers", len(r.OneOutInfererInferers), MaxPairList},
		{"regrets.one_out_inferer_forecasters", len(r.OneOutInfererForecasters), MaxPairList},
		{"regrets.one_out_forecaster_inferers", len(r.OneOutForecasterInferers), MaxPairList},
		{"regrets.one_out_forecaster_forecasters", len(r.OneOutForecasterForecasters), MaxPairList},
		{"regrets.one_in_inferers", len(r.OneInInferers), MaxPairList},
		{"listening", len(prev.Listening), MaxStateList},
		{"inferer_emas", len(prev.InfererEMAs), MaxStateList},
		{"forecaster_emas", len(prev.ForecasterEMAs), MaxStateList},
		{"reputer_emas", len(prev.ReputerEMAs), MaxStateList},
		{"inferer_inclusions", len(prev.InfererInclusions), MaxStateList},
		{"forecaster_inclusions", len(prev.ForecasterInclusions), MaxStateList},
		{"rewards.inferer_fractions", len(prev.Rewards.InfererFractions), MaxStateList},
		{"rewards.forecaster_fractions", len(prev.Rewards.ForecasterFractions), MaxStateList},
		{"rewards.reputer_fractions", len(prev.Rewards.ReputerFractions), MaxStateList},
		{"rewards.inferer_scores", len(prev.Rewards.InfererScores), MaxStateList},
		{"rewards.forecaster_scores", len(prev.Rewards.ForecasterScores), MaxStateList},
		{"delegated", len(in.Delegated), MaxStateList},
	}
	for _, l := range ls {
		if l.n > l.max {
			return fmt.Errorf("%w: state or input list %s has %d entries (max %d)", ErrTooLarge, l.name, l.n, l.max)
		}
	}
	for _, es := range [][]rewards.EpochScores{prev.Rewards.InfererScores, prev.Rewards.ForecasterScores} {
		for _, e := range es {
			if len(e.Scores) > MaxStateList {
				return fmt.Errorf("%w: a stored score sample has %d entries (max %d)", ErrTooLarge, len(e.Scores), MaxStateList)
			}
		}
	}
	if len(in.Reports) > loss.MaxReputersCap {
		return fmt.Errorf("%w: %d reports (max %d)", ErrTooLarge, len(in.Reports), loss.MaxReputersCap)
	}
	for _, rep := range in.Reports {
		b := rep.Losses
		for _, n := range []int{len(b.Inferers), len(b.Forecasters), len(b.OneOutInferers), len(b.OneOutForecasters), len(b.OneInForecasters)} {
			if n > MaxWorkerList {
				return fmt.Errorf("%w: report of %q lists %d workers (max %d)", ErrTooLarge, rep.Reputer, n, MaxWorkerList)
			}
		}
		if len(b.OneOutInfererForecasters) > MaxPairList {
			return fmt.Errorf("%w: report of %q lists %d pairs (max %d)", ErrTooLarge, rep.Reputer, len(b.OneOutInfererForecasters), MaxPairList)
		}
	}
	return nil
}
