package rewards

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// legacyPlaces is the number of decimal places of the mint's LegacyDec.
const legacyPlaces = 18

// maxTokenAmount bounds token amounts, stakes and pools: 10^77 base units
// (the reference chain's cosmos Int is limited to 256 bits ≈ 1.16·10^77).
func maxTokenAmount() dec.Dec { return dec.New(1, 77) }

// entry is one actor's number inside the package.
type entry struct {
	id string
	v  dec.Dec
}

// toDec converts one boundary number, wrapping ErrInvalidValue with the field
// name.
func toDec(field string, d decimal.Decimal) (dec.Dec, error) {
	x, err := dec.FromDecimal(d)
	if err != nil {
		return dec.Dec{}, fmt.Errorf("%w: %s: %w", ErrInvalidValue, field, err)
	}
	return x, nil
}

// toAmount converts a token amount: an integer in [0, 10^77].
func toAmount(field string, d decimal.Decimal) (dec.Dec, error) {
	x, err := toDec(field, d)
	if err != nil {
		return x, err
	}
	if err := checkAmount(field, x); err != nil {
		return dec.Dec{}, err
	}
	return x, nil
}

// checkAmount requires an integer in [0, 1e77].
func checkAmount(field string, x dec.Dec) error {
	if x.Sign() < 0 || !x.IsInteger() || x.Cmp(maxTokenAmount()) > 0 {
		return fmt.Errorf("%w: %s = %s is not an integer amount in [0, 1e77]", ErrInvalidValue, field, x)
	}
	return nil
}

// toEntries converts a list keyed by id: ids must be non-empty and unique,
// the list at most MaxParticipants long. The result is sorted by id (byte
// order); the input is not modified.
func toEntries(field string, xs []loss.Value) ([]entry, error) {
	return toEntriesMax(field, xs, MaxParticipants)
}

// toEntriesMax is toEntries with an explicit length bound.
func toEntriesMax(field string, xs []loss.Value, limit int) ([]entry, error) {
	if len(xs) > limit {
		return nil, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, field, len(xs), limit)
	}
	out := make([]entry, len(xs))
	for i, x := range xs {
		if x.ID == "" {
			return nil, fmt.Errorf("%w: %s[%d]", ErrEmptyID, field, i)
		}
		v, err := toDec(fmt.Sprintf("%s[%q]", field, x.ID), x.Value)
		if err != nil {
			return nil, err
		}
		out[i] = entry{id: x.ID, v: v}
	}
	sortEntries(out)
	for i := 1; i < len(out); i++ {
		if out[i].id == out[i-1].id {
			return nil, fmt.Errorf("%w: %s has %q twice", ErrDuplicateID, field, out[i].id)
		}
	}
	return out, nil
}

func sortEntries(es []entry) {
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(a.id, b.id) })
}

// fromEntries converts back to the boundary type (same order); an empty
// list becomes nil.
func fromEntries(es []entry) []loss.Value {
	if len(es) == 0 {
		return nil
	}
	out := make([]loss.Value, len(es))
	for i, e := range es {
		out[i] = loss.Value{ID: e.id, Value: e.v.Decimal()}
	}
	return out
}

// zipEntries pairs ids with values.
func zipEntries(ids []string, vs []dec.Dec) []entry {
	out := make([]entry, len(ids))
	for i := range ids {
		out[i] = entry{id: ids[i], v: vs[i]}
	}
	return out
}

func ids(es []entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.id
	}
	return out
}

func values(es []entry) []dec.Dec {
	out := make([]dec.Dec, len(es))
	for i, e := range es {
		out[i] = e.v
	}
	return out
}

// lookup builds an id → value map for point lookups (never ranged over).
func lookup(es []entry) map[string]dec.Dec {
	m := make(map[string]dec.Dec, len(es))
	for _, e := range es {
		m[e.id] = e.v
	}
	return m
}

// arith wraps a decimal-core failure with ErrArithmetic and context. Errors
// that already carry one of this package's sentinels pass through.
func arith(what string, err error) error {
	if err == nil {
		return nil
	}
	for _, s := range []error{ErrInvalidParams, ErrEmptyID, ErrDuplicateID, ErrUnknownID, ErrEmpty, ErrTooLarge,
		ErrInvalidValue, ErrZeroTotal, ErrDegenerate, ErrArithmetic, ErrOverpay, ErrNegativeSupply} {
		if errors.Is(err, s) {
			return err
		}
	}
	if errors.Is(err, dec.ErrDivisionByZero) {
		return fmt.Errorf("%w: %s: %w", ErrDegenerate, what, err)
	}
	return fmt.Errorf("%w: %s: %w", ErrArithmetic, what, err)
}

// toReward converts a topic reward: a number in [0, 1e77] base units (the
// reference chain's 256-bit Int; fractions allowed, the payouts truncate).
func toReward(v decimal.Decimal) (dec.Dec, error) {
	x, err := toDec("reward", v)
	if err != nil {
		return x, err
	}
	if x.Sign() < 0 || x.Cmp(maxTokenAmount()) > 0 {
		return dec.Dec{}, fmt.Errorf("%w: reward %s outside [0, 1e77]", ErrInvalidValue, x)
	}
	return x, nil
}

// CheckRewardInputs applies DistributeTopic's checks of the topic reward
// and of the reputers (ids, scores, stakes, delegations) without computing
// anything: for a caller that skips the distribution in an epoch but must
// still refuse the inputs DistributeTopic would refuse. Errors as
// DistributeTopic's.
func CheckRewardInputs(reward decimal.Decimal, reputers []Reputer) error {
	if _, err := toReward(reward); err != nil {
		return err
	}
	_, err := toReputers(reputers)
	return err
}
