package reputation

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genLoss draws a loss value like the fixtures' (log10 losses, 16–17
// significant digits), sometimes with few digits or exact ties.
func genLoss(t *rapid.T, name string) dec.Dec {
	switch rapid.IntRange(0, 4).Draw(t, name+"_kind") {
	case 0:
		return dec.FromInt64(int64(rapid.IntRange(-6, 1).Draw(t, name+"_int")))
	case 1:
		return dec.New(int64(rapid.IntRange(-60, 10).Draw(t, name+"_short")), -1)
	}
	c := rapid.Int64Range(-6_999_999_999_999_999, 999_999_999_999_999).Draw(t, name+"_c")
	return dec.New(c, -16)
}

// genCoefficient draws a listening coefficient: mostly in [0, 1] (with
// exact 0 and 1), sometimes slightly outside (the reference's fix-up can
// leave [0, 1]).
func genCoefficient(t *rapid.T, name string) dec.Dec {
	switch rapid.IntRange(0, 6).Draw(t, name+"_kind") {
	case 0:
		return dec.One()
	case 1:
		return dec.Zero()
	case 2:
		return dec.New(int64(rapid.IntRange(-200, 1200).Draw(t, name+"_wide")), -3)
	}
	return dec.New(rapid.Int64Range(0, 9_999_999_999_999_999).Draw(t, name+"_c"), -16)
}

func genStake(t *rapid.T, name string) dec.Dec {
	s := rapid.Int64Range(1, 1_000_000).Draw(t, name)
	if rapid.Bool().Draw(t, name+"_wei") {
		v, _ := dec.FromBigInt(new(big.Int).Mul(big.NewInt(s), new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)))
		return v.Add(dec.FromInt64(rapid.Int64Range(0, 1e17).Draw(t, name+"_frac")))
	}
	return dec.FromInt64(s)
}

// genGDInput draws a listening problem with R reputers and K coordinates,
// some entries missing.
func genGDInput(t *rapid.T, maxR, maxK int) *gdInput {
	R := rapid.IntRange(1, maxR).Draw(t, "R")
	K := rapid.IntRange(1, maxK).Draw(t, "K")
	missing := rapid.IntRange(0, 3).Draw(t, "missing") // out of 10
	in := &gdInput{}
	for m := 0; m < R; m++ {
		row := make([]dec.Dec, K)
		pres := make([]bool, K)
		for c := range row {
			pres[c] = rapid.IntRange(0, 9).Draw(t, "p") >= missing
			if pres[c] {
				row[c] = genLoss(t, "x")
			}
		}
		in.x = append(in.x, row)
		in.present = append(in.present, pres)
		in.stakes = append(in.stakes, genStake(t, "S"))
		in.a0 = append(in.a0, genCoefficient(t, "a"))
	}
	return in
}

func sameDecs(a, b []dec.Dec) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// TestListeningFastMatchesDirect is the differential test of the fast
// evaluation (listening.go) against the transcription of the reference
// (consensus_direct.go): scores, coefficients, adjusted stakes and the
// iteration count must be identical, and so must the error class.
func TestListeningFastMatchesDirect(t *testing.T) {
	var kernelRuns, kernelOK int
	rapid.Check(t, func(t *rapid.T) {
		in := genGDInput(t, 6, 10)
		p := DefaultParamsV6()
		if rapid.Bool().Draw(t, "newest") {
			p = DefaultParams()
		}
		if rapid.IntRange(0, 4).Draw(t, "minfrac") == 0 {
			p.MinStakeFraction = decimal.New(int64(rapid.IntRange(0, 10).Draw(t, "phimin")), -1)
		}
		p.GradientDescentMaxIters = rapid.IntRange(1, 10).Draw(t, "iters")
		cp, err := p.compile()
		if err != nil {
			t.Fatal(err)
		}
		// The kernel evaluation itself must agree with the direct one
		// whenever the numbers fit it (its sums span at most 77 digits).
		e := newEngine(cp, in)
		if !e.kernel {
			t.Fatal("kernel not applicable")
		}
		if st, err := e.stakes(in.a0); err == nil {
			ks, ok, kerr := e.scoresKernel(st.shat)
			ds, _, derr := allScoresDirect(cp, in, in.a0)
			kernelRuns++
			if ok || kerr != nil {
				kernelOK++
			}
			if (ok || kerr != nil) && ((kerr == nil) != (derr == nil) || (kerr == nil && !sameDecs(ks, ds))) {
				t.Fatalf("kernel %v %v %v, direct %v %v", ks, ok, kerr, ds, derr)
			}
		}
		want, werr := listeningDirect(cp, in)
		got, gerr := listening(cp, in)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("direct err %v, fast err %v", werr, gerr)
		}
		if werr != nil {
			for _, s := range []error{ErrZeroListenedStake, ErrZeroConsensusWeight, ErrInvalidValue} {
				if errors.Is(werr, s) != errors.Is(gerr, s) {
					t.Fatalf("direct err %v, fast err %v", werr, gerr)
				}
			}
			return
		}
		if got.iters != want.iters || !sameDecs(got.scores, want.scores) || !sameDecs(got.coefs, want.coefs) || !sameDecs(got.adjusted, want.adjusted) {
			t.Fatalf("fast %s\ndirect %s", fmtRes(got), fmtRes(want))
		}
	})
	t.Logf("kernel evaluations: %d of %d applicable", kernelOK, kernelRuns)
	if kernelOK*2 < kernelRuns {
		t.Errorf("the kernel applied to only %d of %d evaluations", kernelOK, kernelRuns)
	}
}

func fmtRes(r gdResult) string {
	return fmt.Sprintf("iters %d scores %v coefs %v adjusted %v", r.iters, r.scores, r.coefs, r.adjusted)
}
