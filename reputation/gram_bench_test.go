package reputation

// Benchmarks of the Gram evaluation (ListeningEvaluation = EvaluationGram):
// the reference size classes of bench_test.go, and the shapes a settlement
// produces. Run with -cpu 1; cpu-ns/op is the process's CPU time per call.
//
//	go test ./reputation -run '^$' -bench 'Gram' -cpu 1

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// The size classes of bench_test.go under the Gram evaluation.
func BenchmarkScoreReputersGramFixture(b *testing.B) {
	benchmarkScoreReputersMode(b, 5, 36, EvaluationGram)
}
func BenchmarkScoreReputersGramSmall(b *testing.B) {
	benchmarkScoreReputersMode(b, 16, 128, EvaluationGram)
}
func BenchmarkScoreReputersGramMedium(b *testing.B) {
	benchmarkScoreReputersMode(b, 32, 300, EvaluationGram)
}
func BenchmarkScoreReputersGramLarge(b *testing.B) {
	benchmarkScoreReputersMode(b, 128, 1100, EvaluationGram)
}
func BenchmarkScoreReputersGramLargeAllIterations(b *testing.B) {
	benchmarkAllIterations(b, EvaluationGram)
}

// settlementIDs returns the worker ids of a settlement with n inferers and
// n forecasters (shared by every report, as a settlement's are).
func settlementIDs(n int) (inf, fc []string) {
	inf, fc = make([]string, n), make([]string, n)
	for j := range inf {
		inf[j] = fmt.Sprintf("inferer-%04d", j)
		fc[j] = fmt.Sprintf("forecaster-%04d", j)
	}
	return inf, fc
}

// settlementReports returns R complete reports of the shape a settlement
// with n inferers and n forecasters produces: K = 2 + 2n + n² + 3n values
// (combined, naive, inferers, forecasters, one-out-inferer forecasters,
// one-out inferers, one-out forecasters, one-in forecasters), log10 losses
// with 16 decimals and reputer noise 0.01, stakes 2·10^23..5·10^23.
func settlementReports(R, n int) []loss.Report {
	rng := rand.New(rand.NewPCG(uint64(R), uint64(n)))
	inf, fc := settlementIDs(n)
	K := 2 + 5*n + n*n
	base := make([]float64, K)
	for c := range base {
		base[c] = -1 - 5*rng.Float64()
	}
	out := make([]loss.Report, R)
	for m := range out {
		c := 0
		val := func() decimal.Decimal {
			v := decimal.New(int64((base[c]+0.01*rng.NormFloat64())*1e16), -16)
			c++
			return v
		}
		b := loss.Bundle{Combined: val(), Naive: val()}
		for j := range inf {
			b.Inferers = append(b.Inferers, loss.Value{ID: inf[j], Value: val()})
		}
		for k := range fc {
			b.Forecasters = append(b.Forecasters, loss.Value{ID: fc[k], Value: val()})
		}
		b.OneOutInfererForecasters = make([]loss.PairValue, 0, n*n)
		for k := range fc {
			for j := range inf {
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{Forecaster: fc[k], Inferer: inf[j], Value: loss.MustNum(val())})
			}
		}
		for j := range inf {
			b.OneOutInferers = append(b.OneOutInferers, loss.Value{ID: inf[j], Value: val()})
		}
		for k := range fc {
			b.OneOutForecasters = append(b.OneOutForecasters, loss.Value{ID: fc[k], Value: val()})
		}
		for k := range fc {
			b.OneInForecasters = append(b.OneInForecasters, loss.Value{ID: fc[k], Value: val()})
		}
		out[m] = loss.Report{Reputer: fmt.Sprintf("r%04d", m), Stake: decimal.New(200_000+rng.Int64N(300_000), 18), Losses: b}
	}
	return out
}

// settlementInput returns the completed loss matrix of settlementReports
// directly (without building the reports: 128 reports of the n = 512 shape
// would take several GB as shopspring decimals), and the values as
// coefficients (two's complement) and exponents (the form prepare hands to
// newGramIntsSmall).
func settlementInput(R, n int) (*gdInput, []uint64, []smallExp) {
	rng := rand.New(rand.NewPCG(uint64(R), uint64(n)))
	K := 2 + 5*n + n*n
	base := make([]float64, K)
	for c := range base {
		base[c] = -1 - 5*rng.Float64()
	}
	in := &gdInput{}
	coef, exp := make([]uint64, R*K), make([]smallExp, R*K)
	for m := 0; m < R; m++ {
		row := make([]dec.Dec, K)
		pres := make([]bool, K)
		for c := range row {
			v := int64((base[c] + 0.01*rng.NormFloat64()) * 1e16)
			row[c] = dec.New(v, -16)
			coef[m*K+c], exp[m*K+c] = uint64(v), -16
			pres[c] = true
		}
		in.x = append(in.x, row)
		in.present = append(in.present, pres)
		in.stakes = append(in.stakes, dec.New(200_000+rng.Int64N(300_000), 18))
	}
	for _, c := range synthCoefficients(R) {
		a, _ := dec.FromDecimal(c.Value)
		in.a0 = append(in.a0, a)
	}
	return in, coef, exp
}

// BenchmarkGramSettlement times the Gram evaluation on the shapes of a
// settlement with n inferers and n forecasters (K = 2 + 5n + n²) and R
// reputers:
//
//   - ScoreReputers: the whole call from the reports (completion and
//     conversion of R·K values, the Gram matrix, the ascent); skipped for
//     n = 512 with 128 reputers (the reports alone take several GB);
//   - GramMatrix: the exact Gram matrix from the completed values
//     (coefficients and exponents to integers, R²·K/2 multiply-adds);
//   - Ascent: the ascent given the Gram matrix.
func BenchmarkGramSettlement(b *testing.B) {
	for _, n := range []int{128, 512} {
		for _, R := range []int{5, 16, 128} {
			name := fmt.Sprintf("n=%d/K=%d/R=%d", n, 2+5*n+n*n, R)
			b.Run(name+"/ScoreReputers", func(b *testing.B) {
				if testing.Short() && n*R > 128*16 {
					b.Skip("large settlement shape skipped in -short mode")
				}
				if n == 512 && R == 128 {
					b.Skip("the reports of this shape take several GB; see GramMatrix and Ascent")
				}
				reports, coefs := settlementReports(R, n), synthCoefficients(R)
				p := DefaultParamsV6()
				p.ListeningEvaluation = EvaluationGram
				b.ReportAllocs()
				b.ResetTimer()
				c0, calls, iters := processCPU(), 0, 0
				for b.Loop() {
					res, err := ScoreReputers(reports, coefs, p)
					if err != nil || res.Evaluation != EvaluationGram {
						b.Fatal(res.Evaluation, err)
					}
					iters = res.Iterations
					calls++
				}
				reportCPU(b, c0, calls)
				b.ReportMetric(float64(iters), "iters")
			})
			var in *gdInput
			var coef []uint64
			var exp []smallExp
			setup := func(b *testing.B) {
				if testing.Short() && n*R > 128*16 {
					b.Skip("large settlement shape skipped in -short mode")
				}
				if in == nil {
					in, coef, exp = settlementInput(R, n)
				}
			}
			b.Run(name+"/GramMatrix", func(b *testing.B) {
				setup(b)
				b.ReportAllocs()
				b.ResetTimer()
				c0, calls := processCPU(), 0
				x := make([]uint64, len(coef))
				for b.Loop() {
					copy(x, coef) // newGramIntsSmall converts in place
					gi, ok := newGramIntsSmall(R, len(in.x[0]), x, exp, 0)
					if !ok {
						b.Fatal("not applicable")
					}
					gi.matrix()
					calls++
				}
				reportCPU(b, c0, calls)
				b.ReportMetric(float64(R)*float64(R)*float64(len(in.x[0]))/2, "mul-adds")
			})
			b.Run(name+"/Ascent", func(b *testing.B) {
				setup(b)
				gi, _ := newGramIntsSmall(R, len(in.x[0]), slices.Clone(coef), exp, 0)
				gm := gi.matrix()
				cp, _ := DefaultParamsV6().compile()
				b.ReportAllocs()
				b.ResetTimer()
				c0, calls, iters := processCPU(), 0, 0
				for b.Loop() {
					res, err := listeningGram(cp, in, gm)
					if err != nil {
						b.Fatal(err)
					}
					iters = res.iters
					calls++
				}
				reportCPU(b, c0, calls)
				b.ReportMetric(float64(iters), "iters")
			})
		}
	}
}

// BenchmarkReferenceSettlement times the reference evaluation on the
// settlement shapes it accepts (MaxConsensusWork, MaxCoordinates): n = 128
// with 5 and 16 reputers.
func BenchmarkReferenceSettlement(b *testing.B) {
	for _, R := range []int{5, 16} {
		b.Run(fmt.Sprintf("n=128/K=17026/R=%d", R), func(b *testing.B) {
			if testing.Short() {
				b.Skip("large settlement shape skipped in -short mode")
			}
			reports, coefs := settlementReports(R, 128), synthCoefficients(R)
			p := DefaultParamsV6()
			b.ReportAllocs()
			b.ResetTimer()
			c0, calls, iters := processCPU(), 0, 0
			for b.Loop() {
				res, err := ScoreReputers(reports, coefs, p)
				if err != nil {
					b.Fatal(err)
				}
				iters = res.Iterations
				calls++
			}
			reportCPU(b, c0, calls)
			b.ReportMetric(float64(iters), "iters")
		})
	}
}

// gramIterationSetup returns the engine of the Large shape (128 reputers
// × 1,100 values) and the coefficients of its third ascent iteration
// (34-digit coefficients, the widths of most iterations), with the base
// point there.
func gramIterationSetup(b *testing.B) (*gramEngine, *gramState, []dec.Dec) {
	p := DefaultParamsV6()
	p.ListeningEvaluation = EvaluationGram
	pr, err := prepare(synthReports(128, 1100), synthCoefficients(128), p)
	if err != nil {
		b.Fatal(err)
	}
	e, err := newGramEngine(pr.cp, pr.in, pr.gram.matrix())
	if err != nil {
		b.Fatal(err)
	}
	cp := e.cp
	cp.maxIters, cp.gThr = 2, cp.gThr.Shift(-30)
	res, err := listeningGram(cp, e.in, e.gm)
	if err != nil {
		b.Fatal(err)
	}
	st, err := e.state(res.coefs)
	if err != nil {
		b.Fatal(err)
	}
	return e, st, res.coefs
}

// BenchmarkGramIteration times the parts of one ascent iteration of the
// Gram evaluation at the Large shape (gramIterationSetup): the base point,
// the scores of the R perturbed evaluations (ns/score: per reputer and
// evaluation) and Φ of one evaluation.
func BenchmarkGramIteration(b *testing.B) {
	b.Run("BasePoint", func(b *testing.B) {
		e, st, a := gramIterationSetup(b)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := e.stateInto(st, a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("PerturbedScores", func(b *testing.B) {
		e, st, a := gramIterationSetup(b)
		pt := newGramPert(e.R)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			for l := range a {
				if _, err := e.perturbedScores(st, pt, a, l, a[l].Equal(dec.One())); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(e.R*e.R), "ns/score")
	})
	b.Run("Phi", func(b *testing.B) {
		e, st, a := gramIterationSetup(b)
		sc, err := e.perturbedScores(st, newGramPert(e.R), a, 0, a[0].Equal(dec.One()))
		if err != nil {
			b.Fatal(err)
		}
		sc = append([]gramScore(nil), sc...)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := e.phi(sc); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(e.R), "ns/score")
	})
}

// BenchmarkPrepareReputers times ScoreReputers' input preparation
// (validation, completion, conversion of the values, the Gram integers) at
// the Large shape and at a settlement's (n = 128 inferers and forecasters,
// 16 reputers: K = 17,026).
func BenchmarkPrepareReputers(b *testing.B) {
	for _, c := range []struct {
		name    string
		reports []loss.Report
		coefs   []loss.Value
	}{
		{"Large", synthReports(128, 1100), synthCoefficients(128)},
		{"Settlement/n=128/R=16", settlementReports(16, 128), synthCoefficients(16)},
	} {
		b.Run(c.name, func(b *testing.B) {
			p := DefaultParamsV6()
			p.ListeningEvaluation = EvaluationGram
			b.ReportAllocs()
			for b.Loop() {
				pr, err := prepare(c.reports, c.coefs, p)
				if err != nil || pr.gram == nil {
					b.Fatal(err)
				}
			}
		})
	}
}
