package weights

import (
	"errors"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
)

// The one-out-inferer networks (26), streamed.
//
// Network j' weighs the other inferers and every forecaster of Fc, the
// forecasters with the recomputed values I⁻_{j',ik} (26)/(29). Its weights
// depend on its regrets only (R⁻_{j',j}, R⁻_{j',k}: the scale (20), the
// maximum M and the terms of (22)), and (23) sums exactly (dec.Acc), in any
// order. So the weights' parameters and the inferers' products are
// computed first (oneOutPrepare), and the forecasters' products are added
// as soon as their one-out values are computed (streamBlock, a block of
// forecasters at a time), which are written to the result (29) at once
// (appendOneOut): no table of all F·n one-out values.
//
// Every weight is the same rounded value the per-network calculation
// (synth.weights over the network's regrets) gives: the same divisor, the
// same quotient R/s, the same arguments and terms of Exp1DivExp1; every
// product is the same rounded product; the sums are exact; the quotients are
// synth.divide's. TestStreamMatchesTable pins this against the table path.
//
// Fc must be known before the first forecaster: the stream assumes that
// every forecaster with an element has a forecast-implied inference (under
// Intermediate and Newest the element of the largest regret has weight 1,
// so (14) always has a value unless an exponential underflows). When the
// assumption fails, or on any error, the synthesis is redone by the table
// path (errStreamFallback), which returns the reference values and errors.

// errStreamFallback reports that the streamed synthesis cannot decide: the
// table path must be used.
var errStreamFallback = errors.New("weights: stream assumption failed")

// canStream reports whether run streams the one-out-inferer networks:
// the fast path under Intermediate or Newest with weights (not all-new)
// and a previous loss (forecast-implied inferences exist).
func (s *synth) canStream() bool {
	return !s.plain && !s.noStream && !s.e.allNew && s.rule != V6 && s.e.hasLoss && len(s.e.inf) >= 2
}

// oneOutNet is the state of one one-out-inferer network (26) while the
// forecasters stream.
type oneOutNet struct {
	div dec.Divisor // the network's scale
	rw  relWeigher  // the terms of its maximum
	num []dec.Acc   // Σ w·x per label
	den dec.Acc     // Σ w over the participants with a value
}

// oneOutNets holds every one-out-inferer network's state, and, for a
// small epoch, the quotients R⁻_{j',k}/s of every network, which
// oneOutPrepare computes for the maximum: rhF[j'·F + k] (nil: streamBlock
// computes them again).
type oneOutNets struct {
	nets []oneOutNet
	rhF  []dec.Dec
}

// streamCacheMax bounds the quotients oneOutNets keeps (n·F of them, 32
// bytes each: 2 MB at most), so that a large epoch does not allocate the
// table the stream avoids.
const streamCacheMax = 1 << 16

// oneOutPrepare computes, for every one-out-inferer network j', its scale,
// its maximum and the terms that depend on it, and adds the products of the
// inferers j ≠ j' (weights of (22) over R⁻_{j',j} and R⁻_{j',k}, k over
// all forecasters).
func (s *synth) oneOutPrepare() (*oneOutNets, error) {
	e := s.e
	n, nf, nl := len(e.inf), len(e.fc), e.nl
	o := &oneOutNets{nets: make([]oneOutNet, n)}
	if n*nf <= s.streamCache {
		o.rhF = make([]dec.Dec, n*nf)
	}
	accs := make([]dec.Acc, n*nl)
	rr := make([]dec.Dec, 0, n-1+nf)
	for jp := range n {
		net := &o.nets[jp]
		net.num = accs[jp*nl : (jp+1)*nl : (jp+1)*nl]
		row := e.r.ooII.row(jp, e.initial, s.rowI)
		s.rowI = row
		rr = rr[:0]
		for j := range n {
			if j != jp {
				rr = append(rr, row[j])
			}
		}
		frow := e.r.ooIF.row(jp, e.initial, s.rowF)
		s.rowF = frow
		rr = append(rr, frow...)
		// synth.weights over rr, up to the arguments of (22).
		sc, err := s.scale(rr)
		if err != nil {
			return nil, err
		}
		net.div = dec.NewDivisor(sc)
		rh := grow(&s.scratchRH, n-1)
		var m, q dec.Dec
		for i, x := range rr {
			if i > 0 && s.reuse() && x.Identical(rr[i-1]) {
				s.countQuoRepeat() // q is rr[i−1]'s quotient (normalize)
			} else if q, err = s.ctx.QuoBy(x, &net.div); err != nil {
				return nil, err
			}
			if i < n-1 {
				rh[i] = q
			} else if o.rhF != nil {
				o.rhF[jp*nf+i-(n-1)] = q
			}
			if i == 0 || q.Cmp(m) > 0 {
				m = q
			}
		}
		a, err := s.relA(m)
		if err != nil {
			return nil, err
		}
		s.initWeigher(&net.rw, a)
		if s.stats != nil {
			// As relArgs and relWeights count them.
			s.stats.exps += len(rr) + 1
			s.stats.weights += len(rr)
			if net.rw.pos {
				s.stats.exps++
			}
		}
		w, err := s.oneOutWeights(net, rh)
		if err != nil {
			return nil, err
		}
		for i, wi := range w {
			j := i
			if i >= jp {
				j = i + 1
			}
			if err := s.addWeighted(net.num, &net.den, wi, e.x[j]); err != nil {
				return nil, err
			}
		}
	}
	return o, nil
}

// oneOutWeights returns the weights (22) of the normalised regrets rh in
// network net (scratch of s, valid until the next call): the arguments and
// their exponentials first, then the weights, as relArgs and relWeights
// (with their reuse of a repeated regret's arguments and weight).
func (s *synth) oneOutWeights(net *oneOutNet, rh []dec.Dec) ([]dec.Dec, error) {
	bs := grow(&s.scratchB, len(rh))
	ebs := grow(&s.scratchEB, len(rh))
	if err := s.args(rh, bs, ebs); err != nil {
		return nil, err
	}
	w := grow(&s.scratchW, len(rh))
	if err := s.weightsOf(&net.rw, bs, ebs, w); err != nil {
		return nil, err
	}
	return w, nil
}

// streamBlockSize is the number of forecasters whose one-out values
// s.oneOut holds at a time: streamBlock then reads each network's regrets
// R⁻_{j',k} of the block in store order (a sorted store keeps them
// together) rather than one per network and forecaster.
const streamBlockSize = 32

// streamBlock adds the products of the forecasters k0 <= k < k1 to every
// one-out-inferer network; s.oneOut holds their values.
func (s *synth) streamBlock(k0, k1 int) error {
	e, t, o := s.e, &s.oneOut, s.stream
	nf := len(e.fc)
	for jp := range o.nets {
		net := &o.nets[jp]
		var rh []dec.Dec
		if o.rhF != nil {
			rh = o.rhF[jp*nf+k0 : jp*nf+k1]
		} else {
			rh = grow(&s.scratchRH, k1-k0)
			var prev dec.Dec
			for k := k0; k < k1; k++ {
				r := e.r.ooIF.value(jp, k, e.initial)
				if k > k0 && s.reuse() && r.Identical(prev) {
					rh[k-k0] = rh[k-k0-1] // (normalize)
					s.countQuoRepeat()
				} else {
					q, err := s.ctx.QuoBy(r, &net.div)
					if err != nil {
						return err
					}
					rh[k-k0] = q
				}
				prev = r
			}
		}
		w, err := s.oneOutWeights(net, rh)
		if err != nil {
			return err
		}
		for k := k0; k < k1; k++ {
			if err := s.addWeighted(net.num, &net.den, w[k-k0], t.get(k, jp)); err != nil {
				return err
			}
		}
	}
	return nil
}

// oneOutValues returns the one-out-inferer network inferences (26) from
// the streamed sums, eq. (23) per network.
func (s *synth) oneOutValues() ([]loss.VectorValue, error) {
	out := make([]loss.VectorValue, len(s.e.inf))
	for jp := range s.stream.nets {
		net := &s.stream.nets[jp]
		v, err := s.divide(net.num, &net.den, true)
		if err != nil {
			return nil, err
		}
		out[jp] = loss.VectorValue{ID: s.e.inf[jp], Values: s.toVector(v)}
	}
	return out, nil
}
