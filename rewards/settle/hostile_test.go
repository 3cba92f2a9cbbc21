package settle

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/reputation"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// hostileCase is one row of the adversarial table: a call into the
// library with hostile input, and what it must give: an error wrapping want,
// or (want nil) a result that check accepts (a documented defined result).
// Every call must finish within maxTime (default 50 ms) and allocate at
// most maxAlloc bytes (runtime.MemStats.TotalAlloc around the call; the
// input is built before, outside the measurement).
type hostileCase struct {
	name     string
	call     func() (any, error)
	want     error
	check    func(any) error
	maxTime  time.Duration
	maxAlloc uint64
}

const (
	kB = 1 << 10
	mB = 1 << 20
)

// measure runs c.call three times and returns the last result and error,
// and the least time and allocation of the three (the machine is shared:
// the minimum is the call's cost, the rest is noise).
func measure(c hostileCase) (res any, err error, best time.Duration, alloc uint64) {
	best, alloc = time.Duration(math.MaxInt64), math.MaxUint64
	var ms runtime.MemStats
	for range 3 {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		a0 := ms.TotalAlloc
		start := time.Now()
		res, err = c.call()
		d := time.Since(start)
		runtime.ReadMemStats(&ms)
		best, alloc = min(best, d), min(alloc, ms.TotalAlloc-a0)
	}
	return res, err, best, alloc
}

// sentinelName names the sentinel err wraps (the first in sentinels, then
// the decimal core's), for the report.
func sentinelName(err error) string {
	for _, s := range append(slices.Clone(sentinels), dec.ErrSyntax, dec.ErrNotFinite, dec.ErrRange, dec.ErrDomain,
		dec.ErrEmpty, dec.ErrInvalidArgument, dec.ErrInvalidContext) {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return "untyped: " + err.Error()
}

// pow10Decimal returns a decimal 10^n − 1 (n nines) × 10^exp: a coefficient
// of n digits.
func nines(n int, exp int32) decimal.Decimal {
	c := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	return decimal.NewFromBigInt(c.Sub(c, big.NewInt(1)), exp)
}

// baseStep returns a settled scenario step with reports (epoch 3 of the test
// scenario under rs): prev, in and the simulator parameters.
func baseStep(t *testing.T, rs RuleSet) (State, Input, Params) {
	steps := scenario(t, rs, 3)
	p, err := SimulatorParams(rs)
	if err != nil {
		t.Fatal(err)
	}
	return steps[2].prev, steps[2].in, p
}

// cloneInput deep-copies an Input through JSON (the tests then mutate it).
func cloneInput(t *testing.T, in Input) Input {
	var out Input
	roundTrip(t, in, &out)
	return out
}

// TestHostileInputs is the adversarial table of issue 8: NaN and Inf
// strings, 1e±1000000 and 1e±(2^31−1), values with 10^6 digits, empty sets,
// duplicate ids, zero and negative stakes, forecasts of unknown inferers,
// mismatched label counts, 10^5 workers, all-equal inputs and extreme
// regrets, at every entry point from the decimal core to the settlement.
// It logs one "HOSTILE" line per case (outcome, time, allocation).
func TestHostileInputs(t *testing.T) {
	prev, in, p := baseStep(t, Newest)
	prevV6, inV6, pV6 := baseStep(t, V6)
	p.Rewards.PayoutMode = rewards.PayoutConserving

	// Hostile numbers, built here, outside the measurements.
	e1M, em1M := decimal.New(1, 1_000_000), decimal.New(1, -1_000_000)
	eMax, eMin := decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32)
	digits1M := nines(1_000_000, 0)            // 10^6 digits, an integer
	digits1MFrac := nines(1_000_000, -999_999) // 10^6 digits, about 10
	str1M := strings.Repeat("9", 1_000_000)
	e1Mstr := "1e1000000"

	many := 100_000
	manyValues := make([]loss.Value, many)
	manyVectors := make([]loss.VectorValue, many)
	manyReports := make([]loss.Report, many)
	for i := range many {
		id := fmt.Sprintf("w%06d", i)
		manyValues[i] = loss.Value{ID: id, Value: decimal.New(int64(i%1000), -3)}
		manyVectors[i] = loss.VectorValue{ID: id, Values: loss.Vector{decimal.New(int64(i%1000), -3)}}
		manyReports[i] = loss.Report{Reputer: id, Stake: decimal.New(int64(1+i), 0), Losses: in.Reports[0].Losses}
	}
	sqe, err := loss.NewMethod("sqe", loss.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bundle := func() loss.InferenceBundle {
		return loss.InferenceBundle{Combined: loss.Vector{decimal.New(1, 0)}, Naive: loss.Vector{decimal.New(2, 0)},
			Inferers: []loss.VectorValue{{ID: "a", Values: loss.Vector{decimal.New(3, 0)}}}}
	}

	// withInput settles a mutated copy of in (mutate may change prev too).
	settleWith := func(p Params, prev State, in Input, mutate func(*State, *Input)) func() (any, error) {
		in2 := cloneInput(t, in)
		var prev2 State
		roundTrip(t, prev, &prev2)
		mutate(&prev2, &in2)
		return func() (any, error) { return Epoch(prev2, in2, p) }
	}
	setValue := func(v decimal.Decimal) func(*State, *Input) {
		return func(_ *State, in *Input) { in.Inferences[0].Values[0] = v }
	}
	setStake := func(v decimal.Decimal) func(*State, *Input) {
		return func(_ *State, in *Input) { in.Reports[0].Stake = v }
	}
	setLoss := func(v decimal.Decimal) func(*State, *Input) {
		return func(_ *State, in *Input) { in.Reports[0].Losses.Inferers[0].Value = v }
	}
	settled := func(v any) error {
		r := v.(Result)
		if r.Settlement == nil {
			return errors.New("no settlement")
		}
		return nil
	}
	// paysPool checks a settled, rewarded result in the conserving mode.
	paysPool := func(reward decimal.Decimal) func(any) error {
		return func(v any) error {
			r := v.(Result)
			if r.Settlement == nil || r.Settlement.RewardsSkipped != "" {
				return errors.New("no rewards")
			}
			if msg := checkDistribution(r.Settlement.Distribution, reward, rewards.PayoutConserving); msg != "" {
				return errors.New(msg)
			}
			return nil
		}
	}

	cases := []hostileCase{
		// ---- Strings: the decimal core's parser and the JSON decoding path.
		{name: "dec.Parse NaN", call: func() (any, error) { return dec.Parse("NaN") }, want: dec.ErrNotFinite},
		{name: "dec.Parse -Infinity", call: func() (any, error) { return dec.Parse("-Infinity") }, want: dec.ErrNotFinite},
		{name: "dec.Parse +inf", call: func() (any, error) { return dec.Parse("+inf") }, want: dec.ErrNotFinite},
		{name: "dec.Parse 1e1000000", call: func() (any, error) { return dec.Parse(e1Mstr) }, want: dec.ErrRange},
		{name: "dec.Parse 1e-1000000", call: func() (any, error) { return dec.Parse("1e-1000000") }, want: dec.ErrRange},
		{name: "dec.Parse 10^6 digits", call: func() (any, error) { return dec.Parse(str1M) }, want: dec.ErrRange},
		{name: "JSON Input with a NaN inference", call: func() (any, error) {
			var in Input
			return in, json.Unmarshal([]byte(`{"epoch":3,"inferences":[{"id":"a","values":["NaN"]}]}`), &in)
		}, check: nil, want: errJSON},
		{name: "JSON Input with an Infinity stake", call: func() (any, error) {
			var in Input
			return in, json.Unmarshal([]byte(`{"epoch":3,"reports":[{"reputer":"r","stake":"Infinity"}]}`), &in)
		}, want: errJSON},
		{name: "JSON Input with 1e1000000", call: func() (any, error) {
			var in Input
			return in, json.Unmarshal([]byte(`{"epoch":3,"topic_reward":"1e1000000"}`), &in)
		}, want: errJSON},
		{name: "DecodeInput with a 10^6-digit reward", maxAlloc: 16 * mB, call: func() (any, error) {
			return DecodeInput([]byte(`{"epoch":3,"topic_reward":"` + str1M + `"}`))
		}, want: ErrInvalidInput},

		// ---- Numbers beyond the decimal range at each boundary.
		{name: "dec.FromDecimal 1e1000000", call: func() (any, error) { return dec.FromDecimal(e1M) }, want: dec.ErrRange},
		{name: "dec.FromDecimal 1e-1000000", call: func() (any, error) { return dec.FromDecimal(em1M) }, want: dec.ErrRange},
		{name: "dec.FromDecimal 10^6 digits", call: func() (any, error) { return dec.FromDecimal(digits1M) }, want: dec.ErrRange},
		{name: "loss.Loss 1e1000000", call: func() (any, error) { return sqe.Loss(e1M, decimal.Zero) }, want: loss.ErrValue},
		{name: "loss.Loss 10^6 digits", call: func() (any, error) { return sqe.Loss(decimal.Zero, digits1MFrac) }, want: loss.ErrValue},
		{name: "loss.Grade truth 1e-(2^31)", call: func() (any, error) {
			return loss.Grade(bundle(), loss.Vector{eMin}, sqe, loss.GradeOptions{})
		}, want: loss.ErrValue},
		{name: "loss.CheckBounds 1e(2^31-1)", call: func() (any, error) { return nil, loss.CheckBounds(eMax) }, want: loss.ErrValue},
		{name: "settle inference 1e1000000", call: settleWith(p, prev, in, setValue(e1M)), want: weights.ErrInvalidValue},
		{name: "settle inference 1e-1000000", call: settleWith(p, prev, in, setValue(em1M)), want: weights.ErrInvalidValue},
		{name: "settle inference 1e(2^31-1)", call: settleWith(p, prev, in, setValue(eMax)), want: weights.ErrInvalidValue},
		{name: "settle inference 10^6 digits", call: settleWith(p, prev, in, setValue(digits1MFrac)), want: weights.ErrInvalidValue},
		{name: "settle stake 1e1000000", call: settleWith(p, prev, in, setStake(e1M)), want: loss.ErrStake},
		{name: "settle stake 1e-(2^31)", call: settleWith(p, prev, in, setStake(eMin)), want: loss.ErrStake},
		{name: "settle stake 10^6 digits", call: settleWith(p, prev, in, setStake(digits1M)), want: loss.ErrStake},
		{name: "settle loss 1e1000000", call: settleWith(p, prev, in, setLoss(e1M)), want: loss.ErrOutOfBounds},
		{name: "settle loss 1e41 (beyond the reporting bound)", call: settleWith(p, prev, in, setLoss(decimal.New(1, 41))), want: loss.ErrOutOfBounds},
		{name: "settle reward 1e1000000", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.TopicReward = e1M }), want: rewards.ErrInvalidValue},
		{name: "settle reward 1e-(2^31)", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.TopicReward = eMin }), want: rewards.ErrInvalidValue},
		{name: "settle reward 10^6 digits", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.TopicReward = digits1M }), want: rewards.ErrInvalidValue},
		{name: "settle reward -1", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.TopicReward = decimal.New(-1, 0) }), want: rewards.ErrInvalidValue},
		{name: "settle delegation 1e(2^31-1)", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.Delegated[0].Value = eMax }), want: rewards.ErrInvalidValue},
		{name: "settle state network loss 1e1000000", call: settleWith(p, prev, in, func(st *State, _ *Input) { st.NetworkLoss = &e1M }), want: weights.ErrInvalidValue},
		{name: "settle state quantile 1e-1000000", call: settleWith(p, prev, in, func(st *State, _ *Input) { st.Quantiles.Inferers = em1M }), want: reputation.ErrInvalidValue},
		{name: "settle state listening 10^6 digits", call: settleWith(p, prev, in, func(st *State, _ *Input) {
			st.Listening = []loss.Value{{ID: in.Reports[0].Reputer, Value: digits1MFrac}}
		}), want: reputation.ErrInvalidValue},
		{name: "settle state stored fraction 1e(2^31-1)", call: settleWith(p, prev, in, func(st *State, _ *Input) {
			st.Rewards.InfererFractions = []loss.Value{{ID: "inferer-0", Value: eMax}}
		}), want: rewards.ErrInvalidValue},
		{name: "settle state τ 1e-(2^31)", call: settleWith(p, prev, in, func(st *State, _ *Input) { st.Rewards.ForecasterScoreRatio = eMin }), want: rewards.ErrInvalidValue},

		// ---- Empty sets.
		{name: "settle nothing submitted (defined: state carried, epoch advanced)", call: func() (any, error) {
			return Epoch(prev, Input{Epoch: in.Epoch}, p)
		}, check: func(v any) error {
			r := v.(Result)
			want := prev
			want.Epoch = in.Epoch
			if r.Inference != nil || r.Settlement != nil {
				return errors.New("outputs without submissions")
			}
			return Compare(r.State, want)
		}},
		{name: "settle reports with empty bundles", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			for i := range in.Reports {
				in.Reports[i].Losses = loss.Bundle{}
			}
		}), check: settled}, // defined: each report is a network loss 0 and nothing else
		{name: "weights.Synthesize no inferences", call: func() (any, error) {
			return weights.Synthesize(weights.Input{}, weights.DefaultParams())
		}, want: weights.ErrNoInferences},
		{name: "loss.NetworkLosses no reports", call: func() (any, error) { return loss.NetworkLosses(nil, loss.Params{}) }, want: loss.ErrEmpty},
		{name: "loss.Grade empty truth", call: func() (any, error) {
			return loss.Grade(bundle(), loss.Vector{}, sqe, loss.GradeOptions{})
		}, want: loss.ErrLabels},
		{name: "reputation.ScoreReputers no reports", call: func() (any, error) {
			return reputation.ScoreReputers(nil, nil, reputation.DefaultParams())
		}, want: reputation.ErrEmpty},
		{name: "regret.MADScale no regrets", call: func() (any, error) {
			return regret.MADScale(nil, decimal.New(1, -2), 0, "")
		}, want: regret.ErrEmpty},
		{name: "rewards.DistributeTopic no reputers", call: func() (any, error) {
			return rewards.DistributeTopic(rewards.TopicInput{Block: 1, Inferers: manyValues[:3]}, rewards.TopicState{}, p.Rewards)
		}, want: rewards.ErrEmpty},

		// ---- Duplicate and empty ids.
		{name: "settle duplicate inferer", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Inferences = append(in.Inferences, in.Inferences[0])
		}), want: weights.ErrDuplicateID},
		{name: "settle duplicate forecaster", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Forecasts = append(in.Forecasts, in.Forecasts[0])
		}), want: weights.ErrDuplicateID},
		{name: "settle duplicate reputer", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Reports = append(in.Reports, in.Reports[0])
		}), want: loss.ErrDuplicateReputer},
		{name: "settle duplicate id in a reported loss list", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			l := &in.Reports[1].Losses
			l.Inferers = append(l.Inferers, l.Inferers[0])
		}), want: loss.ErrDuplicateID},
		{name: "settle duplicate delegation", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Delegated = append(in.Delegated, in.Delegated[0])
		}), want: ErrInvalidInput},
		{name: "settle empty inferer id", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.Inferences[1].ID = "" }), want: weights.ErrEmptyID},
		{name: "settle empty reputer id", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.Reports[1].Reputer = "" }), want: loss.ErrEmptyID},
		{name: "settle duplicate id in the state's regrets", call: settleWith(p, prev, in, func(st *State, _ *Input) {
			st.Regrets.Inferers = append(st.Regrets.Inferers, st.Regrets.Inferers[0])
		}), want: weights.ErrDuplicateID},
		{name: "rewards.DistributeTopic duplicate reputer", call: func() (any, error) {
			r := rewards.Reputer{ID: "r", Score: decimal.New(1, 0), Stake: decimal.New(5, 0)}
			return rewards.DistributeTopic(rewards.TopicInput{Block: 1, Inferers: manyValues[:3], Reputers: []rewards.Reputer{r, r}}, rewards.TopicState{}, p.Rewards)
		}, want: rewards.ErrDuplicateID},

		// ---- Zero and negative stakes.
		{name: "settle zero stake", call: settleWith(p, prev, in, setStake(decimal.Zero)), want: loss.ErrStake},
		{name: "settle negative stake", call: settleWith(p, prev, in, setStake(decimal.New(-1, 18))), want: loss.ErrStake},
		{name: "settle fractional stake", call: settleWith(p, prev, in, setStake(decimal.New(15, -1))), want: loss.ErrStake},
		{name: "settle stake 10^30 + 1", call: settleWith(p, prev, in, setStake(decimal.New(1, 30).Add(decimal.New(1, 0)))), want: loss.ErrStake},
		{name: "settle delegation above the stake", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Delegated[0].Value = decimal.New(1, 30)
		}), want: rewards.ErrInvalidValue},
		{name: "settle negative delegation", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Delegated[0].Value = decimal.New(-1, 0)
		}), want: rewards.ErrInvalidValue},
		{name: "reputation.ScoreReputers zero stake", call: func() (any, error) {
			r := slices.Clone(in.Reports)
			r[0].Stake = decimal.Zero
			return reputation.ScoreReputers(r, nil, reputation.DefaultParams())
		}, want: reputation.ErrStake},
		{name: "rewards.DistributeTopic negative reputer stake", call: func() (any, error) {
			return rewards.DistributeTopic(rewards.TopicInput{Block: 1, Inferers: manyValues[:3],
				Reputers: []rewards.Reputer{{ID: "r", Score: decimal.New(1, 0), Stake: decimal.New(-5, 0)}}}, rewards.TopicState{}, p.Rewards)
		}, want: rewards.ErrInvalidValue},
		{name: "rewards.DistributeTopic zero stake (zero total)", call: func() (any, error) {
			return rewards.DistributeTopic(rewards.TopicInput{Block: 1, Inferers: manyValues[:3],
				Reputers: []rewards.Reputer{{ID: "r", Score: decimal.New(1, 0), Stake: decimal.Zero}}}, rewards.TopicState{}, p.Rewards)
		}, want: rewards.ErrInvalidValue},

		// ---- Unknown ids, mismatched labels.
		{name: "settle forecast of an unknown inferer", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Forecasts[0].Elements = append(in.Forecasts[0].Elements, weights.ForecastElement{Inferer: "ghost", Value: decimal.New(-2, 0)})
		}), check: settled}, // defined: the element carries no weight (inference synthesis eq. (11))
		{name: "settle delegation to a reputer that did not report", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Delegated = []loss.Value{{ID: "ghost", Value: decimal.New(1, 0)}}
		}), want: ErrInvalidInput},
		{name: "settle one-out loss of an unknown inferer", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			for i := range in.Reports {
				l := &in.Reports[i].Losses
				l.OneOutInferers = append(l.OneOutInferers, loss.Value{ID: "ghost", Value: decimal.New(-1, 0)})
			}
		}), check: settled}, // defined: a loss of a worker without an inference updates no regret
		{name: "settle inference with 2 values for 1 label", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Inferences[0].Values = append(in.Inferences[0].Values, decimal.New(1, 0))
		}), want: weights.ErrLabels},
		{name: "settle 3 labels, inference with 0 values", call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Labels = []string{"a", "b", "c"}
			in.Inferences[0].Values = nil
		}), want: weights.ErrLabels},
		{name: "settle duplicate label", call: settleWith(p, prev, in, func(_ *State, in *Input) { in.Labels = []string{"a", "a"} }), want: weights.ErrDuplicateID},
		{name: "loss.Grade 2 truths for 1 label", call: func() (any, error) {
			return loss.Grade(bundle(), loss.Vector{decimal.Zero, decimal.Zero}, sqe, loss.GradeOptions{})
		}, want: loss.ErrLabels},
		{name: "loss.VectorLoss lengths 2 and 3", call: func() (any, error) {
			return sqe.VectorLoss(loss.Vector{decimal.Zero, decimal.Zero}, loss.Vector{decimal.Zero, decimal.Zero, decimal.Zero}, "")
		}, want: loss.ErrLabels},

		// ---- 10^5 workers: rejected before any work (ErrTooLarge).
		{name: "settle 10^5 inferers", maxAlloc: 64 * kB, call: settleWith(p, prev, in, func(_ *State, in *Input) { in.Inferences = manyVectors }), want: weights.ErrTooLarge},
		{name: "settle 10^5 reputers", maxAlloc: 64 * kB, call: settleWith(p, prev, in, func(_ *State, in *Input) { in.Reports = manyReports }), want: loss.ErrTooLarge},
		{name: "settle 10^5 reported inferer losses", maxAlloc: 64 * kB, call: settleWith(p, prev, in, func(_ *State, in *Input) {
			in.Reports[0].Losses.Inferers = manyValues
		}), want: ErrTooLarge},
		{name: "settle 10^5 forecast elements", maxAlloc: 64 * kB, call: settleWith(p, prev, in, func(_ *State, in *Input) {
			el := make([]weights.ForecastElement, many)
			for i := range el {
				el[i] = weights.ForecastElement{Inferer: manyValues[i].ID, Value: manyValues[i].Value}
			}
			in.Forecasts[0].Elements = el
		}), want: weights.ErrTooLarge},
		{name: "settle 10^5 stored regrets", maxAlloc: 64 * kB, call: settleWith(p, prev, in, func(st *State, _ *Input) { st.Regrets.Inferers = manyValues }), want: ErrTooLarge},
		{name: "settle 10^5 listening coefficients", maxAlloc: 64 * kB, call: settleWith(p, prev, in, func(st *State, _ *Input) { st.Listening = manyValues }), want: ErrTooLarge},
		{name: "settle 10^5 EMA records", maxAlloc: 64 * kB, call: settleWith(p, prev, in, func(st *State, _ *Input) {
			e := make([]reputation.EMAScore, many)
			for i := range e {
				e[i] = reputation.EMAScore{ID: manyValues[i].ID, Score: manyValues[i].Value}
			}
			st.InfererEMAs = e
		}), want: ErrTooLarge},
		{name: "rewards.DistributeTopic 10^5 inferers", maxAlloc: 64 * kB, call: func() (any, error) {
			return rewards.DistributeTopic(rewards.TopicInput{Block: 1, Inferers: manyValues,
				Reputers: []rewards.Reputer{{ID: "r", Score: decimal.New(1, 0), Stake: decimal.New(5, 0)}}}, rewards.TopicState{}, p.Rewards)
		}, want: rewards.ErrTooLarge},
		{name: "regret.Update 10^5 inferer losses", maxAlloc: 64 * kB, call: func() (any, error) {
			return regret.Update(regret.Input{Losses: loss.Bundle{Inferers: manyValues}}, regret.DefaultParams())
		}, want: regret.ErrTooLarge},
		{name: "reputation.ScoreWorkers 10^5 inferers", maxAlloc: 64 * kB, call: func() (any, error) {
			return reputation.ScoreWorkers(loss.Bundle{Inferers: manyValues, OneOutInferers: manyValues}, reputation.DefaultParams())
		}, want: reputation.ErrTooLarge},

		// ---- All-equal inputs: defined results.
		{name: "settle all-equal inferences and reports (defined: equal weights, pool paid)", maxTime: 200 * time.Millisecond, maxAlloc: 64 * mB,
			call: settleWith(p, prev, in, func(_ *State, in *Input) {
				for i := range in.Inferences {
					in.Inferences[i].Values = loss.Vector{decimal.New(1, -1)}
				}
				for i := range in.Forecasts {
					for j := range in.Forecasts[i].Elements {
						in.Forecasts[i].Elements[j].Value = decimal.New(-2, 0)
					}
				}
				for i := range in.Reports {
					in.Reports[i].Losses = in.Reports[0].Losses
					in.Reports[i].Stake = decimal.New(1, 20)
				}
			}), check: func(v any) error {
				r := v.(Result)
				if err := paysPool(in.TopicReward)(v); err != nil {
					return err
				}
				rs := r.Settlement.ReputerScores.Reputers
				for _, x := range rs[1:] {
					if !x.Score.Equal(rs[0].Score) {
						return fmt.Errorf("equal reports, different reputer scores %s, %s", x.Score, rs[0].Score)
					}
				}
				c := r.Inference.Bundle.Combined[0]
				if !c.Equal(decimal.New(1, -1)) {
					return fmt.Errorf("all inferences 0.1, combined %s", c)
				}
				return nil
			}},
		{name: "rewards.DistributeTopic all-equal scores (defined: equal shares)", maxAlloc: 8 * mB, call: func() (any, error) {
			inf := []loss.Value{{ID: "a", Value: decimal.New(1, -1)}, {ID: "b", Value: decimal.New(1, -1)}, {ID: "c", Value: decimal.New(1, -1)}}
			reps := []rewards.Reputer{{ID: "r", Score: decimal.New(1, 0), Stake: decimal.New(5, 0)}, {ID: "s", Score: decimal.New(1, 0), Stake: decimal.New(5, 0)}}
			return rewards.DistributeTopic(rewards.TopicInput{Block: 1, Reward: decimal.New(1, 6), Inferers: inf, Reputers: reps}, rewards.TopicState{}, p.Rewards)
		}, check: func(v any) error {
			d := v.(rewards.Distribution)
			if msg := checkDistribution(d, decimal.New(1, 6), rewards.PayoutConserving); msg != "" {
				return errors.New(msg)
			}
			f := d.Inferers.Fractions
			if !f[0].Value.Equal(f[1].Value) || !f[1].Value.Equal(f[2].Value) {
				return fmt.Errorf("unequal fractions %v", f)
			}
			return nil
		}},
		{name: "settle zero topic reward (defined: every payout 0)", maxTime: 200 * time.Millisecond, maxAlloc: 64 * mB,
			call: settleWith(p, prev, in, func(_ *State, in *Input) { in.TopicReward = decimal.Zero }), check: paysPool(decimal.Zero)},
		{name: "settle reward 10^30 + 0.5 (conserving: trunc paid exactly)", maxTime: 200 * time.Millisecond, maxAlloc: 64 * mB,
			call: settleWith(p, prev, in, func(_ *State, in *Input) {
				in.TopicReward = decimal.RequireFromString("1000000000000000000000000000000.5")
			}),
			check: paysPool(decimal.RequireFromString("1000000000000000000000000000000.5"))},

		// ---- Extreme regrets.
		{name: "settle regrets ±1e300 (defined: synthesis and settlement)", maxTime: 200 * time.Millisecond, maxAlloc: 64 * mB,
			call: settleWith(p, prev, in, func(st *State, _ *Input) {
				for i := range st.Regrets.Inferers {
					st.Regrets.Inferers[i].Value = decimal.New(int64(1-2*(i%2)), 300)
				}
				for i := range st.Regrets.Forecasters {
					st.Regrets.Forecasters[i].Value = decimal.New(-1, 300)
				}
			}), check: settled},
		{name: "settle V6 regrets ±1e300 (squares beyond the decimal range)", maxTime: 200 * time.Millisecond, maxAlloc: 64 * mB,
			call: settleWith(pV6, prevV6, inV6, func(st *State, _ *Input) {
				for i := range st.Regrets.Inferers {
					st.Regrets.Inferers[i].Value = decimal.New(int64(1-2*(i%2)), 300)
				}
			}), want: weights.ErrArithmetic},
		{name: "settle regrets differing in the 34th digit (defined)", maxTime: 200 * time.Millisecond, maxAlloc: 64 * mB,
			call: settleWith(p, prev, in, func(st *State, _ *Input) {
				base := "0.1234567890123456789012345678901234"
				for i := range st.Regrets.Inferers {
					st.Regrets.Inferers[i].Value = decimal.RequireFromString(base[:len(base)-1] + fmt.Sprint(i))
				}
			}), check: settled},
		{name: "settle regret scale 1e-400 and initial regret -1e300 (R/scale beyond the range)", maxTime: 200 * time.Millisecond, maxAlloc: 64 * mB,
			call: settleWith(p, prev, in, func(st *State, _ *Input) {
				st.Regrets.Scale = decimal.New(1, -400)
				st.Regrets.InitialRegret = decimal.New(-1, 300)
			}), want: weights.ErrArithmetic},
		{name: "settle regret 1e401 (beyond the range)", call: settleWith(p, prev, in, func(st *State, _ *Input) {
			st.Regrets.Inferers[0].Value = decimal.New(1, 401)
		}), want: weights.ErrInvalidValue},
		{name: "regret.MADScale ±1e300 (defined)", call: func() (any, error) {
			return regret.MADScale([]decimal.Decimal{decimal.New(1, 300), decimal.New(-1, 300), decimal.New(1, 300)}, decimal.New(1, -2), 0, "")
		}, check: func(v any) error {
			if v.(decimal.Decimal).Sign() <= 0 {
				return fmt.Errorf("scale %s", v)
			}
			return nil
		}},
		{name: "weights.Synthesize regrets ±1e300 differing in the 34th digit (defined)", call: func() (any, error) {
			st := regret.State{InitialRegret: decimal.New(1, 300), Inferers: []loss.Value{
				{ID: "a", Value: decimal.RequireFromString("1.000000000000000000000000000000001e300")},
				{ID: "b", Value: decimal.RequireFromString("1.000000000000000000000000000000002e300")},
				{ID: "c", Value: decimal.New(-1, 300)},
			}}
			pl := decimal.New(-2, 0)
			return weights.Synthesize(weights.Input{Inferences: manyVectors[:3], Regrets: st, PreviousLoss: &pl}, weights.DefaultParams())
		}, check: func(v any) error {
			for _, w := range v.(weights.Result).InfererWeights {
				if w.Value.IsNegative() {
					return fmt.Errorf("negative weight %s", w.Value)
				}
			}
			return nil
		}},

		// ---- Settlement sequencing.
		{name: "settle epoch that does not advance", call: settleWith(p, prev, in, func(st *State, in *Input) { in.Epoch = st.Epoch }), want: ErrInvalidInput},
		{name: "settle invalid params (rule sets disagree)", call: func() (any, error) {
			bad := p
			bad.Rewards.RuleSet = V6
			return Epoch(prev, in, bad)
		}, want: ErrInvalidParams},
		{name: "settle absurd precision (Digits 10^9)", call: func() (any, error) {
			bad := p
			bad.Weights.Digits = 1_000_000_000
			return Epoch(prev, in, bad)
		}, want: ErrInvalidParams},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.maxTime == 0 {
				c.maxTime = 50 * time.Millisecond
			}
			if c.maxAlloc == 0 {
				c.maxAlloc = 4 * mB
			}
			res, err, d, alloc := measure(c)
			outcome := "ok"
			switch {
			case c.want == errJSON:
				if err == nil {
					t.Fatalf("decoded: %+v", res)
				}
				outcome = "JSON decode error: " + err.Error()
			case c.want != nil:
				if !errors.Is(err, c.want) {
					t.Fatalf("error %v, want %v", err, c.want)
				}
				outcome = sentinelName(err)
			default:
				if err != nil {
					t.Fatalf("error %v, want a defined result", err)
				}
				if err := c.check(res); err != nil {
					t.Fatalf("result: %v", err)
				}
				outcome = "defined result"
			}
			t.Logf("HOSTILE | %s | %s | %v | %d B", c.name, outcome, d.Round(time.Microsecond), alloc)
			if d > c.maxTime {
				t.Errorf("took %v, bound %v", d, c.maxTime)
			}
			if alloc > c.maxAlloc {
				t.Errorf("allocated %d bytes, bound %d", alloc, c.maxAlloc)
			}
		})
	}
}

// errJSON marks cases whose hostile input the JSON decoder itself refuses
// (shopspring's decoding: NaN and infinities are not decimals, exponents
// beyond MaxDecodeExponent are refused).
var errJSON = errors.New("a JSON decoding error")

// TestHostileEveryDecimalField puts each hostile magnitude into every
// decimal field of a settlement's State and Input in turn (every leaf the
// canonical encoding reaches, under V6 and NEWEST) and settles: each call
// must return a typed error or a result, within 50 ms and 8 MB of
// allocation. This is how a hostile number anywhere in the input, not only
// in the fields the table above names, is shown to be rejected fast.
func TestHostileEveryDecimalField(t *testing.T) {
	hostile := []struct {
		name string
		v    decimal.Decimal
	}{
		{"1e(2^31-1)", decimal.New(1, math.MaxInt32)},
		{"-1e-(2^31)", decimal.New(-1, math.MinInt32)},
		{"-7e1000000", decimal.New(-7, 1_000_000)},
		{"10^6 digits", nines(1_000_000, -3)},
	}
	var ms runtime.MemStats
	fields, calls := 0, 0
	outcomes := map[string]int{}
	var worst time.Duration
	worstAlloc := uint64(0)
	for _, rs := range []RuleSet{V6, Newest} {
		prev, in, p := baseStep(t, rs)
		for side := range 2 {
			var root any = &prev
			if side == 1 {
				root = &in
			}
			n := len(decimalLeaves(root))
			for i := range n {
				fields++
				for _, h := range hostile {
					var prev2 State
					var in2 Input
					roundTrip(t, prev, &prev2)
					roundTrip(t, in, &in2)
					var r2 any = &prev2
					if side == 1 {
						r2 = &in2
					}
					l := decimalLeaves(r2)[i]
					if l.v.Type() == numType {
						// A loss.Num cannot hold the hostile value:
						// NewNum (and Num's JSON decoding) refuses it.
						if _, err := loss.NewNum(h.v); !errors.Is(err, loss.ErrValue) {
							t.Errorf("%s %s: NewNum(%s) = %v, want loss.ErrValue", rs, l.path, h.name, err)
						}
						outcomes["NewNum: loss.ErrValue"]++
						continue
					}
					l.v.Set(reflect.ValueOf(h.v))
					var d time.Duration
					var alloc uint64
					var err error
					for try := range 3 { // re-measure a slow call: the machine is shared
						runtime.ReadMemStats(&ms)
						a0 := ms.TotalAlloc
						start := time.Now()
						_, err = Epoch(prev2, in2, p)
						d = time.Since(start)
						runtime.ReadMemStats(&ms)
						alloc = ms.TotalAlloc - a0
						if d <= 50*time.Millisecond || try == 2 {
							break
						}
					}
					calls++
					worst, worstAlloc = max(worst, d), max(worstAlloc, alloc)
					name := "settled"
					if err != nil {
						if !typed(err) {
							t.Errorf("%s %s = %s: untyped error %.200v", rs, l.path, h.name, err)
						}
						name = sentinelName(err)
					} else {
						t.Logf("HOSTILE-SETTLED %s %s = %s", rs, l.path, h.name)
					}
					outcomes[name]++
					if d > 50*time.Millisecond || alloc > 8*mB {
						t.Errorf("%s %s = %s: %v, %d bytes (%.200v)", rs, l.path, h.name, d, alloc, err)
					}
				}
			}
		}
	}
	t.Logf("HOSTILE-FIELDS fields=%d calls=%d worst=%v worst-alloc=%d outcomes=%v", fields, calls, worst.Round(time.Microsecond), worstAlloc, outcomes)
}
