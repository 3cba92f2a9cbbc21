package sim

import (
	"crypto/sha256"
	"hash"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards/settle"
)

// epochStats are the per-epoch numbers the summary needs.
type epochStats struct {
	net, naive dec.Dec
	// worker holds the true loss of each worker: inferers, then
	// forecasters (forecast-implied inference); has marks the present ones.
	worker    []dec.Dec
	has       []bool
	inferer   []dec.Dec // the inferers' part of worker
	bestID    string
	bestLoss  dec.Dec
	listening dec.Dec
}

// accumulator gathers the statistics of a run.
type accumulator struct {
	N, F, R   int
	adversary int // index of the first non-honest reputer, −1 if none
	// epochs holds the statistics of the epochs after warm-up.
	epochs []epochStats
	// Rewards (payouts, base units) per actor over the settlements after
	// warm-up, and over the whole run.
	reward, rewardAll [3][]dec.Dec
	// Reputers' absolute deviation from the true losses (inferer entries),
	// summed over the settlements after warm-up, and the number of terms.
	dev  []dec.Dec
	devN []int64
	// listening sums the adversary's listening coefficient after warm-up.
	listening dec.Dec
	// digest hashes the settle.Digest of every epoch, in order.
	digest   hash.Hash
	nDigests int
}

const (
	classInferer = iota
	classForecaster
	classReputer
)

func (a *accumulator) init(s *Sim) {
	a.N, a.F, a.R = len(s.sc.Inferers), len(s.sc.Forecasters), len(s.sc.Reputers)
	a.adversary = -1
	for m, r := range s.sc.Reputers {
		if r.Kind != ReportHonest {
			a.adversary = m
			break
		}
	}
	for c, n := range []int{a.N, a.F, a.R} {
		a.reward[c] = make([]dec.Dec, n)
		a.rewardAll[c] = make([]dec.Dec, n)
	}
	a.digest = sha256.New()
	a.dev = make([]dec.Dec, a.R)
	a.devN = make([]int64, a.R)
}

// index maps the ids of a value list.
func index(vs []loss.Value) map[string]dec.Dec {
	m := make(map[string]dec.Dec, len(vs))
	for _, v := range vs {
		if d, err := dec.FromDecimal(v.Value); err == nil {
			m[v.ID] = d
		}
	}
	return m
}

// add records a settled epoch: p its inputs, res its result, trueB the true
// grade of its network inferences.
func (a *accumulator) add(s *Sim, p *pending, res settle.Result, trueB loss.Bundle) (epochStats, error) {
	var st epochStats
	var err error
	if st.net, err = dec.FromDecimal(trueB.Combined); err != nil {
		return st, err
	}
	if st.naive, err = dec.FromDecimal(trueB.Naive); err != nil {
		return st, err
	}
	inf, fc := index(trueB.Inferers), index(trueB.Forecasters)
	st.worker = make([]dec.Dec, a.N+a.F)
	st.has = make([]bool, a.N+a.F)
	for w := range a.N + a.F {
		id := s.codec.WorkerID(w)
		v, ok := inf[id]
		if w >= a.N {
			v, ok = fc[id]
		}
		st.worker[w], st.has[w] = v, ok
		if ok && (st.bestID == "" || v.Cmp(st.bestLoss) < 0) {
			st.bestID, st.bestLoss = id, v
		}
	}
	st.inferer = st.worker[:a.N]
	st.listening = dec.One()
	if a.adversary >= 0 {
		if v, ok := index(res.State.Listening)[s.codec.ReputerID(a.adversary)]; ok {
			st.listening = v
		}
	}
	after := p.in.Epoch > int64(s.sc.Warmup)
	if set := res.Settlement; set != nil {
		d := set.Distribution
		for c, pay := range [][]loss.Value{d.Inferers.Payouts, d.Forecasters.Payouts, d.Reputers.Payouts} {
			m := index(pay)
			for i := range a.reward[c] {
				var id string
				switch c {
				case classInferer:
					id = s.codec.InfererID(i)
				case classForecaster:
					id = s.codec.ForecasterID(i)
				default:
					id = s.codec.ReputerID(i)
				}
				v := m[id]
				a.rewardAll[c][i] = a.rewardAll[c][i].Add(v)
				if after {
					a.reward[c][i] = a.reward[c][i].Add(v)
				}
			}
		}
	}
	if after && s.prevTrue != nil {
		truth := index(s.prevTrue.Inferers)
		for m, r := range p.in.Reports {
			for _, v := range r.Losses.Inferers {
				x, err := dec.FromDecimal(v.Value)
				if err != nil {
					return st, err
				}
				a.dev[m] = a.dev[m].Add(x.Sub(truth[v.ID]).Abs())
				a.devN[m]++
			}
		}
	}
	if after {
		a.epochs = append(a.epochs, st)
		a.listening = a.listening.Add(st.listening)
	}
	return st, nil
}
