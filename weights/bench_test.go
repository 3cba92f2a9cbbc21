package weights

import (
	"fmt"
	"testing"
)

// benchmarkSynthesize runs a full synthesis (every quantity of §5) on a
// dense epoch with n inferers and n forecasters and every regret store
// filled.
func benchmarkSynthesize(b *testing.B, n int, p Params, plain bool) {
	in := genInput(genSpec{n: n, f: n, dense: true, seed: uint64(n), newest: p.RuleSet == Newest})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := synthesize(in, p, plain); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSynthesize(b *testing.B) {
	for _, rs := range []struct {
		name string
		p    Params
		max  int
	}{
		{"newest", DefaultParams(), 512},
		{"intermediate", DefaultParamsIntermediate(), 128},
		{"v6", DefaultParamsV6(), 128},
	} {
		for _, n := range []int{8, 32, 128, 512} {
			if n > rs.max {
				continue
			}
			b.Run(fmt.Sprintf("%s/n=%d", rs.name, n), func(b *testing.B) { benchmarkSynthesize(b, n, rs.p, false) })
		}
	}
}
