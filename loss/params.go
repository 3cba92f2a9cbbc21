package loss

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// Size bounds of NetworkLosses (Params.MaxReputers and Params.MaxEntries
// default to them). They bound the work of one call: every reported value
// costs one rounded product and one exact addition.
const (
	// DefaultMaxReputers bounds the number of reports.
	DefaultMaxReputers = 1 << 16
	// DefaultMaxEntries bounds the total number of reported values over all
	// reports (two scalars per report plus every list element). 1<<26 covers
	// 128 reputers reporting 512 inferers and 512 forecasters with every
	// one-out, one-in and (forecaster, withheld inferer) pair entry.
	DefaultMaxEntries = 1 << 26
	// MaxReputersCap is the largest accepted MaxReputers: stake sums stay
	// below 2^128 (stakes are below 2^100).
	MaxReputersCap = 1 << 24
)

// Params configures NetworkLosses (spec inference_synthesis.md §6). The zero
// value is valid and means the reference contract with the default bounds.
type Params struct {
	// Digits is the number of significant digits kept by the rounded
	// operations (the products S_m·v and the final quotient); 0 means 34.
	Digits int `json:"digits"`
	// Rounding is the rounding mode name ("down", "half-even", "half-up",
	// "up", "floor", "ceiling"); "" means "down" (truncation toward zero,
	// the reference chain's mode).
	Rounding string `json:"rounding"`
	// MaxReputers bounds the number of reports; 0 means
	// DefaultMaxReputers. At most MaxReputersCap.
	MaxReputers int `json:"max_reputers"`
	// MaxEntries bounds the total number of reported values; 0 means
	// DefaultMaxEntries.
	MaxEntries int `json:"max_entries"`
}

// DefaultParams returns the reference parameters: 34 digits, RoundDown, the
// default size bounds.
func DefaultParams() Params {
	return Params{
		Digits:      dec.ReferenceDigits,
		Rounding:    dec.RoundDown.String(),
		MaxReputers: DefaultMaxReputers,
		MaxEntries:  DefaultMaxEntries,
	}
}

// Validate reports whether p is usable. Errors wrap ErrParams.
func (p Params) Validate() error {
	_, err := p.context()
	return err
}

// context returns the precision contract of p after validating every field.
func (p Params) context() (dec.Context, error) {
	if p.MaxReputers < 0 || p.MaxReputers > MaxReputersCap {
		return dec.Context{}, fmt.Errorf("%w: max_reputers %d outside [0, %d]", ErrParams, p.MaxReputers, MaxReputersCap)
	}
	if p.MaxEntries < 0 {
		return dec.Context{}, fmt.Errorf("%w: max_entries %d < 0", ErrParams, p.MaxEntries)
	}
	ctx, err := dec.ContextFor(p.Digits, p.Rounding)
	if err != nil {
		return dec.Context{}, fmt.Errorf("%w: %w", ErrParams, err)
	}
	return ctx, nil
}

func (p Params) maxReputers() int {
	if p.MaxReputers == 0 {
		return DefaultMaxReputers
	}
	return p.MaxReputers
}

func (p Params) maxEntries() int {
	if p.MaxEntries == 0 {
		return DefaultMaxEntries
	}
	return p.MaxEntries
}
