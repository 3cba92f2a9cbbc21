package weights

import (
	"github.com/netmath/netmath/internal/dec"
)

// forecastImpliedAll returns every forecaster's forecast-implied inference
// full[k] (11)–(14) and every one-out-inferer recomputation out[k][j']
// (26)/(29), k indexing e.fc and j' the inferers. nil entries mean "no
// value".
//
// The plain path evaluates each of the F·(n+1) values from scratch. The fast
// path returns identical values with less work:
//
//   - for j' without an element in k's forecast the recomputation equals the
//     full value (the same elements, regrets and weights), so it is shared;
//
//   - under Newest with a stored scale s* > 0 the normalised forecasted
//     regrets R̂_ijk = R_ijk/s* do not depend on which inferer is withheld.
//     If j' is not the unique maximum of R̂, the maximum M, and with it
//     every remaining weight w = Exp1DivExp1(−p(M−c), −p(R̂−c)), is the same
//     rounded value as in the full calculation; each product w·I_ij is
//     rounded individually and sums are exact, so
//
//     Σ_{j≠j'} w·I_ij = Σ_j w·I_ij − w_j'·I_ij'  and  Σ_{j≠j'} w = Σ_j w − w_j'
//
//     hold exactly and the one rounded quotient gives the from-scratch
//     value bit for bit. Only the withheld unique maximum changes M and is
//     recomputed from scratch (one O(|E_k|) pass per forecaster), as are
//     the single-element cases, which (14) treats by the weight-1 rule.
//
// V6 and Intermediate rescale every calculation by the spread of its own
// regrets, so each (k, j') with j' ∈ E_k is recomputed from scratch.
func (s *synth) forecastImpliedAll(withOneOut bool) (full [][]dec.Dec, out [][][]dec.Dec, err error) {
	nf, n := len(s.e.fc), len(s.e.inf)
	full = make([][]dec.Dec, nf)
	if withOneOut {
		out = make([][][]dec.Dec, nf)
	}
	incremental := !s.plain && !s.e.allNew && s.rule == Newest && s.e.stored.Sign() > 0
	for k := range s.e.fc {
		if incremental && withOneOut && len(s.e.fc[k].el) >= 3 {
			if full[k], out[k], err = s.incrementalFII(k); err != nil {
				return nil, nil, err
			}
			continue
		}
		if full[k], err = s.forecastImplied(k, -1); err != nil {
			return nil, nil, err
		}
		if !withOneOut {
			continue
		}
		out[k] = make([][]dec.Dec, n)
		inE := make([]bool, n)
		for _, x := range s.e.fc[k].el {
			inE[x.j] = true
		}
		for j := 0; j < n; j++ {
			if !s.plain && !inE[j] {
				out[k][j] = full[k]
				continue
			}
			if out[k][j], err = s.forecastImplied(k, j); err != nil {
				return nil, nil, err
			}
		}
	}
	return full, out, nil
}

// incrementalFII is the Newest stored-scale fast path of forecastImpliedAll
// for a forecast with at least 3 elements.
func (s *synth) incrementalFII(k int) (full []dec.Dec, out [][]dec.Dec, err error) {
	el := s.e.fc[k].el
	n, m := len(s.e.inf), len(el)
	rh := make([]dec.Dec, m)
	r := make([]dec.Dec, m)
	for i, y := range el {
		r[i] = s.e.loss.Sub(y.loss)
	}
	mx, err := s.normalize(r, rh)
	if err != nil {
		return nil, nil, err
	}
	atMax := 0
	for _, v := range rh {
		if v.Cmp(mx) == 0 {
			atMax++
		}
	}
	w := make([]dec.Dec, m)
	if err := s.weightsNormalized(rh, mx, w); err != nil {
		return nil, nil, err
	}
	// Products w_i·x_i[ℓ], kept for the subtraction.
	prod := make([][]dec.Dec, m)
	num := make([]dec.Dec, s.e.nl)
	var den dec.Dec
	for i, y := range el {
		if w[i].IsZero() {
			continue
		}
		prod[i] = make([]dec.Dec, s.e.nl)
		for l, v := range s.e.x[y.j] {
			if prod[i][l], err = s.ctx.Mul(w[i], v); err != nil {
				return nil, nil, err
			}
			num[l] = num[l].Add(prod[i][l])
		}
		den = den.Add(w[i])
	}
	if full, err = s.divide(num, den, false); err != nil {
		return nil, nil, err
	}
	out = make([][]dec.Dec, n)
	for j := range out {
		out[j] = full
	}
	for i, y := range el {
		if rh[i].Cmp(mx) < 0 || atMax > 1 {
			// M unchanged: subtract the withheld participant exactly.
			rn := num
			rd := den
			if prod[i] != nil {
				rn = make([]dec.Dec, s.e.nl)
				for l := range rn {
					rn[l] = num[l].Sub(prod[i][l])
				}
				rd = den.Sub(w[i])
			}
			if out[y.j], err = s.divide(rn, rd, false); err != nil {
				return nil, nil, err
			}
			continue
		}
		// The withheld inferer is the unique maximum: recompute.
		rest := make([]dec.Dec, 0, m-1)
		xs := make([][]dec.Dec, 0, m-1)
		var m2 dec.Dec
		for i2, y2 := range el {
			if i2 == i {
				continue
			}
			if len(rest) == 0 || rh[i2].Cmp(m2) > 0 {
				m2 = rh[i2]
			}
			rest = append(rest, rh[i2])
			xs = append(xs, s.e.x[y2.j])
		}
		w2 := make([]dec.Dec, len(rest))
		if err := s.weightsNormalized(rest, m2, w2); err != nil {
			return nil, nil, err
		}
		n2, d2, err := s.weightedSums(w2, xs)
		if err != nil {
			return nil, nil, err
		}
		if out[y.j], err = s.divide(n2, d2, false); err != nil {
			return nil, nil, err
		}
	}
	return full, out, nil
}
