package settle_test

import (
	"fmt"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards/settle"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// Two epochs of a small topic under the NEWEST rules: the first epoch only
// synthesises a network inference; in the second, two reputers grade it and
// the epoch is settled.
func ExampleEpoch() {
	p, _ := settle.DefaultParams(settle.Newest)
	d := decimal.RequireFromString
	inferences := func(a, b, c string) []loss.VectorValue {
		return []loss.VectorValue{
			{ID: "alice", Values: loss.Vector{d(a)}},
			{ID: "bob", Values: loss.Vector{d(b)}},
			{ID: "carol", Values: loss.Vector{d(c)}},
		}
	}
	forecasts := []weights.Forecast{{Forecaster: "fred", Elements: []weights.ForecastElement{
		{Inferer: "alice", Value: d("-2")}, {Inferer: "bob", Value: d("-3")}, {Inferer: "carol", Value: d("-1")},
	}}}

	var st settle.State
	r1, err := settle.Epoch(st, settle.Input{Epoch: 1, Inferences: inferences("0.10", "0.12", "0.15"), Forecasts: forecasts}, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("epoch 1 network inference:", r1.Inference.Bundle.Combined[0])

	// Reputers grade epoch 1's bundle against the truth 0.11 (squared error,
	// reported as log10).
	sqe, _ := loss.NewMethod("sqe", loss.Options{})
	graded, _ := loss.Grade(r1.Inference.Bundle, loss.Vector{d("0.11")}, sqe, loss.GradeOptions{})
	in := settle.Input{
		Epoch:       2,
		Inferences:  inferences("0.11", "0.13", "0.16"),
		Forecasts:   forecasts,
		Reports:     []loss.Report{{Reputer: "rita", Stake: d("1000"), Losses: graded}, {Reputer: "sam", Stake: d("3000"), Losses: graded}},
		TopicReward: d("1000000"),
	}
	r2, err := settle.Epoch(r1.State, in, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := r2.Settlement
	fmt.Println("network loss:", s.NetworkLosses.Combined)
	for _, v := range s.Distribution.Inferers.Payouts {
		fmt.Println("pays", v.ID, v.Value)
	}
	fmt.Println("verified:", settle.Verify(r1.State, in, p, r2) == nil)
	// Output:
	// epoch 1 network inference: 0.1233333333333333333333333333333333
	// network loss: -3.75012252678340009373510022761226
	// pays alice 276022
	// pays bob 269829
	// pays carol 1592
	// verified: true
}
