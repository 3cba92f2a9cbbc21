package dec

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestQuoAccMatchesQuo: QuoAcc, QuoAccDec and QuoBySum return what Quo returns on
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

// TestQuoBySumShapes: the weights' shape (a 34-digit numerator over
// 1 + e or d + e with e far below d) takes quoBySumBracket nearly always
// and equals Quo of the built sum, representation for representation, in
// every mode; adversarial coefficients (powers of ten, nines, short
// values) only need to agree.
func TestQuoBySumShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 67))
	ctxs := []Context{Reference(), Reference().WithExpRule(ExpNewest)}
	for _, m := range []Rounding{RoundHalfEven, RoundUp, RoundCeiling, RoundFloor, RoundHalfUp} {
		c, err := NewContext(34, m)
		if err != nil {
			t.Fatal(err)
		}
		ctxs = append(ctxs, c)
	}
	decided, total := 0, 0
	for i := range 60000 {
		c := ctxs[i%len(ctxs)]
		a := mk(quo128Coef(rng), int32(-33-rng.IntN(5)))
		d := One()
		if i%3 == 0 {
			d = mk(quo128Coef(rng), int32(rng.IntN(10)-40))
		}
		e := mk(quo128Coef(rng), int32(-40-rng.IntN(60)))
		if rng.IntN(5) == 0 {
			a = a.Neg()
		}
		if rng.IntN(7) == 0 {
			d, e = d.Neg(), e.Neg()
		}
		want, err := c.Quo(a, d.Add(e))
		got, err2 := c.QuoBySum(a, d, e)
		if !sameResult(want, err, got, err2) {
			t.Fatalf("[%s] QuoBySum(%s, %s, %s) = %s, %v; Quo = %s, %v", c, a, d, e, got, err2, want, err)
		}
		if r, ok := quoBySumBracket(a, d, e, c.Digits(), c.Rounding()); ok && !sameRep(r, want) {
			t.Fatalf("[%s] bracket(%s, %s, %s) = %s, want %s", c, a, d, e, r, want)
		}
	}
	// 34-digit a over 1 + e, e a 34-digit value in (10^-30, 10^-1) (the
	// weights' e^±b + 1 for |b| < 69): decided nearly always.
	dec34 := func(exp int) Dec { return rand34(rng, exp) }
	for i := range 20000 {
		c := ctxs[i%len(ctxs)]
		a, e := dec34(-33), dec34(-34-rng.IntN(30))
		if _, ok := addW(One(), e, false); ok {
			continue // the sum fits in 128 bits: QuoBySum's first path
		}
		total++
		if _, ok := quoBySumBracket(a, One(), e, c.Digits(), c.Rounding()); ok {
			decided++
		}
	}
	if total == 0 || decided < total*99/100 {
		t.Fatalf("1 + e with 34-digit values: bracket decided %d of %d", decided, total)
	}
}

// TestQuoAccWideSums: sums of 34-digit terms whose exponents differ by 40
// to 80 (registers of 257 to 384 bits) divide by their leads and equal Quo
// of the built sums, representation for representation.
func TestQuoAccWideSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(79, 83))
	dec34 := func(exp int) Dec {
		d := rand34(rng, exp)
		if rng.IntN(6) == 0 {
			d = d.Neg()
		}
		return d
	}
	ctxs := []Context{Reference()}
	if c, err := NewContext(34, RoundHalfEven); err == nil {
		ctxs = append(ctxs, c)
	}
	wide, decided := 0, 0
	for i := range 20000 {
		c := ctxs[i%len(ctxs)]
		var a, b Acc
		for range 2 + rng.IntN(4) {
			a.Add(dec34(-33 - rng.IntN(80)))
			b.Add(dec34(-33 - rng.IntN(80)))
		}
		want, err := c.Quo(a.Dec(), b.Dec())
		got, err2 := c.QuoAcc(&a, &b)
		if !sameResult(want, err, got, err2) {
			t.Fatalf("[%s] QuoAcc(%s, %s) = %s, %v; Quo = %s, %v", c, a.Dec(), b.Dec(), got, err2, want, err)
		}
		var w w256
		if _, _, ok := a.words(&w); ok {
			continue
		}
		la, na, ok1 := a.lead()
		lb, nb, ok2 := b.lead()
		if !ok1 || !ok2 {
			continue
		}
		wide++
		if r, ok := quoLeads(la, lb, na != nb, c.Digits(), c.Rounding()); ok {
			decided++
			if !sameRep(r, want) {
				t.Fatalf("leads of %s / %s = %s, want %s", a.Dec(), b.Dec(), r, want)
			}
		}
	}
	if wide < 1000 || decided < wide*99/100 {
		t.Fatalf("wide sums: %d, decided %d", wide, decided)
	}
}

// TestFromWords: FromWords represents M·10^exp as FromBigInt(M).Shift(exp)
// does, for magnitudes of 0 to 256 bits, both signs.
func TestFromWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(101, 103))
	for i := range 20000 {
		var m [4]uint64
		for j := range 1 + i%4 {
			m[j] = rng.Uint64()
		}
		if i%7 == 0 {
			m = [4]uint64{}
		}
		neg := rng.IntN(2) == 0
		exp := int32(rng.IntN(200) - 100)
		b := new(big.Int)
		for j := 3; j >= 0; j-- {
			b.Lsh(b, 64).Or(b, new(big.Int).SetUint64(m[j]))
		}
		if neg {
			b.Neg(b)
		}
		want, err := FromBigInt(b)
		if err != nil {
			t.Fatal(err)
		}
		want = want.Shift(exp)
		got := FromWords(neg, m, exp)
		if got.Cmp(want) != 0 || (!want.IsZero() && !sameRep(got, want)) {
			t.Fatalf("FromWords(%v, %x, %d) = %s, want %s", neg, m, exp, got, want)
		}
	}
}

// rand34 draws a positive 34-digit coefficient (leading digit 1–9) times
// 10^exp.
func rand34(rng *rand.Rand, exp int) Dec {
	c := new(big.Int).SetUint64(1 + rng.Uint64N(9))
	for range 33 {
		c.Mul(c, big.NewInt(10))
		c.Add(c, big.NewInt(int64(rng.IntN(10))))
	}
	return mk(c, int32(exp))
}
