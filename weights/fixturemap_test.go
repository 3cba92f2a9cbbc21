package weights

// Column ↔ input/output mapping of the reference simulator fixtures for the
// synthesis, generalised to any N inferers, F forecasters and L labels read
// from the header (fixtures README "Read this first", §2.2 row timing, §2.4
// SetRegretsFromPreviousEpoch; spec §10). Inferer j is worker W = j,
// forecaster K is worker W = N + K; in the one-in regret columns W = N means
// forecaster K itself. Column names come from internal/scheme. A synthesis
// for row e reads row e's inferences and forecasts and row e−1's regrets and
// network_loss. Everything a conformance runner needs to replay a row pair
// is here: fxInput builds the Input, fxOutputs lists every synthesis column
// of row e with the computed value.

import (
	"fmt"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/regretmath"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

// fxInfererID and fxForecasterID name fixture workers; zero-padded so that
// id order is index order (nothing depends on it).
func fxInfererID(j int) string    { return fmt.Sprintf("inferer%04d", j) }
func fxForecasterID(k int) string { return fmt.Sprintf("forecaster%04d", k) }

// fxShape reads the fixture's shape from its header.
func fxShape(tb testing.TB, t *fixture.Table) scheme.Shape {
	tb.Helper()
	sh, err := scheme.Detect(t.Header)
	if err != nil {
		tb.Fatalf("%s: %v", t.Name, err)
	}
	if sh.Forecasters == 0 {
		tb.Fatalf("%s: no forecasters in header", t.Name)
	}
	return sh
}

func fxDecimal(tb testing.TB, r fixture.Row, col string) decimal.Decimal {
	tb.Helper()
	return r.MustDec(tb, col).Decimal()
}

// fxLabels is the label registry of a shape: nil for single-output files,
// "label_0".."label_{L-1}" otherwise (registry id ℓ+1).
func fxLabels(sh scheme.Shape) []string {
	if sh.Labels == 0 {
		return nil
	}
	out := make([]string, sh.Labels)
	for l := range out {
		out[l] = fmt.Sprintf("label_%d", l)
	}
	return out
}

// fxScaleMode selects the stored regret scale s* of the input.
type fxScaleMode int

const (
	fxNoScale  fxScaleMode = iota // s* = 0 (V6, Intermediate)
	fxMADScale                    // s* = 1.4826·MAD + ε of row e−1's network regrets (NEWEST)
)

// fxInput builds the synthesis input for row cur given row prev.
func fxInput(tb testing.TB, sh scheme.Shape, prev, cur fixture.Row, initial decimal.Decimal, mode fxScaleMode, eps decimal.Decimal) Input {
	tb.Helper()
	n, f, nl := sh.Inferers, sh.Forecasters, sh.NumLabels()
	in := Input{Labels: fxLabels(sh)}
	for j := 0; j < n; j++ {
		v := make(loss.Vector, nl)
		for l := range v {
			v[l] = fxDecimal(tb, cur, sh.Inference(j, l))
		}
		in.Inferences = append(in.Inferences, loss.VectorValue{ID: fxInfererID(j), Values: v})
	}
	for k := 0; k < f; k++ {
		fc := Forecast{Forecaster: fxForecasterID(k)}
		for j := 0; j < n; j++ {
			fc.Elements = append(fc.Elements, ForecastElement{Inferer: fxInfererID(j), Value: fxDecimal(tb, cur, scheme.ForecastedLoss(k, j))})
		}
		in.Forecasts = append(in.Forecasts, fc)
	}
	pl := fxDecimal(tb, prev, scheme.NetworkLoss)
	in.PreviousLoss = &pl
	in.Regrets = fxState(tb, sh, prev, initial)
	if mode == fxMADScale {
		var rs []dec.Dec
		for w := 0; w < n+f; w++ {
			rs = append(rs, prev.MustDec(tb, scheme.Regret(w)))
		}
		e, _ := dec.FromDecimal(eps)
		s, err := regretmath.MADScale(dec.Context{}, rs, e)
		if err != nil {
			tb.Fatal(err)
		}
		in.Regrets.Scale = s.Decimal()
	}
	return in
}

// fxState is SetRegretsFromPreviousEpoch: every regret store from row r.
// inference_regret_worker_W_oneout_O → store keyed (withheld O, worker W).
func fxState(tb testing.TB, sh scheme.Shape, r fixture.Row, initial decimal.Decimal) regret.State {
	tb.Helper()
	n, f := sh.Inferers, sh.Forecasters
	st := regret.State{InitialRegret: initial}
	for j := 0; j < n; j++ {
		st.Inferers = append(st.Inferers, loss.Value{ID: fxInfererID(j), Value: fxDecimal(tb, r, scheme.Regret(j))})
		st.Naive = append(st.Naive, loss.Value{ID: fxInfererID(j), Value: fxDecimal(tb, r, scheme.NaiveRegret(j))})
	}
	for k := 0; k < f; k++ {
		st.Forecasters = append(st.Forecasters, loss.Value{ID: fxForecasterID(k), Value: fxDecimal(tb, r, scheme.Regret(n+k))})
		st.OneInForecasters = append(st.OneInForecasters, loss.Value{ID: fxForecasterID(k), Value: fxDecimal(tb, r, scheme.OneInRegret(n, k))})
	}
	pair := func(net, worker string, col string) regret.Pair {
		return regret.Pair{Network: net, Worker: worker, Value: loss.MustNum(fxDecimal(tb, r, col))}
	}
	for o := 0; o < n+f; o++ {
		for w := 0; w < n+f; w++ {
			col := scheme.OneOutRegret(w, o)
			switch {
			case o < n && w < n:
				st.OneOutInfererInferers = append(st.OneOutInfererInferers, pair(fxInfererID(o), fxInfererID(w), col))
			case o < n:
				st.OneOutInfererForecasters = append(st.OneOutInfererForecasters, pair(fxInfererID(o), fxForecasterID(w-n), col))
			case w < n:
				st.OneOutForecasterInferers = append(st.OneOutForecasterInferers, pair(fxForecasterID(o-n), fxInfererID(w), col))
			default:
				st.OneOutForecasterForecasters = append(st.OneOutForecasterForecasters, pair(fxForecasterID(o-n), fxForecasterID(w-n), col))
			}
		}
	}
	for k := 0; k < f; k++ {
		for j := 0; j < n; j++ {
			st.OneInInferers = append(st.OneInInferers, pair(fxForecasterID(k), fxInfererID(j), scheme.OneInRegret(j, k)))
		}
	}
	return st
}

// fxCell is one synthesis column of row e with the value computed for it.
type fxCell struct {
	family string
	col    string
	got    dec.Dec
	ok     bool // the result holds a value for the column
}

// fxOutputs lists every synthesis column of the shape with the value res
// holds for it, grouped into families.
func fxOutputs(tb testing.TB, sh scheme.Shape, res Result, fr []loss.PairValue, cur fixture.Row) []fxCell {
	tb.Helper()
	n, f, nl := sh.Inferers, sh.Forecasters, sh.NumLabels()
	vec := func(vs []loss.VectorValue, id string) loss.Vector {
		for _, v := range vs {
			if v.ID == id {
				return v.Values
			}
		}
		return nil
	}
	var cells []fxCell
	add := func(family, col string, v loss.Vector, l int) {
		c := fxCell{family: family, col: col}
		if l < len(v) {
			d, err := dec.FromDecimal(v[l])
			if err != nil {
				tb.Fatal(err)
			}
			c.got, c.ok = d, true
		}
		cells = append(cells, c)
	}
	b := res.Bundle
	for l := 0; l < nl; l++ {
		add("network_inference", sh.NetworkInference(l), b.Combined, l)
		add("network_naive_inference", sh.Naive(l), b.Naive, l)
		for k := 0; k < f; k++ {
			add("forecast_implied_inference", sh.FII(k, l), vec(b.Forecasters, fxForecasterID(k)), l)
			for j := 0; j < n; j++ {
				var v loss.Vector
				for _, p := range b.OneOutInfererForecasters {
					if p.Forecaster == fxForecasterID(k) && p.Inferer == fxInfererID(j) {
						v = p.Values
					}
				}
				add("forecast_implied_inference_oneout", sh.FIIOneOut(k, j, l), v, l)
			}
			add("network_naive_inference_onein", sh.OneIn(k, l), vec(b.OneInForecasters, fxForecasterID(k)), l)
			add("network_inference_oneout_forecaster", sh.OneOut(n+k, l), vec(b.OneOutForecasters, fxForecasterID(k)), l)
		}
		for j := 0; j < n; j++ {
			add("network_inference_oneout_inferer", sh.OneOut(j, l), vec(b.OneOutInferers, fxInfererID(j)), l)
		}
	}
	if sh.Labels == 0 && cur.Has(scheme.ErrorBar(0)) {
		for q := 0; q < scheme.NumErrorBars; q++ {
			var v loss.Vector
			if q < len(res.ErrorBars) {
				v = res.ErrorBars[q].Values
			}
			add("network_inference_errorbar", scheme.ErrorBar(q), v, 0)
		}
	}
	// (13): forecasted regrets (ForecastedRegrets).
	frm := map[[2]string]decimal.Decimal{}
	for _, v := range fr {
		frm[[2]string{v.Forecaster, v.Inferer}] = v.Value.Decimal()
	}
	for k := 0; k < f; k++ {
		for j := 0; j < n; j++ {
			c := fxCell{family: "forecasted_regret", col: scheme.ForecastedRegret(k, j)}
			if v, ok := frm[[2]string{fxForecasterID(k), fxInfererID(j)}]; ok {
				c.got, _ = dec.FromDecimal(v)
				c.ok = true
			}
			cells = append(cells, c)
		}
	}
	return cells
}
