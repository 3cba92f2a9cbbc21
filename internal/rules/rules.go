// Package rules names the protocol rule sets. Public packages re-export the
// type with an alias (weights.RuleSet, regret.RuleSet, ...), so one value
// selects the same rules everywhere.
package rules

import (
	"errors"
	"fmt"
)

// RuleSet selects one historical version of the protocol's rules.
type RuleSet string

const (
	// V6 is the reference chain's v0.6 line (Oct 2024): per-call Bessel
	// standard-deviation regret scale plus epsilon, clipped φ' weights.
	V6 RuleSet = "v6"
	// Intermediate is the rule between V6 and NEWEST: relative-gradient
	// weights φ'(R)/φ'(max R) with a MAD scale recomputed inside every weight
	// calculation.
	Intermediate RuleSet = "intermediate"
	// Newest is the newest public rule: relative-gradient weights with one
	// stored topic regret scale (1.4826·MAD + ε of the previous epoch's
	// regrets) shared by every calculation of the epoch; multi-label topics.
	Newest RuleSet = "newest"
)

// ErrUnknown reports a rule set name that is not one of the constants.
var ErrUnknown = errors.New("rules: unknown rule set")

// Validate returns nil for a known rule set and an error wrapping ErrUnknown
// otherwise.
func (r RuleSet) Validate() error {
	switch r {
	case V6, Intermediate, Newest:
		return nil
	}
	return fmt.Errorf("%w: %q (want %q, %q or %q)", ErrUnknown, string(r), V6, Intermediate, Newest)
}
