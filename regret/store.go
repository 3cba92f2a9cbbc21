package regret

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
)

// Size bounds. They keep the work and memory of one call bounded whatever a
// caller passes in; both are far above any deployed topic (the reference
// chain rewards at most 32 inferers and 6 forecasters per epoch).
const (
	// MaxWorkers bounds each per-worker list of the loss bundle (inferers,
	// forecasters, one-out and one-in lists); the bundle's
	// OneOutInfererForecasters list is bounded by MaxWorkers². An update
	// with n inferers and n forecasters writes about 5n² pair regrets: at
	// n = 512 that is about 1.3 million values, ~0.26–0.34 s and 85 MB of
	// allocations (the output: five slices of 64-byte Pairs) on one core
	// (BenchmarkUpdate/newest/n=512 and .../steady/n=512); at the bound
	// (n = 1024) about four times that. An input the fast path does not
	// decide (see updatePath) costs up to twice that.
	MaxWorkers = 1024
	// MaxStateEntries bounds every store of a State and each inclusion
	// list, on input and on output (an update whose merged store would
	// exceed it fails with ErrTooLarge).
	MaxStateEntries = 1 << 20
)

// key identifies one stored regret: net is the variant network (the
// withheld worker of a one-out store, the forecaster of a one-in store) and
// is empty for the per-worker stores.
type key struct {
	net, worker string
}

// cmpKey orders keys by (net, worker), byte-wise like the reference chain.
func cmpKey(a, b key) int {
	if c := strings.Compare(a.net, b.net); c != 0 {
		return c
	}
	return strings.Compare(a.worker, b.worker)
}

// entry is one stored regret in the decimal core.
type entry struct {
	key
	v dec.Dec
}

func (k key) String() string {
	if k.net == "" {
		return fmt.Sprintf("%q", k.worker)
	}
	return fmt.Sprintf("(%q, %q)", k.net, k.worker)
}

// sortEntries sorts es by key and rejects an empty id or a repeated key.
func sortEntries(field string, es []entry, pair bool) ([]entry, error) {
	slices.SortFunc(es, func(a, b entry) int { return cmpKey(a.key, b.key) })
	for i, e := range es {
		if e.worker == "" || (pair && e.net == "") {
			return nil, fmt.Errorf("%w: %s: entry %s", ErrEmptyID, field, e.key)
		}
		if i > 0 && cmpKey(es[i-1].key, e.key) == 0 {
			return nil, fmt.Errorf("%w: %s: %s", ErrDuplicateID, field, e.key)
		}
	}
	return es, nil
}

// valuesToEntries converts a per-worker store.
func valuesToEntries(field string, vs []loss.Value) ([]entry, error) {
	if len(vs) > MaxStateEntries {
		return nil, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, field, len(vs), MaxStateEntries)
	}
	es := make([]entry, len(vs))
	for i, v := range vs {
		d, err := dec.FromDecimal(v.Value)
		if err != nil {
			return nil, fmt.Errorf("%w: %s[%q]: %w", ErrInvalidValue, field, v.ID, err)
		}
		es[i] = entry{key{worker: v.ID}, d}
	}
	return sortEntries(field, es, false)
}

// pairsToEntries converts a pair store.
func pairsToEntries(field string, ps []Pair) ([]entry, error) {
	if len(ps) > MaxStateEntries {
		return nil, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, field, len(ps), MaxStateEntries)
	}
	es := make([]entry, len(ps))
	for i, p := range ps {
		es[i] = entry{key{p.Network, p.Worker}, p.Value.Dec()}
	}
	return sortEntries(field, es, true)
}

// stateDec is a State in the decimal core: every store sorted by key and
// free of duplicates.
type stateDec struct {
	inferers, forecasters, naive []entry
	ooII, ooIF, ooFI, ooFF       []entry
	oneInInf, oneInSelf          []entry
	initial, scale               dec.Dec
}

// parseState validates and converts s. field prefixes error messages. With
// pairs unset, the pair stores are only checked against MaxStateEntries and
// left nil (Update's fast path reads them itself).
func parseState(field string, s State, pairs bool) (stateDec, error) {
	var st stateDec
	var err error
	f := func(name string) string { return field + "." + name }
	if st.inferers, err = valuesToEntries(f("inferers"), s.Inferers); err != nil {
		return st, err
	}
	if st.forecasters, err = valuesToEntries(f("forecasters"), s.Forecasters); err != nil {
		return st, err
	}
	if st.naive, err = valuesToEntries(f("naive"), s.Naive); err != nil {
		return st, err
	}
	for _, ps := range []struct {
		dst  *[]entry
		name string
		src  []Pair
	}{
		{&st.ooII, "one_out_inferer_inferers", s.OneOutInfererInferers},
		{&st.ooIF, "one_out_inferer_forecasters", s.OneOutInfererForecasters},
		{&st.ooFI, "one_out_forecaster_inferers", s.OneOutForecasterInferers},
		{&st.ooFF, "one_out_forecaster_forecasters", s.OneOutForecasterForecasters},
		{&st.oneInInf, "one_in_inferers", s.OneInInferers},
	} {
		if !pairs {
			if len(ps.src) > MaxStateEntries {
				return st, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, f(ps.name), len(ps.src), MaxStateEntries)
			}
			continue
		}
		if *ps.dst, err = pairsToEntries(f(ps.name), ps.src); err != nil {
			return st, err
		}
	}
	if st.oneInSelf, err = valuesToEntries(f("one_in_forecasters"), s.OneInForecasters); err != nil {
		return st, err
	}
	if st.initial, err = dec.FromDecimal(s.InitialRegret); err != nil {
		return st, fmt.Errorf("%w: %s: %w", ErrInvalidValue, f("initial_regret"), err)
	}
	if st.scale, err = dec.FromDecimal(s.Scale); err != nil {
		return st, fmt.Errorf("%w: %s: %w", ErrInvalidValue, f("scale"), err)
	}
	if st.scale.Sign() < 0 {
		return st, fmt.Errorf("%w: %s %s is negative", ErrInvalidValue, f("scale"), st.scale)
	}
	return st, nil
}
