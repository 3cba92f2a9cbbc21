package weights

import (
	"fmt"
	"math/rand/v2"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/regretmath"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

// genSpec describes a random synthesis input.
type genSpec struct {
	n, f   int  // inferers, forecasters
	labels int  // 0: single label
	dense  bool // every forecaster forecasts every inferer
	seed   uint64
	newest bool // store s* (MAD scale of the inferer and forecaster regrets)
}

// genID names worker i of a kind; zero-padded so that id order is index
// order.
func genID(kind string, i int) string { return fmt.Sprintf("%s%05d", kind, i) }

// genInput builds a realistic epoch: inferences around 0.2 with spread 0.1,
// forecasted log-losses around −4, previous loss −3.9, every regret store
// filled with distinct regrets around −2 (spread 1), 17 significant digits
// like the simulator's float64 values.
func genInput(g genSpec) Input {
	rng := rand.New(rand.NewPCG(g.seed, 0x5eed))
	num := func(mean, spread float64) decimal.Decimal {
		v := mean + spread*rng.NormFloat64()
		return decimal.New(int64(v*1e17), -17)
	}
	nl := max(g.labels, 1)
	var in Input
	if g.labels > 0 {
		for l := 0; l < g.labels; l++ {
			in.Labels = append(in.Labels, fmt.Sprintf("label_%d", l))
		}
	}
	inf := func(j int) string { return genID("i", j) }
	fc := func(k int) string { return genID("f", k) }
	for j := 0; j < g.n; j++ {
		v := make(loss.Vector, nl)
		for l := range v {
			v[l] = num(0.2, 0.1)
		}
		in.Inferences = append(in.Inferences, loss.VectorValue{ID: inf(j), Values: v})
	}
	for k := 0; k < g.f; k++ {
		f := Forecast{Forecaster: fc(k)}
		for j := 0; j < g.n; j++ {
			if g.dense || rng.IntN(2) == 0 {
				f.Elements = append(f.Elements, ForecastElement{Inferer: inf(j), Value: num(-4, 1)})
			}
		}
		in.Forecasts = append(in.Forecasts, f)
	}
	pl := decimal.New(-39, -1)
	in.PreviousLoss = &pl
	st := regret.State{InitialRegret: decimal.New(-25, -1)}
	r := func() decimal.Decimal { return num(-2, 1) }
	for j := 0; j < g.n; j++ {
		st.Inferers = append(st.Inferers, loss.Value{ID: inf(j), Value: r()})
		st.Naive = append(st.Naive, loss.Value{ID: inf(j), Value: r()})
	}
	for k := 0; k < g.f; k++ {
		st.Forecasters = append(st.Forecasters, loss.Value{ID: fc(k), Value: r()})
		st.OneInForecasters = append(st.OneInForecasters, loss.Value{ID: fc(k), Value: r()})
	}
	for a := 0; a < g.n; a++ {
		for j := 0; j < g.n; j++ {
			st.OneOutInfererInferers = append(st.OneOutInfererInferers, regret.Pair{Network: inf(a), Worker: inf(j), Value: r()})
		}
		for k := 0; k < g.f; k++ {
			st.OneOutInfererForecasters = append(st.OneOutInfererForecasters, regret.Pair{Network: inf(a), Worker: fc(k), Value: r()})
		}
	}
	for a := 0; a < g.f; a++ {
		for j := 0; j < g.n; j++ {
			st.OneOutForecasterInferers = append(st.OneOutForecasterInferers, regret.Pair{Network: fc(a), Worker: inf(j), Value: r()})
			st.OneInInferers = append(st.OneInInferers, regret.Pair{Network: fc(a), Worker: inf(j), Value: r()})
		}
		for k := 0; k < g.f; k++ {
			st.OneOutForecasterForecasters = append(st.OneOutForecasterForecasters, regret.Pair{Network: fc(a), Worker: fc(k), Value: r()})
		}
	}
	if g.newest {
		var rs []dec.Dec
		for _, v := range append(append([]loss.Value{}, st.Inferers...), st.Forecasters...) {
			d, _ := dec.FromDecimal(v.Value)
			rs = append(rs, d)
		}
		s, err := regretmath.MADScale(dec.Context{}, rs, dec.New(1, -2))
		if err != nil {
			panic(err)
		}
		st.Scale = s.Decimal()
	}
	in.Regrets = st
	return in
}
