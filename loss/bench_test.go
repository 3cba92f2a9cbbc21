package loss_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// benchValues returns n distinct log10-loss-like values with the given
// number of significant digits (17: float64 text as the SDK reports; 34: the
// node's decimals), deterministically.
func benchValues(n, digits int) []decimal.Decimal {
	out := make([]decimal.Decimal, n)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range out {
		var b strings.Builder
		b.WriteString("-")
		for j := 0; j < digits; j++ {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			d := x % 10
			if j == 0 {
				d = 1 + x%6 // leading digit 1..6: values in (−7, −1]
			}
			b.WriteByte(byte('0' + d))
			if j == 0 {
				b.WriteByte('.')
			}
		}
		out[i] = decimal.RequireFromString(b.String())
	}
	return out
}

// benchReports builds nRep reports over nInf inferers and nFc forecasters
// with every one-out and one-in entry, and optionally every (forecaster,
// withheld inferer) pair. Stakes are ~1e23 base units. To bound memory the
// pair lists are shared by groups of reputers (8 distinct lists); every
// value is still converted and multiplied once per reputer.
func benchReports(nRep, nInf, nFc int, pairs bool, digits int) []loss.Report {
	vals := benchValues(4099, digits)
	k := 0
	next := func() decimal.Decimal { k++; return vals[k%len(vals)] }
	inf := make([]string, nInf)
	for j := range inf {
		inf[j] = fmt.Sprintf("allo1inferer%05d", j)
	}
	fcs := make([]string, nFc)
	for j := range fcs {
		fcs[j] = fmt.Sprintf("allo1forecaster%05d", j)
	}
	list := func(ids []string) []loss.Value {
		out := make([]loss.Value, len(ids))
		for i, id := range ids {
			out[i] = loss.Value{ID: id, Value: next()}
		}
		return out
	}
	var pairLists [][]loss.PairValue
	if pairs {
		for g := 0; g < 8; g++ {
			l := make([]loss.PairValue, 0, nInf*nFc)
			for _, f := range fcs {
				for _, j := range inf {
					l = append(l, loss.PairValue{Forecaster: f, Inferer: j, Value: loss.MustNum(next())})
				}
			}
			pairLists = append(pairLists, l)
		}
	}
	out := make([]loss.Report, nRep)
	for r := range out {
		b := loss.Bundle{
			Combined: next(), Naive: next(),
			Inferers: list(inf), Forecasters: list(fcs),
			OneOutInferers: list(inf), OneOutForecasters: list(fcs), OneInForecasters: list(fcs),
		}
		if pairs {
			b.OneOutInfererForecasters = pairLists[r%len(pairLists)]
		}
		out[r] = loss.Report{
			Reputer: fmt.Sprintf("allo1reputer%04d", r),
			Stake:   decimal.RequireFromString(strconv.Itoa(100000+r*7919) + "123456789012345678"),
			Losses:  b,
		}
	}
	return out
}

// BenchmarkNetworkLosses measures (31) by size class: reputers × inferers
// × forecasters, value digits, with or without the pair entries.
func BenchmarkNetworkLosses(b *testing.B) {
	cases := []struct {
		name                string
		rep, inf, fc, digit int
		pairs               bool
	}{
		{"fixture_5x5x3_pairs", 5, 5, 3, 17, true},
		{"32x64x64", 32, 64, 64, 17, false},
		{"128x512x512", 128, 512, 512, 17, false},
		{"128x512x512_34digits", 128, 512, 512, 34, false},
		{"128x512x512_pairs", 128, 512, 512, 17, true},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			reports := benchReports(c.rep, c.inf, c.fc, c.pairs, c.digit)
			n := 0
			for _, r := range reports {
				n += 2 + len(r.Losses.Inferers) + len(r.Losses.Forecasters) + len(r.Losses.OneOutInferers) +
					len(r.Losses.OneOutForecasters) + len(r.Losses.OneInForecasters) + len(r.Losses.OneOutInfererForecasters)
			}
			b.ReportAllocs()
			cpu0 := processCPUNanos()
			for b.Loop() {
				if _, err := loss.NetworkLosses(reports, loss.Params{}); err != nil {
					b.Fatal(err)
				}
			}
			if cpu0 >= 0 {
				b.ReportMetric(float64(processCPUNanos()-cpu0)/float64(b.N), "cpu-ns/op")
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/value")
		})
	}
}

// BenchmarkGrade grades a bundle of 512 inferers and 512 forecasters with
// every one-out and one-in entry (2562 entries), sqe and log10.
func BenchmarkGrade(b *testing.B) {
	vals := benchValues(64, 17)
	v := func(i int) loss.Vector { return loss.Vector{vals[i%len(vals)].Neg()} }
	list := func(prefix string, n int) []loss.VectorValue {
		out := make([]loss.VectorValue, n)
		for i := range out {
			out[i] = loss.VectorValue{ID: fmt.Sprintf("%s%04d", prefix, i), Values: v(i)}
		}
		return out
	}
	bundle := loss.InferenceBundle{
		Combined: v(1), Naive: v(2),
		Inferers: list("i", 512), Forecasters: list("f", 512),
		OneOutInferers: list("i", 512), OneOutForecasters: list("f", 512), OneInForecasters: list("f", 512),
	}
	m, _ := loss.NewMethod("sqe", loss.Options{})
	truth := loss.Vector{decimal.RequireFromString("3.5")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loss.Grade(bundle, truth, m, loss.GradeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoss measures one loss per method on typical arguments.
func BenchmarkLoss(b *testing.B) {
	std := new(decimal.RequireFromString("0.02"))
	cases := []struct {
		name string
		opts loss.Options
		y, p string
	}{
		{"sqe", loss.Options{}, "0.0123", "0.0150"},
		{"huber", loss.Options{}, "10", "8.7"},
		{"logcosh", loss.Options{}, "3", "0.5"},
		{"bce", loss.Options{}, "0.8", "0.6"},
		{"poisson", loss.Options{}, "3", "3"},
		{"ztae", loss.Options{Std: std}, "0.01", "0.02"},
		{"zptae", loss.Options{Std: std}, "0.01", "0.02"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			m, err := loss.NewMethod(c.name, c.opts)
			if err != nil {
				b.Fatal(err)
			}
			y, p := decimal.RequireFromString(c.y), decimal.RequireFromString(c.p)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.Loss(y, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
