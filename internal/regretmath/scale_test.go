package regretmath

import (
	"errors"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

func TestMADScale(t *testing.T) {
	ctx := dec.Reference()
	// Spec inference_synthesis.md §4.3, CalcRegretScalePlusEpsilon unit checks.
	for _, c := range []struct {
		xs        []string
		eps, want string
	}{
		{[]string{"0.1", "0.2", "0.3"}, "0.01", "0.15826"},
		{[]string{"0", "0.5", "1"}, "0.1", "0.8413"},
		{[]string{"0", "0", "0", "100"}, "0.01", "0.01"},
		// Even count, by hand: median 2.5, |x − 2.5| = {1.5, 0.5, 0.5, 1.5},
		// MAD 1; 1.4826 + 0.5.
		{[]string{"4", "1", "3", "2"}, "0.5", "1.9826"},
	} {
		xs := make([]dec.Dec, len(c.xs))
		for i, s := range c.xs {
			xs[i] = dec.MustParse(s)
		}
		got, err := MADScale(ctx, xs, dec.MustParse(c.eps))
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(dec.MustParse(c.want)) {
			t.Errorf("%v: got %s, want %s", c.xs, got, c.want)
		}
	}
	if _, err := MADScale(ctx, nil, dec.One()); !errors.Is(err, dec.ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := MADScale(ctx, []dec.Dec{dec.One()}, dec.Zero()); !errors.Is(err, dec.ErrInvalidArgument) {
		t.Errorf("ε = 0: %v", err)
	}
	big := dec.MustParse("9e400")
	if _, err := MADScale(ctx, []dec.Dec{big, big.Neg()}, big); !errors.Is(err, dec.ErrRange) {
		t.Errorf("overflow: %v", err)
	}
	if got := MADFactor(); !got.Equal(dec.MustParse("1.4826")) {
		t.Errorf("MADFactor %s", got)
	}
}
