package rewards

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// topicRewardOf implements (14.7): E_t = (w_t / Σw) · (e_block · L_t). The
// fraction and the product round to ctx; e_block·L_t is formed with one
// rounded Mul (exact whenever it has at most the context's digits, as for
// every realistic emission).
func topicRewardOf(ctx dec.Context, w, sum, block dec.Dec, epochLength int64) (dec.Dec, error) {
	calc := dec.NewCalc(ctx)
	f := calc.Quo(w, sum)
	if f.IsZero() {
		return dec.Dec{}, calc.Err()
	}
	e := calc.Mul(f, calc.Mul(block, dec.FromInt64(epochLength)))
	if err := calc.Err(); err != nil {
		return dec.Dec{}, arith("topic reward (14.7)", err)
	}
	return e, nil
}

// TopicReward returns a topic's reward for one epoch, E_t = (w_t/Σw)·e_block·L_t
// (spec (14.7)): weight w_t (>= 0, at most weightSum), the sum Σw (> 0) of the
// previous weights of all active topics, the block emission e_block (>= 0;
// an integer on chain) and the epoch length L_t (> 0). No treasury cap (see
// TopicRewards).
//
// Precision: w/Σw, e_block·L_t and the product round to the Params'
// context.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrZeroTotal (Σw = 0) or
// ErrArithmetic.
func TopicReward(weight, weightSum, blockEmission decimal.Decimal, epochLength int64, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	w, sum, block, err := topicRewardInputs(weight, weightSum, blockEmission, epochLength)
	if err != nil {
		return decimal.Decimal{}, err
	}
	e, err := topicRewardOf(cp.ctx, w, sum, block, epochLength)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return e.Decimal(), nil
}

func topicRewardInputs(weight, weightSum, blockEmission decimal.Decimal, epochLength int64) (w, sum, block dec.Dec, err error) {
	if w, err = toDec("weight", weight); err != nil {
		return
	}
	if sum, err = toDec("weight sum", weightSum); err != nil {
		return
	}
	if block, err = toDec("block emission", blockEmission); err != nil {
		return
	}
	switch {
	case sum.Sign() == 0:
		err = fmt.Errorf("%w: the sum of topic weights is 0", ErrZeroTotal)
	case w.Sign() < 0 || sum.Sign() < 0 || w.Cmp(sum) > 0:
		err = fmt.Errorf("%w: weight %s must lie in [0, weight sum %s]", ErrInvalidValue, w, sum)
	case block.Sign() < 0 || block.Cmp(maxTokenAmount()) > 0:
		err = fmt.Errorf("%w: block emission %s outside [0, 1e77]", ErrInvalidValue, block)
	case epochLength <= 0:
		err = fmt.Errorf("%w: epoch length %d must be positive", ErrInvalidValue, epochLength)
	}
	return
}

// TopicShare is one rewarded topic of a block: its weight w_t and epoch
// length L_t.
type TopicShare struct {
	ID          string          `json:"id"`
	Weight      decimal.Decimal `json:"weight"`
	EpochLength int64           `json:"epoch_length"`
}

// TopicRewards returns the rewards of the topics rewarded in one block,
// sorted by id (spec (14.7)–(14.9)): E_t = (w_t/Σw)·e_block·L_t for each
// topic, then the treasury cap (14.8): when Σ_t E_t exceeds the treasury
// balance B, a single rewarded topic gets B and several get
// B·(w_t·L_t)/Σ(w·L) (over the topics with E_t > 0). B = 0 gives all zeros
// (14.9). weightSum is Σw over all active topics (> 0); treasury is an
// amount in [0, 1e77].
//
// Precision: every quotient and product rounds to the Params' context;
// sums are exact. With RoundDown the capped rewards sum to at most B.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrEmpty (no topics),
// ErrEmptyID, ErrDuplicateID, ErrTooLarge, ErrZeroTotal (Σw = 0) or
// ErrArithmetic.
func TopicRewards(topics []TopicShare, weightSum, blockEmission, treasury decimal.Decimal, p Params) ([]loss.Value, error) {
	cp, err := p.compile()
	if err != nil {
		return nil, err
	}
	if len(topics) == 0 {
		return nil, fmt.Errorf("%w: no topics", ErrEmpty)
	}
	if len(topics) > MaxParticipants {
		return nil, fmt.Errorf("%w: %d topics (max %d)", ErrTooLarge, len(topics), MaxParticipants)
	}
	b, err := toDec("treasury", treasury)
	if err != nil {
		return nil, err
	}
	if b.Sign() < 0 || b.Cmp(maxTokenAmount()) > 0 {
		return nil, fmt.Errorf("%w: treasury %s outside [0, 1e77]", ErrInvalidValue, b)
	}
	ts := make([]TopicShare, len(topics))
	copy(ts, topics)
	sortTopics(ts)
	out := make([]entry, len(ts))
	ws := make([]dec.Dec, len(ts))
	var total dec.Dec
	for i, t := range ts {
		if t.ID == "" {
			return nil, fmt.Errorf("%w: topic %d", ErrEmptyID, i)
		}
		if i > 0 && t.ID == ts[i-1].ID {
			return nil, fmt.Errorf("%w: topic %q twice", ErrDuplicateID, t.ID)
		}
		w, sum, block, err := topicRewardInputs(t.Weight, weightSum, blockEmission, t.EpochLength)
		if err != nil {
			return nil, fmt.Errorf("topic %q: %w", t.ID, err)
		}
		e, err := topicRewardOf(cp.ctx, w, sum, block, t.EpochLength)
		if err != nil {
			return nil, fmt.Errorf("topic %q: %w", t.ID, err)
		}
		out[i], ws[i] = entry{id: t.ID, v: e}, w
		total = total.Add(e)
	}
	if b.IsZero() {
		for i := range out {
			out[i].v = dec.Dec{}
		}
		return fromEntries(out), nil
	}
	if total.Cmp(b) <= 0 {
		return fromEntries(out), nil
	}
	// (14.8): cap to the treasury.
	var rewarded []int
	for i := range out {
		if out[i].v.Sign() > 0 {
			rewarded = append(rewarded, i)
		}
	}
	if len(rewarded) == 1 {
		out[rewarded[0]].v = b
		return fromEntries(out), nil
	}
	calc := dec.NewCalc(cp.ctx)
	wl := make([]dec.Dec, len(out))
	var sumWL dec.Dec
	for _, i := range rewarded {
		wl[i] = calc.Mul(ws[i], dec.FromInt64(ts[i].EpochLength))
		sumWL = sumWL.Add(wl[i])
	}
	for _, i := range rewarded {
		out[i].v = calc.Mul(b, calc.Quo(wl[i], sumWL))
	}
	if err := calc.Err(); err != nil {
		return nil, arith("treasury cap (14.8)", err)
	}
	return fromEntries(out), nil
}

func sortTopics(ts []TopicShare) {
	slices.SortStableFunc(ts, func(a, b TopicShare) int { return strings.Compare(a.ID, b.ID) })
}
