package reputation

import (
	"fmt"
	"maps"
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// ActiveSet is a class's active set of the current window and its cached
// lowest EMA record (the reference's active-actor store and
// Lowest*ScoreEma).
type ActiveSet struct {
	// Members are the active actors' ids (any order; output sorted by id,
	// the reference's store order).
	Members []string `json:"members,omitempty"`
	// Lowest is the cached lowest EMA record, nil when none is cached. The
	// reference fixed in v0.7 (#691) a V6 bug by resetting the cache when a
	// new worker window opens: callers that want the fix pass nil at the
	// first submission of a window.
	Lowest *EMAScore `json:"lowest,omitempty"`
}

// Submission is one actor's payload arriving in a window, with the state
// the admission reads.
type Submission struct {
	Class Class `json:"class"`
	// Actor is the submitting actor's id.
	Actor string `json:"actor"`
	// Nonce is the window's nonce block height h (> 0).
	Nonce int64 `json:"nonce"`
	// Set is the class's active set before the submission.
	Set ActiveSet `json:"set"`
	// EMAs holds the stored EMA records of the actor and of the active
	// members (missing ones read as BlockHeight 0, score 0).
	EMAs []EMAScore `json:"emas,omitempty"`
	// Quantile is the stored topic quantile Q of the class (the one saved at
	// the previous reward event), the target of passive updates (8.5).
	Quantile decimal.Decimal `json:"quantile"`
	// InitialEMA is the stored initial EMA score Ē₀ of the class (NEWEST).
	InitialEMA decimal.Decimal `json:"initial_ema"`
	// Epochs is the topic's epoch configuration (NEWEST liveness penalty).
	Epochs Epochs `json:"epochs"`
}

// Admission is the outcome of a submission.
type Admission struct {
	// Admitted reports whether the actor joined the active set.
	Admitted bool `json:"admitted"`
	// Evicted is the actor removed to make room, "" if none.
	Evicted string `json:"evicted,omitempty"`
	// Set is the class's active set after the submission.
	Set ActiveSet `json:"set"`
	// Updated holds the EMA records written, sorted by id.
	Updated []EMAScore `json:"updated,omitempty"`
}

// Admit applies the admission of a payload to a class's active set ("online
// skimming", §9.2 V6 and §9.3 NEWEST), as the reference's
// AppendInference / AppendForecast / AppendReputerLoss do, with capacity
// MaxTop{Inferers|Forecasters|Reputers}ToReward.
//
// V6 (§9.2):
//  1. an active actor is rejected (ErrAlreadyActive);
//  2. below capacity the actor is admitted; nothing else changes;
//  3. otherwise a stored record updated at or after the nonce is rejected
//     (ErrEMAAlreadyUpdated); the lowest record L is the cache, or else the
//     first strict minimum over the members in id order (then cached);
//  4. if the actor's EMA exceeds L's, L's actor gets the passive update
//     (8.5) from the cached record, leaves the set (whether or not it is a
//     member: the V6 bug that lets the set exceed the capacity), the actor
//     is admitted and the cache becomes the first strict minimum over the
//     remaining members (id order) followed by the actor; otherwise the
//     actor gets the passive update and is not admitted (no error).
//
// NEWEST (§9.3): an active actor is rejected; a stored record updated at or
// after the nonce is rejected; a first submission (stored BlockHeight 0)
// starts from Ē₀ (InitialEMA), any other gets the liveness penalty (9.1)-
// (9.2); the record is stamped with the nonce and stored. Below capacity the
// actor is admitted and becomes the cache when the set was empty or its
// score is below the cached one. At capacity, an actor above the cached
// lowest evicts it as in V6 (after checking it is a member:
// ErrLowestNotActive); otherwise a returning actor gets the passive update
// and a first-time actor keeps Ē₀; neither is admitted. With no cache the
// reference reads a zero record with an empty id.
//
// For reputers, the reference admits only reputers with at least the
// required minimum stake: callers filter them before. Rounding: as
// PassiveEMA and NCalcEMA. Errors: ErrInvalidParams, ErrEmptyID,
// ErrDuplicateID, ErrInvalidValue, ErrTooLarge, ErrAlreadyActive,
// ErrEMAAlreadyUpdated, ErrLowestNotActive, ErrEpochs.
func Admit(s Submission, p Params) (Admission, error) {
	cp, err := p.compile()
	if err != nil {
		return Admission{}, err
	}
	if !s.Class.valid() {
		return Admission{}, fmt.Errorf("%w: class %d", ErrInvalidParams, int(s.Class))
	}
	if s.Actor == "" {
		return Admission{}, fmt.Errorf("%w: submitting actor", ErrEmptyID)
	}
	if s.Nonce <= 0 {
		return Admission{}, fmt.Errorf("%w: nonce %d (want > 0)", ErrInvalidValue, s.Nonce)
	}
	if len(s.Set.Members) > MaxCandidates {
		return Admission{}, fmt.Errorf("%w: %d active members (max %d)", ErrTooLarge, len(s.Set.Members), MaxCandidates)
	}
	members := slices.Clone(s.Set.Members)
	slices.Sort(members)
	for i, id := range members {
		if id == "" {
			return Admission{}, fmt.Errorf("%w: active member", ErrEmptyID)
		}
		if i > 0 && members[i-1] == id {
			return Admission{}, fmt.Errorf("%w: active member %q", ErrDuplicateID, id)
		}
	}
	idx, err := emaIndex("emas", s.EMAs)
	if err != nil {
		return Admission{}, err
	}
	var lowest *emaRec
	if s.Set.Lowest != nil {
		l, err := emaOf("lowest", *s.Set.Lowest)
		if err != nil {
			return Admission{}, err
		}
		lowest = &l
	}
	q, err := toDec("quantile", s.Quantile)
	if err != nil {
		return Admission{}, err
	}
	a := admitter{cp: cp, s: &s, members: members, idx: idx, lowest: lowest, q: q, written: map[string]emaRec{}}
	if cp.newest {
		init, err := toDec("initial_ema", s.InitialEMA)
		if err != nil {
			return Admission{}, err
		}
		err = a.newest(init)
		if err != nil {
			return Admission{}, err
		}
	} else if err := a.v6(); err != nil {
		return Admission{}, err
	}
	return a.result(), nil
}

// admitter carries the working state of one admission.
type admitter struct {
	cp       params
	s        *Submission
	members  []string // sorted
	idx      map[string]emaRec
	lowest   *emaRec
	q        dec.Dec
	written  map[string]emaRec
	admitted bool
	evicted  string
}

func (a *admitter) capacity() int { return a.cp.capacity[a.s.Class] }

func (a *admitter) isMember(id string) bool {
	_, ok := slices.BinarySearch(a.members, id)
	return ok
}

// store writes a record (later reads see it).
func (a *admitter) store(r emaRec) {
	a.idx[r.id] = r
	a.written[r.id] = r
}

// lowestOf returns the first strict minimum of the stored records of ids in
// the given order (the reference's GetLowestScoreFromAll*), or false for no
// ids.
func (a *admitter) lowestOf(ids []string) (emaRec, bool) {
	var low emaRec
	found := false
	for _, id := range ids {
		r := lookup(a.idx, id)
		if !found || low.score.Cmp(r.score) > 0 {
			low, found = r, true
		}
	}
	return low, found
}

func (a *admitter) remove(id string) {
	if i, ok := slices.BinarySearch(a.members, id); ok {
		a.members = slices.Delete(a.members, i, i+1)
	}
}

func (a *admitter) add(id string) {
	i, _ := slices.BinarySearch(a.members, id)
	a.members = slices.Insert(a.members, i, id)
	a.admitted = true
}

// evict replaces the cached lowest actor by the submitting actor and
// recomputes the cache over (members ∖ {L}) in store order followed by the
// actor.
func (a *admitter) evict(low emaRec) error {
	pr, err := passiveEMA(a.cp, low, a.q, a.s.Nonce)
	if err != nil {
		return err
	}
	a.store(pr)
	order := make([]string, 0, len(a.members)+1)
	for _, id := range a.members {
		if id != low.id {
			order = append(order, id)
		}
	}
	order = append(order, a.s.Actor)
	a.remove(low.id)
	a.add(a.s.Actor)
	a.evicted = low.id
	if l, ok := a.lowestOf(order); ok {
		a.lowest = &l
	}
	return nil
}

func (a *admitter) v6() error {
	actor := a.s.Actor
	if a.isMember(actor) {
		return fmt.Errorf("%w: %q", ErrAlreadyActive, actor)
	}
	if len(a.members) < a.capacity() {
		a.add(actor)
		return nil
	}
	prev := lookup(a.idx, actor)
	if prev.h >= a.s.Nonce {
		return fmt.Errorf("%w: %q updated at %d, nonce %d", ErrEMAAlreadyUpdated, actor, prev.h, a.s.Nonce)
	}
	if a.lowest == nil {
		l, _ := a.lowestOf(a.members) // capacity >= 1, so members is not empty
		a.lowest = &l
	}
	low := *a.lowest
	if prev.score.Cmp(low.score) > 0 {
		return a.evict(low)
	}
	pr, err := passiveEMA(a.cp, prev, a.q, a.s.Nonce)
	if err != nil {
		return err
	}
	a.store(pr)
	return nil
}

func (a *admitter) newest(initial dec.Dec) error {
	actor := a.s.Actor
	if a.isMember(actor) {
		return fmt.Errorf("%w: %q", ErrAlreadyActive, actor)
	}
	prev := lookup(a.idx, actor)
	if prev.h >= a.s.Nonce {
		return fmt.Errorf("%w: %q updated at %d, nonce %d", ErrEMAAlreadyUpdated, actor, prev.h, a.s.Nonce)
	}
	first := prev.h == 0
	if first {
		prev = emaRec{actor, initial, a.s.Nonce}
	} else {
		pen, err := livenessPenalty(a.cp, a.s.Class, prev, initial, a.s.Epochs)
		if err != nil {
			return err
		}
		prev = pen
		prev.h = a.s.Nonce
	}
	a.store(prev)
	low := emaRec{}
	if a.lowest != nil {
		low = *a.lowest
	}
	if len(a.members) < a.capacity() {
		if len(a.members) == 0 || low.score.Cmp(prev.score) > 0 {
			l := prev
			a.lowest = &l
		}
		a.add(actor)
		return nil
	}
	if prev.score.Cmp(low.score) > 0 {
		if !a.isMember(low.id) {
			return fmt.Errorf("%w: %q", ErrLowestNotActive, low.id)
		}
		return a.evict(low)
	}
	if !first {
		pr, err := passiveEMA(a.cp, prev, a.q, a.s.Nonce)
		if err != nil {
			return err
		}
		a.store(pr)
	}
	return nil
}

func (a *admitter) result() Admission {
	out := Admission{Admitted: a.admitted, Evicted: a.evicted, Set: ActiveSet{Members: a.members}}
	if a.lowest != nil {
		l := a.lowest.out()
		out.Set.Lowest = &l
	}
	for _, id := range slices.Sorted(maps.Keys(a.written)) {
		out.Updated = append(out.Updated, a.written[id].out())
	}
	return out
}
