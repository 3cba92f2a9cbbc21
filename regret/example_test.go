package regret_test

import (
	"fmt"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

func ExampleUpdate() {
	// Settlement of one epoch: inferer "alice" has a stored regret, "bob"
	// is new; the topic's initial regret is 0.5. Network loss L_i = −3.
	in := regret.Input{
		Previous: regret.State{
			Inferers:      []loss.Value{{ID: "alice", Value: decimal.RequireFromString("0.2")}},
			InitialRegret: decimal.RequireFromString("0.5"),
		},
		Losses: loss.Bundle{
			Combined: decimal.RequireFromString("-3"),
			Naive:    decimal.RequireFromString("-2.5"),
			Inferers: []loss.Value{
				{ID: "bob", Value: decimal.RequireFromString("-2")},
				{ID: "alice", Value: decimal.RequireFromString("-4")},
			},
		},
		InfererInclusions: []regret.Inclusion{{ID: "alice", Count: 12}},
	}
	out, err := regret.Update(in, regret.DefaultParamsV6())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range out.State.Inferers {
		fmt.Printf("R(%s) = %s\n", r.ID, r.Value) // 0.1·(L_i − L_ij) + 0.9·R_prev
	}
	for _, r := range out.State.Naive {
		fmt.Printf("naive R(%s) = %s\n", r.ID, r.Value)
	}
	fmt.Println("new:", out.NewInferers, "experienced:", out.ExperiencedInferers)
	fmt.Printf("initial regret (%s) = %s\n", out.InitialRegretRule, out.State.InitialRegret)
	// Output:
	// R(alice) = 0.28
	// R(bob) = 0.35
	// naive R(alice) = 0.6
	// naive R(bob) = 0.4
	// new: [bob] experienced: [alice]
	// initial regret (quantile_offset) = 0.26
}

func ExampleMADScale() {
	regrets := []decimal.Decimal{
		decimal.RequireFromString("0.1"),
		decimal.RequireFromString("0.2"),
		decimal.RequireFromString("0.3"),
	}
	s, err := regret.MADScale(regrets, decimal.RequireFromString("0.01"), 0, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s) // 1.4826·0.1 + 0.01
	// Output: 0.15826
}

func ExampleTopicInitialRegret() {
	experienced := []decimal.Decimal{
		decimal.RequireFromString("1"),
		decimal.RequireFromString("2"),
		decimal.RequireFromString("3"),
		decimal.RequireFromString("4"),
	}
	p := regret.DefaultParams() // q = 0.25, p = 3, c = 0.75, κ = 8.25, ε = 0.01
	r, rule, err := regret.TopicInitialRegret(experienced, experienced, decimal.Zero, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule, r)
	// Output: quantile_offset -0.851988897471611256786176933188266
}
