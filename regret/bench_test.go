package regret

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// denseInput builds a steady-state settlement with n inferers and n
// forecasters: every loss present (n² one-out-inferer forecast-implied
// losses) and every store of the previous state populated, so the update
// recomputes about 4n² + 3n + n pair and worker regrets. Values are
// 17-digit numbers around −3 (log10 losses) and 0 (regrets), seeded.
func denseInput(n int) Input {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	num := func(center int64) decimal.Decimal {
		return decimal.New(center*1e16+r.Int64N(2e16)-1e16, -16)
	}
	inf := make([]string, n)
	fc := make([]string, n)
	for i := range n {
		inf[i] = fmt.Sprintf("inferer%04d", i)
		fc[i] = fmt.Sprintf("forecaster%04d", i)
	}
	vals := func(ids []string, center int64) []loss.Value {
		out := make([]loss.Value, len(ids))
		for i, id := range ids {
			out[i] = loss.Value{ID: id, Value: num(center)}
		}
		return out
	}
	pairs := func(nets, workers []string) []Pair {
		out := make([]Pair, 0, len(nets)*len(workers))
		for _, a := range nets {
			for _, w := range workers {
				out = append(out, Pair{a, w, loss.MustNum(num(0))})
			}
		}
		return out
	}
	b := loss.Bundle{
		Combined:          num(-3),
		Naive:             num(-3),
		Inferers:          vals(inf, -3),
		Forecasters:       vals(fc, -3),
		OneOutInferers:    vals(inf, -3),
		OneOutForecasters: vals(fc, -3),
		OneInForecasters:  vals(fc, -3),
	}
	for _, k := range fc {
		for _, j := range inf {
			b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{Forecaster: k, Inferer: j, Value: loss.MustNum(num(-3))})
		}
	}
	prev := State{
		Inferers:                    vals(inf, 0),
		Forecasters:                 vals(fc, 0),
		Naive:                       vals(inf, 0),
		OneOutInfererInferers:       pairs(inf, inf),
		OneOutInfererForecasters:    pairs(inf, fc),
		OneOutForecasterInferers:    pairs(fc, inf),
		OneOutForecasterForecasters: pairs(fc, fc),
		OneInInferers:               pairs(fc, inf),
		OneInForecasters:            vals(fc, 0),
		InitialRegret:               num(0),
		Scale:                       decimal.New(5, -1),
	}
	in := Input{Previous: prev, Losses: b}
	for i := range n {
		in.InfererInclusions = append(in.InfererInclusions, Inclusion{inf[i], uint64(i % 20)})
		in.ForecasterInclusions = append(in.ForecasterInclusions, Inclusion{fc[i], uint64(i % 20)})
	}
	return in
}

// steadyInput is denseInput(n) with every number replaced by a seeded
// 34-digit one of the same sign and magnitude (coefficient digits appended).
func steadyInput(n int) Input {
	in := denseInput(n)
	r := rand.New(rand.NewPCG(2, uint64(n)))
	widen := func(x decimal.Decimal) decimal.Decimal {
		c := x.Coefficient()
		exp := x.Exponent()
		for digits := len(new(big.Int).Abs(c).String()); digits < 34; digits++ {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(c.Sign())*r.Int64N(10)))
			exp--
		}
		return decimal.NewFromBigInt(c, exp)
	}
	vals := func(vs []loss.Value) {
		for i := range vs {
			vs[i].Value = widen(vs[i].Value)
		}
	}
	pairs := func(ps []Pair) {
		for i := range ps {
			ps[i].Value = loss.MustNum(widen(ps[i].Value.Decimal()))
		}
	}
	b := &in.Losses
	b.Combined, b.Naive = widen(b.Combined), widen(b.Naive)
	vals(b.Inferers)
	vals(b.Forecasters)
	vals(b.OneOutInferers)
	vals(b.OneOutForecasters)
	vals(b.OneInForecasters)
	for i := range b.OneOutInfererForecasters {
		b.OneOutInfererForecasters[i].Value = loss.MustNum(widen(b.OneOutInfererForecasters[i].Value.Decimal()))
	}
	s := &in.Previous
	vals(s.Inferers)
	vals(s.Forecasters)
	vals(s.Naive)
	vals(s.OneInForecasters)
	pairs(s.OneOutInfererInferers)
	pairs(s.OneOutInfererForecasters)
	pairs(s.OneOutForecasterInferers)
	pairs(s.OneOutForecasterForecasters)
	pairs(s.OneInInferers)
	s.InitialRegret = widen(s.InitialRegret)
	return in
}

func benchmarkUpdate(b *testing.B, n int, p Params) {
	in := denseInput(n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Update(in, p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUpdate(b *testing.B) {
	for _, n := range []int{8, 32, 128, 512} {
		b.Run(fmt.Sprintf("newest/n=%d", n), func(b *testing.B) { benchmarkUpdate(b, n, DefaultParams()) })
	}
	b.Run("v6/n=128", func(b *testing.B) { benchmarkUpdate(b, 128, DefaultParamsV6()) })
	// steady: denseInput with every loss and stored regret a 34-digit
	// number, as in a settled topic (its regrets are 34-digit EMA results).
	for _, n := range []int{128, 512} {
		b.Run(fmt.Sprintf("newest/steady/n=%d", n), func(b *testing.B) {
			in := steadyInput(n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Update(in, DefaultParams()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMADScale(b *testing.B) {
	for _, n := range []int{16, 256, 1024} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			in := denseInput(n)
			xs := make([]decimal.Decimal, 0, n)
			for _, v := range in.Previous.Inferers {
				xs = append(xs, v.Value)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := MADScale(xs, decimal.New(1, -2), 0, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
