package dec

import (
	"math/rand/v2"
	"testing"
)

// TestQuoAccMatchesQuo: QuoAcc and QuoDecAcc return what Quo returns on
// the materialised sums (value, representation, error kind), and Sign is
// the sum's sign, for random sums (short, 34-digit, beyond 128 and 256
// bits, cancelling, zero) under several contracts.
func TestQuoAccMatchesQuo(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 23))
	ctxs := []Context{Reference()}
	for _, d := range []struct {
		digits int
		mode   Rounding
	}{{20, RoundHalfUp}, {36, RoundHalfEven}, {60, RoundCeiling}, {3, RoundFloor}} {
		c, err := NewContext(d.digits, d.mode)
		if err != nil {
			t.Fatal(err)
		}
		ctxs = append(ctxs, c)
	}
	sum := func() (*Acc, []Dec) {
		var a Acc
		var terms []Dec
		for range rng.IntN(6) {
			x := accTerm(rng, terms)
			terms = append(terms, x)
			a.Add(x)
		}
		return &a, terms
	}
	for it := 0; it < 3000; it++ {
		c := ctxs[it%len(ctxs)]
		a, _ := sum()
		b, _ := sum()
		da, db := a.Dec(), b.Dec()
		if a.Sign() != da.Sign() {
			t.Fatalf("Sign = %d, sum %s", a.Sign(), da)
		}
		want, err := c.Quo(da, db)
		got, err2 := c.QuoAcc(a, b)
		if !sameResult(want, err, got, err2) {
			t.Fatalf("[%s] QuoAcc(%s, %s) = %s, %v; Quo = %s, %v", c, da, db, got, err2, want, err)
		}
		x := accTerm(rng, nil)
		if a.Cmp(x) != da.Cmp(x) || b.Cmp(da) != db.Cmp(da) {
			t.Fatalf("Cmp: %s vs %s: %d, want %d", da, x, a.Cmp(x), da.Cmp(x))
		}
		// A copy is independent.
		cp := *a
		cp.Add(x)
		if !sameRep(a.Dec(), da) || !sameRep(cp.Dec(), da.Add(x)) {
			t.Fatalf("copy of %s plus %s: %s, original now %s", da, x, cp.Dec(), a.Dec())
		}
		want, err = c.Quo(da, x)
		got, err2 = c.QuoAccDec(a, x)
		if !sameResult(want, err, got, err2) {
			t.Fatalf("[%s] QuoAccDec(%s, %s) = %s, %v; Quo = %s, %v", c, da, x, got, err2, want, err)
		}
		y := accTerm(rng, []Dec{x})
		want, err = c.Quo(da, x.Add(y))
		got, err2 = c.QuoBySum(da, x, y)
		if !sameResult(want, err, got, err2) {
			t.Fatalf("[%s] QuoBySum(%s, %s, %s) = %s, %v; Quo = %s, %v", c, da, x, y, got, err2, want, err)
		}
		want, err = c.Quo(x, db)
		got, err2 = c.QuoDecAcc(x, b)
		if !sameResult(want, err, got, err2) {
			t.Fatalf("[%s] QuoDecAcc(%s, %s) = %s, %v; Quo = %s, %v", c, x, db, got, err2, want, err)
		}
	}
}

// TestQuoAccAllocations: the quotient of two sums beyond 128 bits (within
// 256) allocates nothing.
func TestQuoAccAllocations(t *testing.T) {
	var a, b Acc
	a.Add(MustParse("1.234567890123456789012345678901234"))
	a.Add(MustParse("5.678901234567890123456789012345678e-9"))
	b.Add(MustParse("1"))
	b.Add(MustParse("3.333333333333333333333333333333333e-12"))
	c := Reference()
	if n := testing.AllocsPerRun(100, func() {
		if _, err := c.QuoAcc(&a, &b); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Fatalf("QuoAcc allocates %v times", n)
	}
}
