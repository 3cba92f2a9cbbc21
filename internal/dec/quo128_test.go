package dec

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// quo128Coef draws a coefficient below 2^128: random digits, a power of
// ten or one off it, all nines, or a small value, so that quotients land
// on ties, on exact results and next to powers of ten.
func quo128Coef(rng *rand.Rand) *big.Int {
	c := new(big.Int)
	switch rng.IntN(6) {
	case 0:
		c.Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(38))), nil)
		c.Add(c, big.NewInt(int64(rng.IntN(3)-1)))
	case 1:
		c.Exp(big.NewInt(10), big.NewInt(int64(1+rng.IntN(38))), nil)
		c.Sub(c, big.NewInt(1))
	case 2:
		c.SetUint64(1 + rng.Uint64N(1000))
	case 3:
		c.SetUint64(rng.Uint64())
	default:
		nd := 1 + rng.IntN(38)
		for range nd {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
	}
	if c.Sign() <= 0 || c.BitLen() > 128 {
		c.SetUint64(1 + rng.Uint64N(1<<40))
	}
	return c
}

// TestQuo128MatchesBig: the two-word quotient returns what the big.Int
// quotient (quoRound) returns, representation for representation, for
// every rounding mode and 1 to 36 digits.
func TestQuo128MatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 31))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	taken := 0
	for i := 0; i < n; i++ {
		a := mk(quo128Coef(rng), int32(rng.IntN(80)-40))
		b := mk(quo128Coef(rng), int32(rng.IntN(80)-40))
		if rng.IntN(2) == 0 {
			a = a.Neg()
		}
		if rng.IntN(3) == 0 {
			b = b.Neg()
		}
		digits := 1 + rng.IntN(36)
		if rng.IntN(2) == 0 {
			digits = 34
		}
		mode := Rounding(rng.IntN(int(numRoundings)))
		got, ok := quo128(a.hi, a.lo, a.exp, b.hi, b.lo, b.exp, a.neg != b.neg, digits, mode)
		if !ok {
			continue
		}
		taken++
		want, err := quoRound(a, b, digits, mode)
		if err != nil || !sameRep(got, want) {
			t.Fatalf("%s / %s (%d digits, mode %d) = %s, want %s (%v)", a, b, digits, mode, got, want, err)
		}
	}
	if taken < n/2 {
		t.Fatalf("fast path taken %d of %d times", taken, n)
	}
	// The protocol's case, 34-digit operands and results, always takes it
	// (away from the range limits).
	for range 1000 {
		var a, b Dec
		for a.IsZero() || a.digits() > 34 {
			a = mk(quo128Coef(rng), int32(rng.IntN(80)-40))
		}
		for b.IsZero() || b.digits() > 34 {
			b = mk(quo128Coef(rng), int32(rng.IntN(80)-40))
		}
		if _, ok := quo128(a.hi, a.lo, a.exp, b.hi, b.lo, b.exp, false, 34, RoundDown); !ok {
			t.Fatalf("%s / %s: fast path not taken", a, b)
		}
	}
}

// TestDiv3by2: one division step against big.Int, including the q̂ = 2^64−1
// start and the refinement.
func TestDiv3by2(t *testing.T) {
	rng := rand.New(rand.NewPCG(37, 41))
	for range 100000 {
		d1 := rng.Uint64() | 1<<63
		d0 := rng.Uint64()
		u2 := rng.Uint64N(d1 + 1) // may equal d1
		u1 := rng.Uint64()
		if u2 == d1 && u1 >= d0 {
			u1 = d0 - 1
			if d0 == 0 {
				u2--
				u1 = rng.Uint64()
			}
		}
		u0 := rng.Uint64()
		if rng.IntN(4) == 0 {
			u2, u1 = d1, d0-1
			if d0 == 0 {
				continue
			}
		}
		q, r1, r0 := div3by2(u2, u1, u0, d1, d0)
		U := new(big.Int).SetUint64(u2)
		U.Lsh(U, 64).Or(U, new(big.Int).SetUint64(u1))
		U.Lsh(U, 64).Or(U, new(big.Int).SetUint64(u0))
		D := new(big.Int).SetUint64(d1)
		D.Lsh(D, 64).Or(D, new(big.Int).SetUint64(d0))
		wq, wr := new(big.Int).QuoRem(U, D, new(big.Int))
		gr := new(big.Int).SetUint64(r1)
		gr.Lsh(gr, 64).Or(gr, new(big.Int).SetUint64(r0))
		if !wq.IsUint64() || wq.Uint64() != q || gr.Cmp(wr) != 0 {
			t.Fatalf("div3by2(%x %x %x / %x %x) = %x r %s, want %s r %s", u2, u1, u0, d1, d0, q, gr, wq, wr)
		}
	}
}

// quoBracketCoef draws a coefficient of up to 256 bits: random digits (up
// to 77), a power of ten or next to it, or e^±b + 1-like values (a one
// followed by zeros and 34 digits).
func quoBracketCoef(rng *rand.Rand) *big.Int {
	c := new(big.Int)
	switch rng.IntN(4) {
	case 0:
		c.Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(77))), nil)
		c.Add(c, big.NewInt(int64(rng.IntN(3)-1)))
	case 1:
		c.Exp(big.NewInt(10), big.NewInt(int64(34+rng.IntN(40))), nil)
		c.Add(c, quo128Coef(rng))
	default:
		nd := 1 + rng.IntN(77)
		for range nd {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
	}
	if c.Sign() <= 0 || c.BitLen() > 256 {
		c.SetUint64(1 + rng.Uint64N(1<<40))
	}
	return c
}

// TestQuoBracketMatchesBig: when the bracket decides, it returns what the
// big.Int quotient returns, for every mode and 1 to 36 digits; on the
// protocol's shapes (34 digits) it decides nearly always.
// quoBracket decides a/b for magnitudes of up to 256 bits by the leads of
// both (lead38, quoLeads).
func quoBracket(A *w256, aexp int32, B *w256, bexp int32, neg bool, digits int, mode Rounding) (Dec, bool) {
	ah, al, ak, aCut := lead38(A)
	bh, bl, bk, bCut := lead38(B)
	return quoLeads(lead{ah, al, int64(aexp) + int64(ak), aCut}, lead{bh, bl, int64(bexp) + int64(bk), bCut}, neg, digits, mode)
}

func TestQuoBracketMatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 47))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	taken := 0
	for i := 0; i < n; i++ {
		ca, cb := quoBracketCoef(rng), quoBracketCoef(rng)
		if i%2 == 0 {
			ca = quo128Coef(rng)
		}
		a, b := mk(ca, int32(rng.IntN(80)-40)), mk(cb, int32(rng.IntN(80)-40))
		A, _ := a.mag256()
		B, _ := b.mag256()
		digits := 1 + rng.IntN(36)
		if rng.IntN(2) == 0 {
			digits = 34
		}
		mode := Rounding(rng.IntN(int(numRoundings)))
		neg := rng.IntN(2) == 0
		got, ok := quoBracket(&A, a.exp, &B, b.exp, neg, digits, mode)
		if !ok {
			continue
		}
		taken++
		if neg {
			a = a.Neg()
		}
		want, err := quoRound(a, b, digits, mode)
		if err != nil || !sameRep(got, want) {
			t.Fatalf("%s / %s (%d digits, mode %d) = %s, want %s (%v)", a, b, digits, mode, got, want, err)
		}
	}
	if taken < n/2 {
		t.Fatalf("bracket decided %d of %d", taken, n)
	}
	// The protocol's shape: a 34-digit numerator over 1 + e, e a 34-digit
	// value below 10^-1 (the weight quotients' e^±b + 1), or over a sum
	// of 34-digit values (40 to 60 digits): the bracket decides nearly
	// always.
	dec34 := func() Dec {
		c := new(big.Int)
		c.SetUint64(1 + rng.Uint64N(9))
		for range 33 {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
		return mk(c, int32(-33-rng.IntN(3)))
	}
	decided := 0
	const m = 20000
	for i := range m {
		a := dec34()
		var b Dec
		if i%2 == 0 {
			e := dec34()
			e.exp -= int32(1 + rng.IntN(25))
			b = e.Add(One())
		} else {
			b = dec34().Add(func() Dec { d := dec34(); d.exp -= int32(rng.IntN(25)); return d }())
		}
		A, _ := a.mag256()
		B, _ := b.mag256()
		if _, ok := quoBracket(&A, a.exp, &B, b.exp, false, 34, RoundDown); ok {
			decided++
		}
	}
	if decided < m*995/1000 {
		t.Fatalf("protocol shapes: bracket decided %d of %d", decided, m)
	}
}

// TestDivByConst checks divByConst against Div64 for the divisors it is
// called with and a few others below 2^32.
func TestDivByConst(t *testing.T) {
	rng := rand.New(rand.NewPCG(53, 59))
	for i := range 200000 {
		h, l := rng.Uint64(), rng.Uint64()
		switch i % 4 {
		case 0:
			h = 0
		case 1:
			h, l = ^uint64(0), ^uint64(0)-uint64(i%1000)
		}
		for _, d := range []uint64{10, 100, 7, 1 << 31, 1<<32 - 1} {
			wh, r := bits.Div64(0, h, d)
			wl, r := bits.Div64(r, l, d)
			gh, gl, gr := divByConst(h, l, d)
			if gh != wh || gl != wl || gr != r {
				t.Fatalf("(%x, %x) / %d = %x %x r %d, want %x %x r %d", h, l, d, gh, gl, gr, wh, wl, r)
			}
		}
	}
}
