// Package conformtest generates synthetic simulator files for the tests of
// the conformance runner: a small deterministic topic settled epoch by epoch
// with rewards/settle and written with conform.CSVWriter, so that the runner
// must reproduce it exactly.
package conformtest

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/netmath/netmath/internal/conform"
	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards/settle"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// Config describes a synthetic run.
type Config struct {
	// Shape is the number of inferers, forecasters, reputers and labels.
	Shape scheme.Shape
	// Rows is the number of rows written (settled epochs).
	Rows int
	// FirstEpoch is the epoch of the first row (> Warmup).
	FirstEpoch int64
	// Rules is the rule set (V6 for single-output, Newest for multi-label
	// shapes if empty).
	Rules settle.RuleSet
	// InitialRegret is kept as the topic's initial regret before every
	// epoch, as the reference suites' topics do (default 1; 1e-4 for
	// multi-label shapes), so that the runner's default reconstructs it.
	// Ignored with StateColumns.
	InitialRegret dec.Dec
	// StateColumns lets the initial regret evolve as the settlements set
	// it (from 0, the all-new mode) and writes it, with the regret scale,
	// in the columns conform.ColInitialRegret and conform.ColRegretScale.
	// With Genesis the file starts at the topic's first epoch.
	StateColumns bool
	// Genesis writes every epoch from the topic's first (synthesis only,
	// with every worker new), for the runner's Options.Genesis; otherwise
	// the first Warmup epochs are settled but not written.
	Genesis bool
	// Seed varies the inputs.
	Seed uint64
}

// rng is splitmix64: deterministic on every platform.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unit returns a decimal in [-1, 1) with 9 decimal places.
func (r *rng) unit() dec.Dec {
	return dec.New(int64(r.next()%2_000_000_000)-1_000_000_000, -9)
}

// Warmup is the number of epochs Generate settles before the first row it
// writes: the first (synthesis only) gives the reputers a bundle to grade,
// the second settles it with every worker new, so that the first row
// written carries the full state of a running topic.
const Warmup = 2

// Generate settles Warmup + cfg.Rows epochs and returns the CSV of the last
// cfg.Rows.
func Generate(cfg Config) ([]byte, error) {
	s := cfg.Shape
	if cfg.Rules == "" {
		cfg.Rules = settle.V6
		if s.Labels > 0 {
			cfg.Rules = settle.Newest
		}
	}
	if cfg.InitialRegret.IsZero() {
		cfg.InitialRegret = dec.One()
		if s.Labels > 0 {
			cfg.InitialRegret = dec.New(1, -4)
		}
	}
	warmup := int64(Warmup)
	if cfg.Genesis {
		warmup = 0
	}
	if cfg.FirstEpoch <= warmup {
		cfg.FirstEpoch = warmup + 1
	}
	p, err := settle.SimulatorParams(cfg.Rules)
	if err != nil {
		return nil, err
	}
	p.Rewards.MaxTopInferersToReward = 1
	p.Rewards.MaxTopForecastersToReward = 1
	p.Rewards.MaxTopReputersToReward = 1
	c := conform.NewCodec(s)
	L := s.NumLabels()
	var labels []string
	for l := 0; l < s.Labels; l++ {
		labels = append(labels, "label_"+strconv.Itoa(l))
	}
	ctx := dec.Reference()
	r := &rng{s: cfg.Seed}
	var buf bytes.Buffer
	w, err := conform.NewCSVWriter(&buf, c, cfg.StateColumns)
	if err != nil {
		return nil, err
	}
	var st settle.State
	st.Epoch = cfg.FirstEpoch - warmup - 1
	var lastBundle *loss.InferenceBundle
	var lastTruth loss.Vector
	for e := cfg.FirstEpoch - warmup; e < cfg.FirstEpoch+int64(cfg.Rows); e++ {
		// Ground truth: one value in [0, 1) per label; inferer j's error
		// scale grows with j.
		truth := make(loss.Vector, L)
		for l := range truth {
			truth[l] = r.unit().Abs().Decimal()
		}
		in := settle.Input{Epoch: e, Labels: labels}
		for j := 0; j < s.Inferers; j++ {
			v := make(loss.Vector, L)
			for l := range v {
				noise, err := ctx.Mul(r.unit(), dec.New(int64(j+1), -2))
				if err != nil {
					return nil, err
				}
				v[l] = d(truth[l]).Add(noise).Decimal()
			}
			in.Inferences = append(in.Inferences, loss.VectorValue{ID: c.InfererID(j), Values: v})
		}
		for k := 0; k < s.Forecasters; k++ {
			f := weights.Forecast{Forecaster: c.ForecasterID(k)}
			for j := 0; j < s.Inferers; j++ {
				// Forecasted log10 losses around −4 + j/2.
				v := dec.New(int64(5*j-40), -1).Add(r.unit().Shift(-1))
				f.Elements = append(f.Elements, weights.ForecastElement{Inferer: c.InfererID(j), Value: v.Decimal()})
			}
			in.Forecasts = append(in.Forecasts, f)
		}
		if lastBundle != nil {
			base, err := loss.Grade(*lastBundle, lastTruth, loss.Method{}, loss.GradeOptions{})
			if err != nil {
				return nil, fmt.Errorf("epoch %d: grade: %w", e, err)
			}
			for i := 0; i < s.Reputers; i++ {
				stake := dec.New(int64(1000*(i+1)+37*i), 0).Shift(conform.TokenExp)
				in.Reports = append(in.Reports, loss.Report{Reputer: c.ReputerID(i), Stake: stake.Decimal(), Losses: perturb(base, r, i)})
			}
			in.TopicReward = dec.New(12345, -1).Shift(conform.TokenExp).Decimal()
		}
		if !cfg.StateColumns {
			st.Regrets.InitialRegret = cfg.InitialRegret.Decimal()
		}
		res, err := settle.Epoch(st, in, p)
		if err != nil {
			return nil, fmt.Errorf("epoch %d: %w", e, err)
		}
		if e >= cfg.FirstEpoch {
			if err := w.Write(st, in, res); err != nil {
				return nil, err
			}
		}
		if res.Inference != nil {
			b := res.Inference.Bundle
			lastBundle = &b
		}
		lastTruth = truth
		st = res.State
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func d(v decimal.Decimal) dec.Dec {
	x, _ := dec.FromDecimal(v)
	return x
}

// perturb adds reputer i's noise (scale 0.01·i) to every value of b.
func perturb(b loss.Bundle, r *rng, i int) loss.Bundle {
	nd := func(x dec.Dec) dec.Dec {
		if i == 0 {
			return x
		}
		return x.Add(r.unit().Shift(-2))
	}
	n := func(v decimal.Decimal) decimal.Decimal {
		if i == 0 {
			return v
		}
		return nd(d(v)).Decimal()
	}
	vals := func(vs []loss.Value) []loss.Value {
		out := make([]loss.Value, len(vs))
		for k, v := range vs {
			out[k] = loss.Value{ID: v.ID, Value: n(v.Value)}
		}
		return out
	}
	out := loss.Bundle{
		Combined: n(b.Combined), Naive: n(b.Naive),
		Inferers: vals(b.Inferers), Forecasters: vals(b.Forecasters),
		OneOutInferers: vals(b.OneOutInferers), OneOutForecasters: vals(b.OneOutForecasters),
		OneInForecasters: vals(b.OneInForecasters),
	}
	for _, p := range b.OneOutInfererForecasters {
		out.OneOutInfererForecasters = append(out.OneOutInfererForecasters, loss.PairValue{Forecaster: p.Forecaster, Inferer: p.Inferer, Value: num.Of(nd(p.Value.Dec()))})
	}
	return out
}
