package sim

import (
	"slices"

	"github.com/netmath/netmath/internal/dec"
)

// Spearman returns Spearman's rank correlation of x and y: the Pearson
// correlation of their ranks, ties receiving the average of the ranks they
// span. ok is false when the lengths differ, there are fewer than two
// values, or either side is constant (the correlation is undefined).
//
// Ranks are handled as doubled integers (2·rank, so average ranks of ties
// stay integers); the centred sums Sxy, Sxx, Syy are exact and only
//
//	ρ = Sxy / √(Sxx·Syy)
//
// rounds, in ctx (one Mul, one Sqrt, one Quo).
func Spearman(ctx dec.Context, x, y []dec.Dec) (rho dec.Dec, ok bool, err error) {
	n := len(x)
	if n != len(y) || n < 2 {
		return dec.Dec{}, false, nil
	}
	rx, ry := ranks2(x), ranks2(y)
	var sxy, sxx, syy dec.Dec
	c := int64(n + 1) // mean of the doubled ranks
	for i := range n {
		dx, dy := rx[i]-c, ry[i]-c
		sxy = sxy.Add(dec.FromInt64(dx * dy))
		sxx = sxx.Add(dec.FromInt64(dx * dx))
		syy = syy.Add(dec.FromInt64(dy * dy))
	}
	if sxx.IsZero() || syy.IsZero() {
		return dec.Dec{}, false, nil
	}
	m := dec.NewCalc(ctx)
	rho = m.Quo(sxy, m.Sqrt(m.Mul(sxx, syy)))
	if err := m.Err(); err != nil {
		return dec.Dec{}, false, err
	}
	return rho, true, nil
}

// ranks2 returns twice the (average, 1-based) rank of each value.
func ranks2(x []dec.Dec) []int64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return x[a].Cmp(x[b]) })
	r := make([]int64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]].Cmp(x[idx[i]]) == 0 {
			j++
		}
		// Positions i..j (0-based) share ranks i+1..j+1: average (i+j+2)/2.
		for k := i; k <= j; k++ {
			r[idx[k]] = int64(i + j + 2)
		}
		i = j + 1
	}
	return r
}
