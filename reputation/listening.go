package reputation

// The fast evaluation of the listening-coefficient ascent (§6.4). It returns
// exactly the values of listeningDirect (consensus_direct.go), which
// transcribes the reference; the differences are only in what is computed
// once instead of many times, which never changes a rounded value:
//
//  1. The reference evaluates Φ(a) (the unperturbed scores) once per
//     reputer l inside each iteration; it is the same value every time, so
//     it is evaluated once per iteration: R+1 instead of 2R consensus
//     evaluations.
//  2. The adjusted stakes of a perturbed evaluation a + δe_l differ from
//     the base only through a_l: the products a_n·S_n and (N·a_n)·S_n of
//     every n ≠ l are reused, and Σ_n a_n·S_n is updated by replacing one
//     exact term (exact sums do not depend on the order of their terms).
//  3. A reputer whose adjusted stake is exactly 1 (clamped by (6.1)) has the
//     products x_mc·Ŝ_m = x_mc rounded, computed once per call.
//  4. Coordinates reported by the same reputers share the divisor ΣŜ of
//     (6.2), computed once per evaluation and pattern.
//  5. The substitute value (6.3) depends only on the consensus and on the
//     reported values: V6's "largest x̄_c − x_mc above −1" is the first
//     smallest reported value unless x̄_c − min ≤ −1 (then 0), and NEWEST's
//     "largest |x̄_c − x_mc|" is the first of the smallest and the largest
//     values with the larger distance; both extremes and their first
//     positions are found once per call, so each evaluation costs O(1) per
//     coordinate instead of O(R).
//  6. The R·K products, quotients and squares of an evaluation use the
//     fixed-width kernel of fx.go, whose truncating operations equal the
//     decimal core's (fx_test.go); an evaluation whose numbers do not fit the
//     kernel (or a context the kernel does not implement) is redone with the
//     direct evaluation.
//
// The cost of an iteration remains R+1 evaluations of R·K terms: every
// perturbation changes every unclamped adjusted stake and the shared
// divisor, hence every truncated term of every coordinate, and each of those
// truncations can change the final rounded values, so no evaluation can
// reuse another's terms (doc.go, "Performance").

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// listening runs the ascent of §6.4 with the fast evaluation.
func listening(cp params, in *gdInput) (gdResult, error) {
	e := newEngine(cp, in)
	R := len(in.x)
	coefs := append([]dec.Dec(nil), in.a0...)
	old := make([]dec.Dec, R)
	grad := make([]dec.Dec, R)
	var res gdResult
	maxGrad := dec.One()
	it, passes := 0, 0
	for maxGrad.Cmp(cp.gThr) >= 0 && it < cp.maxIters {
		passes++
		copy(old, coefs)
		st, err := e.stakes(coefs)
		if err != nil {
			return gdResult{}, err
		}
		scores, err := e.scores(st.shat, coefs)
		if err != nil {
			return gdResult{}, err
		}
		phi, err := weightedSum(cp.ctx, scores, in.stakes)
		if err != nil {
			return gdResult{}, wrapArith("Φ (6.4)", err)
		}
		for l := range coefs {
			step := decStep
			if coefs[l].Equal(dec.One()) {
				step = decStepNeg
			}
			pert := coefs[l].Add(step)
			shat, err := e.perturbedStakes(st, l, pert)
			if err != nil {
				return gdResult{}, err
			}
			saved := coefs[l]
			coefs[l] = pert
			scores2, err := e.scores(shat, coefs)
			coefs[l] = saved
			if err != nil {
				return gdResult{}, err
			}
			phi2, err := weightedSum(cp.ctx, scores2, in.stakes)
			if err != nil {
				return gdResult{}, wrapArith("Φ (6.4)", err)
			}
			r, err := cp.ctx.Quo(phi, phi2)
			if err != nil {
				return gdResult{}, wrapArith("gradient (6.4)", err)
			}
			if grad[l], err = cp.ctx.Quo(dec.One().Sub(r), step); err != nil {
				return gdResult{}, wrapArith("gradient (6.4)", err)
			}
		}
		res.scores, res.adjusted = scores, st.shat
		next, err := ascentStep(cp, coefs, old, grad, in.stakes)
		if err != nil {
			return gdResult{}, err
		}
		coefs, maxGrad, it = next.coefs, next.maxGrad, next.it(it)
	}
	res.coefs, res.iters = coefs, passes
	return res, nil
}

// engine holds what one call's evaluations share.
type engine struct {
	cp     params
	in     *gdInput
	R, K   int
	digits int
	n      dec.Dec // N_r
	sumS   dec.Dec

	kernel bool        // the fixed-width kernel applies
	x      [][]fx      // x[m][c]
	p1     [][]fx      // x[m][c] truncated to digits (the product x·1)
	pat    []int       // coordinate → presence pattern
	pats   [][]int     // pattern → reporting reputers
	minIdx []int32     // coordinate → first reputer with the smallest value (−1: none)
	maxIdx []int32     // coordinate → first reputer with the largest value
	rows   [][]fx      // scratch: products x·Ŝ of unclamped reputers
	xbar   []fx        // scratch: consensus
	divs   []fxDivisor // scratch: ΣŜ per pattern, prepared
	nxbar  []fx        // scratch: −x̄
	prow   [][]fx      // scratch: the product row used per reputer
	sh     []fx        // scratch: adjusted stakes
	dist   []dec.Dec
}

func newEngine(cp params, in *gdInput) *engine {
	R, K := len(in.x), len(in.x[0])
	e := &engine{cp: cp, in: in, R: R, K: K, digits: cp.ctx.Digits(), n: dec.FromInt64(int64(R)), sumS: dec.Sum(in.stakes)}
	e.kernel = cp.ctx.Rounding() == dec.RoundDown && e.digits <= 38
	if !e.kernel {
		return e
	}
	e.x = make([][]fx, R)
	e.p1 = make([][]fx, R)
	for m := range in.x {
		e.x[m] = make([]fx, K)
		e.p1[m] = make([]fx, K)
		for c, v := range in.x[m] {
			x, ok := fxFromDec(v)
			if !ok {
				e.kernel = false
				return e
			}
			if !in.present[m][c] {
				x = fx{}
			}
			e.x[m][c] = x
			one := fx{c: [fxLimbs]uint64{1}}
			if e.p1[m][c], ok = fxMul(&x, &one, e.digits); !ok {
				e.kernel = false
				return e
			}
		}
	}
	// Presence patterns and the extremes of every coordinate.
	key := make([]byte, R)
	patOf := map[string]int{}
	e.pat = make([]int, K)
	e.minIdx = make([]int32, K)
	e.maxIdx = make([]int32, K)
	for c := 0; c < K; c++ {
		lo, hi := int32(-1), int32(-1)
		for m := 0; m < R; m++ {
			key[m] = 0
			if !in.present[m][c] {
				continue
			}
			key[m] = 1
			if lo < 0 || fxCmp(&e.x[m][c], &e.x[lo][c]) < 0 {
				lo = int32(m)
			}
			if hi < 0 || fxCmp(&e.x[m][c], &e.x[hi][c]) > 0 {
				hi = int32(m)
			}
		}
		e.minIdx[c], e.maxIdx[c] = lo, hi
		id, ok := patOf[string(key)]
		if !ok {
			id = len(e.pats)
			patOf[string(key)] = id
			var members []int
			for m := 0; m < R; m++ {
				if key[m] == 1 {
					members = append(members, m)
				}
			}
			e.pats = append(e.pats, members)
		}
		e.pat[c] = id
	}
	e.rows = make([][]fx, R)
	for m := range e.rows {
		e.rows[m] = make([]fx, K)
	}
	e.prow = make([][]fx, R)
	e.sh = make([]fx, R)
	e.xbar = make([]fx, K)
	e.divs = make([]fxDivisor, len(e.pats))
	e.nxbar = make([]fx, K)
	e.dist = make([]dec.Dec, R)
	return e
}

// stakeState is the adjusted stakes (6.1) at the base coefficients of an
// iteration with the products a perturbation reuses.
type stakeState struct {
	shat  []dec.Dec // Ŝ_m
	terms []dec.Dec // a_m·S_m (rounded)
	numer []dec.Dec // (N·a_m)·S_m (rounded twice)
	den   dec.Dec   // Σ terms (exact)
}

func (e *engine) stakes(a []dec.Dec) (stakeState, error) {
	m := dec.NewCalc(e.cp.ctx)
	st := stakeState{terms: make([]dec.Dec, e.R), numer: make([]dec.Dec, e.R), shat: make([]dec.Dec, e.R)}
	for i := range a {
		st.terms[i] = m.Mul(a[i], e.in.stakes[i])
		st.den = st.den.Add(st.terms[i])
	}
	if err := m.Err(); err != nil {
		return stakeState{}, wrapArith("adjusted stake (6.1)", err)
	}
	if st.den.IsZero() {
		return stakeState{}, fmt.Errorf("%w: Σ a·S = 0 (6.1)", ErrZeroListenedStake)
	}
	for i := range a {
		st.numer[i] = m.Mul(m.Mul(e.n, a[i]), e.in.stakes[i])
		st.shat[i] = dec.Min(m.Quo(st.numer[i], st.den), dec.One())
	}
	if err := m.Err(); err != nil {
		return stakeState{}, wrapArith("adjusted stake (6.1)", err)
	}
	return st, nil
}

// perturbedStakes returns the adjusted stakes at the base coefficients with
// a_l replaced by al.
func (e *engine) perturbedStakes(st stakeState, l int, al dec.Dec) ([]dec.Dec, error) {
	m := dec.NewCalc(e.cp.ctx)
	term := m.Mul(al, e.in.stakes[l])
	numer := m.Mul(m.Mul(e.n, al), e.in.stakes[l])
	if err := m.Err(); err != nil {
		return nil, wrapArith("adjusted stake (6.1)", err)
	}
	den := st.den.Sub(st.terms[l]).Add(term)
	if den.IsZero() {
		return nil, fmt.Errorf("%w: Σ a·S = 0 (6.1)", ErrZeroListenedStake)
	}
	shat := make([]dec.Dec, e.R)
	for i := range shat {
		num := st.numer[i]
		if i == l {
			num = numer
		}
		shat[i] = dec.Min(m.Quo(num, den), dec.One())
	}
	if err := m.Err(); err != nil {
		return nil, wrapArith("adjusted stake (6.1)", err)
	}
	return shat, nil
}

// scores returns every reputer's consensus score (6.4)-(6.6) for the
// adjusted stakes shat (at coefficients a, used only by the fallback). Any
// evaluation the kernel does not complete, errors included, is redone by the
// direct evaluation, so errors are the reference's, in its order.
func (e *engine) scores(shat, a []dec.Dec) ([]dec.Dec, error) {
	if e.kernel {
		if s, ok, err := e.scoresKernel(shat); ok && err == nil {
			return s, nil
		}
	}
	s, _, err := allScoresDirect(e.cp, e.in, a)
	return s, err
}

// scoresKernel evaluates (6.2)-(6.6) with the kernel; ok is false when a
// number does not fit it or the evaluation fails.
func (e *engine) scoresKernel(shat []dec.Dec) (scores []dec.Dec, ok bool, err error) {
	p := e.digits
	one := fx{c: [fxLimbs]uint64{1}}
	// Products x·Ŝ (6.2); clamped reputers reuse x·1.
	sh := e.sh
	for m := 0; m < e.R; m++ {
		if sh[m], ok = fxFromDec(shat[m]); !ok {
			return nil, false, nil
		}
		if fxCmp(&sh[m], &one) == 0 {
			e.prow[m] = e.p1[m]
			continue
		}
		row, xr, s := e.rows[m], e.x[m], &sh[m]
		for c := range row {
			if !fxMulTo(&row[c], &xr[c], s, p) {
				return nil, false, nil
			}
		}
		e.prow[m] = row
	}
	// Divisors ΣŜ per pattern.
	for id, members := range e.pats {
		var t fx
		for _, m := range members {
			if !fxAddTo(&t, &t, &sh[m]) {
				return nil, false, nil
			}
		}
		if len(members) == 0 {
			continue
		}
		if t.isZero() {
			return nil, false, fmt.Errorf("%w: a coordinate's reporters have zero adjusted stake", ErrZeroConsensusWeight)
		}
		if e.divs[id], ok = newFxDivisor(&t, p); !ok {
			return nil, false, nil
		}
	}
	// Consensus x̄_c = Σ_m trunc(trunc(x·Ŝ)/ΣŜ) (exact sum, any order).
	xbar := e.xbar
	clear(xbar)
	var q fx
	for m := 0; m < e.R; m++ {
		row, pres := e.prow[m], e.in.present[m]
		for c := range xbar {
			if !pres[c] {
				continue
			}
			if !e.divs[e.pat[c]].quo(&q, &row[c]) || !fxAddTo(&xbar[c], &xbar[c], &q) {
				return nil, false, nil
			}
		}
	}
	// Norm (6.4).
	var ss, sq fx
	for c := range xbar {
		if !fxMulTo(&sq, &xbar[c], &xbar[c], p) || !fxAddTo(&ss, &ss, &sq) {
			return nil, false, nil
		}
	}
	ssd, cerr := fxToDecChecked(&ss)
	if cerr != nil {
		return nil, false, nil
	}
	norm, err := sqrtRef(ssd, p)
	if err != nil {
		return nil, false, wrapArith("consensus norm (6.4)", err)
	}
	if norm.IsZero() {
		norm = e.cp.epsSafe
	}
	// Substitutes (6.3) and distances (6.5).
	nxbar := e.nxbar
	for c := range xbar {
		nxbar[c] = fxNeg(xbar[c])
	}
	minusOne := fx{c: [fxLimbs]uint64{1}, neg: true}
	scores = make([]dec.Dec, e.R)
	var diff fx
	for m := 0; m < e.R; m++ {
		xr, pres := e.x[m], e.in.present[m]
		var acc fx
		for c := range xbar {
			v := &xr[c]
			if !pres[c] {
				if v, ok = e.substitute(c, &xbar[c], &minusOne); !ok {
					return nil, false, nil
				}
			}
			if !fxAddTo(&diff, v, &nxbar[c]) || !fxMulTo(&sq, &diff, &diff, p) || !fxAddTo(&acc, &acc, &sq) {
				return nil, false, nil
			}
		}
		d2, cerr := fxToDecChecked(&acc)
		if cerr != nil {
			return nil, false, nil
		}
		if scores[m], err = scoreFromDistance(e.cp, d2, norm); err != nil {
			return nil, false, err
		}
	}
	return scores, true, nil
}

var fxZero fx

// substitute returns d_c (6.3) for the consensus value xb of coordinate c.
func (e *engine) substitute(c int, xb, minusOne *fx) (*fx, bool) {
	lo, hi := e.minIdx[c], e.maxIdx[c]
	if lo < 0 {
		return &fxZero, true
	}
	vmin, vmax := &e.x[lo][c], &e.x[hi][c]
	nmin := fxNeg(*vmin)
	dmin, ok := fxAdd(xb, &nmin) // x̄ − min >= x̄ − x for every x
	if !ok {
		return nil, false
	}
	if !e.cp.newest {
		if fxCmp(&dmin, minusOne) > 0 {
			return vmin, true
		}
		return &fxZero, true
	}
	nmax := fxNeg(*vmax)
	dmax, ok := fxAdd(xb, &nmax)
	if !ok {
		return nil, false
	}
	dmin.neg, dmax.neg = false, false
	switch c := fxCmp(&dmin, &dmax); {
	case c > 0:
		return vmin, true
	case c < 0:
		return vmax, true
	case lo < hi:
		return vmin, true
	}
	return vmax, true
}
