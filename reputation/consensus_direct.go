package reputation

// The straightforward evaluation of §6: a line-by-line transcription of the
// reference's GetAllReputersOutput, GetAllConsensusScores,
// GetAdjustedStake, GetStakeWeightedLossMatrix and GetConsensusScore,
// including their redundant recomputations (2R consensus evaluations per
// iteration). It is the specification of the fast path in listening.go,
// which must return bit-identical results (TestListeningFastMatchesDirect).

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// gdInput is the input of the listening-coefficient ascent.
type gdInput struct {
	x       [][]dec.Dec // x[m][c]
	present [][]bool    // present[m][c]
	stakes  []dec.Dec   // S_m
	a0      []dec.Dec   // a_m^(0)
}

// gdResult is the output of the ascent.
type gdResult struct {
	scores   []dec.Dec // T_m at the start of the last executed iteration (6.7)
	coefs    []dec.Dec // final a_m
	adjusted []dec.Dec // Ŝ_m at the start of the last executed iteration
	iters    int       // executed iterations
}

var (
	decStep    = dec.New(1, -3)  // δ = 0.001
	decStepNeg = dec.New(-1, -3) // −δ
	decMinus1  = dec.FromInt64(-1)
)

// adjustedStakesDirect is (6.1): Ŝ_m = min(N·a_m·S_m / Σ_n a_n·S_n, 1), with
// N·a_m, (N·a_m)·S_m, each a_n·S_n and the quotient rounded; the sum exact.
func adjustedStakesDirect(cp params, stakes, a []dec.Dec) ([]dec.Dec, error) {
	m := dec.NewCalc(cp.ctx)
	var den dec.Dec
	for i := range a {
		den = den.Add(m.Mul(a[i], stakes[i]))
	}
	if err := m.Err(); err != nil {
		return nil, wrapArith("adjusted stake (6.1)", err)
	}
	if den.IsZero() {
		return nil, fmt.Errorf("%w: Σ a·S = 0 (6.1)", ErrZeroListenedStake)
	}
	n := dec.FromInt64(int64(len(a)))
	out := make([]dec.Dec, len(a))
	for i := range a {
		f := m.Quo(m.Mul(m.Mul(n, a[i]), stakes[i]), den)
		out[i] = dec.Min(f, dec.One())
	}
	if err := m.Err(); err != nil {
		return nil, wrapArith("adjusted stake (6.1)", err)
	}
	return out, nil
}

// consensusDirect is (6.2) and the substitute values (6.3): for every
// coordinate c, x̄_c = Σ_{m present} (x_mc·Ŝ_m)/ΣŜ, each term rounded twice
// (Mul then Quo) and summed exactly in reputer order, and d_c the value of
// the first reputer with the largest x̄_c − x_mc above −1 (V6) or the first
// with the largest |x̄_c − x_mc| (NEWEST).
func consensusDirect(cp params, shat []dec.Dec, x [][]dec.Dec, present [][]bool) (cons, distant []dec.Dec, err error) {
	K := len(x[0])
	cons = make([]dec.Dec, K)
	distant = make([]dec.Dec, K)
	m := dec.NewCalc(cp.ctx)
	for c := 0; c < K; c++ {
		var total dec.Dec
		for i := range x {
			if present[i][c] {
				total = total.Add(shat[i])
			}
		}
		var sum dec.Dec
		any := false
		for i := range x {
			if !present[i][c] {
				continue
			}
			any = true
			if total.IsZero() {
				return nil, nil, fmt.Errorf("%w: coordinate %d", ErrZeroConsensusWeight, c)
			}
			sum = sum.Add(m.Quo(m.Mul(x[i][c], shat[i]), total))
		}
		if err := m.Err(); err != nil {
			return nil, nil, wrapArith("consensus (6.2)", err)
		}
		cons[c] = sum
		if !any {
			continue
		}
		if cp.newest {
			var maxD dec.Dec
			found := false
			for i := range x {
				if !present[i][c] {
					continue
				}
				d := sum.Sub(x[i][c]).Abs()
				if !found || d.Cmp(maxD) > 0 {
					maxD, distant[c], found = d, x[i][c], true
				}
			}
		} else {
			maxD := decMinus1
			for i := range x {
				if !present[i][c] {
					continue
				}
				if d := sum.Sub(x[i][c]); d.Cmp(maxD) > 0 {
					maxD, distant[c] = d, x[i][c]
				}
			}
		}
	}
	return cons, distant, nil
}

// consensusNorm is (6.4): sqrt(Σ_c x̄_c²) (each square rounded, the sum
// exact, the root as the reference's Sqrt), or ε_safe when it is 0.
func consensusNorm(cp params, cons []dec.Dec) (dec.Dec, error) {
	m := dec.NewCalc(cp.ctx)
	var ss dec.Dec
	for _, v := range cons {
		ss = ss.Add(m.Mul(v, v))
	}
	if err := m.Err(); err != nil {
		return dec.Dec{}, wrapArith("consensus norm (6.4)", err)
	}
	norm, err := sqrtRef(ss, cp.ctx.Digits())
	if err != nil {
		return dec.Dec{}, wrapArith("consensus norm (6.4)", err)
	}
	if norm.IsZero() {
		return cp.epsSafe, nil
	}
	return norm, nil
}

// scoreFromDistance is (6.6) given D_m² (the exact sum of rounded squares):
// T = 1 / (sqrt(D²)/‖x̄‖ + ε_R).
func scoreFromDistance(cp params, dist2, norm dec.Dec) (dec.Dec, error) {
	d, err := sqrtRef(dist2, cp.ctx.Digits())
	if err != nil {
		return dec.Dec{}, wrapArith("distance (6.5)", err)
	}
	q, err := cp.ctx.Quo(d, norm)
	if err != nil {
		return dec.Dec{}, wrapArith("score (6.6)", err)
	}
	t, err := cp.ctx.Quo(dec.One(), q.Add(cp.epsR))
	if err != nil {
		return dec.Dec{}, wrapArith("score (6.6)", err)
	}
	return t, nil
}

// allScoresDirect is the reference's GetAllConsensusScores: adjusted
// stakes, consensus and every reputer's score (6.5)-(6.6).
func allScoresDirect(cp params, in *gdInput, a []dec.Dec) (scores, shat []dec.Dec, err error) {
	shat, err = adjustedStakesDirect(cp, in.stakes, a)
	if err != nil {
		return nil, nil, err
	}
	cons, distant, err := consensusDirect(cp, shat, in.x, in.present)
	if err != nil {
		return nil, nil, err
	}
	norm, err := consensusNorm(cp, cons)
	if err != nil {
		return nil, nil, err
	}
	m := dec.NewCalc(cp.ctx)
	scores = make([]dec.Dec, len(in.x))
	for i, row := range in.x {
		var d2 dec.Dec
		for c, v := range row {
			if !in.present[i][c] {
				v = distant[c]
			}
			d := v.Sub(cons[c])
			d2 = d2.Add(m.Mul(d, d))
		}
		if err := m.Err(); err != nil {
			return nil, nil, wrapArith("distance (6.5)", err)
		}
		if scores[i], err = scoreFromDistance(cp, d2, norm); err != nil {
			return nil, nil, err
		}
	}
	return scores, shat, nil
}

// weightedSum is Σ_m w_m·v_m with each product rounded and the sum exact
// (the reference's sumWeighted).
func weightedSum(ctx dec.Context, w, v []dec.Dec) (dec.Dec, error) {
	m := dec.NewCalc(ctx)
	var s dec.Dec
	for i := range w {
		s = s.Add(m.Mul(w[i], v[i]))
	}
	return m.Result(s)
}

// listeningDirect is the reference's GetAllReputersOutput (§6.4), evaluated
// exactly as the reference does (2R consensus evaluations per iteration).
func listeningDirect(cp params, in *gdInput) (gdResult, error) {
	R := len(in.x)
	coefs := append([]dec.Dec(nil), in.a0...)
	old := make([]dec.Dec, R)
	var res gdResult
	maxGrad := dec.One()
	it, passes := 0, 0
	for maxGrad.Cmp(cp.gThr) >= 0 && it < cp.maxIters {
		passes++
		copy(old, coefs)
		grad := make([]dec.Dec, R)
		for l := range coefs {
			step := decStep
			if coefs[l].Equal(dec.One()) {
				step = decStepNeg
			}
			scores, shat, err := allScoresDirect(cp, in, coefs)
			if err != nil {
				return gdResult{}, err
			}
			pert := append([]dec.Dec(nil), coefs...)
			pert[l] = pert[l].Add(step)
			scores2, _, err := allScoresDirect(cp, in, pert)
			if err != nil {
				return gdResult{}, err
			}
			phi, err := weightedSum(cp.ctx, scores, in.stakes)
			if err != nil {
				return gdResult{}, wrapArith("Φ (6.4)", err)
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
			res.scores, res.adjusted = scores, shat
		}
		next, err := ascentStep(cp, coefs, old, grad, in.stakes)
		if err != nil {
			return gdResult{}, err
		}
		coefs, maxGrad, it = next.coefs, next.maxGrad, next.it(it)
	}
	res.coefs, res.iters = coefs, passes
	return res, nil
}

// stepResult is the outcome of one ascent step.
type stepResult struct {
	coefs   []dec.Dec
	maxGrad dec.Dec
	stop    bool // φ_new == φ_old below φ_min: the reference sets it = I_max
	maxIter int
}

// it returns the iteration counter after the step (the reference's i++,
// after i = I_max when stop).
func (s stepResult) it(cur int) int {
	if s.stop {
		return s.maxIter + 1
	}
	return cur + 1
}

// ascentStep applies the coefficient update of §6.4 to the gradient g:
// a' = clamp_[0,1](a + η·g) (product rounded, sum exact), the listened
// stake fractions φ = Σ a·S / ΣS (products and quotient rounded), the
// min-listened-stake fix-up a_l = a_old,l + (a'_l − a_old,l)·(φ_min −
// φ_old)/(φ_new − φ_old) (Mul then Quo), and G = max_l |a_l − a_old,l| / η.
func ascentStep(cp params, coefs, old, grad, stakes []dec.Dec) (stepResult, error) {
	m := dec.NewCalc(cp.ctx)
	next := make([]dec.Dec, len(coefs))
	for j := range coefs {
		v := coefs[j].Add(m.Mul(cp.eta, grad[j]))
		next[j] = dec.Min(dec.Max(v, dec.Zero()), dec.One())
	}
	if err := m.Err(); err != nil {
		return stepResult{}, wrapArith("coefficient update (6.4)", err)
	}
	sumS := dec.Sum(stakes)
	oldW, err := weightedSum(cp.ctx, old, stakes)
	if err != nil {
		return stepResult{}, wrapArith("listened stake (6.4)", err)
	}
	phiOld := m.Quo(oldW, sumS)
	newW, err := weightedSum(cp.ctx, next, stakes)
	if err != nil {
		return stepResult{}, wrapArith("listened stake (6.4)", err)
	}
	phiNew := m.Quo(newW, sumS)
	if err := m.Err(); err != nil {
		return stepResult{}, wrapArith("listened stake (6.4)", err)
	}
	res := stepResult{maxIter: cp.maxIters}
	out := coefs
	if phiNew.Cmp(cp.phiMin) < 0 {
		diffFrac := phiNew.Sub(phiOld)
		if diffFrac.IsZero() {
			res.stop = true
			out = append([]dec.Dec(nil), coefs...)
		} else {
			listened := cp.phiMin.Sub(phiOld)
			out = make([]dec.Dec, len(coefs))
			for l := range coefs {
				out[l] = old[l].Add(m.Quo(m.Mul(next[l].Sub(old[l]), listened), diffFrac))
			}
		}
	} else {
		out = next
	}
	var maxDiff dec.Dec
	for j := range out {
		if d := out[j].Sub(old[j]).Abs(); d.Cmp(maxDiff) > 0 {
			maxDiff = d
		}
	}
	res.maxGrad = m.Quo(maxDiff, cp.eta)
	if err := m.Err(); err != nil {
		return stepResult{}, wrapArith("coefficient update (6.4)", err)
	}
	res.coefs = out
	return res, nil
}
