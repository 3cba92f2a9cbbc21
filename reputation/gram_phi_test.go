package reputation

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"pgregory.net/rapid"
)

// TestDivPow10: divPow10 (the reciprocal division) is floor(a/10^k) for
// three-word a and 1 <= k <= 19, at the extremes and at random.
func TestDivPow10(t *testing.T) {
	check := func(t fataler, a [3]uint64, k int) {
		want := new(big.Int)
		setWords(want, a[:])
		want.Quo(want, pow10Big(k))
		got := a
		divPow10(&got, k)
		g := new(big.Int)
		setWords(g, got[:])
		if g.Cmp(want) != 0 {
			t.Fatalf("floor(%x/10^%d) = %s, want %s", a, k, g, want)
		}
	}
	for k := 1; k <= 19; k++ {
		p := pow10Tab[k][0]
		for _, a := range [][3]uint64{{}, {1}, {p - 1}, {p}, {p + 1}, {^uint64(0), ^uint64(0), ^uint64(0)},
			{0, 0, 1}, {^uint64(0), 0, p - 1}, {0, p, 0}} {
			check(t, a, k)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200_000 {
		a := [3]uint64{rng.Uint64(), rng.Uint64(), rng.Uint64() >> rng.UintN(64)}
		check(t, a, 1+rng.IntN(19))
	}
	rapid.Check(t, func(t *rapid.T) {
		check(t, [3]uint64(genWords(t, "a", 3)), rapid.IntRange(1, 19).Draw(t, "k"))
	})
}

// TestPhiFastMatchesLoop: whenever phiFast takes a sum, phiLoop (fxMulTo
// and fxAddTo product by product) takes it too, with the same coefficient
// and exponent; on scores and stakes of every shape, including wide ones,
// far-apart exponents and non-kernel scores (phiFast declines those), and
// it takes nearly every sum of the benchmark's shape.
func TestPhiFastMatchesLoop(t *testing.T) {
	var taken, runs int
	rapid.Check(t, func(t *rapid.T) {
		R := rapid.IntRange(1, 12).Draw(t, "R")
		p := DefaultParamsV6()
		cp, _ := p.compile()
		e := &gramEngine{cp: cp, R: R, sfx: make([]fx, R)}
		sc := make([]gramScore, R)
		base := int32(rapid.IntRange(-60, 10).Draw(t, "base"))
		for m := range sc {
			var f fx
			switch rapid.IntRange(0, 40).Draw(t, "scoreKind") {
			case 0:
				sc[m] = gramScore{v: dec.FromInt64(rapid.Int64Range(1, 1e6).Draw(t, "v"))}
				continue
			case 1:
				f.c = [fxLimbs]uint64(genWords(t, "wide", 4))
			default:
				c := genBig(t, "c", 113)
				f.c = [fxLimbs]uint64{limbAt(c.Bits(), 0), limbAt(c.Bits(), 1)}
			}
			f.e = base + int32(rapid.IntRange(-3, 3).Draw(t, "de"))
			if rapid.IntRange(0, 20).Draw(t, "far") == 0 {
				f.e += int32(rapid.IntRange(-40, 40).Draw(t, "fe"))
			}
			sc[m] = gramScore{f: f, isF: true}
			var s fx
			if rapid.IntRange(0, 40).Draw(t, "wideStake") == 0 {
				s.c = [fxLimbs]uint64{rapid.Uint64().Draw(t, "s0"), rapid.Uint64().Draw(t, "s1")}
			} else {
				s.c[0] = rapid.Uint64Range(1, pow10Tab[rapid.IntRange(1, 19).Draw(t, "sd")][0]).Draw(t, "s")
			}
			s.e = int32(rapid.IntRange(-5, 30).Draw(t, "se"))
			e.sfx[m] = s
		}
		runs++
		a1, ok1 := e.phiFast(sc)
		a2, ok2 := e.phiLoop(sc)
		if ok1 {
			taken++
			if !ok2 || a1 != a2 {
				t.Fatalf("phiFast %v %v, phiLoop %v %v", a1, ok1, a2, ok2)
			}
		}
	})
	t.Logf("%d sums, %d taken by phiFast", runs, taken)
	// The benchmark's shape: every evaluation of one iteration.
	cp, in := benchInput(t, 32, 200)
	gi, _ := newGramInts(in.x)
	e, err := newGramEngine(cp, in, gi.matrix())
	if err != nil {
		t.Fatal(err)
	}
	st, err := e.state(in.a0)
	if err != nil {
		t.Fatal(err)
	}
	pt := newGramPert(e.R)
	var fast, all int
	for l := range in.a0 {
		sc, err := e.perturbedScores(st, pt, in.a0, l, in.a0[l].Equal(dec.One()))
		if err != nil {
			t.Fatal(err)
		}
		all++
		a1, ok1 := e.phiFast(sc)
		a2, ok2 := e.phiLoop(sc)
		if ok1 {
			fast++
			if !ok2 || a1 != a2 {
				t.Fatalf("l %d: phiFast %v, phiLoop %v %v", l, a1, a2, ok2)
			}
		}
	}
	if fast != all {
		t.Errorf("phiFast took %d of %d sums of the benchmark's shape", fast, all)
	}
}

// TestDivBy1e4: the kernel's division of D by 10^4 (divBy1e4) is the
// hardware division's.
func TestDivBy1e4(t *testing.T) {
	check := func(t fataler, D [2]uint64) {
		hq, hr := D[1]/10_000, D[1]%10_000
		lq, rem := bits.Div64(hr, D[0], 10_000)
		if q, r := divBy1e4(D); q != [2]uint64{lq, hq} || r != rem {
			t.Fatalf("%x: %x %d, want %x %d", D, q, r, [2]uint64{lq, hq}, rem)
		}
	}
	check(t, [2]uint64{})
	check(t, [2]uint64{^uint64(0), ^uint64(0)})
	check(t, [2]uint64{9_999, 0})
	check(t, [2]uint64{10_000, 0})
	rng := rand.New(rand.NewPCG(9, 10))
	for range 1_000_000 {
		check(t, [2]uint64{rng.Uint64(), rng.Uint64() >> rng.UintN(64)})
	}
	rapid.Check(t, func(t *rapid.T) { check(t, [2]uint64(genWords(t, "D", 2))) })
}
