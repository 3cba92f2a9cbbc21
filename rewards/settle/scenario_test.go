package settle

import (
	"fmt"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// step is one epoch of a test scenario: the state before it, its input and
// its result.
type step struct {
	prev State
	in   Input
	res  Result
}

func mustDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// scenario runs a small deterministic topic (4 inferers, 3 forecasters, 3
// reputers) for n epochs under rs. Every value is a short exact decimal
// derived from the epoch and actor indices; reputers grade the previous
// bundle against the previous truth with sqe and log10, each adding its
// own fixed offset.
func scenario(t testing.TB, rs RuleSet, n int) []step {
	t.Helper()
	p, err := SimulatorParams(rs)
	if err != nil {
		t.Fatal(err)
	}
	sqe, err := loss.NewMethod("sqe", loss.Options{})
	if err != nil {
		t.Fatal(err)
	}
	truth := func(e int) dec.Dec { return dec.New(int64(100+(e*37)%23), -3) } // 0.100..0.122
	var steps []step
	var st State
	var prevBundle *loss.InferenceBundle
	for e := 1; e <= n; e++ {
		in := Input{Epoch: int64(e), TopicReward: decimal.New(1000, 18)}
		for j := 0; j < 4; j++ {
			off := dec.New(int64((j-1)*(5+(e*j)%7)), -3)
			in.Inferences = append(in.Inferences, loss.VectorValue{
				ID: fmt.Sprintf("inferer-%d", j), Values: loss.Vector{truth(e).Add(off).Decimal()},
			})
		}
		for k := 0; k < 3; k++ {
			f := weights.Forecast{Forecaster: fmt.Sprintf("forecaster-%d", k)}
			for j := 0; j < 4; j++ {
				v := dec.New(-int64(2000+100*j+37*k+(e*(j+k))%11), -3) // about -2..-2.5
				f.Elements = append(f.Elements, weights.ForecastElement{Inferer: fmt.Sprintf("inferer-%d", j), Value: v.Decimal()})
			}
			in.Forecasts = append(in.Forecasts, f)
		}
		if prevBundle != nil {
			for r := 0; r < 3; r++ {
				b, err := loss.Grade(*prevBundle, loss.Vector{truth(e - 1).Decimal()}, sqe, loss.GradeOptions{})
				if err != nil {
					t.Fatalf("epoch %d: grade: %v", e, err)
				}
				shift(&b, dec.New(int64(r), -3))
				in.Reports = append(in.Reports, loss.Report{
					Reputer: fmt.Sprintf("reputer-%d", r),
					Stake:   decimal.New(int64(100+50*r), 18),
					Losses:  b,
				})
			}
			in.Delegated = []loss.Value{{ID: "reputer-1", Value: decimal.New(30, 18)}}
		}
		res, err := Epoch(st, in, p)
		if err != nil {
			t.Fatalf("epoch %d: %v", e, err)
		}
		steps = append(steps, step{prev: st, in: in, res: res})
		st = res.State
		if res.Inference != nil {
			b := res.Inference.Bundle
			prevBundle = &b
		}
	}
	return steps
}

// shift adds d to every reported loss of b.
func shift(b *loss.Bundle, d dec.Dec) {
	mapLosses(b, func(v decimal.Decimal) decimal.Decimal {
		x, _ := dec.FromDecimal(v)
		return x.Add(d).Decimal()
	})
}

// mapLosses replaces every reported loss v of b by f(v).
func mapLosses(b *loss.Bundle, f func(decimal.Decimal) decimal.Decimal) {
	b.Combined, b.Naive = f(b.Combined), f(b.Naive)
	for _, l := range [][]loss.Value{b.Inferers, b.Forecasters, b.OneOutInferers, b.OneOutForecasters, b.OneInForecasters} {
		for i := range l {
			l[i].Value = f(l[i].Value)
		}
	}
	for i := range b.OneOutInfererForecasters {
		b.OneOutInfererForecasters[i].Value = loss.MustNum(f(b.OneOutInfererForecasters[i].Value.Decimal()))
	}
}
