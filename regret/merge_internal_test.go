package regret

import (
	"fmt"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"pgregory.net/rapid"
)

// TestSortPairsMatchesSort: the counting sort of the L⁻_{j'ik} pairs gives
// the order of a comparison sort by cmpKey and reports a repeated pair,
// the first one in key order, whatever the input order.
func TestSortPairsMatchesSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ni := rapid.IntRange(1, 6).Draw(t, "inferers")
		nf := rapid.IntRange(1, 6).Draw(t, "forecasters")
		infs := make([]idValue, ni)
		for i := range infs {
			infs[i] = idValue{id: fmt.Sprintf("i%d", i)}
		}
		fcs := make([]idValue, nf)
		for i := range fcs {
			fcs[i] = idValue{id: fmt.Sprintf("f%d", i)}
		}
		n := rapid.IntRange(0, 40).Draw(t, "pairs")
		at := make([]pairAt, n)
		for i := range at {
			at[i] = pairAt{int32(rapid.IntRange(0, ni-1).Draw(t, "j")), int32(rapid.IntRange(0, nf-1).Draw(t, "k")), dec.FromInt64(int64(i))}
		}
		want := make([]entry, n)
		for i, p := range at {
			want[i] = entry{key{net: infs[p.inf].id, worker: fcs[p.fc].id}, p.v}
		}
		slices.SortStableFunc(want, func(a, b entry) int { return cmpKey(a.key, b.key) })
		var wantErr string
		for i := 1; i < len(want); i++ {
			if cmpKey(want[i-1].key, want[i].key) == 0 {
				wantErr = fmt.Sprintf("forecaster %q, inferer %q", want[i].worker, want[i].net)
				break
			}
		}
		got, err := sortPairs(at, infs, fcs)
		if wantErr != "" {
			if err == nil || err.Error() != wantErr {
				t.Fatalf("error %v, want %s", err, wantErr)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i].key != want[i].key || got[i].v.Cmp(want[i].v) != 0 {
				t.Fatalf("position %d: %v %s, want %v %s", i, got[i].key, got[i].v, want[i].key, want[i].v)
			}
		}
	})
}
