package dec

import (
	"testing"
	"time"
)

// expApproxBenchArgs are 34-digit arguments of a few units, as the
// inference synthesis evaluates.
var expApproxBenchArgs = []string{
	"-3.123456789012345678901234567890123",
	"5.876543210987654321098765432109876",
	"0.7654321098765432109876543210987654",
	"-1.234567890123456789012345678901234",
	"2.718281828459045235360287471352662",
	"-4.999999999999999999999999999999999",
	"0.1000000000000000000000000000000001",
	"-0.6931471805599453094172321214581766",
}

var expApproxSink uint64

// BenchmarkExpApprox measures the fast exponential's approximation
// (expApprox) on fixed 34-digit arguments.
func BenchmarkExpApprox(b *testing.B) {
	xs := make([]Dec, len(expApproxBenchArgs))
	for i, s := range expApproxBenchArgs {
		xs[i] = MustParse(s)
	}
	fastTabs()
	b.ReportAllocs()
	b.ResetTimer()
	start := benchCPU()
	defer benchReportCPU(b, start)
	var s uint64
	for i := 0; i < b.N; i++ {
		N, _, ok := expApprox(xs[i%len(xs)], 34)
		if !ok {
			b.Fatal("not ok")
		}
		s += N[0]
	}
	expApproxSink = s
}

// BenchmarkExpFast measures expFast (expApprox and fastRound) on the same
// arguments.
func BenchmarkExpFast(b *testing.B) {
	xs := make([]Dec, len(expApproxBenchArgs))
	for i, s := range expApproxBenchArgs {
		xs[i] = MustParse(s)
	}
	fastTabs()
	b.ReportAllocs()
	b.ResetTimer()
	start := benchCPU()
	defer benchReportCPU(b, start)
	var s uint64
	for i := 0; i < b.N; i++ {
		d, ok := expFast(xs[i%len(xs)], 34, RoundHalfEven)
		if ok {
			s += d.lo
		}
	}
	expApproxSink = s
}

// BenchmarkFastShared measures the public functions whose fast paths share
// the exponential's fixed-point code (Pow, Pow10, Tanh) on 34-digit
// arguments.
func BenchmarkFastShared(b *testing.B) {
	c := Context{}
	xs := make([]Dec, len(expApproxBenchArgs))
	for i, s := range expApproxBenchArgs {
		xs[i] = MustParse(s)
	}
	base := MustParse("1.234567890123456789012345678901234")
	fs := []struct {
		name string
		f    func(Dec) (Dec, error)
	}{
		{"Pow", func(x Dec) (Dec, error) { return c.Pow(base, x) }},
		{"Pow10", c.Pow10},
		{"Tanh", c.Tanh},
		{"TanhSmall", func(x Dec) (Dec, error) { return c.Tanh(x.Shift(-1)) }},
	}
	for _, f := range fs {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			start := benchCPU()
			defer benchReportCPU(b, start)
			var s uint64
			for i := 0; i < b.N; i++ {
				d, err := f.f(xs[i%len(xs)])
				if err != nil {
					b.Fatal(err)
				}
				s += d.lo
			}
			expApproxSink = s
		})
	}
}

// benchReportCPU reports the CPU time per operation since start, as
// cpu-ns/op (comparable on a machine shared with other work).
func benchReportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(benchCPU()-start)/float64(b.N), "cpu-ns/op")
	}
}
