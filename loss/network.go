package loss

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/shopspring/decimal"
)

// NetworkLosses combines the reputers' reported bundles into the network
// losses (spec inference_synthesis.md §6, eq. (31)): for every entry X
//
//	L_X = Σ_m S_m·v_{m,X} / Σ_m S_m
//
// where m runs over the reputers that reported X (a reputer may omit any
// list entry; the combined and naive values are always reported). Each
// product S_m·v_{m,X} is rounded once to p's precision (34 digits,
// RoundDown by default), both sums are exact and there is one rounded Quo
// per entry. Exact sums make the result independent of the order of the
// reports and of the entries (reports are nevertheless processed in
// reputer-id order so that errors are deterministic too).
//
// Inputs:
//
//   - Stakes are integer numbers of token base units in [1, 10^30]
//     (ErrStake otherwise). A stake scaled by a power of ten changes no
//     result; any other common factor changes at most the rounding of the
//     products (a few units of the 34th digit).
//   - Every reported value must be 0 or of magnitude in [1e-40, 1e40], the
//     chain's BoundedExp40Dec (ErrOutOfBounds).
//   - Reputer ids must be non-empty and distinct (ErrEmptyID,
//     ErrDuplicateReputer); within one report a worker (or pair) appears at
//     most once per list (ErrEmptyID, ErrDuplicateID). The reference chain
//     deduplicates (first kept) before this step; here a duplicate is an
//     error because it is ambiguous.
//   - At most p.MaxReputers reports and p.MaxEntries reported values in
//     total (ErrTooLarge).
//
// Output (sorted as in spec §6): inferers sorted by id from the union of all
// reports' Inferers; forecasters likewise from Forecasters; one-out inferer
// entries only for ids in the inferer union, one-out forecaster and one-in
// entries only for ids in the forecaster union (others are dropped, as on
// chain); one-out-inferer-forecaster pairs only for a forecaster of the
// forecaster union and an inferer of the inferer union, forecaster-major.
// Entries whose weight sum is 0 would be dropped (with positive stakes every
// reported entry has a positive weight). A zero weight for combined or naive
// is ErrZeroWeight (unreachable with at least one valid report).
//
// Errors also wrap ErrEmpty (no report), ErrParams and ErrValue.
func NetworkLosses(reports []Report, p Params) (Bundle, error) {
	return networkLosses(reports, p, true)
}

// networkLosses is NetworkLosses, trying the entry-by-entry pass of uniform
// reports first when tryUniform is set (tests compare both ways).
func networkLosses(reports []Report, p Params, tryUniform bool) (Bundle, error) {
	ctx, err := p.context()
	if err != nil {
		return Bundle{}, err
	}
	if len(reports) == 0 {
		return Bundle{}, fmt.Errorf("%w: no reports", ErrEmpty)
	}
	if len(reports) > p.maxReputers() {
		return Bundle{}, fmt.Errorf("%w: %d reports (max %d)", ErrTooLarge, len(reports), p.maxReputers())
	}
	total := 0
	for i := range reports {
		total += reportSize(&reports[i].Losses)
		if total > p.maxEntries() {
			return Bundle{}, fmt.Errorf("%w: more than %d reported values", ErrTooLarge, p.maxEntries())
		}
	}
	order := make([]int, len(reports))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(reports[a].Reputer, reports[b].Reputer) })
	stakes := make([]stake, len(reports))
	for k, i := range order {
		r := reports[i].Reputer
		if r == "" {
			return Bundle{}, fmt.Errorf("%w: reputer", ErrEmptyID)
		}
		if k > 0 && reports[order[k-1]].Reputer == r {
			return Bundle{}, fmt.Errorf("%w: %q", ErrDuplicateReputer, r)
		}
		if stakes[i], err = parseStake(reports[i].Stake); err != nil {
			return Bundle{}, fmt.Errorf("reputer %q: %w", r, err)
		}
	}
	if tryUniform {
		if out, ok := uniformLosses(ctx, reports, order, stakes); ok {
			return out, nil
		}
	}
	return aggregate(ctx, reports, order, stakes)
}

// aggregate computes NetworkLosses' result report by report (order lists
// the reports in reputer-id order, stakes[i] is report i's stake): any
// reports, and the canonical error of invalid ones.
func aggregate(ctx dec.Context, reports []Report, order []int, stakes []stake) (Bundle, error) {
	ag := newAggregator(ctx)
	for k, i := range order {
		if err := ag.add(int32(k), &reports[i], &stakes[i]); err != nil {
			return Bundle{}, fmt.Errorf("reputer %q: %w", reports[i].Reputer, err)
		}
	}
	return ag.result()
}

// reportSize counts the reported values of a bundle.
func reportSize(b *Bundle) int {
	return 2 + len(b.Inferers) + len(b.Forecasters) + len(b.OneOutInferers) +
		len(b.OneOutForecasters) + len(b.OneInForecasters) + len(b.OneOutInfererForecasters)
}

// pairKey identifies a one-out-inferer-forecaster entry.
type pairKey struct{ forecaster, inferer string }

func comparePairKey(a, b pairKey) int {
	return cmp.Or(strings.Compare(a.forecaster, b.forecaster), strings.Compare(a.inferer, b.inferer))
}

// category holds the entries of one list, keyed by worker id (or pair).
//
// While index is nil, keys are in strictly ascending order: every entry was
// new and greater than the last (reports list their entries sorted, so the
// first report creates them all this way), and a key is found by binary
// search. The map is built the first time a report is not in that order.
type category[K comparable] struct {
	name    string
	empty   func(K) bool     // reports a key with an empty id
	compare func(a, b K) int // orders keys (byte-wise)
	index   map[K]int32      // nil while keys ascend
	keys    []K
	acc     []accum
	seen    []int32 // ordinal of the last report that reported the entry
	guess   []int32 // entry used at each list position by the previous report
}

func newCategory[K comparable](name string, empty func(K) bool, compare func(a, b K) int) *category[K] {
	return &category[K]{name: name, empty: empty, compare: compare}
}

func workerCategory(name string) *category[string] {
	return newCategory(name, func(k string) bool { return k == "" }, strings.Compare)
}

// find returns the entry of key, if any.
func (c *category[K]) find(key K) (int32, bool) {
	if c.index != nil {
		idx, ok := c.index[key]
		return idx, ok
	}
	i, ok := slices.BinarySearchFunc(c.keys, key, c.compare)
	return int32(i), ok
}

// lookup returns the entry of key, creating it. Reports usually list the
// same workers in the same order, so the entry used at the same position by
// the previous report is tried first; a key above every key (while they
// ascend) is new without a search.
func (c *category[K]) lookup(pos int, key K) int32 {
	if pos < len(c.guess) {
		if g := c.guess[pos]; g >= 0 && c.keys[g] == key {
			return g
		}
	}
	var idx int32
	if c.index == nil && (len(c.keys) == 0 || c.compare(c.keys[len(c.keys)-1], key) < 0) {
		idx = c.add(key)
	} else {
		if c.index == nil {
			c.index = make(map[K]int32, cap(c.keys))
			for i, k := range c.keys {
				c.index[k] = int32(i)
			}
		}
		var ok bool
		if idx, ok = c.index[key]; !ok {
			idx = c.add(key)
			c.index[key] = idx
		}
	}
	switch {
	case pos < len(c.guess):
		c.guess[pos] = idx
	case pos == len(c.guess):
		c.guess = append(c.guess, idx)
	}
	return idx
}

// add appends a new entry for key.
func (c *category[K]) add(key K) int32 {
	idx := int32(len(c.keys))
	c.keys = append(c.keys, key)
	c.acc = append(c.acc, accum{})
	c.seen = append(c.seen, -1)
	return idx
}

// reserve sizes a category that is still empty for the n entries of the
// list about to be scanned (reports usually list the same entries, so the
// first report's list sizes them all).
func (c *category[K]) reserve(n int) {
	if len(c.keys) == 0 && n > 0 {
		c.keys = make([]K, 0, n)
		c.acc = make([]accum, 0, n)
		c.seen = make([]int32, 0, n)
		c.guess = make([]int32, 0, n)
	}
}

// aggregator accumulates all reports.
type aggregator struct {
	ctx      dec.Context
	conv     dec.DecimalConv
	store    accStore // what the entries keep out of line
	scalar   [2]accum // combined, naive
	inferers *category[string]
	fcs      *category[string]
	ooInf    *category[string]
	ooFc     *category[string]
	oneIn    *category[string]
	pairs    *category[pairKey]
}

func newAggregator(ctx dec.Context) *aggregator {
	return &aggregator{
		ctx:      ctx,
		inferers: workerCategory("inferers"),
		fcs:      workerCategory("forecasters"),
		ooInf:    workerCategory("one_out_inferers"),
		ooFc:     workerCategory("one_out_forecasters"),
		oneIn:    workerCategory("one_in_forecasters"),
		pairs: newCategory("one_out_inferer_forecasters",
			func(k pairKey) bool { return k.forecaster == "" || k.inferer == "" }, comparePairKey),
	}
}

// add accumulates one report (ordinal ord in reputer order).
func (ag *aggregator) add(ord int32, r *Report, s *stake) error {
	b := &r.Losses
	if err := ag.addValue(&ag.scalar[0], s, b.Combined); err != nil {
		return fmt.Errorf("combined: %w", err)
	}
	if err := ag.addValue(&ag.scalar[1], s, b.Naive); err != nil {
		return fmt.Errorf("naive: %w", err)
	}
	for _, l := range []struct {
		c  *category[string]
		vs []Value
	}{
		{ag.inferers, b.Inferers},
		{ag.fcs, b.Forecasters},
		{ag.ooInf, b.OneOutInferers},
		{ag.ooFc, b.OneOutForecasters},
		{ag.oneIn, b.OneInForecasters},
	} {
		if err := addList(ag, l.c, ord, s, l.vs, valueKey, ag.addEntry); err != nil {
			return listError(ag, l.c, l.vs, valueKey, ag.addEntry, err)
		}
	}
	if n := len(b.OneOutInfererForecasters); n > 0 && ag.store.slow == nil {
		// Each pair entry's sum lives in the store (addDec): room for
		// the first report's entries at once.
		ag.store.slow = make([]dec.Dec, 0, n)
	}
	if err := addList(ag, ag.pairs, ord, s, b.OneOutInfererForecasters, pairKeyOf, ag.addPair); err != nil {
		return listError(ag, ag.pairs, b.OneOutInfererForecasters, pairKeyOf, ag.addPair, err)
	}
	return nil
}

func valueKey(v *Value) string { return v.ID }

func pairKeyOf(v *PairValue) pairKey { return pairKey{v.Forecaster, v.Inferer} }

// addEntry adds a Value's term (addValue).
func (ag *aggregator) addEntry(a *accum, s *stake, v *Value) error {
	return ag.addValue(a, s, v.Value)
}

// addPair adds a PairValue's term (addDec).
func (ag *aggregator) addPair(a *accum, s *stake, v *PairValue) error {
	return ag.addDec(a, s, v.Value.Dec())
}

// addList accumulates one list of a report: key returns an entry's key,
// add its term.
func addList[K comparable, V any](ag *aggregator, c *category[K], ord int32, s *stake, vs []V, key func(*V) K, add func(*accum, *stake, *V) error) error {
	c.reserve(len(vs))
	for pos := range vs {
		v := &vs[pos]
		k := key(v)
		if c.empty(k) {
			return ErrEmptyID
		}
		idx := c.lookup(pos, k)
		if c.seen[idx] == ord {
			return ErrDuplicateID
		}
		c.seen[idx] = ord
		if err := add(&c.acc[idx], s, v); err != nil {
			return err
		}
	}
	return nil
}

// listError returns the canonical error of a list that failed: ids are
// checked first (empty, then duplicates, in id order), then values in id
// order, so the reported error does not depend on the list's order.
func listError[K comparable, V any](ag *aggregator, c *category[K], vs []V, key func(*V) K, add func(*accum, *stake, *V) error, first error) error {
	type kv struct {
		k K
		i int
	}
	s := make([]kv, len(vs))
	for i := range vs {
		s[i] = kv{key(&vs[i]), i}
	}
	slices.SortFunc(s, func(a, b kv) int { return c.compare(a.k, b.k) })
	for i := range s {
		if c.empty(s[i].k) {
			return fmt.Errorf("%w: %s", ErrEmptyID, c.name)
		}
		if i > 0 && s[i-1].k == s[i].k {
			return fmt.Errorf("%w: %s %v", ErrDuplicateID, c.name, s[i].k)
		}
	}
	for i := range s {
		var a accum
		if err := add(&a, &stake{d: dec.One(), lo: 1}, &vs[s[i].i]); err != nil {
			return fmt.Errorf("%s %v: %w", c.name, s[i].k, err)
		}
	}
	return fmt.Errorf("%s: %w", c.name, first) // unreachable: the scan finds an error
}

// addValue adds S·v to a (and S to its weight): the product rounded at the
// context precision (as dec.Context.Mul rounds it), the sum exact.
//
// A coefficient of at most 18 digits (reported losses usually have no more)
// is read by dec.Small, which allocates nothing; a wider one through
// Coefficient, which copies it. Both give the same words.
func (ag *aggregator) addValue(a *accum, s *stake, v decimal.Decimal) error {
	exp := v.Exponent()
	var c u256
	var neg, words bool
	if x, _, small := dec.Small(v); small {
		neg = x < 0
		c[0], words = uint64(x), true
		if neg {
			c[0] = -c[0]
		}
	} else if coef := v.Coefficient(); coef.BitLen() <= 128 {
		neg = coef.Sign() < 0
		for i, w := range coef.Bits() { // little-endian words of |coef|, 32 or 64 bits
			c[i*bits.UintSize/64] |= uint64(w) << (i * bits.UintSize % 64)
		}
		words = true
	}
	if words && c == (u256{}) { // only a small value can be 0
		a.addWeight(s.hi, s.lo)
		return nil
	}
	var d dec.Dec
	if words {
		nd := digits128(c[1], c[0])
		if err := checkMagnitude(int64(exp)+int64(nd)-1, c == pow10u256[nd-1], v); err != nil {
			return err
		}
		// The product rounded on words (the division by 10^k through a
		// precomputed reciprocal), the common case.
		if hi, lo, e, ok := ag.ctx.MulWords(s.hi, s.lo, c[1], c[0], int64(exp), neg); ok {
			a.addTerm(&ag.store, hi, lo, e, neg)
			a.addWeight(s.hi, s.lo)
			return nil
		}
		d = dec.FromWords(neg, c, exp)
	} else {
		var err error
		if d, err = dec.FromDecimal(v); err != nil {
			return fmt.Errorf("%w: %w", ErrValue, err)
		}
	}
	// Anything MulWords declines (a wider coefficient, a precision beyond
	// 38 digits, more than 38 digits dropped) goes through Mul itself, as
	// a pair's Num does (addDec, which checks d's bounds: checkMagnitude
	// accepts the same values).
	return ag.addDec(a, s, d)
}

// addDec is addValue for a value already in the decimal core (a
// PairValue's Num): the same term, S·v rounded as dec.Context.Mul rounds it
// (which is what MulWords computes), added exactly, so the entry's sum has
// the same value. The term is added in decimal-core arithmetic (addSlow),
// not on the words addValue uses: for pair sums that measured faster (with
// 128 reputers' 512×512 pairs, BenchmarkNetworkLosses .../128x512x512_pairs,
// 1.5–1.9 s against 2.8 s on words); the entry-by-entry pass of uniform
// reports (uniform.pairMeans) sums such terms with a dec.Acc instead.
func (ag *aggregator) addDec(a *accum, s *stake, v dec.Dec) error {
	if v.IsZero() {
		a.addWeight(s.hi, s.lo)
		return nil
	}
	if err := checkBounds(v); err != nil {
		return err
	}
	prod, err := ag.ctx.Mul(s.d, v)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrValue, err)
	}
	a.addSlow(&ag.store, prod)
	a.addWeight(s.hi, s.lo)
	return nil
}

// checkMagnitude applies the bounds of spec loss_methods.md §6 to a nonzero
// value whose leading digit has exponent adj; pow10 tells whether its
// magnitude is exactly a power of ten.
func checkMagnitude(adj int64, pow10 bool, v decimal.Decimal) error {
	if adj < -40 || adj > 40 || (adj == 40 && !pow10) {
		return fmt.Errorf("%w: %s is neither 0 nor of magnitude in [1e-40, 1e40]", ErrOutOfBounds, dec.Show(v))
	}
	return nil
}

// result divides every entry and builds the sorted output.
func (ag *aggregator) result() (Bundle, error) {
	var out Bundle
	var err error
	for i, f := range []*decimal.Decimal{&out.Combined, &out.Naive} {
		a := &ag.scalar[i]
		if a.w == [2]uint64{} {
			return Bundle{}, fmt.Errorf("%w: %s", ErrZeroWeight, [...]string{"combined", "naive"}[i])
		}
		if *f, err = ag.quo(a); err != nil {
			return Bundle{}, err
		}
	}
	inf := sortedKeys(ag.inferers)
	fcs := sortedKeys(ag.fcs)
	if out.Inferers, err = ag.values(ag.inferers, inf); err != nil {
		return Bundle{}, err
	}
	if out.Forecasters, err = ag.values(ag.fcs, fcs); err != nil {
		return Bundle{}, err
	}
	if out.OneOutInferers, err = ag.values(ag.ooInf, inf); err != nil {
		return Bundle{}, err
	}
	if out.OneOutForecasters, err = ag.values(ag.ooFc, fcs); err != nil {
		return Bundle{}, err
	}
	if out.OneInForecasters, err = ag.values(ag.oneIn, fcs); err != nil {
		return Bundle{}, err
	}
	var fc string
	var fcKnown bool
	for _, idx := range sortedIndex(ag.pairs) {
		k := ag.pairs.keys[idx]
		if k.forecaster != fc {
			// Pairs come forecaster-major: one lookup per forecaster.
			fc = k.forecaster
			_, fcKnown = ag.fcs.find(fc)
		}
		if !fcKnown {
			continue
		}
		if _, ok := ag.inferers.find(k.inferer); !ok {
			continue
		}
		a := &ag.pairs.acc[idx]
		if a.w == [2]uint64{} {
			continue
		}
		v, err := ag.quoDec(a)
		if err != nil {
			return Bundle{}, err
		}
		if out.OneOutInfererForecasters == nil {
			out.OneOutInfererForecasters = make([]PairValue, 0, len(ag.pairs.keys))
		}
		out.OneOutInfererForecasters = append(out.OneOutInfererForecasters, PairValue{Forecaster: k.forecaster, Inferer: k.inferer, Value: num.Of(v)})
	}
	return out, nil
}

// values returns, for each id of order that c holds with a nonzero weight,
// the entry's network loss.
func (ag *aggregator) values(c *category[string], order []string) ([]Value, error) {
	var out []Value
	for _, id := range order {
		idx, ok := c.find(id)
		if !ok || c.acc[idx].w == [2]uint64{} {
			continue
		}
		v, err := ag.quo(&c.acc[idx])
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = make([]Value, 0, len(order))
		}
		out = append(out, Value{ID: id, Value: v})
	}
	return out, nil
}

// quo returns an entry's weighted mean: one rounded Quo.
func (ag *aggregator) quo(a *accum) (decimal.Decimal, error) {
	q, err := ag.quoDec(a)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return ag.conv.Decimal(q), nil
}

// quoDec is quo in the decimal core.
func (ag *aggregator) quoDec(a *accum) (dec.Dec, error) {
	q, err := ag.ctx.Quo(a.sum(&ag.store), a.weight())
	if err != nil {
		return dec.Dec{}, fmt.Errorf("%w: %w", ErrValue, err)
	}
	return q, nil
}

// sortedIndex returns the entry indices of c in key order (the identity
// while the keys ascend).
func sortedIndex[K comparable](c *category[K]) []int32 {
	idx := make([]int32, len(c.keys))
	for i := range idx {
		idx[i] = int32(i)
	}
	if c.index != nil {
		slices.SortFunc(idx, func(a, b int32) int { return c.compare(c.keys[a], c.keys[b]) })
	}
	return idx
}

// sortedKeys returns the keys of c sorted.
func sortedKeys[K comparable](c *category[K]) []K {
	s := slices.Clone(c.keys)
	if c.index != nil {
		slices.SortFunc(s, c.compare)
	}
	return s
}
