package conform

import (
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
)

// ScoreHistory holds the stored instant scores of the inferers and the
// forecasters, one entry per epoch, oldest first: the part of the topic
// state the score-normalisation sample (spec scores_rewards §7) reads. A file
// carries no such state column, so the runner rebuilds it from the score
// columns of the rows it has read; rows before the file's first row are
// unknown (see Complete).
type ScoreHistory struct {
	Inferers    []rewards.EpochScores
	Forecasters []rewards.EpochScores
}

// Scores reads a row's inferer and forecaster score columns, in index
// order (the id order of the codec, hence the stored order of the
// reference).
func (c Codec) Scores(row Row) (inf, fc []loss.Value, err error) {
	r := reader{get: row.Get}
	for j := 0; j < c.Shape.Inferers; j++ {
		if v, ok := r.val(scheme.InfererScore(j)); ok {
			inf = append(inf, loss.Value{ID: c.InfererID(j), Value: v})
		}
	}
	for k := 0; k < c.Shape.Forecasters; k++ {
		if v, ok := r.val(scheme.ForecasterScore(k)); ok {
			fc = append(fc, loss.Value{ID: c.ForecasterID(k), Value: v})
		}
	}
	return inf, fc, r.err
}

// Push appends one epoch's scores (epochs with no scores of a class add
// nothing to that class).
func (h *ScoreHistory) Push(epoch int64, inf, fc []loss.Value) {
	if len(inf) > 0 {
		h.Inferers = append(h.Inferers, rewards.EpochScores{Block: epoch, Scores: inf})
	}
	if len(fc) > 0 {
		h.Forecasters = append(h.Forecasters, rewards.EpochScores{Block: epoch, Scores: fc})
	}
}

// Prune drops the epochs no future sample of size kInf (inferers) or kFc
// (forecasters) can reach: walking newest first, an epoch contributes
// min(k, its count) scores, and the walk stops once k are collected. The
// history then holds at most k epochs per class.
func (h *ScoreHistory) Prune(kInf, kFc int) {
	h.Inferers = prune(h.Inferers, kInf)
	h.Forecasters = prune(h.Forecasters, kFc)
}

func prune(es []rewards.EpochScores, k int) []rewards.EpochScores {
	got := 0
	for i := len(es) - 1; i >= 0; i-- {
		got += min(k, len(es[i].Scores))
		if got >= k {
			return es[i:]
		}
	}
	return es
}

// Available returns the number of scores a sample of size k can draw from
// the history of a class (rewards.Inferers or rewards.Forecasters) plus
// current more scores of the epoch being rewarded: the sum over epochs of
// min(k, count), at most k.
func (h ScoreHistory) Available(class rewards.Class, k, current int) int {
	es := h.Inferers
	if class == rewards.Forecasters {
		es = h.Forecasters
	}
	got := min(k, current)
	for i := len(es) - 1; i >= 0 && got < k; i-- {
		got += min(k, len(es[i].Scores))
	}
	return min(got, k)
}
