package rewards_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/shopspring/decimal"
)

// benchTopic builds a topic with nInf inferers, nFc forecasters and nRep
// reputers, stakes around 10^24 base units, three epochs of score history
// and previous fractions for every actor, from a seeded source.
func benchTopic(nInf, nFc, nRep int) (rewards.TopicInput, rewards.TopicState) {
	r := rand.New(rand.NewPCG(uint64(nInf), uint64(nRep)))
	score := func() decimal.Decimal { return decimal.New(r.Int64N(2_000_000)-1_000_000, -6) }
	scores := func(prefix string, n int) []loss.Value {
		out := make([]loss.Value, n)
		for i := range out {
			out[i] = loss.Value{ID: fmt.Sprintf("%s%05d", prefix, i), Value: score()}
		}
		return out
	}
	prev := func(vs []loss.Value) []loss.Value {
		out := make([]loss.Value, len(vs))
		for i, v := range vs {
			out[i] = loss.Value{ID: v.ID, Value: decimal.New(1+r.Int64N(1_000_000), -6-int32(len(fmt.Sprint(len(vs)))))}
		}
		return out
	}
	in := rewards.TopicInput{
		Block:       100,
		Reward:      decimal.New(7_708_805_149_400_669, 6),
		NetworkLoss: decimal.New(-25, -1),
		NaiveLoss:   decimal.New(-23, -1),
		Inferers:    scores("i", nInf),
		Forecasters: scores("f", nFc),
	}
	for i := range nRep {
		stake := decimal.New(1+r.Int64N(1_000_000), 18)
		in.Reputers = append(in.Reputers, rewards.Reputer{ID: fmt.Sprintf("r%05d", i), Score: decimal.New(1+r.Int64N(100_000_000), -6),
			Stake: stake, Delegated: decimal.New(r.Int64N(1_000_000), 12)})
	}
	var reps []loss.Value
	for _, x := range in.Reputers {
		reps = append(reps, loss.Value{ID: x.ID})
	}
	st := rewards.TopicState{
		InfererFractions:     prev(in.Inferers),
		ForecasterFractions:  prev(in.Forecasters),
		ReputerFractions:     prev(reps),
		ForecasterScoreRatio: decimal.New(3, 0),
	}
	for b := int64(99); b >= 97; b-- {
		st.InfererScores = append(st.InfererScores, rewards.EpochScores{Block: b, Scores: scores("i", nInf)})
		st.ForecasterScores = append(st.ForecasterScores, rewards.EpochScores{Block: b, Scores: scores("f", nFc)})
	}
	return in, st
}

// BenchmarkDistributeTopic measures a full topic reward computation (score
// samples, fractions, entropies, split, payouts, delegations, new state) by
// size class inferers x forecasters x reputers, NEWEST rules.
func BenchmarkDistributeTopic(b *testing.B) {
	for _, s := range []struct{ inf, fc, rep int }{{32, 6, 6}, {128, 32, 32}, {512, 512, 128}} {
		for _, mode := range []rewards.PayoutMode{rewards.PayoutReference, rewards.PayoutConserving} {
			b.Run(fmt.Sprintf("%dx%dx%d/%s", s.inf, s.fc, s.rep, mode), func(b *testing.B) {
				in, st := benchTopic(s.inf, s.fc, s.rep)
				p := rewards.DefaultParams()
				p.PayoutMode = mode
				if _, err := rewards.DistributeTopic(in, st, p); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := rewards.DistributeTopic(in, st, p); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkWorkerFractions measures the φ mapping alone by class size.
func BenchmarkWorkerFractions(b *testing.B) {
	for _, n := range []int{32, 128, 512} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in, st := benchTopic(n, 1, 1)
			sample, err := rewards.ScoreSample(append([]rewards.EpochScores{{Block: in.Block, Scores: in.Inferers}}, st.InfererScores...), rewards.Inferers, rewards.DefaultParams())
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := rewards.WorkerFractions(in.Inferers, sample, rewards.Inferers, rewards.DefaultParams()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPayouts measures the conserving apportionment by size.
func BenchmarkPayouts(b *testing.B) {
	for _, n := range []int{32, 512, 4096} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in, _ := benchTopic(n, 1, 1)
			fr, err := rewards.WorkerFractions(in.Inferers, nil, rewards.Inferers, rewards.DefaultParams())
			if err != nil {
				b.Fatal(err)
			}
			p := rewards.DefaultParams()
			p.PayoutMode = rewards.PayoutConserving
			pool := decimal.New(123456789, 21)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := rewards.Payouts(fr, pool, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
