package conform

import (
	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/rewards/settle"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// index maps ids back to column indices.
type index struct {
	inf, fc, rep map[string]int
}

func (c Codec) index() index {
	x := index{inf: map[string]int{}, fc: map[string]int{}, rep: map[string]int{}}
	for j := 0; j < c.Shape.Inferers; j++ {
		x.inf[c.InfererID(j)] = j
	}
	for k := 0; k < c.Shape.Forecasters; k++ {
		x.fc[c.ForecasterID(k)] = k
	}
	for r := 0; r < c.Shape.Reputers; r++ {
		x.rep[c.ReputerID(r)] = r
	}
	return x
}

// each calls f for every value whose id is known in m.
func each(vs []loss.Value, m map[string]int, f func(i int, v dec.Dec)) {
	for _, v := range vs {
		if i, ok := m[v.ID]; ok {
			if d, err := dec.FromDecimal(v.Value); err == nil {
				f(i, d)
			}
		}
	}
}

func d(v decimal.Decimal) dec.Dec {
	x, _ := dec.FromDecimal(v)
	return x
}

// Values records, through set, every column a settlement result determines:
// the synthesis outputs, network losses, regrets, scores, listening
// coefficients, fractions, entropies, the task split and the rewards (in
// tokens). prev and in are the epoch's inputs (the forecasted regrets are
// recomputed from them).
func (c Codec) Values(prev settle.State, in settle.Input, res settle.Result, set Setter) {
	s := c.Shape
	N := s.Inferers
	x := c.index()
	if inf := res.Inference; inf != nil {
		b := inf.Bundle
		vec := func(v loss.Vector, col func(l int) string) {
			for l, e := range v {
				set(col(l), d(e))
			}
		}
		vec(b.Combined, s.NetworkInference)
		vec(b.Naive, s.Naive)
		for _, v := range b.Forecasters {
			if k, ok := x.fc[v.ID]; ok {
				vec(v.Values, func(l int) string { return s.FII(k, l) })
			}
		}
		for _, v := range b.OneOutInfererForecasters {
			k, ok1 := x.fc[v.Forecaster]
			j, ok2 := x.inf[v.Inferer]
			if ok1 && ok2 {
				vec(v.Values, func(l int) string { return s.FIIOneOut(k, j, l) })
			}
		}
		for _, v := range b.OneOutInferers {
			if j, ok := x.inf[v.ID]; ok {
				vec(v.Values, func(l int) string { return s.OneOut(j, l) })
			}
		}
		for _, v := range b.OneOutForecasters {
			if k, ok := x.fc[v.ID]; ok {
				vec(v.Values, func(l int) string { return s.OneOut(N+k, l) })
			}
		}
		for _, v := range b.OneInForecasters {
			if k, ok := x.fc[v.ID]; ok {
				vec(v.Values, func(l int) string { return s.OneIn(k, l) })
			}
		}
		if s.Labels == 0 {
			for q, eb := range inf.ErrorBars {
				if q < scheme.NumErrorBars && len(eb.Values) > 0 {
					set(scheme.ErrorBar(q), d(eb.Values[0]))
				}
			}
		}
		fr, err := weights.ForecastedRegrets(weights.Input{
			Labels: in.Labels, Inferences: in.Inferences, Forecasts: in.Forecasts,
			Regrets: prev.Regrets, PreviousLoss: prev.NetworkLoss,
		})
		if err == nil {
			for _, v := range fr {
				k, ok1 := x.fc[v.Forecaster]
				j, ok2 := x.inf[v.Inferer]
				if ok1 && ok2 {
					set(scheme.ForecastedRegret(k, j), v.Value.Dec())
				}
			}
		}
	}
	st := res.Settlement
	if st == nil {
		return
	}
	nl := st.NetworkLosses
	set(scheme.NetworkLoss, d(nl.Combined))
	set(scheme.NaiveLoss, d(nl.Naive))
	each(nl.Inferers, x.inf, func(j int, v dec.Dec) { set(scheme.InferenceLoss(j), v) })
	each(nl.Forecasters, x.fc, func(k int, v dec.Dec) { set(scheme.FIILoss(k), v) })
	for _, v := range nl.OneOutInfererForecasters {
		k, ok1 := x.fc[v.Forecaster]
		j, ok2 := x.inf[v.Inferer]
		if ok1 && ok2 {
			set(scheme.FIILossOneOut(k, j), v.Value.Dec())
		}
	}
	each(nl.OneOutInferers, x.inf, func(j int, v dec.Dec) { set(scheme.OneOutLoss(j), v) })
	each(nl.OneOutForecasters, x.fc, func(k int, v dec.Dec) { set(scheme.OneOutLoss(N+k), v) })
	each(nl.OneInForecasters, x.fc, func(k int, v dec.Dec) { set(scheme.OneInLoss(k), v) })

	g := res.State.Regrets
	each(g.Inferers, x.inf, func(j int, v dec.Dec) { set(scheme.Regret(j), v) })
	each(g.Forecasters, x.fc, func(k int, v dec.Dec) { set(scheme.Regret(N+k), v) })
	each(g.Naive, x.inf, func(j int, v dec.Dec) { set(scheme.NaiveRegret(j), v) })
	worker := func(id string) (int, bool) {
		if j, ok := x.inf[id]; ok {
			return j, true
		}
		if k, ok := x.fc[id]; ok {
			return N + k, true
		}
		return 0, false
	}
	for _, ps := range [][]regretPair{
		pairs(g.OneOutInfererInferers), pairs(g.OneOutInfererForecasters),
		pairs(g.OneOutForecasterInferers), pairs(g.OneOutForecasterForecasters),
	} {
		for _, p := range ps {
			o, ok1 := worker(p.network)
			w, ok2 := worker(p.worker)
			if ok1 && ok2 {
				set(scheme.OneOutRegret(w, o), p.value)
			}
		}
	}
	for _, p := range pairs(g.OneInInferers) {
		k, ok1 := x.fc[p.network]
		j, ok2 := x.inf[p.worker]
		if ok1 && ok2 {
			set(scheme.OneInRegret(j, k), p.value)
		}
	}
	each(g.OneInForecasters, x.fc, func(k int, v dec.Dec) { set(scheme.OneInRegret(N, k), v) })

	ws := st.WorkerScores
	each(ws.Inferers.Scores, x.inf, func(j int, v dec.Dec) { set(scheme.InfererScore(j), v) })
	each(ws.Forecasters.Scores, x.fc, func(k int, v dec.Dec) { set(scheme.ForecasterScore(k), v) })
	set(scheme.TaskScore, d(ws.ForecastTask))
	for _, r := range st.ReputerScores.Reputers {
		if i, ok := x.rep[r.Reputer]; ok {
			set(scheme.ReputerScore(i), d(r.Score))
			set(scheme.Listening(i), d(r.ListeningCoefficient))
			set(scheme.AdjustedStake(i), d(r.AdjustedStake))
		}
	}
	dist := st.Distribution
	each(dist.Inferers.Fractions, x.inf, func(j int, v dec.Dec) { set(scheme.InfererFraction(j), v) })
	each(dist.Forecasters.Fractions, x.fc, func(k int, v dec.Dec) { set(scheme.ForecasterFraction(k), v) })
	each(dist.Reputers.Fractions, x.rep, func(i int, v dec.Dec) { set(scheme.ReputerFraction(i), v) })
	each(dist.Inferers.Smoothed, x.inf, func(j int, v dec.Dec) { set(scheme.InfererSmooth(j), v) })
	each(dist.Forecasters.Smoothed, x.fc, func(k int, v dec.Dec) { set(scheme.ForecasterSmooth(k), v) })
	each(dist.Reputers.Smoothed, x.rep, func(i int, v dec.Dec) { set(scheme.ReputerSmooth(i), v) })
	set(scheme.InferersEnt, d(dist.Inferers.Entropy))
	set(scheme.ForecastEnt, d(dist.Forecasters.Entropy))
	set(scheme.ReputersEnt, d(dist.Reputers.Entropy))
	set(scheme.ScoreRatio, d(dist.Utility.ScoreRatio))
	set(scheme.Utility, d(dist.Utility.Chi))
	e := d(in.TopicReward)
	set(scheme.TopicRewards, tokens(e))
	if !e.IsZero() {
		ctx := dec.Reference()
		for _, t := range []struct {
			col string
			v   decimal.Decimal
		}{
			{scheme.InferersFrac, dist.InfererReward},
			{scheme.ForecastFrac, dist.ForecasterReward},
			{scheme.ReputersFrac, dist.ReputerReward},
		} {
			if q, err := ctx.Quo(d(t.v), e); err == nil {
				set(t.col, q)
			}
		}
	}
	each(dist.Inferers.Rewards, x.inf, func(j int, v dec.Dec) { set(scheme.InfererReward(j), tokens(v)) })
	each(dist.Forecasters.Rewards, x.fc, func(k int, v dec.Dec) { set(scheme.ForecasterReward(k), tokens(v)) })
	each(dist.Reputers.Rewards, x.rep, func(i int, v dec.Dec) { set(scheme.ReputerReward(i), tokens(v)) })
}

type regretPair struct {
	network, worker string
	value           dec.Dec
}

func pairs(ps []regret.Pair) []regretPair {
	out := make([]regretPair, len(ps))
	for i, p := range ps {
		out[i] = regretPair{p.Network, p.Worker, p.Value.Dec()}
	}
	return out
}
