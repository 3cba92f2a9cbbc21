package rewards

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// Class names one of the three actor classes of a topic.
type Class string

// The actor classes.
const (
	Inferers    Class = "inferers"
	Forecasters Class = "forecasters"
	Reputers    Class = "reputers"
)

// EpochScores is the list of instant scores of one class stored at one
// reward nonce (spec §7). Within an epoch the stored order is the id order
// (byte-wise), the reference chain's address order.
type EpochScores struct {
	Block  int64        `json:"block"`
	Scores []loss.Value `json:"scores"`
}

// sampleCap returns the per-epoch storage cap and sample size of §7:
// MaxSamplesToScaleScores under V6, MaxSamplesToScaleScores ×
// MaxTop{Inferers|Forecasters|Reputers}ToReward under NEWEST (#702).
func (p params) sampleCap(c Class) int {
	if !p.newest {
		return p.samples
	}
	switch c {
	case Inferers:
		return p.samples * p.topInf
	case Forecasters:
		return p.samples * p.topFc
	}
	return p.samples * p.topRep
}

// ScoreSampleSize returns the per-epoch storage cap, which is also the
// sample size, of spec §7 for a class: MaxSamplesToScaleScores under V6 and
// MaxSamplesToScaleScores × MaxTop{Inferers|Forecasters|Reputers}ToReward
// under NEWEST.
func ScoreSampleSize(c Class, p Params) (int, error) {
	cp, err := p.compile()
	if err != nil {
		return 0, err
	}
	if err := c.validate(); err != nil {
		return 0, err
	}
	return cp.sampleCap(c), nil
}

func (c Class) validate() error {
	switch c {
	case Inferers, Forecasters, Reputers:
		return nil
	}
	return fmt.Errorf("%w: unknown class %q", ErrInvalidValue, string(c))
}

// epoch is one stored epoch: its block and its stored scores in stored
// order, already truncated to the cap.
type epoch struct {
	block  int64
	scores []entry
}

// stored truncates an id-sorted score list to what the reference chain keeps
// for one block: the last cap entries (the earliest appended are dropped).
func stored(scores []entry, limit int) []entry {
	if len(scores) > limit {
		return scores[len(scores)-limit:]
	}
	return scores
}

// toHistory validates and converts a score history: unique blocks, at most
// MaxHistoryEpochs epochs, every list valid. The result is sorted by block,
// newest first, each list truncated to limit.
func toHistory(field string, h []EpochScores, limit int) ([]epoch, error) {
	if len(h) > MaxHistoryEpochs {
		return nil, fmt.Errorf("%w: %s has %d epochs (max %d)", ErrTooLarge, field, len(h), MaxHistoryEpochs)
	}
	out := make([]epoch, len(h))
	for i, e := range h {
		es, err := toEntries(fmt.Sprintf("%s[block %d]", field, e.Block), e.Scores)
		if err != nil {
			return nil, err
		}
		out[i] = epoch{block: e.Block, scores: stored(es, limit)}
	}
	slices.SortFunc(out, func(a, b epoch) int { return cmp.Compare(b.block, a.block) })
	for i := 1; i < len(out); i++ {
		if out[i].block == out[i-1].block {
			return nil, fmt.Errorf("%w: %s has block %d twice", ErrDuplicateID, field, out[i].block)
		}
	}
	return out, nil
}

// sampleOf implements (7.1): walk the epochs newest first, each in stored
// order, and take scores until limit have been collected.
func sampleOf(h []epoch, limit int) []dec.Dec {
	var out []dec.Dec
	for _, e := range h {
		for _, s := range e.scores {
			if len(out) == limit {
				return out
			}
			out = append(out, s.v)
		}
	}
	return out
}

// prune keeps the newest epochs that together hold at least limit scores:
// older epochs can no longer reach a sample (7.1).
func prune(h []epoch, limit int) []epoch {
	n := 0
	for i, e := range h {
		n += len(e.scores)
		if n >= limit {
			return h[:i+1]
		}
	}
	return h
}

func fromHistory(h []epoch) []EpochScores {
	out := make([]EpochScores, len(h))
	for i, e := range h {
		out[i] = EpochScores{Block: e.block, Scores: fromEntries(e.scores)}
	}
	return out
}

// ScoreSample builds the normalisation sample Σ_hist of spec (7.1) from a
// class's score history, which must include the epoch being rewarded: each
// epoch keeps the last ScoreSampleSize scores of its id-sorted list; the
// sample takes epochs in descending block order, each in id order, until
// ScoreSampleSize scores are collected. Blocks must be unique. The result
// is exact (no arithmetic).
//
// Errors wrap ErrInvalidParams, ErrInvalidValue (unknown class),
// ErrDuplicateID, ErrEmptyID or ErrTooLarge.
func ScoreSample(history []EpochScores, c Class, p Params) ([]decimal.Decimal, error) {
	limit, err := ScoreSampleSize(c, p)
	if err != nil {
		return nil, err
	}
	h, err := toHistory("history", history, limit)
	if err != nil {
		return nil, err
	}
	s := sampleOf(h, limit)
	out := make([]decimal.Decimal, len(s))
	for i, x := range s {
		out[i] = x.Decimal()
	}
	return out, nil
}
