package dec

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"testing"
)

// expTermContexts are the contracts the ExpTerm tests run under: the
// reference and its NEWEST Exp rule (the synthesis's), other digits and
// modes inside the fast path, and one beyond it (50 digits).
func expTermContexts(t testing.TB) []Context {
	cs := []Context{Reference(), Reference().WithExpRule(ExpNewest)}
	for _, d := range []struct {
		digits int
		mode   Rounding
	}{{20, RoundHalfUp}, {36, RoundHalfEven}, {38, RoundDown}, {37, RoundCeiling}, {50, RoundHalfEven}, {5, RoundFloor}} {
		c, err := NewContext(d.digits, d.mode)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c, c.WithExpRule(ExpNewest))
	}
	return cs
}

// expTermArg draws an exponential argument: mostly 34-digit values of a
// few units (the synthesis's), sometimes short, tiny, near the range
// limits, beyond them, or integers.
func expTermArg(rng *rand.Rand) Dec {
	neg := rng.IntN(2) == 0
	var s string
	switch rng.IntN(10) {
	case 0:
		s = strconv.Itoa(rng.IntN(1000))
	case 1:
		s = "9" + strconv.FormatUint(rng.Uint64()%1e9, 10) + "e-" + strconv.Itoa(30+rng.IntN(20))
	case 2:
		s = "92" + strconv.Itoa(rng.IntN(6)) + "." + strconv.FormatUint(rng.Uint64(), 10)
	case 3:
		s = strconv.Itoa(rng.IntN(100)) + "." + strconv.Itoa(rng.IntN(100))
	default:
		s = strconv.Itoa(rng.IntN(40)) + "." + strconv.FormatUint(rng.Uint64()%1e16, 10) + strconv.FormatUint(rng.Uint64()%1e16, 10)
	}
	if neg {
		s = "-" + s
	}
	return MustParse(s)
}

// sameResult reports whether two (value, error) results are identical:
// the same representation, or errors with the same kind.
func sameResult(v1 Dec, e1 error, v2 Dec, e2 error) bool {
	if e1 != nil || e2 != nil {
		return e1 != nil && e2 != nil && errors.Is(e1, ErrRange) == errors.Is(e2, ErrRange)
	}
	return sameRep(v1, v2)
}

// TestExpTermMatchesExp: ExpTerm's value is Exp's, representation for
// representation, and the NEWEST rule's fused double rounding equals its
// definition (half-even to p+2 digits, then half-even to p). Under the
// NEWEST rule Exp itself goes through expTermFast, so the first comparison
// only checks the wiring there; the second (the definition, by a p+2-digit
// Exp and Round) is the one that tests the fused rounding.
func TestExpTermMatchesExp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, c := range expTermContexts(t) {
		for range 4000 {
			x := expTermArg(rng)
			v, err := c.Exp(x)
			term, err2 := c.ExpTerm(x)
			if !sameResult(v, err, term.Value(), err2) {
				t.Fatalf("[%s] ExpTerm(%s) = %s, %v; Exp = %s, %v", c, x, term.Value(), err2, v, err)
			}
			if c.ExpRule() != ExpNewest || err != nil {
				continue
			}
			p := c.Digits()
			wide := Context{digits: uint8(min(p+2, MaxContextDigits)), rounding: RoundHalfEven}
			w, err := wide.Exp(x)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Context{digits: uint8(p), rounding: RoundHalfEven}.Round(w)
			if err != nil || !sameRep(want, v) {
				t.Fatalf("[%s] Exp(%s) = %s, want %s (%v)", c, x, v, want, err)
			}
		}
	}
}

// TestExpOfSumMatchesExp: the product of two terms rounds to Exp of the
// sum, representation for representation, including sums that cancel,
// leave the range or fall below the fast path's threshold.
func TestExpOfSumMatchesExp(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	for _, c := range expTermContexts(t) {
		for i := range 4000 {
			x, y := expTermArg(rng), expTermArg(rng)
			switch i % 16 {
			case 0:
				y = x.Neg()
			case 1:
				y = x.Neg().Add(MustParse("1e-" + strconv.Itoa(20+rng.IntN(30))))
			}
			tx, err1 := c.ExpTerm(x)
			ty, err2 := c.ExpTerm(y)
			if err1 != nil || err2 != nil {
				continue
			}
			want, err := c.Exp(x.Add(y))
			got, err3 := c.ExpOfSum(x, y, &tx, &ty)
			if !sameResult(want, err, got, err3) {
				t.Fatalf("[%s] ExpOfSum(%s, %s) = %s, %v; Exp = %s, %v", c, x, y, got, err3, want, err)
			}
		}
	}
}

// TestRoundOff2HalfEven: the fused rounding of a (p+2)-digit coefficient
// equals Round, at the ties, around them and at the carry into p+1 digits.
func TestRoundOff2HalfEven(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, p := range []int{1, 5, 17, 18, 19, 34, 36} {
		ctx := Context{digits: uint8(p), rounding: RoundHalfEven}
		for range 2000 {
			// A (p+2)-digit coefficient with chosen last two digits.
			s := strconv.Itoa(1 + rng.IntN(9))
			for len(s) < p {
				s += strconv.Itoa(rng.IntN(10))
			}
			if rng.IntN(4) == 0 {
				s = s[:1]
				for len(s) < p {
					s += "9"
				}
			}
			tail := []string{"50", "49", "51", "00", "99", "01"}[rng.IntN(6)]
			w := MustParse(s + tail + "e" + strconv.Itoa(rng.IntN(40)-20))
			want, err := ctx.Round(w)
			if err != nil {
				t.Fatal(err)
			}
			hi, lo, x := roundOff2HalfEvenW(w.hi, w.lo, int64(w.exp), p)
			if got := (Dec{lo: lo, hi: hi, signExp: signExp{exp: int32(x)}}); !sameRep(got, want) {
				t.Fatalf("p=%d: roundOff2HalfEvenW(%s) = %s, want %s", p, w, got, want)
			}
		}
	}
}

// FuzzExpOfSum: for any two arguments and contract, ExpTerm equals Exp and
// ExpOfSum equals Exp of the sum, representation for representation.
func FuzzExpOfSum(f *testing.F) {
	for _, s := range [][2]string{{"1", "2"}, {"-3.5", "3.5"}, {"924", "1"}, {"-920", "-3"}, {"0", "1e-40"}, {"12.345678901234567890123456789", "-0.000000000000000000000000000001"}} {
		f.Add(s[0], s[1], uint8(33), uint8(0), false)
		f.Add(s[0], s[1], uint8(33), uint8(5), true)
	}
	f.Fuzz(func(t *testing.T, a, b string, digits, mode uint8, newest bool) {
		x, err1 := Parse(a)
		y, err2 := Parse(b)
		if err1 != nil || err2 != nil {
			return
		}
		c, err := NewContext(int(digits)%MaxContextDigits+1, Rounding(mode%6))
		if err != nil {
			t.Fatal(err)
		}
		if newest {
			c = c.WithExpRule(ExpNewest)
		}
		tx, e1 := c.ExpTerm(x)
		vx, e2 := c.Exp(x)
		if !sameResult(tx.Value(), e1, vx, e2) {
			t.Fatalf("[%s] ExpTerm(%s) = %s, %v; Exp = %s, %v", c, x, tx.Value(), e1, vx, e2)
		}
		ty, e3 := c.ExpTerm(y)
		if e1 != nil || e3 != nil {
			return
		}
		want, e4 := c.Exp(x.Add(y))
		got, e5 := c.ExpOfSum(x, y, &tx, &ty)
		if !sameResult(want, e4, got, e5) {
			t.Fatalf("[%s] ExpOfSum(%s, %s) = %s, %v; Exp = %s, %v", c, x, y, got, e5, want, e4)
		}
	})
}
