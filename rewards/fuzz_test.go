package rewards_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/shopspring/decimal"
)

// parseList splits a comma-separated list of decimals; unparsable fields are
// dropped (the fuzzer explores the numbers, not the syntax).
func parseList(s string, max int) []decimal.Decimal {
	var out []decimal.Decimal
	for _, f := range strings.Split(s, ",") {
		if len(out) == max {
			break
		}
		if d, err := decimal.NewFromString(strings.TrimSpace(f)); err == nil {
			out = append(out, d)
		}
	}
	return out
}

func asValues(prefix string, ds []decimal.Decimal) []loss.Value {
	out := make([]loss.Value, len(ds))
	for i, d := range ds {
		out[i] = loss.Value{ID: fmt.Sprintf("%s%d", prefix, i), Value: d}
	}
	return out
}

// typed reports whether err wraps one of the package's sentinels.
func typed(err error) bool {
	for _, s := range []error{rewards.ErrInvalidParams, rewards.ErrEmptyID, rewards.ErrDuplicateID, rewards.ErrUnknownID,
		rewards.ErrEmpty, rewards.ErrTooLarge, rewards.ErrInvalidValue, rewards.ErrZeroTotal, rewards.ErrDegenerate,
		rewards.ErrArithmetic, rewards.ErrOverpay, rewards.ErrNegativeSupply} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzFractions drives WorkerFractions, ReputerFractions and TaskEntropy:
// results are typed errors or sound fractions (non-negative, summing to at
// most 1).
func FuzzFractions(f *testing.F) {
	f.Add("0.1,0.3,-0.2", "0.05,0.25,-0.1", "100,200,300", "1,2,3")
	f.Add("0,0,0", "", "0,0,0", "0,0,0")
	f.Add("1e300,-1e300", "1e-300", "1e30,1", "1e10,1e-10")
	f.Add("-1000,-1000.03", "-1000,-1000.03", "5", "0.5")
	p := rewards.DefaultParams()
	f.Fuzz(func(t *testing.T, scores, sample, stakes, repScores string) {
		sc := asValues("w", parseList(scores, 64))
		u, err := rewards.WorkerFractions(sc, append(parseList(sample, 64), values(sc)...), rewards.Inferers, p)
		check(t, u, err)
		if err == nil {
			en, err := rewards.TaskEntropy(u, nil, p)
			if err != nil && !typed(err) {
				t.Fatalf("untyped error %v", err)
			}
			if err == nil && en.Entropy.IsNegative() {
				t.Fatalf("negative entropy %s", en.Entropy)
			}
		}
		st, rs := parseList(stakes, 64), parseList(repScores, 64)
		n := min(len(st), len(rs))
		w, err := rewards.ReputerFractions(asValues("r", rs[:n]), asValues("r", st[:n]), p)
		check(t, w, err)
	})
}

func sumOf(t *testing.T, vs []loss.Value) dec.Dec {
	t.Helper()
	var s dec.Dec
	for _, v := range vs {
		s = s.Add(mustDec(t, v.Value))
	}
	return s
}

func check(t *testing.T, fr []loss.Value, err error) {
	t.Helper()
	if err != nil {
		if !typed(err) {
			t.Fatalf("untyped error %v", err)
		}
		return
	}
	for _, x := range fr {
		if x.Value.IsNegative() {
			t.Fatalf("negative fraction %s", x.Value)
		}
	}
	if sum := sumOf(t, fr); sum.Cmp(dec.One()) > 0 {
		t.Fatalf("fractions sum to %s", sum)
	}
}

// FuzzPayouts drives Payouts in both modes: conserving payouts sum to the
// pool, reference payouts never exceed it.
func FuzzPayouts(f *testing.F) {
	f.Add("0.3333333333333333333333333333333333,0.3333333333333333333333333333333333,0.3333333333333333333333333333333333", "100")
	f.Add("0.5,0.25,0.25", "999999999999999999999999999999")
	f.Add("0,0", "0")
	f.Add("1", "1e77")
	f.Fuzz(func(t *testing.T, fractions, pool string) {
		fr := asValues("a", parseList(fractions, 256))
		pl, err := decimal.NewFromString(pool)
		if err != nil {
			return
		}
		for _, mode := range []rewards.PayoutMode{rewards.PayoutReference, rewards.PayoutConserving} {
			p := rewards.DefaultParams()
			p.PayoutMode = mode
			a, err := rewards.Payouts(fr, pl, p)
			if err != nil {
				if !typed(err) {
					t.Fatalf("untyped error %v", err)
				}
				continue
			}
			for _, x := range a {
				if x.Value.IsNegative() || !x.Value.IsInteger() {
					t.Fatalf("bad amount %s", x.Value)
				}
			}
			sum, pd := sumOf(t, a), mustDec(t, pl)
			if sum.Cmp(pd) > 0 || (mode == rewards.PayoutConserving && !sum.Equal(pd)) {
				t.Fatalf("%s: paid %s of %s", mode, sum, pl)
			}
		}
	})
}

// FuzzTopicRewards drives TopicRewards and CurrentTopicWeight.
func FuzzTopicRewards(f *testing.F) {
	f.Add("3,1", "4", "100", "400", int64(10), "1000", "50")
	f.Add("0,0", "1", "0", "0", int64(1), "0", "0")
	f.Add("1e30", "1e30", "1e24", "1e25", int64(720), "1e27", "1e20")
	f.Fuzz(func(t *testing.T, weights, sum, emission, treasury string, epochLength int64, stake, fees string) {
		ws := parseList(weights, 64)
		ts := make([]rewards.TopicShare, len(ws))
		for i, w := range ws {
			ts[i] = rewards.TopicShare{ID: fmt.Sprintf("t%d", i), Weight: w, EpochLength: epochLength}
		}
		s, e1 := decimal.NewFromString(sum)
		e, e2 := decimal.NewFromString(emission)
		b, e3 := decimal.NewFromString(treasury)
		if e1 != nil || e2 != nil || e3 != nil {
			return
		}
		p := rewards.DefaultParams()
		out, err := rewards.TopicRewards(ts, s, e, b, p)
		if err != nil {
			if !typed(err) {
				t.Fatalf("untyped error %v", err)
			}
		} else {
			for _, x := range out {
				if x.Value.IsNegative() {
					t.Fatalf("negative topic reward %s", x.Value)
				}
			}
			// With RoundDown the capped rewards never exceed the treasury.
			if total := sumOf(t, out); b.IsPositive() && total.Cmp(mustDec(t, b)) > 0 {
				t.Fatalf("topic rewards %s exceed the treasury %s", total, b)
			}
		}
		st, e4 := decimal.NewFromString(stake)
		fe, e5 := decimal.NewFromString(fees)
		if e4 != nil || e5 != nil {
			return
		}
		for _, q := range []rewards.Params{rewards.DefaultParams(), rewards.DefaultParamsV6()} {
			_, err := rewards.CurrentTopicWeight(rewards.TopicWeightInput{Stake: st, FeeRevenue: fe, EpochLength: epochLength}, q)
			if err != nil && !typed(err) {
				t.Fatalf("untyped error %v", err)
			}
		}
	})
}

// FuzzDistributeTopic drives the composed entry point with fuzzed scores,
// stakes and reward.
func FuzzDistributeTopic(f *testing.F) {
	f.Add("0.1,0.3,-0.2", "0.05,0.15", "20,30", "3000,1000", "1000000", "-2.5", "-2.3", "0.1")
	f.Add("0", "", "1", "1", "0", "0", "0", "0")
	f.Add("5", "1,2,3", "1e5", "1e30", "1e30", "-1e5", "1e5", "-7")
	f.Fuzz(func(t *testing.T, inf, fc, repScores, stakes, reward, nl, nv, tau string) {
		in := rewards.TopicInput{Block: 2, Inferers: asValues("i", parseList(inf, 64)), Forecasters: asValues("f", parseList(fc, 64))}
		rs, st := parseList(repScores, 64), parseList(stakes, 64)
		for i := range min(len(rs), len(st)) {
			in.Reputers = append(in.Reputers, rewards.Reputer{ID: fmt.Sprintf("r%d", i), Score: rs[i], Stake: st[i], Delegated: decimal.Zero})
		}
		var err error
		var state rewards.TopicState
		vals := []*decimal.Decimal{&in.Reward, &in.NetworkLoss, &in.NaiveLoss, &state.ForecasterScoreRatio}
		for i, s := range []string{reward, nl, nv, tau} {
			if *vals[i], err = decimal.NewFromString(s); err != nil {
				return
			}
		}
		for _, mode := range []rewards.PayoutMode{rewards.PayoutReference, rewards.PayoutConserving} {
			p := rewards.DefaultParams()
			p.PayoutMode = mode
			d, err := rewards.DistributeTopic(in, state, p)
			if err != nil {
				if !typed(err) {
					t.Fatalf("untyped error %v", err)
				}
				continue
			}
			if d.Remainder.IsNegative() {
				t.Fatalf("%s: paid %s of %s", mode, d.Paid, in.Reward)
			}
		}
	})
}
