package regret

import (
	"fmt"
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/netmath/netmath/loss"
)

// update is one regret to recompute: its key and cur = lossA − lossB
// (exact), the current value of eq. (32).
type update struct {
	key
	cur dec.Dec
}

// updater applies eq. (32) to one store after another.
type updater struct {
	ctx     dec.Context
	alpha   dec.Dec         // α, validated in (0, 1] by Params.compile
	initial dec.Dec         // R_prev of a key without a stored regret
	conv    dec.DecimalConv // toValue's conversions
}

// merge returns prev with every key of ups updated by eq. (32), in the
// public shape put writes (a loss.Value or a Pair):
//
//	R_new = EMA(α, cur, R_prev),  R_prev = stored value, or u.initial if absent
//
// (dec.Context.EMA with first = false: R_new = cur when cur == R_prev,
// otherwise α·cur + (1−α)·R_prev with both products rounded and the sum
// exact). prev and ups must be sorted by key without duplicates; so is
// the result, which holds every key of either (nil when there is none).
// visit, when not nil, sees each update's key, new value and whether R_prev
// was absent (a new participant).
func merge[T any](u *updater, field string, prev []entry, ups []update, visit func(key, dec.Dec, bool), put func(*T, key, dec.Dec)) ([]T, error) {
	n := len(prev) + len(ups)
	if len(prev) > 0 && len(ups) > 0 {
		n = unionSize(prev, ups)
	}
	if n > MaxStateEntries {
		return nil, fmt.Errorf("%w: %s would hold %d entries (max %d)", ErrTooLarge, field, n, MaxStateEntries)
	}
	if n == 0 {
		return nil, nil
	}
	// The entries are written field by field in place (a struct returned
	// and copied into the slice costs a bulk write barrier while the
	// collector marks).
	out := make([]T, n)
	j := 0
	i := 0
	for _, up := range ups {
		for i < len(prev) && cmpKey(prev[i].key, up.key) < 0 {
			put(&out[j], prev[i].key, prev[i].v)
			j++
			i++
		}
		rPrev, isNew := u.initial, true
		if i < len(prev) && cmpKey(prev[i].key, up.key) == 0 {
			rPrev, isNew = prev[i].v, false
			i++
		}
		v, err := u.ctx.EMA(u.alpha, up.cur, rPrev, false)
		if err != nil {
			return nil, fmt.Errorf("%w: %s %s: %w", ErrInvalidValue, field, up.key, err)
		}
		if !v.InRange() {
			return nil, fmt.Errorf("%w: %s %s: regret %s outside the decimal range", ErrInvalidValue, field, up.key, v)
		}
		put(&out[j], up.key, v)
		j++
		if visit != nil {
			visit(up.key, v, isNew)
		}
	}
	for _, e := range prev[i:] {
		put(&out[j], e.key, e.v)
		j++
	}
	return out[:j], nil
}

// toValue and toPair write the public entries of a per-worker and of a pair
// store.
func (u *updater) toValue(dst *loss.Value, k key, v dec.Dec) {
	dst.ID = k.worker
	dst.Value = u.conv.Decimal(v)
}

func (u *updater) toPair(dst *Pair, k key, v dec.Dec) {
	dst.Network = k.net
	dst.Worker = k.worker
	dst.Value = num.Of(v)
}

// unionSize counts the distinct keys of two sorted lists.
func unionSize(prev []entry, ups []update) int {
	n, i, j := 0, 0, 0
	for i < len(prev) && j < len(ups) {
		switch c := cmpKey(prev[i].key, ups[j].key); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			i++
			j++
		}
		n++
	}
	return n + len(prev) - i + len(ups) - j
}

// perWorker lists the updates lossA − L_w for every w in ws (eqs. (33)–(35)).
func perWorker(lossA dec.Dec, ws []idValue) []update {
	ups := make([]update, len(ws))
	for i, w := range ws {
		ups[i] = update{key{worker: w.id}, lossA.Sub(w.v)}
	}
	return ups
}

// crossed lists the updates L_n − L_w for every network n in nets and every
// worker w in ws, (net, worker)-sorted (eqs. (36), (38), (39), (40)), in
// buf's storage (the pair stores are merged one after the other, so one
// buffer serves them all).
func crossed(buf []update, nets, ws []idValue) []update {
	ups := slices.Grow(buf[:0], len(nets)*len(ws))
	for _, n := range nets {
		for _, w := range ws {
			ups = append(ups, update{key{n.id, w.id}, n.v.Sub(w.v)})
		}
	}
	return ups
}

// oneOutInfererForecasters lists the updates of eq. (37): for every
// withheld inferer j' and every forecaster k that has a row of L⁻_{·ik},
// L⁻_{j'i} − L⁻_{j'ik}. A pair the bundle lacks reads L⁻_{j'ik} = 0 (the
// reference behaviour), or is skipped when skipMissing is set.
func (l losses) oneOutInfererForecasters(buf []update, skipMissing bool) []update {
	ups := slices.Grow(buf[:0], len(l.oneOutInf)*len(l.rows))
	for _, j := range l.oneOutInf {
		fc, v := l.pairRun(j.id) // sorted by forecaster, a subset of rows
		r := 0
		for _, k := range l.rows {
			var lossB dec.Dec
			if r < len(fc) && fc[r] == k {
				lossB = v[r]
				r++
			} else if skipMissing {
				continue
			}
			ups = append(ups, update{key{j.id, l.forecasters[k].id}, j.v.Sub(lossB)})
		}
	}
	return ups
}

// oneInSelf lists the updates of eq. (41): L⁺_{ki} − L_ik for every one-in
// forecaster k (parseLosses guarantees that L_ik exists).
func (l losses) oneInSelf() []update {
	ups := make([]update, 0, len(l.oneIn))
	for _, k := range l.oneIn {
		var lossB dec.Dec
		if i := index(l.forecasters, k.id); i >= 0 {
			lossB = l.forecasters[i].v
		}
		ups = append(ups, update{key{worker: k.id}, k.v.Sub(lossB)})
	}
	return ups
}
