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
	layout   []Coordinate
	reputers []string
	stakes   []dec.Dec
	bls      []bundleLists     // the validated lists, sorted (rawRows)
	union    [numLists][]keyed // every list's union, sorted
	present  [][]bool
	missing  int // number of missing entries
	// When every present value has at most 18 digits (small): raw[m][c] =
	// coef[m·K+c]·10^exp[m·K+c], row-major.
	small bool
	coef  []int64
	exp   []int32
}

// rawRows returns the input decimals in layout order (zero where
// missing).
func (lm *lossMatrix) rawRows() [][]decimal.Decimal {
	K := len(lm.layout)
	raw := make([][]decimal.Decimal, len(lm.bls))
	for m := range lm.bls {
		bl := &lm.bls[m]
		row := make([]decimal.Decimal, K)
		row[0], row[1] = bl.head[0].v, bl.head[1].v
		c := 2
		for _, l := range layoutOrder {
			mine := bl.lists[l]
			p := 0
			for i := range lm.union[l] {
				if p < len(mine) && compareKeyed(&mine[p], &lm.union[l][i]) == 0 {
					row[c] = mine[p].v
					p++
				}
				c++
			}
		}
		raw[m] = row
	}
	return raw
}

// decRows returns the values in the decimal core (missing entries 0).
func (lm *lossMatrix) decRows() ([][]dec.Dec, error) {
	raw := lm.rawRows()
	x := make([][]dec.Dec, len(raw))
	for m, row := range raw {
		x[m] = make([]dec.Dec, len(row))
		for c, v := range row {
			if !lm.present[m][c] {
				continue
			}
			d, err := fromDecimal(v)
			if err != nil {
				return nil, badValue(fmt.Sprintf("reputer %q %s", lm.reputers[m], lm.layout[c].List), err)
			}
			x[m][c] = d
		}
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
	lv := LossVectors{Layout: lm.layout, Reputers: lm.reputers, Entries: make([][]Entry, len(raw))}
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

// keyed is one validated entry of a bundle list: the worker (for
// ListOneOutInfererForecasters the forecaster and the withheld inferer) and
// the value, in range of the decimal core.
type keyed struct {
	id, id2 string
	v       decimal.Decimal
	c       int64 // v = c·10^e when small (at most 18 digits)
	e       int32
	small   bool
}

func compareKeyed(a, b *keyed) int {
	if c := cmp.Compare(a.id, b.id); c != 0 {
		return c
	}
	return cmp.Compare(a.id2, b.id2)
}

// bundleLists holds one report's lists validated and sorted by key.
type bundleLists struct {
	head  [2]keyed          // combined, naive
	lists [numLists][]keyed // indexed by LossList (ListInferers ...)
}

const numLists = int(ListOneInForecasters) + 1

// listOrder is the order in which a bundle's lists are validated.
var listOrder = [...]LossList{ListInferers, ListForecasters, ListOneOutInferers, ListOneOutForecasters, ListOneInForecasters, ListOneOutInfererForecasters}

// layoutOrder is the order of the lists in the loss vector (3.2).
var layoutOrder = [...]LossList{ListInferers, ListForecasters, ListOneOutInfererForecasters, ListOneOutInferers, ListOneOutForecasters, ListOneInForecasters}

// completeLosses is CompleteLosses in the decimal core, with at most maxK
// coordinates. Lists are sorted (or checked to be sorted) instead of
// hashed, and the union of a list is the first report's when every report
// names the same workers: O(R·K) comparisons in the common case.
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
		if bls[i], err = bundleOf(r.Reputer, r.Losses, maxK); err != nil {
			return lossMatrix{}, err
		}
	}
	// Layout (3.2): the union of every list, sorted.
	var union [numLists][]keyed
	K := 2
	for _, l := range layoutOrder {
		union[l] = unionOf(bls, l)
		K += len(union[l])
	}
	if K > maxK {
		return lossMatrix{}, fmt.Errorf("%w: %d loss coordinates (max %d)", ErrTooLarge, K, maxK)
	}
	if len(bls)*K > MaxLossEntries {
		return lossMatrix{}, fmt.Errorf("%w: %d reputers × %d loss coordinates (max %d entries)", ErrTooLarge, len(bls), K, MaxLossEntries)
	}
	lm.layout = make([]Coordinate, 0, K)
	lm.layout = append(lm.layout, Coordinate{List: ListCombined}, Coordinate{List: ListNaive})
	for _, l := range layoutOrder {
		for _, k := range union[l] {
			co := Coordinate{List: l, Worker: k.id}
			if l == ListOneOutInfererForecasters {
				co.Inferer = k.id2
			}
			lm.layout = append(lm.layout, co)
		}
	}
	lm.bls, lm.union = bls, union
	lm.present = make([][]bool, len(bls))
	lm.small = true
	lm.coef = make([]int64, len(bls)*K)
	lm.exp = make([]int32, len(bls)*K)
	for m := range bls {
		bl := &bls[m]
		pres := make([]bool, K)
		coef, exp := lm.coef[m*K:(m+1)*K], lm.exp[m*K:(m+1)*K]
		set := func(c int, k *keyed) {
			pres[c] = true
			coef[c], exp[c] = k.c, k.e
			lm.small = lm.small && k.small
		}
		set(0, &bl.head[0])
		set(1, &bl.head[1])
		c := 2
		for _, l := range layoutOrder {
			mine := bl.lists[l]
			p := 0
			for i := range union[l] {
				if p < len(mine) && compareKeyed(&mine[p], &union[l][i]) == 0 {
					set(c, &mine[p])
					p++
				} else {
					lm.missing++
				}
				c++
			}
		}
		lm.present[m] = pres
	}
	if !lm.small {
		lm.coef, lm.exp = nil, nil
	}
	return lm, nil
}

// unionOf returns the sorted union of list l over the bundles (the first
// bundle's list when every bundle has the same keys).
func unionOf(bls []bundleLists, l LossList) []keyed {
	first := bls[0].lists[l]
	same := true
	for m := 1; m < len(bls) && same; m++ {
		other := bls[m].lists[l]
		if len(other) != len(first) {
			same = false
			break
		}
		for i := range other {
			if other[i].id != first[i].id || other[i].id2 != first[i].id2 {
				same = false
				break
			}
		}
	}
	if same {
		return first
	}
	var all []keyed
	for m := range bls {
		all = append(all, bls[m].lists[l]...)
	}
	slices.SortFunc(all, func(a, b keyed) int { return compareKeyed(&a, &b) })
	return slices.CompactFunc(all, func(a, b keyed) bool { return compareKeyed(&a, &b) == 0 })
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
func bundleOf(reputer string, b loss.Bundle, maxK int) (bundleLists, error) {
	var bl bundleLists
	var err error
	for i, d := range [2]decimal.Decimal{b.Combined, b.Naive} {
		c, e, small, err := checkDecimal(d)
		if err != nil {
			return bl, badValue(fmt.Sprintf("reputer %q %s", reputer, [2]string{"combined", "naive"}[i]), err)
		}
		bl.head[i] = keyed{v: d, c: c, e: e, small: small}
	}
	for _, l := range listOrder {
		var vs []loss.Value
		switch l {
		case ListInferers:
			vs = b.Inferers
		case ListForecasters:
			vs = b.Forecasters
		case ListOneOutInferers:
			vs = b.OneOutInferers
		case ListOneOutForecasters:
			vs = b.OneOutForecasters
		case ListOneInForecasters:
			vs = b.OneInForecasters
		}
		if l == ListOneOutInfererForecasters {
			pv := b.OneOutInfererForecasters
			if len(pv) > maxK {
				return bl, fmt.Errorf("%w: reputer %q has %d one-out-inferer forecaster entries", ErrTooLarge, reputer, len(pv))
			}
			bl.lists[l], err = convertList(len(pv), func(i int) (string, string, decimal.Decimal) {
				return pv[i].Forecaster, pv[i].Inferer, pv[i].Value
			}, true, func(kind, i int, err error) error {
				switch kind {
				case 0:
					return fmt.Errorf("%w: reputer %q one-out-inferer forecaster entry (%q, %q)", ErrEmptyID, reputer, pv[i].Forecaster, pv[i].Inferer)
				case 1:
					return fmt.Errorf("%w: reputer %q has one-out-inferer forecaster entry (%q, %q) twice", ErrDuplicateID, reputer, pv[i].Forecaster, pv[i].Inferer)
				}
				return badValue(fmt.Sprintf("reputer %q one-out-inferer forecaster (%q, %q)", reputer, pv[i].Forecaster, pv[i].Inferer), err)
			})
		} else {
			if len(vs) > maxK {
				return bl, fmt.Errorf("%w: reputer %q list %s has %d entries", ErrTooLarge, reputer, l, len(vs))
			}
			bl.lists[l], err = convertList(len(vs), func(i int) (string, string, decimal.Decimal) {
				return vs[i].ID, "", vs[i].Value
			}, false, func(kind, i int, err error) error {
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

// convertList converts the n entries given by get into a list sorted by
// key. Entries are examined in input order, as a hashing implementation
// would: for entry i, an empty id (either id of a pair) is error kind 0, an
// id seen before is kind 1, a value out of range kind 2; the first such
// event is returned through fail(kind, i, err).
func convertList(n int, get func(int) (string, string, decimal.Decimal), pair bool, fail func(kind, i int, err error) error) ([]keyed, error) {
	out := make([]keyed, n)
	lim := n // entries [0, lim) are examined
	evPos, evKind := n, 3
	var evErr error
	sorted := true
	for i := 0; i < n; i++ {
		id, id2, d := get(i)
		if id == "" || (pair && id2 == "") {
			evPos, evKind, lim = i, 0, i
			break
		}
		c, e, small, err := checkDecimal(d)
		out[i] = keyed{id: id, id2: id2, v: d, c: c, e: e, small: small}
		if i > 0 && sorted && compareKeyed(&out[i-1], &out[i]) >= 0 {
			sorted = false
		}
		if err != nil {
			evPos, evKind, evErr, lim = i, 2, err, i+1
			break
		}
	}
	if !sorted {
		// The first repeated key in input order: the second occurrence
		// with the smallest position.
		idx := make([]int, lim)
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int {
			if c := compareKeyed(&out[a], &out[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		for k := 1; k < len(idx); k++ {
			if compareKeyed(&out[idx[k-1]], &out[idx[k]]) == 0 && (idx[k] < evPos || (idx[k] == evPos && evKind > 1)) {
				evPos, evKind, evErr = idx[k], 1, nil
			}
		}
	}
	if evKind < 3 {
		return nil, fail(evKind, evPos, evErr)
	}
	if !sorted {
		slices.SortFunc(out, func(a, b keyed) int { return compareKeyed(&a, &b) })
	}
	return out, nil
}
