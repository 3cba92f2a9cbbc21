package regret

import (
	"fmt"
	"math/big"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/regretmath"
	"github.com/netmath/netmath/loss"
)

// Inclusion is a worker's experience for the initial-regret rule (42): the
// number of times it was paid an inference reward (inferer) or a forecast
// reward (forecaster) in the topic, before this settlement.
type Inclusion struct {
	ID    string `json:"id"`
	Count uint64 `json:"count"`
}

// Input is everything the regret update of one settlement reads.
type Input struct {
	// Previous is the topic's regret state after the previous settlement.
	Previous State `json:"previous"`
	// Losses are the epoch's network losses (spec §6; package loss).
	Losses loss.Bundle `json:"losses"`
	// InfererInclusions and ForecasterInclusions are the paid-reward counts
	// of (42). A worker without an entry counts 0; entries for workers
	// without a loss are ignored.
	InfererInclusions    []Inclusion `json:"inferer_inclusions,omitempty"`
	ForecasterInclusions []Inclusion `json:"forecaster_inclusions,omitempty"`
}

// InitialRegretRule names the branch of §7.1 that produced the new topic
// initial regret.
type InitialRegretRule string

const (
	// InitialRegretUnchanged: nobody was experienced (and, under NEWEST,
	// fewer than MinExperiencedWorkerRegrets regrets were updated).
	InitialRegretUnchanged InitialRegretRule = "unchanged"
	// InitialRegretQuantileOffset: eq. (43) over the experienced workers.
	InitialRegretQuantileOffset InitialRegretRule = "quantile_offset"
	// InitialRegretFallback: NEWEST's plain quantile of every updated
	// inferer and forecaster regret.
	InitialRegretFallback InitialRegretRule = "fallback_quantile"
)

// Output is the result of Update.
type Output struct {
	// State is the topic's new regret state: every store of Input.Previous,
	// with the entries the bundle reaches replaced by their update and new
	// entries added; the new initial regret; the new scale.
	State State `json:"state"`
	// InitialRegretRule says which rule set State.InitialRegret.
	InitialRegretRule InitialRegretRule `json:"initial_regret_rule"`
	// NewInferers and NewForecasters list the workers whose network regret
	// ((33), (34)) was absent from the previous state: their update started
	// from Previous.InitialRegret. Sorted.
	NewInferers    []string `json:"new_inferers,omitempty"`
	NewForecasters []string `json:"new_forecasters,omitempty"`
	// ExperiencedInferers and ExperiencedForecasters list the workers whose
	// new network regret entered the initial-regret sample 𝓡 of (42).
	// Sorted.
	ExperiencedInferers    []string `json:"experienced_inferers,omitempty"`
	ExperiencedForecasters []string `json:"experienced_forecasters,omitempty"`
}

// Update performs the regret update of one settlement (spec §7): for every
// store, every entry the loss bundle reaches becomes
//
//	(32) R_new = EMA(α, lossA − lossB, R_prev)
//
// with lossA, lossB from the table of eqs. (33)–(41) (see doc.go), R_prev
// the stored regret or, when absent, Previous.InitialRegret. Entries the
// bundle does not reach are kept unchanged. Then the topic initial regret is
// recomputed (§7.1, eqs. (42)–(43), with the NEWEST fallback) and, under
// NEWEST, the regret scale s* = |1.4826·MAD| + ε of the updated inferer and
// forecaster regrets is stored (§4.3, eq. (20)).
//
// Precision: lossA − lossB and the final sum of the EMA are exact; the two
// EMA products, 1/α, κ/p, the quantile's interpolation, the standard
// deviation, the offset product and the MAD product are rounded by the
// Params context (34 digits, truncation, by default). The result does not
// depend on the order of any input list.
//
// Errors (each wraps a sentinel of errors.go): invalid params
// (ErrInvalidParams); an empty id (ErrEmptyID); a repeated id or pair in one
// list (ErrDuplicateID); a one-out/one-in loss for a worker without its
// base loss (ErrUnknownID); a number or result outside the decimal core's
// range (ErrInvalidValue); a list beyond MaxWorkers or MaxStateEntries
// (ErrTooLarge).
func Update(in Input, p Params) (Output, error) {
	if out, err := updatePath(in, p, true); err == nil {
		return out, nil
	}
	// Any failure of the fast path (including one it merely declined)
	// is decided by the reference path, whose checks run in the documented
	// order and so pick the error to report.
	return updatePath(in, p, false)
}

// updatePath is Update on one of its two paths, which give the same Output on
// every input the fast path accepts:
//
//   - the reference path (fast = false) converts the whole previous state
//     into the decimal core first (parseState), then merges every store
//     with its updates (merge); its errors are Update's;
//   - the fast path (fast = true) merges each pair store straight from the
//     previous state's []Pair (mergePairsFast, fast.go), reading every
//     stored value once, where it is needed. It checks everything the
//     reference path checks but not in the same order, so its errors are
//     not reported: Update reruns the reference path when it fails. It
//     declines (fails) where it would need to sort: a pair store not
//     strictly increasing in (Network, Worker).
//
// The per-worker stores, the inclusions, the initial regret and the scale
// are the same code on both paths. An input the fast path does not decide
// costs both paths (at most about twice the work of one).
func updatePath(in Input, p Params, fast bool) (Output, error) {
	cp, err := p.compile()
	if err != nil {
		return Output{}, err
	}
	parse := parseLosses
	if fast {
		parse = parseLossesFast
	}
	l, err := parse(in.Losses)
	if err != nil {
		return Output{}, err
	}
	prev, err := parseState("previous", in.Previous, !fast)
	if err != nil {
		return Output{}, err
	}
	incInf, err := parseInclusions("inferer_inclusions", in.InfererInclusions)
	if err != nil {
		return Output{}, err
	}
	incFc, err := parseInclusions("forecaster_inclusions", in.ForecasterInclusions)
	if err != nil {
		return Output{}, err
	}

	u := &updater{ctx: cp.ctx, alpha: cp.alpha, initial: prev.initial}
	var next State
	var out Output
	// 𝓡 (experienced) and every updated network regret (all), inferers then
	// forecasters; the order cannot reach a result (Quantile sorts, StdDev
	// and MAD are order-free), it is fixed anyway.
	var experienced, all []dec.Dec

	// (33) R_{i,j} = EMA(α, L_i − L_ij, R_{i−1,j}), j ∈ inferers.
	next.Inferers, err = merge(u, "inferers", prev.inferers, perWorker(l.combined, l.inferers),
		func(k key, v dec.Dec, isNew bool) {
			all = append(all, v)
			switch {
			case isNew:
				out.NewInferers = append(out.NewInferers, k.worker)
			case cp.experienced(incInf[k.worker]):
				experienced = append(experienced, v)
				out.ExperiencedInferers = append(out.ExperiencedInferers, k.worker)
			}
		}, u.toValue)
	if err != nil {
		return Output{}, err
	}
	// (34) R_{i,k} = EMA(α, L_i − L_ik, R_{i−1,k}), k ∈ forecasters.
	next.Forecasters, err = merge(u, "forecasters", prev.forecasters, perWorker(l.combined, l.forecasters),
		func(k key, v dec.Dec, isNew bool) {
			all = append(all, v)
			switch {
			case isNew:
				out.NewForecasters = append(out.NewForecasters, k.worker)
			case cp.experienced(incFc[k.worker]):
				experienced = append(experienced, v)
				out.ExperiencedForecasters = append(out.ExperiencedForecasters, k.worker)
			}
		}, u.toValue)
	if err != nil {
		return Output{}, err
	}
	// (35) R⁻_{i,j} = EMA(α, L⁻_i − L_ij, ·), j ∈ inferers.
	if next.Naive, err = merge(u, "naive", prev.naive, perWorker(l.naive, l.inferers), nil, u.toValue); err != nil {
		return Output{}, err
	}
	// The pair stores (eqs. (36)–(40)). The reference path builds each
	// store's updates in one buffer, one store at a time, and merges them
	// with the converted store; the fast path merges the updates, as it
	// enumerates them, with the stored []Pair.
	var buf []update
	pairStore := func(field string, stored []entry, raw []Pair, g grid, ups func([]update) []update) ([]Pair, error) {
		if fast {
			return u.mergePairsFast(raw, g)
		}
		buf = ups(buf)
		return merge(u, field, stored, buf, nil, u.toPair)
	}
	ps := in.Previous
	// (36) R⁻_{j',j}: L⁻_{j'i} − L_ij, j' ∈ one-out inferers × j ∈ inferers
	// (including j = j').
	if next.OneOutInfererInferers, err = pairStore("one_out_inferer_inferers", prev.ooII, ps.OneOutInfererInferers,
		grid{nets: l.oneOutInf, ws: l.inferers},
		func(b []update) []update { return crossed(b, l.oneOutInf, l.inferers) }); err != nil {
		return Output{}, err
	}
	// (37) R⁻_{j',k}: L⁻_{j'i} − L⁻_{j'ik}, j' ∈ one-out inferers × k ∈
	// forecasters with a L⁻_{·ik} row.
	if next.OneOutInfererForecasters, err = pairStore("one_out_inferer_forecasters", prev.ooIF, ps.OneOutInfererForecasters,
		grid{nets: l.oneOutInf, l: &l, skipMissing: cp.skipMissing},
		func(b []update) []update { return l.oneOutInfererForecasters(b, cp.skipMissing) }); err != nil {
		return Output{}, err
	}
	// (38) R⁻_{k',j}: L⁻_{k'i} − L_ij, k' ∈ one-out forecasters × j ∈
	// inferers.
	if next.OneOutForecasterInferers, err = pairStore("one_out_forecaster_inferers", prev.ooFI, ps.OneOutForecasterInferers,
		grid{nets: l.oneOutFc, ws: l.inferers},
		func(b []update) []update { return crossed(b, l.oneOutFc, l.inferers) }); err != nil {
		return Output{}, err
	}
	// (39) R⁻_{k',k}: L⁻_{k'i} − L_ik, k' ∈ one-out forecasters × k ∈
	// forecasters (including k = k').
	if next.OneOutForecasterForecasters, err = pairStore("one_out_forecaster_forecasters", prev.ooFF, ps.OneOutForecasterForecasters,
		grid{nets: l.oneOutFc, ws: l.forecasters},
		func(b []update) []update { return crossed(b, l.oneOutFc, l.forecasters) }); err != nil {
		return Output{}, err
	}
	// (40) R⁺_{k,j}: L⁺_{ki} − L_ij, k ∈ one-in forecasters × j ∈ inferers.
	if next.OneInInferers, err = pairStore("one_in_inferers", prev.oneInInf, ps.OneInInferers,
		grid{nets: l.oneIn, ws: l.inferers},
		func(b []update) []update { return crossed(b, l.oneIn, l.inferers) }); err != nil {
		return Output{}, err
	}
	// (41) R⁺_{k,k}: L⁺_{ki} − L_ik, k ∈ one-in forecasters.
	if next.OneInForecasters, err = merge(u, "one_in_forecasters", prev.oneInSelf, l.oneInSelf(), nil, u.toValue); err != nil {
		return Output{}, err
	}

	// §7.1: the topic initial regret.
	initial, rule, err := cp.initialRegret(experienced, all, prev.initial)
	if err != nil {
		return Output{}, err
	}
	out.InitialRegretRule = rule
	next.InitialRegret = initial.Decimal()
	// §4.3, eq. (20): the stored scale (NEWEST only).
	scale, err := cp.storedScale(all, prev.scale)
	if err != nil {
		return Output{}, err
	}
	next.Scale = scale.Decimal()
	out.State = next
	return out, nil
}

// experienced is (42) without the new-participant test: inclusions >= 1/α,
// compared as decimals (1/α is a rounded Quo).
func (cp params) experienced(inclusions uint64) bool {
	return fromUint64(inclusions).Cmp(cp.invAlpha) >= 0
}

func fromUint64(n uint64) dec.Dec {
	if n <= 1<<63-1 {
		return dec.FromInt64(int64(n))
	}
	d, _ := dec.FromBigInt(new(big.Int).SetUint64(n)) // 20 digits: always in range
	return d
}

// storedScale returns the scale the update stores: under NEWEST the MAD
// scale of the updated inferer and forecaster regrets (at least ε > 0, so
// never the zero the reference refuses to store), or the previous scale when
// no such regret was updated (an empty epoch has nothing to estimate from);
// under V6 and Intermediate zero ("unset"), since those rules keep no scale.
func (cp params) storedScale(all []dec.Dec, prev dec.Dec) (dec.Dec, error) {
	if cp.rules != Newest {
		return dec.Dec{}, nil
	}
	if len(all) == 0 {
		return prev, nil
	}
	s, err := regretmath.MADScale(cp.ctx, all, cp.epsilon)
	if err != nil {
		return dec.Dec{}, fmt.Errorf("%w: regret scale: %w", ErrInvalidValue, err)
	}
	return s, nil
}

// parseInclusions validates an inclusion list and indexes it by id. The
// map is only looked up, never ranged over.
func parseInclusions(field string, xs []Inclusion) (map[string]uint64, error) {
	if len(xs) > MaxStateEntries {
		return nil, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, field, len(xs), MaxStateEntries)
	}
	m := make(map[string]uint64, len(xs))
	for i, x := range xs {
		if x.ID == "" {
			return nil, fmt.Errorf("%w: %s[%d]", ErrEmptyID, field, i)
		}
		if _, dup := m[x.ID]; dup {
			return nil, fmt.Errorf("%w: %s: %q", ErrDuplicateID, field, x.ID)
		}
		m[x.ID] = x.Count
	}
	return m, nil
}
