package weights_test

import (
	"fmt"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// epoch is a small epoch: three inferers, two forecasters, the regrets of the
// previous settlement (absent entries default to the initial regret) and the
// previous network loss.
func epoch() weights.Input {
	loss0 := d("-3.9")
	return weights.Input{
		Inferences: []loss.VectorValue{
			{ID: "alice", Values: loss.Vector{d("0.21")}},
			{ID: "bob", Values: loss.Vector{d("0.18")}},
			{ID: "carol", Values: loss.Vector{d("0.25")}},
		},
		Forecasts: []weights.Forecast{
			{Forecaster: "fred", Elements: []weights.ForecastElement{
				{Inferer: "alice", Value: d("-4.2")}, {Inferer: "bob", Value: d("-3.1")}, {Inferer: "carol", Value: d("-3.8")},
			}},
			{Forecaster: "gina", Elements: []weights.ForecastElement{
				{Inferer: "alice", Value: d("-3.0")}, {Inferer: "carol", Value: d("-4.5")},
			}},
		},
		Regrets: regret.State{
			Inferers:      []loss.Value{{ID: "alice", Value: d("0.3")}, {ID: "bob", Value: d("-0.4")}, {ID: "carol", Value: d("0.1")}},
			Forecasters:   []loss.Value{{ID: "fred", Value: d("0.2")}, {ID: "gina", Value: d("-0.1")}},
			InitialRegret: d("-0.5"),
			Scale:         d("0.25"), // s*, stored at the last settlement (read by Newest)
		},
		PreviousLoss: &loss0,
	}
}

// The printed values agree with an independent float64 evaluation of
// (13)–(14), (20)–(23) and (30) to all printed digits.
func ExampleSynthesize() {
	res, err := weights.Synthesize(epoch(), weights.DefaultParams())
	if err != nil {
		panic(err)
	}
	b := res.Bundle
	fmt.Println("case:", res.Case)
	fmt.Println("combined:", b.Combined[0].StringFixed(8))
	fmt.Println("naive:", b.Naive[0].StringFixed(8))
	for _, f := range b.Forecasters {
		fmt.Println("forecast-implied", f.ID, f.Values[0].StringFixed(8))
	}
	for _, w := range res.InfererWeights {
		fmt.Println("weight", w.ID, w.Value.StringFixed(8))
	}
	for _, w := range res.ForecasterWeights {
		fmt.Println("weight", w.ID, w.Value.StringFixed(8))
	}
	for _, x := range b.OneOutInferers {
		fmt.Println("without", x.ID, x.Values[0].StringFixed(8))
	}
	fmt.Println("one-out-inferer FIIs:", len(b.OneOutInfererForecasters))
	fmt.Println("median error bar:", res.ErrorBars[2].Values[0].StringFixed(8))
	// Output:
	// case: full
	// combined: 0.21762778
	// naive: 0.21333333
	// forecast-implied fred 0.21149173
	// forecast-implied gina 0.24999991
	// weight alice 1.00000000
	// weight bob 0.00109133
	// weight carol 0.32642668
	// weight fred 0.67675330
	// weight gina 0.03874539
	// without alice 0.23249594
	// without bob 0.23037298
	// without carol 0.20249993
	// one-out-inferer FIIs: 6
	// median error bar: 0.21092598
}

// The V6 rules of the October 2024 chain: per-call standard-deviation scale
// and clipped φ' weights; without a previous loss the combined value is the
// median and the naive value is 0.
func ExampleSynthesize_v6() {
	in := epoch()
	res, err := weights.Synthesize(in, weights.DefaultParamsV6())
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Case, res.Bundle.Combined[0].StringFixed(8))
	in.PreviousLoss = nil
	res, err = weights.Synthesize(in, weights.DefaultParamsV6())
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Case, res.Bundle.Combined[0], res.Bundle.Naive[0])
	// Output:
	// full 0.21920103
	// median 0.21 0
}

// A multi-label topic (§9): one value per label, scalar weights; a shorter
// vector is padded with 0.
func ExampleSynthesize_multiLabel() {
	in := epoch()
	in.Labels = []string{"up", "flat", "down"}
	in.Inferences = []loss.VectorValue{
		{ID: "alice", Values: loss.Vector{d("0.6"), d("0.3"), d("0.1")}},
		{ID: "bob", Values: loss.Vector{d("0.2"), d("0.5"), d("0.3")}},
		{ID: "carol", Values: loss.Vector{d("0.7"), d("0.3")}}, // "down" padded with 0
	}
	res, err := weights.Synthesize(in, weights.DefaultParams())
	if err != nil {
		panic(err)
	}
	for l, name := range res.Bundle.Labels {
		fmt.Println(name, res.Bundle.Combined[l].StringFixed(6))
	}
	// Output:
	// up 0.618895
	// flat 0.300107
	// down 0.080998
}

func ExampleForecastedRegrets() {
	rs, err := weights.ForecastedRegrets(epoch())
	if err != nil {
		panic(err)
	}
	for _, r := range rs {
		fmt.Println(r.Forecaster, r.Inferer, r.Value)
	}
	// Output:
	// fred alice 0.3
	// fred bob -0.8
	// fred carol -0.1
	// gina alice -0.9
	// gina carol 0.6
}

func ExampleErrorBarPercentiles() {
	fmt.Println(weights.ErrorBarPercentiles())
	// Output: [2.28 15.87 50 84.13 97.72]
}
