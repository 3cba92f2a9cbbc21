package conform

import (
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/rewards/settle"
)

// InputValues records, through set, the input columns of a row: inferences,
// forecasted losses, stakes (in tokens) and the reputers' reported losses.
// The topic reward is recorded by Values.
func (c Codec) InputValues(in settle.Input, set Setter) {
	s := c.Shape
	N := s.Inferers
	x := c.index()
	for _, v := range in.Inferences {
		if j, ok := x.inf[v.ID]; ok {
			for l, e := range v.Values {
				set(s.Inference(j, l), d(e))
			}
		}
	}
	for _, f := range in.Forecasts {
		k, ok := x.fc[f.Forecaster]
		if !ok {
			continue
		}
		for _, e := range f.Elements {
			if j, ok := x.inf[e.Inferer]; ok {
				set(scheme.ForecastedLoss(k, j), d(e.Value))
			}
		}
	}
	for _, r := range in.Reports {
		i, ok := x.rep[r.Reputer]
		if !ok {
			continue
		}
		set(scheme.Stake(i), tokens(d(r.Stake)))
		b := r.Losses
		set(scheme.RepNetwork(i), d(b.Combined))
		set(scheme.RepNaive(i), d(b.Naive))
		for _, v := range b.Inferers {
			if j, ok := x.inf[v.ID]; ok {
				set(scheme.RepInference(i, j), d(v.Value))
			}
		}
		for _, v := range b.Forecasters {
			if k, ok := x.fc[v.ID]; ok {
				set(scheme.RepFII(i, k), d(v.Value))
			}
		}
		for _, v := range b.OneOutInferers {
			if j, ok := x.inf[v.ID]; ok {
				set(scheme.RepOneOut(i, j), d(v.Value))
			}
		}
		for _, v := range b.OneOutForecasters {
			if k, ok := x.fc[v.ID]; ok {
				set(scheme.RepOneOut(i, N+k), d(v.Value))
			}
		}
		for _, v := range b.OneInForecasters {
			if k, ok := x.fc[v.ID]; ok {
				set(scheme.RepOneIn(i, k), d(v.Value))
			}
		}
		for _, v := range b.OneOutInfererForecasters {
			k, ok1 := x.fc[v.Forecaster]
			j, ok2 := x.inf[v.Inferer]
			if ok1 && ok2 {
				set(scheme.RepFIIOneOut(i, k, j), v.Value.Dec())
			}
		}
	}
}
