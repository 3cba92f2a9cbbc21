package conform

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards/settle"
	"github.com/netmath/netmath/weights"
)

// Input builds a row's submissions: inferences, forecasts, the reputers'
// reported losses and stakes (× 10^18, truncated to integers) and the topic
// reward (× 10^18).
func (c Codec) Input(row Row, labels []string) (settle.Input, error) {
	r := reader{get: row.Get}
	s := c.Shape
	N, F, R, L := s.Inferers, s.Forecasters, s.Reputers, s.NumLabels()
	in := settle.Input{Epoch: row.Epoch, Labels: labels}
	for j := 0; j < N; j++ {
		var vec loss.Vector
		for l := 0; l < L; l++ {
			if v, ok := r.val(s.Inference(j, l)); ok {
				vec = append(vec, v)
			}
		}
		if len(vec) == L {
			in.Inferences = append(in.Inferences, loss.VectorValue{ID: c.InfererID(j), Values: vec})
		}
	}
	for k := 0; k < F; k++ {
		f := weights.Forecast{Forecaster: c.ForecasterID(k)}
		for j := 0; j < N; j++ {
			if v, ok := r.val(scheme.ForecastedLoss(k, j)); ok {
				f.Elements = append(f.Elements, weights.ForecastElement{Inferer: c.InfererID(j), Value: v})
			}
		}
		if len(f.Elements) > 0 {
			in.Forecasts = append(in.Forecasts, f)
		}
	}
	for i := 0; i < R; i++ {
		stake, ok := r.dec(scheme.Stake(i))
		if !ok {
			continue
		}
		rep := loss.Report{Reputer: c.ReputerID(i), Stake: stake.Shift(TokenExp).Trunc().Decimal()}
		b := &rep.Losses
		b.Combined, _ = r.val(scheme.RepNetwork(i))
		b.Naive, _ = r.val(scheme.RepNaive(i))
		for j := 0; j < N; j++ {
			if v, ok := r.val(scheme.RepInference(i, j)); ok {
				b.Inferers = append(b.Inferers, loss.Value{ID: c.InfererID(j), Value: v})
			}
		}
		for k := 0; k < F; k++ {
			if v, ok := r.val(scheme.RepFII(i, k)); ok {
				b.Forecasters = append(b.Forecasters, loss.Value{ID: c.ForecasterID(k), Value: v})
			}
		}
		for w := 0; w < N+F; w++ {
			if v, ok := r.val(scheme.RepOneOut(i, w)); ok {
				if w < N {
					b.OneOutInferers = append(b.OneOutInferers, loss.Value{ID: c.WorkerID(w), Value: v})
				} else {
					b.OneOutForecasters = append(b.OneOutForecasters, loss.Value{ID: c.WorkerID(w), Value: v})
				}
			}
		}
		for k := 0; k < F; k++ {
			if v, ok := r.val(scheme.RepOneIn(i, k)); ok {
				b.OneInForecasters = append(b.OneInForecasters, loss.Value{ID: c.ForecasterID(k), Value: v})
			}
		}
		for k := 0; k < F; k++ {
			for j := 0; j < N; j++ {
				if v, ok := r.num(scheme.RepFIIOneOut(i, k, j)); ok {
					b.OneOutInfererForecasters = append(b.OneOutInfererForecasters,
						loss.PairValue{Forecaster: c.ForecasterID(k), Inferer: c.InfererID(j), Value: v})
				}
			}
		}
		in.Reports = append(in.Reports, rep)
	}
	if v, ok := r.dec(scheme.TopicRewards); ok {
		in.TopicReward = v.Shift(TokenExp).Decimal()
	}
	if r.err != nil {
		return settle.Input{}, fmt.Errorf("conform: epoch %d: %w", row.Epoch, r.err)
	}
	return in, nil
}

// tokens converts base units back to tokens (exact).
func tokens(d dec.Dec) dec.Dec { return d.Shift(-TokenExp) }
