package reputation

// Differential tests of the Gram evaluation against the reference
// evaluation: figures for the report (go test -run TestGramVsReference -v,
// -gramdiff.n=N for more cases), properties of the Gram mode, and the
// fixture conformance of the Gram mode.

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var gramDiffN = flag.Int("gramdiff.n", 0, "number of random inputs per family of TestGramVsReference (0: 100, 30 with -short)")

// diffStats collects the differences between two evaluations of the same
// inputs.
type diffStats struct {
	cases, errBoth, errDiffer, itersDiffer, knife, knifeLow int
	scores, adjusted                                        dec.Dec // largest relative differences
	coefs, coefsAbs                                         dec.Dec // largest relative and absolute coefficient differences
	worstCase                                               string
}

func (s *diffStats) String() string {
	return fmt.Sprintf("%d cases: max rel. difference scores %s, adjusted stakes %s, coefficients %s (max abs. %s); "+
		"%d with different iteration counts; %d knife-edge (a discrete decision of the ascent flipped: iteration count, or a coefficient moved by more than 1e-15 absolute or a score by 1e-15 relative), %d of them from a listened fraction below φ_min (the fix-up extrapolates); %d with errors in both, %d with errors in one",
		s.cases, s.scores.String(), s.adjusted.String(), s.coefs.String(), s.coefsAbs.String(), s.itersDiffer, s.knife, s.knifeLow, s.errBoth, s.errDiffer)
}

// knifeTol separates rounding noise from a flipped discrete decision of the
// ascent (stopping test, φ_min branch): every rounding difference between
// the modes on realistic inputs is below 10^−25 (TestGramVsReference).
var knifeTol = dec.MustParse("1e-15")

// belowPhiMin reports whether the starting listened fraction is below
// φ_min (the fix-up then extrapolates and amplifies any difference).
func belowPhiMin(cp params, in *gdInput) bool {
	w, err := weightedSum(cp.ctx, in.a0, in.stakes)
	if err != nil {
		return false
	}
	f, err := cp.ctx.Quo(w, dec.Sum(in.stakes))
	return err == nil && f.Cmp(cp.phiMin) < 0
}

// add compares one case; it returns an error for a difference the modes
// must not have (different error classes).
func (s *diffStats) add(name string, low bool, ref gdResult, rerr error, gram gdResult, gerr error) error {
	s.cases++
	if rerr != nil || gerr != nil {
		if rerr != nil && gerr != nil {
			s.errBoth++
			return nil
		}
		s.errDiffer++
		// The Gram evaluation can see Σ a·S or ΣŜ exactly 0 where the
		// reference's rounded sums are not (and vice versa): only these
		// classes may differ.
		for _, e := range []error{rerr, gerr} {
			if e != nil && !errors.Is(e, ErrZeroListenedStake) && !errors.Is(e, ErrZeroConsensusWeight) {
				return fmt.Errorf("%s: reference error %v, Gram error %v", name, rerr, gerr)
			}
		}
		return nil
	}
	knife := func() {
		s.knife++
		if low {
			s.knifeLow++
		}
	}
	if ref.iters != gram.iters {
		s.itersDiffer++
		knife()
		return nil
	}
	var sc, co, ad, coAbs dec.Dec
	for m := range ref.scores {
		sc = dec.Max(sc, relDiff(gram.scores[m], ref.scores[m]))
		co = dec.Max(co, relDiff(gram.coefs[m], ref.coefs[m]))
		coAbs = dec.Max(coAbs, gram.coefs[m].Sub(ref.coefs[m]).Abs())
		ad = dec.Max(ad, relDiff(gram.adjusted[m], ref.adjusted[m]))
	}
	if sc.Cmp(knifeTol) > 0 || coAbs.Cmp(knifeTol) > 0 {
		knife()
		return nil
	}
	if sc.Cmp(s.scores) > 0 || coAbs.Cmp(s.coefsAbs) > 0 {
		s.worstCase = name
	}
	s.scores, s.coefs, s.adjusted = dec.Max(s.scores, sc), dec.Max(s.coefs, co), dec.Max(s.adjusted, ad)
	s.coefsAbs = dec.Max(s.coefsAbs, coAbs)
	return nil
}

// realisticInput draws a complete problem like the fixtures' and the
// benchmarks': log10 losses in [−6, −1] with 16 decimals, reputer noise of
// 0.001 to 0.1, stakes of 10^3 to 10^6 tokens in base units (some with
// wei-level digits), coefficients 1 or in [0.3, 1) with 16 decimals.
func realisticInput(rng *rand.Rand, maxR, maxK int) *gdInput {
	R, K := 1+rng.IntN(maxR), 1+rng.IntN(maxK)
	noise := []float64{0.001, 0.01, 0.1}[rng.IntN(3)]
	base := make([]float64, K)
	for c := range base {
		base[c] = -1 - 5*rng.Float64()
	}
	in := &gdInput{}
	for m := 0; m < R; m++ {
		row := make([]dec.Dec, K)
		pres := make([]bool, K)
		for c := range row {
			row[c] = dec.New(int64((base[c]+noise*rng.NormFloat64())*1e16), -16)
			pres[c] = true
		}
		in.x = append(in.x, row)
		in.present = append(in.present, pres)
		s := dec.New(1000+rng.Int64N(1_000_000), 18)
		if rng.IntN(2) == 0 {
			s = s.Add(dec.FromInt64(rng.Int64N(1e18)))
		}
		in.stakes = append(in.stakes, s)
		a := dec.One()
		if rng.IntN(3) != 0 {
			a = dec.New(3_000_000_000_000_000+rng.Int64N(7_000_000_000_000_000), -16)
		}
		in.a0 = append(in.a0, a)
	}
	return in
}

// TestGramVsReference is the differential test of the Gram evaluation
// against the reference evaluation (bit-identical to the transcription of
// the reference), over random complete inputs of two families: realistic
// (fixture-like values) and adversarial (the package's generator of exact
// ties, integers, tiny stakes, coefficients 0, 1 and outside [0, 1],
// completed), under V6 and NEWEST parameters (adversarial: random φ_min and
// iteration caps). For every tenth realistic input it also runs the
// reference algorithm at 60 digits, a stand-in for exact arithmetic, and
// reports how far each 34-digit mode is from it. Rounding differences must stay below
// 10^−25 for realistic inputs; cases where a discrete decision flipped are
// counted and reported, not failed (they must be rare on realistic inputs).
func TestGramVsReference(t *testing.T) {
	n := *gramDiffN
	if n == 0 {
		n = 100
		if testing.Short() {
			n = 30
		}
	}
	for _, fam := range []string{"realistic", "adversarial"} {
		t.Run(fam, func(t *testing.T) {
			var st, refExact, gramExact diffStats
			rng := rand.New(rand.NewPCG(42, uint64(len(fam))))
			for i := 0; i < n; i++ {
				var in *gdInput
				p := DefaultParamsV6()
				if i%2 == 1 {
					p = DefaultParams()
				}
				if fam == "realistic" {
					in = realisticInput(rng, 12, 40)
				} else {
					in = adversarialInput(int(rng.Int64()))
					if i%5 == 0 {
						p.MinStakeFraction = decimal.New(int64(rng.IntN(11)), -1)
					}
					p.GradientDescentMaxIters = 1 + rng.IntN(10)
				}
				cp, err := p.compile()
				if err != nil {
					t.Fatal(err)
				}
				low := belowPhiMin(cp, in)
				ref, rerr := listening(cp, in)
				gi, ok := newGramInts(in.x)
				if !ok {
					t.Fatal("Gram evaluation not applicable")
				}
				gram, gerr := listeningGram(cp, in, gi.matrix())
				name := fmt.Sprintf("%s #%d", fam, i)
				if err := st.add(name, low, ref, rerr, gram, gerr); err != nil {
					t.Fatal(err)
				}
				if fam == "realistic" && i%10 == 0 {
					p.Digits = 60
					cp60, _ := p.compile()
					ex, xerr := listening(cp60, in)
					refExact.add(name, low, ex, xerr, ref, rerr)
					gramExact.add(name, low, ex, xerr, gram, gerr)
				}
			}
			t.Logf("%s, Gram vs reference: %s", fam, st.String())
			if fam == "realistic" {
				t.Logf("%s, reference (34 digits) vs the reference algorithm at 60 digits: %s", fam, refExact.String())
				t.Logf("%s, Gram (34 digits) vs the reference algorithm at 60 digits: %s", fam, gramExact.String())
				if lim := dec.MustParse("1e-25"); st.scores.Cmp(lim) > 0 || st.coefsAbs.Cmp(lim) > 0 || st.adjusted.Cmp(lim) > 0 {
					t.Errorf("differences above 1e-25 (worst %s)", st.worstCase)
				}
				if st.knife*50 > st.cases || st.errDiffer > 0 {
					t.Errorf("too many flipped decisions or error differences")
				}
			}
		})
	}
}

// adversarialInput draws a complete problem from the package's rapid
// generator (genGDInput) with a fixed seed.
func adversarialInput(seed int) *gdInput {
	return rapid.Custom(func(t *rapid.T) *gdInput {
		return completeInput(t, genGDInput(t, 6, 10))
	}).Example(seed)
}

// TestGramVsReferenceFixture compares the two evaluations on every row of
// inference_oct2024.csv (5 reputers, K = 36, 10 iterations each).
func TestGramVsReferenceFixture(t *testing.T) {
	tab := fixture.Require(t, fixture.InferenceOct2024)
	s := fxShape(t, tab)
	var st diffStats
	for e := 1; e < len(tab.Rows); e++ {
		row, prev := tab.Rows[e], tab.Rows[e-1]
		var res [2]gdResult
		var errs [2]error
		for i, mode := range []string{EvaluationReference, EvaluationGram} {
			p := DefaultParamsV6()
			p.ListeningEvaluation = mode
			pr, err := prepare(fxReports(t, row, s), fxCoefficients(t, prev, s), p)
			if err != nil {
				t.Fatal(err)
			}
			if (pr.gram != nil) != (mode == EvaluationGram) {
				t.Fatalf("row %s: mode %s not applied", row.Str(scheme.Epoch), mode)
			}
			if pr.gram != nil {
				res[i], errs[i] = listeningGram(pr.cp, pr.in, pr.gram.matrix())
			} else {
				res[i], errs[i] = listening(pr.cp, pr.in)
			}
		}
		if err := st.add("row "+row.Str(scheme.Epoch), false, res[0], errs[0], res[1], errs[1]); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("fixture rows: %s", st.String())
	if lim := dec.MustParse("1e-25"); st.knife > 0 || st.scores.Cmp(lim) > 0 || st.coefsAbs.Cmp(lim) > 0 || st.adjusted.Cmp(lim) > 0 {
		t.Errorf("the modes differ by more than 1e-25 on the fixture")
	}
}

// genCompleteReports draws R reports in which every reputer reports every
// worker of every list (so the Gram evaluation applies), coefficients in
// [aLo/1000, 1].
func genCompleteReports(t *rapid.T, maxR int, aLo int64) ([]loss.Report, []loss.Value) {
	R := rapid.IntRange(1, maxR).Draw(t, "R")
	nInf := rapid.IntRange(1, 4).Draw(t, "inferers")
	nFc := rapid.IntRange(0, 2).Draw(t, "forecasters")
	var reports []loss.Report
	var coefs []loss.Value
	for m := 0; m < R; m++ {
		id := fmt.Sprintf("rep%02d", m)
		b := loss.Bundle{Combined: genLoss(t, "comb").Decimal(), Naive: genLoss(t, "naive").Decimal()}
		for j := 0; j < nInf; j++ {
			b.Inferers = append(b.Inferers, loss.Value{ID: fmt.Sprintf("inf%d", j), Value: genLoss(t, "inf").Decimal()})
			b.OneOutInferers = append(b.OneOutInferers, loss.Value{ID: fmt.Sprintf("inf%d", j), Value: genLoss(t, "ooi").Decimal()})
		}
		for k := 0; k < nFc; k++ {
			f := fmt.Sprintf("fc%d", k)
			b.Forecasters = append(b.Forecasters, loss.Value{ID: f, Value: genLoss(t, "fc").Decimal()})
			b.OneInForecasters = append(b.OneInForecasters, loss.Value{ID: f, Value: genLoss(t, "oif").Decimal()})
			b.OneOutForecasters = append(b.OneOutForecasters, loss.Value{ID: f, Value: genLoss(t, "oof").Decimal()})
			for j := 0; j < nInf; j++ {
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{Forecaster: f, Inferer: fmt.Sprintf("inf%d", j), Value: loss.MustNum(genLoss(t, "ooif").Decimal())})
			}
		}
		reports = append(reports, loss.Report{Reputer: id, Stake: genStake(t, "S").Decimal(), Losses: b})
		coefs = append(coefs, loss.Value{ID: id, Value: decimal.New(rapid.Int64Range(aLo, 1000).Draw(t, "a"), -3)})
	}
	return reports, coefs
}

func gramParams(t *rapid.T) Params {
	p := DefaultParamsV6()
	if rapid.Bool().Draw(t, "newest") {
		p = DefaultParams()
	}
	p.ListeningEvaluation = EvaluationGram
	return p
}

// TestGramPropertyPermutationInvariance: under the Gram evaluation,
// shuffling the reports, the entries of every list and the previous
// coefficients changes nothing (bit for bit).
func TestGramPropertyPermutationInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reports, coefs := genCompleteReports(t, 5, 0)
		p := gramParams(t)
		base, berr := ScoreReputers(reports, coefs, p)
		if berr == nil && base.Evaluation != EvaluationGram {
			t.Fatalf("evaluation %q", base.Evaluation)
		}
		perm := rapid.Permutation(reports).Draw(t, "reports")
		for i := range perm {
			b := perm[i].Losses
			b.Inferers = rapid.Permutation(b.Inferers).Draw(t, "inf")
			b.OneOutInferers = rapid.Permutation(b.OneOutInferers).Draw(t, "ooi")
			b.Forecasters = rapid.Permutation(b.Forecasters).Draw(t, "fc")
			b.OneInForecasters = rapid.Permutation(b.OneInForecasters).Draw(t, "oif")
			b.OneOutForecasters = rapid.Permutation(b.OneOutForecasters).Draw(t, "oof")
			b.OneOutInfererForecasters = rapid.Permutation(b.OneOutInfererForecasters).Draw(t, "ooif")
			perm[i].Losses = b
		}
		got, gerr := ScoreReputers(perm, rapid.Permutation(coefs).Draw(t, "coefs"), p)
		if (berr == nil) != (gerr == nil) || (berr == nil && !sameReputerScores(base, got)) {
			t.Fatalf("permutation changed the result: %v %v\n%+v\n%+v", berr, gerr, base, got)
		}
	})
}

// TestGramPropertyStakeScaling: under the Gram evaluation, multiplying
// every stake by 10^k leaves every output bit-identical; multiplying by
// another integer f leaves the adjusted stakes (6.1), hence the consensus
// scores of the first iteration, mathematically unchanged: the scores of a
// one-iteration ascent are bit-identical (the Gram scores are the exact
// scores truncated), and after more iterations the outputs agree to 10^−20
// relative (Φ = Σ S·T is rounded, so the gradient's last digits move) unless
// a discrete decision of the ascent flips (skipped, as in
// TestPropertyStakeScaling).
func TestGramPropertyStakeScaling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reports, coefs := genCompleteReports(t, 4, 750)
		p := gramParams(t)
		base, err := ScoreReputers(reports, coefs, p)
		if err != nil {
			skipZeroWeight(t, err)
		}
		k := rapid.IntRange(1, 12).Draw(t, "k")
		f := rapid.Int64Range(2, 1000).Draw(t, "f")
		pow, scaled := slices.Clone(reports), slices.Clone(reports)
		for i := range reports {
			pow[i].Stake = reports[i].Stake.Shift(int32(k))
			scaled[i].Stake = reports[i].Stake.Mul(decimal.NewFromInt(f))
		}
		got, err := ScoreReputers(pow, coefs, p)
		if err != nil || !sameReputerScores(base, got) {
			t.Fatalf("×10^%d changed the result: %v", k, err)
		}
		p1 := p
		p1.GradientDescentMaxIters = 1
		one, err1 := ScoreReputers(reports, coefs, p1)
		oneScaled, err2 := ScoreReputers(scaled, coefs, p1)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("×%d: errors %v / %v", f, err1, err2)
		}
		if err1 == nil {
			for i := range one.Reputers {
				if !one.Reputers[i].Score.Equal(oneScaled.Reputers[i].Score) {
					t.Fatalf("×%d changed a first-iteration score: %s vs %s", f, one.Reputers[i].Score, oneScaled.Reputers[i].Score)
				}
			}
		}
		got, err = ScoreReputers(scaled, coefs, p)
		if err != nil {
			skipZeroWeight(t, err)
		}
		if got.Iterations != base.Iterations {
			t.Skip("iteration counts differ")
		}
		tol := dec.MustParse("1e-20")
		for i, r := range got.Reputers {
			for _, pair := range [][2]decimal.Decimal{{r.Score, base.Reputers[i].Score}, {r.ListeningCoefficient, base.Reputers[i].ListeningCoefficient}} {
				a, _ := dec.FromDecimal(pair[0])
				b, _ := dec.FromDecimal(pair[1])
				lim, _ := dec.Context{}.Mul(tol, dec.Max(b.Abs(), dec.One()))
				if a.Sub(b).Abs().Cmp(lim) > 0 {
					t.Fatalf("×%d: %s vs %s", f, a, b)
				}
			}
		}
	})
}

// TestGramFallsBackWithMissingEntries: a report that omits an entry makes
// the Gram request fall back to the reference evaluation, with identical
// results, and says so.
func TestGramFallsBackWithMissingEntries(t *testing.T) {
	reports := []loss.Report{simpleReport("a", 100, "-2"), simpleReport("b", 200, "-2.2"), simpleReport("c", 300, "-1.9")}
	reports[1].Losses.Inferers = append(reports[1].Losses.Inferers, loss.Value{ID: "stranger", Value: d("-3")})
	p := DefaultParamsV6()
	want, err := ScoreReputers(reports, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	p.ListeningEvaluation = EvaluationGram
	got, err := ScoreReputers(reports, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	if got.Evaluation != EvaluationReference || want.Evaluation != EvaluationReference || !sameReputerScores(want, got) {
		t.Fatalf("%+v\n%+v", got, want)
	}
	// Complete again: the Gram evaluation applies.
	reports[1].Losses.Inferers = reports[1].Losses.Inferers[:1]
	if got, err = ScoreReputers(reports, nil, p); err != nil || got.Evaluation != EvaluationGram {
		t.Fatalf("%+v %v", got, err)
	}
}

// TestGramMatrixKernels: the three Gram kernels (64-bit, 128-bit, math/big)
// give the exact Gram matrix, computed here with math/big from the
// decimal-core values, for values of each width class: 16-digit losses,
// 34-digit values, and values whose digits span hundreds of places (and
// beyond maxGramBits: not applicable).
func TestGramMatrixKernels(t *testing.T) {
	classes := map[int]int{}
	rapid.Check(t, func(t *rapid.T) {
		R := rapid.IntRange(1, 5).Draw(t, "R")
		K := rapid.IntRange(1, 1100).Draw(t, "K") // spans gramBlock
		kind := rapid.IntRange(0, 4).Draw(t, "kind")
		x := make([][]dec.Dec, R)
		for m := range x {
			x[m] = make([]dec.Dec, K)
			for c := range x[m] {
				switch kind {
				case 0:
					x[m][c] = genLoss(t, "x")
				case 1: // up to 34 digits
					v := dec.New(rapid.Int64().Draw(t, "hi"), 0).Shift(17).Add(dec.New(rapid.Int64Range(-1e17, 1e17).Draw(t, "lo"), 0))
					x[m][c] = v.Shift(int32(rapid.IntRange(-40, -30).Draw(t, "e")))
				case 2: // wide exponent spans
					x[m][c] = dec.New(rapid.Int64().Draw(t, "c"), int32(rapid.IntRange(-150, 40).Draw(t, "e")))
				case 3: // beyond maxGramBits for some
					x[m][c] = dec.New(rapid.Int64Range(-9, 9).Draw(t, "c"), int32(rapid.IntRange(-200, 200).Draw(t, "e")))
				default: // the 64-bit kernel at the ends of int64 (offsets up to 2^63)
					v := rapid.SampledFrom([]int64{math.MinInt64, math.MinInt64 + 1, -1, 0, 1, math.MaxInt64 - 1, math.MaxInt64}).Draw(t, "v64")
					if rapid.Bool().Draw(t, "any") {
						v = rapid.Int64().Draw(t, "v")
					}
					x[m][c] = dec.New(v, -3)
				}
			}
		}
		gi, ok := newGramInts(x)
		if !ok {
			if kind != 3 {
				t.Fatal("not applicable")
			}
			return
		}
		classes[gi.class]++
		gm := gi.matrix()
		for m := 0; m < R; m++ {
			for l := 0; l < R; l++ {
				want := new(big.Int)
				for c := 0; c < K; c++ {
					a := x[m][c].Shift(-gm.E).TruncInt()
					b := x[l][c].Shift(-gm.E).TruncInt()
					want.Add(want, a.Mul(a, b))
				}
				if gm.at(m, l).Cmp(want) != 0 {
					t.Fatalf("class %d: Ĝ[%d][%d] = %s, want %s", gi.class, m, l, gm.at(m, l), want)
				}
			}
		}
		// E is the largest exponent at which every value is an integer.
		for m := range x {
			for c := range x[m] {
				if !x[m][c].Shift(-gm.E).IsInteger() {
					t.Fatalf("x[%d][%d] = %s not an integer at 10^%d", m, c, x[m][c], gm.E)
				}
			}
		}
	})
	t.Logf("kernels used (1: 64-bit, 2: 128-bit, 0: math/big): %v", classes)
	for _, c := range []int{0, 1, 2} {
		if classes[c] == 0 {
			t.Errorf("kernel %d not exercised", c)
		}
	}
}

// TestGramHostile: bounds and degenerate inputs of the Gram evaluation.
func TestGramHostile(t *testing.T) {
	gram := DefaultParamsV6()
	gram.ListeningEvaluation = EvaluationGram
	// More coordinates than the reference accepts: the Gram evaluation
	// takes them; with a missing entry it falls back and refuses.
	wide := []loss.Report{{Reputer: "a", Stake: d("5"), Losses: loss.Bundle{Combined: d("-2"), Naive: d("-3")}},
		{Reputer: "b", Stake: d("7"), Losses: loss.Bundle{Combined: d("-2.5"), Naive: d("-3")}}}
	for j := 0; j < MaxCoordinates; j++ {
		v := loss.Value{ID: fmt.Sprintf("w%06d", j), Value: decimal.New(-int64(j%1000), -3)}
		wide[0].Losses.Inferers = append(wide[0].Losses.Inferers, v)
		wide[1].Losses.Inferers = append(wide[1].Losses.Inferers, v)
	}
	res, err := ScoreReputers(wide, nil, gram)
	if err != nil || res.Evaluation != EvaluationGram {
		t.Fatalf("K = %d under the Gram evaluation: %+v %v", MaxCoordinates+2, res.Evaluation, err)
	}
	if _, err := ScoreReputers(wide, nil, DefaultParamsV6()); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("reference: %v", err)
	}
	wide[1].Losses.Inferers = wide[1].Losses.Inferers[1:]
	if _, err := ScoreReputers(wide, nil, gram); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("fallback: %v", err)
	}
	// Work bound: 512 reputers × 1000 iterations.
	many := make([]loss.Report, 512)
	for i := range many {
		many[i] = simpleReport(fmt.Sprintf("r%04d", i), 1, "-2")
	}
	p := gram
	p.GradientDescentMaxIters = 1000
	if _, err := ScoreReputers(many, nil, p); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("work bound: %v", err)
	}
	// Values too wide for the integers: the reference evaluation runs.
	ext := []loss.Report{simpleReport("a", 1, "1e-180"), simpleReport("b", 2, "1e180")}
	res, err = ScoreReputers(ext, nil, gram)
	want, werr := ScoreReputers(ext, nil, DefaultParamsV6())
	if err != nil || werr != nil || res.Evaluation != EvaluationReference || !sameReputerScores(res, want) {
		t.Fatalf("wide values: %+v %v / %+v %v", res, err, want, werr)
	}
	// A zero consensus (x and −x with equal weights): both use ε_safe.
	opp := twoCoordinateReports([]int64{5, 5}, [][2]string{{"-1.5", "2"}, {"1.5", "-2"}})
	res, err = ScoreReputers(opp, nil, gram)
	want, werr = ScoreReputers(opp, nil, DefaultParamsV6())
	if err != nil || werr != nil || res.Evaluation != EvaluationGram {
		t.Fatalf("zero consensus: %v %v", err, werr)
	}
	for i := range res.Reputers {
		g, _ := dec.FromDecimal(res.Reputers[i].Score)
		w, _ := dec.FromDecimal(want.Reputers[i].Score)
		if relDiff(g, w).Cmp(dec.MustParse("1e-32")) > 0 {
			t.Fatalf("zero consensus: %s vs %s", g, w)
		}
	}
	// One reputer: T = 1/ε_R, coefficient unchanged.
	res, err = ScoreReputers([]loss.Report{simpleReport("a", 7, "-2.123456789")}, []loss.Value{{ID: "a", Value: d("0.7")}}, gram)
	if err != nil || !res.Reputers[0].Score.Equal(d("100")) || !res.Reputers[0].ListeningCoefficient.Equal(d("0.7")) || res.Evaluation != EvaluationGram {
		t.Fatalf("one reputer: %+v %v", res, err)
	}
	// All coefficients 0 (V6): Σ a·S = 0 as in the reference.
	two := []loss.Report{simpleReport("a", 100, "-2"), simpleReport("b", 200, "-2.5")}
	if _, err := ScoreReputers(two, []loss.Value{{ID: "a"}, {ID: "b"}}, gram); !errors.Is(err, ErrZeroListenedStake) {
		t.Fatalf("zero coefficients: %v", err)
	}
}
