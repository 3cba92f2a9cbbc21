package loss_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func ExampleNewMethod() {
	// A Huber loss with δ = 0.5 (spec loss_methods.md §3.3, last row).
	m, err := loss.NewMethod("Huber_Loss", loss.Options{Delta: new(decimal.RequireFromString("0.5"))})
	if err != nil {
		panic(err)
	}
	l, _ := m.Loss(decimal.RequireFromString("3.2"), decimal.RequireFromString("2.5"))
	fmt.Println(m, l)

	// ztae needs an explicit σ.
	_, err = loss.NewMethod("ztae", loss.Options{})
	fmt.Println(err)
	// Output:
	// huber 0.225
	// loss: missing parameter: ztae needs an explicit std > 0 (for example the historical volatility of the target)
}

func ExampleMethod_Loss() {
	std := new(decimal.RequireFromString("0.02"))
	ztae, _ := loss.NewMethod("ztae", loss.Options{Std: std})
	logcosh, _ := loss.NewMethod("logcosh", loss.Options{})
	y, p := decimal.RequireFromString("0.01"), decimal.RequireFromString("0.02")
	a, _ := ztae.Loss(y, p)    // |tanh 0.5 − tanh 1|
	b, _ := logcosh.Loss(y, p) // ln cosh 0.01, 34 digits without cancellation
	fmt.Println(a)
	fmt.Println(b)
	// Output:
	// 0.299476998695755129617139798961121
	// 0.00004999916668888821430758303567313723
}

func ExampleMethod_VectorLoss() {
	truth := loss.Vector{decimal.NewFromInt(1), decimal.Zero, decimal.Zero}
	pred := loss.Vector{decimal.RequireFromString("0.7"), decimal.RequireFromString("0.2"), decimal.RequireFromString("0.1")}
	sqe, _ := loss.NewMethod("sqe", loss.Options{})
	cce, _ := loss.NewMethod("cce", loss.Options{})
	brier, _ := sqe.VectorLoss(truth, pred, loss.ReduceSum)
	mean, _ := sqe.VectorLoss(truth, pred, loss.ReduceDefault)
	ce, _ := cce.VectorLoss(truth, pred, loss.ReduceDefault) // −ln 0.7
	fmt.Println(brier)
	fmt.Println(mean)
	fmt.Println(ce)
	// Output:
	// 0.14
	// 0.04666666666666666666666666666666666
	// 0.3566749439387323789126387112411844
}

func ExampleMethod_Transform() {
	m, _ := loss.NewMethod("sqe", loss.Options{})
	for _, l := range []string{"25", "1", "0"} {
		v, _ := m.Transform(decimal.RequireFromString(l), loss.GradeOptions{})
		fmt.Println(l, "→", v)
	}
	_, err := m.Transform(decimal.Zero, loss.GradeOptions{ZeroLoss: loss.ZeroLossError})
	fmt.Println(err)
	// Output:
	// 25 → 1.397940008672037609572522210551013
	// 1 → 0
	// 0 → -100
	// loss: zero loss in log space: log10(0) (policy "error")
}

func ExampleGrade() {
	// Spec loss_methods.md §9: ground truth 10, sqe, log10 reporting.
	v := func(s string) loss.Vector { return loss.Vector{decimal.RequireFromString(s)} }
	b := loss.InferenceBundle{
		Combined: v("9.5"),
		Naive:    v("9.0"),
		Inferers: []loss.VectorValue{{ID: "B", Values: v("10.0")}, {ID: "A", Values: v("9.7")}},
		OneOutInfererForecasters: []loss.PairVector{
			{Forecaster: "F", Inferer: "B", Values: v("9.35")},
			{Forecaster: "F", Inferer: "A", Values: v("9.65")},
		},
	}
	m, _ := loss.NewMethod("mse", loss.Options{})
	out, err := loss.Grade(b, v("10.0"), m, loss.GradeOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("combined", out.Combined)
	fmt.Println("naive", out.Naive)
	for _, x := range out.Inferers {
		fmt.Println("inferer", x.ID, x.Value)
	}
	for _, x := range out.OneOutInfererForecasters {
		fmt.Println("pair", x.Forecaster, x.Inferer, x.Value)
	}
	// Output:
	// combined -0.602059991327962390427477789448986
	// naive 0
	// inferer A -1.045757490560675125409944193489769
	// inferer B -100
	// pair F A -0.9118639112994487290030452722637136
	// pair F B -0.3741732867142888520144674735643291
}

func ExampleNetworkLosses() {
	reports := []loss.Report{
		{Reputer: "r1", Stake: decimal.NewFromInt(1_000_000), Losses: loss.Bundle{
			Combined: decimal.NewFromInt(-2), Naive: decimal.NewFromInt(-1),
			Inferers: []loss.Value{{ID: "a", Value: decimal.NewFromInt(-5)}},
		}},
		{Reputer: "r2", Stake: decimal.NewFromInt(3_000_000), Losses: loss.Bundle{
			Combined: decimal.NewFromInt(-4), Naive: decimal.NewFromInt(-3),
			Inferers: []loss.Value{{ID: "b", Value: decimal.NewFromInt(-7)}, {ID: "a", Value: decimal.NewFromInt(-1)}},
		}},
	}
	out, err := loss.NetworkLosses(reports, loss.DefaultParams())
	if err != nil {
		panic(err)
	}
	fmt.Println("combined", out.Combined)
	fmt.Println("naive", out.Naive)
	for _, x := range out.Inferers { // b was reported by r2 only
		fmt.Println("inferer", x.ID, x.Value)
	}
	// Output:
	// combined -3.5
	// naive -2.5
	// inferer a -2
	// inferer b -7
}

func ExampleNum() {
	// A pair value (and a pair regret of package regret) is a Num: built
	// from a decimal (refused outside the decimal core's range), written
	// in JSON as a decimal string.
	v, err := loss.NewNum(decimal.RequireFromString("-0.0125"))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := loss.PairValue{Forecaster: "alice", Inferer: "bob", Value: v}
	b, _ := json.Marshal(p)
	fmt.Println(string(b))

	var back loss.PairValue
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Value.Equal(v), back.Value.Decimal().Mul(decimal.NewFromInt(8)))

	_, err = loss.NewNum(decimal.New(1, 500))
	fmt.Println(errors.Is(err, loss.ErrValue))
	// Output:
	// {"forecaster":"alice","inferer":"bob","value":"-0.0125"}
	// true -0.1
	// true
}
