package reputation

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/netmath/netmath/internal/dec"
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
	reports, coefs := synthReports(R, K), synthCoefficients(R)
	p := DefaultParamsV6()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScoreReputers(reports, coefs, p); err != nil {
			b.Fatal(err)
		}
	}
}

// Size classes: the fixture's shape, then growing reputer sets and loss
// vectors; Large is the target size (128 reputers × 1,100 values).
func BenchmarkScoreReputersFixture(b *testing.B) { benchmarkScoreReputers(b, 5, 36) }
func BenchmarkScoreReputersSmall(b *testing.B)   { benchmarkScoreReputers(b, 16, 128) }
func BenchmarkScoreReputersMedium(b *testing.B)  { benchmarkScoreReputers(b, 32, 300) }
func BenchmarkScoreReputersLarge(b *testing.B)   { benchmarkScoreReputers(b, 128, 1100) }

// BenchmarkScoreReputersDirect* time the transcription of the reference
// (2R evaluations per iteration, decimal core only) for comparison.
func benchmarkDirect(b *testing.B, R, K int) {
	cp, in, _, err := prepareReputers(synthReports(R, K), synthCoefficients(R), DefaultParamsV6())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := listeningDirect(cp, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScoreReputersDirectFixture(b *testing.B) { benchmarkDirect(b, 5, 36) }
func BenchmarkScoreReputersDirectSmall(b *testing.B)   { benchmarkDirect(b, 16, 128) }

var _ = dec.Zero
