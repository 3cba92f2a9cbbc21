package weights

import (
	"flag"
	"fmt"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

// diffResults returns a description of the first difference between two
// results (numbers compared by value), or "" when they are equal.
func diffResults(a, b Result) string {
	if a.Case != b.Case || a.AllNew != b.AllNew {
		return fmt.Sprintf("case %s/%v vs %s/%v", a.Case, a.AllNew, b.Case, b.AllNew)
	}
	vec := func(name string, x, y loss.Vector) string {
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d vs %d labels", name, len(x), len(y))
		}
		for i := range x {
			if !x[i].Equal(y[i]) {
				return fmt.Sprintf("%s[%d]: %s vs %s", name, i, x[i], y[i])
			}
		}
		return ""
	}
	vvs := func(name string, x, y []loss.VectorValue) string {
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d vs %d entries", name, len(x), len(y))
		}
		for i := range x {
			if x[i].ID != y[i].ID {
				return fmt.Sprintf("%s[%d]: id %q vs %q", name, i, x[i].ID, y[i].ID)
			}
			if d := vec(name+" "+x[i].ID, x[i].Values, y[i].Values); d != "" {
				return d
			}
		}
		return ""
	}
	vals := func(name string, x, y []loss.Value) string {
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d vs %d entries", name, len(x), len(y))
		}
		for i := range x {
			if x[i].ID != y[i].ID || !x[i].Value.Equal(y[i].Value) {
				return fmt.Sprintf("%s[%d]: %s=%s vs %s=%s", name, i, x[i].ID, x[i].Value, y[i].ID, y[i].Value)
			}
		}
		return ""
	}
	ba, bb := a.Bundle, b.Bundle
	for _, d := range []string{
		vec("combined", ba.Combined, bb.Combined),
		vec("naive", ba.Naive, bb.Naive),
		vvs("inferers", ba.Inferers, bb.Inferers),
		vvs("forecasters", ba.Forecasters, bb.Forecasters),
		vvs("one-out inferers", ba.OneOutInferers, bb.OneOutInferers),
		vvs("one-out forecasters", ba.OneOutForecasters, bb.OneOutForecasters),
		vvs("one-in forecasters", ba.OneInForecasters, bb.OneInForecasters),
		vals("inferer weights", a.InfererWeights, b.InfererWeights),
		vals("forecaster weights", a.ForecasterWeights, b.ForecasterWeights),
	} {
		if d != "" {
			return d
		}
	}
	if len(ba.OneOutInfererForecasters) != len(bb.OneOutInfererForecasters) {
		return fmt.Sprintf("one-out-inferer FII: %d vs %d", len(ba.OneOutInfererForecasters), len(bb.OneOutInfererForecasters))
	}
	for i, x := range ba.OneOutInfererForecasters {
		y := bb.OneOutInfererForecasters[i]
		if x.Forecaster != y.Forecaster || x.Inferer != y.Inferer {
			return fmt.Sprintf("one-out-inferer FII[%d]: (%s,%s) vs (%s,%s)", i, x.Forecaster, x.Inferer, y.Forecaster, y.Inferer)
		}
		if d := vec("one-out-inferer FII "+x.Forecaster+"/"+x.Inferer, x.Values, y.Values); d != "" {
			return d
		}
	}
	if len(a.ErrorBars) != len(b.ErrorBars) {
		return fmt.Sprintf("error bars: %d vs %d", len(a.ErrorBars), len(b.ErrorBars))
	}
	for i := range a.ErrorBars {
		if d := vec("error bar "+a.ErrorBars[i].Percentile.String(), a.ErrorBars[i].Values, b.ErrorBars[i].Values); d != "" {
			return d
		}
	}
	return ""
}

func dp(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// vecValue builds an inference vector of width labels from num.
func vecValue(id string, num func(string) decimal.Decimal, width int) loss.VectorValue {
	v := make(loss.Vector, width)
	for l := range v {
		v[l] = num("x")
	}
	return loss.VectorValue{ID: id, Values: v}
}

// fullState returns a state with the input's initial regret and scale and
// an entry (value 0) for every key of every store the input's workers use.
func fullState(in Input) regret.State {
	st := regret.State{InitialRegret: in.Regrets.InitialRegret, Scale: in.Regrets.Scale}
	var infs, fcs []string
	for _, v := range in.Inferences {
		infs = append(infs, v.ID)
	}
	for _, f := range in.Forecasts {
		fcs = append(fcs, f.Forecaster)
	}
	for _, j := range infs {
		st.Inferers = append(st.Inferers, loss.Value{ID: j})
		st.Naive = append(st.Naive, loss.Value{ID: j})
		for _, j2 := range infs {
			st.OneOutInfererInferers = append(st.OneOutInfererInferers, regret.Pair{Network: j, Worker: j2})
		}
		for _, k := range fcs {
			st.OneOutInfererForecasters = append(st.OneOutInfererForecasters, regret.Pair{Network: j, Worker: k})
		}
	}
	for _, k := range fcs {
		st.Forecasters = append(st.Forecasters, loss.Value{ID: k})
		st.OneInForecasters = append(st.OneInForecasters, loss.Value{ID: k})
		for _, j := range infs {
			st.OneOutForecasterInferers = append(st.OneOutForecasterInferers, regret.Pair{Network: k, Worker: j})
			st.OneInInferers = append(st.OneInInferers, regret.Pair{Network: k, Worker: j})
		}
		for _, k2 := range fcs {
			st.OneOutForecasterForecasters = append(st.OneOutForecasterForecasters, regret.Pair{Network: k, Worker: k2})
		}
	}
	return st
}

// mapState replaces every entry's value with f(store name), dropping the
// entry when f returns false.
func mapState(st *regret.State, f func(store string) (decimal.Decimal, bool)) {
	vals := func(name string, vs []loss.Value) []loss.Value {
		var out []loss.Value
		for _, v := range vs {
			if d, ok := f(name); ok {
				out = append(out, loss.Value{ID: v.ID, Value: d})
			}
		}
		return out
	}
	pairs := func(name string, ps []regret.Pair) []regret.Pair {
		var out []regret.Pair
		for _, p := range ps {
			if d, ok := f(name); ok {
				out = append(out, regret.Pair{Network: p.Network, Worker: p.Worker, Value: loss.MustNum(d)})
			}
		}
		return out
	}
	st.Inferers = vals("inferers", st.Inferers)
	st.Forecasters = vals("forecasters", st.Forecasters)
	st.Naive = vals("naive", st.Naive)
	st.OneInForecasters = vals("one_in_forecasters", st.OneInForecasters)
	st.OneOutInfererInferers = pairs("ooii", st.OneOutInfererInferers)
	st.OneOutInfererForecasters = pairs("ooif", st.OneOutInfererForecasters)
	st.OneOutForecasterInferers = pairs("oofi", st.OneOutForecasterInferers)
	st.OneOutForecasterForecasters = pairs("ooff", st.OneOutForecasterForecasters)
	st.OneInInferers = pairs("oneini", st.OneInInferers)
}

// fataler is the part of testing.TB that *rapid.T also implements.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// quoExact returns a/b at 34 digits with the decimal core (tests only use it
// where the quotient is exact).
func quoExact(t testing.TB, a, b decimal.Decimal) decimal.Decimal {
	t.Helper()
	x, _ := dec.FromDecimal(a)
	y, _ := dec.FromDecimal(b)
	q, err := dec.Context{}.Quo(x, y)
	if err != nil {
		t.Fatal(err)
	}
	return q.Decimal()
}

// long enables the slower differential and property cases:
// go test ./weights -args -long
var long = flag.Bool("long", false, "run the long differential tests")
