package reputation

import (
	"math"
	"testing"
)

// TestSaturatingWork: the work bounds' integer arithmetic saturates instead
// of wrapping, and the printed counts are exact (halves included).
func TestSaturatingWork(t *testing.T) {
	for _, c := range []struct{ a, b, mul, add uint64 }{
		{0, 5, 0, 5},
		{3, 7, 21, 10},
		{1 << 32, 1 << 31, 1 << 63, 1<<32 + 1<<31},
		{1 << 32, 1 << 32, math.MaxUint64, 1 << 33},
		{math.MaxUint64, 2, math.MaxUint64, math.MaxUint64},
		{math.MaxUint64, 0, 0, math.MaxUint64},
	} {
		if got := satMul(c.a, c.b); got != c.mul {
			t.Errorf("satMul(%d, %d) = %d, want %d", c.a, c.b, got, c.mul)
		}
		if got := satAdd(c.a, c.b); got != c.add {
			t.Errorf("satAdd(%d, %d) = %d, want %d", c.a, c.b, got, c.add)
		}
	}
	for w2, want := range map[uint64]string{0: "0", 7: "3.5", 8: "4", math.MaxUint64: "more than 1.8e19"} {
		if got := halfUnits(w2); got != want {
			t.Errorf("halfUnits(%d) = %q, want %q", w2, got, want)
		}
	}
	// The Gram bound compares twice the work with twice the limit (prepare:
	// work2 > 2·MaxGramWork refuses), so a half unit is not lost: a work of
	// exactly MaxGramWork gives twice the limit, half a unit more exceeds it.
	gi := &gramInts{R: 2, K: 1 << 31, class: 1} // R²·K/2 = 2^32 = MaxGramWork
	if w2 := gi.work2(); w2 != 2*MaxGramWork {
		t.Errorf("work2 = %d, want exactly 2·MaxGramWork", w2)
	}
	gi = &gramInts{R: 3, K: 954437177, class: 1} // 9·K/2 = 4294967296.5
	if w2 := gi.work2(); w2 <= 2*MaxGramWork || halfUnits(w2) != "4294967296.5" {
		t.Errorf("work2 = %d (%s), want just above 2·MaxGramWork", w2, halfUnits(w2))
	}
}
