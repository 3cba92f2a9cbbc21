package sim

import (
	"fmt"
	"io"

	"github.com/netmath/netmath/internal/conform"
	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards/settle"
	"github.com/netmath/netmath/weights"
)

// tokenExp is the base-10 exponent of one token in base units.
const tokenExp = conform.TokenExp

// quantum is the number of decimal places every generated value (truth,
// inference, forecast, reported loss) is truncated to.
const quantum = 12

// quant truncates x toward zero to quantum decimal places (exact).
func quant(x dec.Dec) dec.Dec { return x.Shift(quantum).Trunc().Shift(-quantum) }

// Options configure a run.
type Options struct {
	// RuleSet selects the protocol rules ("" means settle.Newest). Ignored
	// when Params is set.
	RuleSet settle.RuleSet
	// Params overrides the settlement parameters (nil means
	// settle.SimulatorParams(RuleSet), the parameters of the reference
	// simulator, which the conformance runner uses by default).
	Params *settle.Params
	// CSV, when set, receives the run in the reference simulator's CSV
	// scheme (see CSVWriter).
	CSV io.Writer
}

// Sim runs a scenario one epoch at a time. It is not safe for concurrent
// use; two Sims with the same scenario and options produce identical
// epochs.
type Sim struct {
	sc     Scenario
	p      settle.Params
	codec  conform.Codec
	ctx    dec.Context
	sqe    loss.Method
	csv    *CSVWriter
	reward dec.Dec // topic reward per epoch, base units

	truthRng *stream
	infRng   []*stream
	fcRng    []*stream
	repRng   []*stream

	epoch    int64
	state    settle.State
	truth    dec.Dec   // truth of the last epoch
	stakes   []dec.Dec // reputer stakes, base units
	ema      [][]dec.Dec
	fed      int         // realised losses fed to the EMA forecasters
	losses   [][]dec.Dec // realised loss of each inferer, by epoch
	prevTrue *loss.Bundle
	pend     *pending

	acc accumulator
}

// pending is an epoch prepared but not yet settled.
type pending struct {
	truth dec.Dec
	prev  settle.State
	in    settle.Input
}

// New returns a simulation of sc at its first epoch.
func New(sc Scenario, opt Options) (*Sim, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	var p settle.Params
	if opt.Params != nil {
		p = *opt.Params
	} else {
		rs := opt.RuleSet
		if rs == "" {
			rs = settle.Newest
		}
		var err error
		if p, err = settle.SimulatorParams(rs); err != nil {
			return nil, err
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	sqe, err := loss.NewMethod("sqe", loss.Options{})
	if err != nil {
		return nil, err
	}
	N, F, R := len(sc.Inferers), len(sc.Forecasters), len(sc.Reputers)
	s := &Sim{
		sc:       sc,
		p:        p,
		codec:    conform.NewCodec(scheme.Shape{Inferers: N, Forecasters: F, Reputers: R}),
		sqe:      sqe,
		reward:   sc.TopicReward.Shift(tokenExp),
		truthRng: newStream(sc.Seed, "truth"),
		stakes:   make([]dec.Dec, R),
		ema:      make([][]dec.Dec, F),
		losses:   make([][]dec.Dec, N),
	}
	for j := range N {
		s.infRng = append(s.infRng, newStream(sc.Seed, fmt.Sprintf("inferer/%d", j)))
	}
	for k := range F {
		s.fcRng = append(s.fcRng, newStream(sc.Seed, fmt.Sprintf("forecaster/%d", k)))
		s.ema[k] = make([]dec.Dec, N)
	}
	for m, r := range sc.Reputers {
		s.repRng = append(s.repRng, newStream(sc.Seed, fmt.Sprintf("reputer/%d", m)))
		s.stakes[m] = r.Stake.Shift(tokenExp)
	}
	s.acc.init(s)
	if opt.CSV != nil {
		if s.csv, err = NewCSVWriter(opt.CSV, s.codec.Shape); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Scenario returns the scenario being run.
func (s *Sim) Scenario() Scenario { return s.sc }

// Params returns the settlement parameters.
func (s *Sim) Params() settle.Params { return s.p }

// Codec returns the codec whose ids the simulation uses (inferer j is
// Codec().InfererID(j), and so on).
func (s *Sim) Codec() conform.Codec { return s.codec }

// Epoch returns the last epoch settled (0 before the first Step).
func (s *Sim) Epoch() int64 { return s.epoch }

// Done reports whether every epoch of the scenario has run.
func (s *Sim) Done() bool { return s.epoch >= int64(s.sc.Epochs) }

// Record is the outcome of one epoch.
type Record struct {
	Epoch int64
	// Truth is y(e), the ground truth the epoch's inferences predict.
	Truth dec.Dec
	// Prev, Input and Result are the settlement call of the epoch:
	// Result = settle.Epoch(Prev, Input, params).
	Prev   settle.State
	Input  settle.Input
	Result settle.Result
	// Digest is settle.Digest(Result).
	Digest [32]byte
	// NetworkInference is the network combined inference I(e).
	NetworkInference dec.Dec
	// NetworkLoss is log10((I(e) − y(e))²), the true loss of the network
	// inference (no reputer noise); BestWorker and BestWorkerLoss name the
	// worker (inferer, or forecaster's forecast-implied inference) with the
	// lowest true loss this epoch.
	NetworkLoss    dec.Dec
	BestWorker     string
	BestWorkerLoss dec.Dec
	// WorkerLosses holds the true loss of every worker by all-worker index
	// (inferer j is j, forecaster k is N+k); HasLoss marks the workers
	// that have one (a forecaster without a forecast-implied inference has
	// none).
	WorkerLosses []dec.Dec
	HasLoss      []bool
	// Adversary is the first non-honest reputer's id ("" when there is
	// none) and Listening its listening coefficient after the epoch.
	Adversary string
	Listening dec.Dec
}

// Prepare returns the state before the next epoch and that epoch's
// submissions, without settling it: the input a chain would pass to
// settle.Epoch. Calling it again before Step returns the same values.
func (s *Sim) Prepare() (settle.State, settle.Input, error) {
	if s.pend != nil {
		return s.pend.prev, s.pend.in, nil
	}
	if s.Done() {
		return settle.State{}, settle.Input{}, ErrDone
	}
	e := s.epoch + 1
	truth, err := s.nextTruth(e)
	if err != nil {
		return settle.State{}, settle.Input{}, err
	}
	in := settle.Input{Epoch: e, TopicReward: s.reward.Decimal()}
	if in.Inferences, err = s.inferences(e, truth); err != nil {
		return settle.State{}, settle.Input{}, err
	}
	if in.Forecasts, err = s.forecasts(e); err != nil {
		return settle.State{}, settle.Input{}, err
	}
	if s.prevTrue != nil {
		if in.Reports, err = s.reports(*s.prevTrue); err != nil {
			return settle.State{}, settle.Input{}, err
		}
	}
	s.pend = &pending{truth: truth, prev: s.state, in: in}
	return s.pend.prev, s.pend.in, nil
}

// Step runs the next epoch through settle.Epoch and returns its record.
func (s *Sim) Step() (*Record, error) {
	prev, in, err := s.Prepare()
	if err != nil {
		return nil, err
	}
	res, err := settle.Epoch(prev, in, s.p)
	if err != nil {
		return nil, fmt.Errorf("sim: epoch %d: %w", in.Epoch, err)
	}
	return s.apply(res)
}

// apply records the settled pending epoch and advances the simulation.
func (s *Sim) apply(res settle.Result) (*Record, error) {
	p := s.pend
	e := p.in.Epoch
	rec := &Record{Epoch: e, Truth: p.truth, Prev: p.prev, Input: p.in, Result: res}
	var err error
	if rec.Digest, err = settle.Digest(res); err != nil {
		return nil, fmt.Errorf("sim: epoch %d: digest: %w", e, err)
	}
	s.acc.digest.Write(rec.Digest[:])
	s.acc.nDigests++
	if res.Inference == nil {
		return nil, fmt.Errorf("sim: epoch %d: no network inference", e)
	}
	trueB, err := loss.Grade(res.Inference.Bundle, loss.Vector{p.truth.Decimal()}, s.sqe, loss.GradeOptions{})
	if err != nil {
		return nil, fmt.Errorf("sim: epoch %d: true losses: %w", e, err)
	}
	if rec.NetworkInference, err = dec.FromDecimal(res.Inference.Bundle.Combined[0]); err != nil {
		return nil, err
	}
	st, err := s.acc.add(s, p, res, trueB)
	if err != nil {
		return nil, fmt.Errorf("sim: epoch %d: %w", e, err)
	}
	rec.NetworkLoss, rec.BestWorker, rec.BestWorkerLoss = st.net, st.bestID, st.bestLoss
	rec.WorkerLosses, rec.HasLoss = st.worker, st.has
	if s.acc.adversary >= 0 {
		rec.Adversary = s.codec.ReputerID(s.acc.adversary)
		rec.Listening = st.listening
	}
	if s.csv != nil {
		if err := s.csv.Write(p.truth, p.prev, p.in, res); err != nil {
			return nil, fmt.Errorf("sim: epoch %d: csv: %w", e, err)
		}
	}
	// Advance: realised losses, stakes (auto-staked payouts), state.
	for j := range s.losses {
		s.losses[j] = append(s.losses[j], st.inferer[j])
	}
	if set := res.Settlement; set != nil {
		pay := set.Distribution.Reputers.Payouts
		for m := range s.stakes {
			if v, ok := find(pay, s.codec.ReputerID(m)); ok {
				s.stakes[m] = s.stakes[m].Add(v)
			}
		}
	}
	s.prevTrue = &trueB
	s.state = res.State
	s.truth = p.truth
	s.epoch = e
	s.pend = nil
	return rec, nil
}

// Flush writes any buffered CSV data.
func (s *Sim) Flush() error {
	if s.csv == nil {
		return nil
	}
	return s.csv.Flush()
}

// nextTruth draws y(e) (see Truth).
func (s *Sim) nextTruth(e int64) (dec.Dec, error) {
	z := s.truthRng.gauss()
	t := s.sc.Truth
	if e == 1 {
		return quant(t.Start), nil
	}
	m := dec.NewCalc(s.ctx)
	y := t.Mean.Add(m.Mul(t.Phi, s.truth.Sub(t.Mean))).Add(m.Mul(t.Sigma, z))
	return quant(y), m.Err()
}

// noise returns inferer j's noise level at epoch e (linear drift from Noise
// to NoiseEnd over the run).
func (s *Sim) noise(j int, e int64) (dec.Dec, error) {
	a := s.sc.Inferers[j]
	if a.NoiseEnd == nil || s.sc.Epochs == 1 {
		return a.Noise, nil
	}
	m := dec.NewCalc(s.ctx)
	step := m.Quo(m.Mul(a.NoiseEnd.Sub(a.Noise), dec.FromInt64(e-1)), dec.FromInt64(int64(s.sc.Epochs-1)))
	return a.Noise.Add(step), m.Err()
}

// inferences draws every inferer's inference of y(e).
func (s *Sim) inferences(e int64, truth dec.Dec) ([]loss.VectorValue, error) {
	out := make([]loss.VectorValue, len(s.sc.Inferers))
	for j, a := range s.sc.Inferers {
		sigma, err := s.noise(j, e)
		if err != nil {
			return nil, err
		}
		n, err := s.ctx.Mul(sigma, s.infRng[j].gauss())
		if err != nil {
			return nil, err
		}
		x := quant(truth.Add(a.Bias).Add(n))
		out[j] = loss.VectorValue{ID: s.codec.InfererID(j), Values: loss.Vector{x.Decimal()}}
	}
	return out, nil
}

// forecasts computes every forecaster's forecasted losses at epoch e from
// the realised losses of epochs 1..e−2 (those settled before epoch e).
func (s *Sim) forecasts(e int64) ([]weights.Forecast, error) {
	N := len(s.sc.Inferers)
	avail := int(e) - 2
	m := dec.NewCalc(s.ctx)
	for ; s.fed < avail; s.fed++ {
		for k, f := range s.sc.Forecasters {
			if f.Kind != ForecastEMA {
				continue
			}
			for j := range N {
				s.ema[k][j] = m.EMA(f.Alpha, s.losses[j][s.fed], s.ema[k][j], s.fed == 0)
			}
		}
	}
	out := make([]weights.Forecast, len(s.sc.Forecasters))
	for k, f := range s.sc.Forecasters {
		fc := weights.Forecast{Forecaster: s.codec.ForecasterID(k), Elements: make([]weights.ForecastElement, N)}
		for j := range N {
			var v dec.Dec
			switch {
			case f.Kind == ForecastCopy:
				fc.Elements[j] = weights.ForecastElement{Inferer: s.codec.InfererID(j), Value: out[f.Copies].Elements[j].Value}
				continue
			case avail <= 0:
				v = s.sc.ForecastPrior
			case f.Kind == ForecastEMA:
				v = s.ema[k][j]
			default: // window
				lo := max(0, avail-f.Window)
				v = m.Quo(dec.Sum(s.losses[j][lo:avail]), dec.FromInt64(int64(avail-lo)))
			}
			if f.Noise.Sign() > 0 {
				v = v.Add(m.Mul(f.Noise, s.fcRng[k].gauss()))
			}
			fc.Elements[j] = weights.ForecastElement{Inferer: s.codec.InfererID(j), Value: quant(v).Decimal()}
		}
		out[k] = fc
	}
	return out, m.Err()
}

// reports builds every reputer's report of the previous epoch's bundle
// from its true grade b.
func (s *Sim) reports(b loss.Bundle) ([]loss.Report, error) {
	c, err := dec.FromDecimal(b.Combined)
	if err != nil {
		return nil, err
	}
	out := make([]loss.Report, len(s.sc.Reputers))
	for r, rep := range s.sc.Reputers {
		m := dec.NewCalc(s.ctx)
		rng := s.repRng[r]
		g := func(x dec.Dec) dec.Dec {
			switch rep.Kind {
			case ReportInverted:
				x = c.Add(c).Sub(x)
			case ReportRandom:
				x = c
			}
			z := rng.gauss()
			if rep.Noise.Sign() > 0 {
				x = x.Add(m.Mul(rep.Noise, z))
			}
			return quant(x)
		}
		f := func(v decimal) decimal {
			x, err := dec.FromDecimal(v)
			if err != nil {
				m.Fail(err)
				return v
			}
			return g(x).Decimal()
		}
		out[r] = loss.Report{Reputer: s.codec.ReputerID(r), Stake: s.stakes[r].Decimal(), Losses: mapBundle(b, f, g)}
		if err := m.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
