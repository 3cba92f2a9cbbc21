package weights

import (
	"github.com/netmath/netmath/internal/dec"
)

// without returns el without the element for inferer j (el itself when it
// has none), and the position of that element (-1 when absent).
func without(el []elem, j int, buf *[]elem) ([]elem, int) {
	for i, x := range el {
		if int(x.j) == j {
			out := (*buf)[:0]
			out = append(out, el[:i]...)
			out = append(out, el[i+1:]...)
			*buf = out
			return out, i
		}
	}
	return el, -1
}

// forecastImplied returns forecaster k's forecast-implied inference I_ik
// (excl < 0), or I⁻_{excl,ik}, its recomputation without inferer excl
// (29)/(26). It returns nil when no value results. This is the plain,
// from-scratch evaluation; see incremental.go for the fast path.
//
// With E_k the elements of k for inferers with an inference (11):
//
//	all new (A):  I_ik = Median{I_ij : j ∈ E_k}                       (12)
//	otherwise:    R_ijk = L_{i−1} − L_ijk                               (13)
//	              |E_k| = 1: I_ik = I_ij (weight 1)
//	              else w_ijk from §4 over {R_ijk}, and
//	              I_ik = Σ w·I_ij / Σ w over w ≠ 0, none if Σ w = 0    (14)
//
// The recomputation without j' differs by rule set (§5, (26)):
//   - V6 keeps the withheld element in E_k (the chain filters elements with the full
//     inference map) but gives it no scale, max or weight; so |E_k| counts
//     it, E_k = {j'} yields I_ij' itself, and the all-new median includes it;
//   - Intermediate and Newest strip the element first; a forecast left
//     without elements has no value.
func (s *synth) forecastImplied(k, excl int) ([]dec.Dec, error) {
	el := s.e.fc[k].el
	rest, _ := without(el, excl, &s.scratchEl)
	pool := rest // elements E_k as the rule set counts them
	if s.rule == V6 {
		pool = el
	}
	if len(pool) == 0 {
		return nil, nil
	}
	if s.e.allNew {
		xs := make([][]dec.Dec, len(pool))
		for i, x := range pool {
			xs[i] = s.e.x[x.j]
		}
		return s.median(xs)
	}
	if len(pool) == 1 {
		return s.single(int(pool[0].j))
	}
	r := grow(&s.scratchR, len(rest))
	if cap(s.scratchX) < len(rest) {
		s.scratchX = make([][]dec.Dec, len(rest), 2*len(rest))
	}
	x := s.scratchX[:len(rest)]
	for i, y := range rest {
		r[i] = s.e.loss.Sub(s.e.lossOf(y))
		x[i] = s.e.x[y.j]
	}
	w := grow(&s.scratchW, len(rest))
	if err := s.weights(r, w); err != nil {
		return nil, err
	}
	num, den, err := s.weightedSums(w, x)
	if err != nil {
		return nil, err
	}
	return s.divide(num, den, false)
}

// single is (14) with one participant of weight 1: Σ 1·x / 1, which is x
// rounded to the context.
func (s *synth) single(j int) ([]dec.Dec, error) {
	one := dec.One()
	num, den, err := s.weightedSums([]dec.Dec{one}, [][]dec.Dec{s.e.x[j]})
	if err != nil {
		return nil, err
	}
	return s.divide(num, den, false)
}
