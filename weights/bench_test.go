package weights

import (
	"fmt"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// benchmarkSynthesize runs a full synthesis (every quantity of §5) on a
// dense epoch with n inferers and n forecasters and every regret store
// filled with distinct regrets. It reports the weights evaluated and the
// exponentials computed per synthesis.
func benchmarkSynthesize(b *testing.B, n int, p Params, plain bool) {
	in := genInput(genSpec{n: n, f: n, dense: true, seed: uint64(n), newest: p.RuleSet == Newest})
	cp, err := p.compile()
	if err != nil {
		b.Fatal(err)
	}
	e, err := prepare(in)
	if err != nil {
		b.Fatal(err)
	}
	st := &synthStats{}
	s := &synth{params: cp, e: e, plain: plain, stats: st, streamCache: streamCacheMax}
	if _, err := s.run(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		if _, err := synthesize(in, p, plain); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(st.weights), "weights/op")
	b.ReportMetric(float64(st.exps), "exps/op")
}

// BenchmarkSynthesize: full synthesis by rule set and size class (n
// inferers = n forecasters, dense forecasts, full regret stores). Run the
// n=512 classes with -benchtime=1x. V6 at n=512 (about 1.3·10^8 weights,
// F·n² for the one-out-inferer FIIs) runs only with -args -long.
func BenchmarkSynthesize(b *testing.B) {
	for _, rs := range []struct {
		name string
		p    Params
	}{
		{"newest", DefaultParams()},
		{"intermediate", DefaultParamsIntermediate()},
		{"v6", DefaultParamsV6()},
	} {
		for _, n := range []int{8, 32, 128, 512} {
			if rs.p.RuleSet == V6 && n == 512 && !*long {
				continue
			}
			b.Run(fmt.Sprintf("%s/n=%d", rs.name, n), func(b *testing.B) { benchmarkSynthesize(b, n, rs.p, false) })
		}
	}
}

// BenchmarkSynthesizePlain is the from-scratch path (no sharing, no
// incremental one-out FIIs, dec's Exp1DivExp1 per weight), for comparison.
func BenchmarkSynthesizePlain(b *testing.B) {
	for _, n := range []int{8, 32} {
		b.Run(fmt.Sprintf("newest/n=%d", n), func(b *testing.B) { benchmarkSynthesize(b, n, DefaultParams(), true) })
	}
}

// BenchmarkExp measures the decimal core's exponential on the arguments the
// weights use (34-digit values of a few units), the unit of the synthesis
// cost.
func BenchmarkExp(b *testing.B) {
	ctx := dec.Context{}
	xs := []dec.Dec{
		dec.MustParse("-3.123456789012345678901234567890123"),
		dec.MustParse("5.876543210987654321098765432109876"),
		dec.MustParse("-11.12345678901234567890123456789012"),
		dec.MustParse("0.7654321098765432109876543210987654"),
	}
	b.ReportAllocs()
	i := 0
	start := processCPU()
	for b.Loop() {
		if _, err := ctx.Exp(xs[i%len(xs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
}
