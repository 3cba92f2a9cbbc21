package dec

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// sameRep reports whether x and y are the same number with the same
// coefficient and exponent (the representation Add returns).
func sameRep(x, y Dec) bool {
	if x.exp != y.exp || x.neg != y.neg || (x.big == nil) != (y.big == nil) {
		return false
	}
	if x.big != nil {
		return x.big.Cmp(y.big) == 0
	}
	return x.lo == y.lo && x.hi == y.hi
}

// accTerm draws a term for the accumulator tests: mostly 34-digit values
// with exponents close together (the protocol's sums of rounded products),
// sometimes short, long (beyond 128 and 256 bits) or far apart, zero, or
// the negation of an earlier term (so that running sums cancel).
func accTerm(rng *rand.Rand, prev []Dec) Dec {
	if len(prev) > 0 && rng.IntN(8) == 0 {
		return prev[rng.IntN(len(prev))].Neg()
	}
	if rng.IntN(20) == 0 {
		return Dec{}
	}
	var nd int
	switch rng.IntN(10) {
	case 0:
		nd = 1 + rng.IntN(5)
	case 1:
		nd = 39 + rng.IntN(45) // beyond 128 bits, sometimes beyond 256
	case 2:
		nd = 80 + rng.IntN(40) // beyond 256 bits
	default:
		nd = 30 + rng.IntN(6)
	}
	c := new(big.Int)
	for range nd {
		c.Mul(c, big.NewInt(10))
		c.Add(c, big.NewInt(int64(rng.IntN(10))))
	}
	if c.Sign() == 0 {
		c.SetInt64(int64(1 + rng.IntN(9)))
	}
	if rng.IntN(2) == 0 {
		c.Neg(c)
	}
	var e int32
	switch rng.IntN(6) {
	case 0:
		e = int32(rng.IntN(400) - 200) // far apart
	case 1:
		e = int32(rng.IntN(90) - 60)
	default:
		e = int32(-30 - rng.IntN(12))
	}
	return mk(c, e)
}

// TestAccMatchesAdd checks Acc against the sequential Dec.Add (and Sub) on
// random sequences: after every term the running value has the same
// coefficient and exponent.
func TestAccMatchesAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	n := 4000
	if testing.Short() {
		n = 400
	}
	for it := 0; it < n; it++ {
		var a Acc
		var want Dec
		var terms []Dec
		m := 1 + rng.IntN(40)
		for i := 0; i < m; i++ {
			x := accTerm(rng, terms)
			terms = append(terms, x)
			if rng.IntN(4) == 0 {
				a.Sub(x)
				want = want.Sub(x)
			} else {
				a.Add(x)
				want = want.Add(x)
			}
			if got := a.Dec(); !sameRep(got, want) {
				t.Fatalf("iteration %d term %d: Acc %s (exp %d), Add %s (exp %d)", it, i, got, got.exp, want, want.exp)
			}
			if a.IsZero() != want.IsZero() {
				t.Fatalf("iteration %d term %d: IsZero %v, want %v", it, i, a.IsZero(), want.IsZero())
			}
		}
		a.Reset()
		if !a.Dec().IsZero() {
			t.Fatal("Reset left a nonzero sum")
		}
	}
}

// TestAccOrderFree checks that the value (not the representation) of an
// exact sum does not depend on the order of its terms.
func TestAccOrderFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for it := 0; it < 500; it++ {
		var terms []Dec
		for range 1 + rng.IntN(30) {
			terms = append(terms, accTerm(rng, terms))
		}
		var a, b Acc
		for _, x := range terms {
			a.Add(x)
		}
		for i := len(terms) - 1; i >= 0; i-- {
			b.Add(terms[i])
		}
		if a.Dec().Cmp(b.Dec()) != 0 || a.Dec().Cmp(Sum(terms)) != 0 {
			t.Fatalf("iteration %d: %s, %s, Sum %s", it, a.Dec(), b.Dec(), Sum(terms))
		}
	}
}

// productTerms returns 256 rounded products w·v of 34 digits (seeded).
func productTerms() []Dec {
	ctx := Context{}
	xs := make([]Dec, 256)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range xs {
		w, _ := ctx.Quo(FromInt64(int64(1+rng.IntN(1000))), FromInt64(int64(1+rng.IntN(100000))))
		v := New(int64(rng.IntN(1e15))-5e14, -17)
		xs[i], _ = ctx.Mul(w, v)
	}
	return xs
}

// TestAccNoAllocs checks that sums of 34-digit rounded products do not
// allocate while they fit in the register.
func TestAccNoAllocs(t *testing.T) {
	xs := productTerms()
	var a Acc
	allocs := testing.AllocsPerRun(100, func() {
		a.Reset()
		for _, x := range xs {
			a.Add(x)
		}
		_ = a.IsZero()
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per sum", allocs)
	}
}

func BenchmarkAcc(b *testing.B) {
	xs := productTerms()
	b.Run("Acc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var a Acc
			for _, x := range xs {
				a.Add(x)
			}
			_ = a.Dec()
		}
	})
	b.Run("Add", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var s Dec
			for _, x := range xs {
				s = s.Add(x)
			}
		}
	})
}

// TestAccSubSmaller checks add's word path for a term of the opposite sign
// (subSmaller) against the sequential Dec.Add: sums of 34-digit terms of
// one sign with exponents a few apart, then terms of the other sign (one of
// the summands, as incrementalFII withholds one, or a random value up to 25
// exponents away, smaller or larger than the sum, or the whole sum), every
// running value the same coefficient and exponent; and it counts how often
// the word path decides (most of the withheld summands).
func TestAccSubSmaller(t *testing.T) {
	rng := rand.New(rand.NewPCG(113, 127))
	term := func(e int32) Dec {
		c := new(big.Int).SetUint64(1 + rng.Uint64N(9))
		for range 29 + rng.IntN(6) {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
		return mk(c, e)
	}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	taken, tried := 0, 0
	for it := range n {
		var a Acc
		var want Dec
		var terms []Dec
		neg := rng.IntN(2) == 0
		for range 1 + rng.IntN(20) {
			x := term(int32(-34 - rng.IntN(6)))
			if neg {
				x = x.Neg()
			}
			terms = append(terms, x)
			a.Add(x)
			want = want.Add(x)
		}
		for range 1 + rng.IntN(4) {
			var x Dec
			switch rng.IntN(4) {
			case 0, 1:
				x = terms[rng.IntN(len(terms))]
			case 2:
				x = term(int32(-37 + rng.IntN(51) - 25))
			default:
				x = want
			}
			if x.Sign() < 0 != neg {
				x = x.Neg()
			}
			before, probe := a, a // probe: subSmaller changes the register it decides on
			tried++
			if x.big == nil && probe.subSmaller(x.hi, x.lo, x.exp) {
				taken++
			}
			a.Sub(x)
			want = want.Sub(x)
			if got := a.Dec(); !sameRep(got, want) || a.IsZero() != want.IsZero() {
				t.Fatalf("iteration %d: %s − %s: Acc %s (exp %d), Sub %s (exp %d)", it, before.Dec(), x, got, got.exp, want, want.exp)
			}
		}
	}
	t.Logf("subSmaller decided %d of %d subtractions", taken, tried)
	if taken < tried/2 {
		t.Fatalf("subSmaller decided %d of %d subtractions", taken, tried)
	}
}
