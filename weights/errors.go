package weights

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// them (and, where a decimal-core error is the cause, that error too), so
// callers test with errors.Is and read the context from Error().
var (
	// ErrInvalidParams reports a Params field outside its documented range.
	ErrInvalidParams = errors.New("weights: invalid parameters")
	// ErrNoInferences reports an input without any inference (the reference
	// chain's ErrNotFound case of §2.1).
	ErrNoInferences = errors.New("weights: no inferences")
	// ErrEmptyID reports an empty inferer, forecaster, regret-store or label
	// id.
	ErrEmptyID = errors.New("weights: empty id")
	// ErrDuplicateID reports an id that occurs twice where it must be unique:
	// two inferences of one inferer, two forecasts of one forecaster, two
	// elements of one forecast naming the same inferer, a repeated label, or
	// a regret-store key used by this epoch that occurs twice.
	ErrDuplicateID = errors.New("weights: duplicate id")
	// ErrLabels reports an inference vector that does not fit the label
	// registry (empty, or longer than the number of labels).
	ErrLabels = errors.New("weights: label mismatch")
	// ErrInvalidValue reports a number outside the decimal core's range on
	// input.
	ErrInvalidValue = errors.New("weights: invalid value")
	// ErrArithmetic reports a rounded operation that failed during the
	// synthesis (in practice a result beyond the decimal range, reachable
	// only with absurd input magnitudes). It also wraps the decimal core's
	// error.
	ErrArithmetic = errors.New("weights: arithmetic failure")
	// ErrTooLarge reports an input beyond the documented bounds (MaxWorkers,
	// MaxLabels).
	ErrTooLarge = errors.New("weights: input too large")
)
