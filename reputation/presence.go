package reputation

import (
	"cmp"
	"fmt"
	"maps"
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

// lossMatrix is LossVectors in the decimal core, with the stakes.
type lossMatrix struct {
	layout   []Coordinate
	reputers []string
	stakes   []dec.Dec
	x        [][]dec.Dec
	present  [][]bool
	missing  int // number of missing entries
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
// ErrInvalidValue, ErrTooLarge (more than MaxReputers reports or
// MaxCoordinates coordinates).
func CompleteLosses(reports []loss.Report) (LossVectors, error) {
	lm, err := completeLosses(reports, MaxCoordinates)
	if err != nil {
		return LossVectors{}, err
	}
	lv := LossVectors{Layout: lm.layout, Reputers: lm.reputers, Entries: make([][]Entry, len(lm.x))}
	for m, row := range lm.x {
		lv.Entries[m] = make([]Entry, len(row))
		for c, v := range row {
			if lm.present[m][c] {
				lv.Entries[m][c] = Entry{Value: v.Decimal()}
			} else {
				lv.Entries[m][c] = Entry{Missing: true}
			}
		}
	}
	return lv, nil
}

// bundleMaps holds one report's lists keyed by worker (and, for the
// one-out-inferer forecaster matrix, by forecaster then inferer).
type bundleMaps struct {
	combined, naive dec.Dec
	lists           [numLists]map[string]dec.Dec // indexed by LossList (ListInferers ...)
	ooif            map[string]map[string]dec.Dec
}

const numLists = int(ListOneInForecasters) + 1

// completeLosses is CompleteLosses in the decimal core, with at most maxK
// coordinates.
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
	bms := make([]bundleMaps, len(reports))
	var union [numLists]map[string]struct{}
	for l := range union {
		union[l] = map[string]struct{}{}
	}
	unionOOIF := map[string]map[string]struct{}{}
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
		bm, err := bundleOf(r.Reputer, r.Losses, maxK)
		if err != nil {
			return lossMatrix{}, err
		}
		bms[i] = bm
		for l := ListInferers; l <= ListOneInForecasters; l++ {
			for id := range bm.lists[l] {
				union[l][id] = struct{}{}
			}
		}
		for f, inner := range bm.ooif {
			u := unionOOIF[f]
			if u == nil {
				u = map[string]struct{}{}
				unionOOIF[f] = u
			}
			for j := range inner {
				u[j] = struct{}{}
			}
		}
	}
	// Layout (3.2).
	lm.layout = []Coordinate{{List: ListCombined}, {List: ListNaive}}
	addList := func(l LossList) {
		for _, id := range slices.Sorted(maps.Keys(union[l])) {
			lm.layout = append(lm.layout, Coordinate{List: l, Worker: id})
		}
	}
	addList(ListInferers)
	addList(ListForecasters)
	for _, f := range slices.Sorted(maps.Keys(unionOOIF)) {
		for _, j := range slices.Sorted(maps.Keys(unionOOIF[f])) {
			lm.layout = append(lm.layout, Coordinate{List: ListOneOutInfererForecasters, Worker: f, Inferer: j})
		}
	}
	addList(ListOneOutInferers)
	addList(ListOneOutForecasters)
	addList(ListOneInForecasters)
	if len(lm.layout) > maxK {
		return lossMatrix{}, fmt.Errorf("%w: %d loss coordinates (max %d)", ErrTooLarge, len(lm.layout), maxK)
	}
	lm.x = make([][]dec.Dec, len(bms))
	lm.present = make([][]bool, len(bms))
	for m, bm := range bms {
		row := make([]dec.Dec, len(lm.layout))
		pres := make([]bool, len(lm.layout))
		for c, co := range lm.layout {
			var v dec.Dec
			ok := true
			switch co.List {
			case ListCombined:
				v = bm.combined
			case ListNaive:
				v = bm.naive
			case ListOneOutInfererForecasters:
				v, ok = bm.ooif[co.Worker][co.Inferer]
			default:
				v, ok = bm.lists[co.List][co.Worker]
			}
			row[c], pres[c] = v, ok
			if !ok {
				lm.missing++
			}
		}
		lm.x[m], lm.present[m] = row, pres
	}
	return lm, nil
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
// more than maxK entries.
func bundleOf(reputer string, b loss.Bundle, maxK int) (bundleMaps, error) {
	var bm bundleMaps
	var err error
	if bm.combined, err = toDec(fmt.Sprintf("reputer %q combined", reputer), b.Combined); err != nil {
		return bm, err
	}
	if bm.naive, err = toDec(fmt.Sprintf("reputer %q naive", reputer), b.Naive); err != nil {
		return bm, err
	}
	lists := [...]struct {
		l  LossList
		vs []loss.Value
	}{
		{ListInferers, b.Inferers},
		{ListForecasters, b.Forecasters},
		{ListOneOutInferers, b.OneOutInferers},
		{ListOneOutForecasters, b.OneOutForecasters},
		{ListOneInForecasters, b.OneInForecasters},
	}
	for _, e := range lists {
		if len(e.vs) > maxK {
			return bm, fmt.Errorf("%w: reputer %q list %s has %d entries", ErrTooLarge, reputer, e.l, len(e.vs))
		}
		m := make(map[string]dec.Dec, len(e.vs))
		for _, v := range e.vs {
			if v.ID == "" {
				return bm, fmt.Errorf("%w: reputer %q list %s", ErrEmptyID, reputer, e.l)
			}
			if _, dup := m[v.ID]; dup {
				return bm, fmt.Errorf("%w: reputer %q list %s has %q twice", ErrDuplicateID, reputer, e.l, v.ID)
			}
			x, err := dec.FromDecimal(v.Value)
			if err != nil {
				return bm, badValue(fmt.Sprintf("reputer %q %s %q", reputer, e.l, v.ID), err)
			}
			m[v.ID] = x
		}
		bm.lists[e.l] = m
	}
	if len(b.OneOutInfererForecasters) > maxK {
		return bm, fmt.Errorf("%w: reputer %q has %d one-out-inferer forecaster entries", ErrTooLarge, reputer, len(b.OneOutInfererForecasters))
	}
	bm.ooif = map[string]map[string]dec.Dec{}
	for _, pv := range b.OneOutInfererForecasters {
		if pv.Forecaster == "" || pv.Inferer == "" {
			return bm, fmt.Errorf("%w: reputer %q one-out-inferer forecaster entry (%q, %q)", ErrEmptyID, reputer, pv.Forecaster, pv.Inferer)
		}
		inner := bm.ooif[pv.Forecaster]
		if inner == nil {
			inner = map[string]dec.Dec{}
			bm.ooif[pv.Forecaster] = inner
		}
		if _, dup := inner[pv.Inferer]; dup {
			return bm, fmt.Errorf("%w: reputer %q has one-out-inferer forecaster entry (%q, %q) twice", ErrDuplicateID, reputer, pv.Forecaster, pv.Inferer)
		}
		x, err := dec.FromDecimal(pv.Value)
		if err != nil {
			return bm, badValue(fmt.Sprintf("reputer %q one-out-inferer forecaster (%q, %q)", reputer, pv.Forecaster, pv.Inferer), err)
		}
		inner[pv.Inferer] = x
	}
	return bm, nil
}
