package reputation

import (
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"pgregory.net/rapid"
)

// completeInput fills the missing entries of a drawn problem.
func completeInput(t *rapid.T, in *gdInput) *gdInput {
	for m := range in.present {
		for c := range in.present[m] {
			if !in.present[m][c] {
				in.present[m][c] = true
				in.x[m][c] = genLoss(t, "fill")
			}
		}
	}
	return in
}

// relDiff returns |a − b| / |b| (|a − b| when b = 0).
func relDiff(a, b dec.Dec) dec.Dec {
	d := a.Sub(b).Abs()
	if b.IsZero() {
		return d
	}
	r, _ := dec.Context{}.Quo(d, b.Abs())
	return r
}

// TestGramScoresExact: every Gram evaluation (the base point and each
// perturbed point of an iteration) is within one unit in the 34th digit of
// the exact scores, taken from the direct evaluation at 100 digits.
func TestGramScoresExact(t *testing.T) {
	p100 := DefaultParamsV6()
	p100.Digits = 100
	oracle, _ := p100.compile()
	cp, _ := DefaultParamsV6().compile()
	ulp := dec.MustParse("1e-33")
	var worst dec.Dec
	rapid.Check(t, func(t *rapid.T) {
		in := completeInput(t, genGDInput(t, 6, 10))
		gi, ok := newGramInts(in.x)
		if !ok {
			t.Fatal("Gram evaluation not applicable")
		}
		e, err := newGramEngine(cp, in, gi.matrix())
		if err != nil {
			t.Fatal(err)
		}
		a := in.a0
		check := func(got []dec.Dec, gerr error, at []dec.Dec) {
			want, _, werr := allScoresDirect(oracle, in, at)
			if (gerr == nil) != (werr == nil) {
				t.Fatalf("Gram error %v, oracle error %v", gerr, werr)
			}
			if gerr != nil {
				return
			}
			for m := range want {
				r := relDiff(got[m], want[m])
				if r.Cmp(worst) > 0 {
					worst = r
				}
				if r.Cmp(ulp) > 0 {
					t.Fatalf("score %d at %v: Gram %s, exact %s (rel %s)", m, at, got[m], want[m], r)
				}
			}
		}
		st, err := e.state(a)
		if err != nil {
			_, _, werr := allScoresDirect(oracle, in, a)
			if werr == nil {
				t.Fatalf("Gram state error %v, oracle none", err)
			}
			return
		}
		s, err := e.scores(&st.U, st.g, &st.Q)
		check(s, err, a)
		pt := newGramPert(len(a))
		for l := range a {
			neg := a[l].Equal(dec.One())
			step := decStep
			if neg {
				step = decStepNeg
			}
			b := append([]dec.Dec(nil), a...)
			b[l] = b[l].Add(step)
			s, err := e.perturbed(st, pt, a, l, neg)
			check(s, err, b)
		}
	})
	t.Logf("largest relative difference from the exact scores: %s", worst)
}
