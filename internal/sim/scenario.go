package sim

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// Scenario describes a simulated topic: its length, seed, ground-truth
// process and actors. Numbers are decimal strings in JSON. Token amounts
// (TopicReward, Reputer.Stake) are in whole tokens; the simulation works in
// base units (× 10^18) and requires them to be integers there.
type Scenario struct {
	// Name labels the scenario in reports.
	Name string `json:"name"`
	// Epochs is the number of epochs to run (1..MaxEpochs).
	Epochs int `json:"epochs"`
	// Seed selects every pseudorandom draw of the run.
	Seed uint64 `json:"seed"`
	// Warmup is the number of first epochs left out of the summary
	// statistics (0 <= Warmup < Epochs).
	Warmup int `json:"warmup"`
	// TopicReward is the topic's reward per epoch, in tokens.
	TopicReward dec.Dec `json:"topic_reward"`
	// Truth is the ground-truth process.
	Truth Truth `json:"truth"`
	// ForecastPrior is the loss a forecaster forecasts for an inferer it
	// has no realised loss of yet (log10 of a squared error).
	ForecastPrior dec.Dec `json:"forecast_prior"`
	// Inferers, Forecasters and Reputers are the actors, in index order
	// (actor i gets the i-th id of conform.Codec).
	Inferers    []Inferer    `json:"inferers"`
	Forecasters []Forecaster `json:"forecasters"`
	Reputers    []Reputer    `json:"reputers"`
}

// Truth is an AR(1) process of log-returns:
//
//	y(1) = Start
//	y(e) = Mean + Phi·(y(e−1) − Mean) + Sigma·Z(e)
//
// with Z(e) the Irwin–Hall normal draw of the truth stream, each y rounded
// toward zero to Quantum decimal places.
type Truth struct {
	Start dec.Dec `json:"start"`
	Mean  dec.Dec `json:"mean"`
	Phi   dec.Dec `json:"phi"`
	Sigma dec.Dec `json:"sigma"`
}

// Inferer submits y(e) + Bias + σ(e)·Z, with σ moving linearly from Noise
// at the first epoch to NoiseEnd at the last (constant when NoiseEnd is
// absent): an inferer that improves or degrades over time.
type Inferer struct {
	Name     string   `json:"name"`
	Noise    dec.Dec  `json:"noise"`
	NoiseEnd *dec.Dec `json:"noise_end,omitempty"`
	Bias     dec.Dec  `json:"bias"`
}

// ForecasterKind names a forecasting strategy.
type ForecasterKind string

// Forecasting strategies. Each forecasts, for every inferer, the loss
// (log10 of the squared error) its inference will get, from the inferer's
// realised losses of the epochs already settled (up to e−2 at epoch e),
// plus the forecaster's own noise Noise·Z.
const (
	// ForecastEMA forecasts the exponential moving average (Alpha) of the
	// realised losses: it follows inferers whose skill drifts.
	ForecastEMA ForecasterKind = "ema"
	// ForecastWindow forecasts the mean of the last Window realised losses.
	ForecastWindow ForecasterKind = "window"
	// ForecastCopy submits exactly the forecasts of forecaster Copies (a
	// copycat).
	ForecastCopy ForecasterKind = "copy"
)

// Forecaster is one forecaster's strategy.
type Forecaster struct {
	Name   string         `json:"name"`
	Kind   ForecasterKind `json:"kind"`
	Alpha  dec.Dec        `json:"alpha,omitzero"`
	Window int            `json:"window,omitempty"`
	Noise  dec.Dec        `json:"noise,omitzero"`
	Copies int            `json:"copies,omitempty"`
}

// ReputerKind names a reporting strategy.
type ReputerKind string

// Reporting strategies. Every reputer starts from the true value bundle of
// the previous epoch (loss.Grade: sqe, log10) and adds its own noise
// Noise·Z to every entry, independently.
const (
	// ReportHonest reports the true losses plus noise.
	ReportHonest ReputerKind = "honest"
	// ReportInverted reflects every loss about the true combined loss
	// (2·L_combined − L), so that the best workers look the worst.
	ReportInverted ReputerKind = "inverted"
	// ReportRandom reports the true combined loss plus noise for every
	// entry: no information about who did well.
	ReportRandom ReputerKind = "random"
)

// Reputer is one reputer's initial stake (tokens) and strategy.
type Reputer struct {
	Name  string      `json:"name"`
	Kind  ReputerKind `json:"kind"`
	Stake dec.Dec     `json:"stake"`
	Noise dec.Dec     `json:"noise"`
}

// Bounds of a scenario.
const (
	// MaxEpochs bounds Scenario.Epochs.
	MaxEpochs = 1_000_000
	// MaxActors bounds each actor list (the synthesis bound,
	// weights.MaxWorkers).
	MaxActors = 1024
	// MaxWindow bounds Forecaster.Window.
	MaxWindow = 10_000
)

//go:embed default.json
var defaultJSON []byte

// Default returns the embedded default scenario (default.json).
func Default() Scenario {
	s, err := Parse(defaultJSON)
	if err != nil {
		panic("sim: embedded default scenario: " + err.Error())
	}
	return s
}

// Parse reads a scenario from JSON (unknown fields are rejected) and
// validates it.
func Parse(b []byte) (Scenario, error) {
	var s Scenario
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&s); err != nil {
		return Scenario{}, fmt.Errorf("%w: %v", ErrScenario, err)
	}
	if err := s.Validate(); err != nil {
		return Scenario{}, err
	}
	return s, nil
}

// Validate checks the scenario. Errors wrap ErrScenario.
func (s Scenario) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrScenario}, a...)...)
	}
	if s.Epochs < 1 || s.Epochs > MaxEpochs {
		return bad("epochs %d outside 1..%d", s.Epochs, MaxEpochs)
	}
	if s.Warmup < 0 || s.Warmup >= s.Epochs {
		return bad("warmup %d outside 0..epochs-1 (%d)", s.Warmup, s.Epochs-1)
	}
	if s.TopicReward.Sign() < 0 || !s.TopicReward.Shift(tokenExp).IsInteger() {
		return bad("topic reward %s is not a non-negative whole number of base units", s.TopicReward)
	}
	if s.Truth.Sigma.Sign() < 0 {
		return bad("truth sigma %s is negative", s.Truth.Sigma)
	}
	if s.Truth.Phi.Abs().Cmp(dec.One()) >= 0 {
		return bad("truth phi %s outside (-1, 1)", s.Truth.Phi)
	}
	for _, c := range []struct {
		name string
		n    int
		min  int
	}{{"inferers", len(s.Inferers), 1}, {"forecasters", len(s.Forecasters), 0}, {"reputers", len(s.Reputers), 1}} {
		if c.n < c.min || c.n > MaxActors {
			return bad("%d %s outside %d..%d", c.n, c.name, c.min, MaxActors)
		}
	}
	for i, a := range s.Inferers {
		if a.Noise.Sign() < 0 || (a.NoiseEnd != nil && a.NoiseEnd.Sign() < 0) {
			return bad("inferer %d: negative noise", i)
		}
	}
	for k, f := range s.Forecasters {
		if f.Noise.Sign() < 0 {
			return bad("forecaster %d: negative noise", k)
		}
		switch f.Kind {
		case ForecastEMA:
			if f.Alpha.Sign() <= 0 || f.Alpha.Cmp(dec.One()) > 0 {
				return bad("forecaster %d: alpha %s outside (0, 1]", k, f.Alpha)
			}
		case ForecastWindow:
			if f.Window < 1 || f.Window > MaxWindow {
				return bad("forecaster %d: window %d outside 1..%d", k, f.Window, MaxWindow)
			}
		case ForecastCopy:
			if f.Copies < 0 || f.Copies >= k || s.Forecasters[f.Copies].Kind == ForecastCopy {
				return bad("forecaster %d: copies %d, which is not an earlier non-copying forecaster", k, f.Copies)
			}
		default:
			return bad("forecaster %d: unknown kind %q", k, f.Kind)
		}
	}
	for r, p := range s.Reputers {
		if p.Stake.Sign() <= 0 || !p.Stake.Shift(tokenExp).IsInteger() {
			return bad("reputer %d: stake %s is not a positive whole number of base units", r, p.Stake)
		}
		if p.Noise.Sign() < 0 {
			return bad("reputer %d: negative noise", r)
		}
		switch p.Kind {
		case ReportHonest, ReportInverted, ReportRandom:
		default:
			return bad("reputer %d: unknown kind %q", r, p.Kind)
		}
	}
	return nil
}

// Resize returns a copy of s with n inferers, f forecasters and r reputers
// (a negative count keeps the scenario's). Actors beyond the scenario's
// lists are generated deterministically from their index: honest inferers
// with noise 0.001·(1 + (7i mod 23)), EMA forecasters with α ∈ {0.1, 0.2,
// 0.3, 0.5} and noise 0.1·(k mod 4), honest reputers with stake
// 100·(1 + (5r mod 13)) tokens and noise 0.02·(1 + r mod 5). Shorter lists
// keep their first actors.
func (s Scenario) Resize(n, f, r int) Scenario {
	out := s
	if n >= 0 {
		out.Inferers = make([]Inferer, n)
		for i := range n {
			if i < len(s.Inferers) {
				out.Inferers[i] = s.Inferers[i]
				continue
			}
			out.Inferers[i] = Inferer{
				Name:  fmt.Sprintf("honest-%d", i),
				Noise: dec.New(int64(1+(7*i)%23), -3),
			}
		}
	}
	if f >= 0 {
		alphas := []int64{1, 2, 3, 5}
		out.Forecasters = make([]Forecaster, f)
		for k := range f {
			if k < len(s.Forecasters) {
				out.Forecasters[k] = s.Forecasters[k]
				continue
			}
			out.Forecasters[k] = Forecaster{
				Name:  fmt.Sprintf("ema-%d", k),
				Kind:  ForecastEMA,
				Alpha: dec.New(alphas[k%len(alphas)], -1),
				Noise: dec.New(int64(k%4), -1),
			}
		}
	}
	if r >= 0 {
		out.Reputers = make([]Reputer, r)
		for m := range r {
			if m < len(s.Reputers) {
				out.Reputers[m] = s.Reputers[m]
				continue
			}
			out.Reputers[m] = Reputer{
				Name:  fmt.Sprintf("honest-%d", m),
				Kind:  ReportHonest,
				Stake: dec.FromInt64(int64(100 * (1 + (5*m)%13))),
				Noise: dec.New(int64(2*(1+m%5)), -2),
			}
		}
	}
	return out
}
