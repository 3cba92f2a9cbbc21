package weights

import (
	"fmt"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// runRepeat runs the synthesis with or without the reuse of a repeated
// regret's arguments and weight (relArgs, relWeights, oneOutWeights and
// V6's φ'), on the streamed or the table path.
func runRepeat(t fataler, in Input, p Params, noRepeat, noStream bool) (Result, string, synthStats) {
	return runSynth(t, in, p, func(s *synth) {
		s.noRepeat, s.noStream, s.streamCache = noRepeat, noStream, streamCacheMax
	})
}

// checkRepeat compares the synthesis with the reuse of repeated regrets
// against the one that computes every argument and weight, on both paths:
// the same result, representation for representation, and the same error.
// It also pins what the work counters mean: the nominal work (counted
// before a reuse is decided, so equal with and without reuse), and no
// reuse counted when it is off. It returns the reuse's statistics
// (streamed path).
func checkRepeat(t fataler, in Input, p Params) synthStats {
	var first synthStats
	for i, noStream := range []bool{false, true} {
		want, werr, wst := runRepeat(t, in, p, true, noStream)
		got, gerr, gst := runRepeat(t, in, p, false, noStream)
		if gerr != werr {
			t.Fatalf("errors differ: reuse %q, without %q", gerr, werr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("reuse changes the result: %s", diffResults(got, want))
		}
		if gst.weights != wst.weights || gst.exps != wst.exps || wst.repeats != 0 || wst.quoRepeats != 0 || wst.blockRepeats != 0 {
			t.Fatalf("work counted: reuse %+v, without %+v", gst, wst)
		}
		if i == 0 {
			first = gst
		}
	}
	return first
}

// TestRepeatedRegretsMatch: reusing the quotient R/s, the arguments and the
// weight of a regret identical to the one before it (the initial regret of
// sparse pair stores), and the inferers' sums of a network whose inferer
// weights are those of the network before (blockSums), gives exactly the
// result of computing each again, on epochs of every rule
// set with pair stores from full to nearly empty, and on the rapid epochs
// of few distinct values (equal regrets anywhere, ties, all-new, no previous
// loss). The rate: none with distinct regrets, some with sparse stores, and
// at least 10 % of the arguments with empty pair stores (15 % to 57 % here:
// the forecast-implied inferences' forecasted regrets are all distinct; the
// simulator's epoch of BenchmarkSettleParts n=128 has 65,664 weights of
// 114,816 on the initial regret).
func TestRepeatedRegretsMatch(t *testing.T) {
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		for _, sparse := range []int{0, 50, 90, 100} {
			for _, g := range []genSpec{
				{n: 9, f: 7, dense: true, labels: 2},
				{n: 12, f: 9},
				{n: 24, f: 24, dense: true},
			} {
				g.seed, g.newest, g.sparse = 7, rs == Newest, sparse
				t.Run(fmt.Sprintf("%s/sparse=%d/%d-%d", rs, sparse, g.n, g.f), func(t *testing.T) {
					p := DefaultParams()
					p.RuleSet = rs
					st := checkRepeat(t, genInput(g), p)
					if sparse == 0 && st.repeats != 0 {
						t.Fatalf("%d reuses with distinct regrets", st.repeats)
					}
					if sparse > 0 && st.repeats == 0 || sparse == 100 && 10*st.repeats < st.exps {
						t.Fatalf("%d of %d arguments reused", st.repeats, st.exps)
					}
					// The quotients R/s: every regret of an empty store
					// after the first of its row is the initial regret.
					if sparse == 0 && st.quoRepeats != 0 || sparse == 100 && 10*st.quoRepeats < st.weights {
						t.Fatalf("%d quotients of %d weights reused", st.quoRepeats, st.weights)
					}
					// The inferers' sums of (27) and (28): with empty pair
					// stores every such network's inferers take the initial
					// regret, hence the weights of the network before.
					if sparse == 0 && st.blockRepeats != 0 || sparse == 100 && st.blockRepeats == 0 {
						t.Fatalf("%d networks took the inferers' sums of the one before", st.blockRepeats)
					}
					t.Logf("%d of %d arguments, %d of %d quotients, %d inferer sums reused", st.repeats, st.exps, st.quoRepeats, st.weights, st.blockRepeats)
				})
			}
		}
	}
	t.Run("rapid", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			in, p := drawEpoch(t)
			checkRepeat(t, in, p)
		})
	})
}
