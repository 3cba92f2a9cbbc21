package settle

import "errors"

var (
	// ErrInvalidParams reports parameters that fail validation or disagree
	// on the rule set or precision.
	ErrInvalidParams = errors.New("settle: invalid parameters")
	// ErrInvalidInput reports an input that cannot be settled (an epoch that
	// does not advance, a delegation for an unknown reputer, ...).
	ErrInvalidInput = errors.New("settle: invalid input")
	// ErrTooLarge reports a State or Input list beyond the bounds of
	// bounds.go (MaxWorkerList, MaxPairList, MaxStateList), checked before
	// any computation.
	ErrTooLarge = errors.New("settle: input too large")
	// ErrMismatch reports a claimed settlement that differs from the
	// recomputed one; the error is a *Mismatch.
	ErrMismatch = errors.New("settle: claimed settlement differs")
	// ErrEncoding reports a value the canonical encoding cannot represent.
	ErrEncoding = errors.New("settle: cannot encode")
)
