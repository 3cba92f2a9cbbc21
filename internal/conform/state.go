package conform

import (
	"fmt"
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/rewards/settle"
	"github.com/shopspring/decimal"
)

// StateOptions are the parts of the previous state the files do not hold.
type StateOptions struct {
	// InitialRegret is the topic's initial regret (the reference suites use
	// 1 for the inference files and 1e-4 for the multi-label file).
	InitialRegret dec.Dec
	// StoreScale stores the NEWEST regret scale 1.4826·MAD + Epsilon of the
	// previous row's inferer and forecaster regrets, as a NEWEST settlement
	// of that row would have.
	StoreScale bool
	Epsilon    dec.Dec
}

// Row is one parsed row: its epoch and a getter for its columns.
type Row struct {
	Epoch int64
	Get   Getter
}

// State builds the topic state after row prev from that row's state columns
// and, for the score histories, every earlier row (oldest first, prev last).
func (c Codec) State(rows []Row, opt StateOptions) (settle.State, error) {
	if len(rows) == 0 {
		return settle.State{}, fmt.Errorf("conform: no previous row")
	}
	var h ScoreHistory
	for _, row := range rows {
		inf, fc, err := c.Scores(row)
		if err != nil {
			return settle.State{}, err
		}
		h.Push(row.Epoch, inf, fc)
	}
	return c.StateWith(rows[len(rows)-1], h, opt)
}

// StateWith builds the topic state after row prev from that row's state
// columns, with the score histories of h (which should end with prev's
// scores; see ScoreHistory).
func (c Codec) StateWith(prev Row, h ScoreHistory, opt StateOptions) (settle.State, error) {
	r := reader{get: prev.Get}
	s := c.Shape
	N, F, R := s.Inferers, s.Forecasters, s.Reputers
	st := settle.State{Epoch: prev.Epoch}
	g := &st.Regrets
	for w := 0; w < N+F; w++ {
		if v, ok := r.val(scheme.Regret(w)); ok {
			if w < N {
				g.Inferers = append(g.Inferers, loss.Value{ID: c.WorkerID(w), Value: v})
			} else {
				g.Forecasters = append(g.Forecasters, loss.Value{ID: c.WorkerID(w), Value: v})
			}
		}
	}
	for j := 0; j < N; j++ {
		if v, ok := r.val(scheme.NaiveRegret(j)); ok {
			g.Naive = append(g.Naive, loss.Value{ID: c.InfererID(j), Value: v})
		}
	}
	for o := 0; o < N+F; o++ {
		for w := 0; w < N+F; w++ {
			v, ok := r.num(scheme.OneOutRegret(w, o))
			if !ok {
				continue
			}
			p := regret.Pair{Network: c.WorkerID(o), Worker: c.WorkerID(w), Value: v}
			switch {
			case o < N && w < N:
				g.OneOutInfererInferers = append(g.OneOutInfererInferers, p)
			case o < N:
				g.OneOutInfererForecasters = append(g.OneOutInfererForecasters, p)
			case w < N:
				g.OneOutForecasterInferers = append(g.OneOutForecasterInferers, p)
			default:
				g.OneOutForecasterForecasters = append(g.OneOutForecasterForecasters, p)
			}
		}
	}
	for k := 0; k < F; k++ {
		for w := 0; w <= N; w++ {
			v, ok := r.num(scheme.OneInRegret(w, k))
			if !ok {
				continue
			}
			if w < N {
				g.OneInInferers = append(g.OneInInferers, regret.Pair{Network: c.ForecasterID(k), Worker: c.InfererID(w), Value: v})
			} else {
				g.OneInForecasters = append(g.OneInForecasters, loss.Value{ID: c.ForecasterID(k), Value: v.Decimal()})
			}
		}
	}
	g.InitialRegret = opt.InitialRegret.Decimal()
	if opt.StoreScale {
		var rs []decimal.Decimal
		for _, v := range g.Inferers {
			rs = append(rs, v.Value)
		}
		for _, v := range g.Forecasters {
			rs = append(rs, v.Value)
		}
		if len(rs) > 0 {
			sc, err := regret.MADScale(rs, opt.Epsilon.Decimal(), 0, "")
			if err != nil {
				return settle.State{}, fmt.Errorf("conform: regret scale of epoch %d: %w", prev.Epoch, err)
			}
			g.Scale = sc
		}
	}
	if v, ok := r.val(scheme.NetworkLoss); ok {
		st.NetworkLoss = &v
	}
	for i := 0; i < R; i++ {
		if v, ok := r.val(scheme.Listening(i)); ok {
			st.Listening = append(st.Listening, loss.Value{ID: c.ReputerID(i), Value: v})
		}
	}
	tr := &st.Rewards
	for j := 0; j < N; j++ {
		if v, ok := r.val(scheme.InfererSmooth(j)); ok {
			tr.InfererFractions = append(tr.InfererFractions, loss.Value{ID: c.InfererID(j), Value: v})
		}
	}
	for k := 0; k < F; k++ {
		if v, ok := r.val(scheme.ForecasterSmooth(k)); ok {
			tr.ForecasterFractions = append(tr.ForecasterFractions, loss.Value{ID: c.ForecasterID(k), Value: v})
		}
	}
	for i := 0; i < R; i++ {
		if v, ok := r.val(scheme.ReputerSmooth(i)); ok {
			tr.ReputerFractions = append(tr.ReputerFractions, loss.Value{ID: c.ReputerID(i), Value: v})
		}
	}
	if v, ok := r.val(scheme.ScoreRatio); ok {
		tr.ForecasterScoreRatio = v
	}
	tr.InfererScores = slices.Clone(h.Inferers)
	tr.ForecasterScores = slices.Clone(h.Forecasters)
	if r.err != nil {
		return settle.State{}, r.err
	}
	return st, nil
}

// reader reads decimal columns through a Getter and remembers the first
// error.
type reader struct {
	get Getter
	err error
}

func (r *reader) dec(col string) (dec.Dec, bool) {
	if r.err != nil {
		return dec.Dec{}, false
	}
	d, ok, err := r.get(col)
	if err != nil {
		r.err = err
		return dec.Dec{}, false
	}
	return d, ok
}

func (r *reader) val(col string) (decimal.Decimal, bool) {
	d, ok := r.dec(col)
	return d.Decimal(), ok
}

func (r *reader) num(col string) (loss.Num, bool) {
	d, ok := r.dec(col)
	return num.Of(d), ok
}
