package rewards_test

import (
	"fmt"
	"strings"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/shopspring/decimal"
)

func ExampleWorkerFractions() {
	// Spec Appendix B.4: three inferer scores and a six-score sample
	// (u ≈ 0.1422833122763407, 0.8556216210875807, 0.00209506663607854).
	scores := []loss.Value{{ID: "a", Value: num("0.1")}, {ID: "b", Value: num("0.3")}, {ID: "c", Value: num("-0.2")}}
	sample := []decimal.Decimal{num("0.1"), num("0.3"), num("-0.2"), num("0.05"), num("0.25"), num("-0.1")}
	u, err := rewards.WorkerFractions(scores, sample, rewards.Inferers, rewards.DefaultParams())
	if err != nil {
		panic(err)
	}
	for _, f := range u {
		fmt.Println(f.ID, f.Value)
	}
	// Output:
	// a 0.1422833122763406820899768513835663
	// b 0.8556216210875807820613124429246622
	// c 0.002095066636078535848710705691771411
}

func ExamplePayouts() {
	fr := []loss.Value{{ID: "a", Value: num("0.3333333333333333333333333333333333")},
		{ID: "b", Value: num("0.3333333333333333333333333333333333")},
		{ID: "c", Value: num("0.3333333333333333333333333333333333")}}
	p := rewards.DefaultParams()
	ref, _ := rewards.Payouts(fr, num("100"), p) // truncate each: 1 unit stays in the treasury
	p.PayoutMode = rewards.PayoutConserving
	cons, _ := rewards.Payouts(fr, num("100"), p) // largest remainder, ties by id
	for i := range fr {
		fmt.Println(fr[i].ID, ref[i].Value, cons[i].Value)
	}
	// Output:
	// a 33 34
	// b 33 33
	// c 33 33
}

func ExampleDistributeTopic() {
	in := rewards.TopicInput{
		Block:       10,
		Reward:      num("1000000"),
		NetworkLoss: num("-2.5"),
		NaiveLoss:   num("-2.3"),
		Inferers:    []loss.Value{{ID: "i1", Value: num("0.1")}, {ID: "i2", Value: num("0.3")}, {ID: "i3", Value: num("-0.2")}},
		Forecasters: []loss.Value{{ID: "f1", Value: num("0.05")}, {ID: "f2", Value: num("0.15")}},
		Reputers: []rewards.Reputer{
			{ID: "r1", Score: num("20"), Stake: num("3000"), Delegated: num("1000")},
			{ID: "r2", Score: num("30"), Stake: num("1000"), Delegated: num("0")},
		},
	}
	p := rewards.DefaultParams()
	p.PayoutMode = rewards.PayoutConserving
	d, err := rewards.DistributeTopic(in, rewards.TopicState{}, p)
	if err != nil {
		panic(err)
	}
	fmt.Println("tau", d.Utility.ScoreRatio, "chi", d.Utility.Chi)
	fmt.Println("U", d.InfererReward.StringFixed(6), "V", d.ForecasterReward.StringFixed(6), "W", d.ReputerReward.StringFixed(6))
	for _, c := range []rewards.ClassDistribution{d.Inferers, d.Forecasters, d.Reputers} {
		var line []string
		for _, a := range c.Payouts {
			line = append(line, a.ID+"="+a.Value.String())
		}
		fmt.Println(strings.Join(line, " "))
	}
	fmt.Println("delegators of r1:", d.Delegations[0].Amount, "paid:", d.Paid, "remainder:", d.Remainder)
	// Output:
	// tau 0.06666666666666666666666666666666666 chi 0.12666666666666666666666666666666666
	// U 485014.541095 V 62371.996469 W 452613.462436
	// i1=79289 i2=402796 i3=2930
	// f1=8308 f2=54064
	// r1=201162 r2=150871
	// delegators of r1: 100580 paid: 1000000 remainder: 0
}

func ExampleCurrentTopicWeight() {
	p := rewards.DefaultParams()
	w, _ := rewards.CurrentTopicWeight(rewards.TopicWeightInput{
		Stake:             num("400"),
		FeeRevenue:        num("100"),
		EpochLength:       4 * p.TopicAlphaBaseBlocks, // a month: α_eff = 1 − 0.5⁴
		PreviousWeight:    num("40"),
		HasPreviousWeight: true,
	}, p)
	fmt.Println(w.Target, w.Alpha, w.Weight, w.Active)
	// Output:
	// 200 0.9375 190 true
}

func ExampleMonthlyEmission() {
	p := rewards.DefaultParams()
	p.BlocksPerMonth = 1000
	p.Mint.MaxSupply = num("1000000")
	e, _ := rewards.MonthlyEmission(rewards.EmissionInput{
		BlockHeight:                    500,
		BondedTokens:                   num("60000"),
		EmissionsStake:                 num("40000"),
		EcosystemBalance:               num("100000"),
		EcosystemMinted:                num("59500"),
		PreviousRewardToStakedReputers: num("0.3"),
	}, p)
	fmt.Println(e.Target, e.Max, e.SmoothedRate, e.MonthlyEmission, e.BlockEmission)
	// Output:
	// 0.01145 0.02 0.01145 1145 1
}
