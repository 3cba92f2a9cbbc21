package regret

// Column ↔ store mapping of the reference simulator fixtures, generalised to
// any N inferers and F forecasters found in a header (fixtures README, "Read
// this first" and §2.3/§2.4 SetRegretsFromPreviousEpoch; spec §10). Worker
// index W: inferer j is W = j < N, forecaster K is W = N + K. Column names
// come from internal/scheme; which State store and key each regret column
// fills, and which loss.Bundle field each network-loss column fills, is
// decided here and nowhere else, so a conformance runner can lift it.

import (
	"fmt"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// fxLayout is the worker layout of a fixture: N inferers, F forecasters.
type fxLayout struct{ n, f int }

// fxLayoutOf reads N and F from the header (scheme.Detect).
func fxLayoutOf(tb testing.TB, t *fixture.Table) fxLayout {
	tb.Helper()
	sh, err := scheme.Detect(t.Header)
	if err != nil {
		tb.Fatalf("%s: %v", t.Name, err)
	}
	return fxLayout{n: sh.Inferers, f: sh.Forecasters}
}

// infererID and forecasterID name fixture workers. The names sort like the
// indices for fewer than 10 workers; nothing depends on that.
func infererID(j int) string    { return fmt.Sprintf("inferer%d", j) }
func forecasterID(k int) string { return fmt.Sprintf("forecaster%d", k) }

// workerID maps the combined worker index W.
func (l fxLayout) workerID(w int) string {
	if w < l.n {
		return infererID(w)
	}
	return forecasterID(w - l.n)
}

// fxStore names a regret store of State.
type fxStore int

const (
	fxInferers fxStore = iota
	fxForecasters
	fxNaive
	fxOneOutInfererInferers
	fxOneOutInfererForecasters
	fxOneOutForecasterInferers
	fxOneOutForecasterForecasters
	fxOneInInferers
	fxOneInForecasters
)

// fxRegretCol is one regret column: its family (for reports), its name and
// the store entry it holds (net is empty for per-worker stores).
type fxRegretCol struct {
	family, col string
	store       fxStore
	net, worker string
}

// regretColumns lists every regret column of the layout.
func (l fxLayout) regretColumns() []fxRegretCol {
	var cs []fxRegretCol
	add := func(family, col string, s fxStore, net, worker string) {
		cs = append(cs, fxRegretCol{family, col, s, net, worker})
	}
	for w := 0; w < l.n+l.f; w++ {
		col := scheme.Regret(w)
		if w < l.n {
			add("inference_regret_worker_W (inferer, 33)", col, fxInferers, "", l.workerID(w))
		} else {
			add("inference_regret_worker_W (forecaster, 34)", col, fxForecasters, "", l.workerID(w))
		}
	}
	for j := 0; j < l.n; j++ {
		add("naive_inference_regret_worker_J (35)", scheme.NaiveRegret(j), fxNaive, "", infererID(j))
	}
	// inference_regret_worker_W_oneout_O: regret of W in the network without
	// O (diagonal W = O included).
	for o := 0; o < l.n+l.f; o++ {
		for w := 0; w < l.n+l.f; w++ {
			col := scheme.OneOutRegret(w, o)
			net, worker := l.workerID(o), l.workerID(w)
			switch {
			case o < l.n && w < l.n:
				add("..._worker_W_oneout_O inferer/inferer (36)", col, fxOneOutInfererInferers, net, worker)
			case o < l.n:
				add("..._worker_W_oneout_O inferer/forecaster (37)", col, fxOneOutInfererForecasters, net, worker)
			case w < l.n:
				add("..._worker_W_oneout_O forecaster/inferer (38)", col, fxOneOutForecasterInferers, net, worker)
			default:
				add("..._worker_W_oneout_O forecaster/forecaster (39)", col, fxOneOutForecasterForecasters, net, worker)
			}
		}
	}
	// inference_regret_worker_W_onein_K: W < N is inferer W; W = N is
	// forecaster K itself.
	for k := 0; k < l.f; k++ {
		for w := 0; w <= l.n; w++ {
			col := scheme.OneInRegret(w, k)
			if w < l.n {
				add("..._worker_J_onein_K (40)", col, fxOneInInferers, forecasterID(k), infererID(w))
			} else {
				add("..._worker_N_onein_K self (41)", col, fxOneInForecasters, "", forecasterID(k))
			}
		}
	}
	return cs
}

func fxDecimal(tb testing.TB, r fixture.Row, col string) decimal.Decimal {
	tb.Helper()
	return r.MustDec(tb, col).Decimal()
}

// stateFromRow builds the regret state a row's regret columns hold (the
// reference tests' SetRegretsFromPreviousEpoch), with the given initial
// regret and scale.
func (l fxLayout) stateFromRow(tb testing.TB, r fixture.Row, initial decimal.Decimal) State {
	tb.Helper()
	s := State{InitialRegret: initial}
	for _, c := range l.regretColumns() {
		v := fxDecimal(tb, r, c.col)
		p := Pair{Network: c.net, Worker: c.worker, Value: loss.MustNum(v)}
		lv := loss.Value{ID: c.worker, Value: v}
		switch c.store {
		case fxInferers:
			s.Inferers = append(s.Inferers, lv)
		case fxForecasters:
			s.Forecasters = append(s.Forecasters, lv)
		case fxNaive:
			s.Naive = append(s.Naive, lv)
		case fxOneOutInfererInferers:
			s.OneOutInfererInferers = append(s.OneOutInfererInferers, p)
		case fxOneOutInfererForecasters:
			s.OneOutInfererForecasters = append(s.OneOutInfererForecasters, p)
		case fxOneOutForecasterInferers:
			s.OneOutForecasterInferers = append(s.OneOutForecasterInferers, p)
		case fxOneOutForecasterForecasters:
			s.OneOutForecasterForecasters = append(s.OneOutForecasterForecasters, p)
		case fxOneInInferers:
			s.OneInInferers = append(s.OneInInferers, p)
		case fxOneInForecasters:
			s.OneInForecasters = append(s.OneInForecasters, lv)
		}
	}
	return s
}

// lookup returns the State entry a column holds.
func (c fxRegretCol) lookup(s State) (decimal.Decimal, bool) {
	val := func(vs []loss.Value) (decimal.Decimal, bool) {
		for _, v := range vs {
			if v.ID == c.worker {
				return v.Value, true
			}
		}
		return decimal.Decimal{}, false
	}
	pair := func(ps []Pair) (decimal.Decimal, bool) {
		for _, p := range ps {
			if p.Network == c.net && p.Worker == c.worker {
				return p.Value.Decimal(), true
			}
		}
		return decimal.Decimal{}, false
	}
	switch c.store {
	case fxInferers:
		return val(s.Inferers)
	case fxForecasters:
		return val(s.Forecasters)
	case fxNaive:
		return val(s.Naive)
	case fxOneOutInfererInferers:
		return pair(s.OneOutInfererInferers)
	case fxOneOutInfererForecasters:
		return pair(s.OneOutInfererForecasters)
	case fxOneOutForecasterInferers:
		return pair(s.OneOutForecasterInferers)
	case fxOneOutForecasterForecasters:
		return pair(s.OneOutForecasterForecasters)
	case fxOneInInferers:
		return pair(s.OneInInferers)
	case fxOneInForecasters:
		return val(s.OneInForecasters)
	}
	return decimal.Decimal{}, false
}

// bundleFromRow builds the network-loss bundle from a row's network-level
// loss columns (the reference tests' GetNetworkLossFromCsv).
func (l fxLayout) bundleFromRow(tb testing.TB, r fixture.Row) loss.Bundle {
	tb.Helper()
	b := loss.Bundle{
		Combined: fxDecimal(tb, r, scheme.NetworkLoss),
		Naive:    fxDecimal(tb, r, scheme.NaiveLoss),
	}
	for j := 0; j < l.n; j++ {
		b.Inferers = append(b.Inferers, loss.Value{ID: infererID(j), Value: fxDecimal(tb, r, scheme.InferenceLoss(j))})
	}
	for k := 0; k < l.f; k++ {
		b.Forecasters = append(b.Forecasters, loss.Value{ID: forecasterID(k), Value: fxDecimal(tb, r, scheme.FIILoss(k))})
		b.OneInForecasters = append(b.OneInForecasters, loss.Value{ID: forecasterID(k), Value: fxDecimal(tb, r, scheme.OneInLoss(k))})
		for j := 0; j < l.n; j++ {
			b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{
				Forecaster: forecasterID(k), Inferer: infererID(j),
				Value: loss.MustNum(fxDecimal(tb, r, scheme.FIILossOneOut(k, j))),
			})
		}
	}
	for w := 0; w < l.n+l.f; w++ {
		v := loss.Value{ID: l.workerID(w), Value: fxDecimal(tb, r, scheme.OneOutLoss(w))}
		if w < l.n {
			b.OneOutInferers = append(b.OneOutInferers, v)
		} else {
			b.OneOutForecasters = append(b.OneOutForecasters, v)
		}
	}
	return b
}

// fxDec converts for the report.
func fxDec(tb testing.TB, d decimal.Decimal) dec.Dec {
	tb.Helper()
	x, err := dec.FromDecimal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return x
}
