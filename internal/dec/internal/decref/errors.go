package decref

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers test with errors.Is and read the context from Error().
var (
	// ErrSyntax reports a string that is not a decimal number.
	ErrSyntax = errors.New("dec: invalid syntax")
	// ErrNotFinite reports NaN or infinite input ("NaN", "Inf", a float64 NaN).
	ErrNotFinite = errors.New("dec: not a finite number")
	// ErrRange reports a value, or a result, outside the accepted range
	// (see MaxAdjExp, MinAdjExp, MaxDigits).
	ErrRange = errors.New("dec: value out of range")
	// ErrDivisionByZero reports a quotient with a zero divisor.
	ErrDivisionByZero = errors.New("dec: division by zero")
	// ErrDomain reports an argument outside a function's mathematical domain
	// (Ln of a non-positive value, Sqrt of a negative value, ...).
	ErrDomain = errors.New("dec: argument outside domain")
	// ErrEmpty reports a statistic requested over an empty input.
	ErrEmpty = errors.New("dec: empty input")
	// ErrLength reports parallel slices of different lengths.
	ErrLength = errors.New("dec: length mismatch")
	// ErrInvalidArgument reports a parameter outside its documented range
	// (a quantile level outside [0, 1], a negative weight, ...).
	ErrInvalidArgument = errors.New("dec: invalid argument")
	// ErrInvalidContext reports a Context with an unsupported precision or
	// rounding mode.
	ErrInvalidContext = errors.New("dec: invalid context")
)
