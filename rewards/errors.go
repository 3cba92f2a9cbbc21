package rewards

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// them (and, where a decimal-core error is the cause, that error too), so
// callers test with errors.Is.
var (
	// ErrInvalidParams reports a Params field outside its documented range.
	ErrInvalidParams = errors.New("rewards: invalid parameters")
	// ErrEmptyID reports an empty actor or topic id.
	ErrEmptyID = errors.New("rewards: empty id")
	// ErrDuplicateID reports an id that occurs twice in one list (or a block
	// height that occurs twice in a score history).
	ErrDuplicateID = errors.New("rewards: duplicate id")
	// ErrUnknownID reports an id present in one list and missing from the
	// list it must match (a stake without a score, a delegation for an
	// unknown reputer).
	ErrUnknownID = errors.New("rewards: unknown id")
	// ErrEmpty reports an empty set where the protocol needs at least one
	// member (no inferers, no reputers, no topics).
	ErrEmpty = errors.New("rewards: empty input")
	// ErrTooLarge reports a list longer than MaxParticipants (or a score
	// history longer than MaxHistoryEpochs).
	ErrTooLarge = errors.New("rewards: input too large")
	// ErrInvalidValue reports a number outside its documented domain on input
	// (a negative stake, a fraction above 1, a non-integer token amount, a
	// value the decimal core cannot represent).
	ErrInvalidValue = errors.New("rewards: invalid value")
	// ErrZeroTotal reports a normalisation whose total is zero, so no share
	// is defined (every reputer has stake·score = 0, every fraction is 0, the
	// sum of topic weights is 0, ...).
	ErrZeroTotal = errors.New("rewards: zero total")
	// ErrDegenerate reports a formula whose denominator vanishes for the
	// given inputs (F+G+H = 0, (1−χ)F + χG = 0, zero staked supply, ...).
	ErrDegenerate = errors.New("rewards: degenerate input")
	// ErrArithmetic reports a failure of a rounded operation of the decimal
	// core (overflow of the representable range); it also wraps the core's
	// error.
	ErrArithmetic = errors.New("rewards: arithmetic error")
	// ErrOverpay reports reference-mode payouts whose sum would exceed the
	// pool. With the default precision contract (RoundDown) fractions never
	// sum above 1 and this cannot happen; it guards caller-supplied
	// fractions and other rounding modes.
	ErrOverpay = errors.New("rewards: payouts exceed the pool")
	// ErrNegativeSupply reports a negative circulating supply in the
	// emission schedule (15.3).
	ErrNegativeSupply = errors.New("rewards: negative circulating supply")
)
