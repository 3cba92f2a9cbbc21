package rewards_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/shopspring/decimal"
)

func num(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// smallTopic is a hand-sized topic: 3 inferers, 2 forecasters, 2 reputers.
func smallTopic() (rewards.TopicInput, rewards.TopicState) {
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
	st := rewards.TopicState{
		InfererScores:    []rewards.EpochScores{{Block: 9, Scores: []loss.Value{{ID: "i1", Value: num("0.05")}, {ID: "i2", Value: num("0.25")}, {ID: "i3", Value: num("-0.1")}}}},
		ForecasterScores: []rewards.EpochScores{{Block: 9, Scores: []loss.Value{{ID: "f1", Value: num("0.1")}}}},
	}
	return in, st
}

func TestHostileInputs(t *testing.T) {
	p := rewards.DefaultParams()
	many := make([]loss.Value, 100_000)
	for i := range many {
		many[i] = loss.Value{ID: fmt.Sprintf("a%06d", i), Value: num("0.00001")}
	}
	for _, c := range []struct {
		name string
		run  func() error
		want error
	}{
		{"negative stake", func() error {
			_, err := rewards.ReputerFractions([]loss.Value{{ID: "r", Value: num("1")}}, []loss.Value{{ID: "r", Value: num("-5")}}, p)
			return err
		}, rewards.ErrInvalidValue},
		{"fractional stake", func() error {
			_, err := rewards.ReputerFractions([]loss.Value{{ID: "r", Value: num("1")}}, []loss.Value{{ID: "r", Value: num("5.5")}}, p)
			return err
		}, rewards.ErrInvalidValue},
		{"all-zero reputer scores", func() error {
			_, err := rewards.ReputerFractions([]loss.Value{{ID: "a", Value: num("0")}, {ID: "b", Value: num("0")}},
				[]loss.Value{{ID: "a", Value: num("5")}, {ID: "b", Value: num("7")}}, p)
			return err
		}, rewards.ErrZeroTotal},
		{"mismatched reputer ids", func() error {
			_, err := rewards.ReputerFractions([]loss.Value{{ID: "a", Value: num("1")}}, []loss.Value{{ID: "b", Value: num("5")}}, p)
			return err
		}, rewards.ErrUnknownID},
		{"duplicate id", func() error {
			_, err := rewards.WorkerFractions([]loss.Value{{ID: "a", Value: num("1")}, {ID: "a", Value: num("2")}}, nil, rewards.Inferers, p)
			return err
		}, rewards.ErrDuplicateID},
		{"empty id", func() error {
			_, err := rewards.WorkerFractions([]loss.Value{{Value: num("1")}}, nil, rewards.Inferers, p)
			return err
		}, rewards.ErrEmptyID},
		{"no workers", func() error {
			_, err := rewards.WorkerFractions(nil, nil, rewards.Inferers, p)
			return err
		}, rewards.ErrEmpty},
		{"reputer class has no worker mapping", func() error {
			_, err := rewards.WorkerFractions([]loss.Value{{ID: "a", Value: num("1")}}, nil, rewards.Reputers, p)
			return err
		}, rewards.ErrInvalidValue},
		{"10^5 workers", func() error {
			_, err := rewards.WorkerFractions(many, nil, rewards.Inferers, p)
			return err
		}, rewards.ErrTooLarge},
		{"10^5 payouts", func() error {
			_, err := rewards.Payouts(many, num("100"), p)
			return err
		}, rewards.ErrTooLarge},
		{"10^5 inferers in a topic", func() error {
			in, st := smallTopic()
			in.Inferers = many
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrTooLarge},
		{"fraction above 1", func() error {
			_, err := rewards.Payouts([]loss.Value{{ID: "a", Value: num("1.5")}}, num("100"), p)
			return err
		}, rewards.ErrInvalidValue},
		{"negative pool", func() error {
			_, err := rewards.Payouts([]loss.Value{{ID: "a", Value: num("0.5")}}, num("-1"), p)
			return err
		}, rewards.ErrInvalidValue},
		{"pool above 1e77", func() error {
			_, err := rewards.Payouts([]loss.Value{{ID: "a", Value: num("0.5")}}, num("1e78"), p)
			return err
		}, rewards.ErrInvalidValue},
		{"reference fractions summing above 1", func() error {
			_, err := rewards.Payouts([]loss.Value{{ID: "a", Value: num("0.9")}, {ID: "b", Value: num("0.9")}}, num("100"), p)
			return err
		}, rewards.ErrOverpay},
		{"no reputers", func() error {
			in, st := smallTopic()
			in.Reputers = nil
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrEmpty},
		{"no inferers", func() error {
			in, st := smallTopic()
			in.Inferers = nil
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrEmpty},
		{"zero reputer stake", func() error {
			in, st := smallTopic()
			in.Reputers[0].Stake, in.Reputers[0].Delegated = num("0"), num("0")
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrInvalidValue},
		{"delegation above stake", func() error {
			in, st := smallTopic()
			in.Reputers[0].Delegated = num("5000")
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrInvalidValue},
		{"negative reputer score", func() error {
			in, st := smallTopic()
			in.Reputers[0].Score = num("-1")
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrInvalidValue},
		{"negative reward", func() error {
			in, st := smallTopic()
			in.Reward = num("-1")
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrInvalidValue},
		{"history not before the nonce", func() error {
			in, st := smallTopic()
			st.InfererScores[0].Block = in.Block
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrInvalidValue},
		{"duplicate history block", func() error {
			in, st := smallTopic()
			st.InfererScores = append(st.InfererScores, st.InfererScores[0])
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrDuplicateID},
		{"previous fraction above 1", func() error {
			in, st := smallTopic()
			st.InfererFractions = []loss.Value{{ID: "i1", Value: num("2")}}
			_, err := rewards.DistributeTopic(in, st, p)
			return err
		}, rewards.ErrInvalidValue},
		{"absurd score magnitude", func() error {
			_, err := rewards.WorkerFractions([]loss.Value{{ID: "a", Value: num("1e399")}, {ID: "b", Value: num("-1e399")}},
				[]decimal.Decimal{num("1e399"), num("-1e399")}, rewards.Inferers, p)
			return err
		}, rewards.ErrArithmetic},
		{"every φ underflows", func() error {
			// σ ≈ 0.02 >= ε, T/(σ+ε) ≈ −3·10^4: e^{p(x−c)} is below 1e-400.
			_, err := rewards.WorkerFractions([]loss.Value{{ID: "a", Value: num("-1000")}, {ID: "b", Value: num("-1000.03")}},
				[]decimal.Decimal{num("-1000"), num("-1000.03")}, rewards.Inferers, p)
			return err
		}, rewards.ErrZeroTotal},
		{"out-of-range decimal", func() error {
			_, err := rewards.WorkerFractions([]loss.Value{{ID: "a", Value: num("1e500")}}, nil, rewards.Inferers, p)
			return err
		}, rewards.ErrInvalidValue},
		{"unknown rule set", func() error {
			q := p
			q.RuleSet = "v7"
			_, err := rewards.WorkerFractions([]loss.Value{{ID: "a", Value: num("1")}}, nil, rewards.Inferers, q)
			return err
		}, rewards.ErrInvalidParams},
		{"zero topic weight sum", func() error {
			_, err := rewards.TopicReward(num("0"), num("0"), num("100"), 10, p)
			return err
		}, rewards.ErrZeroTotal},
		{"zero staked supply", func() error {
			_, err := rewards.EmissionTarget(num("1"), num("0"), num("1"), num("10"), p)
			return err
		}, rewards.ErrDegenerate},
		{"negative circulating supply", func() error {
			_, err := rewards.MonthlyEmission(rewards.EmissionInput{BondedTokens: num("1"), EcosystemBalance: num("1e27"),
				PreviousRewardToStakedReputers: num("0.3")}, p)
			return err
		}, rewards.ErrNegativeSupply},
		{"rate with 19 places", func() error {
			_, err := rewards.EmissionPerMonth(num("0.0000000000000000001"), num("100"))
			return err
		}, rewards.ErrInvalidValue},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want an error wrapping %v", err, c.want)
			}
		})
	}
}

// TestDefinedEdgeResults covers hostile inputs with a defined result.
func TestDefinedEdgeResults(t *testing.T) {
	p := rewards.DefaultParams()

	t.Run("zero pool", func(t *testing.T) {
		in, st := smallTopic()
		in.Reward = decimal.Zero
		for _, mode := range []rewards.PayoutMode{rewards.PayoutReference, rewards.PayoutConserving} {
			q := p
			q.PayoutMode = mode
			d, err := rewards.DistributeTopic(in, st, q)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Paid.IsZero() || !d.Remainder.IsZero() {
				t.Fatalf("%s: paid %s remainder %s", mode, d.Paid, d.Remainder)
			}
		}
	})

	t.Run("one actor per class", func(t *testing.T) {
		in, st := smallTopic()
		in.Inferers, in.Forecasters, in.Reputers = in.Inferers[:1], in.Forecasters[:1], in.Reputers[:1]
		st.InfererScores, st.ForecasterScores = nil, nil
		d, err := rewards.DistributeTopic(in, st, p)
		if err != nil {
			t.Fatal(err)
		}
		// (11.5) for inferers and reputers; G = 0 because N_i = 1.
		if !d.Inferers.Entropy.Equal(num(rewards.SingleParticipantEntropy)) || !d.Reputers.Entropy.Equal(num(rewards.SingleParticipantEntropy)) {
			t.Fatalf("entropies %s %s", d.Inferers.Entropy, d.Reputers.Entropy)
		}
		if !d.ForecasterEntropySkipped || !d.Forecasters.Entropy.IsZero() || !d.ForecasterReward.IsZero() || d.State.ForecasterFractions != nil {
			t.Fatalf("forecasters not skipped: %+v", d.Forecasters)
		}
		// U = F/(F+H)·E = E/2 (γ = 1/(1−χ), truncated: U = 499999.99…97),
		// W = E/2 exactly.
		u := mustDec(t, d.InfererReward)
		if !d.ReputerReward.Equal(num("500000")) || u.Cmp(mustDec(t, num("500000"))) > 0 || u.Cmp(mustDec(t, num("499999.99999999999999999999999999"))) < 0 {
			t.Fatalf("U %s W %s", d.InfererReward, d.ReputerReward)
		}
	})

	t.Run("all-zero worker scores", func(t *testing.T) {
		z := []loss.Value{{ID: "a", Value: decimal.Zero}, {ID: "b", Value: decimal.Zero}, {ID: "c", Value: decimal.Zero}}
		u, err := rewards.WorkerFractions(z, values(z), rewards.Inferers, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range u {
			if !f.Value.Equal(num("0.3333333333333333333333333333333333")) {
				t.Fatalf("fractions %v", u)
			}
		}
	})

	t.Run("no forecasters", func(t *testing.T) {
		in, st := smallTopic()
		in.Forecasters = nil
		d, err := rewards.DistributeTopic(in, st, p)
		if err != nil {
			t.Fatal(err)
		}
		if !d.ForecasterEntropySkipped || len(d.Forecasters.Fractions) != 0 {
			t.Fatalf("%+v", d.Forecasters)
		}
		// The forecaster history is kept as it was.
		if len(d.State.ForecasterScores) != 1 || d.State.ForecasterScores[0].Block != 9 {
			t.Fatalf("forecaster history %+v", d.State.ForecasterScores)
		}
	})
}

// TestDistributeTopicState checks the state pieces of DistributeTopic: the
// stored fractions merge, τ, and the pruned histories.
func TestDistributeTopicState(t *testing.T) {
	in, st := smallTopic()
	st.InfererFractions = []loss.Value{{ID: "gone", Value: num("0.5")}, {ID: "i2", Value: num("0.4")}}
	p := rewards.DefaultParamsV6()
	p.MaxSamplesToScaleScores = 4
	d, err := rewards.DistributeTopic(in, st, p)
	if err != nil {
		t.Fatal(err)
	}
	// The absent actor keeps its stored value; the others are replaced.
	ids := []string{}
	for _, v := range d.State.InfererFractions {
		ids = append(ids, v.ID)
	}
	if fmt.Sprint(ids) != "[gone i1 i2 i3]" || !d.State.InfererFractions[0].Value.Equal(num("0.5")) {
		t.Fatalf("stored fractions %v", d.State.InfererFractions)
	}
	// V6 stores f = Modified.
	for i, v := range d.State.InfererFractions[1:] {
		if !v.Value.Equal(d.Inferers.Modified[i].Value) {
			t.Fatalf("stored %s, modified %s", v.Value, d.Inferers.Modified[i].Value)
		}
	}
	// Cap 4 per epoch: the current epoch keeps its 3 scores and block 9 one
	// more is needed, so both epochs stay; blocks newest first.
	if len(d.State.InfererScores) != 2 || d.State.InfererScores[0].Block != 10 || d.State.InfererScores[1].Block != 9 {
		t.Fatalf("history %+v", d.State.InfererScores)
	}
	if !d.State.ForecasterScoreRatio.Equal(d.Utility.ScoreRatio) {
		t.Fatal("τ not stored")
	}
	// Rewards: R = fraction × task reward; payouts truncate; the reputer
	// with a delegation gives trunc(R·1000/3000) to its delegators.
	rw := mustDec(t, d.Reputers.Rewards[0].Value)
	del := mustDec(t, d.Delegations[0].Amount)
	third := quo(t, rw, mustDec(t, num("3"))).Trunc()
	if !del.Equal(third) {
		t.Fatalf("delegation %s, want %s", del, third)
	}
}
