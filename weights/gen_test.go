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
	// sparse is the percentage of pair-store entries left out (they read
	// the initial regret, as in the simulator's epochs); 0 fills them all.
	sparse int
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
	// pair appends a pair-store entry, unless sparse leaves it out.
	pair := func(dst *[]regret.Pair, net, w string) {
		if g.sparse > 0 && rng.IntN(100) < g.sparse {
			return
		}
		*dst = append(*dst, regret.Pair{Network: net, Worker: w, Value: loss.MustNum(r())})
	}
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
			pair(&st.OneOutInfererInferers, inf(a), inf(j))
		}
		for k := 0; k < g.f; k++ {
			pair(&st.OneOutInfererForecasters, inf(a), fc(k))
		}
	}
	for a := 0; a < g.f; a++ {
		for j := 0; j < g.n; j++ {
			pair(&st.OneOutForecasterInferers, fc(a), inf(j))
			pair(&st.OneInInferers, fc(a), inf(j))
		}
		for k := 0; k < g.f; k++ {
			pair(&st.OneOutForecasterForecasters, fc(a), fc(k))
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
