package rewards

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func TestParamsValidate(t *testing.T) {
	for _, p := range []Params{DefaultParams(), DefaultParamsV6()} {
		if err := p.Validate(); err != nil {
			t.Fatalf("%s defaults: %v", p.RuleSet, err)
		}
		// JSON round trip keeps the parameters.
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var q Params
		if err := json.Unmarshal(b, &q); err != nil || q.Validate() != nil || !q.PRewardReputer.Equal(p.PRewardReputer) {
			t.Fatalf("round trip: %v %+v", err, q)
		}
	}
	// §17 defaults that differ between V6 and NEWEST.
	if !DefaultParamsV6().PRewardInference.Equal(decimal.NewFromInt(1)) || !DefaultParamsV6().PRewardReputer.Equal(decimal.NewFromInt(3)) ||
		!DefaultParams().PRewardInference.Equal(decimal.NewFromInt(3)) || !DefaultParams().PRewardReputer.Equal(decimal.NewFromInt(1)) {
		t.Fatal("p exponents do not follow spec §17")
	}
	bad := []func(*Params){
		func(p *Params) { p.RuleSet = "x" },
		func(p *Params) { p.PRewardInference = decimal.Zero },
		func(p *Params) { p.CRewardForecast = decimal.NewFromInt(-1) },
		func(p *Params) { p.Epsilon = decimal.Zero },
		func(p *Params) { p.TaskRewardAlpha = decimal.NewFromInt(1) },
		func(p *Params) { p.BetaEntropy = decimal.NewFromInt(2) },
		func(p *Params) { p.MaxSamplesToScaleScores = 0 },
		func(p *Params) { p.MaxTopForecastersToReward = 0 },
		func(p *Params) { p.TopicRewardAlpha = decimal.Zero },
		func(p *Params) { p.TopicRewardStakeImportance = decimal.RequireFromString("1.5") },
		func(p *Params) { p.MinTopicWeight = decimal.NewFromInt(-1) },
		func(p *Params) { p.TopicAlphaBaseBlocks = 0 },
		func(p *Params) { p.BlocksPerMonth = 0 },
		func(p *Params) { p.PayoutMode = "round" },
		func(p *Params) { p.Digits = 101 },
		func(p *Params) { p.Rounding = "sideways" },
		func(p *Params) {
			p.ValidatorsVsAlloraPercentReward = decimal.RequireFromString("0.1234567890123456789")
		},
		func(p *Params) { p.Mint.EcosystemPercent = decimal.RequireFromString("0.3") }, // buckets no longer sum to 1
		func(p *Params) { p.Mint.MaxSupply = decimal.RequireFromString("1.5") },
		func(p *Params) { p.Mint.FEmission = decimal.NewFromInt(2) },
	}
	for i, f := range bad {
		p := DefaultParams()
		f(&p)
		if err := p.Validate(); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("case %d: %v", i, err)
		}
	}
}

func TestScoreSampleCaps(t *testing.T) {
	mk := func(block int64, n int) EpochScores {
		e := EpochScores{Block: block}
		for i := range n {
			e.Scores = append(e.Scores, loss.Value{ID: string(rune('a' + i)), Value: decimal.NewFromInt(block*100 + int64(i))})
		}
		return e
	}
	hist := []EpochScores{mk(1, 4), mk(3, 12), mk(2, 4)}
	p := DefaultParamsV6()
	// V6: cap 10. Block 3 keeps its last 10 of 12 (c…l), newest first.
	s, err := ScoreSample(hist, Inferers, p)
	if err != nil || len(s) != 10 || !s[0].Equal(decimal.NewFromInt(302)) || !s[9].Equal(decimal.NewFromInt(311)) {
		t.Fatalf("V6 sample %v %v", s, err)
	}
	p.MaxSamplesToScaleScores = 3
	if s, _ = ScoreSample(hist, Inferers, p); len(s) != 3 || !s[0].Equal(decimal.NewFromInt(309)) {
		t.Fatalf("V6 cap 3: %v", s)
	}
	// NEWEST: 10 × 32 = 320 for inferers, 10 × 6 = 60 for forecasters.
	q := DefaultParams()
	for c, want := range map[Class]int{Inferers: 320, Forecasters: 60, Reputers: 60} {
		if n, err := ScoreSampleSize(c, q); err != nil || n != want {
			t.Errorf("%s: %d %v", c, n, err)
		}
	}
	if s, _ = ScoreSample(hist, Inferers, q); len(s) != 20 || !s[12].Equal(decimal.NewFromInt(200)) {
		t.Fatalf("NEWEST sample %v", s)
	}
}

// TestDistributeTopicChained runs two epochs, passing the state through
// JSON, and checks the second epoch's smoothing uses the first's stored
// fractions.
func TestDistributeTopicChained(t *testing.T) {
	p := DefaultParams()
	in := TopicInput{
		Block: 1, Reward: decimal.NewFromInt(1000), NetworkLoss: decimal.RequireFromString("-2"), NaiveLoss: decimal.RequireFromString("-1.9"),
		Inferers:    []loss.Value{{ID: "a", Value: decimal.RequireFromString("0.2")}, {ID: "b", Value: decimal.RequireFromString("0.1")}},
		Forecasters: []loss.Value{{ID: "f", Value: decimal.RequireFromString("0.05")}},
		Reputers:    []Reputer{{ID: "r", Score: decimal.NewFromInt(10), Stake: decimal.NewFromInt(100)}},
	}
	d1, err := DistributeTopic(in, TopicState{}, p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(d1.State)
	var st TopicState
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	in.Block = 2
	in.Inferers[0].Value, in.Inferers[1].Value = decimal.RequireFromString("0.1"), decimal.RequireFromString("0.3")
	d2, err := DistributeTopic(in, st, p)
	if err != nil {
		t.Fatal(err)
	}
	// NEWEST stores ũ; epoch 2's ũ_a = 0.1·u_a + 0.9·ũ_a(epoch 1).
	for i := range d2.Inferers.Smoothed {
		u2 := mustD(t, d2.Inferers.Fractions[i].Value)
		s1 := mustD(t, d1.Inferers.Smoothed[i].Value)
		want := d("0.1")
		a, _ := ctxMul(want, u2)
		c, _ := ctxMul(d("0.9"), s1)
		if !mustD(t, d2.Inferers.Smoothed[i].Value).Equal(a.Add(c)) {
			t.Fatalf("ũ %s, want %s", d2.Inferers.Smoothed[i].Value, a.Add(c))
		}
	}
	// The history now holds both epochs' inferer scores, newest first.
	if len(d2.State.InfererScores) != 2 || d2.State.InfererScores[0].Block != 2 {
		t.Fatalf("history %+v", d2.State.InfererScores)
	}
	// τ chains: τ_2 = 0.1·(0.1/0.3) + 0.9·τ_1.
	if d1.State.ForecasterScoreRatio.IsZero() || d2.State.ForecasterScoreRatio.Equal(d1.State.ForecasterScoreRatio) {
		t.Fatal("τ did not chain")
	}
}
