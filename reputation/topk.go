package reputation

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"

	"github.com/netmath/netmath/loss"
)

// SelectTop returns the k candidates with the highest scores (merit
// sortition's top-k, §9.4 and the sortition fixture's active set), ranked by
// score descending and, on equal scores, by id ascending (byte order). All
// candidates are returned, ranked, when k >= len(candidates).
//
// The reference (FindTopNByScoreDesc) breaks ties with a seeded math/rand
// draw inside Go's slices.SortFunc; which pairs it compares, and so which
// draws decide, depends on the pdqsort implementation of the Go release, so
// that order is not a property of the protocol that another implementation
// can reproduce. This function uses the deterministic rule above instead: it
// agrees with the reference whenever the k-th and (k+1)-th scores differ.
// Nothing is rounded. Errors: ErrInvalidParams (k < 0), ErrEmptyID,
// ErrDuplicateID, ErrInvalidValue, ErrTooLarge (more than MaxCandidates).
func SelectTop(k int, candidates []loss.Value) ([]loss.Value, error) {
	if k < 0 {
		return nil, fmt.Errorf("%w: k = %d", ErrInvalidParams, k)
	}
	if len(candidates) > MaxCandidates {
		return nil, fmt.Errorf("%w: %d candidates (max %d)", ErrTooLarge, len(candidates), MaxCandidates)
	}
	cs := make([]idValue, len(candidates))
	seen := make(map[string]struct{}, len(candidates))
	for i, c := range candidates {
		if c.ID == "" {
			return nil, fmt.Errorf("%w: candidates[%d]", ErrEmptyID, i)
		}
		if _, dup := seen[c.ID]; dup {
			return nil, fmt.Errorf("%w: candidate %q", ErrDuplicateID, c.ID)
		}
		seen[c.ID] = struct{}{}
		v, err := toDec(fmt.Sprintf("candidate %q", c.ID), c.Value)
		if err != nil {
			return nil, err
		}
		cs[i] = idValue{c.ID, v}
	}
	if k > len(cs) {
		k = len(cs)
	}
	var top []idValue
	if 4*k >= len(cs) {
		slices.SortFunc(cs, rankCmp)
		top = cs[:k]
	} else {
		h := worstFirst(make([]idValue, 0, k+1))
		for _, c := range cs {
			if len(h) < k {
				heap.Push(&h, c)
			} else if k > 0 && rankCmp(c, h[0]) < 0 {
				h[0] = c
				heap.Fix(&h, 0)
			}
		}
		top = []idValue(h)
		slices.SortFunc(top, rankCmp)
	}
	out := make([]loss.Value, len(top))
	for i, c := range top {
		out[i] = loss.Value{ID: c.id, Value: c.v.Decimal()}
	}
	return out, nil
}

// rankCmp orders by score descending, then id ascending.
func rankCmp(a, b idValue) int {
	if c := b.v.Cmp(a.v); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// worstFirst is a heap whose root is the lowest-ranked element.
type worstFirst []idValue

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return rankCmp(h[i], h[j]) > 0 }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(idValue)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
