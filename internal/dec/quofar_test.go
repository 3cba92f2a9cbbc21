package dec

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// quoFarDivisor draws the larger addend D of quoFar's sum: 1 (the
// weights' 1 + e^b), a power of ten, random (quo128Coef), or the largest
// two-word magnitudes (2^128 − 1, 10^38 − 1).
func quoFarDivisor(rng *rand.Rand) *big.Int {
	switch rng.IntN(8) {
	case 0, 1:
		return big.NewInt(1)
	case 2:
		return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(39))), nil)
	case 3:
		if rng.IntN(2) == 0 {
			return new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
		}
		return new(big.Int).Sub(new(big.Int).Exp(big.NewInt(10), big.NewInt(38), nil), big.NewInt(1))
	}
	return quo128Coef(rng)
}

// quoFarNumerator draws quoFar's numerator A for the divisor D: random
// (quo128Coef), 2^128 − 1, a power of ten times D (the quotient's scaled
// value is then 10^(digits+1) exactly, and Q = 10^(digits+1) − 1 is all
// nines: rounding up carries), or a multiple of D (an exact A'/D, Q =
// Q0 − 1), sometimes one off it; with D = 1 and A of digits+2 digits, Q =
// A − 1 with two digits dropped, so A ending in 51 puts them at 50 (a tie
// that the nonzero remainder breaks).
func quoFarNumerator(rng *rand.Rand, D *big.Int, digits int) *big.Int {
	ten := big.NewInt(10)
	var c *big.Int
	switch rng.IntN(7) {
	case 0:
		c = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
	case 1:
		c = new(big.Int).Mul(D, new(big.Int).Exp(ten, big.NewInt(int64(rng.IntN(38))), nil))
	case 2:
		c = new(big.Int).Mul(D, quo128Coef(rng))
		c.Add(c, big.NewInt(int64(rng.IntN(3)-1)))
	case 3:
		// digits+2 digits ending in 51, 01 or 50 (D = 1: s' = 0 and Q =
		// A − 1, two digits dropped: 50 is a tie, 00 exact, 49 below).
		h := new(big.Int).Exp(ten, big.NewInt(2), nil)
		c = new(big.Int).Exp(ten, big.NewInt(int64(digits+1)), nil)
		c.Add(c, randBelow(rng, new(big.Int).Mul(c, big.NewInt(8))))
		c.Sub(c, new(big.Int).Mod(c, h))
		c.Add(c, big.NewInt([]int64{51, 1, 50}[rng.IntN(3)]))
	default:
		c = quo128Coef(rng)
	}
	if c.Sign() <= 0 || c.BitLen() > 128 {
		c = quo128Coef(rng)
	}
	return c
}

// TestQuoFarMatchesBig: quoFar returns what the big.Int quotient of the
// built sum returns (quoRound(a, (D·10^Δ + E)·10^eexp), the path Quo takes
// for a sum beyond 256 bits), representation for representation, for
// every rounding mode, 1 to 36 digits (34 half the time), both signs, Δ
// from its minimum digits(E) + digits + 2 to several hundred, and the
// edge cases of quoFarDivisor and quoFarNumerator (exact quotients by D,
// all-nines quotients whose rounding carries, ties broken by the
// remainder, 39-digit operands). It declines only when s' < 0 or next to
// the range limits (at least 90 % of the cases with s' >= 0 are decided).
func TestQuoFarMatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(113, 127))
	n := quoCutCases(t, 60000) // NETMATH_QUOCUT_CASES for long runs
	ten := big.NewInt(10)
	decided, eligible, exactQ, carries, ties := 0, 0, 0, 0, 0
	for i := range n {
		digits := 1 + rng.IntN(36)
		if rng.IntN(2) == 0 {
			digits = 34
		}
		mode := Rounding(rng.IntN(int(numRoundings)))
		neg := rng.IntN(2) == 0
		D := quoFarDivisor(rng)
		A := quoFarNumerator(rng, D, digits)
		E := quo128Coef(rng)
		if i%4 == 0 {
			E = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))
		}
		nE := numDigits(E)
		delta := int64(nE + digits + 2)
		switch rng.IntN(4) {
		case 0: // the minimum
		case 1:
			delta += int64(rng.IntN(5))
		default:
			delta += int64(rng.IntN(300))
		}
		aexp := int32(rng.IntN(200) - 100)
		eexp := int32(rng.IntN(200) - 100 - int(delta)/2)
		a := mk(A, aexp)
		if neg {
			a = a.Neg()
		}
		S := new(big.Int).Mul(D, new(big.Int).Exp(ten, big.NewInt(delta), nil))
		S.Add(S, E)
		want, err := quoRound(a, mk(S, eexp), digits, mode)
		ah, al := words128(A)
		dh, dl := words128(D)
		eh, el := words128(E)
		got, ok := quoFar(ah, al, aexp, dh, dl, eh, el, eexp, delta, neg, digits, mode)
		sp := digits + numDigits(D) - numDigits(A) + 1
		if sp >= 0 {
			eligible++
		}
		if !ok {
			if sp >= 0 && err == nil && !want.IsZero() && want.exp > -380 && want.exp < 360 {
				t.Fatalf("quoFar(%s·10^%d / (%s·10^%d + %s)·10^%d, %d digits, mode %d) declined; Quo = %s", A, aexp, D, delta, E, eexp, digits, mode, want)
			}
			continue
		}
		decided++
		if err != nil || !sameRep(got, want) {
			t.Fatalf("quoFar(%s·10^%d / (%s·10^%d + %s)·10^%d, %d digits, mode %d, neg %v) = %s; big = %s (%v)", A, aexp, D, delta, E, eexp, digits, mode, neg, got, want, err)
		}
		A1 := new(big.Int).Mul(A, new(big.Int).Exp(ten, big.NewInt(int64(sp)), nil))
		if new(big.Int).Mod(A1, D).Sign() == 0 {
			exactQ++
		}
		// The integer quotient Quo rounds, and whether its dropped digits
		// are a tie (the remainder is never zero here).
		Q := new(big.Int).Mul(A1, new(big.Int).Exp(ten, big.NewInt(delta), nil))
		Q.Quo(Q, S)
		m := new(big.Int).Exp(ten, big.NewInt(int64(numDigits(Q)-digits)), nil)
		if new(big.Int).Mod(Q, m).Cmp(new(big.Int).Rsh(m, 1)) == 0 {
			ties++
		}
		if got.coefBig().CmpAbs(new(big.Int).Exp(ten, big.NewInt(int64(digits-1)), nil)) == 0 {
			// A power of ten: a carry when truncation gives less.
			if tr, _ := quoRound(a, mk(S, eexp), digits, RoundDown); !sameRep(tr, got) {
				carries++
			}
		}
	}
	t.Logf("%d cases (%d with s' >= 0): quoFar decided %d (%d with A' a multiple of D; %d rounded up to a power of ten; %d ties)", n, eligible, decided, exactQ, carries, ties)
	if decided < eligible*9/10 || exactQ < n/20 || carries < 100 || ties < 100 {
		t.Fatalf("quoFar decided %d of %d cases, %d exact, %d carries, %d ties", decided, eligible, exactQ, carries, ties)
	}
}

// TestQuoBySumFar: QuoBySum over 1 + e (either order, both signs) and
// d + e with e below d by more than 256 bits (the weights' e^b + 1 for
// b < −180, and beyond: Δ up to 700) returns what Quo of the built sum
// returns, in every mode; on the weights' shape (34-digit a and e, e·10^−k
// with digits(e) + 36 <= k) quoBySumBracket decides every case by quoFar,
// without allocating.
func TestQuoBySumFar(t *testing.T) {
	rng := rand.New(rand.NewPCG(131, 137))
	n := 30000
	if testing.Short() {
		n = 3000
	}
	for i := range n {
		c, err := NewContext(34, Rounding(i%int(numRoundings)))
		if err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			if c, err = NewContext(1+rng.IntN(36), c.Rounding()); err != nil {
				t.Fatal(err)
			}
		}
		a := rand34(rng, -33-rng.IntN(60))
		d := One()
		if i%3 == 0 {
			d = mk(quo128Coef(rng), int32(rng.IntN(20)-10))
		}
		e := rand34(rng, int(d.exp)-70-rng.IntN(630))
		if i%4 == 0 {
			e = mk(quo128Coef(rng), e.exp)
		}
		if rng.IntN(5) == 0 {
			a = a.Neg()
		}
		if rng.IntN(7) == 0 {
			d, e = d.Neg(), e.Neg()
		}
		if rng.IntN(2) == 0 {
			d, e = e, d
		}
		want, err := c.Quo(a, d.Add(e))
		got, err2 := c.QuoBySum(a, d, e)
		if !sameResult(want, err, got, err2) {
			t.Fatalf("[%s] QuoBySum(%s, %s, %s) = %s, %v; Quo = %s, %v", c, a, d, e, got, err2, want, err)
		}
	}
	ref := Reference()
	for range 2000 {
		a, e := rand34(rng, -33-rng.IntN(5)), rand34(rng, -70-rng.IntN(100))
		if _, ok := quoBySumBracket(a, One(), e, ref.Digits(), ref.Rounding()); !ok {
			t.Fatalf("quoBySumBracket(%s, 1, %s) declined", a, e)
		}
	}
	a, e := rand34(rng, -85), rand34(rng, -85)
	if n := testing.AllocsPerRun(100, func() { _, _ = ref.QuoBySum(a, e, One()) }); n != 0 {
		t.Fatalf("QuoBySum(%s, %s, 1) allocates %v times", a, e, n)
	}
}
