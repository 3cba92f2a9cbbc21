package dec_test

// Benchmarks of the decimal core by size class, each beside a float64
// baseline of the same operation on the same inputs (float64 appears only
// here, as a yardstick). Run with
//
//	go test -run '^$' -bench . -count 10 ./internal/dec/ > new.txt
//	benchstat old.txt new.txt
//
// Inputs are drawn once from a seeded generator and cycled, so every run
// measures the same values.

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// perfLoop runs body in a b.Loop loop with allocation reporting and adds
// the CPU time per operation (cpu-ns/op) to the wall-clock figure.
func perfLoop(b *testing.B, body func(i int)) {
	b.ReportAllocs()
	start := perfCPU()
	i := 0
	for b.Loop() {
		body(i % perfInputs)
		i++
	}
	if b.N > 0 {
		b.ReportMetric(float64(perfCPU()-start)/float64(b.N), "cpu-ns/op")
	}
}

// perfInputs is the number of distinct inputs cycled by each benchmark.
const perfInputs = 64

// perfDec returns a random decimal with exactly digits significant digits
// whose most significant digit has exponent adj, negative with probability
// 1/2 when signed is set.
func perfDec(r *rand.Rand, digits, adj int, signed bool) dec.Dec {
	return perfDecLead(r, 1, 9, digits, adj, signed)
}

// perfDecLead is perfDec with the leading digit drawn from [lo, hi].
func perfDecLead(r *rand.Rand, lo, hi, digits, adj int, signed bool) dec.Dec {
	var b strings.Builder
	if signed && r.IntN(2) == 0 {
		b.WriteByte('-')
	}
	b.WriteByte(byte('0' + lo + r.IntN(hi-lo+1)))
	for i := 1; i < digits; i++ {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	b.WriteString("e")
	b.WriteString(strconv.Itoa(adj - digits + 1))
	return dec.MustParse(b.String())
}

// perfSet draws perfInputs values with perfDec, the adjusted exponent drawn
// uniformly from [adjLo, adjHi].
func perfSet(seed uint64, digits, adjLo, adjHi int, signed bool) []dec.Dec {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	xs := make([]dec.Dec, perfInputs)
	for i := range xs {
		xs[i] = perfDec(r, digits, adjLo+r.IntN(adjHi-adjLo+1), signed)
	}
	return xs
}

// perfFloats converts xs to float64 (benchmark baselines only).
func perfFloats(xs []dec.Dec) []float64 {
	fs := make([]float64, len(xs))
	for i, x := range xs {
		f, err := strconv.ParseFloat(x.String(), 64)
		if err != nil {
			panic(err)
		}
		fs[i] = f
	}
	return fs
}

func benchUnary(b *testing.B, xs []dec.Dec, f func(dec.Context, dec.Dec) (dec.Dec, error)) {
	ctx := dec.Reference()
	perfLoop(b, func(i int) {
		if _, err := f(ctx, xs[i]); err != nil {
			b.Fatal(err)
		}
	})
}

func benchBinary(b *testing.B, xs, ys []dec.Dec, f func(dec.Context, dec.Dec, dec.Dec) (dec.Dec, error)) {
	ctx := dec.Reference()
	perfLoop(b, func(i int) {
		if _, err := f(ctx, xs[i], ys[i]); err != nil {
			b.Fatal(err)
		}
	})
}

func benchFloat(b *testing.B, xs []float64, f func(float64) float64) {
	s := 0.0
	perfLoop(b, func(i int) { s += f(xs[i]) })
	if math.IsNaN(s) {
		b.Log(s)
	}
}

func benchFloat2(b *testing.B, xs, ys []float64, f func(float64, float64) float64) {
	s := 0.0
	perfLoop(b, func(i int) { s += f(xs[i], ys[i]) })
	if math.IsNaN(s) {
		b.Log(s)
	}
}

// perfLead draws perfInputs values with perfDecLead at a fixed exponent.
func perfLead(seed uint64, lo, hi, digits, adj int, signed bool) []dec.Dec {
	r := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	xs := make([]dec.Dec, perfInputs)
	for i := range xs {
		xs[i] = perfDecLead(r, lo, hi, digits, adj, signed)
	}
	return xs
}

// Exp size classes, 34 significant digits, both signs: |x| ~ 1e-15,
// |x| in [0.1, 10), |x| in [10, 100) (the synthesis range), |x| in
// [800, 900) (near the range limit).
func BenchmarkExp(b *testing.B) {
	classes := []struct {
		name string
		xs   []dec.Dec
	}{
		{"tiny", perfSet(1, 34, -16, -14, true)},
		{"one", perfSet(2, 34, -1, 0, true)},
		{"fifty", perfSet(3, 34, 1, 1, true)},
		{"x900", perfLead(4, 8, 8, 34, 2, true)},
	}
	for _, c := range classes {
		b.Run(c.name, func(b *testing.B) { benchUnary(b, c.xs, dec.Context.Exp) })
	}
	fs := perfFloats(classes[2].xs)
	b.Run("float64", func(b *testing.B) { benchFloat(b, fs, math.Exp) })
}

// Ln size classes, 34 significant digits: x ~ 1e-30, x within 1e-10 of 1,
// x in [10, 100), x ~ 1e300.
func BenchmarkLn(b *testing.B) {
	near1 := perfSet(5, 34, -11, -10, true)
	for i := range near1 {
		near1[i] = near1[i].Add(dec.One())
	}
	classes := []struct {
		name string
		xs   []dec.Dec
	}{
		{"tiny", perfSet(6, 34, -30, -30, false)},
		{"near1", near1},
		{"fifty", perfSet(7, 34, 1, 1, false)},
		{"huge", perfSet(8, 34, 300, 300, false)},
	}
	for _, c := range classes {
		b.Run(c.name, func(b *testing.B) { benchUnary(b, c.xs, dec.Context.Ln) })
	}
	fs := perfFloats(classes[2].xs)
	b.Run("float64", func(b *testing.B) { benchFloat(b, fs, math.Log) })
}

// perfPairs returns the operand classes of the binary benchmarks: small
// (at most 6 digits), 34 digits (the rounded results of the reference
// context), and large (60-digit coefficients, as exact sums of 34-digit
// values at different scales produce).
func perfPairs() []struct {
	name   string
	xs, ys []dec.Dec
} {
	return []struct {
		name   string
		xs, ys []dec.Dec
	}{
		{"small", perfSet(11, 6, -3, 3, true), perfSet(12, 6, -3, 3, true)},
		{"d34", perfSet(13, 34, -3, 3, true), perfSet(14, 34, -3, 3, true)},
		{"large", perfSet(15, 60, -3, 3, true), perfSet(16, 60, -3, 3, true)},
	}
}

func benchPairs(b *testing.B, f func(dec.Context, dec.Dec, dec.Dec) (dec.Dec, error), g func(x, y float64) float64) {
	ps := perfPairs()
	for _, p := range ps {
		b.Run(p.name, func(b *testing.B) { benchBinary(b, p.xs, p.ys, f) })
	}
	xs, ys := perfFloats(ps[1].xs), perfFloats(ps[1].ys)
	b.Run("float64", func(b *testing.B) { benchFloat2(b, xs, ys, g) })
}

func BenchmarkMul(b *testing.B) {
	benchPairs(b, dec.Context.Mul, func(x, y float64) float64 { return x * y })
	// A 34-digit value times a small protocol constant (the products have
	// 34 to 36 digits: at most two are dropped).
	xs := perfSet(17, 34, -3, 3, true)
	consts := []dec.Dec{dec.FromInt64(3), dec.MustParse("0.75"), dec.FromInt64(2), dec.MustParse("1.5"),
		dec.FromInt64(-7), dec.MustParse("0.3"), dec.FromInt64(12), dec.MustParse("-0.25")}
	ys := make([]dec.Dec, len(xs))
	for i := range ys {
		ys[i] = consts[i%len(consts)]
	}
	b.Run("d34xconst", func(b *testing.B) { benchBinary(b, xs, ys, dec.Context.Mul) })
	// 34-digit pairs as d34, but 4096 of them: a branch predictor cannot
	// learn the outcomes of the data-dependent branches of a 64-pair
	// cycle here.
	var wx, wy []dec.Dec
	for s := range uint64(perfWide / perfInputs) {
		wx = append(wx, perfSet(1000+2*s, 34, -3, 3, true)...)
		wy = append(wy, perfSet(1001+2*s, 34, -3, 3, true)...)
	}
	b.Run("d34wide", func(b *testing.B) {
		ctx := dec.Reference()
		j := 0
		perfLoop(b, func(int) {
			j = (j + 1) % perfWide
			if _, err := ctx.Mul(wx[j], wy[j]); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// perfWide is the number of distinct inputs of the wide benchmarks.
const perfWide = 4096

func BenchmarkQuo(b *testing.B) {
	benchPairs(b, dec.Context.Quo, func(x, y float64) float64 { return x / y })
}

func BenchmarkAdd(b *testing.B) {
	benchPairs(b, func(_ dec.Context, x, y dec.Dec) (dec.Dec, error) { return x.Add(y), nil },
		func(x, y float64) float64 { return x + y })
}

func BenchmarkSub(b *testing.B) {
	benchPairs(b, func(_ dec.Context, x, y dec.Dec) (dec.Dec, error) { return x.Sub(y), nil },
		func(x, y float64) float64 { return x - y })
}

func BenchmarkCmp(b *testing.B) {
	benchPairs(b, func(_ dec.Context, x, y dec.Dec) (dec.Dec, error) {
		if x.Cmp(y) < 0 {
			return x, nil
		}
		return y, nil
	}, math.Min)
}

// BenchmarkAddAligned adds 34-digit values at the same exponent (running
// sums of rounded products of one magnitude).
func BenchmarkAddAligned(b *testing.B) {
	xs := perfSet(21, 34, 0, 0, true)
	ys := perfSet(22, 34, 0, 0, true)
	b.Run("d34", func(b *testing.B) {
		benchBinary(b, xs, ys, func(_ dec.Context, x, y dec.Dec) (dec.Dec, error) { return x.Add(y), nil })
	})
}

// BenchmarkPhi and BenchmarkGradient time the protocol potential and its
// derivative (Sub, Mul, Exp, Add, Ln or Quo) at 34-digit arguments x,
// 0.1 <= |x| < 10, with
// p = 3 and c = 0.75, as the regret-weighting step evaluates them.
func BenchmarkPhi(b *testing.B) {
	xs := perfSet(31, 34, -1, 0, true)
	p, c := dec.FromInt64(3), dec.MustParse("0.75")
	ctx := dec.Reference()
	b.Run("d34", func(b *testing.B) {
		perfLoop(b, func(i int) {
			if _, err := ctx.Phi(p, c, xs[i]); err != nil {
				b.Fatal(err)
			}
		})
	})
	fs := perfFloats(xs)
	b.Run("float64", func(b *testing.B) {
		benchFloat(b, fs, func(x float64) float64 { return math.Log1p(math.Exp(3 * (x - 0.75))) })
	})
}

func BenchmarkGradient(b *testing.B) {
	xs := perfSet(32, 34, -1, 0, true)
	p, c := dec.FromInt64(3), dec.MustParse("0.75")
	ctx := dec.Reference()
	b.Run("d34", func(b *testing.B) {
		perfLoop(b, func(i int) {
			if _, err := ctx.Gradient(p, c, xs[i]); err != nil {
				b.Fatal(err)
			}
		})
	})
	fs := perfFloats(xs)
	b.Run("float64", func(b *testing.B) {
		benchFloat(b, fs, func(x float64) float64 { return 3 / (math.Exp(3*(0.75-x)) + 1) })
	})
}

// BenchmarkCalc times a Calc formula (the weight of one regret,
// p / (e^{p(c−x)} + 1), through the sticky-error calculator).
func BenchmarkCalc(b *testing.B) {
	xs := perfSet(33, 34, -1, 0, true)
	p, c := dec.FromInt64(3), dec.MustParse("0.75")
	perfLoop(b, func(i int) {
		m := dec.NewCalc(dec.Reference())
		w := m.Quo(p, m.Exp(m.Mul(p, c.Sub(xs[i]))).Add(dec.One()))
		if _, err := m.Result(w); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkRound rounds 60-digit values to 34 digits.
func BenchmarkRound(b *testing.B) {
	xs := perfSet(41, 60, -3, 3, true)
	benchUnary(b, xs, dec.Context.Round)
}

// BenchmarkSqrt takes square roots of 34-digit values.
func BenchmarkSqrt(b *testing.B) {
	xs := perfSet(42, 34, -3, 3, false)
	benchUnary(b, xs, dec.Context.Sqrt)
}

// BenchmarkParseString round-trips 34-digit values through text.
func BenchmarkParseString(b *testing.B) {
	xs := perfSet(43, 34, -3, 3, true)
	perfLoop(b, func(i int) {
		if _, err := dec.Parse(xs[i].String()); err != nil {
			b.Fatal(err)
		}
	})
}
