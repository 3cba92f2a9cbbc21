package rewards

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// Reputer is one reputer of the rewarded epoch.
type Reputer struct {
	ID string `json:"id"`
	// Score is T_m (§6), >= 0.
	Score decimal.Decimal `json:"score"`
	// Stake is the authority stake S_m = self stake + stake delegated to the
	// reputer in the topic, read at reward time (integer base units, > 0).
	Stake decimal.Decimal `json:"stake"`
	// Delegated is S_m^del, the stake delegated to the reputer in the topic
	// (integer base units, 0 <= S_m^del <= S_m).
	Delegated decimal.Decimal `json:"delegated"`
}

// TopicInput is everything DistributeTopic needs about one rewarded epoch of
// a topic, after scoring (spec Appendix A from "fractions" on).
type TopicInput struct {
	// Block is the reward nonce i; every block in the state's score
	// histories must be lower.
	Block int64 `json:"block"`
	// Reward is the topic reward E_i (14.7), >= 0, at most 1e77; it need not
	// be an integer.
	Reward decimal.Decimal `json:"reward"`
	// NetworkLoss ℓ_i and NaiveLoss ℓ_i^- give the forecasting-task score
	// T_i^f = ℓ_i^- − ℓ_i (5.5).
	NetworkLoss decimal.Decimal `json:"network_loss"`
	NaiveLoss   decimal.Decimal `json:"naive_loss"`
	// Inferers and Forecasters hold the epoch's instant worker scores
	// (§4, §5). At least one inferer.
	Inferers    []loss.Value `json:"inferers"`
	Forecasters []loss.Value `json:"forecasters,omitempty"`
	// Reputers holds the accepted reputers (at least one).
	Reputers []Reputer `json:"reputers"`
}

// TopicState is the reward state a topic carries between epochs. Its zero
// value is a topic never rewarded. It round-trips through JSON.
type TopicState struct {
	// InfererFractions, ForecasterFractions and ReputerFractions hold each
	// actor's stored previous fraction (V6: f; NEWEST: ũ; §11). Actors
	// absent from an epoch keep theirs, as on chain.
	InfererFractions    []loss.Value `json:"inferer_fractions,omitempty"`
	ForecasterFractions []loss.Value `json:"forecaster_fractions,omitempty"`
	ReputerFractions    []loss.Value `json:"reputer_fractions,omitempty"`
	// ForecasterScoreRatio is τ_{i−1} (§12.1; 0 for a new topic).
	ForecasterScoreRatio decimal.Decimal `json:"forecaster_score_ratio"`
	// InfererScores and ForecasterScores are the stored score histories of
	// §7, pruned to the epochs a future sample can reach.
	InfererScores    []EpochScores `json:"inferer_scores,omitempty"`
	ForecasterScores []EpochScores `json:"forecaster_scores,omitempty"`
}

// ClassDistribution holds every intermediate of one class. Lists are sorted
// by id.
type ClassDistribution struct {
	// ScoreScale is σ, the Bessel standard deviation of the score sample
	// Σ_hist (10.1); workers only.
	ScoreScale decimal.Decimal `json:"score_scale"`
	// Fractions holds the instant fractions u, v (10.4) or w (10.5).
	Fractions []loss.Value `json:"fractions"`
	// Smoothed and Modified hold ũ (11.1) and f (11.2); empty for the
	// forecasters when their entropy is skipped.
	Smoothed []loss.Value `json:"smoothed,omitempty"`
	Modified []loss.Value `json:"modified,omitempty"`
	// EffectiveNumber is N_eff (11.3) and Entropy the class entropy F, G or
	// H (11.4)/(11.5).
	EffectiveNumber decimal.Decimal `json:"effective_number"`
	Entropy         decimal.Decimal `json:"entropy"`
	// Rewards holds each actor's decimal reward R = fraction × task reward
	// (13.1), (13.2), before truncation and before the delegator split.
	Rewards []loss.Value `json:"rewards"`
	// Payouts holds each actor's integer payout; for reputers the part the
	// reputer keeps after the delegator split.
	Payouts []loss.Value `json:"payouts"`
}

// Delegation is the delegators' part of one reputer's reward (13.3).
type Delegation struct {
	Reputer string `json:"reputer"`
	// Amount is D_m, integer base units.
	Amount decimal.Decimal `json:"amount"`
	// RewardPerShare is the increment D_m / S_m^del of the reputer's
	// RewardPerShare (0 when D_m = 0).
	RewardPerShare decimal.Decimal `json:"reward_per_share"`
}

// Distribution is the outcome of DistributeTopic.
type Distribution struct {
	Inferers    ClassDistribution `json:"inferers"`
	Forecasters ClassDistribution `json:"forecasters"`
	Reputers    ClassDistribution `json:"reputers"`
	// ForecasterEntropySkipped reports the G = 0 rule of §11: unless
	// N_f > 0 and N_i > 1 the forecaster entropy is 0, the forecasters'
	// previous fractions are not updated and V_i = 0.
	ForecasterEntropySkipped bool `json:"forecaster_entropy_skipped"`
	// Utility holds T^f, M⁺, τ_i and χ (12.1)–(12.6).
	Utility ForecastUtility `json:"utility"`
	// Gamma is γ (12.7).
	Gamma decimal.Decimal `json:"gamma"`
	// InfererReward U_i, ForecasterReward V_i and ReputerReward W_i are the
	// task rewards (12.8)–(12.10).
	InfererReward    decimal.Decimal `json:"inferer_reward"`
	ForecasterReward decimal.Decimal `json:"forecaster_reward"`
	ReputerReward    decimal.Decimal `json:"reputer_reward"`
	// Delegations holds the delegators' part of each reputer's reward, by
	// reputer id.
	Delegations []Delegation `json:"delegations"`
	// Paid is the sum of every integer payout (workers, reputers and
	// delegations); Remainder = E_i − Paid stays in the treasury.
	Paid      decimal.Decimal `json:"paid"`
	Remainder decimal.Decimal `json:"remainder"`
	// State is the topic's reward state after this epoch.
	State TopicState `json:"state"`
}

// reputerIn is a validated reputer.
type reputerIn struct {
	id                      string
	score, stake, delegated dec.Dec
}

// DistributeTopic runs the reward distribution of one topic epoch after
// scoring (spec Appendix A, §§7, 10–13), as the settlement calls it:
//
//  1. score samples Σ_hist (7.1) from the state's histories plus this
//     epoch's scores;
//  2. instant fractions: reputers (10.5), inferers and forecasters (10.4);
//  3. smoothed and modified fractions, effective numbers and entropies
//     H, F, G (11.1)–(11.5), with G = 0 unless N_f > 0 and N_i > 1;
//  4. τ, χ (12.1)–(12.6), γ and the task rewards W, U, V (12.7)–(12.10);
//  5. per-actor rewards R = instant fraction × task reward (13.1), (13.2);
//  6. integer payouts and the reputers' delegator split (13.3), in the
//     Params' PayoutMode: reference (each amount truncated; the dust stays
//     in the treasury) or conserving (trunc(E_i) apportioned exactly to the
//     three tasks by largest remainder, ties in the order reputers,
//     inferers, forecasters, then each task pool to its actors, ties by id;
//     the payouts and delegations sum to exactly trunc(E_i));
//  7. the new state: stored fractions (merged into the previous ones), τ_i
//     and the pruned score histories.
//
// The result does not depend on the order of the input lists. The
// reference chain skips topics whose reward is 0; DistributeTopic computes
// them (every payout 0).
//
// Precision: as the component functions (WorkerFractions,
// ReputerFractions, TaskEntropy, ForecastingUtility, SplitTopicReward,
// Payouts, SplitDelegatorReward): every product, quotient and transcendental
// rounds to the Params' context, every sum is exact, payouts are exact
// integers.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrEmpty (no inferers or
// no reputers), ErrEmptyID, ErrDuplicateID, ErrTooLarge, ErrZeroTotal,
// ErrDegenerate, ErrOverpay or ErrArithmetic. No state is returned on
// error.
func DistributeTopic(in TopicInput, state TopicState, p Params) (Distribution, error) {
	cp, err := p.compile()
	if err != nil {
		return Distribution{}, err
	}
	x, err := validateTopic(in, state, cp)
	if err != nil {
		return Distribution{}, err
	}
	return distribute(cp, x)
}

// topicIn is a validated TopicInput and TopicState.
type topicIn struct {
	block                   int64
	reward                  dec.Dec
	taskScore               dec.Dec
	inf, fc                 []entry
	reps                    []reputerIn
	prevInf, prevFc, prevRp []entry
	tau                     dec.Dec
	histInf, histFc         []epoch
}

func validateTopic(in TopicInput, st TopicState, cp params) (topicIn, error) {
	var x topicIn
	var err error
	x.block = in.Block
	if x.reward, err = toReward(in.Reward); err != nil {
		return x, err
	}
	nl, err := toDec("network loss", in.NetworkLoss)
	if err != nil {
		return x, err
	}
	nv, err := toDec("naive loss", in.NaiveLoss)
	if err != nil {
		return x, err
	}
	x.taskScore = nv.Sub(nl)
	if x.inf, err = toEntries("inferers", in.Inferers); err != nil {
		return x, err
	}
	if len(x.inf) == 0 {
		return x, fmt.Errorf("%w: no inferers (empty worker set)", ErrEmpty)
	}
	if x.fc, err = toEntries("forecasters", in.Forecasters); err != nil {
		return x, err
	}
	if x.reps, err = toReputers(in.Reputers); err != nil {
		return x, err
	}
	for _, f := range []struct {
		name string
		src  []loss.Value
		dst  *[]entry
	}{{"previous inferer fractions", st.InfererFractions, &x.prevInf},
		{"previous forecaster fractions", st.ForecasterFractions, &x.prevFc},
		{"previous reputer fractions", st.ReputerFractions, &x.prevRp}} {
		if *f.dst, err = toEntriesMax(f.name, f.src, MaxStateEntries); err != nil {
			return x, err
		}
		if err = checkFractions(f.name, *f.dst); err != nil {
			return x, err
		}
	}
	if x.tau, err = toDec("forecaster score ratio", st.ForecasterScoreRatio); err != nil {
		return x, err
	}
	if x.histInf, err = toHistory("inferer scores", st.InfererScores, cp.sampleCap(Inferers)); err != nil {
		return x, err
	}
	if x.histFc, err = toHistory("forecaster scores", st.ForecasterScores, cp.sampleCap(Forecasters)); err != nil {
		return x, err
	}
	for _, h := range [][]epoch{x.histInf, x.histFc} {
		if len(h) > 0 && h[0].block >= in.Block {
			return x, fmt.Errorf("%w: score history holds block %d, not before the reward nonce %d", ErrInvalidValue, h[0].block, in.Block)
		}
	}
	return x, nil
}

func toReputers(rs []Reputer) ([]reputerIn, error) {
	if len(rs) == 0 {
		return nil, fmt.Errorf("%w: no reputers", ErrEmpty)
	}
	if len(rs) > MaxParticipants {
		return nil, fmt.Errorf("%w: %d reputers (max %d)", ErrTooLarge, len(rs), MaxParticipants)
	}
	out := make([]reputerIn, len(rs))
	for i, r := range rs {
		if r.ID == "" {
			return nil, fmt.Errorf("%w: reputer %d", ErrEmptyID, i)
		}
		who := fmt.Sprintf("reputer %q", r.ID)
		sc, err := toDec("score of "+who, r.Score)
		if err != nil {
			return nil, err
		}
		if sc.Sign() < 0 {
			return nil, fmt.Errorf("%w: %s has negative score %s", ErrInvalidValue, who, sc)
		}
		s, dl, err := checkDelegation(who, r.Stake, r.Delegated)
		if err != nil {
			return nil, err
		}
		out[i] = reputerIn{id: r.ID, score: sc, stake: s, delegated: dl}
	}
	sortReputers(out)
	for i := 1; i < len(out); i++ {
		if out[i].id == out[i-1].id {
			return nil, fmt.Errorf("%w: reputer %q twice", ErrDuplicateID, out[i].id)
		}
	}
	return out, nil
}

func sortReputers(rs []reputerIn) {
	slices.SortFunc(rs, func(a, b reputerIn) int { return strings.Compare(a.id, b.id) })
}

func distribute(cp params, x topicIn) (Distribution, error) {
	var d Distribution
	ctx := cp.ctx
	nInf, nFc := len(x.inf), len(x.fc)

	// Reputers: (10.5) and H (11.1)–(11.5).
	rid := make([]string, len(x.reps))
	stakes := make([]dec.Dec, len(x.reps))
	rscores := make([]dec.Dec, len(x.reps))
	for i, r := range x.reps {
		rid[i], stakes[i], rscores[i] = r.id, r.stake, r.score
	}
	w, err := reputerFractions(ctx, stakes, rscores, cp.pRep)
	if err != nil {
		return d, err
	}
	pv, has := previousFor(rid, lookup(x.prevRp))
	hRep, err := entropyOf(ctx, w, pv, has, cp.alphaTask, cp.beta, cp.newest)
	if err != nil {
		return d, fmt.Errorf("reputer entropy: %w", err)
	}

	// Inferers: sample (7.1), (10.4), F.
	capInf := cp.sampleCap(Inferers)
	histInf := append([]epoch{{block: x.block, scores: stored(x.inf, capInf)}}, x.histInf...)
	iid := ids(x.inf)
	u, sigInf, err := workerFractions(ctx, values(x.inf), sampleOf(histInf, capInf), cp.pInf, cp.cInf, cp.eps)
	if err != nil {
		return d, fmt.Errorf("inferer fractions: %w", err)
	}
	pv, has = previousFor(iid, lookup(x.prevInf))
	fInf, err := entropyOf(ctx, u, pv, has, cp.alphaTask, cp.beta, cp.newest)
	if err != nil {
		return d, fmt.Errorf("inferer entropy: %w", err)
	}

	// Forecasters: sample, (10.4), G (or the G = 0 rule).
	capFc := cp.sampleCap(Forecasters)
	histFc := x.histFc
	fid := ids(x.fc)
	var v []dec.Dec
	var sigFc dec.Dec
	var gFc classEntropy
	if nFc > 0 {
		histFc = append([]epoch{{block: x.block, scores: stored(x.fc, capFc)}}, x.histFc...)
		v, sigFc, err = workerFractions(ctx, values(x.fc), sampleOf(histFc, capFc), cp.pFc, cp.cFc, cp.eps)
		if err != nil {
			return d, fmt.Errorf("forecaster fractions: %w", err)
		}
	}
	skipG := !(nFc > 0 && nInf > 1)
	if !skipG {
		pv, has = previousFor(fid, lookup(x.prevFc))
		if gFc, err = entropyOf(ctx, v, pv, has, cp.alphaTask, cp.beta, cp.newest); err != nil {
			return d, fmt.Errorf("forecaster entropy: %w", err)
		}
	}

	// (12.1)–(12.10).
	ut, err := utilityOf(ctx, values(x.inf), x.taskScore, x.tau, cp.alphaTask, cp.resetTau)
	if err != nil {
		return d, err
	}
	sp, err := splitOf(ctx, x.reward, fInf.entropy, gFc.entropy, hRep.entropy, ut.chi)
	if err != nil {
		return d, err
	}

	// (13.1)–(13.2): decimal rewards from the instant fractions.
	calc := dec.NewCalc(ctx)
	times := func(fr []dec.Dec, task dec.Dec) []dec.Dec {
		out := make([]dec.Dec, len(fr))
		for i, f := range fr {
			out[i] = calc.Mul(f, task)
		}
		return out
	}
	rInf, rFc, rRep := times(u, sp.u), times(v, sp.v), times(w, sp.w)
	if err := calc.Err(); err != nil {
		return d, arith("per-actor reward (13.1)", err)
	}

	// Payouts (13.3).
	var pInf, pFc, pRep []dec.Dec
	amounts := make([]dec.Dec, len(x.reps)) // reputer totals before the delegator split
	if cp.mode == PayoutConserving {
		pools, err := apportion([]dec.Dec{sp.w, sp.u, sp.v}, x.reward.TruncInt())
		if err != nil {
			return d, fmt.Errorf("task pools: %w", err)
		}
		for _, c := range []struct {
			fr   []dec.Dec
			pool *big.Int
			dst  *[]dec.Dec
		}{{w, pools[0], &amounts}, {u, pools[1], &pInf}, {v, pools[2], &pFc}} {
			a, err := apportion(c.fr, c.pool)
			if err != nil {
				return d, err
			}
			if *c.dst, err = bigsToDecs(a); err != nil {
				return d, err
			}
		}
	} else {
		pInf, pFc, amounts = truncAll(rInf), truncAll(rFc), rRep
	}
	pRep = make([]dec.Dec, len(x.reps))
	d.Delegations = make([]Delegation, len(x.reps))
	paid := dec.Sum(pInf).Add(dec.Sum(pFc))
	for i, r := range x.reps {
		dl, err := delegationOf(ctx, cp.mode, amounts[i], r.stake, r.delegated)
		if err != nil {
			return d, fmt.Errorf("reputer %q: %w", r.id, err)
		}
		pRep[i] = dl.reputer
		d.Delegations[i] = Delegation{Reputer: r.id, Amount: dl.delegators.Decimal(), RewardPerShare: dl.perShare.Decimal()}
		paid = paid.Add(dl.reputer).Add(dl.delegators)
	}
	if paid.Cmp(x.reward) > 0 {
		return d, fmt.Errorf("%w: %s paid from a topic reward of %s", ErrOverpay, paid, x.reward)
	}

	// Assemble.
	d.Reputers = classOut(rid, dec.Dec{}, w, hRep, rRep, pRep)
	d.Inferers = classOut(iid, sigInf, u, fInf, rInf, pInf)
	d.Forecasters = classOut(fid, sigFc, v, gFc, rFc, pFc)
	d.ForecasterEntropySkipped = skipG
	d.Utility = ut.public()
	d.Gamma = sp.gamma.Decimal()
	d.InfererReward, d.ForecasterReward, d.ReputerReward = sp.u.Decimal(), sp.v.Decimal(), sp.w.Decimal()
	d.Paid, d.Remainder = paid.Decimal(), x.reward.Sub(paid).Decimal()

	d.State = TopicState{
		InfererFractions:     fromEntries(mergeEntries(x.prevInf, zipEntries(iid, fInf.stored))),
		ForecasterFractions:  fromEntries(x.prevFc),
		ReputerFractions:     fromEntries(mergeEntries(x.prevRp, zipEntries(rid, hRep.stored))),
		ForecasterScoreRatio: ut.tau.Decimal(),
		InfererScores:        fromHistory(prune(histInf, capInf)),
		ForecasterScores:     fromHistory(prune(histFc, capFc)),
	}
	if !skipG {
		d.State.ForecasterFractions = fromEntries(mergeEntries(x.prevFc, zipEntries(fid, gFc.stored)))
	}
	for _, l := range []*[]loss.Value{&d.State.InfererFractions, &d.State.ForecasterFractions, &d.State.ReputerFractions} {
		if len(*l) > MaxStateEntries {
			return d, fmt.Errorf("%w: the stored fractions would hold %d actors (max %d); prune the state", ErrTooLarge, len(*l), MaxStateEntries)
		}
	}
	return d, nil
}

func truncAll(xs []dec.Dec) []dec.Dec {
	out := make([]dec.Dec, len(xs))
	for i, x := range xs {
		out[i] = x.Trunc()
	}
	return out
}

func classOut(id []string, sigma dec.Dec, fr []dec.Dec, ce classEntropy, rw, pay []dec.Dec) ClassDistribution {
	c := ClassDistribution{
		ScoreScale:      sigma.Decimal(),
		Fractions:       fromEntries(zipEntries(id, fr)),
		EffectiveNumber: ce.neff.Decimal(),
		Entropy:         ce.entropy.Decimal(),
		Rewards:         fromEntries(zipEntries(id, rw)),
		Payouts:         fromEntries(zipEntries(id, pay)),
	}
	if ce.smoothed != nil {
		c.Smoothed = fromEntries(zipEntries(id, ce.smoothed))
		c.Modified = fromEntries(zipEntries(id, ce.modified))
	}
	return c
}

// mergeEntries returns old with the entries of cur added or replaced, sorted
// by id (both inputs are id-sorted).
func mergeEntries(old, cur []entry) []entry {
	out := make([]entry, 0, len(old)+len(cur))
	i, j := 0, 0
	for i < len(old) || j < len(cur) {
		switch {
		case j == len(cur):
			out = append(out, old[i])
			i++
		case i == len(old):
			out = append(out, cur[j])
			j++
		default:
			switch c := strings.Compare(old[i].id, cur[j].id); {
			case c < 0:
				out = append(out, old[i])
				i++
			case c > 0:
				out = append(out, cur[j])
				j++
			default:
				out = append(out, cur[j])
				i++
				j++
			}
		}
	}
	return out
}
