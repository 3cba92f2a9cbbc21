package weights

import (
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/regretmath"
)

// forecastImpliedAll returns every forecaster's forecast-implied inference
// full[k] (11)–(14) and fills s.oneOut with every one-out-inferer
// recomputation I⁻_{j',ik} (26)/(29) (s.oneOut.get(k, j')), k indexing e.fc
// and j' the inferers. nil values mean "no value". When the one-out-inferer
// networks are streamed (s.stream, stream.go), s.oneOut holds one block of
// forecasters at a time, which streamBlock consumes, and the one-out values
// go to the result as each forecaster's are computed.
//
// The plain path evaluates each of the F·(n+1) values from scratch. The fast
// path returns identical values with less work:
//
//   - for j' without an element in k's forecast the recomputation equals the
//     full value (the same elements, regrets and weights), so it is shared;
//
//   - under Intermediate and Newest the one-out recomputations are grouped
//     by their regret scale s_j' (20): the stored s* for every j', or the
//     per-call MAD scale of E_k∖{j'}, which takes only a handful of distinct
//     values (removing one element moves each of the two medians by at most
//     one rank). Within a group the normalised forecasted regrets
//     R̂_ijk = R_ijk/s do not depend on j'. If j' is not the unique maximum
//     of R̂, the maximum M, and with it every remaining weight
//     w = Exp1DivExp1(−p(M−c), −p(R̂−c)), is the same rounded value as in
//     the calculation over all of E_k with that scale; each product w·I_ij
//     is rounded individually and sums are exact, so
//
//     Σ_{j≠j'} w·I_ij = Σ_j w·I_ij − w_j'·I_ij'  and  Σ_{j≠j'} w = Σ_j w − w_j'
//
//     hold exactly and the one rounded quotient gives the from-scratch
//     value bit for bit. Only the withheld unique maximum is recomputed from
//     scratch, once per group; forecasts with fewer than 3 elements, where
//     (14) applies the weight-1 rule after a removal, are recomputed too.
//
// V6 scales every calculation by the standard deviation of its own regrets,
// which differs for every j', so each (k, j') with j' ∈ E_k is recomputed.
//
// On every rule set, a forecast identical to an earlier one takes that
// one's values (duplicate.go).
func (s *synth) forecastImpliedAll() (full [][]dec.Dec, err error) {
	nf, n, nl := len(s.e.fc), len(s.e.inf), s.e.nl
	full = make([][]dec.Dec, nf)
	t := &s.oneOut
	if s.stream != nil {
		// The values of a block of forecasters at a time
		// (streamBlock consumes them): per forecaster the full value
		// and one value per element.
		most := 0
		for k := range s.e.fc {
			most = max(most, len(s.e.fc[k].el))
		}
		blk := min(streamBlockSize, nf)
		*t = oneOutTable{n: n, nl: nl, stream: true, at: make([]int32, blk*n), vals: make([]dec.Dec, 0, blk*(1+most)*nl)}
	} else {
		// The table of the one-out values, sized exactly: per forecaster
		// the full value and one value per element (plain: per inferer).
		size := 0
		for k := range s.e.fc {
			size += 1 + len(s.e.fc[k].el)
			if s.plain {
				size += n - len(s.e.fc[k].el)
			}
		}
		*t = oneOutTable{n: n, nl: nl, at: make([]int32, nf*n), vals: make([]dec.Dec, 0, size*nl)}
	}
	// Every value is copied into the table as soon as it is computed, so
	// the calculations take their result vectors from one scratch buffer.
	s.vecScratch = true
	defer func() { s.vecScratch = false }()
	// Forecasts identical to an earlier one take its values (duplicate.go);
	// on the streamed table, those of a forecaster repeated later are kept
	// for a block that no longer holds them.
	s.dup, s.outAt = s.duplicateForecasts(), nil
	var saved []savedFII
	var repeated []bool // repeated[k]: a later forecast repeats k's
	if s.dup != nil {
		s.outAt = make([][2]int32, nf)
		if t.stream {
			saved, repeated = make([]savedFII, nf), make([]bool, nf)
			for _, d := range s.dup {
				if d >= 0 {
					repeated[d] = true
				}
			}
		}
	}
	inE := make([]bool, n)
	for k := range s.e.fc {
		base := len(t.vals) / nl
		d := s.dupOf(k)
		if d >= 0 {
			var sv *savedFII
			if saved != nil {
				sv = &saved[d]
			}
			t.copyFII(k, d, sv, s.stats)
			full[k] = full[d] // read only
		} else {
			if full[k], err = s.forecastImpliedOne(k, inE); err != nil {
				return nil, err
			}
			if saved != nil && repeated[k] {
				saved[k] = t.saveFII(k, base)
			}
		}
		if t.stream {
			// The table's values are overwritten by the next forecaster.
			if d < 0 && full[k] != nil {
				v := s.decSlab.cut(nl)
				copy(v, full[k])
				full[k] = v
			}
			s.appendOneOut(&s.streamOut.OneOutInfererForecasters, k, full[k])
			if k+1-t.k0 == len(t.at)/n || k+1 == nf {
				if err := s.streamBlock(t.k0, k+1); err != nil {
					return nil, err
				}
				t.k0, t.vals = k+1, t.vals[:0]
			}
		}
	}
	return full, nil
}

// forecastImpliedOne computes forecaster k's full value and its one-out
// values into s.oneOut (forecastImpliedAll); inE is scratch of n booleans.
func (s *synth) forecastImpliedOne(k int, inE []bool) (full []dec.Dec, err error) {
	t := &s.oneOut
	n := len(s.e.inf)
	incremental := !s.plain && !s.e.allNew && s.rule != V6
	mark := len(t.vals)
	if incremental && len(s.e.fc[k].el) >= 3 {
		if full, err = s.incrementalFII(k); err == nil {
			return full, nil
		}
		// The grouping evaluates values no from-scratch calculation
		// needs (the withheld element scaled by another group's
		// scale), which can leave the decimal range; the evaluation
		// from scratch below decides (FuzzSynthesize found one).
		t.vals = t.vals[:mark]
	}
	v, err := s.forecastImplied(k, -1)
	if err != nil {
		return nil, err
	}
	fi := t.add(v)
	full = t.value(fi)
	row := t.row(k)
	clear(inE)
	for _, x := range s.e.fc[k].el {
		inE[x.j] = true
	}
	for j := 0; j < n; j++ {
		if !s.plain && !inE[j] {
			row[j] = fi
			continue
		}
		v, err := s.forecastImplied(k, j)
		if err != nil {
			return nil, err
		}
		row[j] = t.add(v)
	}
	return full, nil
}

// oneOutTable holds the one-out-inferer forecast-implied inferences
// I⁻_{j',ik} (26)/(29) of every forecaster k and inferer j' in one array (a
// forecast of every inferer by every forecaster makes n² of them): at[k·n+j']
// is 0 for no value, otherwise 1 + the position i of the value, the label
// vector vals[i·nl : (i+1)·nl]. The full value of k is in the table too;
// the inferers k does not name share it.
//
// With stream set the table holds the values of the forecasters k0,
// k0+1, ... of one block only (at[(k−k0)·n + j']): see streamBlock.
type oneOutTable struct {
	n, nl  int
	stream bool
	k0     int
	at     []int32
	vals   []dec.Dec
}

// row returns the indices of forecaster k's values, at[k·n : (k+1)·n].
func (t *oneOutTable) row(k int) []int32 {
	if t.stream {
		k -= t.k0
	}
	return t.at[k*t.n : (k+1)*t.n]
}

// add appends the value v (nil: no value) and returns its index for at.
func (t *oneOutTable) add(v []dec.Dec) int32 {
	if v == nil {
		return 0
	}
	t.vals = append(t.vals, v...)
	return int32(len(t.vals) / t.nl)
}

// value returns the value of index i (nil for 0), capped at its length.
func (t *oneOutTable) value(i int32) []dec.Dec {
	if i == 0 {
		return nil
	}
	o := int(i-1) * t.nl
	return t.vals[o : o+t.nl : o+t.nl]
}

// get returns I⁻_{j,ik} (nil: no value).
func (t *oneOutTable) get(k, j int) []dec.Dec { return t.value(t.row(k)[j]) }

// incrementalFII is the Intermediate/Newest fast path of forecastImpliedAll
// for a forecast with at least 3 elements.
func (s *synth) incrementalFII(k int) (full []dec.Dec, err error) {
	el := s.e.fc[k].el
	m := len(el)
	f := &s.fii
	r := grow(&f.r, m)
	for i, y := range el {
		r[i] = s.e.loss.Sub(s.e.lossOf(y))
	}
	// The scale of the full calculation and of each one-out calculation.
	sFull, err := s.scale(r)
	if err != nil {
		return nil, err
	}
	var sPos []dec.Dec
	if s.rule == Newest && s.e.stored.Sign() > 0 {
		sPos = grow(&f.sPos, m)
		for i := range sPos {
			sPos[i] = sFull
		}
	} else if sPos, err = s.oneOutMADScales(r); err != nil {
		return nil, err
	}
	// The distinct scales, the full one first.
	scales := append(f.scales[:0], sFull)
	for _, v := range sPos {
		seen := false
		for _, u := range scales {
			seen = seen || u.Cmp(v) == 0
		}
		if !seen {
			scales = append(scales, v)
		}
	}
	f.scales = scales
	t := &s.oneOut
	row := t.row(k)
	nl := s.e.nl
	rh := grow(&f.rh, m)
	w := grow(&f.w, m)
	bs := grow(&f.b, m)
	ebs := grow(&f.eb, m)
	prod := grow(&f.prod, m*nl) // w_i·x_i[ℓ] at prod[i·nl+ℓ]
	if cap(f.rn) < nl {
		f.rn = make([]dec.Acc, nl)
	}
	rn := f.rn[:nl]
	if cap(f.num) < nl {
		f.num = make([]dec.Acc, nl)
	}
	num := f.num[:nl]
	for g, sc := range scales {
		// The calculation over all of E_k with scale sc.
		div := dec.NewDivisor(sc)
		mx, err := s.quotients(r, rh, &div)
		if err != nil {
			return nil, err
		}
		atMax := 0
		for _, v := range rh {
			if v.Cmp(mx) == 0 {
				atMax++
			}
		}
		a, err := s.relA(mx)
		if err != nil {
			return nil, err
		}
		if err := s.relArgs(rh, bs, ebs); err != nil {
			return nil, err
		}
		if err := s.relWeights(a, bs, ebs, w); err != nil {
			return nil, err
		}
		for l := range num {
			num[l].Reset()
		}
		var den dec.Acc
		for i, y := range el {
			if w[i].IsZero() {
				continue
			}
			for l, v := range s.e.x[y.j] {
				p, err := s.ctx.Mul(w[i], v)
				if err != nil {
					return nil, err
				}
				prod[i*nl+l] = p
				num[l].Add(p)
			}
			den.Add(w[i])
		}
		if g == 0 {
			v, err := s.divide(num, &den, false)
			if err != nil {
				return nil, err
			}
			fi := t.add(v)
			full = t.value(fi)
			for j := range row {
				row[j] = fi // inferers k does not name
			}
		}
		for i, y := range el {
			if sPos[i].Cmp(sc) != 0 {
				continue
			}
			if rh[i].Cmp(mx) < 0 || atMax > 1 {
				// M unchanged: subtract the withheld participant exactly.
				rd := den
				for l := range rn {
					rn[l] = num[l]
					if !w[i].IsZero() {
						rn[l].Sub(prod[i*nl+l])
					}
				}
				if !w[i].IsZero() {
					rd.Sub(w[i])
				}
				v, err := s.divide(rn, &rd, false)
				if err != nil {
					return nil, err
				}
				row[y.j] = t.add(v)
				continue
			}
			// The withheld inferer is the unique maximum: recompute with the
			// maximum of the others. The arguments b and their
			// exponentials do not depend on M: only the terms of the new
			// maximum are computed.
			rb := grow(&s.scratchB, m-1)[:0]
			reb := grow(&s.scratchEB, m-1)[:0]
			xs := s.scratchX[:0]
			var m2 dec.Dec
			for i2, y2 := range el {
				if i2 == i {
					continue
				}
				if len(rb) == 0 || rh[i2].Cmp(m2) > 0 {
					m2 = rh[i2]
				}
				rb = append(rb, bs[i2])
				reb = append(reb, ebs[i2])
				xs = append(xs, s.e.x[y2.j])
			}
			s.scratchX = xs
			a2, err := s.relA(m2)
			if err != nil {
				return nil, err
			}
			w2 := grow(&s.scratchW, len(rb))
			if err := s.relWeights(a2, rb, reb, w2); err != nil {
				return nil, err
			}
			n2, d2, err := s.weightedSums(w2, xs)
			if err != nil {
				return nil, err
			}
			v, err := s.divide(n2, d2, false)
			if err != nil {
				return nil, err
			}
			row[y.j] = t.add(v)
		}
	}
	return full, nil
}

// fiiScratch holds incrementalFII's buffers, reused across forecasters.
type fiiScratch struct {
	r, sPos, scales, rh, w, b, prod []dec.Dec
	eb                              []dec.ExpTerm
	num, rn                         []dec.Acc
}

// oneOutMADScales returns, for every i, the per-call scale (20) of the
// regrets r without r[i], |1.4826·MAD(r∖r_i)| + ε, without sorting m times:
// the median of r∖r_i is read off the sorted r by skipping r_i's rank (it
// takes at most three values, for r_i below, at or above the middle), and
// for each such median the MAD of r∖r_i is read off the sorted deviations
// by skipping r_i's deviation. Each median of an even count is the same
// rounded halving as dec's Median; the factor and ε are applied by
// regretmath.MADScale itself, on {−mad, 0, mad}, whose MAD is exactly mad.
// The fast-path differential tests pin the result to the direct
// computation. O(m log m) for m >= 2.
func (s *synth) oneOutMADScales(r []dec.Dec) ([]dec.Dec, error) {
	m := len(r)
	two := dec.FromInt64(2)
	// sortedIdx returns the indices of v in ascending value order and the
	// rank of each index.
	sortedIdx := func(v []dec.Dec) (vals []dec.Dec, rank []int) {
		ord := make([]int, m)
		for i := range ord {
			ord[i] = i
		}
		slices.SortStableFunc(ord, func(a, b int) int { return v[a].Cmp(v[b]) })
		vals, rank = make([]dec.Dec, m), make([]int, m)
		for pos, i := range ord {
			vals[pos], rank[i] = v[i], pos
		}
		return vals, rank
	}
	// medianSkip is the median of sorted without position skip.
	medianSkip := func(sorted []dec.Dec, skip int) (dec.Dec, error) {
		n := len(sorted) - 1
		at := func(t int) dec.Dec {
			if t < skip {
				return sorted[t]
			}
			return sorted[t+1]
		}
		if n%2 == 1 {
			return at(n / 2), nil
		}
		return s.ctx.Quo(at(n/2-1).Add(at(n/2)), two)
	}
	vals, rank := sortedIdx(r)
	meds := make([]dec.Dec, m)
	for i := range r {
		var err error
		if meds[i], err = medianSkip(vals, rank[i]); err != nil {
			return nil, err
		}
	}
	out := make([]dec.Dec, m)
	done := make([]bool, m)
	dev := make([]dec.Dec, m)
	for i := range r {
		if done[i] {
			continue
		}
		med := meds[i]
		for j, x := range r {
			dev[j] = x.Sub(med).Abs()
		}
		dvals, drank := sortedIdx(dev)
		for i2 := i; i2 < m; i2++ {
			if done[i2] || meds[i2].Cmp(med) != 0 {
				continue
			}
			mad, err := medianSkip(dvals, drank[i2])
			if err != nil {
				return nil, err
			}
			if out[i2], err = regretmath.MADScale(s.ctx, []dec.Dec{mad.Neg(), {}, mad}, s.eps); err != nil {
				return nil, err
			}
			done[i2] = true
		}
	}
	return out, nil
}
