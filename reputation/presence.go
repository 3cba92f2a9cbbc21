package reputation

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// LossList names one list of a loss bundle: the blocks of the loss vector
// (3.2), in layout order.
type LossList int

// The lists of a loss bundle, in the order of the loss vector (3.2).
const (
	ListCombined LossList = iota
	ListNaive
	ListInferers
	ListForecasters
	ListOneOutInfererForecasters
	ListOneOutInferers
	ListOneOutForecasters
	ListOneInForecasters
)

// String returns the list's JSON-style name.
func (l LossList) String() string {
	switch l {
	case ListCombined:
		return "combined"
	case ListNaive:
		return "naive"
	case ListInferers:
		return "inferers"
	case ListForecasters:
		return "forecasters"
	case ListOneOutInfererForecasters:
		return "one_out_inferer_forecasters"
	case ListOneOutInferers:
		return "one_out_inferers"
	case ListOneOutForecasters:
		return "one_out_forecasters"
	case ListOneInForecasters:
		return "one_in_forecasters"
	}
	return fmt.Sprintf("LossList(%d)", int(l))
}

// Coordinate identifies one entry of the loss vector (3.2).
type Coordinate struct {
	List LossList `json:"list"`
	// Worker is the worker of the entry; for ListOneOutInfererForecasters it
	// is the forecaster. Empty for ListCombined and ListNaive.
	Worker string `json:"worker,omitempty"`
	// Inferer is the withheld inferer of a ListOneOutInfererForecasters
	// entry, empty otherwise.
	Inferer string `json:"inferer,omitempty"`
}

// Entry is one reputer's value at one coordinate. Missing marks an entry
// the reputer did not report (the reference's NaN, §3.1); Value is then 0
// and meaningless.
type Entry struct {
	Value   decimal.Decimal `json:"value"`
	Missing bool            `json:"missing,omitempty"`
}

// LossVectors are the reputers' completed loss vectors x_m (§3.1, §3.2):
// every reputer has one entry per coordinate of Layout, in the same order.
type LossVectors struct {
	// Layout lists the coordinates: [combined, naive] ++ inferers ++
	// forecasters ++ one-out-inferer forecasters (forecaster-major, then
	// inferer) ++ one-out inferers ++ one-out forecasters ++ one-in
	// forecasters, each block sorted by id over the union of all reports.
	Layout []Coordinate `json:"layout"`
	// Reputers lists the reputers in id order.
	Reputers []string `json:"reputers"`
	// Entries[m][c] is reputer m's value at coordinate c.
	Entries [][]Entry `json:"entries"`
}

// lossMatrix is LossVectors with the stakes in the decimal core. The values
// stay the validated input decimals (raw) until an evaluation converts
// them: the reference evaluation to the decimal core (decRows), the Gram
// evaluation to integers (gram.go).
type lossMatrix struct {
	K        int // coordinates (the length of the layout)
	reputers []string
	stakes   []dec.Dec
	bls      []bundleLists    // the validated lists, sorted (rawRows)
	union    [numLists][]wkey // every list's union, sorted; nil when same
	ulen     [numLists]int    // the unions' lengths
	same     [numLists]bool   // every report has exactly the union's keys (the first report's list is the union)
	present  [][]bool         // read only: rows may share their storage
	missing  int              // number of missing entries
	// small: every present value has at most 18 digits; its coefficients
	// and exponents are read again from the input decimals where an
	// evaluation needs them (coefs, gram64Stream), never stored while the
	// bundles are validated. stats: what validation saw of them.
	small bool
	stats valueStats
	// whole: every list is every report's, in key order (each report's
	// bundle lists, in layout order, are its row).
	whole bool
}

// unionKey returns key i of list l's union.
func (lm *lossMatrix) unionKey(l LossList, i int) wkey {
	if lm.same[l] {
		return lm.bls[0].key(l, i)
	}
	return lm.union[l][i]
}

// layout returns the coordinates of the loss vectors (3.2), built on
// demand (the evaluations need only their number, K).
func (lm *lossMatrix) layout() []Coordinate {
	out := make([]Coordinate, 0, lm.K)
	out = append(out, Coordinate{List: ListCombined}, Coordinate{List: ListNaive})
	for _, l := range layoutOrder {
		for i := range lm.ulen[l] {
			k := lm.unionKey(l, i)
			co := Coordinate{List: l, Worker: k.id}
			if l == ListOneOutInfererForecasters {
				co.Inferer = k.id2
			}
			out = append(out, co)
		}
	}
	return out
}

// listAt returns the list of coordinate c.
func (lm *lossMatrix) listAt(c int) LossList {
	switch c {
	case 0:
		return ListCombined
	case 1:
		return ListNaive
	}
	at := 2
	for _, l := range layoutOrder {
		if at += lm.ulen[l]; c < at {
			return l
		}
	}
	return LossList(-1) // not a coordinate
}

// rawRows returns the input values as decimals in layout order (zero where
// missing).
func (lm *lossMatrix) rawRows() [][]decimal.Decimal {
	K := lm.K
	raw := make([][]decimal.Decimal, len(lm.bls))
	for m := range lm.bls {
		bl := &lm.bls[m]
		row := make([]decimal.Decimal, K)
		row[0], row[1] = bl.head[0], bl.head[1]
		c := 2
		lm.forEach(m, func(l LossList, i, p int) {
			if p >= 0 {
				row[c] = bl.src[l].decimal(bl.lists[l].pos(p))
			}
			c++
		})
		raw[m] = row
	}
	return raw
}

// decRows returns the values in the decimal core (missing entries 0), read
// from the reports' lists (source.dec).
func (lm *lossMatrix) decRows() ([][]dec.Dec, error) {
	x := make([][]dec.Dec, len(lm.bls))
	for m := range lm.bls {
		bl := &lm.bls[m]
		row := make([]dec.Dec, lm.K)
		var err error
		for c := range bl.head {
			if row[c], err = fromDecimal(bl.head[c]); err != nil {
				return nil, badValue(fmt.Sprintf("reputer %q %s", lm.reputers[m], lm.listAt(c)), err)
			}
		}
		c := 2
		lm.forEach(m, func(l LossList, i, p int) {
			if p >= 0 && err == nil {
				var e error
				if row[c], e = bl.src[l].dec(bl.lists[l].pos(p)); e != nil {
					err = badValue(fmt.Sprintf("reputer %q %s", lm.reputers[m], l), e)
				}
			}
			c++
		})
		if err != nil {
			return nil, err
		}
		x[m] = row
	}
	return x, nil
}

// CompleteLosses completes the reports' loss bundles with explicit missing
// entries (§3.1, the reference's EnsureWorkerPresence: every list gets the
// union, over all reports, of the workers of that list; the one-out-inferer
// forecaster matrix gets, per forecaster, the union of its withheld
// inferers) and lays them out as the loss vectors of (3.2). Stakes are
// validated as in ScoreReputers. Nothing is rounded.
//
// Errors: ErrEmpty (no reports), ErrEmptyID, ErrDuplicateID (a reputer
// twice, or a worker twice in one list of one bundle), ErrStake,
// ErrInvalidValue, ErrTooLarge (more than MaxReputers reports,
// MaxCoordinates coordinates or MaxLossEntries entries).
func CompleteLosses(reports []loss.Report) (LossVectors, error) {
	lm, err := completeLosses(reports, MaxCoordinates)
	if err != nil {
		return LossVectors{}, err
	}
	raw := lm.rawRows()
	lv := LossVectors{Layout: lm.layout(), Reputers: lm.reputers, Entries: make([][]Entry, len(raw))}
	for m, row := range raw {
		lv.Entries[m] = make([]Entry, len(row))
		for c, v := range row {
			if lm.present[m][c] {
				lv.Entries[m][c] = Entry{Value: v}
			} else {
				lv.Entries[m][c] = Entry{Missing: true}
			}
		}
	}
	return lv, nil
}

// wkey is the key of a coordinate within its list: the worker (for
// ListOneOutInfererForecasters the forecaster and the withheld inferer).
type wkey struct{ id, id2 string }

func compareKey(a, b wkey) int {
	if c := cmp.Compare(a.id, b.id); c != 0 {
		return c
	}
	return cmp.Compare(a.id2, b.id2)
}

// source is the input of one bundle list.
type source struct {
	vs   []loss.Value
	pv   []loss.PairValue
	pair bool
}

func (s *source) len() int {
	if s.pair {
		return len(s.pv)
	}
	return len(s.vs)
}

func (s *source) key(i int32) wkey {
	if s.pair {
		return wkey{s.pv[i].Forecaster, s.pv[i].Inferer}
	}
	return wkey{id: s.vs[i].ID}
}

// decimal returns value i as a decimal (a pair's Num converted: one
// allocation).
func (s *source) decimal(i int32) decimal.Decimal {
	if s.pair {
		return s.pv[i].Value.Decimal()
	}
	return s.vs[i].Value
}

// dec returns value i in the decimal core: a pair's Num read in place, a
// decimal converted (fromDecimal, with its range error).
func (s *source) dec(i int32) (dec.Dec, error) {
	if s.pair {
		return s.pv[i].Value.Dec(), nil
	}
	return fromDecimal(s.vs[i].Value)
}

// coef returns the coefficient of value i, which validation found small
// with exponent e0 (or zero), read in place: a decimal's by
// CoefficientInt64, a pair's by Dec.Small.
func (s *source) coef(i int32) int64 {
	if s.pair {
		c, _, _ := s.pv[i].Value.Dec().Small() // exponent e0, or 0 for a zero
		return c
	}
	return s.vs[i].Value.CoefficientInt64()
}

// small returns the coefficient and exponent of value i, which validation
// found small (at most 18 digits), read in place: a pair's through
// Dec.Small (a zero's exponent is 0: it reaches no sum), a decimal's
// through dec.Small.
func (s *source) small(i int32) (int64, int32) {
	if s.pair {
		c, e, _ := s.pv[i].Value.Dec().Small()
		return c, e
	}
	c, e, _ := dec.Small(s.vs[i].Value)
	return c, e
}

// entry is one validated scalar value (the combined and naive losses): its
// coefficient and exponent when it has at most 18 digits (small).
type entry struct {
	e     int32
	c     int64
	small bool
}

// bundleLists holds one report's lists validated, each sorted by key.
type bundleLists struct {
	head  [2]decimal.Decimal // combined, naive
	headE [2]entry           // their coefficients
	src   [numLists]source   // indexed by LossList (ListInferers ...)
	lists [numLists]list     // sorted by key
}

// list is one validated bundle list: entry i in key order is entry pos(i)
// of the source list, whose value is c[pos(i)]·10^e[pos(i)] when every
// value of the list has at most 18 digits (small). The coefficients are
// kept by source position, so that a list given in key order (the usual
// case) needs no permutation. Nothing holds a pointer, so the R·K values
// cost the garbage collector nothing.
type list struct {
	n     int
	perm  []int32 // nil: the source is in key order (pos(i) = i)
	small bool
}

// valueStats is what completeLosses' validation records of the small
// values (add): whether they all have one exponent (e0), whether one of
// their coefficients is not a multiple of 10, and the smallest
// coefficient. With one exponent and such a coefficient, the Gram
// integers of a whole matrix are the coefficients themselves (E = e0),
// read in place by gram64Stream.
type valueStats struct {
	e0     smallExp
	has    bool // a small value was added
	expSet bool // e0 is set: a nonzero small value was added (a zero has no exponent of its own)
	oneExp bool // every small value added has exponent e0
	nz10   bool // a coefficient added is not a multiple of 10
	minC   int64
}

func (st *valueStats) add(c int64, e smallExp) {
	if !st.has {
		st.has, st.minC, st.oneExp = true, c, true
	}
	st.minC = min(st.minC, c)
	if c == 0 {
		return // a zero's exponent reaches neither E nor the integers
	}
	if !st.expSet {
		st.e0, st.expSet = e, true
	}
	st.oneExp = st.oneExp && e == st.e0
	if c%10 != 0 {
		st.nz10 = true
	}
}

// coefs returns the values of a small matrix as coef[m·K+c]·10^exp[m·K+c]
// (row-major, coefficients in two's complement, 0 where missing), read
// from the input decimals; exp is nil when every value has the exponent
// lm.stats.e0.
func (lm *lossMatrix) coefs() (coef []uint64, exp []smallExp) {
	K := lm.K
	coef = make([]uint64, len(lm.bls)*K)
	if !lm.stats.oneExp {
		exp = make([]smallExp, len(lm.bls)*K)
	}
	for m := range lm.bls {
		bl := &lm.bls[m]
		put := func(c int, x int64, e int32) {
			coef[m*K+c] = uint64(x)
			if exp != nil {
				exp[m*K+c] = smallExp(e)
			}
		}
		for i := range bl.headE {
			put(i, bl.headE[i].c, bl.headE[i].e)
		}
		c := 2
		lm.forEach(m, func(l LossList, _, p int) {
			if p >= 0 {
				// Validation found every value small: read it in place.
				x, e := bl.src[l].small(bl.lists[l].pos(p))
				put(c, x, e)
			}
			c++
		})
	}
	return coef, exp
}

// smallExp is the exponent of a small value (checkDecimal): within
// [MinAdjExp − 17, MaxAdjExp] = [−417, 400], so 16 bits hold it (half the
// memory of an int32 for the R·K exponents of a loss matrix).
type smallExp = int16

// pos returns the source position of entry i in key order.
func (l *list) pos(i int) int32 {
	if l.perm == nil {
		return int32(i)
	}
	return l.perm[i]
}

// key returns the key of entry i of list l.
func (bl *bundleLists) key(l LossList, i int) wkey { return bl.src[l].key(bl.lists[l].pos(i)) }

const numLists = int(ListOneInForecasters) + 1

// listOrder is the order in which a bundle's lists are validated.
var listOrder = [...]LossList{ListInferers, ListForecasters, ListOneOutInferers, ListOneOutForecasters, ListOneInForecasters, ListOneOutInfererForecasters}

// layoutOrder is the order of the lists in the loss vector (3.2).
var layoutOrder = [...]LossList{ListInferers, ListForecasters, ListOneOutInfererForecasters, ListOneOutInferers, ListOneOutForecasters, ListOneInForecasters}

// completeLosses is CompleteLosses in the decimal core, with at most maxK
// coordinates. Lists are sorted (or checked to be sorted) instead of
// hashed, and the union of a list is the first report's when every report
// names the same workers: O(R·K) comparisons in the common case, none when
// every report lists the same workers.
func completeLosses(reports []loss.Report, maxK int) (lossMatrix, error) {
	if len(reports) == 0 {
		return lossMatrix{}, fmt.Errorf("%w: no reputer reports", ErrEmpty)
	}
	if len(reports) > MaxReputers {
		return lossMatrix{}, fmt.Errorf("%w: %d reputer reports (max %d)", ErrTooLarge, len(reports), MaxReputers)
	}
	order := make([]int, len(reports))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(reports[a].Reputer, reports[b].Reputer) })
	var lm lossMatrix
	bls := make([]bundleLists, len(reports))
	for i, idx := range order {
		r := reports[idx]
		if r.Reputer == "" {
			return lossMatrix{}, fmt.Errorf("%w: reputer of report %d", ErrEmptyID, idx)
		}
		if i > 0 && r.Reputer == lm.reputers[i-1] {
			return lossMatrix{}, fmt.Errorf("%w: reputer %q reports twice", ErrDuplicateID, r.Reputer)
		}
		lm.reputers = append(lm.reputers, r.Reputer)
		s, err := stakeOf(r.Reputer, r.Stake)
		if err != nil {
			return lossMatrix{}, err
		}
		lm.stakes = append(lm.stakes, s)
		if bls[i], err = bundleOf(r.Reputer, r.Losses, maxK, &lm.stats); err != nil {
			return lossMatrix{}, err
		}
	}
	// Layout (3.2): the union of every list, sorted.
	K := 2
	for _, l := range layoutOrder {
		lm.union[l], lm.ulen[l], lm.same[l] = unionOf(bls, l)
		K += lm.ulen[l]
	}
	if K > maxK {
		return lossMatrix{}, fmt.Errorf("%w: %d loss coordinates (max %d)", ErrTooLarge, K, maxK)
	}
	if len(bls)*K > MaxLossEntries {
		return lossMatrix{}, fmt.Errorf("%w: %d reputers × %d loss coordinates (max %d entries)", ErrTooLarge, len(bls), K, MaxLossEntries)
	}
	lm.K = K
	lm.bls = bls
	lm.present = make([][]bool, len(bls))
	// Every entry is present when every list has the same keys in every
	// report (then each report's row is K long), in key order.
	rows := true
	for _, l := range layoutOrder {
		rows = rows && lm.same[l]
	}
	for m := range bls {
		for _, l := range layoutOrder {
			rows = rows && bls[m].lists[l].perm == nil
		}
	}
	if rows {
		lm.small = true
		// Every entry is present: the rows share one (read only).
		pres := make([]bool, K)
		for i := range pres {
			pres[i] = true
		}
		for m := range bls {
			bl := &bls[m]
			lm.present[m] = pres
			lm.small = lm.small && bl.headE[0].small && bl.headE[1].small
			for _, l := range layoutOrder {
				lm.small = lm.small && bl.lists[l].small
			}
		}
		lm.whole = true
		return lm, nil
	}
	lm.small = true
	for m := range bls {
		bl := &bls[m]
		pres := make([]bool, K)
		small := true
		for i := range bl.headE {
			pres[i] = true
			small = small && bl.headE[i].small
		}
		c := 2
		for _, l := range layoutOrder {
			mine, u := &bl.lists[l], lm.union[l]
			small = small && mine.small // every entry of the list is placed
			n := lm.ulen[l]
			if lm.same[l] {
				for i := range mine.n {
					pres[c+i] = true
				}
				c += n
				continue
			}
			p := 0
			for i := range u {
				if p < mine.n && compareKey(bl.key(l, p), u[i]) == 0 {
					pres[c] = true
					p++
				} else {
					lm.missing++
				}
				c++
			}
		}
		lm.present[m] = pres
		lm.small = lm.small && small
	}
	return lm, nil
}

// forEach calls f for every coordinate of the lists of report m, in layout
// order: list l, index i in the union, and the position p of the report's
// entry in its sorted list, or −1 when the report lacks it.
func (lm *lossMatrix) forEach(m int, f func(l LossList, i, p int)) {
	bl := &lm.bls[m]
	for _, l := range layoutOrder {
		u := lm.union[l]
		if lm.same[l] {
			for i := range lm.ulen[l] {
				f(l, i, i)
			}
			continue
		}
		p := 0
		for i := range u {
			if p < bl.lists[l].n && compareKey(bl.key(l, p), u[i]) == 0 {
				f(l, i, p)
				p++
			} else {
				f(l, i, -1)
			}
		}
	}
}

// unionOf returns the sorted union of list l over the bundles and its
// length, and whether every bundle has exactly those keys (then the union
// is the first bundle's list, and it returns nil for it: unionKey).
func unionOf(bls []bundleLists, l LossList) ([]wkey, int, bool) {
	first := &bls[0]
	n := first.lists[l].n
	same := true
	for m := 1; m < len(bls) && same; m++ {
		same = sameKeys(first, &bls[m], l)
	}
	if same {
		return nil, n, true
	}
	var all []wkey
	for m := range bls {
		for i := range bls[m].lists[l].n {
			all = append(all, bls[m].key(l, i))
		}
	}
	slices.SortFunc(all, compareKey)
	all = slices.Compact(all)
	return all, len(all), false
}

// sameKeys reports whether bundles a and b have the same keys in list l,
// in the same order (their sorted lists), reading the ids in place.
func sameKeys(a, b *bundleLists, l LossList) bool {
	la, lb := &a.lists[l], &b.lists[l]
	if la.n != lb.n {
		return false
	}
	sa, sb := &a.src[l], &b.src[l]
	if sa.pair {
		for i := range la.n {
			x, y := &sa.pv[la.pos(i)], &sb.pv[lb.pos(i)]
			if x.Forecaster != y.Forecaster || x.Inferer != y.Inferer {
				return false
			}
		}
		return true
	}
	for i := range la.n {
		if sa.vs[la.pos(i)].ID != sb.vs[lb.pos(i)].ID {
			return false
		}
	}
	return true
}

// stakeOf validates and converts a reputer stake: a positive integer.
func stakeOf(reputer string, d decimal.Decimal) (dec.Dec, error) {
	s, err := dec.FromDecimal(d)
	if err != nil {
		return dec.Dec{}, fmt.Errorf("%w: reputer %q: %w", ErrStake, reputer, err)
	}
	if s.Sign() <= 0 || !s.IsInteger() {
		return dec.Dec{}, fmt.Errorf("%w: reputer %q has stake %s (want a positive integer)", ErrStake, reputer, s)
	}
	return s, nil
}

// bundleOf converts and validates one reported bundle; no list may have
// more than maxK entries. Within a list, the first problem in input order
// is reported (an empty id, then a repeated id, then a value out of range,
// for each entry in turn).
// The small values are added to st.
func bundleOf(reputer string, b loss.Bundle, maxK int, st *valueStats) (bundleLists, error) {
	var bl bundleLists
	for i, d := range [2]decimal.Decimal{b.Combined, b.Naive} {
		c, e, small, err := checkDecimal(d)
		if err != nil {
			return bl, badValue(fmt.Sprintf("reputer %q %s", reputer, [2]string{"combined", "naive"}[i]), err)
		}
		bl.head[i], bl.headE[i] = d, entry{c: c, e: e, small: small}
		if small {
			st.add(c, smallExp(e))
		}
	}
	for _, l := range listOrder {
		src := &bl.src[l]
		switch l {
		case ListInferers:
			src.vs = b.Inferers
		case ListForecasters:
			src.vs = b.Forecasters
		case ListOneOutInferers:
			src.vs = b.OneOutInferers
		case ListOneOutForecasters:
			src.vs = b.OneOutForecasters
		case ListOneInForecasters:
			src.vs = b.OneInForecasters
		case ListOneOutInfererForecasters:
			src.pv, src.pair = b.OneOutInfererForecasters, true
		}
		var err error
		if src.pair {
			pv := src.pv
			if len(pv) > maxK {
				return bl, fmt.Errorf("%w: reputer %q has %d one-out-inferer forecaster entries", ErrTooLarge, reputer, len(pv))
			}
			bl.lists[l], err = convertList(src, st, func(kind, i int, _ error) error {
				if kind == 0 {
					return fmt.Errorf("%w: reputer %q one-out-inferer forecaster entry (%q, %q)", ErrEmptyID, reputer, pv[i].Forecaster, pv[i].Inferer)
				}
				// Kind 1: a pair's value, a Num, is always in range.
				return fmt.Errorf("%w: reputer %q has one-out-inferer forecaster entry (%q, %q) twice", ErrDuplicateID, reputer, pv[i].Forecaster, pv[i].Inferer)
			})
		} else {
			vs := src.vs
			if len(vs) > maxK {
				return bl, fmt.Errorf("%w: reputer %q list %s has %d entries", ErrTooLarge, reputer, l, len(vs))
			}
			bl.lists[l], err = convertList(src, st, func(kind, i int, err error) error {
				switch kind {
				case 0:
					return fmt.Errorf("%w: reputer %q list %s", ErrEmptyID, reputer, l)
				case 1:
					return fmt.Errorf("%w: reputer %q list %s has %q twice", ErrDuplicateID, reputer, l, vs[i].ID)
				}
				return badValue(fmt.Sprintf("reputer %q %s %q", reputer, l, vs[i].ID), err)
			})
		}
		if err != nil {
			return bl, err
		}
	}
	return bl, nil
}

// convertList validates the entries of src into a list sorted by key, and
// adds its small values to st.
// Entries are examined in input order, as a hashing implementation would:
// for entry i, an empty id (either id of a pair) is error kind 0, an id seen
// before is kind 1, a value out of range kind 2 (never a pair's: a Num is
// always in range); the first such event is returned through fail(kind,
// i, err).
func convertList(src *source, st *valueStats, fail func(kind, i int, err error) error) (list, error) {
	n := src.len()
	out := list{n: n, small: true}
	lim := n // entries [0, lim) are examined
	evPos, evKind := n, 3
	var evErr error
	sorted := true
	// The two shapes of list, with the keys read in place.
	if src.pair {
		// The values are Nums, always in range: only their coefficients
		// and exponents are read (Dec.Small).
		pv := src.pv
		for i := range pv {
			k := &pv[i]
			if k.Forecaster == "" || k.Inferer == "" {
				evPos, evKind, lim = i, 0, i
				break
			}
			c, e, small := k.Value.Dec().Small()
			out.small = out.small && small
			if small {
				st.add(c, smallExp(e))
			}
			if i > 0 && sorted {
				p := &pv[i-1]
				if cf := cmp.Compare(p.Forecaster, k.Forecaster); cf > 0 || cf == 0 && p.Inferer >= k.Inferer {
					sorted = false
				}
			}
		}
	} else {
		vs := src.vs
		for i := range vs {
			k := &vs[i]
			if k.ID == "" {
				evPos, evKind, lim = i, 0, i
				break
			}
			c, e, small, err := checkDecimal(k.Value)
			out.small = out.small && small
			if small {
				st.add(c, smallExp(e))
			}
			if i > 0 && sorted && vs[i-1].ID >= k.ID {
				sorted = false
			}
			if err != nil {
				evPos, evKind, evErr, lim = i, 2, err, i+1
				break
			}
		}
	}
	byKey := func(a, b int32) int { return compareKey(src.key(a), src.key(b)) }
	if !sorted {
		// The first repeated key in input order: the second occurrence
		// with the smallest position.
		idx := make([]int32, lim)
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortFunc(idx, func(a, b int32) int {
			if c := byKey(a, b); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		for k := 1; k < len(idx); k++ {
			p := int(idx[k])
			if byKey(idx[k-1], idx[k]) == 0 && (p < evPos || (p == evPos && evKind > 1)) {
				evPos, evKind, evErr = p, 1, nil
			}
		}
	}
	if evKind < 3 {
		return list{}, fail(evKind, evPos, evErr)
	}
	if !sorted {
		out.perm = make([]int32, n)
		for i := range out.perm {
			out.perm[i] = int32(i)
		}
		slices.SortFunc(out.perm, byKey)
	}
	return out, nil
}

// readRow writes to dst the coefficients (two's complement) of row m of a
// small whole matrix from coordinate c0 on, read from the input values in
// place (source.coef): one per element of dst. Validation found every
// value small (|coefficient| < 10^18) with the exponent lm.stats.e0.
func (lm *lossMatrix) readRow(m, c0 int, dst []uint64) {
	bl := &lm.bls[m]
	c := c0
	for ; c < 2 && c-c0 < len(dst); c++ {
		dst[c-c0] = uint64(bl.headE[c].c)
	}
	at := 2 // the first coordinate of list l
	for _, l := range layoutOrder {
		n := lm.ulen[l]
		if c-c0 == len(dst) {
			return
		}
		if c >= at+n {
			at += n
			continue
		}
		src := &bl.src[l]
		for ; c < at+n && c-c0 < len(dst); c++ {
			dst[c-c0] = uint64(src.coef(int32(c - at)))
		}
		at += n
	}
}
