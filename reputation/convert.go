package reputation

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// toDec converts a boundary decimal, wrapping range errors with the field
// name.
func toDec(name string, d decimal.Decimal) (dec.Dec, error) {
	x, err := dec.FromDecimal(d)
	if err != nil {
		return dec.Dec{}, fmt.Errorf("%w: %s: %w", ErrInvalidValue, name, err)
	}
	return x, nil
}

// badValue wraps a conversion error with the value's name (formatted only
// on failure: conversions sit in loops).
func badValue(name string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrInvalidValue, name, err)
}

// idValue is a converted (id, value) pair.
type idValue struct {
	id string
	v  dec.Dec
}

// convertValues converts a list of (id, value) entries, rejecting empty and
// duplicate ids, and returns it sorted by id (byte order). name labels
// errors.
func convertValues(name string, in []loss.Value) ([]idValue, error) {
	if len(in) > MaxActorsPerClass {
		return nil, fmt.Errorf("%w: %s has %d entries (max %d)", ErrTooLarge, name, len(in), MaxActorsPerClass)
	}
	out := make([]idValue, len(in))
	for i, e := range in {
		if e.ID == "" {
			return nil, fmt.Errorf("%w: %s[%d]", ErrEmptyID, name, i)
		}
		v, err := dec.FromDecimal(e.Value)
		if err != nil {
			return nil, badValue(fmt.Sprintf("%s[%q]", name, e.ID), err)
		}
		out[i] = idValue{e.ID, v}
	}
	slices.SortFunc(out, func(a, b idValue) int { return cmp.Compare(a.id, b.id) })
	for i := 1; i < len(out); i++ {
		if out[i].id == out[i-1].id {
			return nil, fmt.Errorf("%w: %s has %q twice", ErrDuplicateID, name, out[i].id)
		}
	}
	return out, nil
}

// values converts sorted idValues back to boundary values.
func values(in []idValue) []loss.Value {
	out := make([]loss.Value, len(in))
	for i, e := range in {
		out[i] = loss.Value{ID: e.id, Value: e.v.Decimal()}
	}
	return out
}

// wrapArith wraps a decimal-core error from a computation step.
func wrapArith(step string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrInvalidValue, step, err)
}

// fromDecimal is dec.FromDecimal without the coefficient copy for the
// common small values: a coefficient of at most 18 digits in range becomes
// the same Dec (the same coefficient and exponent) without allocating;
// anything else goes through dec.FromDecimal (and its range error).
func fromDecimal(d decimal.Decimal) (dec.Dec, error) {
	if c, e, ok := dec.Small(d); ok {
		if adj := dec.SmallAdjExp(c, e); adj >= dec.MinAdjExp && adj <= dec.MaxAdjExp {
			return dec.FromSmall(c, e), nil
		}
	}
	return dec.FromDecimal(d)
}

// checkDecimal reports whether d converts to the decimal core (nil) or the
// conversion error, in time linear in the coefficient's size. For
// a coefficient of at most 18 digits it also returns the coefficient and
// the exponent (small).
//
// The common case costs one comparison inside dec.Small, and such a
// value's leading digit lies within [exp, exp + 17], so its range is
// decided without counting digits unless exp is near the ends of the
// range (then dec.SmallAdjExp decides).
func checkDecimal(d decimal.Decimal) (c int64, e int32, small bool, err error) {
	if c, e, ok := dec.Small(d); ok {
		if int(e) >= dec.MinAdjExp && int(e)+17 <= dec.MaxAdjExp {
			return c, e, true, nil
		}
		if adj := dec.SmallAdjExp(c, e); adj >= dec.MinAdjExp && adj <= dec.MaxAdjExp {
			return c, e, true, nil
		}
	}
	_, err = dec.FromDecimal(d)
	return 0, 0, false, err
}
