package weights

import (
	"errors"
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// synth is one synthesis in progress: the compiled parameters, the
// validated epoch and the path (plain or fast).
type synth struct {
	params
	e     *epoch
	plain bool
	// Scratch buffers reused across the calculations of one synthesis.
	scratchRH, scratchR, scratchW []dec.Dec
	scratchB                      []dec.Dec     // relArgs' b
	scratchEB                     []dec.ExpTerm // relArgs' e^−|b|
	scratchX                      [][]dec.Dec
	scratchEl                     []elem
	acc                           []dec.Acc             // weightedSums' numerators
	decSlab                       slab[dec.Dec]         // vec's backing arrays
	outSlab                       slab[decimal.Decimal] // toVector's backing arrays
	dacc                          dec.Acc               // weightedSums' denominator
	conv                          dec.DecimalConv       // the conversions of the results
	fii                           fiiScratch
	oneOut                        oneOutTable // (26)/(29): forecastImpliedAll's values
	vecScratch                    bool        // vec cuts from scratchVec (values copied at once)
	scratchVec                    []dec.Dec
	rowI, rowF                    []dec.Dec // one network's pair-store regrets
	// The streamed one-out-inferer networks (stream.go): their state and
	// the bundle the forecasters' one-out values go to; noStream (tests)
	// forces the table path.
	stream    *oneOutNets
	streamOut *loss.InferenceBundle
	noStream  bool
	// dup[k] is the forecaster whose forecast k's repeats, or −1 (nil:
	// none; duplicate.go); outAt[k] is the range of k's one-out values (29)
	// in the result, while dup is set. noDup (tests) computes every
	// forecaster.
	dup     []int32
	outAt   [][2]int32
	noDup   bool
	collide bool     // tests: every forecast has the same hash
	blk     infBlock // blockSums' last inferer sums
	// ctx38 rounds the wide factors of relWeigher.mulQuo (set on first
	// use); noBracket (tests) leaves every product to MulQuoBySum.
	ctx38     ctxPair
	noBracket bool
	// noRepeat (tests) computes the quotient, argument, weight and V6
	// gradient of a regret identical to the one before it again instead of
	// reusing them (reuse).
	noRepeat bool
	// streamCache is the largest n·F for which the stream keeps the
	// one-out-inferer networks' quotients (streamCacheMax; tests vary it).
	streamCache int
	// stats, when not nil, counts the work (benchmarks and tests only).
	stats *synthStats
}

// synthStats counts the weights evaluated and the exponentials computed by
// one synthesis, and records whether it streamed (stream.go).
type synthStats struct {
	weights, exps int
	repeats       int // arguments (args) and V6 gradients reused from an identical regret
	quoRepeats    int // quotients R/s reused from an identical regret (countQuoRepeat)
	blockRepeats  int // networks that took the inferers' sums of the one before (blockSums)
	// products x·(e^a + 1) decided by the bracket of the wide factor, and
	// left to MulQuoBySum (relWeigher.mulQuo)
	bracketed, unbracketed int
	restored               int  // forecasts given saved values of an identical one (duplicate.go)
	streamed               bool // the one-out-inferer networks were streamed
}

// Synthesize computes the network inferences of one epoch (spec §2–§5, §9)
// from the epoch's inferences and forecasts, the regret state of the
// previous settlement and the previous network loss.
//
// Case split (§2.1): no inference is an error (ErrNoInferences); one
// inference gives combined = naive = that inference (CaseSingle); with at
// least two inferences and no previous loss V6 returns the per-label median
// and naive = 0 (CaseMedian) while Intermediate and Newest weight the
// inferers only (CaseInferersOnly); otherwise every quantity of §5 is
// computed (CaseFull). See doc.go for the formulas and the rule-set
// differences.
//
// Precision: sums and differences are exact; products, quotients, square
// roots and exponentials are rounded to Params.Digits with Params.Rounding
// (34 digits, truncation by default), exactly where the reference chain
// rounds. No result depends on the order of the inputs: inferers and
// forecasters are processed in byte-wise id order, and every sum is exact,
// so the order of the elements inside a forecast does not matter either.
//
// Errors wrap ErrInvalidParams, ErrNoInferences, ErrEmptyID,
// ErrDuplicateID, ErrLabels, ErrInvalidValue, ErrTooLarge (bad input,
// reported before any computation; a pair-store regret is a loss.Num,
// always in range) or ErrArithmetic (a rounded result beyond the decimal
// range, reachable only with absurd magnitudes).
func Synthesize(in Input, p Params) (Result, error) {
	return synthesize(in, p, false)
}

func synthesize(in Input, p Params, plain bool) (Result, error) {
	cp, err := p.compile()
	if err != nil {
		return Result{}, err
	}
	e, err := prepare(in)
	if err != nil {
		return Result{}, err
	}
	s := &synth{params: cp, e: e, plain: plain, streamCache: streamCacheMax}
	res, err := s.run()
	if err != nil {
		return Result{}, fmt.Errorf("%w: %w", ErrArithmetic, err)
	}
	return res, nil
}

func (s *synth) run() (Result, error) {
	if s.canStream() {
		var saved synthStats
		if s.stats != nil {
			saved = *s.stats
		}
		res, err := s.runWith(true)
		s.stream, s.streamOut = nil, nil
		if err == nil {
			if s.stats != nil {
				s.stats.streamed = true
			}
			return res, nil
		}
		// The table path decides (the same values, and the reference
		// errors): see stream.go.
		if s.stats != nil {
			*s.stats = saved
		}
	}
	return s.runWith(false)
}

// runWith is run, with the one-out-inferer networks streamed (stream.go)
// or from the table of one-out values.
func (s *synth) runWith(stream bool) (Result, error) {
	e := s.e
	n := len(e.inf)
	res := Result{AllNew: e.allNew}
	b := &res.Bundle
	b.Labels = e.labels
	b.Inferers = make([]loss.VectorValue, n)
	for j, id := range e.inf {
		b.Inferers[j] = loss.VectorValue{ID: id, Values: s.toVector(e.x[j])}
	}

	// §2.1 cases 2 and 3.
	if n == 1 {
		res.Case = CaseSingle
		b.Combined = s.toVector(e.x[0])
		b.Naive = s.toVector(e.x[0])
		return res, nil
	}
	if !e.hasLoss && s.rule == V6 {
		res.Case = CaseMedian
		med, err := s.median(e.x)
		if err != nil {
			return res, err
		}
		b.Combined = s.toVector(med)
		b.Naive = s.toVector(make([]dec.Dec, e.nl))
		return res, nil
	}
	res.Case = CaseInferersOnly
	if e.hasLoss {
		res.Case = CaseFull
	}

	// Forecast-implied inferences (11)–(14) and their one-out-inferer
	// recomputations (26)/(29); none without a previous loss (§2.1 NEWEST).
	var full [][]dec.Dec
	if e.hasLoss {
		var err error
		if stream {
			if s.stream, err = s.oneOutPrepare(); err != nil {
				return res, err
			}
			s.streamOut = b
			if len(e.fc) > 0 {
				b.OneOutInfererForecasters = make([]loss.PairVector, 0, len(e.fc)*n)
			}
		}
		if full, err = s.forecastImpliedAll(); err != nil {
			return res, err
		}
	}
	if stream {
		for _, v := range full {
			if v == nil {
				return res, errStreamFallback // Fc is not every forecaster
			}
		}
	}
	// Fc: the forecasters with a forecast-implied inference; the others take
	// no part downstream (§3).
	var fcs []int
	for k := range full {
		if full[k] != nil {
			fcs = append(fcs, k)
			b.Forecasters = append(b.Forecasters, loss.VectorValue{ID: e.fc[k].id, Values: s.toVector(full[k])})
		}
	}
	r := &e.r

	// (24) combined: all inferers, all of Fc; R_{i−1,j}, R_{i−1,k}.
	nw := n + len(fcs)
	r24 := make([]dec.Dec, 0, nw)
	x24 := make([][]dec.Dec, 0, nw)
	r24 = append(r24, r.inf...)
	x24 = append(x24, e.x...)
	for _, k := range fcs {
		r24 = append(r24, r.fc[k])
		x24 = append(x24, full[k])
	}
	w24 := make([]dec.Dec, nw)
	if err := s.weights(r24, w24); err != nil {
		return res, err
	}
	comb, err := s.network(w24, x24, r24, n)
	if err != nil {
		return res, err
	}
	b.Combined = s.toVector(comb)
	res.InfererWeights = make([]loss.Value, n)
	for j, id := range e.inf {
		res.InfererWeights[j] = loss.Value{ID: id, Value: s.conv.Decimal(w24[j])}
	}
	for i, k := range fcs {
		res.ForecasterWeights = append(res.ForecasterWeights, loss.Value{ID: e.fc[k].id, Value: s.conv.Decimal(w24[n+i])})
	}

	// (25) naive: inferers only; R⁻_{i−1,j}.
	naive, err := s.network(nil, e.x, r.naive, n)
	if err != nil {
		return res, err
	}
	b.Naive = s.toVector(naive)

	// (26) one-out inferer j': the other inferers with R⁻_{j',j}, all of Fc
	// with R⁻_{j',k} and the recomputed I⁻_{j',ik} (missing values still
	// take part in the scale and the maximum).
	rr := make([]dec.Dec, 0, nw)
	xx := make([][]dec.Dec, 0, nw)
	if stream {
		if b.OneOutInferers, err = s.oneOutValues(); err != nil {
			return res, err
		}
	} else {
		b.OneOutInferers = make([]loss.VectorValue, n)
	}
	for jp := 0; jp < n && !stream; jp++ {
		rr, xx = rr[:0], xx[:0]
		row := r.ooII.row(jp, e.initial, s.rowI)
		s.rowI = row
		for j := 0; j < n; j++ {
			if j != jp {
				rr = append(rr, row[j])
				xx = append(xx, e.x[j])
			}
		}
		frow := r.ooIF.row(jp, e.initial, s.rowF)
		s.rowF = frow
		for _, k := range fcs {
			rr = append(rr, frow[k])
			xx = append(xx, s.oneOut.get(k, jp))
		}
		v, err := s.network(nil, xx, rr, n-1)
		if err != nil {
			return res, err
		}
		b.OneOutInferers[jp] = loss.VectorValue{ID: e.inf[jp], Values: s.toVector(v)}
	}

	// (27) one-out forecaster and (28) one-in: only with at least two
	// forecast-implied inferences.
	if len(fcs) >= 2 {
		for _, kp := range fcs {
			rr, xx = rr[:0], xx[:0]
			row := r.ooFI.row(kp, e.initial, s.rowI)
			s.rowI = row
			rr = append(rr, row...)
			xx = append(xx, e.x...)
			frow := r.ooFF.row(kp, e.initial, s.rowF)
			s.rowF = frow
			for _, k := range fcs {
				if k != kp {
					rr = append(rr, frow[k])
					xx = append(xx, full[k])
				}
			}
			v, err := s.network(nil, xx, rr, n)
			if err != nil {
				return res, err
			}
			b.OneOutForecasters = append(b.OneOutForecasters, loss.VectorValue{ID: e.fc[kp].id, Values: s.toVector(v)})
		}
		for _, k := range fcs {
			rr, xx = rr[:0], xx[:0]
			row := r.oneInI.row(k, e.initial, s.rowI)
			s.rowI = row
			rr = append(rr, row...)
			xx = append(xx, e.x...)
			rr = append(rr, r.oneInFc[k])
			xx = append(xx, full[k])
			v, err := s.network(nil, xx, rr, n)
			if err != nil {
				return res, err
			}
			b.OneInForecasters = append(b.OneInForecasters, loss.VectorValue{ID: e.fc[k].id, Values: s.toVector(v)})
		}
	}

	// (29) one-out-inferer forecast-implied inferences, forecaster-major.
	if len(full) > 0 && !stream {
		b.OneOutInfererForecasters = make([]loss.PairVector, 0, len(full)*n)
	}
	for k := 0; k < len(full) && !stream; k++ {
		s.appendOneOut(&b.OneOutInfererForecasters, k, full[k])
	}

	// (30) error bars under the weights of (24).
	bars, err := s.errorBars(x24, w24)
	if err != nil {
		return res, err
	}
	res.ErrorBars = bars
	return res, nil
}

// network evaluates one network inference over participants with values x
// (nil: no value) and regrets r, of which the first nInf are inferers: the
// plain mean of the inferers in the all-new mode (§4.4), otherwise (23)
// with the weights of §4 (w, when given, are those weights).
func (s *synth) network(w []dec.Dec, x [][]dec.Dec, r []dec.Dec, nInf int) ([]dec.Dec, error) {
	if s.e.allNew {
		return s.mean(x[:nInf])
	}
	if w == nil {
		w = grow(&s.scratchW, len(r))
		if err := s.weights(r, w); err != nil {
			return nil, err
		}
	}
	return s.combine(w, x)
}

// errorBars is (30): per label, the weighted percentiles of the values of
// (24) under its weights (zero weights included).
func (s *synth) errorBars(x [][]dec.Dec, w []dec.Dec) ([]ErrorBar, error) {
	pcts := ErrorBarPercentiles()
	pd := make([]dec.Dec, len(pcts))
	for i, p := range pcts {
		pd[i], _ = dec.FromDecimal(p)
	}
	bars := make([]ErrorBar, len(pcts))
	for i := range bars {
		bars[i] = ErrorBar{Percentile: pcts[i], Values: make(loss.Vector, s.e.nl)}
	}
	col := make([]dec.Dec, len(x))
	for l := 0; l < s.e.nl; l++ {
		for i, xi := range x {
			col[i] = xi[l]
		}
		v, err := s.ctx.WeightedPercentile(col, w, pd)
		if errors.Is(err, dec.ErrInvalidArgument) {
			return nil, nil // every weight is zero: no error bars
		}
		if err != nil {
			return nil, err
		}
		for i := range bars {
			bars[i].Values[l] = s.conv.Decimal(v[i])
		}
	}
	return bars, nil
}
