package sim

import (
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/netmath/netmath/loss"
	shop "github.com/shopspring/decimal"
)

type decimal = shop.Decimal

// mapBundle returns a copy of b with f applied to every value, in a fixed
// order: combined, naive, then each list in order (inferers, forecasters,
// one-out inferers, one-out forecasters, one-in forecasters, one-out
// inferer-forecaster pairs); the pairs' values, Nums, are mapped in the
// decimal core by g.
func mapBundle(b loss.Bundle, f func(decimal) decimal, g func(dec.Dec) dec.Dec) loss.Bundle {
	out := loss.Bundle{Combined: f(b.Combined), Naive: f(b.Naive)}
	list := func(in []loss.Value) []loss.Value {
		o := slices.Clone(in)
		for i := range o {
			o[i].Value = f(o[i].Value)
		}
		return o
	}
	out.Inferers = list(b.Inferers)
	out.Forecasters = list(b.Forecasters)
	out.OneOutInferers = list(b.OneOutInferers)
	out.OneOutForecasters = list(b.OneOutForecasters)
	out.OneInForecasters = list(b.OneInForecasters)
	out.OneOutInfererForecasters = slices.Clone(b.OneOutInfererForecasters)
	for i := range out.OneOutInfererForecasters {
		p := &out.OneOutInfererForecasters[i]
		p.Value = num.Of(g(p.Value.Dec()))
	}
	return out
}

// find returns the value of id in a list sorted by id.
func find(vs []loss.Value, id string) (dec.Dec, bool) {
	i, ok := slices.BinarySearchFunc(vs, id, func(v loss.Value, id string) int {
		switch {
		case v.ID < id:
			return -1
		case v.ID > id:
			return 1
		}
		return 0
	})
	if !ok {
		return dec.Dec{}, false
	}
	d, err := dec.FromDecimal(vs[i].Value)
	return d, err == nil
}
