package reputation

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// them (and, where a decimal-core error is the cause, that error too), so
// callers test with errors.Is and read the context from Error().
var (
	// ErrInvalidParams reports a Params field outside its documented range.
	ErrInvalidParams = errors.New("reputation: invalid parameters")
	// ErrEmpty reports an empty input where at least one element is needed
	// (no reputer reports, no candidates).
	ErrEmpty = errors.New("reputation: empty input")
	// ErrEmptyID reports an empty actor or worker id.
	ErrEmptyID = errors.New("reputation: empty id")
	// ErrDuplicateID reports an id that occurs twice in one list (two
	// reports of one reputer, two entries of one worker in a bundle list, two
	// stored records of one actor).
	ErrDuplicateID = errors.New("reputation: duplicate id")
	// ErrStake reports a reputer stake that is zero, negative or not an
	// integer number of base units.
	ErrStake = errors.New("reputation: invalid stake")
	// ErrZeroListenedStake reports Σ a_m·S_m = 0, the denominator of the
	// adjusted stake (6.1): the reference chain fails the topic there (V6).
	ErrZeroListenedStake = errors.New("reputation: zero listened stake")
	// ErrZeroConsensusWeight reports a loss coordinate that some reputers
	// reported while the sum of their adjusted stakes is 0, the divisor of
	// the consensus (6.2).
	ErrZeroConsensusWeight = errors.New("reputation: zero consensus weight")
	// ErrPairing reports one-in and one-out forecaster lists that the
	// forecaster score (5.4) cannot pair.
	ErrPairing = errors.New("reputation: forecaster lists cannot be paired")
	// ErrInvalidValue reports a number outside the decimal core's range, on
	// input or as an intermediate result.
	ErrInvalidValue = errors.New("reputation: invalid value")
	// ErrTooLarge reports an input beyond the documented size bounds
	// (MaxReputers, MaxCoordinates, MaxConsensusWork, MaxCandidates).
	ErrTooLarge = errors.New("reputation: input too large")
	// ErrAlreadyActive reports a submission from an actor already in the
	// active set of the window (the reference's "already submitted").
	ErrAlreadyActive = errors.New("reputation: actor already active in this window")
	// ErrEMAAlreadyUpdated reports a submission whose stored EMA record was
	// already updated at or after the submission nonce (the reference's
	// ErrCantUpdateEmaMoreThanOncePerWindow).
	ErrEMAAlreadyUpdated = errors.New("reputation: EMA score already updated in this window")
	// ErrLowestNotActive reports, under NEWEST admission, a cached lowest
	// record whose actor is not in the active set (the reference's
	// "... with lowest score is not active").
	ErrLowestNotActive = errors.New("reputation: cached lowest actor is not active")
	// ErrEpochs reports an epoch configuration the liveness penalty (9.1)
	// cannot use (a non-positive epoch length).
	ErrEpochs = errors.New("reputation: invalid epoch configuration")
)
