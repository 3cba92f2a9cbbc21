package reputation

// The Gram evaluation of the listening-coefficient ascent (§6.4,
// ListeningEvaluation = EvaluationGram; doc.go, "Gram evaluation").
//
// With every entry present, the consensus and the distances of (6.2)–(6.5)
// depend on the loss vectors only through their Gram matrix. Write
// x_mc = X_mc·10^E (integers), Ĝ = X·Xᵀ (gram.go) and let u be any vector
// proportional to the adjusted stakes, U = Σ_n u_n. Then
//
//	x̄     = Σ_n u_n·x_n / U
//	‖x̄‖²  = 10^(2E)·Q/U²,                  Q   = uᵀĜu
//	D_m²  = 10^(2E)·(Ĝ_mm·U² − 2U·g_m + Q)/U²,  g = Ĝu
//	D_m/‖x̄‖ = sqrt(N_m/Q),                 N_m = Ĝ_mm·U² − 2U·g_m + Q
//
// and N_m = Σ_c (U·X_mc − Σ_n u_n·X_nc)² >= 0 is an exact integer when u is:
// the cancellation in N_m, which would cost most of the digits of a rounded
// evaluation, happens in exact arithmetic. The score is then the exact T_m
// truncated to the context's digits by the fixed-width kernel of
// gram_score.go, or, where that kernel declines, computed in the decimal
// core with three roundings (ρ_m = N_m/Q truncated to at least digits+2
// significant digits, the square root and the reciprocal of (6.6) at
// digits+2 digits) and rounded once to the context (scoreOf).
//
// The weights. (6.1) is Ŝ_n = min(N·a_n·S_n/A, 1) with A = Σ a_n·S_n. With
// t_n = a_n·S_n (exact) and σ the sign of A, Ŝ_n·|A| = min(σ·N·t_n, |A|),
// so u_n = min(σ·N·t_n, |A|), scaled to integers, is exactly proportional
// to the unrounded adjusted stakes: the consensus is the exact consensus of
// (6.2) for the exact Ŝ.
//
// The perturbations. Between the base point a and a + δ·e_l only t_l
// changes, by δ·S_l, and A with it. An unclamped reputer n ≠ l
// (σ·N·t_n < |A| and < |A'|) keeps u_n; a clamped one (σ·N·t_n >= both)
// moves from |A| to |A'|, the same step α for all of them; reputer l and
// the reputers whose clamping changes between |A| and |A'| (rare) are
// exceptions with their own step.
// So u' = u + α·1_C + Σ_{n∈X} β_n·e_n and
//
//	g' = g + α·Ĝ·1_C + Σ_{n∈X} β_n·Ĝ_{·n}
//
// with Ĝ·1_C (the column sum over the clamped set) computed once per
// iteration: each perturbed evaluation costs O(R·(1 + |X|)) exact
// operations plus R scores, instead of O(R·K) rounded operations. (If A
// changes sign the perturbed weights are recomputed from scratch, O(R²).)
// Every quantity is an exact integer, so the update path and a full
// recomputation give identical results.

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"sort"

	"github.com/netmath/netmath/internal/dec"
)

// gramEngine holds what one call's Gram evaluations share.
type gramEngine struct {
	cp     params
	in     *gdInput
	gm     *gramMatrix
	R      int
	ctxI   dec.Context // digits+2 (at most dec.MaxContextDigits), the context's rounding
	qMin   *big.Int    // 10^(digits+1): ρ's integer coefficient is at least this
	qMax   *big.Int    // 10^(digits+3): ... and below this
	nR     *big.Int    // N, the number of reputers
	sC     []*big.Int  // stake coefficients
	sE     []int32     // stake exponents
	tEps   dec.Dec     // the score at distance 0: 1/ε_R
	safe   []dec.Dec   // the scores when x̄ = 0 (computed on first use)
	safeOK bool
	kern   gramScoreKernel // the fixed-width score kernel (gram_score.go)
	noKern bool            // tests: always use the decimal core
	sfx    []fx            // the stakes in fixed width (nil: Φ in the decimal core)
	sc     []gramScore     // scratch scores
	fG     limbVec         // Ĝ in limbs (gram_fast.go)
	fD     limbVec         // Ĝ's diagonal in limbs
	fOK    bool            // fG holds Ĝ
	noFast bool            // tests: always use math/big for N_m
	nFast  int             // tests: evaluations on the fixed-width path
	fe     gramFastEval    // scratch of the fixed-width path
	nbuf   []uint64        // scratch: the N_m of an evaluation, W words each
	nlen   []int           // their used lengths
	lanes  []kernelLane    // scratch: the score kernel's stages
	vb     []big.Int       // scratch: b and e of fastVectors
	ac     []*big.Int      // scratch of state: the coefficients' parts
	ae     []int32

	// scratch
	t1, t2, nm, qq, rr, u2, twoU big.Int
}

func newGramEngine(cp params, in *gdInput, gm *gramMatrix) (*gramEngine, error) {
	d := cp.ctx.Digits()
	pi := min(d+2, dec.MaxContextDigits)
	ctxI, err := dec.NewContext(pi, cp.ctx.Rounding())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidParams, err)
	}
	e := &gramEngine{cp: cp, in: in, gm: gm, R: gm.R, ctxI: ctxI,
		qMin: pow10Big(d + 1), qMax: pow10Big(d + 3),
		nR: big.NewInt(int64(gm.R))}
	e.sC = make([]*big.Int, e.R)
	e.sE = make([]int32, e.R)
	for n, s := range in.stakes {
		x := s.Decimal()
		e.sC[n], e.sE[n] = x.Coefficient(), x.Exponent()
	}
	t, err := ctxI.Quo(dec.One(), cp.epsR)
	if err == nil {
		t, err = cp.ctx.Round(t)
	}
	if err != nil {
		return nil, wrapArith("score (6.6)", err)
	}
	e.tEps = t
	e.kern = newGramScoreKernel(cp)
	diag := make([]big.Int, e.R)
	for m := range diag {
		diag[m].Set(gm.at(m, m))
	}
	e.fOK = e.fG.set(gm.g) && e.fD.set(diag)
	e.sc = make([]gramScore, e.R)
	if e.kern.ok {
		e.sfx = make([]fx, e.R)
		for n, s := range in.stakes {
			f, ok := fxFromDec(s)
			if !ok {
				e.sfx = nil
				break
			}
			e.sfx[n] = f
		}
	}
	return e, nil
}

// gramState is the base point of an iteration: the weights and the exact
// quantities every perturbation updates.
type gramState struct {
	e0    int32     // t_n = T_n·10^e0
	T     []big.Int // a_n·S_n·10^−e0
	dT    []big.Int // 0.001·S_n·10^−e0
	A     big.Int   // Σ T_n
	sigma int       // sign of A
	V     []big.Int // σ·N·T_n
	At    big.Int   // |A|, the weight of a clamped reputer
	u     []big.Int // min(V_n, |A|)
	U     big.Int   // Σ u
	g     []big.Int // Ĝu
	Q     big.Int   // uᵀĜu
	inC   []bool    // V_n >= |A| (clamped)
	byV   []int     // the reputers in increasing V_n (ties by index)
	nC    int64     // the number of clamped reputers
	gC    []big.Int // Ĝ·1_C = Σ_{n clamped} Ĝ_{·n}
	sgC   big.Int   // 1_Cᵀ·g
	cGc   big.Int   // 1_Cᵀ·Ĝ·1_C
	fb    limbVec   // b_m = U·Ĝ_mm − 2·g_m in limbs (gram_fast.go)
	fe    limbVec   // e_m = |C|·Ĝ_mm − 2·(Ĝ1_C)_m in limbs
	fOK   bool      // fb and fe hold b and e
}

// decParts returns the coefficient and exponent of d.
func decParts(d dec.Dec) (*big.Int, int32) {
	x := d.Decimal()
	return x.Coefficient(), x.Exponent()
}

// mulPow10 sets z = x·10^k (k >= 0).
func mulPow10(z, x *big.Int, k int) *big.Int {
	if k == 0 {
		return z.Set(x)
	}
	return z.Mul(x, pow10Big(k))
}

// state computes the base point for the coefficients a.
func (e *gramEngine) state(a []dec.Dec) (*gramState, error) {
	return e.stateInto(nil, a)
}

// stateInto is state in the storage of st (a base point of the same
// engine that is no longer needed; nil: new storage). Every field is
// recomputed; the integers keep their capacity.
func (e *gramEngine) stateInto(st *gramState, a []dec.Dec) (*gramState, error) {
	R := e.R
	if st == nil || len(st.T) != R {
		st = &gramState{T: make([]big.Int, R), dT: make([]big.Int, R), V: make([]big.Int, R),
			u: make([]big.Int, R), g: make([]big.Int, R), inC: make([]bool, R), gC: make([]big.Int, R)}
	} else {
		// The accumulated quantities start at 0.
		for _, z := range []*big.Int{&st.A, &st.U, &st.Q, &st.sgC, &st.cGc} {
			z.SetInt64(0)
		}
		for m := range R {
			st.g[m].SetInt64(0)
			st.gC[m].SetInt64(0)
		}
		st.nC, st.fOK = 0, false
	}
	if cap(e.ac) < R {
		e.ac, e.ae = make([]*big.Int, R), make([]int32, R)
	}
	ac, ae := e.ac[:R], e.ae[:R]
	first := true
	for n := range a {
		ac[n], ae[n] = decParts(a[n])
		for _, x := range [2]int32{ae[n] + e.sE[n], e.sE[n] - 3} {
			if first || x < st.e0 {
				st.e0, first = x, false
			}
		}
	}
	for n := range a {
		st.T[n].Mul(ac[n], e.sC[n])
		mulPow10(&st.T[n], &st.T[n], int(ae[n]+e.sE[n]-st.e0))
		mulPow10(&st.dT[n], e.sC[n], int(e.sE[n]-3-st.e0))
		st.A.Add(&st.A, &st.T[n])
	}
	if st.A.Sign() == 0 {
		return nil, fmt.Errorf("%w: Σ a·S = 0 (6.1)", ErrZeroListenedStake)
	}
	st.sigma = st.A.Sign()
	st.At.Abs(&st.A)
	for n := range a {
		st.V[n].Mul(&st.T[n], e.nR)
		if st.sigma < 0 {
			st.V[n].Neg(&st.V[n])
		}
		st.inC[n] = st.V[n].Cmp(&st.At) >= 0
		if st.inC[n] {
			st.nC++
			st.u[n].Set(&st.At)
		} else {
			st.u[n].Set(&st.V[n])
		}
		st.U.Add(&st.U, &st.u[n])
	}
	if st.U.Sign() == 0 {
		return nil, fmt.Errorf("%w: the adjusted stakes sum to 0", ErrZeroConsensusWeight)
	}
	st.byV = st.byV[:0]
	for n := range R {
		st.byV = append(st.byV, n)
	}
	slices.SortFunc(st.byV, func(a, b int) int {
		if c := st.V[a].Cmp(&st.V[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	// g = Ĝu, Q = uᵀg, Ĝ·1_C.
	t := &e.t1
	fast := e.fOK && !e.noFast && e.fe.gramTimes(e, st)
	for m := 0; m < R; m++ {
		if !fast {
			for n := 0; n < R; n++ {
				gmn := e.gm.at(m, n)
				t.Mul(gmn, &st.u[n])
				st.g[m].Add(&st.g[m], t)
				if st.inC[n] {
					st.gC[m].Add(&st.gC[m], gmn)
				}
			}
		}
		t.Mul(&st.u[m], &st.g[m])
		st.Q.Add(&st.Q, t)
	}
	for n := 0; n < R; n++ {
		if st.inC[n] {
			st.sgC.Add(&st.sgC, &st.g[n])
			st.cGc.Add(&st.cGc, &st.gC[n])
		}
	}
	if e.fOK && !e.noFast {
		st.fOK = e.fastVectors(st)
	}
	return st, nil
}

// fastVectors sets st.fb and st.fe, the base point's vectors of the
// fixed-width distances (gram_fast.go): b_m = U·Ĝ_mm − 2·g_m and
// e_m = |C|·Ĝ_mm − 2·(Ĝ1_C)_m, exact. False when they do not fit.
func (e *gramEngine) fastVectors(st *gramState) bool {
	R := e.R
	if cap(e.vb) < 2*R {
		e.vb = make([]big.Int, 2*R)
	}
	b, c := e.vb[:R], e.vb[R:2*R]
	nC := &e.t2
	nC.SetInt64(st.nC)
	t := &e.t1
	for m := range R {
		d := e.gm.at(m, m)
		b[m].Mul(&st.U, d)
		t.Lsh(&st.g[m], 1)
		b[m].Sub(&b[m], t)
		c[m].Mul(nC, d)
		t.Lsh(&st.gC[m], 1)
		c[m].Sub(&c[m], t)
	}
	return st.fb.set(b) && st.fe.set(c)
}

// gramPert is the scratch of a perturbed evaluation.
type gramPert struct {
	U, Q, At big.Int
	alpha    big.Int
	V, w, b  big.Int
	t1, t2   big.Int
	t3       big.Int
	ex       []int
	exB      []big.Int
	cand     []int
}

func newGramPert(R int) *gramPert {
	return &gramPert{exB: make([]big.Int, R)}
}

// perturbed returns the scores at the base coefficients a with a_l moved
// by −0.001 (neg) or +0.001. The weights are u' = u + α·1_C +
// Σ_{n∈X} β_n·e_n; their sum U' and Q' = u'ᵀĜu' follow in O(|X|²)
// products from Q + 2·dᵀg + dᵀĜd with d = u' − u.
func (e *gramEngine) perturbed(st *gramState, pt *gramPert, a []dec.Dec, l int, neg bool) (dec.Dec, error) {
	sc, err := e.perturbedScores(st, pt, a, l, neg)
	if err != nil {
		return dec.Dec{}, err
	}
	return e.phi(sc)
}

// perturbedScores returns the scores of perturbed (reused by the next
// evaluation).
func (e *gramEngine) perturbedScores(st *gramState, pt *gramPert, a []dec.Dec, l int, neg bool) ([]gramScore, error) {
	R := e.R
	// A' = A ± 0.001·S_l.
	dA := &pt.w
	dA.Set(&st.dT[l])
	if neg {
		dA.Neg(dA)
	}
	Ap := &pt.b
	Ap.Add(&st.A, dA)
	if Ap.Sign() == 0 {
		return nil, fmt.Errorf("%w: Σ a·S = 0 (6.1)", ErrZeroListenedStake)
	}
	if Ap.Sign() != st.sigma {
		// The sign of Σ a·S changes: recompute the weights from scratch.
		b := append([]dec.Dec(nil), a...)
		step := decStep
		if neg {
			step = decStepNeg
		}
		b[l] = b[l].Add(step)
		s2, err := e.state(b)
		if err != nil {
			return nil, err
		}
		return e.scores(s2, &s2.U, &s2.Q, nil, nil, nil)
	}
	At := &pt.At
	At.Abs(Ap)
	alpha := &pt.alpha
	alpha.Sub(At, &st.At)
	// Exceptions: l, and the reputers whose clamping changes, those with
	// V_n between |A| and |A'| (min(|A|, |A'|) <= V_n < max(|A|, |A'|)),
	// found in st.byV; in increasing n.
	lo, hi := &st.At, At
	if lo.Cmp(hi) > 0 {
		lo, hi = hi, lo
	}
	i0 := sort.Search(R, func(i int) bool { return st.V[st.byV[i]].Cmp(lo) >= 0 })
	i1 := sort.Search(R, func(i int) bool { return st.V[st.byV[i]].Cmp(hi) >= 0 })
	cand := append(pt.cand[:0], st.byV[i0:i1]...)
	if !slices.Contains(cand, l) {
		cand = append(cand, l)
	}
	slices.Sort(cand)
	pt.cand = cand
	pt.ex = pt.ex[:0]
	for _, n := range cand {
		in1 := st.V[n].Cmp(At) >= 0
		v := &st.V[n]
		if n == l {
			// V'_l = V_l + σ·N·ΔA.
			pt.V.Mul(e.nR, dA)
			if st.sigma < 0 {
				pt.V.Neg(&pt.V)
			}
			pt.V.Add(&pt.V, v)
			v = &pt.V
			in1 = v.Cmp(At) >= 0
		}
		beta := &pt.exB[len(pt.ex)]
		if in1 {
			beta.Set(At)
		} else {
			beta.Set(v)
		}
		beta.Sub(beta, &st.u[n]) // d_n
		if st.inC[n] {
			beta.Sub(beta, alpha)
		}
		pt.ex = append(pt.ex, n)
	}
	beta := pt.exB[:len(pt.ex)]
	// U' = U + α·|C| + Σ β. (No product below writes to one of its
	// operands: math/big would allocate for it.)
	t, t2, t3 := &pt.t1, &pt.t2, &pt.t3
	U := &pt.U
	t3.SetInt64(st.nC)
	U.Mul(t3, alpha)
	U.Add(U, &st.U)
	for i := range beta {
		U.Add(U, &beta[i])
	}
	if U.Sign() == 0 {
		return nil, fmt.Errorf("%w: the adjusted stakes sum to 0", ErrZeroConsensusWeight)
	}
	// dᵀg = α·1_Cᵀg + Σ β_n·g_n, dᵀĜd = α²·1_CᵀĜ1_C + 2α·Σ β_n·(Ĝ1_C)_n +
	// Σ Σ β_n·β_n'·Ĝ_nn'.
	Q := &pt.Q
	Q.Mul(alpha, &st.sgC) // dᵀg
	for i, n := range pt.ex {
		t.Mul(&beta[i], &st.g[n])
		Q.Add(Q, t)
	}
	Q.Lsh(Q, 1)
	Q.Add(Q, &st.Q)
	if alpha.Sign() != 0 {
		t3.Mul(alpha, alpha)
		t.Mul(t3, &st.cGc)
		Q.Add(Q, t)
		t2.SetInt64(0)
		for i, n := range pt.ex {
			t.Mul(&beta[i], &st.gC[n])
			t2.Add(t2, t)
		}
		t.Mul(t2, alpha)
		t.Lsh(t, 1)
		Q.Add(Q, t)
	}
	for i, n := range pt.ex {
		for i2, n2 := range pt.ex {
			t3.Mul(&beta[i], &beta[i2])
			t.Mul(t3, e.gm.at(n, n2))
			Q.Add(Q, t)
		}
	}
	return e.scores(st, U, Q, alpha, pt.ex, beta)
}

// gramScore is one consensus score, in the fixed-width form of fx.go (from
// the kernel) or as a Dec.
type gramScore struct {
	f   fx
	isF bool
	v   dec.Dec
}

// dec returns the score as a Dec.
func (s *gramScore) dec() (dec.Dec, error) {
	if !s.isF {
		return s.v, nil
	}
	return fxToDecChecked(&s.f)
}

// scores returns every reputer's consensus score (6.6) for the weights
// u + α·1_C + Σ_i β_i·e_{ex_i} of the base point st (α nil: u), whose sum
// is U and whose Q = u'ᵀĜu': N_m = Ĝ_mm·U² − 2U·(Ĝu')_m + Q with
// (Ĝu')_m = g_m + α·(Ĝ1_C)_m + Σ_i β_i·Ĝ_{m,ex_i}. The slice is reused by
// the next call.
func (e *gramEngine) scores(st *gramState, U, Q, alpha *big.Int, ex []int, beta []big.Int) ([]gramScore, error) {
	out := e.sc
	if Q.Sign() == 0 {
		// x̄ = 0: ‖x̄‖ is ε_safe (6.4) and D_m² = G_mm.
		safe, err := e.safeScores()
		if err != nil {
			return nil, err
		}
		for m := range out {
			out[m] = gramScore{v: safe[m]}
		}
		return out, nil
	}
	if Q.Sign() < 0 {
		return nil, fmt.Errorf("%w: negative squared consensus norm in the Gram evaluation", ErrInvalidValue)
	}
	kern := e.kern.ok && !e.noKern
	if kern {
		e.kern.setQ(Q)
	}
	if e.fOK && st.fOK && !e.noFast {
		if W, ok := e.fe.prepare(e, st, U, Q, alpha, beta); ok {
			return e.scoresFast(st, W, Q, ex, kern)
		}
	}
	u2 := e.u2.Mul(U, U)
	twoU := e.twoU.Lsh(U, 1)
	useAlpha := alpha != nil && alpha.Sign() != 0
	N, t, gm := &e.nm, &e.t1, &e.t2
	for m := range out {
		gm.Set(&st.g[m])
		if useAlpha {
			t.Mul(alpha, &st.gC[m])
			gm.Add(gm, t)
		}
		for i, n := range ex {
			t.Mul(&beta[i], e.gm.at(m, n))
			gm.Add(gm, t)
		}
		N.Mul(e.gm.at(m, m), u2)
		t.Mul(twoU, gm)
		N.Sub(N, t)
		N.Add(N, Q)
		if kern && N.Sign() > 0 {
			if f, ok := e.kern.score(N); ok {
				out[m] = gramScore{f: f, isF: true}
				continue
			}
		}
		s, err := e.scoreOf(N, Q)
		if err != nil {
			return nil, err
		}
		out[m] = gramScore{v: s}
	}
	return out, nil
}

// scoresFast is scores with N_m accumulated in W words (gram_fast.go; the
// same exact integers as the math/big loop of scores). The kernel runs
// stage by stage over the reputers (kernelLane): the same operations per
// reputer, and the same first error in reputer order as the loop of scores.
func (e *gramEngine) scoresFast(st *gramState, W int, Q *big.Int, ex []int, kern bool) ([]gramScore, error) {
	out := e.sc
	R := e.R
	e.nFast++
	if cap(e.nbuf) < R*W {
		e.nbuf = make([]uint64, R*W)
	}
	if e.lanes == nil {
		e.lanes = make([]kernelLane, R)
		e.nlen = make([]int, R)
	}
	buf := e.nbuf[:R*W]
	// N_m for the reputers before the first negative one.
	M := R
	for m := range R {
		acc := buf[m*W : (m+1)*W]
		e.fe.distance(e, st, acc, m, ex)
		if acc[W-1]>>63 != 0 {
			M = m
			break
		}
		e.nlen[m] = limbLen(acc)
	}
	word := func(m int) []uint64 { return buf[m*W : m*W+e.nlen[m]] }
	lanes := e.lanes
	if kern {
		for m := range M {
			if e.nlen[m] > 0 {
				nT, nE := top192Words(word(m))
				e.kern.stageRoot(&lanes[m], nT, nE)
			}
		}
		for m := range M {
			if e.nlen[m] > 0 {
				e.kern.stageSqrt(&lanes[m])
			}
		}
		for m := range M {
			if e.nlen[m] > 0 {
				e.kern.stageDen(&lanes[m])
			}
		}
	}
	N := &e.nm
	for m := range M {
		w := word(m)
		if len(w) == 0 {
			out[m] = gramScore{v: e.tEps}
			continue
		}
		if kern {
			if D, j, ok := e.kern.stageDigits(&lanes[m]); ok {
				o := &out[m] // field by field: v stays zero or is cleared
				o.f, o.isF = e.kern.finish(D, j, nil, w), true
				if !o.v.IsZero() {
					o.v = dec.Dec{}
				}
				continue
			}
		}
		setWords(N, w)
		s, err := e.scoreOf(N, Q)
		if err != nil {
			return nil, err
		}
		out[m] = gramScore{v: s}
	}
	if M < R {
		return nil, fmt.Errorf("%w: negative squared distance in the Gram evaluation", ErrInvalidValue)
	}
	return out, nil
}

// decScores returns the scores as Decs, normalised by the context.
func (e *gramEngine) decScores(sc []gramScore) ([]dec.Dec, error) {
	out := make([]dec.Dec, len(sc))
	for m := range sc {
		v, err := sc[m].dec()
		if err == nil {
			v, err = e.cp.ctx.Round(v)
		}
		if err != nil {
			return nil, wrapArith("score (6.6)", err)
		}
		out[m] = v
	}
	return out, nil
}

// phi returns Φ = Σ_m S_m·T_m with each product rounded and the sum exact
// (6.4), as weightedSum does; in the fixed-width form when every score and
// stake has one (fx.go's truncating product and exact sum equal the decimal
// core's), else in the decimal core.
func (e *gramEngine) phi(sc []gramScore) (dec.Dec, error) {
	if e.sfx != nil {
		acc, ok := e.phiFast(sc) // gram_phi.go: the common case
		if !ok {
			acc, ok = e.phiLoop(sc)
		}
		if ok {
			if v, err := fxToDecChecked(&acc); err == nil {
				return v, nil
			}
		}
	}
	scores, err := e.decScores(sc)
	if err != nil {
		return dec.Dec{}, err
	}
	v, err := weightedSum(e.cp.ctx, scores, e.in.stakes)
	if err != nil {
		return dec.Dec{}, wrapArith("Φ (6.4)", err)
	}
	return v, nil
}

// phiLoop is Φ's sum in fixed width, product by product (fxMulTo,
// fxAddTo); ok is false when some score or stake has no fixed-width form
// or an operation does not fit.
func (e *gramEngine) phiLoop(sc []gramScore) (acc fx, ok bool) {
	var p fx
	for m := range sc {
		if !sc[m].isF || !fxMulTo(&p, &sc[m].f, &e.sfx[m], e.cp.ctx.Digits()) || !fxAddTo(&acc, &acc, &p) {
			return fx{}, false
		}
	}
	return acc, true
}

// scoreOf returns 1/(sqrt(N/Q) + ε_R) (6.6), N >= 0 and Q > 0 exact, in
// the decimal core (the kernel of gram_score.go is the fast path).
func (e *gramEngine) scoreOf(N, Q *big.Int) (dec.Dec, error) {
	switch N.Sign() {
	case 0:
		return e.tEps, nil
	case -1:
		return dec.Dec{}, fmt.Errorf("%w: negative squared distance in the Gram evaluation", ErrInvalidValue)
	}
	// q = floor(N·10^k/Q) with at least digits+2 digits: with d_N <= digits
	// of N and d_Q >= digits of Q, k = digits+2 + d_Q − d_N suffices
	// (floorLog10Pow2 underestimates floor(n·log10 2) by at most one).
	dN := floorLog10Pow2(N.BitLen()-1) + 1
	dQ := floorLog10Pow2(Q.BitLen()) + 2
	k := e.cp.ctx.Digits() + 2 + dQ - dN
	q, r := &e.qq, &e.rr
	if k >= 0 {
		q.Mul(N, pow10Big(k))
		q.Quo(q, Q)
	} else {
		r.Mul(Q, pow10Big(-k))
		q.Quo(N, r)
	}
	for q.Cmp(e.qMax) >= 0 {
		q.Quo(q, pow10Big(1))
		k--
	}
	if q.Cmp(e.qMin) < 0 {
		return dec.Dec{}, fmt.Errorf("%w: Gram quotient below its precision", ErrInvalidValue)
	}
	qd, err := dec.FromBigInt(q)
	if err != nil {
		return dec.Dec{}, wrapArith("score (6.6)", err)
	}
	// ρ = q·10^−k; its adjusted exponent is digits(q) − 1 − k.
	adj := e.cp.ctx.Digits() + 1 - k
	if q.Cmp(pow10Big(e.cp.ctx.Digits()+2)) >= 0 {
		adj++
	}
	var rho dec.Dec
	switch {
	case adj > dec.MaxAdjExp:
		return dec.Dec{}, fmt.Errorf("%w: score (6.6): D/‖x̄‖ out of range", ErrInvalidValue)
	case adj >= dec.MinAdjExp:
		rho = qd.Shift(int32(-k))
	}
	m := dec.NewCalc(e.ctxI)
	s := m.Sqrt(rho)
	t := m.Quo(dec.One(), s.Add(e.cp.epsR))
	if err := m.Err(); err != nil {
		return dec.Dec{}, wrapArith("score (6.6)", err)
	}
	if t, err = e.cp.ctx.Round(t); err != nil {
		return dec.Dec{}, wrapArith("score (6.6)", err)
	}
	return t, nil
}

// safeScores returns the scores when the consensus is 0 (6.4):
// 1/(sqrt(G_mm)/ε_safe + ε_R), with G_mm = Ĝ_mm·10^(2E).
func (e *gramEngine) safeScores() ([]dec.Dec, error) {
	if e.safeOK {
		return append([]dec.Dec(nil), e.safe...), nil
	}
	out := make([]dec.Dec, e.R)
	for m := range out {
		g, err := dec.FromBigInt(e.gm.at(m, m))
		if err != nil {
			return nil, wrapArith("distance (6.5)", err)
		}
		c := dec.NewCalc(e.ctxI)
		d := c.Round(c.Sqrt(g).Shift(e.gm.E))
		t := c.Quo(dec.One(), c.Quo(d, e.cp.epsSafe).Add(e.cp.epsR))
		if err := c.Err(); err != nil {
			return nil, wrapArith("score (6.6)", err)
		}
		if out[m], err = e.cp.ctx.Round(t); err != nil {
			return nil, wrapArith("score (6.6)", err)
		}
	}
	e.safe, e.safeOK = out, true
	return append([]dec.Dec(nil), out...), nil
}

// listeningGram runs the ascent of §6.4 with the Gram evaluation; every
// rule other than the evaluation of the scores is the reference's
// (ascentStep, the steps ±0.001, the gradient (1 − Φ/Φ')/δ rounded as the
// reference rounds it, the returned scores and adjusted stakes of the start
// of the last executed iteration, the adjusted stakes rounded as (6.1)).
func listeningGram(cp params, in *gdInput, gm *gramMatrix) (gdResult, error) {
	e, err := newGramEngine(cp, in, gm)
	if err != nil {
		return gdResult{}, err
	}
	R := len(in.stakes)
	coefs := append([]dec.Dec(nil), in.a0...)
	old := make([]dec.Dec, R)
	grad := make([]dec.Dec, R)
	pt := newGramPert(R)
	var stBuf *gramState // the previous iteration's base point, reused
	var res gdResult
	maxGrad := dec.One()
	it, passes := 0, 0
	for maxGrad.Cmp(cp.gThr) >= 0 && it < cp.maxIters {
		passes++
		copy(old, coefs)
		shat, err := adjustedStakesDirect(cp, in.stakes, coefs)
		if err != nil {
			return gdResult{}, err
		}
		st, err := e.stateInto(stBuf, coefs)
		if err != nil {
			return gdResult{}, err
		}
		stBuf = st
		sc, err := e.scores(st, &st.U, &st.Q, nil, nil, nil)
		if err != nil {
			return gdResult{}, err
		}
		scores, err := e.decScores(sc)
		if err != nil {
			return gdResult{}, err
		}
		phi, err := e.phi(sc)
		if err != nil {
			return gdResult{}, err
		}
		for l := range coefs {
			step, neg := decStep, false
			if coefs[l].Equal(dec.One()) {
				step, neg = decStepNeg, true
			}
			phi2, err := e.perturbed(st, pt, coefs, l, neg)
			if err != nil {
				return gdResult{}, err
			}
			r, err := cp.ctx.Quo(phi, phi2)
			if err != nil {
				return gdResult{}, wrapArith("gradient (6.4)", err)
			}
			if grad[l], err = cp.ctx.Quo(dec.One().Sub(r), step); err != nil {
				return gdResult{}, wrapArith("gradient (6.4)", err)
			}
		}
		res.scores, res.adjusted = scores, shat
		next, err := ascentStep(cp, coefs, old, grad, in.stakes)
		if err != nil {
			return gdResult{}, err
		}
		coefs, maxGrad, it = next.coefs, next.maxGrad, next.it(it)
	}
	res.coefs, res.iters = coefs, passes
	return res, nil
}
