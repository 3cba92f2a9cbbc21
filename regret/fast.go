package regret

import (
	"errors"

	"github.com/netmath/netmath/internal/dec"
)

// errDeclined is the fast path's failure: the input is left to the
// reference path, which reports the error, if any (see updatePath).
var errDeclined = errors.New("regret: fast path declined")

// grid enumerates the updates of a pair store in (network, worker) order:
// for every network n = nets[a], in order, and every worker w of n's row,
// in order, the key (n.id, w.id) with cur = n.v − w.v. A row is ws for
// eqs. (36), (38)–(40); for eq. (37) (l set) it is built from the
// L⁻_{j'ik} of withheld inferer j' = n as oneOutInfererForecasters builds
// its updates: every forecaster of l.rows, with w.v = L⁻_{j'ik}, or 0 when
// the bundle lacks the pair (skipped instead under skipMissing). From a
// dense grid (losses.dense) the row's L⁻_{j'ik} are read (Num.Dec) as the
// row is built, each once (the grid has every pair: nothing is missing).
//
// The enumeration is the update list crossed or oneOutInfererForecasters
// returns, in the same order: nets and the rows are sorted by id without
// duplicates, so the keys strictly increase.
type grid struct {
	nets, ws    []idValue
	l           *losses
	skipMissing bool
	// A dense grid's L⁻_{j'ik} read for nets [blk0, blk0+blkN):
	// net blk0+b's row is blk[b·len(l.rows):][:len(l.rows)] (fillBlock).
	blk        []dec.Dec
	blk0, blkN int
}

// denseBlock is the number of rows of eq. (37) whose L⁻_{j'ik} fillBlock
// reads together. The grid lies forecaster-major in the bundle and a row
// of eq. (37) is one inferer's column of it: read a column at a time,
// every value read is a cache miss (a column's pairs lie a row of the
// grid apart); a block of adjacent columns reads, for each forecaster, a
// run of adjacent pairs (64 bytes each, the Num inline).
const denseBlock = 16

// row returns the row of nets[a], in buf's storage for eq. (37). With
// values false, only the ids are needed: a dense grid's values are left
// unread (w.v = 0). It fails (errDeclined) only where fillBlock does (not
// reached).
func (g *grid) row(a int, buf []idValue, values bool) []idValue {
	if g.l == nil {
		return g.ws
	}
	if g.l.dense {
		var vs []dec.Dec
		if values {
			if a < g.blk0 || a >= g.blk0+g.blkN {
				g.fillBlock(a)
			}
			vs = g.blk[(a-g.blk0)*len(g.l.rows):][:len(g.l.rows)]
		}
		buf = buf[:0]
		for r, k := range g.l.rows {
			var v dec.Dec
			if values {
				v = vs[r]
			}
			buf = append(buf, idValue{g.l.forecasters[k].id, v})
		}
		return buf
	}
	fc, v := g.l.pairRun(g.nets[a].id) // sorted by forecaster, a subset of rows
	buf = buf[:0]
	r := 0
	for _, k := range g.l.rows {
		var lossB dec.Dec
		if r < len(fc) && fc[r] == k {
			lossB = v[r]
			r++
		} else if g.skipMissing {
			continue
		}
		buf = append(buf, idValue{g.l.forecasters[k].id, lossB})
	}
	return buf
}

// fillBlock reads the L⁻_{j'ik} of a dense grid for the rows of nets
// a, a+1, ... (at most denseBlock of them) into g.blk: for each forecaster
// row in turn, the nets' values, adjacent in the bundle when the nets are
// adjacent inferers (as they are when every inferer has a one-out loss).
// Each value is read once per pass over the nets (Num.Dec: a Num is
// always in range, nothing is checked).
func (g *grid) fillBlock(a int) {
	l := g.l
	nI, nR := len(l.inferers), len(l.rows)
	n := min(denseBlock, len(g.nets)-a)
	if g.blk == nil {
		g.blk = make([]dec.Dec, min(denseBlock, len(g.nets))*nR)
	}
	var xs [denseBlock]int
	for b := range n {
		// l.oneOutInf ⊆ l.inferers: the next net is usually the next
		// inferer.
		x := -1
		if b > 0 && xs[b-1]+1 < nI && l.inferers[xs[b-1]+1].id == g.nets[a+b].id {
			x = xs[b-1] + 1
		} else {
			x = index(l.inferers, g.nets[a+b].id) // >= 0: parseLosses checked the subset
		}
		xs[b] = x
	}
	for r := range nR {
		row := l.densePairs[r*nI:][:nI]
		for b, x := range xs[:n] {
			g.blk[b*nR+r] = row[x].Value.Dec()
		}
	}
	g.blk0, g.blkN = a, n
}

// mergePairsFast returns what merge(u, field, pairsToEntries(prev), ups,
// nil, u.toPair) returns, ups being g's updates, when that succeeds (and
// errDeclined otherwise; see updatePath):
//
//	R_new = EMA(α, cur, R_prev),  R_prev = the stored value, or u.initial
//
// for every update, and every stored pair the updates do not reach kept
// unchanged (a Num holds the decimal core's value: the reference path's
// conversion to the core and back gives the same Num).
//
// It reads prev in place and requires it strictly increasing in (Network,
// Worker), which makes it sorted and free of repeated pairs: the order the
// reference path's sort would give. It checks this in its first pass over
// the updates and prev (which also counts the merged pairs): a stored pair
// equal to the update it meets comes after the previous stored pair
// (that one was either equal to an earlier update or below this one's),
// so only the pairs the updates do not reach are compared with their
// predecessor and checked for empty ids (an update's ids are never
// empty). The second pass reads each stored value in place (Num.Dec: a Num
// is always in range, nothing to check) and writes the result.
func (u *updater) mergePairsFast(prev []Pair, g grid) ([]Pair, error) {
	// A kept pair: non-empty ids, above its predecessor.
	keptOK := func(i int) bool {
		p := &prev[i]
		return p.Network != "" && p.Worker != "" &&
			(i == 0 || cmpKey(key{prev[i-1].Network, prev[i-1].Worker}, key{p.Network, p.Worker}) < 0)
	}
	var row []idValue
	n, i := 0, 0
	for a := range g.nets {
		net := g.nets[a].id
		row = g.row(a, row, false)
		for _, w := range row {
			for i < len(prev) {
				p := &prev[i]
				if p.Network == net && p.Worker == w.id {
					i++
					break
				}
				if cmpKey(key{p.Network, p.Worker}, key{net, w.id}) > 0 {
					break
				}
				if !keptOK(i) {
					return nil, errDeclined
				}
				i++
				n++
			}
			n++
		}
	}
	for ; i < len(prev); i++ {
		if !keptOK(i) {
			return nil, errDeclined
		}
		n++
	}
	if n > MaxStateEntries {
		return nil, errDeclined
	}
	if n == 0 {
		return nil, nil
	}

	e := u.newEMA()
	out := make([]Pair, n)
	j := 0
	i = 0
	for a := range g.nets {
		nv := g.nets[a]
		row = g.row(a, row, true)
		for _, w := range row {
			rPrev, isNew := u.initial, true
			for i < len(prev) {
				p := &prev[i]
				if p.Network == nv.id && p.Worker == w.id {
					rPrev, isNew = p.Value.Dec(), false
					i++
					break
				}
				if cmpKey(key{p.Network, p.Worker}, key{nv.id, w.id}) > 0 {
					break
				}
				out[j] = *p // kept unchanged, as the reference path keeps it
				i++
				j++
			}
			v, err := e.apply(nv.v.Sub(w.v), rPrev, isNew)
			if err != nil || !v.InRange() {
				return nil, errDeclined
			}
			u.toPair(&out[j], key{nv.id, w.id}, v)
			j++
		}
	}
	for ; i < len(prev); i++ {
		out[j] = prev[i]
		j++
	}
	return out, nil
}

// emaCalc computes eq. (32) as dec.Context.EMA(α, cur, rPrev, false) does,
// with what does not depend on cur computed once: (1−α) (exact), and the
// product (1−α)·u.initial, which every update of a new pair reuses. α lies
// in (0, 1] (Params.compile), so EMA's argument check always passes.
type emaCalc struct {
	ctx             dec.Context
	alpha, oneMinus dec.Dec
	initProd        dec.Dec // ctx.Mul(oneMinus, u.initial), when initErr is nil
	initErr         error
}

func (u *updater) newEMA() emaCalc {
	e := emaCalc{ctx: u.ctx, alpha: u.alpha, oneMinus: dec.One().Sub(u.alpha)}
	e.initProd, e.initErr = u.ctx.Mul(e.oneMinus, u.initial)
	return e
}

// apply returns ctx.EMA(α, cur, rPrev, false): cur when cur == rPrev,
// otherwise α·cur + (1−α)·rPrev with both products rounded by ctx (the
// same Mul calls, so the same results and errors) and the sum exact.
// isInitial says that rPrev is u.initial.
func (e *emaCalc) apply(cur, rPrev dec.Dec, isInitial bool) (dec.Dec, error) {
	if cur.Cmp(rPrev) == 0 {
		return cur, nil
	}
	a, err := e.ctx.Mul(e.alpha, cur)
	if err != nil {
		return dec.Dec{}, err
	}
	b, err := e.initProd, e.initErr
	if !isInitial {
		b, err = e.ctx.Mul(e.oneMinus, rPrev)
	}
	if err != nil {
		return dec.Dec{}, err
	}
	return a.Add(b), nil
}
