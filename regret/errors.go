package regret

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// them (and, where a decimal-core error is the cause, that error too), so
// callers test with errors.Is.
var (
	// ErrInvalidParams reports a Params field outside its documented range.
	ErrInvalidParams = errors.New("regret: invalid parameters")
	// ErrEmptyID reports an empty worker id (or an empty network id in a
	// pair store).
	ErrEmptyID = errors.New("regret: empty id")
	// ErrDuplicateID reports an id (or a (network, worker) pair) that occurs
	// twice in one list.
	ErrDuplicateID = errors.New("regret: duplicate id")
	// ErrUnknownID reports a loss-bundle entry that names a worker absent
	// from the list it must belong to (for example a one-out inferer loss for
	// an inferer without an inferer loss).
	ErrUnknownID = errors.New("regret: unknown id")
	// ErrInvalidValue reports a number outside the decimal core's range, on
	// input or as a result.
	ErrInvalidValue = errors.New("regret: invalid value")
	// ErrTooLarge reports a list longer than the documented bounds
	// (MaxWorkers, MaxStateEntries).
	ErrTooLarge = errors.New("regret: input too large")
	// ErrEmpty reports an empty input where at least one value is needed.
	ErrEmpty = errors.New("regret: empty input")
)
