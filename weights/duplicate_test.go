package weights

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// withCopies returns in with copies forecasts appended: copy c repeats the
// elements of forecast c·step mod len (values shared, as a copycat
// submits them) under a new forecaster id that sorts next to its source's
// (odd c) or after every original forecaster (even c).
func withCopies(in Input, copies, step int) Input {
	nf := len(in.Forecasts)
	if nf == 0 {
		return in
	}
	out := in
	out.Forecasts = slices.Clone(in.Forecasts)
	for c := range copies {
		src := in.Forecasts[(c*step)%nf]
		id := fmt.Sprintf("%s-copy%03d", src.Forecaster, c) // next to its source
		if c%2 == 0 {
			id = fmt.Sprintf("zz-copy%03d", c) // after every original
		}
		out.Forecasts = append(out.Forecasts, Forecast{Forecaster: id, Elements: slices.Clone(src.Elements)})
	}
	return out
}

// checkDup compares the synthesis that gives identical forecasts the first
// one's values with the one that computes every forecaster (noDup), on the
// streamed path (with and without its quotient cache, and with every hash
// colliding) and the table path: the same result, representation for
// representation, and the same error; and the copies found with and
// without colliding hashes (each the first identical forecast, never itself
// a copy).
// It returns the number of forecasters copied and how many copies the
// streamed paths took from saved values (the source in an earlier block).
func checkDup(t fataler, in Input, p Params) (copied, restored int) {
	for _, set := range []func(*synth){
		func(s *synth) { s.streamCache = streamCacheMax },
		func(s *synth) { s.streamCache = streamCacheMax; s.collide = true },
		func(s *synth) { s.streamCache = 0 },
		func(s *synth) { s.noStream = true },
	} {
		want, werr, _ := runSynth(t, in, p, func(s *synth) { set(s); s.noDup = true })
		got, gerr, st := runSynth(t, in, p, set)
		restored += st.restored
		if gerr != werr {
			t.Fatalf("errors differ: copies %q, without %q", gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("copying identical forecasts changes the result: %s", diffResults(got, want))
		}
	}
	if e, err := prepare(in); err == nil {
		var dups [2][]int32
		for i, collide := range []bool{false, true} {
			s := &synth{e: e, collide: collide}
			dups[i] = s.duplicateForecasts()
			for _, d := range dups[i] {
				if d >= 0 && dups[i][d] >= 0 {
					t.Fatalf("forecaster copies %d, itself a copy", d)
				}
			}
		}
		if !slices.Equal(dups[0], dups[1]) {
			t.Fatalf("copies %v, with every hash colliding %v", dups[0], dups[1])
		}
		for _, d := range dups[0] {
			if d >= 0 {
				copied++
			}
		}
	}
	return copied, restored
}

// TestDuplicateForecastsMatch: forecasts identical to an earlier one take
// its values (duplicate.go) and give exactly the result of computing each,
// on epochs of every rule set with copies in the same block of the streamed
// table and in later blocks (restored from the saved values), dense and
// sparse, one to three labels; every copy is found, and epochs without
// copies find none. The rapid epochs add copies of forecasts of few
// distinct values (ties, all-new, no previous loss, missing regrets).
func TestDuplicateForecastsMatch(t *testing.T) {
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		for _, g := range []struct {
			g            genSpec
			copies, step int
		}{
			{genSpec{n: 3, f: 3, dense: true}, 0, 1},
			{genSpec{n: 3, f: 3, dense: true}, 2, 1},
			{genSpec{n: 7, f: 5, dense: true, labels: 3}, 4, 2},
			{genSpec{n: 9, f: 6}, 5, 1},
			{genSpec{n: 12, f: 9, labels: 2, sparse: 50}, 9, 4},
			{genSpec{n: 4, f: 2*streamBlockSize + 5, dense: true}, 40, 3}, // copies across blocks
			{genSpec{n: 5, f: streamBlockSize, sparse: 90}, streamBlockSize, 7},
		} {
			g.g.seed, g.g.newest = 5, rs == Newest
			t.Run(fmt.Sprintf("%s/%d-%d-%d/copies=%d", rs, g.g.n, g.g.f, g.g.labels, g.copies), func(t *testing.T) {
				p := DefaultParams()
				p.RuleSet = rs
				orig := genInput(g.g)
				in := withCopies(orig, g.copies, g.step)
				want := 0 // copies of a forecast with elements (an empty one takes no part)
				for c := range g.copies {
					if len(orig.Forecasts[(c*g.step)%len(orig.Forecasts)].Elements) > 0 {
						want++
					}
				}
				n, restored := checkDup(t, in, p)
				if n != want {
					t.Fatalf("%d forecasts copied, want %d", n, want)
				}
				if multi := len(in.Forecasts) > streamBlockSize; rs != V6 && multi != (restored > 0) {
					t.Fatalf("%d copies restored from saved values (%d forecasters)", restored, len(in.Forecasts))
				}
				if rs == Newest && g.copies > 0 {
					// And the fast path against the plain evaluation.
					checkFastPlain(t, in, p)
				}
			})
		}
	}
	t.Run("rapid", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			in, p := drawEpoch(t)
			copies := rapid.IntRange(0, 6).Draw(t, "copies")
			in = withCopies(in, copies, rapid.IntRange(1, 3).Draw(t, "step"))
			checkDup(t, in, p)
		})
	})
}

// TestDuplicateForecastsDistinct: forecasts that differ from an earlier
// one in one element's value, in the representation of an equal value
// (-4.5 and -4.50), or in the order of two elements are not copied
// (duplicateForecasts compares the elements in full, and only identical
// ones are a function of the same operands).
func TestDuplicateForecastsDistinct(t *testing.T) {
	in := genInput(genSpec{n: 6, f: 4, dense: true, seed: 3, newest: true})
	first := in.Forecasts[0].Elements
	variant := func(id string, f func(el []ForecastElement)) {
		el := slices.Clone(first)
		f(el)
		in.Forecasts = append(in.Forecasts, Forecast{Forecaster: id, Elements: el})
	}
	variant("z1", func(el []ForecastElement) { el[0].Value = decimal.RequireFromString("-4.5") })
	variant("z2", func(el []ForecastElement) { el[0].Value = decimal.RequireFromString("-4.50") })
	variant("z3", func(el []ForecastElement) { el[0], el[1] = el[1], el[0] })
	e, err := prepare(in)
	if err != nil {
		t.Fatal(err)
	}
	s := &synth{e: e}
	if d := s.duplicateForecasts(); d != nil {
		t.Fatalf("copies found among distinct forecasts: %v", d)
	}
	// One more, identical to z2, is found.
	variant("z4", func(el []ForecastElement) { el[0].Value = decimal.RequireFromString("-4.50") })
	if e, err = prepare(in); err != nil {
		t.Fatal(err)
	}
	s = &synth{e: e}
	d := s.duplicateForecasts()
	if d == nil || slices.IndexFunc(d, func(x int32) bool { return x >= 0 }) != len(d)-1 {
		t.Fatalf("copies %v, want the last forecast only", d)
	}
	checkDup(t, in, DefaultParams())
}
