package reputation_test

import (
	"fmt"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/reputation"
	"github.com/shopspring/decimal"
)

func dd(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Worker scores from a network-loss bundle (log-losses): an inferer whose
// removal raises the loss scores positive.
func ExampleScoreWorkers() {
	nl := loss.Bundle{
		Combined: dd("-4"), Naive: dd("-3.5"),
		Inferers:          []loss.Value{{ID: "a", Value: dd("-4.1")}, {ID: "b", Value: dd("-4.4")}},
		OneOutInferers:    []loss.Value{{ID: "a", Value: dd("-3.9")}, {ID: "b", Value: dd("-4.2")}},
		Forecasters:       []loss.Value{{ID: "f", Value: dd("-3")}, {ID: "g", Value: dd("-3")}},
		OneOutForecasters: []loss.Value{{ID: "f", Value: dd("-3.8")}, {ID: "g", Value: dd("-4.1")}},
		OneInForecasters:  []loss.Value{{ID: "f", Value: dd("-3.6")}, {ID: "g", Value: dd("-3.4")}},
	}
	ws, err := reputation.ScoreWorkers(nl, reputation.DefaultParams())
	if err != nil {
		panic(err)
	}
	for _, s := range ws.Inferers.Scores {
		fmt.Println("inferer", s.ID, s.Value)
	}
	for _, s := range ws.Forecasters.Scores {
		fmt.Println("forecaster", s.ID, s.Value)
	}
	fmt.Println("forecasting task", ws.ForecastTask)
	// Output:
	// inferer a 0.1
	// inferer b -0.2
	// forecaster f 0.15
	// forecaster g -0.1
	// forecasting task 0.5
}

// Reputer consensus scores and listening coefficients (spec Appendix B.3).
func ExampleScoreReputers() {
	reports := []loss.Report{
		{Reputer: "r1", Stake: dd("100"), Losses: loss.Bundle{Combined: dd("-2.0"), Naive: dd("-3.0")}},
		{Reputer: "r2", Stake: dd("200"), Losses: loss.Bundle{Combined: dd("-2.2"), Naive: dd("-2.9")}},
		{Reputer: "r3", Stake: dd("300"), Losses: loss.Bundle{Combined: dd("-1.5"), Naive: dd("-3.5")}},
	}
	// No stored coefficients: every reputer starts at 1.
	res, err := reputation.ScoreReputers(reports, nil, reputation.DefaultParamsV6())
	if err != nil {
		panic(err)
	}
	fmt.Println("iterations", res.Iterations)
	for _, r := range res.Reputers {
		fmt.Println(r.Reputer, r.Score.StringFixed(12), r.ListeningCoefficient.StringFixed(12))
	}
	// Output:
	// iterations 10
	// r1 15.547809023043 1.000000000000
	// r2 8.192518868841 0.993814140954
	// r3 6.722495554344 0.988421772266
}

// The same reputers with the Gram evaluation of the ascent: every reputer
// reported every coordinate, so the Gram evaluation applies; the results
// agree with the reference evaluation's far beyond the digits shown (the
// Gram scores are the exact scores truncated to 34 digits).
func ExampleScoreReputers_gram() {
	reports := []loss.Report{
		{Reputer: "r1", Stake: dd("100"), Losses: loss.Bundle{Combined: dd("-2.0"), Naive: dd("-3.0")}},
		{Reputer: "r2", Stake: dd("200"), Losses: loss.Bundle{Combined: dd("-2.2"), Naive: dd("-2.9")}},
		{Reputer: "r3", Stake: dd("300"), Losses: loss.Bundle{Combined: dd("-1.5"), Naive: dd("-3.5")}},
	}
	p := reputation.DefaultParamsV6()
	p.ListeningEvaluation = reputation.EvaluationGram
	res, err := reputation.ScoreReputers(reports, nil, p)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Evaluation, "iterations", res.Iterations)
	for _, r := range res.Reputers {
		fmt.Println(r.Reputer, r.Score.StringFixed(12), r.ListeningCoefficient.StringFixed(12))
	}
	// Output:
	// gram iterations 10
	// r1 15.547809023043 1.000000000000
	// r2 8.192518868841 0.993814140954
	// r3 6.722495554344 0.988421772266
}

// Reward-time EMA and topic-quantile update of a class (NEWEST: the
// quantile is taken over the new EMA scores, and the initial EMA score of
// newcomers is recomputed). New EMAs 0.1·0.4 + 0.9·0.3 = 0.31, 0.19 and
// −0.2 (first time); quantile at 0.05: P = 0.95·2 = 1.9, 0.19 + 0.9·(−0.39)
// = −0.161; Ē₀ = −0.2 − 2·sqrt(0.1422/2) = −0.733292….
func ExampleSettleClass() {
	scores := reputation.ClassScores{Scores: []loss.Value{{ID: "a", Value: dd("0.4")}, {ID: "b", Value: dd("0.1")}, {ID: "c", Value: dd("-0.2")}}}
	stored := []reputation.EMAScore{{ID: "a", Score: dd("0.3"), BlockHeight: 90}, {ID: "b", Score: dd("0.2"), BlockHeight: 95}}
	p := reputation.DefaultParams() // α_ms = 0.1, quantile 0.05, λ = 2
	st, err := reputation.SettleClass(reputation.Inferer, scores, stored, dd("0"), dd("0"), 100, p)
	if err != nil {
		panic(err)
	}
	for _, e := range st.EMAs {
		fmt.Println(e.ID, e.Score, e.BlockHeight)
	}
	fmt.Println("quantile", st.Quantile)
	fmt.Println("initial EMA", st.InitialEMA.StringFixed(6))
	// Output:
	// a 0.31 90
	// b 0.19 95
	// c -0.2 0
	// quantile -0.161
	// initial EMA -0.733292
}

// The NEWEST liveness penalty of an actor that missed 4 epochs (spec
// Appendix B.5).
func ExampleLivenessPenalty() {
	p := reputation.DefaultParams()
	stored := reputation.EMAScore{ID: "w", Score: dd("300"), BlockHeight: 55}
	e := reputation.Epochs{EpochLastEnded: 100, EpochLength: 10}
	r, err := reputation.LivenessPenalty(reputation.Inferer, stored, dd("200"), e, p)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Score)
	// Output: 265.61
}

// Admission to a full active set: an actor above the cached lowest evicts
// it; the evicted actor's EMA is pulled toward the topic quantile.
func ExampleAdmit() {
	p := reputation.DefaultParamsV6()
	p.MaxTopInferersToReward = 2
	ad, err := reputation.Admit(reputation.Submission{
		Class: reputation.Inferer, Actor: "c", Nonce: 200,
		Set:      reputation.ActiveSet{Members: []string{"a", "b"}},
		EMAs:     []reputation.EMAScore{{ID: "a", Score: dd("0.5"), BlockHeight: 100}, {ID: "b", Score: dd("0.2"), BlockHeight: 100}, {ID: "c", Score: dd("0.3"), BlockHeight: 100}},
		Quantile: dd("0.1"),
	}, p)
	if err != nil {
		panic(err)
	}
	fmt.Println("admitted", ad.Admitted, "evicted", ad.Evicted, "members", ad.Set.Members)
	fmt.Println("lowest", ad.Set.Lowest.ID, ad.Set.Lowest.Score)
	for _, u := range ad.Updated {
		fmt.Println("updated", u.ID, u.Score, u.BlockHeight)
	}
	// Output:
	// admitted true evicted b members [a c]
	// lowest c 0.3
	// updated b 0.19 200
}

// Top-k by score, ties broken by id.
func ExampleSelectTop() {
	top, err := reputation.SelectTop(3, []loss.Value{
		{ID: "d", Value: dd("0.2")}, {ID: "a", Value: dd("0.9")}, {ID: "c", Value: dd("0.2")}, {ID: "b", Value: dd("0.1")},
	})
	if err != nil {
		panic(err)
	}
	for _, v := range top {
		fmt.Println(v.ID, v.Value)
	}
	// Output:
	// a 0.9
	// c 0.2
	// d 0.2
}
