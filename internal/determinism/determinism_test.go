package determinism

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards/settle"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

func input() settle.Input {
	v := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	in := settle.Input{Epoch: 7, Labels: []string{"a", "b", "c"}}
	for _, id := range []string{"i0", "i1", "i2", "i3", "i4", "i5"} {
		in.Inferences = append(in.Inferences, loss.VectorValue{ID: id, Values: loss.Vector{v("1"), v("2"), v("3")}})
	}
	for _, id := range []string{"f0", "f1", "f2", "f3"} {
		f := weights.Forecast{Forecaster: id}
		for _, j := range []string{"i0", "i1", "i2", "i3", "i4"} {
			f.Elements = append(f.Elements, weights.ForecastElement{Inferer: j, Value: v("0.5")})
		}
		in.Forecasts = append(in.Forecasts, f)
	}
	return in
}

func TestShuffle(t *testing.T) {
	in := input()
	orig := input()
	r := NewRand(1)
	got, n := Shuffle(in, r)
	if !reflect.DeepEqual(in, orig) {
		t.Fatal("Shuffle modified its argument")
	}
	// 1 inference list + 1 forecast list + 4 element lists.
	if n != 6 {
		t.Errorf("permuted %d lists, want 6", n)
	}
	if !slices.Equal(got.Labels, orig.Labels) {
		t.Errorf("labels reordered: %v", got.Labels)
	}
	ids := func(vs []loss.VectorValue) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.ID)
			if !slices.EqualFunc(v.Values, orig.Inferences[0].Values, decimal.Decimal.Equal) {
				t.Errorf("vector of %s reordered: %v", v.ID, v.Values)
			}
		}
		return out
	}
	gi := ids(got.Inferences)
	if slices.Equal(gi, ids(orig.Inferences)) {
		t.Errorf("inferences not permuted: %v", gi)
	}
	slices.Sort(gi)
	if !slices.Equal(gi, ids(orig.Inferences)) {
		t.Errorf("inferences not a permutation: %v", gi)
	}
	// Deep copy: writing the copy leaves the original alone.
	got.Inferences[0].Values[0] = decimal.New(9, 0)
	got.Forecasts[0].Elements[0].Value = decimal.New(9, 0)
	if !reflect.DeepEqual(in, orig) {
		t.Error("Shuffle shares memory with its argument")
	}
	// Same seed, same permutation.
	a, _ := Shuffle(in, NewRand(5))
	b, _ := Shuffle(in, NewRand(5))
	if !reflect.DeepEqual(a, b) {
		t.Error("Shuffle is not deterministic")
	}
}

func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.txt")
	var r Run
	r.Add([32]byte{1})
	Golden(t, path, "# header\n", "x", &r, true)
	var s Run
	s.Add([32]byte{2})
	Golden(t, path, "# header\n", "y", &s, true)
	Golden(t, path, "# header\n", "x", &r, false)
	Golden(t, path, "# header\n", "y", &s, false)
	if r.Hex() == s.Hex() || r.N != 1 {
		t.Error("run digests")
	}
}
