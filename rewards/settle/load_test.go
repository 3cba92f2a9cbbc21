package settle

import (
	"errors"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// loadFlag selects the full conservation run: 10^5 random topic
// distributions and 10^3 full settlements (plain go test runs 10^3 and 60).
var loadFlag = flag.Bool("load", false, "run the full conservation load test (10^5 distributions, 10^3 settlements)")

// loadCount returns full with -load, else quick.
func loadCount(quick, full int) int {
	if *loadFlag {
		return full
	}
	return quick
}

// source is the randomness the generators draw from: a seeded *rand.Rand
// in the load test, the fuzzer's bytes in FuzzEpochShape.
type source interface {
	IntN(n int) int
}

// randInt returns a random non-negative integer of at most digits decimal
// digits (a uniform digit count, then uniform digits, so every magnitude
// is reached).
func randInt(r source, digits int) *big.Int {
	n := r.IntN(digits + 1)
	v := new(big.Int)
	ten := big.NewInt(10)
	for range n {
		v.Mul(v, ten)
		v.Add(v, big.NewInt(int64(r.IntN(10))))
	}
	return v
}

// randStake returns an integer stake in [1, 10^30].
func randStake(r source) decimal.Decimal {
	if r.IntN(16) == 0 {
		return decimal.New(1, 30)
	}
	v := randInt(r, 30)
	v.Add(v, big.NewInt(1))
	return decimal.NewFromBigInt(v, 0)
}

// randReward returns a topic reward in [0, 10^30]: an integer, or a value
// with up to 18 decimals (topic rewards need not be integers).
func randReward(r source) decimal.Decimal {
	switch r.IntN(16) {
	case 0:
		return decimal.Zero
	case 1:
		return decimal.New(1, 30)
	case 2, 3:
		return decimal.NewFromBigInt(randInt(r, 30), 0)
	}
	c := randInt(r, 48)
	e := -r.IntN(19)
	d := decimal.NewFromBigInt(c, int32(e))
	if d.GreaterThan(decimal.New(1, 30)) {
		return d.Truncate(0).Mod(decimal.New(1, 30))
	}
	return d
}

// randValue returns a signed decimal of magnitude below 10^intDigits with up
// to 34 significant digits (sometimes short, sometimes 0).
func randValue(r source, intDigits int) decimal.Decimal {
	if r.IntN(32) == 0 {
		return decimal.Zero
	}
	frac := 1 + r.IntN(33-intDigits)
	c := randInt(r, intDigits+frac)
	if r.IntN(2) == 0 {
		c.Neg(c)
	}
	return decimal.NewFromBigInt(c, int32(-frac))
}

// randNonNeg is randValue's absolute value.
func randNonNeg(r source, intDigits int) decimal.Decimal { return randValue(r, intDigits).Abs() }

// randFraction returns a decimal in [0, 1].
func randFraction(r source) decimal.Decimal {
	switch r.IntN(16) {
	case 0:
		return decimal.Zero
	case 1:
		return decimal.New(1, 0)
	}
	return decimal.NewFromBigInt(randInt(r, 34), -34)
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// randTopic builds one random rewarded epoch of a small topic: 1–8
// inferers, 0–6 forecasters, 1–6 reputers with stakes up to 10^30 and a
// reward up to 10^30, and a random previous reward state (stored fractions
// of some actors, τ, score histories of up to 12 earlier blocks that name
// some of the actors and some that are gone).
func randTopic(r source) (rewards.TopicInput, rewards.TopicState) {
	nI, nF, nR := 1+r.IntN(8), r.IntN(7), 1+r.IntN(6)
	block := int64(100 + r.IntN(1000))
	in := rewards.TopicInput{
		Block:       block,
		Reward:      randReward(r),
		NetworkLoss: randValue(r, 2),
		NaiveLoss:   randValue(r, 2),
	}
	allEqual := r.IntN(16) == 0
	score := func() decimal.Decimal {
		if allEqual {
			return decimal.New(5, -1)
		}
		return randValue(r, 1)
	}
	for _, id := range ids("i", nI) {
		in.Inferers = append(in.Inferers, loss.Value{ID: id, Value: score()})
	}
	for _, id := range ids("f", nF) {
		in.Forecasters = append(in.Forecasters, loss.Value{ID: id, Value: score()})
	}
	for _, id := range ids("r", nR) {
		s := randStake(r)
		del := decimal.Zero
		if r.IntN(2) == 0 {
			del = decimal.NewFromBigInt(randUpTo(r, s.BigInt()), 0)
		}
		sc := randNonNeg(r, 2)
		if allEqual {
			sc = decimal.New(7, 0)
		}
		in.Reputers = append(in.Reputers, rewards.Reputer{ID: id, Score: sc, Stake: s, Delegated: del})
	}
	var st rewards.TopicState
	st.ForecasterScoreRatio = randFraction(r)
	prev := func(prefix string, n int) []loss.Value {
		var out []loss.Value
		for _, id := range ids(prefix, n+2) {
			if r.IntN(2) == 0 {
				out = append(out, loss.Value{ID: id, Value: randFraction(r)})
			}
		}
		return out
	}
	st.InfererFractions, st.ForecasterFractions, st.ReputerFractions = prev("i", nI), prev("f", nF), prev("r", nR)
	hist := func(prefix string, n int) []rewards.EpochScores {
		var out []rewards.EpochScores
		b := block - 1
		for range r.IntN(13) {
			es := rewards.EpochScores{Block: b}
			for _, id := range ids(prefix, n+2) {
				if r.IntN(3) != 0 {
					es.Scores = append(es.Scores, loss.Value{ID: id, Value: randValue(r, 1)})
				}
			}
			out = append(out, es)
			b -= int64(1 + r.IntN(5))
		}
		return out
	}
	st.InfererScores, st.ForecasterScores = hist("i", nI), hist("f", max(nF, 1))
	return in, st
}

// randUpTo returns a random integer in [0, n].
func randUpTo(r source, n *big.Int) *big.Int {
	v := randInt(r, len(n.String()))
	return v.Mod(v, new(big.Int).Add(n, big.NewInt(1)))
}

// loadStats counts outcomes by kind.
type loadStats struct {
	ok, skipped, failed int
	errs                map[string]int
	checked             int // payouts and delegations summed and compared
}

func (s *loadStats) fail(err error) {
	if s.errs == nil {
		s.errs = map[string]int{}
	}
	name := "untyped"
	for _, e := range sentinels {
		if errors.Is(err, e) {
			name = e.Error()
			break
		}
	}
	s.errs[name]++
	s.failed++
}

// checkDistribution asserts the conservation and bounds of one
// distribution of reward E: no negative fraction, smoothed or modified
// fraction, reward or payout; every fraction <= 1; in the conserving mode
// Σ payouts + Σ delegations = Paid = trunc(E); in the reference mode
// Σ payouts + Σ delegations = Paid <= trunc(E). Returns a description of the
// first violation.
func checkDistribution(d rewards.Distribution, reward decimal.Decimal, mode rewards.PayoutMode) string {
	one := decimal.New(1, 0)
	sum := new(big.Int)
	for _, c := range []struct {
		name string
		cd   rewards.ClassDistribution
	}{{"inferers", d.Inferers}, {"forecasters", d.Forecasters}, {"reputers", d.Reputers}} {
		for _, l := range []struct {
			name string
			vs   []loss.Value
		}{{"fractions", c.cd.Fractions}, {"smoothed", c.cd.Smoothed}, {"modified", c.cd.Modified}, {"rewards", c.cd.Rewards}, {"payouts", c.cd.Payouts}} {
			for _, v := range l.vs {
				if v.Value.IsNegative() {
					return fmt.Sprintf("%s %s %s = %s < 0", c.name, l.name, v.ID, v.Value)
				}
				if l.name != "rewards" && l.name != "payouts" && v.Value.GreaterThan(one) {
					return fmt.Sprintf("%s %s %s = %s > 1", c.name, l.name, v.ID, v.Value)
				}
			}
		}
		for _, v := range c.cd.Payouts {
			if !v.Value.IsInteger() {
				return fmt.Sprintf("%s payout %s = %s not an integer", c.name, v.ID, v.Value)
			}
			sum.Add(sum, v.Value.BigInt())
		}
	}
	for _, del := range d.Delegations {
		if del.Amount.IsNegative() || !del.Amount.IsInteger() {
			return fmt.Sprintf("delegation %s = %s", del.Reputer, del.Amount)
		}
		sum.Add(sum, del.Amount.BigInt())
	}
	paid := decimal.NewFromBigInt(sum, 0)
	if !paid.Equal(d.Paid) {
		return fmt.Sprintf("Σ payouts + delegations %s != Paid %s", paid, d.Paid)
	}
	pool := reward.Truncate(0)
	switch mode {
	case rewards.PayoutConserving:
		if !paid.Equal(pool) {
			return fmt.Sprintf("conserving: paid %s, pool trunc(%s) = %s", paid, reward, pool)
		}
	default:
		if paid.GreaterThan(pool) {
			return fmt.Sprintf("reference: paid %s > pool %s", paid, pool)
		}
	}
	if !d.Paid.Add(d.Remainder).Equal(reward) {
		return fmt.Sprintf("paid %s + remainder %s != %s", d.Paid, d.Remainder, reward)
	}
	return ""
}

// TestConservationUnderLoad runs random topic distributions through
// rewards.DistributeTopic in the conserving mode (checking that payouts and
// delegations sum to exactly trunc(E) and that no fraction is negative) and
// the same inputs in the reference mode (never paying more than the pool),
// alternating V6 and NEWEST defaults. 10^3 topics; 10^5 with -load.
func TestConservationUnderLoad(t *testing.T) {
	n := loadCount(1_000, 100_000)
	r := rand.New(rand.NewPCG(8, 2026))
	var cons, ref loadStats
	start := time.Now()
	for it := range n {
		in, st := randTopic(r)
		p := rewards.DefaultParams()
		if it%2 == 1 {
			p = rewards.DefaultParamsV6()
		}
		for _, mode := range []rewards.PayoutMode{rewards.PayoutConserving, rewards.PayoutReference} {
			s := &cons
			if mode == rewards.PayoutReference {
				s = &ref
			}
			p.PayoutMode = mode
			d, err := rewards.DistributeTopic(in, st, p)
			if err != nil {
				s.fail(err)
				if s.errs["untyped"] > 0 {
					t.Fatalf("topic %d (%s): untyped error %v", it, mode, err)
				}
				continue
			}
			if msg := checkDistribution(d, in.Reward, mode); msg != "" {
				t.Fatalf("topic %d (%s): %s", it, mode, msg)
			}
			s.ok++
			s.checked++
		}
	}
	t.Logf("LOAD distribute topics=%d conserving ok=%d errors=%v reference ok=%d errors=%v (%v)",
		n, cons.ok, cons.errs, ref.ok, ref.errs, time.Since(start).Round(time.Millisecond))
	if cons.ok < n*9/10 {
		t.Fatalf("only %d of %d topics distributed: the generator is too hostile to test conservation", cons.ok, n)
	}
}

// randSettlementInput builds epoch e of a random topic with the given
// actors: inferences near the truth, forecasts for a random subset of the
// inferers, and, when a previous bundle exists, the reputers' reports
// grading it (sqe, log10) with per-reputer noise, or with random losses
// (one report in four), random stakes up to 10^30, random delegations and a
// random reward up to 10^30.
func randSettlementInput(r source, e int64, nI, nF, nR int, truth decimal.Decimal, prevBundle *loss.InferenceBundle, prevTruth decimal.Decimal) (Input, error) {
	in := Input{Epoch: e, TopicReward: randReward(r)}
	tv, _ := dec.FromDecimal(truth)
	allEqual := r.IntN(16) == 0
	for _, id := range ids("i", nI) {
		v := tv
		if !allEqual {
			n, _ := dec.FromDecimal(randValue(r, 1))
			v = tv.Add(n)
		}
		in.Inferences = append(in.Inferences, loss.VectorValue{ID: id, Values: loss.Vector{v.Decimal()}})
	}
	for _, id := range ids("f", nF) {
		f := weights.Forecast{Forecaster: id}
		for _, inf := range ids("i", nI) {
			if r.IntN(4) != 0 {
				f.Elements = append(f.Elements, weights.ForecastElement{Inferer: inf, Value: randValue(r, 1).Sub(decimal.New(2, 0))})
			}
		}
		in.Forecasts = append(in.Forecasts, f)
	}
	if prevBundle == nil {
		return in, nil
	}
	sqe, err := loss.NewMethod("sqe", loss.Options{})
	if err != nil {
		return in, err
	}
	for _, id := range ids("r", nR) {
		b, err := loss.Grade(*prevBundle, loss.Vector{prevTruth}, sqe, loss.GradeOptions{})
		if err != nil {
			return in, err
		}
		noise := func(v decimal.Decimal) decimal.Decimal {
			if r.IntN(4) == 0 {
				return randValue(r, 1).Sub(decimal.New(3, 0))
			}
			x, _ := dec.FromDecimal(v)
			n, _ := dec.FromDecimal(randValue(r, 0))
			return x.Add(n).Decimal()
		}
		mapLosses(&b, noise)
		stake := randStake(r)
		in.Reports = append(in.Reports, loss.Report{Reputer: id, Stake: stake, Losses: b})
		if r.IntN(2) == 0 {
			in.Delegated = append(in.Delegated, loss.Value{ID: id, Value: decimal.NewFromBigInt(randUpTo(r, stake.BigInt()), 0)})
		}
	}
	return in, nil
}

// checkSettlement asserts the load-test bounds of one settlement: every
// synthesis weight finite (inside the decimal core's range) and
// non-negative, and checkDistribution for the rewards.
func checkSettlement(res Result, in Input, mode rewards.PayoutMode) string {
	if res.Inference != nil {
		for _, w := range append(slicesClone(res.Inference.InfererWeights), res.Inference.ForecasterWeights...) {
			if _, err := dec.FromDecimal(w.Value); err != nil || w.Value.IsNegative() {
				return fmt.Sprintf("weight %s = %s", w.ID, w.Value)
			}
		}
	}
	if res.Settlement == nil || res.Settlement.RewardsSkipped != "" {
		return ""
	}
	return checkDistribution(res.Settlement.Distribution, in.TopicReward, mode)
}

// TestSettlementConservationUnderLoad runs random topics epoch by epoch
// through settle.Epoch (every rule set, reference and Gram listening
// evaluation, simulator and reference defaults) in the conserving mode,
// and each epoch once more in the reference mode: the bounds of
// checkSettlement must hold for both. 60 settlements; 10^3 with -load.
func TestSettlementConservationUnderLoad(t *testing.T) {
	n := loadCount(60, 1_000)
	r := rand.New(rand.NewPCG(11, 2026))
	var cons, ref loadStats
	start := time.Now()
	epochs, topics := 0, 0
	for cons.ok+cons.skipped+cons.failed < n && epochs < 4*n {
		topics++
		sel, p, pref, nI, nF, nR := randSettleTopic(t, r)
		var st State
		var prevBundle *loss.InferenceBundle
		prevTruth := decimal.Zero
		for e := int64(1); e <= 4; e++ {
			epochs++
			truth := randValue(r, 1)
			in, err := randSettlementInput(r, e, nI, nF, nR, truth, prevBundle, prevTruth)
			if err != nil {
				t.Fatalf("generator: %v", err)
			}
			res, err := Epoch(st, in, p)
			if err != nil {
				if !typed(err) {
					t.Fatalf("topic %d epoch %d: untyped error %v", topics, e, err)
				}
				if len(in.Reports) > 0 {
					cons.fail(err)
				}
				break
			}
			if msg := checkSettlement(res, in, rewards.PayoutConserving); msg != "" {
				t.Fatalf("topic %d epoch %d (sel %d): %s", topics, e, sel, msg)
			}
			if res.Settlement != nil {
				if res.Settlement.RewardsSkipped != "" {
					cons.skipped++
				} else {
					cons.ok++
				}
				rr, err := Epoch(st, in, pref)
				if err != nil {
					t.Fatalf("topic %d epoch %d: the reference mode fails where the conserving one settles: %v", topics, e, err)
				}
				if msg := checkSettlement(rr, in, rewards.PayoutReference); msg != "" {
					t.Fatalf("topic %d epoch %d (sel %d, reference): %s", topics, e, sel, msg)
				}
				ref.ok++
			}
			st = res.State
			if res.Inference != nil {
				b := res.Inference.Bundle
				prevBundle = &b
			}
			prevTruth = truth
		}
	}
	t.Logf("LOAD settle topics=%d epochs=%d settlements: rewarded=%d skipped=%d errors=%d %v; reference re-settlements=%d (%v)",
		topics, epochs, cons.ok, cons.skipped, cons.failed, cons.errs, ref.ok, time.Since(start).Round(time.Millisecond))
	if cons.ok < n/2 {
		t.Fatalf("only %d rewarded settlements", cons.ok)
	}
}
