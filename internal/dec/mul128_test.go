package dec

import (
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// mulRound128Dec is mulRound128 with its result as a Dec.
func mulRound128Dec(ah, al, bh, bl uint64, exp int64, neg bool, digits int, mode Rounding) (Dec, bool) {
	hi, lo, e, ok := mulRound128(ah, al, bh, bl, exp, neg, digits, mode)
	if !ok {
		return Dec{}, false
	}
	return Dec{lo: lo, hi: hi, signExp: signExp{exp: e, neg: neg}}, true
}

// mul128Coef draws a coefficient below 2^128 for the product tests: the
// quotient tests' shapes (random digits, powers of ten and their
// neighbours, all nines, small values), 34-digit values, the largest
// coefficients, and values with a 5 followed by zeros in their low digits,
// so that products fall on ties, on powers of ten and next to them.
func mul128Coef(rng *rand.Rand) *big.Int {
	c := new(big.Int)
	switch rng.IntN(8) {
	case 0:
		c.Lsh(big.NewInt(1), 128)
		c.Sub(c, big.NewInt(int64(1+rng.IntN(3))))
	case 1:
		// Q·10^k + 5·10^(k−1) (+ −1, 0 or 1): a tie when its last k digits
		// are dropped.
		k := 1 + rng.IntN(37)
		c.SetUint64(rng.Uint64N(1_000_000_000))
		c.Mul(c, pow10(k))
		c.Add(c, new(big.Int).Mul(big.NewInt(5), pow10(k-1)))
		c.Add(c, big.NewInt(int64(rng.IntN(3)-1)))
	case 2:
		nd := 33 + rng.IntN(3)
		c.SetUint64(1 + rng.Uint64N(9))
		for range nd {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
	case 3:
		c.SetUint64([]uint64{2, 3, 5, 25, 125, 4, 8, 75, 7, 12}[rng.IntN(10)])
		c.Mul(c, pow10(rng.IntN(20)))
	default:
		return quo128Coef(rng)
	}
	if c.Sign() <= 0 || c.BitLen() > 128 {
		c.SetUint64(1 + rng.Uint64N(1<<40))
	}
	return c
}

// mul128Digits draws a precision: mostly the reference 34 and 1 to 38
// (the fast path's range), sometimes beyond (where it declines or keeps
// the product exact).
func mul128Digits(rng *rand.Rand) int {
	switch rng.IntN(4) {
	case 0:
		return 34
	case 1:
		return 1 + rng.IntN(MaxContextDigits)
	}
	return 1 + rng.IntN(38)
}

// mul128Exp draws an exponent sum: mostly small, sometimes next to the
// range limits (where the fast path declines and roundW decides).
func mul128Exp(rng *rand.Rand) int64 {
	switch rng.IntN(5) {
	case 0:
		return int64(MaxAdjExp - 80 + rng.IntN(100))
	case 1:
		return int64(MinAdjExp - 90 + rng.IntN(100))
	}
	return int64(rng.IntN(120) - 60)
}

// TestMulRound128MatchesBig: the two-word product rounding returns what
// the big.Int rounding (roundAbs) and the word rounding (roundW) return for
// the same product, representation for representation, for every mode and
// precision; where it declines (ok false) Context.Mul still returns the
// reference result and error.
func TestMulRound128MatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(53, 59))
	n := 400000
	if testing.Short() {
		n = 40000
	}
	taken := 0
	for i := 0; i < n; i++ {
		A, B := mul128Coef(rng), mul128Coef(rng)
		exp := mul128Exp(rng)
		neg := rng.IntN(2) == 0
		mode := Rounding(rng.IntN(int(numRoundings)))
		P := new(big.Int).Mul(A, B)
		digits := mul128Digits(rng)
		if rng.IntN(4) == 0 {
			// Drop exactly the digits of a constructed tie, or one less
			// or more.
			digits = max(1, min(MaxContextDigits, numDigits(P)-int(P.TrailingZeroBits())-rng.IntN(3)+1))
		}
		want, werr := roundAbs(neg, new(big.Int).Set(P), exp, digits, mode, false)
		ah, al, _ := bigToW128(A)
		bh, bl, _ := bigToW128(B)
		got, ok := mulRound128Dec(ah, al, bh, bl, exp, neg, digits, mode)
		if ok {
			taken++
			if werr != nil || !sameRep(got, want) {
				t.Fatalf("%s·%s·10^%d (neg %v, %d digits, mode %d) = %s, want %s (%v)", A, B, exp, neg, digits, mode, got, want, werr)
			}
		}
		w, err := roundW(neg, mul128(ah, al, bh, bl), exp, digits, mode, false)
		if (err == nil) != (werr == nil) || (err == nil && !sameRep(w, want)) || (err != nil && err.Error() != werr.Error()) {
			t.Fatalf("roundW(%s·%s·10^%d, %d digits, mode %d) = %s %v, want %s %v", A, B, exp, digits, mode, w, err, want, werr)
		}
		// Through Context.Mul, when the operands' exponents are in the
		// format's range.
		if exp >= -2*(MaxAdjExp+MaxDigits) && exp <= 2*MaxAdjExp {
			ae := int32(exp / 2)
			a, b := mk(new(big.Int).Set(A), ae), mk(new(big.Int).Set(B), int32(exp)-ae)
			if neg {
				a = a.Neg()
			}
			ctx := Context{digits: uint8(digits), rounding: mode}
			m, err := ctx.Mul(a, b)
			if (err == nil) != (werr == nil) || (err == nil && !sameRep(m, want)) || (err != nil && err.Error() != werr.Error()) {
				t.Fatalf("Mul(%s, %s) (%d digits, mode %d) = %s %v, want %s %v", a, b, digits, mode, m, err, want, werr)
			}
		}
	}
	if taken < n/2 {
		t.Fatalf("fast path taken %d of %d times", taken, n)
	}
	t.Logf("fast path taken %d of %d", taken, n)
}

// TestMulRound128Edges: every pair of the edge coefficients (powers of ten
// and their neighbours, all nines, 2^64 and 2^128 neighbours, halves),
// every mode, 1 to 40 digits and the larger precisions.
func TestMulRound128Edges(t *testing.T) {
	var cs []*big.Int
	add := func(c *big.Int) {
		if c.Sign() > 0 && c.BitLen() <= 128 {
			cs = append(cs, c)
		}
	}
	for k := 0; k <= 38; k++ {
		p := pow10(k)
		add(new(big.Int).Set(p))
		add(new(big.Int).Sub(p, big.NewInt(1)))
		add(new(big.Int).Add(p, big.NewInt(1)))
		add(new(big.Int).Mul(p, big.NewInt(5)))
		if k > 0 {
			add(new(big.Int).Add(p, new(big.Int).Mul(pow10(k-1), big.NewInt(5))))
		}
	}
	for _, b := range []uint{63, 64, 127, 128} {
		p := new(big.Int).Lsh(big.NewInt(1), b)
		add(new(big.Int).Sub(p, big.NewInt(1)))
		add(p)
	}
	precisions := []int{41, 58, 67, 76, 77, 78, 100}
	for d := 1; d <= 40; d++ {
		precisions = append(precisions, d)
	}
	taken, count := 0, 0
	for i, A := range cs {
		for j, B := range cs[i:] {
			if testing.Short() && (i+j)%5 != 0 {
				continue
			}
			P := new(big.Int).Mul(A, B)
			nP := int64(numDigits(P))
			ah, al, _ := bigToW128(A)
			bh, bl, _ := bigToW128(B)
			for _, digits := range precisions {
				for mode := range numRoundings {
					// The sign and the exponent (mostly small, sometimes
					// at a range limit, after rounding or before) rotate.
					count++
					neg := count%2 == 0
					exp := int64(-3)
					switch count % 8 {
					case 1:
						exp = MaxAdjExp - int64(digits)
					case 2:
						exp = MaxAdjExp + 1 - int64(digits)
					case 3:
						exp = MinAdjExp - nP + 1
					case 4:
						exp = MinAdjExp - nP
					case 5:
						exp = MaxAdjExp + 1 - nP
					case 6:
						exp = MaxAdjExp + 2 - nP
					}
					want, werr := roundAbs(neg, P, exp, digits, mode, false)
					got, ok := mulRound128Dec(ah, al, bh, bl, exp, neg, digits, mode)
					if !ok {
						continue
					}
					taken++
					if werr != nil || !sameRep(got, want) {
						t.Fatalf("%s·%s·10^%d (neg %v, %d digits, mode %d) = %s, want %s (%v)", A, B, exp, neg, digits, mode, got, want, werr)
					}
				}
			}
		}
	}
	t.Logf("fast path taken %d times", taken)
}

// TestMulRound128Protocol: the protocol's products (34-digit values times
// 34-digit, short or small constant values, 34 digits kept) always take
// the fast path away from the range limits.
func TestMulRound128Protocol(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 67))
	d34 := func() *big.Int {
		c := new(big.Int).SetUint64(1 + rng.Uint64N(9))
		for range 33 {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
		return c
	}
	for range 20000 {
		A := d34()
		var B *big.Int
		switch rng.IntN(3) {
		case 0:
			B = d34()
		case 1:
			B = big.NewInt(int64(1 + rng.IntN(1000)))
		default:
			B = new(big.Int).SetUint64(1 + rng.Uint64N(1<<50))
		}
		ah, al, _ := bigToW128(A)
		bh, bl, _ := bigToW128(B)
		for mode := range numRoundings {
			if _, ok := mulRound128Dec(ah, al, bh, bl, int64(rng.IntN(100)-50), false, 34, mode); !ok {
				t.Fatalf("%s·%s: fast path not taken", A, B)
			}
		}
	}
}

// TestPow10Inv: the reciprocals of the normalised powers of ten satisfy
// their definition, (2^64+v)·d <= 2^192−1 < (2^64+v+1)·d.
func TestPow10Inv(t *testing.T) {
	top := new(big.Int).Lsh(big.NewInt(1), 192)
	top.Sub(top, big.NewInt(1))
	for k := 20; k <= 38; k++ {
		e := pow10Inv[k]
		d := new(big.Int).Lsh(pow10(k), e.sh)
		if e.d1>>63 != 1 || d.Cmp(new(big.Int).Or(new(big.Int).Lsh(new(big.Int).SetUint64(e.d1), 64), new(big.Int).SetUint64(e.d0))) != 0 {
			t.Fatalf("10^%d: normalised divisor %x %x (shift %d)", k, e.d1, e.d0, e.sh)
		}
		m := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 64), new(big.Int).SetUint64(e.v))
		if new(big.Int).Mul(m, d).Cmp(top) > 0 || new(big.Int).Mul(m.Add(m, big.NewInt(1)), d).Cmp(top) <= 0 {
			t.Fatalf("10^%d: reciprocal %x", k, e.v)
		}
	}
}

// TestDiv3by2Inv: the division by the reciprocal returns div3by2's
// quotient and remainder (checked against big.Int too), for random
// normalised divisors and for the powers of ten, with dividends drawn
// across the whole permitted range and at its ends, so that both
// corrections run.
func TestDiv3by2Inv(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 73))
	top := new(big.Int).Lsh(big.NewInt(1), 192)
	top.Sub(top, big.NewInt(1))
	adj1, adj2 := 0, 0
	for i := range 400000 {
		var d1, d0, v uint64
		if i%2 == 0 {
			e := pow10Inv[20+rng.IntN(19)]
			d1, d0, v = e.d1, e.d0, e.v
		} else {
			d1, d0 = rng.Uint64()|1<<63, rng.Uint64()
			switch rng.IntN(4) {
			case 0:
				d0 = 0
			case 1:
				d0 = ^uint64(0)
			}
			D := new(big.Int).Lsh(new(big.Int).SetUint64(d1), 64)
			D.Or(D, new(big.Int).SetUint64(d0))
			v = new(big.Int).Quo(top, D).Uint64()
		}
		var u2, u1, u0 uint64
		switch rng.IntN(4) {
		case 0:
			// The largest permitted top: (u2, u1) = (d1, d0) − 1.
			u2, u1 = d1, d0-1
			if d0 == 0 {
				u2, u1 = d1-1, ^uint64(0)
			}
			u0 = rng.Uint64()
		case 1:
			// Next to a multiple of the divisor.
			q := rng.Uint64()
			h1, l1 := bits.Mul64(q, d1)
			h0, l0 := bits.Mul64(q, d0)
			var c uint64
			u0 = l0
			u1, c = bits.Add64(l1, h0, 0)
			u2 = h1 + c
			var b uint64
			switch rng.IntN(3) {
			case 0:
				u0, b = bits.Sub64(u0, 1, 0)
				u1, b = bits.Sub64(u1, 0, b)
				u2 -= b
			case 1:
				u0, c = bits.Add64(u0, 1, 0)
				u1, c = bits.Add64(u1, 0, c)
				u2 += c
			}
			if u2 > d1 || (u2 == d1 && u1 >= d0) {
				continue
			}
		default:
			u2 = rng.Uint64N(d1)
			u1, u0 = rng.Uint64(), rng.Uint64()
		}
		q, r1, r0 := div3by2Inv(u2, u1, u0, d1, d0, v)
		wq, wr1, wr0 := div3by2(u2, u1, u0, d1, d0)
		if q != wq || r1 != wr1 || r0 != wr0 {
			t.Fatalf("div3by2Inv(%x %x %x / %x %x) = %x r %x %x, want %x r %x %x", u2, u1, u0, d1, d0, q, r1, r0, wq, wr1, wr0)
		}
		// Both corrections of the estimate q̂ (q = q̂ after the first, q = q̂+2
		// after the second alone) occur.
		qe, qe0 := bits.Mul64(v, u2)
		var c uint64
		_, c = bits.Add64(qe0, u1, 0)
		qe, _ = bits.Add64(qe, u2, c)
		switch q - qe {
		case 0:
			adj1++
		case 2:
			adj2++
		}
	}
	if adj1 == 0 || adj2 == 0 {
		t.Fatalf("corrections not exercised: %d %d", adj1, adj2)
	}
	t.Logf("quotient = estimate %d times, = estimate+2 %d times", adj1, adj2)
}

// FuzzMulRound128 compares the two-word product rounding with roundAbs on
// fuzzed coefficient words, exponents, precisions and modes.
func FuzzMulRound128(f *testing.F) {
	f.Add(uint64(0x1), uint64(0xed09bead87c0378d), uint64(0), uint64(3), int16(-33), uint8(34), uint8(0))
	f.Add(uint64(0x4b3b4ca85a86c47a), uint64(0x98a224000000000), uint64(0x4b3b4ca85a86c47a), uint64(0x98a224000000000), int16(0), uint8(38), uint8(1))
	f.Add(^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), int16(300), uint8(1), uint8(2))
	f.Add(uint64(0), uint64(5), uint64(0), uint64(1), int16(-401), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, ah, al, bh, bl uint64, exp int16, digits, mode uint8) {
		if ah|al == 0 || bh|bl == 0 {
			return
		}
		d := 1 + int(digits)%MaxContextDigits
		m := Rounding(mode % uint8(numRoundings))
		neg := exp&1 == 1
		got, ok := mulRound128Dec(ah, al, bh, bl, int64(exp), neg, d, m)
		if !ok {
			return
		}
		A := wordsToBig([]uint64{al, ah})
		B := wordsToBig([]uint64{bl, bh})
		want, err := roundAbs(neg, new(big.Int).Mul(A, B), int64(exp), d, m, false)
		if err != nil || !sameRep(got, want) {
			t.Fatalf("%s·%s·10^%d (neg %v, %d digits, mode %d) = %s, want %s (%v)", A, B, exp, neg, d, m, got, want, err)
		}
	})
}
