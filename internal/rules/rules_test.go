package rules

import (
	"errors"
	"testing"
)

func TestValidate(t *testing.T) {
	for _, r := range []RuleSet{V6, Intermediate, Newest} {
		if err := r.Validate(); err != nil {
			t.Errorf("%q: %v", r, err)
		}
	}
	for _, r := range []RuleSet{"", "V6", "v7", "newest "} {
		if err := r.Validate(); !errors.Is(err, ErrUnknown) {
			t.Errorf("%q: got %v, want ErrUnknown", r, err)
		}
	}
}
