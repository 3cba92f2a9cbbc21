package weights

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// runPath runs one synthesis with the one-out-inferer networks streamed or
// from the table (noStream), returning its result, its error text and its
// statistics.
func runPath(t fataler, in Input, p Params, noStream bool) (Result, string, synthStats) {
	return runPathCache(t, in, p, noStream, streamCacheMax)
}

// runPathCache is runPath with the stream's quotient cache bound.
func runPathCache(t fataler, in Input, p Params, noStream bool, cache int) (Result, string, synthStats) {
	return runSynth(t, in, p, func(s *synth) { s.noStream, s.streamCache = noStream, cache })
}

// runSynth runs the synthesis of in under p with the switches set sets on
// the synth (paths, cache bound), returning its result or error text and
// its work counts.
func runSynth(t fataler, in Input, p Params, set func(*synth)) (Result, string, synthStats) {
	cp, err := p.compile()
	if err != nil {
		t.Fatalf("params: %v", err)
	}
	e, err := prepare(in)
	if err != nil {
		return Result{}, "prepare: " + err.Error(), synthStats{}
	}
	st := synthStats{}
	s := &synth{params: cp, e: e, stats: &st}
	set(s)
	res, err := s.run()
	if err != nil {
		return Result{}, err.Error(), st
	}
	return res, "", st
}

// checkStreamTable compares the streamed path, with and without the
// quotient cache, and the table path: the same
// result, representation for representation (reflect.DeepEqual on the
// shopspring coefficients and exponents, nil and empty slices alike), the
// same error and the same work counted. It returns whether the synthesis
// streamed.
func checkStreamTable(t fataler, in Input, p Params) bool {
	want, werr, wst := runPath(t, in, p, true)
	streamed := false
	for _, cache := range []int{streamCacheMax, 0} {
		got, gerr, gst := runPathCache(t, in, p, false, cache)
		checkSame(t, got, gerr, gst, want, werr, wst)
		streamed = gst.streamed
	}
	return streamed
}

func checkSame(t fataler, got Result, gerr string, gst synthStats, want Result, werr string, wst synthStats) {
	if gerr != werr {
		t.Fatalf("errors differ: stream %q, table %q", gerr, werr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("stream and table results differ: %s", diffResults(got, want))
	}
	if gst.weights != wst.weights || gst.exps != wst.exps {
		t.Fatalf("work counted: stream %d weights %d exps, table %d, %d", gst.weights, gst.exps, wst.weights, wst.exps)
	}
	if wst.streamed {
		t.Fatalf("table path streamed")
	}
}

// TestStreamMatchesTable: streaming the one-out-inferer networks (26) and
// writing the one-out values (29) as each forecaster's are computed gives
// exactly the table path's result on random epochs of every rule set,
// dense and sparse, one to three labels, with and without a stored scale,
// including the rapid epochs of few distinct values (ties, equal maxima,
// missing regrets, all-new, no previous loss).
func TestStreamMatchesTable(t *testing.T) {
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		for _, g := range []genSpec{
			{n: 2, f: 1, dense: true},
			{n: 2, f: 2, dense: true},
			{n: 3, f: 3, dense: true},
			{n: 7, f: 5, dense: true, labels: 3},
			{n: 9, f: 4},
			{n: 12, f: 9, labels: 2},
			{n: 20, f: 20, dense: true},
			{n: 4, f: 2*streamBlockSize + 5, dense: true}, // three blocks, the last partial
			{n: 5, f: streamBlockSize},
		} {
			for seed := uint64(1); seed <= 3; seed++ {
				g.seed, g.newest = seed, rs == Newest
				t.Run(fmt.Sprintf("%s/%d-%d-%d/%d", rs, g.n, g.f, g.labels, seed), func(t *testing.T) {
					p := DefaultParams()
					p.RuleSet = rs
					streamed := checkStreamTable(t, genInput(g), p)
					if streamed != (rs != V6) {
						t.Fatalf("streamed %v", streamed)
					}
				})
			}
		}
	}
	t.Run("rapid", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			in, p := drawEpoch(t)
			checkStreamTable(t, in, p)
		})
	})
}

// TestStreamRate: the stream decides (no fallback to the table path) on
// every rapid epoch where it applies and every forecaster has a
// forecast-implied inference, which under Intermediate and Newest is every
// epoch with weights and a previous loss; counted over 2000 epochs.
func TestStreamRate(t *testing.T) {
	applies, streamed := 0, 0
	for range 20 { // 100 epochs each
		rapid.Check(t, func(t *rapid.T) {
			in, p := drawEpoch(t)
			cp, err := p.compile()
			if err != nil {
				t.Fatal(err)
			}
			e, err := prepare(in)
			if err != nil {
				return
			}
			if !(&synth{params: cp, e: e}).canStream() {
				return
			}
			applies++
			_, errText, st := runPath(t, in, p, false)
			if errText == "" && st.streamed {
				streamed++
			}
			if errText == "" && !st.streamed {
				t.Fatalf("stream fell back on an epoch without error")
			}
		})
	}
	t.Logf("stream applies to %d epochs, streamed %d", applies, streamed)
	least := 200
	if testing.Short() {
		least = 50 // rapid runs fewer checks in -short mode
	}
	if applies < least || streamed != applies {
		t.Fatalf("stream applies to %d epochs, streamed %d", applies, streamed)
	}
}

// TestStreamFallbackErrors: a regret at the top of the decimal range in the
// one-out-inferer stores makes the stream fail (its weight overflows); the
// table path then returns the reference error (the same text as the table
// path alone). (A regret outside the range cannot reach the input: a
// loss.Num refuses it.)
func TestStreamFallbackErrors(t *testing.T) {
	for i, field := range []string{"ooII", "ooIF", "ooFF"} {
		in := genInput(genSpec{n: 5, f: 4, dense: true, seed: uint64(i + 1), newest: true})
		if _, err, st := runPath(t, in, DefaultParams(), false); err != "" || !st.streamed {
			t.Fatalf("%s: the input before the change: streamed %v, error %q", field, st.streamed, err)
		}
		huge := loss.MustNum(decimal.New(9, 400))
		switch field {
		case "ooII":
			in.Regrets.OneOutInfererInferers[7].Value = huge
		case "ooIF":
			in.Regrets.OneOutInfererForecasters[6].Value = huge
		case "ooFF":
			in.Regrets.OneOutForecasterForecasters[3].Value = huge
		}
		_, gerr, st := runPath(t, in, DefaultParams(), false)
		_, werr, _ := runPath(t, in, DefaultParams(), true)
		if gerr == "" || gerr != werr || st.streamed {
			t.Fatalf("%s: stream error %q (streamed %v), table error %q", field, gerr, st.streamed, werr)
		}
	}
}
