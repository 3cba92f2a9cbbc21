package loss

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them
// (conversion failures also wrap the decimal core's sentinel, for example
// dec.ErrRange), so callers test with errors.Is and read the context from
// Error().
var (
	// ErrUnknownMethod reports a loss-method name that is not in the alias
	// table of spec loss_methods.md §1.2 (nor cce).
	ErrUnknownMethod = errors.New("loss: unknown loss method")
	// ErrInvalidParameter reports a method parameter outside its range
	// (huber delta <= 0, std <= 0, ...), an option the method does not use,
	// or an unknown option value.
	ErrInvalidParameter = errors.New("loss: invalid parameter")
	// ErrMissingParameter reports a required parameter that was not given
	// (the std of ztae and zptae).
	ErrMissingParameter = errors.New("loss: missing parameter")
	// ErrDomain reports an input outside a method's domain (bce and cce
	// outside [0, 1], poisson with a negative value).
	ErrDomain = errors.New("loss: input outside the method's domain")
	// ErrInfiniteLoss reports a loss that is +Inf in the reference (the
	// legacy bce revision at (y, p) = (1, 0) or (0, 1)); a decimal cannot
	// carry it.
	ErrInfiniteLoss = errors.New("loss: infinite loss")
	// ErrValue reports a number that cannot be used: not convertible to the
	// decimal core (out of its range), or not finite.
	ErrValue = errors.New("loss: invalid number")
	// ErrNegativeLoss reports a negative loss where log10 is requested.
	ErrNegativeLoss = errors.New("loss: negative loss in log space")
	// ErrZeroLoss reports a zero loss in log space under the node policy
	// (ZeroLossError).
	ErrZeroLoss = errors.New("loss: zero loss in log space")
	// ErrOutOfBounds reports a reported value that is neither 0 nor of
	// magnitude in [1e-40, 1e40] (spec loss_methods.md §6).
	ErrOutOfBounds = errors.New("loss: reported value out of bounds")
	// ErrLabels reports label sets that do not match: different lengths,
	// missing, extra, duplicate or empty labels.
	ErrLabels = errors.New("loss: label mismatch")
	// ErrEmpty reports an empty input where at least one element is needed
	// (no reports, an empty value vector).
	ErrEmpty = errors.New("loss: empty input")
	// ErrEmptyID reports an empty worker or reputer id.
	ErrEmptyID = errors.New("loss: empty id")
	// ErrDuplicateID reports the same worker (or pair) twice in one list.
	ErrDuplicateID = errors.New("loss: duplicate id")
	// ErrDuplicateReputer reports two reports from the same reputer.
	ErrDuplicateReputer = errors.New("loss: duplicate reputer")
	// ErrStake reports a stake that is not a positive integer of at most
	// MaxStake base units.
	ErrStake = errors.New("loss: invalid stake")
	// ErrZeroWeight reports a combined or naive network loss with zero total
	// stake (ErrFractionDivideByZero in the reference chain).
	ErrZeroWeight = errors.New("loss: zero total stake")
	// ErrTooLarge reports an input beyond a documented size bound.
	ErrTooLarge = errors.New("loss: input too large")
	// ErrParams reports invalid Params or GradeOptions.
	ErrParams = errors.New("loss: invalid parameters")
)
