package dec

import (
	"reflect"
	"testing"
)

// TestDecLayout pins the layout of Dec that keeps it in registers. The Go
// compiler represents a struct as SSA values (registers) only when it has at
// most four fields and at most four words (cmd/compile/internal/ssa.CanSSA,
// MaxStruct = 4); a fifth field would put every local Dec in memory and copy
// it through the stack on each call. exp and neg therefore share the
// embedded signExp field. Adding a field to Dec or growing it past 32 bytes
// silently costs 10-30 % on the arithmetic benchmarks: this test makes it a
// deliberate decision.
func TestDecLayout(t *testing.T) {
	typ := reflect.TypeFor[Dec]()
	if n := typ.NumField(); n != 4 {
		t.Errorf("Dec has %d fields, want 4 (at most 4 stay in registers)", n)
	}
	if s := typ.Size(); s != 32 {
		t.Errorf("Dec is %d bytes, want 32 (at most 4 words stay in registers)", s)
	}
	se := reflect.TypeFor[signExp]()
	if n := se.NumField(); n != 2 {
		t.Errorf("signExp has %d fields, want 2 (exp, neg)", n)
	}
}
