package reputation

import (
	"cmp"
	"container/heap"
	"fmt"
	"math/big"
	"slices"

	"github.com/netmath/netmath/internal/dec"
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
	// Validate, then rank on exact integer keys: every score's coefficient
	// scaled to the smallest exponent (the scores are in the decimal core's
	// range, so keys have at most about 1,800 digits).
	cs := make([]rankKey, len(candidates))
	seen := make(map[string]struct{}, len(candidates))
	emin := int32(0)
	for i, c := range candidates {
		if c.ID == "" {
			return nil, fmt.Errorf("%w: candidates[%d]", ErrEmptyID, i)
		}
		if _, dup := seen[c.ID]; dup {
			return nil, fmt.Errorf("%w: candidate %q", ErrDuplicateID, c.ID)
		}
		seen[c.ID] = struct{}{}
		if _, err := dec.FromDecimal(c.Value); err != nil {
			return nil, badValue(fmt.Sprintf("candidate %q", c.ID), err)
		}
		cs[i] = rankKey{id: c.ID, k: c.Value.Coefficient(), e: c.Value.Exponent(), idx: i}
		if cs[i].k.Sign() != 0 && (i == 0 || cs[i].e < emin) {
			emin = cs[i].e
		}
	}
	for i := range cs {
		if cs[i].k.Sign() != 0 && cs[i].e > emin {
			cs[i].k.Mul(cs[i].k, pow10Big(int(cs[i].e-emin)))
		}
	}
	if k > len(cs) {
		k = len(cs)
	}
	var top []rankKey
	if 4*k >= len(cs) {
		slices.SortFunc(cs, rankCmp)
		top = cs[:k]
	} else {
		h := worstFirst(make([]rankKey, 0, k+1))
		for _, c := range cs {
			if len(h) < k {
				heap.Push(&h, c)
			} else if k > 0 && rankCmp(c, h[0]) < 0 {
				h[0] = c
				heap.Fix(&h, 0)
			}
		}
		top = []rankKey(h)
		slices.SortFunc(top, rankCmp)
	}
	out := make([]loss.Value, len(top))
	for i, c := range top {
		out[i] = candidates[c.idx]
	}
	return out, nil
}

// rankKey is a candidate with its exact integer ranking key.
type rankKey struct {
	id  string
	k   *big.Int // coefficient scaled to the common exponent
	e   int32
	idx int // position in the input
}

// rankCmp orders by score descending, then id ascending.
func rankCmp(a, b rankKey) int {
	if c := b.k.Cmp(a.k); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// worstFirst is a heap whose root is the lowest-ranked element.
type worstFirst []rankKey

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return rankCmp(h[i], h[j]) > 0 }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(rankKey)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
