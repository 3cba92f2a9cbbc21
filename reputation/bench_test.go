package reputation

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// synthReports returns R reports of K−2 inferer losses (plus combined and
// naive) drawn like the fixture's: log10 losses in [−6, −1] with 16
// decimals, reputer noise around a common value, stakes 2·10^23..5·10^23
// base units. Deterministic (PCG seeded by the sizes).
func synthReports(R, K int) []loss.Report {
	rng := rand.New(rand.NewPCG(uint64(R), uint64(K)))
	base := make([]float64, K)
	for c := range base {
		base[c] = -1 - 5*rng.Float64()
	}
	val := func(f float64) decimal.Decimal { return decimal.New(int64(f*1e16), -16) }
	out := make([]loss.Report, R)
	for m := range out {
		b := loss.Bundle{Combined: val(base[0] + 0.1*rng.NormFloat64()), Naive: val(base[1] + 0.1*rng.NormFloat64())}
		for c := 2; c < K; c++ {
			b.Inferers = append(b.Inferers, loss.Value{ID: fmt.Sprintf("w%05d", c), Value: val(base[c] + 0.1*rng.NormFloat64())})
		}
		stake := decimal.New(200_000+rng.Int64N(300_000), 18)
		out[m] = loss.Report{Reputer: fmt.Sprintf("r%04d", m), Stake: stake, Losses: b}
	}
	return out
}

// synthCoefficients returns coefficients like the fixture's: most near 1,
// some near 0.3.
func synthCoefficients(R int) []loss.Value {
	rng := rand.New(rand.NewPCG(uint64(R), 7))
	out := make([]loss.Value, R)
	for m := range out {
		a := 0.98 + 0.01*rng.Float64()
		if m%3 == 2 {
			a = 0.28 + 0.1*rng.Float64()
		}
		out[m] = loss.Value{ID: fmt.Sprintf("r%04d", m), Value: decimal.New(int64(a*1e16), -16)}
	}
	return out
}

func benchmarkScoreReputers(b *testing.B, R, K int) {
	benchmarkScoreReputersMode(b, R, K, EvaluationReference)
}

func benchmarkScoreReputersMode(b *testing.B, R, K int, mode string) {
	reports, coefs := synthReports(R, K), synthCoefficients(R)
	p := DefaultParamsV6()
	p.ListeningEvaluation = mode
	b.ReportAllocs()
	c0, n := processCPU(), 0
	var iters int
	for b.Loop() {
		res, err := ScoreReputers(reports, coefs, p)
		if err != nil || res.Evaluation != mode {
			b.Fatal(res.Evaluation, err)
		}
		iters = res.Iterations
		n++
	}
	reportCPU(b, c0, n)
	b.ReportMetric(float64(iters), "iters")
}

// reportCPU adds the process CPU time per operation (GOMAXPROCS=1 or -cpu 1
// makes it the single core's time; it includes the garbage collector).
func reportCPU(b *testing.B, c0 time.Duration, n int) {
	if c := processCPU() - c0; c > 0 && n > 0 {
		b.ReportMetric(float64(c.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}

// Size classes: the fixture's shape, then growing reputer sets and loss
// vectors; Large is the target size (128 reputers × 1,100 values).
// On these synthetic inputs Fixture, Small and Medium run all 10 ascent
// iterations; Large stops after 1 (every coefficient moves less than
// η·g_thr), LargeAllIterations forces the 10 (g_thr = 1e-30).
func BenchmarkScoreReputersFixture(b *testing.B) { benchmarkScoreReputers(b, 5, 36) }
func BenchmarkScoreReputersSmall(b *testing.B)   { benchmarkScoreReputers(b, 16, 128) }
func BenchmarkScoreReputersMedium(b *testing.B)  { benchmarkScoreReputers(b, 32, 300) }
func BenchmarkScoreReputersLarge(b *testing.B)   { benchmarkScoreReputers(b, 128, 1100) }

func BenchmarkScoreReputersLargeAllIterations(b *testing.B) {
	benchmarkAllIterations(b, EvaluationReference)
}

func benchmarkAllIterations(b *testing.B, mode string) {
	reports, coefs := synthReports(128, 1100), synthCoefficients(128)
	p := DefaultParamsV6()
	p.ListeningEvaluation = mode
	p.MaxGradientThreshold = decimal.New(1, -30)
	b.ReportAllocs()
	c0, n := processCPU(), 0
	for b.Loop() {
		res, err := ScoreReputers(reports, coefs, p)
		if err != nil || res.Iterations != 10 || res.Evaluation != mode {
			b.Fatal(res.Iterations, res.Evaluation, err)
		}
		n++
	}
	reportCPU(b, c0, n)
}

// BenchmarkScoreReputersDirect* time the transcription of the reference
// (2R evaluations per iteration, decimal core only) for comparison.
func benchmarkDirect(b *testing.B, R, K int) {
	cp, in, _, err := prepareReputers(synthReports(R, K), synthCoefficients(R), DefaultParamsV6())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	c0, n := processCPU(), 0
	for b.Loop() {
		if _, err := listeningDirect(cp, in); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportCPU(b, c0, n)
}

func BenchmarkScoreReputersDirectFixture(b *testing.B) { benchmarkDirect(b, 5, 36) }
func BenchmarkScoreReputersDirectSmall(b *testing.B)   { benchmarkDirect(b, 16, 128) }

// synthCandidates returns n candidates with EMA-like scores (16 decimals,
// about 1% ties).
func synthCandidates(n int) []loss.Value {
	rng := rand.New(rand.NewPCG(uint64(n), 11))
	out := make([]loss.Value, n)
	for i := range out {
		v := int64(rng.NormFloat64() * 1e15)
		if i%100 == 7 {
			v = 42
		}
		out[i] = loss.Value{ID: fmt.Sprintf("actor%06d", i), Value: decimal.New(v, -16)}
	}
	return out
}

func benchmarkSelectTop(b *testing.B, n, k int) {
	cands := synthCandidates(n)
	b.ReportAllocs()
	c0, ops := processCPU(), 0
	for b.Loop() {
		if _, err := SelectTop(k, cands); err != nil {
			b.Fatal(err)
		}
		ops++
	}
	reportCPU(b, c0, ops)
}

// Sortition size classes: top-32 (MaxTopInferersToReward) of 10^2..10^4
// candidates, and a full ranking of 10^4.
func BenchmarkSelectTop100(b *testing.B)      { benchmarkSelectTop(b, 100, 32) }
func BenchmarkSelectTop1000(b *testing.B)     { benchmarkSelectTop(b, 1000, 32) }
func BenchmarkSelectTop10000(b *testing.B)    { benchmarkSelectTop(b, 10_000, 32) }
func BenchmarkSelectTopAll10000(b *testing.B) { benchmarkSelectTop(b, 10_000, 10_000) }

// BenchmarkSettleClass10000 times the reward-time update of 10^4 scored
// actors (EMAs, quantile, initial EMA; NEWEST).
func BenchmarkSettleClass10000(b *testing.B) {
	cands := synthCandidates(10_000)
	stored := make([]EMAScore, len(cands))
	for i, c := range cands {
		stored[i] = EMAScore{ID: c.ID, Score: c.Value.Shift(-1), BlockHeight: 5}
	}
	p := DefaultParams()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SettleClass(Inferer, ClassScores{Scores: cands}, stored, decimal.Decimal{}, decimal.Decimal{}, 10, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdmit10000 times one admission into a full active set of 10^4
// members without a cached lowest record (the scan of §9.2).
func BenchmarkAdmit10000(b *testing.B) {
	cands := synthCandidates(10_001)
	members := make([]string, 10_000)
	emas := make([]EMAScore, len(cands))
	for i, c := range cands {
		emas[i] = EMAScore{ID: c.ID, Score: c.Value, BlockHeight: 5}
		if i < len(members) {
			members[i] = c.ID
		}
	}
	p := DefaultParamsV6()
	p.MaxTopInferersToReward = 10_000
	sub := Submission{Class: Inferer, Actor: cands[10_000].ID, Nonce: 10, Set: ActiveSet{Members: members}, EMAs: emas}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Admit(sub, p); err != nil {
			b.Fatal(err)
		}
	}
}
