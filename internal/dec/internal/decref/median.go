package decref

import (
	"fmt"
	"slices"
)

// sortedCopy returns an ascending copy of xs; xs is not modified.
func sortedCopy(xs []Dec) []Dec {
	s := slices.Clone(xs)
	slices.SortStableFunc(s, func(a, b Dec) int { return a.Cmp(b) })
	return s
}

// Median returns the middle value of xs (ascending order): the middle element
// for odd n, the mean of the two middle elements (one rounded division) for
// even n. Errors wrap ErrEmpty for an empty input (the reference chain
// returns 0 there; callers that need that convention check for emptiness).
// xs is not modified.
func (ctx Context) Median(xs []Dec) (Dec, error) {
	if len(xs) == 0 {
		return Dec{}, fmt.Errorf("%w: median of no values", ErrEmpty)
	}
	return ctx.medianSorted(sortedCopy(xs))
}

func (ctx Context) medianSorted(s []Dec) (Dec, error) {
	n := len(s)
	if n%2 == 1 {
		return s[n/2], nil
	}
	return ctx.Quo(s[n/2-1].Add(s[n/2]), two)
}

// MAD returns the median absolute deviation Median(|x − Median(x)|) together
// with the median of xs. Errors wrap ErrEmpty for an empty input. xs is not
// modified.
func (ctx Context) MAD(xs []Dec) (mad, median Dec, err error) {
	median, err = ctx.Median(xs)
	if err != nil {
		return Dec{}, Dec{}, err
	}
	dev := make([]Dec, len(xs))
	for i, x := range xs {
		dev[i] = x.Sub(median).Abs()
	}
	mad, err = ctx.Median(dev)
	return mad, median, err
}
