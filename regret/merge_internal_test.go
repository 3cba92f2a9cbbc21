package regret

import (
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestSortPairsMatchesSort: the counting sort of the L⁻_{j'ik} pairs gives
// the order of a stable comparison sort by cmpKey (start and dest agree
// with it) and reports a repeated pair, the first one in key order,
// whatever the input order.
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
		pos := make([]pairPos, n)
		for i := range pos {
			pos[i] = pairPos{int32(rapid.IntRange(0, ni-1).Draw(t, "j")), int32(rapid.IntRange(0, nf-1).Draw(t, "k"))}
		}
		// want: the input indices in stable key order.
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		keyOf := func(i int) key { return key{net: infs[pos[i].inf].id, worker: fcs[pos[i].fc].id} }
		slices.SortStableFunc(want, func(a, b int) int { return cmpKey(keyOf(a), keyOf(b)) })
		var wantErr string
		for i := 1; i < len(want); i++ {
			if cmpKey(keyOf(want[i-1]), keyOf(want[i])) == 0 {
				k := keyOf(want[i])
				wantErr = fmt.Sprintf("forecaster %q, inferer %q", k.worker, k.net)
				break
			}
		}
		start, dest, err := sortPairs(pos, infs, fcs)
		if wantErr == "" && err != nil || wantErr != "" && (err == nil || err.Error() != wantErr) {
			t.Fatalf("error %v, want %q", err, wantErr)
		}
		for r, i := range want {
			if int(dest[i]) != r {
				t.Fatalf("pair %d (%v) sorted to %d, want %d", i, keyOf(i), dest[i], r)
			}
		}
		for j := range infs {
			c := 0
			for _, p := range pos {
				if int(p.inf) < j {
					c++
				}
			}
			if int(start[j]) != c {
				t.Fatalf("start[%d] = %d, want %d", j, start[j], c)
			}
		}
		if int(start[ni]) != n {
			t.Fatalf("start[%d] = %d, want %d", ni, start[ni], n)
		}
	})
}
