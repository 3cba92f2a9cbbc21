package reputation

import (
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"pgregory.net/rapid"
)

// completeInput fills the missing entries of a drawn problem.
func completeInput(t *rapid.T, in *gdInput) *gdInput {
	for m := range in.present {
		for c := range in.present[m] {
			if !in.present[m][c] {
				in.present[m][c] = true
				in.x[m][c] = genLoss(t, "fill")
			}
		}
	}
	return in
}

// relDiff returns |a − b| / |b| (|a − b| when b = 0).
func relDiff(a, b dec.Dec) dec.Dec {
	d := a.Sub(b).Abs()
	if b.IsZero() {
		return d
	}
	r, _ := dec.Context{}.Quo(d, b.Abs())
	return r
}

// TestGramScoresExact: every Gram evaluation (the base point and each
// perturbed point of an iteration) gives the exact scores, taken from the
// direct evaluation at 100 digits, truncated to 34 digits (or within one
// unit in the last digit where the kernel declines), and Φ equal to the
// reference's Σ S·T of those scores. It counts the update paths taken.
func TestGramScoresExact(t *testing.T) {
	p100 := DefaultParamsV6()
	p100.Digits = 100
	oracle, _ := p100.compile()
	cp, _ := DefaultParamsV6().compile()
	ulp := dec.MustParse("1e-33")
	var worst dec.Dec
	var evals, scores, truncated, exceptions, flips int
	rapid.Check(t, func(t *rapid.T) {
		in := completeInput(t, genGDInput(t, 6, 10))
		gi, ok := newGramInts(in.x)
		if !ok {
			t.Fatal("Gram evaluation not applicable")
		}
		e, err := newGramEngine(cp, in, gi.matrix())
		if err != nil {
			t.Fatal(err)
		}
		e.noKern = rapid.IntRange(0, 4).Draw(t, "nokernel") == 0
		a := in.a0
		check := func(sc []gramScore, gerr error, at []dec.Dec) {
			want, _, werr := allScoresDirect(oracle, in, at)
			if (gerr == nil) != (werr == nil) {
				t.Fatalf("Gram error %v, oracle error %v", gerr, werr)
			}
			if gerr != nil {
				return
			}
			got, err := e.decScores(sc)
			if err != nil {
				t.Fatal(err)
			}
			evals++
			for m := range want {
				scores++
				if w, _ := cp.ctx.Round(want[m]); got[m].Equal(w) {
					truncated++
				}
				r := relDiff(got[m], want[m])
				if r.Cmp(worst) > 0 {
					worst = r
				}
				if r.Cmp(ulp) > 0 {
					t.Fatalf("score %d at %v: Gram %s, exact %s (rel %s)", m, at, got[m], want[m], r)
				}
			}
			phi, err := e.phi(sc)
			wphi, werr := weightedSum(cp.ctx, got, in.stakes)
			if err != nil || werr != nil || !phi.Equal(wphi) {
				t.Fatalf("Φ %s %v, Σ S·T %s %v", phi, err, wphi, werr)
			}
		}
		st, err := e.state(a)
		if err != nil {
			_, _, werr := allScoresDirect(oracle, in, a)
			if werr == nil {
				t.Fatalf("Gram state error %v, oracle none", err)
			}
			return
		}
		sc, err := e.scores(st, &st.U, &st.Q, nil, nil, nil)
		check(sc, err, a)
		pt := newGramPert(len(a))
		for l := range a {
			neg := a[l].Equal(dec.One())
			step := decStep
			if neg {
				step = decStepNeg
			}
			b := append([]dec.Dec(nil), a...)
			b[l] = b[l].Add(step)
			if tb, err := e.state(b); err == nil && tb.sigma != st.sigma {
				flips++
			}
			sc, err := e.perturbedScores(st, pt, a, l, neg)
			if len(pt.ex) > 1 {
				exceptions++
			}
			check(sc, err, b)
		}
	})
	t.Logf("%d evaluations, %d scores (%d equal to the truncated exact score); largest relative difference %s; %d perturbations with clamping changes, %d with a sign change of Σ a·S",
		evals, scores, truncated, worst, exceptions, flips)
	if exceptions == 0 {
		t.Error("the clamping-change path was not exercised")
	}
}

// genBig draws a nonnegative integer of up to maxBits bits, often with long
// runs of ones or zeros (carries, exact powers of two).
func genBig(t *rapid.T, name string, maxBits int) *big.Int {
	n := rapid.IntRange(1, maxBits).Draw(t, name+"_bits")
	x := new(big.Int)
	switch rapid.IntRange(0, 3).Draw(t, name+"_kind") {
	case 0: // 2^n − 1
		x.Lsh(big.NewInt(1), uint(n))
		return x.Sub(x, big.NewInt(1))
	case 1: // 2^n
		return x.Lsh(big.NewInt(1), uint(n-1))
	}
	for x.BitLen() < n {
		x.Lsh(x, 32)
		x.Or(x, big.NewInt(int64(rapid.Uint32().Draw(t, name+"_w"))))
	}
	return x.Rsh(x, uint(x.BitLen()-n))
}

// TestGramKernelMatchesDecimal: the fixed-width score kernel (gram_score.go)
// is within one unit in the 34th digit of 1/(sqrt(N/Q) + ε_R) evaluated at
// 100 digits, and equal to its truncation nearly always.
func TestGramKernelMatchesDecimal(t *testing.T) {
	ctx100, _ := dec.NewContext(100, dec.RoundDown)
	var runs, exact, declined int
	rapid.Check(t, func(t *rapid.T) {
		p := DefaultParamsV6()
		if rapid.Bool().Draw(t, "eps") {
			p.EpsilonReputer = decimal.New(rapid.Int64Range(1, 1e15).Draw(t, "epsc"), int32(rapid.IntRange(-40, 5).Draw(t, "epse")))
		}
		cp, err := p.compile()
		if err != nil {
			t.Fatal(err)
		}
		k := newGramScoreKernel(cp)
		if !k.ok {
			t.Fatal("kernel not applicable")
		}
		N, Q := genBig(t, "N", 900), genBig(t, "Q", 900)
		if Q.Sign() == 0 {
			Q.SetInt64(1)
		}
		if N.Sign() == 0 {
			N.SetInt64(1)
		}
		k.setQ(Q)
		f, ok := k.score(N)
		runs++
		if !ok {
			declined++
			return
		}
		got, err := cp.ctx.Round(fxToDec(&f))
		if err != nil {
			t.Fatal(err)
		}
		nd, _ := dec.FromBigInt(N)
		qd, _ := dec.FromBigInt(Q)
		m := dec.NewCalc(ctx100)
		want := m.Quo(dec.One(), m.Sqrt(m.Quo(nd, qd)).Add(cp.epsR))
		if m.Err() != nil {
			t.Skip(m.Err())
		}
		w34, _ := cp.ctx.Round(want)
		if got.Equal(w34) {
			exact++
		} else if debugKernel {
			t.Fatalf("N %s Q %s eps %s got %s want %s", N, Q, cp.epsR, got, want)
		}
		if r := relDiff(got, want); r.Cmp(dec.MustParse("1e-33")) > 0 {
			t.Fatalf("N %s Q %s ε %s: kernel %s, exact %s (rel %s)", N, Q, cp.epsR, got, want, r)
		}
	})
	t.Logf("%d scores: %d equal to the truncated exact score, %d declined (outside the kernel's range)", runs, exact, declined)
}

var debugKernel = false

// TestGramKernelBoundaries: scores exactly at a 34-digit value b (and one
// unit of N on either side) are decided exactly: T = b and T > b give b,
// T < b gives the value below b. With ε_R = 0.01, b = B·10^eb and
// M = 10^(−eb+2) − B, T = b exactly for N = M², Q = B²·10^4.
func TestGramKernelBoundaries(t *testing.T) {
	cp, _ := DefaultParamsV6().compile()
	k := newGramScoreKernel(cp)
	var checked int
	rapid.Check(t, func(t *rapid.T) {
		B := big.NewInt(rapid.Int64Range(1e15, 1e16-1).Draw(t, "B1"))
		B.Mul(B, pow10Big(18))
		B.Add(B, big.NewInt(rapid.Int64Range(0, 1e18-1).Draw(t, "B2"))) // 34 digits
		eb := rapid.IntRange(-40, -32).Draw(t, "eb")                    // b in [1e-7, 100)
		M := new(big.Int).Sub(pow10Big(-eb+2), B)
		if M.Sign() <= 0 {
			t.Skip("b·ε_R >= 1")
		}
		sh := uint(rapid.IntRange(0, 300).Draw(t, "shift"))
		N := new(big.Int).Mul(M, M)
		Q := new(big.Int).Mul(B, B)
		Q.Mul(Q, pow10Big(4))
		N.Lsh(N, sh)
		Q.Lsh(Q, sh)
		b := dec.New(0, 0).Add(mustDecBig(t, B).Shift(int32(eb)))
		below := b.Sub(dec.New(1, int32(eb))) // the 34-digit value below b
		if B.Cmp(pow10Big(33)) == 0 {
			below = b.Sub(dec.New(1, int32(eb-1)))
		}
		k.setQ(Q)
		for _, c := range []struct {
			dN   int64
			want dec.Dec
		}{{0, b}, {1, below}, {-1, b}} {
			n := new(big.Int).Add(N, big.NewInt(c.dN))
			f, ok := k.score(n)
			got := fxToDec(&f)
			if !ok {
				t.Fatalf("declined: b %s", b)
			}
			if !got.Equal(c.want) {
				t.Fatalf("N%+d: b %s, got %s want %s", c.dN, b, got, c.want)
			}
			checked++
		}
	})
	t.Logf("%d boundary cases", checked)
}

func mustDecBig(t *rapid.T, x *big.Int) dec.Dec {
	d, err := dec.FromBigInt(x)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestGramKernelErrorBound: the kernel's approximation D of T·10^j is never
// above it and at most 20 units below (the bound score relies on), against
// T at 100 digits.
func TestGramKernelErrorBound(t *testing.T) {
	ctx100, _ := dec.NewContext(100, dec.RoundDown)
	cp, _ := DefaultParamsV6().compile()
	k := newGramScoreKernel(cp)
	var worst int64
	rapid.Check(t, func(t *rapid.T) {
		N, Q := genBig(t, "N", 700), genBig(t, "Q", 700)
		if N.Sign() == 0 || Q.Sign() == 0 {
			t.Skip("zero")
		}
		// Keep T in the kernel's range: N/Q within 2^±100.
		if d := N.BitLen() - Q.BitLen(); d > 100 || d < -100 {
			t.Skip("out of range")
		}
		k.setQ(Q)
		D, j, ok := k.approx(N)
		if !ok {
			t.Fatalf("declined: N %s Q %s", N, Q)
		}
		nd, _ := dec.FromBigInt(N)
		qd, _ := dec.FromBigInt(Q)
		m := dec.NewCalc(ctx100)
		T := m.Quo(dec.One(), m.Sqrt(m.Quo(nd, qd)).Add(cp.epsR))
		if m.Err() != nil {
			t.Fatal(m.Err())
		}
		// T·10^j at 100 digits is exact to far below one unit.
		Db := new(big.Int).Lsh(new(big.Int).SetUint64(D[1]), 64)
		Db.Or(Db, new(big.Int).SetUint64(D[0]))
		deficit := T.Shift(int32(j)).Sub(mustDecBig(t, Db))
		if deficit.Sign() < 0 || deficit.Cmp(dec.FromInt64(20)) >= 0 {
			t.Fatalf("N %s Q %s: T·10^%d − D = %s", N, Q, j, deficit)
		}
		if u, _ := deficit.Trunc().Int64(); u > worst {
			worst = u
		}
	})
	t.Logf("largest deficit: %d units (bound 20, exact check within %d)", worst, kernelCheckUnits)
}

// TestGramKernelDeclinesAsLegacy: the kernel accepts exactly the scores
// its first version (approxLegacy) accepts, and gives the same truncated
// score for them, on random N and Q and on scores packed around the ends
// of the kernel's range (T near 10^−18, 2^−59 and 2^−60, 10^37 and
// 10^38 with a small ε_R, where the decision is delegated to
// approxLegacy), and in the middle of the range (where it never is).
func TestGramKernelDeclinesAsLegacy(t *testing.T) {
	var runs, declined, delegated, own int
	check := func(t *rapid.T, k *gramScoreKernel, N, Q *big.Int) {
		k.setQ(Q)
		nT, nE := top192(N)
		var ln kernelLane
		k.stageRoot(&ln, nT, nE)
		k.stageSqrt(&ln)
		k.stageDen(&ln)
		D1, j1, ok1 := k.stageDigits(&ln)
		D2, j2, ok2 := k.approxLegacy(nT, nE)
		runs++
		if ok1 != ok2 {
			t.Fatalf("N %s Q %s: kernel ok %v, legacy ok %v", N, Q, ok1, ok2)
		}
		if !ok1 {
			declined++
			return
		}
		if ln.legacy {
			delegated++
		} else {
			own++
		}
		f1, f2 := k.finish(D1, j1, N, nil), k.finish(D2, j2, N, nil)
		if fxToDec(&f1).Cmp(fxToDec(&f2)) != 0 {
			t.Fatalf("N %s Q %s: kernel %v, legacy %v", N, Q, fxToDec(&f1), fxToDec(&f2))
		}
	}
	// near returns N and Q with 1/(sqrt(N/Q) + ε) within about 2^−500
	// relative of target·(1 + δ).
	near := func(t *rapid.T, target *big.Float, eps *big.Float) (N, Q *big.Int) {
		const prec = 1200
		Q = genBig(t, "Q", 500)
		Q.SetBit(Q, 500, 1)
		// δ = d·2^e: within a few units of D (2^−125 relative) of the
		// target, where two approximations can fall on either side of it.
		d := rapid.Int64Range(-1<<12, 1<<12).Draw(t, "delta")
		tt := new(big.Float).SetPrec(prec).SetInt64(d)
		tt.SetMantExp(tt, -128+rapid.IntRange(-12, 12).Draw(t, "deltaExp"))
		tt.Add(tt, big.NewFloat(1).SetPrec(prec))
		tt.Mul(tt, target)
		x := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1).SetPrec(prec), tt)
		x.Sub(x, eps)
		if x.Sign() <= 0 {
			t.Skip("T >= 1/ε")
		}
		x.Mul(x, x)
		x.Mul(x, new(big.Float).SetPrec(prec).SetInt(Q))
		N, _ = x.Int(nil)
		N.Add(N, big.NewInt(rapid.Int64Range(-3, 3).Draw(t, "dN")))
		if N.Sign() <= 0 {
			N.SetInt64(1)
		}
		return N, Q
	}
	epsOf := func(cp params) *big.Float {
		f, _, _ := new(big.Float).SetPrec(1200).Parse(cp.epsR.String(), 10)
		return f
	}
	pow := func(b int64, e int) *big.Float {
		f := new(big.Float).SetPrec(1200).SetInt64(1)
		bf := new(big.Float).SetPrec(1200).SetInt64(b)
		for range max(e, -e) {
			if e > 0 {
				f.Mul(f, bf)
			} else {
				f.Quo(f, bf)
			}
		}
		return f
	}
	rapid.Check(t, func(t *rapid.T) {
		p := DefaultParamsV6()
		small := rapid.IntRange(0, 3).Draw(t, "smallEps") == 0
		if small {
			p.EpsilonReputer = decimal.New(rapid.Int64Range(1, 99).Draw(t, "epsc"), -41)
		}
		cp, err := p.compile()
		if err != nil {
			t.Fatal(err)
		}
		k := newGramScoreKernel(cp)
		var targets []*big.Float
		targets = append(targets, pow(10, -18), pow(10, -17), pow(2, -59), pow(2, -60), pow(2, -56), pow(10, 0), pow(2, 5))
		if small {
			targets = append(targets, pow(10, 37), pow(10, 38), pow(10, 36), pow(2, 123), pow(2, 126))
		}
		tg := targets[rapid.IntRange(0, len(targets)-1).Draw(t, "target")]
		N, Q := near(t, tg, epsOf(cp))
		check(t, &k, N, Q)
		// And at random.
		N, Q = genBig(t, "N", 900), genBig(t, "Q", 900)
		if N.Sign() > 0 && Q.Sign() > 0 {
			check(t, &k, N, Q)
		}
	})
	t.Logf("%d scores: %d declined by both, %d accepted by the kernel's own steps, %d left to approxLegacy", runs, declined, own, delegated)
	if own == 0 || delegated == 0 || declined == 0 {
		t.Fatalf("%d own, %d delegated, %d declined: every outcome must occur", own, delegated, declined)
	}
}

// TestGramExceptionsMatchScan: the exceptions of a perturbed evaluation
// (reputer l and the reputers whose clamping changes), found by binary
// search in the reputers sorted by V_n, are those of a scan over all
// reputers, in the same order.
func TestGramExceptionsMatchScan(t *testing.T) {
	cp, _ := DefaultParamsV6().compile()
	var checked, multi int
	rapid.Check(t, func(t *rapid.T) {
		in := completeInput(t, genGDInput(t, 8, 6))
		gi, ok := newGramInts(in.x)
		if !ok {
			t.Fatal("Gram evaluation not applicable")
		}
		e, err := newGramEngine(cp, in, gi.matrix())
		if err != nil {
			t.Fatal(err)
		}
		a := in.a0
		st, err := e.state(a)
		if err != nil {
			t.Skip(err)
		}
		pt := newGramPert(len(a))
		for l := range a {
			for _, neg := range []bool{false, true} {
				dA := new(big.Int).Set(&st.dT[l])
				if neg {
					dA.Neg(dA)
				}
				Ap := new(big.Int).Add(&st.A, dA)
				if Ap.Sign() != st.sigma {
					continue // recomputed from scratch: no exceptions
				}
				At := new(big.Int).Abs(Ap)
				var want []int
				for n := range a {
					if n == l || (st.V[n].Cmp(At) >= 0) != st.inC[n] {
						want = append(want, n)
					}
				}
				if _, err := e.perturbedScores(st, pt, a, l, neg); err != nil {
					continue
				}
				if !slices.Equal(pt.ex, want) {
					t.Fatalf("l %d neg %v: exceptions %v, scan %v", l, neg, pt.ex, want)
				}
				checked++
				if len(want) > 1 {
					multi++
				}
			}
		}
	})
	t.Logf("%d perturbations, %d with clamping changes", checked, multi)
	if multi == 0 {
		t.Error("no clamping change exercised")
	}
}

// TestGramStateIntoMatchesFresh: a base point computed in the storage of
// an earlier one (stateInto, as the ascent's iterations reuse it) equals
// one computed in new storage, field by field.
func TestGramStateIntoMatchesFresh(t *testing.T) {
	cp, _ := DefaultParamsV6().compile()
	rapid.Check(t, func(t *rapid.T) {
		in := completeInput(t, genGDInput(t, 8, 6))
		gi, ok := newGramInts(in.x)
		if !ok {
			t.Fatal("Gram evaluation not applicable")
		}
		e, err := newGramEngine(cp, in, gi.matrix())
		if err != nil {
			t.Fatal(err)
		}
		e.noFast = rapid.IntRange(0, 3).Draw(t, "noFast") == 0
		old, err := e.state(in.a0)
		if err != nil {
			t.Skip(err)
		}
		b := append([]dec.Dec(nil), in.a0...)
		for n := range b {
			b[n] = dec.New(rapid.Int64Range(0, 1e16).Draw(t, "a"), -16)
		}
		want, errW := e.state(b)
		got, errG := e.stateInto(old, b)
		if (errW == nil) != (errG == nil) {
			t.Fatalf("errors %v, %v", errW, errG)
		}
		if errW != nil {
			return
		}
		ints := func(x, y []big.Int) bool {
			return slices.EqualFunc(x, y, func(p, q big.Int) bool { return p.Cmp(&q) == 0 })
		}
		if got.e0 != want.e0 || got.sigma != want.sigma || got.nC != want.nC || got.fOK != want.fOK ||
			got.A.Cmp(&want.A) != 0 || got.At.Cmp(&want.At) != 0 || got.U.Cmp(&want.U) != 0 || got.Q.Cmp(&want.Q) != 0 ||
			got.sgC.Cmp(&want.sgC) != 0 || got.cGc.Cmp(&want.cGc) != 0 ||
			!ints(got.T, want.T) || !ints(got.dT, want.dT) || !ints(got.V, want.V) || !ints(got.u, want.u) ||
			!ints(got.g, want.g) || !ints(got.gC, want.gC) ||
			!slices.Equal(got.inC, want.inC) || !slices.Equal(got.byV, want.byV) {
			t.Fatalf("reused base point differs from a fresh one")
		}
		if got.fOK {
			for _, p := range [][2]*limbVec{{&got.fb, &want.fb}, {&got.fe, &want.fe}} {
				x, y := p[0], p[1]
				if x.w != y.w || x.bits != y.bits || !slices.Equal(x.mag, y.mag) || !slices.Equal(x.used, y.used) || !slices.Equal(x.neg, y.neg) {
					t.Fatalf("reused limb vectors differ")
				}
			}
		}
	})
}

// approx returns D and j with D <= T·10^j < D + 20 and D in [10^(d+3),
// 10^(d+4)), or ok = false.
func (k *gramScoreKernel) approx(N *big.Int) (D [2]uint64, j int, ok bool) {
	return k.approxTop(top192(N))
}
