package settle

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/reputation"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// Epoch settles one epoch: inference time for this epoch's submissions, then
// the settlement of the reputers' reports (see the package documentation for
// the order and doc comments of Result for what each part holds).
//
// Every step is delegated to the package that owns its formulas, with that
// package's parameters from p; see their documentation for the precision of
// each operation (34 significant digits with truncation by default; sums
// exact; payouts exact integers). prev is not modified.
//
// Errors wrap ErrInvalidParams, ErrInvalidInput, ErrTooLarge or the error of the failing
// package (weights, loss, regret, reputation, rewards), prefixed with the
// step. No partial result is returned on error: the caller keeps prev.
func Epoch(prev State, in Input, p Params) (Result, error) {
	if err := p.Validate(); err != nil {
		return Result{}, err
	}
	if err := checkSizes(prev, in); err != nil {
		return Result{}, err
	}
	if in.Epoch <= prev.Epoch {
		return Result{}, fmt.Errorf("%w: epoch %d does not follow %d", ErrInvalidInput, in.Epoch, prev.Epoch)
	}
	res := Result{Epoch: in.Epoch, State: prev}
	res.State.Epoch = in.Epoch

	if len(in.Inferences) > 0 {
		inf, err := weights.Synthesize(weights.Input{
			Labels:       in.Labels,
			Inferences:   in.Inferences,
			Forecasts:    in.Forecasts,
			Regrets:      prev.Regrets,
			PreviousLoss: prev.NetworkLoss,
		}, p.Weights)
		if err != nil {
			return Result{}, fmt.Errorf("synthesis: %w", err)
		}
		res.Inference = &inf
	}
	if len(in.Reports) > 0 {
		s, st, err := settle(prev, in, p)
		if err != nil {
			return Result{}, err
		}
		res.Settlement = &s
		st.Epoch = in.Epoch
		res.State = st
	}
	return res, nil
}

// settle runs the settlement-time steps in the reference order (spec
// scores_rewards §2): network losses and regrets at reputer-nonce close, then
// reputer scores, worker scores, EMA scores and quantiles, and the reward
// distribution.
func settle(prev State, in Input, p Params) (Settlement, State, error) {
	var s Settlement
	var err error
	if s.NetworkLosses, err = loss.NetworkLosses(in.Reports, p.Loss); err != nil {
		return s, State{}, fmt.Errorf("network losses: %w", err)
	}
	if s.Regrets, err = regret.Update(regret.Input{
		Previous:             prev.Regrets,
		Losses:               s.NetworkLosses,
		InfererInclusions:    prev.InfererInclusions,
		ForecasterInclusions: prev.ForecasterInclusions,
	}, p.Regret); err != nil {
		return s, State{}, fmt.Errorf("regrets: %w", err)
	}
	if s.ReputerScores, err = reputation.ScoreReputers(in.Reports, prev.Listening, p.Reputation); err != nil {
		return s, State{}, fmt.Errorf("reputer scores: %w", err)
	}
	if s.WorkerScores, err = reputation.ScoreWorkers(s.NetworkLosses, p.Reputation); err != nil {
		return s, State{}, fmt.Errorf("worker scores: %w", err)
	}
	repScores := reputation.ClassScores{Scores: make([]loss.Value, len(s.ReputerScores.Reputers))}
	for i, r := range s.ReputerScores.Reputers {
		repScores.Scores[i] = loss.Value{ID: r.Reputer, Value: r.Score}
	}
	for _, c := range []struct {
		class  reputation.Class
		scores reputation.ClassScores
		stored []reputation.EMAScore
		q, e0  decimal.Decimal
		out    *reputation.Settlement
	}{
		{reputation.Inferer, s.WorkerScores.Inferers, prev.InfererEMAs, prev.Quantiles.Inferers, prev.InitialEMAs.Inferers, &s.InfererEMAs},
		{reputation.Forecaster, s.WorkerScores.Forecasters, prev.ForecasterEMAs, prev.Quantiles.Forecasters, prev.InitialEMAs.Forecasters, &s.ForecasterEMAs},
		{reputation.Reputer, repScores, prev.ReputerEMAs, prev.Quantiles.Reputers, prev.InitialEMAs.Reputers, &s.ReputerEMAs},
	} {
		if *c.out, err = reputation.SettleClass(c.class, c.scores, c.stored, c.q, c.e0, in.Epoch, p.Reputation); err != nil {
			return s, State{}, fmt.Errorf("%s EMA scores: %w", c.class, err)
		}
	}
	reps, err := rewardReputers(in, s.ReputerScores)
	if err != nil {
		return s, State{}, err
	}
	st := prev
	if len(s.WorkerScores.Inferers.Scores) == 0 {
		// The reference's entropy step fails on an empty inferer set and
		// skips the topic's rewards for the block (spec scores_rewards §2,
		// §11); everything settled above still applies.
		s.RewardsSkipped = "no inferer scores (the graded bundle has no one-out inferer values)"
		// The inputs of the skipped distribution are refused as
		// DistributeTopic would refuse them.
		if err := rewards.CheckRewardInputs(in.TopicReward, reps); err != nil {
			return s, State{}, fmt.Errorf("rewards: %w", err)
		}
	} else if s.Distribution, err = rewards.DistributeTopic(rewards.TopicInput{
		Block:       in.Epoch,
		Reward:      in.TopicReward,
		NetworkLoss: s.NetworkLosses.Combined,
		NaiveLoss:   s.NetworkLosses.Naive,
		Inferers:    s.WorkerScores.Inferers.Scores,
		Forecasters: s.WorkerScores.Forecasters.Scores,
		Reputers:    reps,
	}, prev.Rewards, p.Rewards); err != nil {
		return s, State{}, fmt.Errorf("rewards: %w", err)
	} else {
		st.Rewards = s.Distribution.State
		st.InfererInclusions = countPaid(prev.InfererInclusions, s.Distribution.Inferers.Payouts)
		st.ForecasterInclusions = countPaid(prev.ForecasterInclusions, s.Distribution.Forecasters.Payouts)
	}
	st.Regrets = s.Regrets.State
	combined := s.NetworkLosses.Combined
	st.NetworkLoss = &combined
	coef := make([]loss.Value, len(s.ReputerScores.Reputers))
	for i, r := range s.ReputerScores.Reputers {
		coef[i] = loss.Value{ID: r.Reputer, Value: r.ListeningCoefficient}
	}
	st.Listening = merge(prev.Listening, coef, func(v loss.Value) string { return v.ID })
	emaID := func(e reputation.EMAScore) string { return e.ID }
	st.InfererEMAs = merge(prev.InfererEMAs, s.InfererEMAs.EMAs, emaID)
	st.ForecasterEMAs = merge(prev.ForecasterEMAs, s.ForecasterEMAs.EMAs, emaID)
	st.ReputerEMAs = merge(prev.ReputerEMAs, s.ReputerEMAs.EMAs, emaID)
	st.Quantiles = Classes{s.InfererEMAs.Quantile, s.ForecasterEMAs.Quantile, s.ReputerEMAs.Quantile}
	st.InitialEMAs = Classes{s.InfererEMAs.InitialEMA, s.ForecasterEMAs.InitialEMA, s.ReputerEMAs.InitialEMA}
	return s, st, nil
}

// rewardReputers pairs each scored reputer with its stake and delegated
// stake.
func rewardReputers(in Input, rs reputation.ReputerScores) ([]rewards.Reputer, error) {
	stake := make(map[string]decimal.Decimal, len(in.Reports))
	for _, r := range in.Reports {
		stake[r.Reputer] = r.Stake
	}
	delegated := make(map[string]decimal.Decimal, len(in.Delegated))
	for _, d := range in.Delegated {
		if _, ok := stake[d.ID]; !ok {
			return nil, fmt.Errorf("%w: delegation to %q, which did not report", ErrInvalidInput, d.ID)
		}
		if _, dup := delegated[d.ID]; dup {
			return nil, fmt.Errorf("%w: two delegations to %q", ErrInvalidInput, d.ID)
		}
		delegated[d.ID] = d.Value
	}
	out := make([]rewards.Reputer, len(rs.Reputers))
	for i, r := range rs.Reputers {
		out[i] = rewards.Reputer{ID: r.Reputer, Score: r.Score, Stake: stake[r.Reputer], Delegated: delegated[r.Reputer]}
	}
	return out, nil
}

// merge returns the union of old and upd sorted by id, upd winning.
func merge[T any](old, upd []T, id func(T) string) []T {
	out := make([]T, 0, len(old)+len(upd))
	seen := make(map[string]bool, len(upd))
	for _, v := range upd {
		seen[id(v)] = true
	}
	for _, v := range old {
		if !seen[id(v)] {
			out = append(out, v)
		}
	}
	out = append(out, upd...)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

// countPaid adds one inclusion for every worker paid a positive amount.
func countPaid(prev []regret.Inclusion, payouts []loss.Value) []regret.Inclusion {
	count := make(map[string]uint64, len(prev))
	for _, c := range prev {
		count[c.ID] = c.Count
	}
	var upd []regret.Inclusion
	for _, p := range payouts {
		if p.Value.Sign() > 0 {
			upd = append(upd, regret.Inclusion{ID: p.ID, Count: count[p.ID] + 1})
		}
	}
	return merge(prev, upd, func(c regret.Inclusion) string { return c.ID })
}
