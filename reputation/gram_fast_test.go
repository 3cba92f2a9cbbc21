package reputation

import (
	"fmt"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// sameGramScores reports whether two score vectors are identical: the same
// form (fixed width or Dec) and the same value in it.
func sameGramScores(a, b []gramScore) bool {
	if len(a) != len(b) {
		return false
	}
	for m := range a {
		if a[m].isF != b[m].isF || a[m].f != b[m].f || !a[m].v.Equal(b[m].v) {
			return false
		}
	}
	return true
}

// fastVsBig runs every evaluation of one ascent iteration at the
// coefficients a (the base point, then a ± 0.001·e_l for every l) with the
// fixed-width distances of gram_fast.go and with the math/big loop, and
// fails unless both give identical scores and identical errors. It returns
// the number of evaluations that took the fixed-width path.
// fataler is what fastVsBig needs of testing.TB and rapid.T.
type fataler interface {
	Fatalf(format string, args ...any)
}

func fastVsBig(tb fataler, cp params, in *gdInput, a []dec.Dec, noKern bool) (evals, fast int) {
	gi, ok := newGramInts(in.x)
	if !ok {
		return 0, 0
	}
	gm := gi.matrix()
	ef, err1 := newGramEngine(cp, in, gm)
	eb, err2 := newGramEngine(cp, in, gm)
	if err1 != nil || err2 != nil {
		tb.Fatalf("engine: %v %v", err1, err2)
	}
	ef.noKern, eb.noKern, eb.noFast = noKern, noKern, true
	sf, errf := ef.state(a)
	sb, errb := eb.state(a)
	if (errf == nil) != (errb == nil) {
		tb.Fatalf("state errors differ: %v, %v", errf, errb)
	}
	if errf != nil {
		return 0, 0
	}
	for m := range a {
		if sf.g[m].Cmp(&sb.g[m]) != 0 || sf.gC[m].Cmp(&sb.gC[m]) != 0 {
			tb.Fatalf("base point: g or Ĝ1_C differ at %d", m)
		}
	}
	if sf.Q.Cmp(&sb.Q) != 0 || sf.U.Cmp(&sb.U) != 0 {
		tb.Fatalf("base point: Q or U differ")
	}
	cmp := func(what string, f func(e *gramEngine, st *gramState) ([]gramScore, error)) {
		scF, errF := f(ef, sf)
		var cF []gramScore
		if errF == nil {
			cF = append(cF, scF...)
		}
		scB, errB := f(eb, sb)
		if (errF == nil) != (errB == nil) || (errF != nil && errF.Error() != errB.Error()) {
			tb.Fatalf("%s: errors differ: fixed width %v, math/big %v", what, errF, errB)
		}
		if errF == nil && !sameGramScores(cF, scB) {
			tb.Fatalf("%s: scores differ:\nfixed width %v\nmath/big    %v", what, cF, scB)
		}
		evals++
	}
	cmp("base", func(e *gramEngine, st *gramState) ([]gramScore, error) {
		return e.scores(st, &st.U, &st.Q, nil, nil, nil)
	})
	pf, pb := newGramPert(len(a)), newGramPert(len(a))
	for l := range a {
		neg := a[l].Equal(dec.One())
		for _, n := range []bool{neg, !neg} {
			cmp("perturbed", func(e *gramEngine, st *gramState) ([]gramScore, error) {
				pt := pf
				if e == eb {
					pt = pb
				}
				return e.perturbedScores(st, pt, a, l, n)
			})
		}
	}
	return evals, ef.nFast
}

// TestGramFastMatchesBig: the fixed-width distances (gram_fast.go) and the
// score kernel reading them give exactly the scores of the math/big
// evaluation, on the package's adversarial generator (completed), with the
// values sometimes scaled by large powers of ten so that the accumulator
// width varies and the math/big fallback is taken, with and without the
// score kernel.
func TestGramFastMatchesBig(t *testing.T) {
	var evals, fast int
	var slow int
	rapid.Check(t, func(t *rapid.T) {
		in := completeInput(t, genGDInput(t, 7, 9))
		if rapid.IntRange(0, 2).Draw(t, "wide") == 0 {
			for m := range in.x {
				for c := range in.x[m] {
					in.x[m][c] = in.x[m][c].Shift(int32(rapid.IntRange(-150, 150).Draw(t, "shift")))
				}
			}
		}
		if rapid.IntRange(0, 3).Draw(t, "bigStake") == 0 {
			for m := range in.stakes {
				in.stakes[m] = in.stakes[m].Shift(int32(rapid.IntRange(0, 200).Draw(t, "stakeShift")))
			}
		}
		p := DefaultParamsV6()
		if rapid.Bool().Draw(t, "newest") {
			p = DefaultParams()
		}
		cp, err := p.compile()
		if err != nil {
			t.Fatal(err)
		}
		e, f := fastVsBig(t, cp, in, in.a0, rapid.IntRange(0, 4).Draw(t, "nokernel") == 0)
		evals += e
		fast += f
		slow += e - f
	})
	t.Logf("%d evaluations compared, %d on the fixed-width path", evals, fast)
	if fast == 0 || slow == 0 {
		t.Errorf("%d evaluations on the fixed-width path, %d on math/big: both must be exercised", fast, slow)
	}
}

// TestGramFastMatchesBigRealistic: the same comparison on fixture-like
// inputs (realisticInput) and at the benchmark's shape, at the starting
// coefficients and after ascent steps.
func TestGramFastMatchesBigRealistic(t *testing.T) {
	cp, _ := DefaultParamsV6().compile()
	rng := rand.New(rand.NewPCG(3, 5))
	n := 200
	if testing.Short() {
		n = 40
	}
	evals := 0
	for range n {
		in := realisticInput(rng, 24, 40)
		e, _ := fastVsBig(t, cp, in, in.a0, false)
		evals += e
	}
	// The benchmark's shape, at its starting coefficients and at those of
	// the later iterations of the ascent.
	R, K := 128, 1100
	if testing.Short() {
		R, K = 32, 200
	}
	_, in := benchInput(t, R, K)
	gi, _ := newGramInts(in.x)
	res, err := listeningGram(cp, in, gi.matrix())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range [][]dec.Dec{in.a0, res.coefs} {
		e, f := fastVsBig(t, cp, in, a, false)
		if f == 0 {
			t.Error("the benchmark's shape did not take the fixed-width path")
		}
		evals += e
	}
	t.Logf("%d evaluations compared", evals)
}

// benchInput returns the completed input of the benchmarks' synthetic
// reports (synthReports, synthCoefficients).
func benchInput(tb testing.TB, R, K int) (params, *gdInput) {
	p := DefaultParamsV6()
	cp, in, _, err := prepareReputers(synthReports(R, K), synthCoefficients(R), p)
	if err != nil {
		tb.Fatal(err)
	}
	return cp, in
}

// TestMulAccLimbs checks the two's-complement multiply-accumulate against
// math/big.
func TestMulAccLimbs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		W := rapid.IntRange(1, 6).Draw(t, "W")
		mod := new(big.Int).Lsh(big.NewInt(1), uint(64*W))
		acc := make([]uint64, W)
		want := new(big.Int)
		for i := range acc {
			acc[i] = rapid.Uint64().Draw(t, "acc")
		}
		setWords(want, acc)
		for range rapid.IntRange(1, 5).Draw(t, "terms") {
			a := genBig(t, "a", 64*W)
			b := genBig(t, "b", 64*W)
			sub := rapid.Bool().Draw(t, "sub")
			var as, bs limbScalar
			as.set(a)
			bs.set(b)
			mulAccLimbs(acc, as.mag[:as.n], bs.mag[:bs.n], sub)
			p := new(big.Int).Mul(a, b)
			if sub {
				want.Sub(want, p)
			} else {
				want.Add(want, p)
			}
			want.Mod(want, mod)
		}
		got := new(big.Int)
		setWords(got, acc)
		if got.Cmp(want) != 0 {
			t.Fatalf("got %s, want %s", got, want)
		}
	})
}

// isqrt256UpDivNorm is isqrt256Up as first written (both Newton steps by
// divNorm), the reference for TestIsqrt256UpMatches.
func isqrt256UpDivNorm(x *[4]uint64) (r [2]uint64) {
	s := isqrt64(x[3]) + 1
	if s >= 1<<32 {
		r = [2]uint64{^uint64(0), ^uint64(0)}
	} else {
		r = [2]uint64{0, s << 32}
	}
	for range 2 {
		un := [5]uint64{x[0], x[1], x[2], x[3], 0}
		var q [3]uint64
		divNorm(q[:], un[:], r[:])
		var c uint64
		var t [3]uint64
		t[0], c = bits.Add64(q[0], r[0], 0)
		t[1], c = bits.Add64(q[1], r[1], c)
		t[2] = q[2] + c
		r = [2]uint64{t[0]>>1 | t[1]<<63, t[1]>>1 | t[2]<<63}
	}
	return r
}

// genWords draws n words, often all ones or zero (carries, extremes).
func genWords(t *rapid.T, name string, n int) []uint64 {
	w := make([]uint64, n)
	for i := range w {
		switch rapid.IntRange(0, 4).Draw(t, name+"_kind") {
		case 0:
			w[i] = ^uint64(0)
		case 1:
			w[i] = 0
		case 2:
			w[i] = 1 << 63
		default:
			w[i] = rapid.Uint64().Draw(t, name)
		}
	}
	return w
}

// TestIsqrt256UpMatches: the square root with the one-word first Newton
// step equals the square root computed with divNorm for both steps.
func TestIsqrt256UpMatches(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := [4]uint64(genWords(t, "x", 4))
		if x[3] < 1<<62 {
			x[3] |= 1 << 62
		}
		if got, want := isqrt256Up(&x), isqrt256UpDivNorm(&x); got != want {
			t.Fatalf("x %x: %x, want %x", x, got, want)
		}
	})
}

// TestShrDigitsMatchesBig: shrDigits (single-limb division below 10^20, the
// reciprocal or long division above) is floor(a/10^k).
func TestShrDigitsMatchesBig(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 8).Draw(t, "n")
		var a [8]uint64
		copy(a[:], genWords(t, "a", n))
		k := rapid.IntRange(1, 100).Draw(t, "k")
		want := new(big.Int)
		setWords(want, a[:])
		want.Quo(want, pow10Big(k))
		shrDigits(a[:], k)
		got := new(big.Int)
		setWords(got, a[:])
		if got.Cmp(want) != 0 {
			t.Fatalf("k %d: %s, want %s", k, got, want)
		}
	})
}

// TestGramKernelSpecialisedMatches: approxLegacy (the kernel's steps as
// first written, with shr6to4 and the general mulLimbs and divNorm),
// add128Up (with the shifts of b written out) and shiftTo give exactly the
// results of their first versions (gram_kernel_ref_test.go).
func TestGramKernelSpecialisedMatches(t *testing.T) {
	cp, _ := DefaultParamsV6().compile()
	k := newGramScoreKernel(cp)
	rapid.Check(t, func(t *rapid.T) {
		N, Q := genBig(t, "N", 700), genBig(t, "Q", 700)
		if N.Sign() > 0 && Q.Sign() > 0 {
			k.setQ(Q)
			nT, nE := top192(N)
			D1, j1, ok1 := k.approxLegacy(nT, nE)
			D2, j2, ok2 := k.approxTopRef(nT, nE, isqrt256Up)
			if D1 != D2 || j1 != j2 || ok1 != ok2 {
				t.Fatalf("N %s Q %s: approxLegacy %x %d %v, reference %x %d %v", N, Q, D1, j1, ok1, D2, j2, ok2)
			}
		}
		a, b := [2]uint64(genWords(t, "a", 2)), [2]uint64(genWords(t, "b", 2))
		a[1] |= 1 << 63
		b[1] |= 1 << 63
		ea, eb := rapid.IntRange(-600, 600).Draw(t, "ea"), rapid.IntRange(-600, 600).Draw(t, "eb")
		if rapid.Bool().Draw(t, "near") { // the shifts within two words
			eb = ea + rapid.IntRange(-130, 130).Draw(t, "dd")
		}
		m1, e1 := add128Up(a, ea, b, eb)
		m2, e2 := add128UpRef(a, ea, b, eb)
		if m1 != m2 || e1 != e2 {
			t.Fatalf("add128Up(%x, %d, %x, %d) = %x %d, reference %x %d", a, ea, b, eb, m1, e1, m2, e2)
		}
		p := [5]uint64(genWords(t, "p", 5))
		s := rapid.IntRange(-400, 400).Draw(t, "s")
		var d1, d2 [5]uint64
		ok1, ok2 := shiftTo(&d1, &p, s), shiftToRef(&d2, &p, s)
		if ok1 != ok2 || (ok1 && d1 != d2) {
			t.Fatalf("shiftTo(%x, %d) = %x %v, reference %x %v", p, s, d1, ok1, d2, ok2)
		}
	})
}

// TestTop192WordsMatches: top192Words reads the same bits as top192.
func TestTop192WordsMatches(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := genBig(t, "x", 1000)
		if x.Sign() == 0 {
			t.Skip("zero")
		}
		w := make([]uint64, (x.BitLen()+63)/64)
		for i := range w {
			w[i] = limbAt(x.Bits(), i)
		}
		m1, e1 := top192Words(w)
		m2, e2 := top192(x)
		if m1 != m2 || e1 != e2 {
			t.Fatalf("x %s: %x %d, top192 %x %d", x, m1, e1, m2, e2)
		}
	})
}

// TestIsqrt64: isqrt64 is floor(sqrt(v)) for v >= 2^62, including the
// extremes and perfect squares and their neighbours.
func TestIsqrt64(t *testing.T) {
	check := func(v uint64) {
		if v < 1<<62 {
			return // outside isqrt64's domain
		}
		want := new(big.Int).Sqrt(new(big.Int).SetUint64(v)).Uint64()
		if got := isqrt64(v); got != want {
			t.Fatalf("isqrt64(%d) = %d, want %d", v, got, want)
		}
	}
	check(1 << 62)
	check(^uint64(0))
	for r := uint64(1 << 31); r < 1<<31+100_000; r++ {
		check(r * r)
		check(r*r - 1)
		check(r*r + 1)
	}
	for r := uint64(1<<32 - 100_000); r < 1<<32; r++ {
		check(r * r)
		check(r*r - 1)
		check(r*r + r)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2_000_000 {
		check(rng.Uint64() | 1<<62)
	}
}

// TestIsqrt256Exact: isqrt256 is floor(sqrt(x)) on [2^254, 2^256), and
// sqrtRem128 the exact root and remainder on [2^126, 2^128): random
// values, perfect squares and their neighbours, the extremes.
func TestIsqrt256Exact(t *testing.T) {
	check256 := func(x [4]uint64) {
		xb := new(big.Int)
		setWords(xb, x[:])
		want := new(big.Int).Sqrt(xb)
		got := new(big.Int)
		r := isqrt256(&x)
		setWords(got, r[:])
		if got.Cmp(want) != 0 {
			t.Fatalf("isqrt256(%x) = %s, want %s", x, got, want)
		}
		// The Newton bound the kernel took before is within its documented
		// distance above the root: R < sqrt(x)·(1 + 2^−126) + 1 <= root + 5.
		up := isqrt256Up(&x)
		d0, b := bits.Sub64(up[0], r[0], 0)
		d1, b := bits.Sub64(up[1], r[1], b)
		if b != 0 || d1 != 0 || d0 > 5 {
			t.Fatalf("isqrt256Up(%x) = %x, root %x", x, up, r)
		}
		s, rHi, rLo := sqrtRem128(x[3], x[2])
		xb.Rsh(xb, 128)
		want.Sqrt(xb)
		rem := new(big.Int).Sub(xb, new(big.Int).Mul(want, want))
		gotR := new(big.Int)
		setWords(gotR, []uint64{rLo, rHi})
		if s != want.Uint64() || gotR.Cmp(rem) != 0 {
			t.Fatalf("sqrtRem128(%x, %x) = %d, %s; want %s, %s", x[3], x[2], s, gotR, want, rem)
		}
	}
	words := func(v *big.Int) (w [4]uint64) {
		for i := range w {
			w[i] = limbAt(v.Bits(), i)
		}
		return w
	}
	check256([4]uint64{0, 0, 0, 1 << 62})
	check256([4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)})
	rng := rand.New(rand.NewPCG(3, 4))
	lo := new(big.Int).Lsh(big.NewInt(1), 127)
	for i := range 200_000 {
		// r² − 1, r², r² + 1 and (r+1)² − 1 for r near both ends and at
		// random in [2^127, 2^128).
		r := new(big.Int)
		switch i % 3 {
		case 0:
			r.Add(lo, big.NewInt(int64(i)))
		case 1:
			r.Lsh(lo, 1)
			r.Sub(r, big.NewInt(int64(i)+1))
		default:
			r.SetBits([]big.Word{big.Word(rng.Uint64()), big.Word(rng.Uint64() | 1<<63)})
		}
		sq := new(big.Int).Mul(r, r)
		for _, d := range []int64{-1, 0, 1} {
			v := new(big.Int).Add(sq, big.NewInt(d))
			if v.BitLen() >= 255 && v.BitLen() <= 256 {
				check256(words(v))
			}
		}
		v := new(big.Int).Add(r, big.NewInt(1))
		v.Mul(v, v).Sub(v, big.NewInt(1))
		if v.BitLen() <= 256 {
			check256(words(v))
		}
		check256([4]uint64{rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64() | 1<<62})
	}
	rapid.Check(t, func(t *rapid.T) {
		x := [4]uint64(genWords(t, "x", 4))
		x[3] |= 1 << 62
		check256(x)
	})
}

// TestMulTopMatchesMulLimbs: mulTop is mulLimbs on every operand (its
// shortcut for top words 0 or 1 and 1 or 2, and the rest).
func TestMulTopMatchesMulLimbs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := [3]uint64(genWords(t, "a", 3)), [3]uint64(genWords(t, "b", 3))
		if rapid.Bool().Draw(t, "shape") {
			a[2] = rapid.Uint64Range(0, 1).Draw(t, "a2")
			b[2] = rapid.Uint64Range(1, 2).Draw(t, "b2")
		}
		var want [6]uint64
		mulLimbs(want[:], a[:], b[:])
		if got := mulTop(&a, &b); got != want {
			t.Fatalf("%x·%x: %x, want %x", a, b, got, want)
		}
	})
}

// TestGramIntsSameMatchesSmall: newGramIntsSmall with one exponent for
// every value (exp nil, newGramIntsSame) gives the E and the integers it
// gives with that exponent written out for each value, on coefficients
// with zeros, trailing zeros (shared by all or not) and both signs.
func TestGramIntsSameMatchesSmall(t *testing.T) {
	var scaled int
	rapid.Check(t, func(t *rapid.T) {
		R, K := rapid.IntRange(1, 4).Draw(t, "R"), rapid.IntRange(1, 6).Draw(t, "K")
		e0 := smallExp(rapid.IntRange(-417, 400-17).Draw(t, "e0"))
		tz := rapid.IntRange(0, 17).Draw(t, "tz")
		coef := make([]uint64, R*K)
		for i := range coef {
			if rapid.IntRange(0, 4).Draw(t, "zero") == 0 {
				continue
			}
			c := rapid.Int64Range(-999_999, 999_999).Draw(t, "c")
			for k := 0; k < tz && c < 1e17 && c > -1e17; k++ {
				c *= 10
			}
			coef[i] = uint64(c)
		}
		exp := make([]smallExp, len(coef))
		for i := range exp {
			exp[i] = e0
		}
		want, ok := newGramIntsSmall(R, K, slices.Clone(coef), exp, 0)
		if !ok {
			t.Fatal("one exponent: newGramIntsSmall declined")
		}
		got, ok := newGramIntsSmall(R, K, coef, nil, e0)
		if !ok || got.E != want.E || got.R != want.R || got.K != want.K || got.class != want.class || !slices.Equal(got.x64, want.x64) {
			t.Fatalf("one exponent: E %d / %d, integers %v / %v", got.E, want.E, got.x64, want.x64)
		}
		if got.E != int32(e0) {
			scaled++
		}
	})
	t.Logf("%d cases with E above the exponent", scaled)
}

// TestGramStreamMatchesMatrix: on whole loss matrices (every report with
// the same workers, in key order) whose values have one exponent, the Gram
// matrix gram64Stream computes from the input decimals is the one of the
// converted matrix (newGramInts on decRows), entry for entry, with the
// same E, kernel and work; across blocks of gramBlock coordinates, with
// zeros, negative values and trailing zeros. Without a coefficient that
// is not a multiple of 10, newGramIntsStream declines.
func TestGramStreamMatchesMatrix(t *testing.T) {
	var streamed, declined, blocks int
	rapid.Check(t, func(t *rapid.T) {
		R := rapid.IntRange(1, 5).Draw(t, "R")
		nInf, nFc := rapid.IntRange(1, 30).Draw(t, "inferers"), rapid.IntRange(1, 20).Draw(t, "forecasters")
		if rapid.IntRange(0, 2).Draw(t, "wide") == 0 { // K > gramBlock: several blocks
			nInf, nFc = rapid.IntRange(24, 30).Draw(t, "wide_inferers"), rapid.IntRange(18, 20).Draw(t, "wide_forecasters")
		}
		e0 := int32(rapid.IntRange(-60, 5).Draw(t, "e0"))
		tz := rapid.SampledFrom([]int{0, 0, 1, 3}).Draw(t, "tz")
		big := rapid.Bool().Draw(t, "big")
		val := func(name string) decimal.Decimal {
			if rapid.IntRange(0, 9).Draw(t, name+"_zero") == 0 {
				return decimal.New(0, e0)
			}
			lim := int64(999_999)
			if big {
				lim = 99_999_999_999_999
			}
			c := rapid.Int64Range(-lim, lim).Draw(t, name)
			for range tz {
				c *= 10
			}
			return decimal.New(c, e0)
		}
		ids := func(prefix string, n int) []string {
			out := make([]string, n)
			for i := range out {
				out[i] = fmt.Sprintf("%s%03d", prefix, i)
			}
			return out
		}
		inf, fc := ids("i", nInf), ids("f", nFc)
		list := func(name string, ids []string) []loss.Value {
			out := make([]loss.Value, len(ids))
			for i, id := range ids {
				out[i] = loss.Value{ID: id, Value: val(name)}
			}
			return out
		}
		reports := make([]loss.Report, R)
		for m := range reports {
			b := loss.Bundle{Combined: val("comb"), Naive: val("naive"), Inferers: list("inf", inf), Forecasters: list("fc", fc),
				OneOutInferers: list("ooi", inf), OneOutForecasters: list("oof", fc), OneInForecasters: list("oif", fc)}
			for _, f := range fc {
				for _, j := range inf {
					b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{Forecaster: f, Inferer: j, Value: loss.MustNum(val("pair"))})
				}
			}
			reports[m] = loss.Report{Reputer: fmt.Sprintf("r%d", m), Stake: decimal.NewFromInt(int64(m + 1)), Losses: b}
		}
		lm, err := completeLosses(reports, MaxGramCoordinates)
		if err != nil {
			t.Fatal(err)
		}
		if !lm.whole || !lm.small || lm.missing != 0 {
			t.Fatalf("whole %v small %v missing %d", lm.whole, lm.small, lm.missing)
		}
		gs := newGramIntsStream(&lm)
		if gs == nil {
			if lm.stats.nz10 || !lm.stats.oneExp {
				t.Fatalf("stream declined: %+v", lm.stats)
			}
			declined++
			return
		}
		streamed++
		if lm.K > gramBlock {
			blocks++
		}
		x, err := lm.decRows()
		if err != nil {
			t.Fatal(err)
		}
		gd, ok := newGramInts(x)
		if !ok || gd.class != 1 {
			t.Fatalf("newGramInts: ok %v class %d", ok, gd.class)
		}
		if gs.E != gd.E || gs.work2() != gd.work2() {
			t.Fatalf("E %d / %d, work %d / %d", gs.E, gd.E, gs.work2(), gd.work2())
		}
		if !sameGram(gs.matrix(), gd.matrix()) {
			t.Fatalf("R=%d K=%d: streamed Gram matrix differs", R, lm.K)
		}
	})
	t.Logf("%d streamed (%d over several blocks), %d declined (every coefficient a multiple of 10)", streamed, blocks, declined)
	if streamed == 0 || declined == 0 {
		t.Errorf("the generator should reach both outcomes: %d, %d", streamed, declined)
	}
}
