package regret

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
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
	alpha   dec.Dec
	initial dec.Dec // R_prev of a key without a stored regret
	bounds  bounds
}

// merge returns prev with every key of ups updated by eq. (32):
//
//	R_new = EMA(α, cur, R_prev),  R_prev = stored value, or u.initial if absent
//
// (dec.Context.EMA with first = false: R_new = cur when cur == R_prev,
// otherwise α·cur + (1−α)·R_prev with both products rounded and the sum
// exact). prev and ups must be sorted by key without duplicates; so is the
// result, which holds every key of either. visit, when not nil, sees each
// update's key, new value and whether R_prev was absent (a new participant).
func (u updater) merge(field string, prev []entry, ups []update, visit func(key, dec.Dec, bool)) ([]entry, error) {
	if len(prev)+len(ups) > MaxStateEntries {
		// The union may still be small enough when most keys overlap; count
		// it exactly before refusing.
		if n := unionSize(prev, ups); n > MaxStateEntries {
			return nil, fmt.Errorf("%w: %s would hold %d entries (max %d)", ErrTooLarge, field, n, MaxStateEntries)
		}
	}
	out := make([]entry, 0, len(prev)+len(ups))
	i := 0
	for _, up := range ups {
		for i < len(prev) && cmpKey(prev[i].key, up.key) < 0 {
			out = append(out, prev[i])
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
		if !u.bounds.contains(v) {
			return nil, fmt.Errorf("%w: %s %s: regret %s outside the decimal range", ErrInvalidValue, field, up.key, v)
		}
		out = append(out, entry{up.key, v})
		if visit != nil {
			visit(up.key, v, isNew)
		}
	}
	return append(out, prev[i:]...), nil
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
// worker w in ws, (net, worker)-sorted (eqs. (36), (38), (39), (40)).
func crossed(nets, ws []idValue) []update {
	ups := make([]update, 0, len(nets)*len(ws))
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
func (l losses) oneOutInfererForecasters(skipMissing bool) []update {
	ups := make([]update, 0, len(l.oneOutInf)*len(l.rows))
	for _, j := range l.oneOutInf {
		run := l.pairRun(j.id) // sorted by forecaster, a subset of rows
		r := 0
		for _, k := range l.rows {
			var lossB dec.Dec
			if r < len(run) && run[r].worker == k {
				lossB = run[r].v
				r++
			} else if skipMissing {
				continue
			}
			ups = append(ups, update{key{j.id, k}, j.v.Sub(lossB)})
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
