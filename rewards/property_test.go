package rewards_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genDecimal draws v·10^-k with |v| <= limit and k in [0, 8].
func genDecimal(t *rapid.T, label string, lo, hi int64) decimal.Decimal {
	v := rapid.Int64Range(lo, hi).Draw(t, label)
	k := rapid.Int32Range(0, 8).Draw(t, label+"_scale")
	return decimal.New(v, -k)
}

func genScores(t *rapid.T, label string, n int) []loss.Value {
	out := make([]loss.Value, n)
	for i := range out {
		out[i] = loss.Value{ID: fmt.Sprintf("%s%03d", label, i), Value: genDecimal(t, label, -3_000_000, 3_000_000)}
	}
	return out
}

func values(vs []loss.Value) []decimal.Decimal {
	out := make([]decimal.Decimal, len(vs))
	for i, v := range vs {
		out[i] = v.Value
	}
	return out
}

// sumBounds checks fractions >= 0 and 1 − n·1e-33 <= Σ <= 1 (RoundDown
// quotients lose less than one unit of the 34th digit each).
func sumBounds(t *rapid.T, fr []loss.Value) {
	var s dec.Dec
	for _, f := range fr {
		x, _ := dec.FromDecimal(f.Value)
		if x.Sign() < 0 {
			t.Fatalf("negative fraction %s", x)
		}
		s = s.Add(x)
	}
	lo := dec.One().Sub(dec.New(int64(len(fr)), -33))
	if s.Cmp(dec.One()) > 0 || s.Cmp(lo) < 0 {
		t.Fatalf("fractions sum to %s", s)
	}
}

func TestPropertyWorkerFractions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 24).Draw(t, "n")
		scores := genScores(t, "w", n)
		sample := values(scores)
		for range rapid.IntRange(0, 12).Draw(t, "extra") {
			sample = append(sample, genDecimal(t, "s", -3_000_000, 3_000_000))
		}
		class := rapid.SampledFrom([]rewards.Class{rewards.Inferers, rewards.Forecasters}).Draw(t, "class")
		u, err := rewards.WorkerFractions(scores, sample, class, rewards.DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		sumBounds(t, u)
		// A higher score never gives a lower fraction.
		for i := range scores {
			for j := range scores {
				if scores[i].Value.GreaterThan(scores[j].Value) && u[i].Value.LessThan(u[j].Value) {
					t.Fatalf("T %s > %s but u %s < %s", scores[i].Value, scores[j].Value, u[i].Value, u[j].Value)
				}
			}
		}
	})
}

func genStakes(t *rapid.T, n int) []loss.Value {
	out := make([]loss.Value, n)
	for i := range out {
		// up to ~1e30 base units: a mantissa times a power of ten
		m := rapid.Int64Range(0, 1_000_000_000).Draw(t, "stake")
		e := rapid.Int32Range(0, 21).Draw(t, "stake_exp")
		out[i] = loss.Value{ID: fmt.Sprintf("r%03d", i), Value: decimal.New(m, e)}
	}
	return out
}

func TestPropertyReputerFractions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 24).Draw(t, "n")
		stakes := genStakes(t, n)
		scores := make([]loss.Value, n)
		for i := range scores {
			scores[i] = loss.Value{ID: stakes[i].ID, Value: genDecimal(t, "score", 0, 1_000_000)}
		}
		p := rewards.DefaultParams()
		p.PRewardReputer = rapid.SampledFrom([]decimal.Decimal{decimal.New(1, 0), decimal.New(3, 0), decimal.New(15, -1)}).Draw(t, "p")
		w, err := rewards.ReputerFractions(scores, stakes, p)
		allZero := true
		for i := range stakes {
			if !stakes[i].Value.IsZero() && !scores[i].Value.IsZero() {
				allZero = false
			}
		}
		if allZero {
			if err == nil {
				t.Fatal("all-zero stake·score must fail with ErrZeroTotal")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		sumBounds(t, w)
		// A higher stake·score (exact) never gives a lower fraction.
		st := func(i int) dec.Dec {
			a, _ := dec.FromDecimal(stakes[i].Value)
			b, _ := dec.FromDecimal(scores[i].Value)
			x, _ := dec.Reference().Mul(a, b) // both factors are short: exact
			return x
		}
		for i := range w {
			for j := range w {
				if st(i).Cmp(st(j)) > 0 && w[i].Value.LessThan(w[j].Value) {
					t.Fatalf("S·T %s > %s but w %s < %s", st(i), st(j), w[i].Value, w[j].Value)
				}
			}
		}
	})
}

// TestPropertyEntropyMaximalForEqual: with no history, equal fractions give
// the largest entropy (ln N; (11.4) with N_eff = N).
func TestPropertyEntropyMaximalForEqual(t *testing.T) {
	p := rewards.DefaultParams()
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 16).Draw(t, "n")
		// Unequal fractions from a spread sample (σ > ε).
		sample := []decimal.Decimal{decimal.New(-1, 0), decimal.New(1, 0)}
		u, err := rewards.WorkerFractions(genScores(t, "v", n), sample, rewards.Inferers, p)
		if errors.Is(err, rewards.ErrZeroTotal) {
			// Every score far below the sample: each φ term underflows
			// to 0 at 34 digits, the documented ErrZeroTotal case.
			t.Skip("all terms underflow")
		}
		if err != nil {
			t.Fatal(err)
		}
		share, _ := dec.Reference().Quo(dec.One(), dec.FromInt64(int64(n)))
		eq := make([]loss.Value, n)
		for i := range eq {
			eq[i] = loss.Value{ID: u[i].ID, Value: share.Decimal()}
		}
		hu, err := rewards.TaskEntropy(u, nil, p)
		if err != nil {
			t.Fatal(err)
		}
		he, err := rewards.TaskEntropy(eq, nil, p)
		if err != nil {
			t.Fatal(err)
		}
		a, b := mustDecT(t, hu.Entropy), mustDecT(t, he.Entropy)
		slack, _ := dec.Reference().Mul(b, dec.New(1, -28))
		if a.Cmp(b.Add(slack)) > 0 {
			t.Fatalf("H(u) = %s > H(equal) = %s", a, b)
		}
	})
}

func mustDecT(t *rapid.T, d decimal.Decimal) dec.Dec {
	x, err := dec.FromDecimal(d)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// genTopic draws a complete DistributeTopic input and state.
func genTopic(t *rapid.T) (rewards.TopicInput, rewards.TopicState) {
	nInf := rapid.IntRange(1, 12).Draw(t, "inferers")
	nFc := rapid.IntRange(0, 6).Draw(t, "forecasters")
	nRep := rapid.IntRange(1, 8).Draw(t, "reputers")
	in := rewards.TopicInput{
		Block:       1000,
		Reward:      decimal.New(rapid.Int64Range(0, 1<<62).Draw(t, "reward"), rapid.Int32Range(-4, 12).Draw(t, "reward_exp")),
		NetworkLoss: genDecimal(t, "loss", -6_000_000, 0),
		NaiveLoss:   genDecimal(t, "naive", -6_000_000, 0),
		Inferers:    genScores(t, "i", nInf),
		Forecasters: genScores(t, "f", nFc),
	}
	for _, s := range genStakes(t, nRep) {
		sd, _ := dec.FromDecimal(s.Value)
		sd = sd.Add(dec.One())
		del := mulExact(sd, dec.New(rapid.Int64Range(0, 100).Draw(t, "del"), -2)).Floor()
		stake := sd.Decimal()
		in.Reputers = append(in.Reputers, rewards.Reputer{ID: s.ID, Stake: stake, Delegated: del.Decimal(), Score: genDecimal(t, "rs", 1, 10_000_000)})
	}
	st := rewards.TopicState{ForecasterScoreRatio: genDecimal(t, "tau", -2_000_000, 2_000_000)}
	for i := range rapid.IntRange(0, 3).Draw(t, "history") {
		st.InfererScores = append(st.InfererScores, rewards.EpochScores{Block: int64(999 - i), Scores: genScores(t, "i", nInf)})
		st.ForecasterScores = append(st.ForecasterScores, rewards.EpochScores{Block: int64(999 - i), Scores: genScores(t, "f", nFc)})
	}
	prev := func(vs []loss.Value) []loss.Value {
		var out []loss.Value
		for _, v := range vs {
			if rapid.Bool().Draw(t, "has_prev") {
				out = append(out, loss.Value{ID: v.ID, Value: decimal.New(rapid.Int64Range(0, 1000).Draw(t, "prev"), -3)})
			}
		}
		return out
	}
	st.InfererFractions, st.ForecasterFractions = prev(in.Inferers), prev(in.Forecasters)
	var reps []loss.Value
	for _, r := range in.Reputers {
		reps = append(reps, loss.Value{ID: r.ID})
	}
	st.ReputerFractions = prev(reps)
	return in, st
}

func shuffled[T any](t *rapid.T, xs []T) []T {
	out := append([]T(nil), xs...)
	for i := len(out) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, "perm")
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// TestPropertyDistributeTopic: the result does not depend on the order of
// any input list; conserving payouts sum to trunc(E) exactly; reference
// payouts never exceed E; fractions are sound.
func TestPropertyDistributeTopic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in, st := genTopic(t)
		p := rewards.DefaultParams()
		if rapid.Bool().Draw(t, "v6") {
			p = rewards.DefaultParamsV6()
		}
		conserving := rapid.Bool().Draw(t, "conserving")
		if conserving {
			p.PayoutMode = rewards.PayoutConserving
		}
		d, err := rewards.DistributeTopic(in, st, p)
		if err != nil {
			t.Fatal(err)
		}
		in2, st2 := in, st
		in2.Inferers, in2.Forecasters, in2.Reputers = shuffled(t, in.Inferers), shuffled(t, in.Forecasters), shuffled(t, in.Reputers)
		st2.InfererFractions, st2.ReputerFractions = shuffled(t, st.InfererFractions), shuffled(t, st.ReputerFractions)
		st2.InfererScores = shuffled(t, st.InfererScores)
		d2, err := rewards.DistributeTopic(in2, st2, p)
		if err != nil {
			t.Fatal(err)
		}
		j1, _ := json.Marshal(d)
		j2, _ := json.Marshal(d2)
		if string(j1) != string(j2) {
			t.Fatalf("permuted inputs changed the result:\n%s\n%s", j1, j2)
		}
		sumBounds(t, d.Inferers.Fractions)
		sumBounds(t, d.Reputers.Fractions)
		if len(in.Forecasters) > 0 {
			sumBounds(t, d.Forecasters.Fractions)
		}
		paid, remainder := mustDecT(t, d.Paid), mustDecT(t, d.Remainder)
		if remainder.Sign() < 0 {
			t.Fatalf("paid %s above the reward %s", d.Paid, in.Reward)
		}
		if conserving && !paid.Equal(mustDecT(t, in.Reward).Trunc()) {
			t.Fatalf("conserving mode paid %s of a reward %s", d.Paid, in.Reward)
		}
	})
}

// mulExact multiplies at the widest context (exact for these operands).
func mulExact(a, b dec.Dec) dec.Dec {
	ctx, _ := dec.NewContext(dec.MaxContextDigits, dec.RoundDown)
	x, _ := ctx.Mul(a, b)
	return x
}
