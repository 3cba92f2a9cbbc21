package loss

import (
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/shopspring/decimal"
)

// uniformLosses computes NetworkLosses' result entry by entry, for reports
// that list the same keys in the same order: the usual case, reputers
// reporting on the same active workers, sorted. Every list of every report
// must hold exactly the keys of the first report's list, at the same
// positions, and those keys must be non-empty and strictly ascending (so
// that no entry is a duplicate and the list order is the output order).
//
// Each entry's terms are then the reports' values at one position, so the
// entries are accumulated a block at a time (uniformBlock), report by
// report within a block, and divided when the block is done: the
// accumulators of a block stay in the cache, where the aggregator keeps a
// table of every entry's accumulator (64 bytes per entry, 16 MB for 512 ×
// 512 pairs of fresh memory) and walks all of it once per report. Each
// entry's terms are added in reputer order, as the aggregator adds them,
// and sums are exact, so every value, representation included, is the
// aggregator's (TestUniformMatchesAggregator).
//
// It returns ok = false when the reports are not uniform or any value fails
// (a conversion, a bound, a quotient): the aggregator then computes the
// result, or the canonical error, from scratch.
func uniformLosses(ctx dec.Context, reports []Report, order []int, stakes []stake) (Bundle, bool) {
	u := uniform{ag: aggregator{ctx: ctx}, bs: make([]*Bundle, len(order)), ss: make([]*stake, len(order))}
	for k, i := range order {
		u.bs[k], u.ss[k] = &reports[i].Losses, &stakes[i]
	}
	var (
		lists [5][][]Value
		pairs = make([][]PairValue, len(order))
	)
	for l := range lists {
		lists[l] = make([][]Value, len(order))
	}
	for k, b := range u.bs {
		lists[0][k], lists[1][k], lists[2][k] = b.Inferers, b.Forecasters, b.OneOutInferers
		lists[3][k], lists[4][k] = b.OneOutForecasters, b.OneInForecasters
		pairs[k] = b.OneOutInfererForecasters
	}
	for _, l := range lists {
		if !sameIDs(l) {
			return Bundle{}, false
		}
	}
	if !samePairs(pairs) {
		return Bundle{}, false
	}
	var out Bundle
	var ok bool
	if out.Combined, ok = u.scalar(func(b *Bundle) decimal.Decimal { return b.Combined }); !ok {
		return Bundle{}, false
	}
	if out.Naive, ok = u.scalar(func(b *Bundle) decimal.Decimal { return b.Naive }); !ok {
		return Bundle{}, false
	}
	inf, fcs := lists[0][0], lists[1][0]
	for l, dst := range []*[]Value{&out.Inferers, &out.Forecasters, &out.OneOutInferers, &out.OneOutForecasters, &out.OneInForecasters} {
		// One-out inferer entries are kept for ids of the inferer list,
		// one-out and one-in forecaster entries for ids of the forecaster
		// list (others are dropped, as the aggregator drops them).
		var within []Value
		switch l {
		case 2:
			within = inf
		case 3, 4:
			within = fcs
		}
		if *dst, ok = u.values(lists[l], within, l >= 2); !ok {
			return Bundle{}, false
		}
	}
	if out.OneOutInfererForecasters, ok = u.pairValues(pairs, inf, fcs); !ok {
		return Bundle{}, false
	}
	return out, true
}

// uniform is the state of uniformLosses: the aggregator's arithmetic
// (context, conversion, out-of-line store), the bundles and stakes in
// reputer order, and the accumulators of one block of entries.
type uniform struct {
	ag   aggregator
	bs   []*Bundle
	ss   []*stake
	acc  []accum
	pacc []dec.Acc // pairMeans' block
}

// uniformBlock is the number of entries accumulated together: each report's
// values of a block are read in a row (as they lie in memory), while the
// block's accumulators (16 KB) stay in the cache.
const uniformBlock = 256

// means computes the weighted means of n entries, entry j's value in report
// k being value(k, j): a block of entries at a time, the reports in reputer
// order within a block. emit receives each mean in entry order.
func (u *uniform) means(n int, value func(k, j int) decimal.Decimal, emit func(j int, v decimal.Decimal)) bool {
	if u.acc == nil {
		u.acc = make([]accum, uniformBlock)
	}
	for j0 := 0; j0 < n; j0 += uniformBlock {
		acc := u.acc[:min(uniformBlock, n-j0)]
		clear(acc)
		for k, s := range u.ss {
			for j := range acc {
				if u.ag.addValue(&acc[j], s, value(k, j0+j)) != nil {
					return false
				}
			}
		}
		for j := range acc {
			v, err := u.ag.quo(&acc[j])
			if err != nil {
				return false
			}
			emit(j0+j, v)
		}
		u.ag.store.wide, u.ag.store.slow = u.ag.store.wide[:0], u.ag.store.slow[:0]
	}
	return true
}

// scalar returns the weighted mean of one scalar of the bundles.
func (u *uniform) scalar(get func(*Bundle) decimal.Decimal) (decimal.Decimal, bool) {
	var r decimal.Decimal
	ok := u.means(1, func(k, _ int) decimal.Decimal { return get(u.bs[k]) }, func(_ int, v decimal.Decimal) { r = v })
	return r, ok
}

// values returns the weighted means of one list (lists[k] is report k's),
// keeping, when filter is set, only the ids that within holds (both lists
// ascend). Every entry is computed, a dropped one too: the aggregator
// validates every reported value. An empty result is nil, as the
// aggregator returns it.
func (u *uniform) values(lists [][]Value, within []Value, filter bool) ([]Value, bool) {
	first := lists[0]
	var out []Value
	w := 0
	ok := u.means(len(first), func(k, j int) decimal.Decimal { return lists[k][j].Value }, func(j int, v decimal.Decimal) {
		id := first[j].ID
		if filter {
			for w < len(within) && within[w].ID < id {
				w++
			}
			if w == len(within) || within[w].ID != id {
				return
			}
		}
		if out == nil {
			out = make([]Value, 0, len(first))
		}
		// Field by field: a whole struct copied into the slice costs a
		// bulk write barrier while the collector marks.
		out = out[:len(out)+1]
		e := &out[len(out)-1]
		e.ID, e.Value = id, v
	})
	return out, ok
}

// pairMeans is means for the one-out-inferer-forecaster lists (lists[k]
// is report k's), whose values are Nums, read in place (Num.Dec): each
// term S·v is rounded by dec.Context.Mul (what addValue's MulWords
// computes, and what the aggregator's addDec adds) and the block's sums
// are dec.Accs, exact on words. An entry's sum thus has the aggregator's
// value, and its mean, one rounded Quo of that value by the same weight
// (every report lists every entry: the sum of the stakes), is the
// aggregator's, representation included (a rounded quotient's
// representation depends only on its value: it has exactly the context's
// digits). A zero value adds no term (addValue adds only its weight).
func (u *uniform) pairMeans(lists [][]PairValue, emit func(j int, v dec.Dec)) bool {
	n := len(lists[0])
	var w accum
	for _, s := range u.ss {
		w.addWeight(s.hi, s.lo)
	}
	weight := w.weight()
	if u.pacc == nil {
		u.pacc = make([]dec.Acc, uniformBlock)
	}
	ctx := u.ag.ctx
	for j0 := 0; j0 < n; j0 += uniformBlock {
		acc := u.pacc[:min(uniformBlock, n-j0)]
		clear(acc)
		for k, s := range u.ss {
			row := lists[k][j0:][:len(acc)]
			for j := range acc {
				v := row[j].Value.Dec()
				if v.IsZero() {
					continue
				}
				if checkBounds(v) != nil {
					return false
				}
				p, err := ctx.Mul(s.d, v)
				if err != nil {
					return false
				}
				acc[j].Add(p)
			}
		}
		for j := range acc {
			q, err := ctx.Quo(acc[j].Dec(), weight)
			if err != nil {
				return false
			}
			emit(j0+j, q)
		}
	}
	return true
}

// pairValues returns the weighted means of the one-out-inferer-forecaster
// pairs whose forecaster fcs holds and whose inferer inf holds (pairs come
// forecaster-major, both lists ascend), computing the dropped ones too.
func (u *uniform) pairValues(lists [][]PairValue, inf, fcs []Value) ([]PairValue, bool) {
	first := lists[0]
	var out []PairValue
	f, i := 0, 0
	fc, fcKnown := "", false
	ok := u.pairMeans(lists, func(j int, v dec.Dec) {
		p := &first[j]
		if j == 0 || p.Forecaster != fc {
			fc, i = p.Forecaster, 0
			for f < len(fcs) && fcs[f].ID < fc {
				f++
			}
			fcKnown = f < len(fcs) && fcs[f].ID == fc
		}
		if !fcKnown {
			return
		}
		for i < len(inf) && inf[i].ID < p.Inferer {
			i++
		}
		if i == len(inf) || inf[i].ID != p.Inferer {
			return
		}
		if out == nil {
			out = make([]PairValue, 0, len(first))
		}
		out = out[:len(out)+1] // field by field, as in values
		e := &out[len(out)-1]
		e.Forecaster, e.Inferer, e.Value = p.Forecaster, p.Inferer, num.Of(v)
	})
	return out, ok
}

// sameIDs reports whether every list holds the first list's ids at the same
// positions, and those ids are non-empty and strictly ascending.
func sameIDs(lists [][]Value) bool {
	first := lists[0]
	for j := range first {
		if first[j].ID == "" || (j > 0 && first[j-1].ID >= first[j].ID) {
			return false
		}
	}
	for _, l := range lists[1:] {
		if len(l) != len(first) {
			return false
		}
		for j := range l {
			if l[j].ID != first[j].ID {
				return false
			}
		}
	}
	return true
}

// samePairs is sameIDs for pairs, ordered forecaster-major.
func samePairs(lists [][]PairValue) bool {
	first := lists[0]
	for j := range first {
		p := &first[j]
		if p.Forecaster == "" || p.Inferer == "" {
			return false
		}
		if j > 0 {
			q := &first[j-1]
			if c := strings.Compare(q.Forecaster, p.Forecaster); c > 0 || (c == 0 && q.Inferer >= p.Inferer) {
				return false
			}
		}
	}
	for _, l := range lists[1:] {
		if len(l) != len(first) {
			return false
		}
		for j := range l {
			if l[j].Forecaster != first[j].Forecaster || l[j].Inferer != first[j].Inferer {
				return false
			}
		}
	}
	return true
}
