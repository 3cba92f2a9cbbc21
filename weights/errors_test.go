package weights

import (
	"errors"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

// TestInputErrors: bad input returns the documented typed error.
func TestInputErrors(t *testing.T) {
	good := func() Input {
		in := Input{
			Inferences:   []loss.VectorValue{vv("a", "0.1"), vv("b", "0.2")},
			Forecasts:    []Forecast{fc("f", "a", "-1", "b", "-2")},
			PreviousLoss: dp("-1.5"),
		}
		in.Regrets.InitialRegret = decimal.New(1, 0)
		return in
	}
	huge := decimal.New(1, 500) // beyond the decimal core's range
	for _, tc := range []struct {
		name string
		edit func(*Input)
		want error
	}{
		{"no inferences", func(in *Input) { in.Inferences = nil }, ErrNoInferences},
		{"empty inferer id", func(in *Input) { in.Inferences[0].ID = "" }, ErrEmptyID},
		{"empty forecaster id", func(in *Input) { in.Forecasts[0].Forecaster = "" }, ErrEmptyID},
		{"empty element id", func(in *Input) { in.Forecasts[0].Elements[0].Inferer = "" }, ErrEmptyID},
		{"empty label", func(in *Input) { in.Labels = []string{"x", ""} }, ErrEmptyID},
		{"empty regret id", func(in *Input) { in.Regrets.Inferers = []loss.Value{{ID: ""}} }, ErrEmptyID},
		{"empty pair network", func(in *Input) { in.Regrets.OneInInferers = []regret.Pair{{Worker: "a"}} }, ErrEmptyID},
		{"duplicate inferer", func(in *Input) { in.Inferences[1].ID = "a" }, ErrDuplicateID},
		{"duplicate forecaster", func(in *Input) { in.Forecasts = append(in.Forecasts, fc("f", "a", "1")) }, ErrDuplicateID},
		{"duplicate element", func(in *Input) { in.Forecasts[0].Elements[1].Inferer = "a" }, ErrDuplicateID},
		{"duplicate label", func(in *Input) { in.Labels = []string{"x", "x"} }, ErrDuplicateID},
		{"duplicate regret", func(in *Input) {
			in.Regrets.Naive = []loss.Value{{ID: "a", Value: decimal.New(1, 0)}, {ID: "a", Value: decimal.New(2, 0)}}
		}, ErrDuplicateID},
		{"duplicate pair regret", func(in *Input) {
			p := regret.Pair{Network: "f", Worker: "a"}
			in.Regrets.OneInInferers = []regret.Pair{p, p}
		}, ErrDuplicateID},
		{"empty vector", func(in *Input) { in.Inferences[0].Values = nil }, ErrLabels},
		{"long vector", func(in *Input) { in.Inferences[0] = vv("a", "1", "2") }, ErrLabels},
		{"long vector, 2 labels", func(in *Input) { in.Labels = []string{"x", "y"}; in.Inferences[0] = vv("a", "1", "2", "3") }, ErrLabels},
		{"huge inference", func(in *Input) { in.Inferences[0].Values[0] = huge }, ErrInvalidValue},
		{"huge forecast", func(in *Input) { in.Forecasts[0].Elements[0].Value = huge }, ErrInvalidValue},
		{"huge loss", func(in *Input) { in.PreviousLoss = &huge }, ErrInvalidValue},
		{"huge initial regret", func(in *Input) { in.Regrets.InitialRegret = huge }, ErrInvalidValue},
		{"huge scale", func(in *Input) { in.Regrets.Scale = huge }, ErrInvalidValue},
		{"huge regret", func(in *Input) { in.Regrets.Forecasters = []loss.Value{{ID: "f", Value: huge}} }, ErrInvalidValue},
		{"too many labels", func(in *Input) { in.Labels = make([]string, MaxLabels+1) }, ErrTooLarge},
		{"too many inferences", func(in *Input) { in.Inferences = make([]loss.VectorValue, MaxWorkers+1) }, ErrTooLarge},
		{"too many forecasts", func(in *Input) { in.Forecasts = make([]Forecast, MaxWorkers+1) }, ErrTooLarge},
		{"absurd regrets", func(in *Input) {
			in.Regrets.Inferers = []loss.Value{{ID: "a", Value: decimal.New(9, 400)}, {ID: "b", Value: decimal.New(-9, 400)}}
		}, ErrArithmetic},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good()
			tc.edit(&in)
			for _, rs := range []RuleSet{V6, Newest} {
				p := DefaultParams()
				p.RuleSet = rs
				_, err := Synthesize(in, p)
				if !errors.Is(err, tc.want) {
					t.Fatalf("%s: err = %v, want %v", rs, err, tc.want)
				}
			}
		})
	}
	// Entries for workers outside the epoch are ignored, even duplicated.
	in := good()
	in.Regrets.Inferers = []loss.Value{{ID: "zz"}, {ID: "zz"}}
	if _, err := Synthesize(in, DefaultParams()); err != nil {
		t.Fatal(err)
	}
}

// TestParamsValidate: each field's range (spec §11).
func TestParamsValidate(t *testing.T) {
	for _, p := range []Params{DefaultParams(), DefaultParamsV6(), DefaultParamsIntermediate()} {
		if err := p.Validate(); err != nil {
			t.Fatalf("%s defaults: %v", p.RuleSet, err)
		}
	}
	for _, tc := range []struct {
		name string
		edit func(*Params)
	}{
		{"rule set", func(p *Params) { p.RuleSet = "v7" }},
		{"empty rule set", func(p *Params) { p.RuleSet = "" }},
		{"p low", func(p *Params) { p.PNorm = decimal.New(2, 0) }},
		{"p high", func(p *Params) { p.PNorm = decimal.New(5, 0) }},
		{"c zero", func(p *Params) { p.CNorm = decimal.Zero }},
		{"epsilon zero", func(p *Params) { p.Epsilon = decimal.Zero }},
		{"epsilon negative", func(p *Params) { p.Epsilon = decimal.New(-1, -2) }},
		{"epsilon_div zero", func(p *Params) { p.EpsilonSafeDiv = decimal.Zero }},
		{"huge c", func(p *Params) { p.CNorm = decimal.New(1, 900) }},
		{"digits", func(p *Params) { p.Digits = 1000 }},
		{"rounding", func(p *Params) { p.Rounding = "sideways" }},
	} {
		p := DefaultParams()
		tc.edit(&p)
		if err := p.Validate(); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("%s: %v, want ErrInvalidParams", tc.name, err)
		}
		if _, err := Synthesize(Input{Inferences: []loss.VectorValue{vv("a", "1")}}, p); !errors.Is(err, ErrInvalidParams) {
			t.Errorf("%s: Synthesize: %v, want ErrInvalidParams", tc.name, err)
		}
	}
	// p at the bounds is valid.
	p := DefaultParams()
	p.PNorm = decimal.New(25, -1)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
}
