package dec

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// refAdd is d + e by big.Int arithmetic alone (the general path of Add):
// the exact aligned sum at the smaller exponent, zero as the zero Dec.
func refAdd(d, e Dec) Dec {
	if d.IsZero() {
		return e
	}
	if e.IsZero() {
		return d
	}
	x, y, exp := align(d, e)
	return mk(new(big.Int).Add(x, y), exp)
}

// inlineTerm draws a nonzero inline value for the word paths of Add, Sub
// and Acc: coefficients of 1 to 39 digits (up to 2^128 − 1), often
// 34-digit ones, powers of ten and values next to 2^64 and 2^128, with
// exponents around base (spread apart by up to 45).
func inlineTerm(rng *rand.Rand, base int32) Dec {
	var d Dec
	switch rng.IntN(8) {
	case 0:
		d = Dec{lo: ^uint64(0) - uint64(rng.IntN(3)), hi: ^uint64(0) >> uint(rng.IntN(2))}
	case 1:
		d = Dec{lo: ^uint64(0) - uint64(rng.IntN(3))}
	case 2:
		p := pow10W[rng.IntN(39)]
		d = Dec{lo: p[0], hi: p[1]}
	case 3:
		d = Dec{lo: 1 + rng.Uint64N(1000)}
	default:
		c := new(big.Int)
		for range 1 + rng.IntN(38) {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
		if c.Sign() == 0 {
			c.SetInt64(7)
		}
		d = mk(c, 0)
	}
	d.neg = rng.IntN(2) == 0
	d.exp = base - int32(rng.IntN(46))
	return d
}

// TestAddSubWordsMatchBig checks Add and Sub of inline values (the word
// path add128 with mulPow10Fit128) against the big.Int sum: the same
// coefficient and exponent, zero as the zero Dec.
func TestAddSubWordsMatchBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 43))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for i := 0; i < n; i++ {
		d := inlineTerm(rng, -10)
		e := inlineTerm(rng, -10)
		if rng.IntN(10) == 0 {
			e = d.Neg() // cancels
		}
		if got, want := d.Add(e), refAdd(d, e); !sameRep(got, want) {
			t.Fatalf("%s + %s: %s (exp %d), want %s (exp %d)", d, e, got, got.exp, want, want.exp)
		}
		if got, want := d.Sub(e), refAdd(d, e.Neg()); !sameRep(got, want) {
			t.Fatalf("%s − %s: %s (exp %d), want %s (exp %d)", d, e, got, got.exp, want, want.exp)
		}
	}
	// Edge cases: exact fits and overflows of the aligned operands and of
	// the sum at 2^128.
	max := Dec{lo: ^uint64(0), hi: ^uint64(0)}
	cases := [][2]Dec{
		{max, Dec{lo: 1}},
		{max, Dec{lo: 1, signExp: signExp{neg: true}}},
		{max, max},
		{max.Neg(), max},
		{Dec{lo: ^uint64(0)}, Dec{lo: 1, signExp: signExp{exp: 20}}},
		{Dec{lo: 3, signExp: signExp{exp: 38}}, Dec{lo: 1}},
		{Dec{lo: 4, signExp: signExp{exp: 38}}, Dec{lo: 1}},
		{Dec{lo: 1, hi: 1, signExp: signExp{exp: 20}}, Dec{lo: 1}},
		{Dec{lo: 75, signExp: signExp{exp: -2}}, MustParse("-4.048338478432175698249935453955511")},
	}
	for _, c := range cases {
		for _, e := range []Dec{c[1], c[1].Neg()} {
			if got, want := c[0].Add(e), refAdd(c[0], e); !sameRep(got, want) {
				t.Fatalf("%s + %s: %s (exp %d), want %s (exp %d)", c[0], e, got, got.exp, want, want.exp)
			}
			if got, want := e.Sub(c[0]), refAdd(e, c[0].Neg()); !sameRep(got, want) {
				t.Fatalf("%s − %s: %s (exp %d), want %s (exp %d)", e, c[0], got, got.exp, want, want.exp)
			}
		}
	}
}

// TestAccSameSignMatchesAdd checks the accumulator's word path (addSame)
// on long runs of same-sign inline terms with nearby exponents, which
// reach the limits of the 384-bit register, against the sequential
// Dec.Add.
func TestAccSameSignMatchesAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(47, 53))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for it := 0; it < n; it++ {
		var a Acc
		var want Dec
		neg := rng.IntN(2) == 0
		base := int32(rng.IntN(60) - 30)
		for i := range 1 + rng.IntN(300) {
			x := inlineTerm(rng, base)
			x.exp = base - int32(rng.IntN(20)) - int32(i/4) // drifting down, beyond the register
			x.neg = neg
			if rng.IntN(2) == 0 {
				a.Sub(x.Neg())
			} else {
				a.Add(x)
			}
			want = want.Add(x)
			if got := a.Dec(); !sameRep(got, want) {
				t.Fatalf("iteration %d term %d: Acc %s (exp %d), Add %s (exp %d)", it, i, got, got.exp, want, want.exp)
			}
		}
	}
}

// TestAccSameRate asserts how often the word path decides on the
// protocol's sums (34-digit rounded products of one sign): every term.
func TestAccSameRate(t *testing.T) {
	xs := productTerms()
	taken, total := 0, 0
	for _, neg := range []bool{false, true} {
		var a Acc
		for _, x := range xs {
			if x.neg != neg {
				continue
			}
			total++
			if a.nz {
				b := a
				if b.addSame(x.hi, x.lo, x.exp) {
					taken++
				}
			}
			a.Add(x)
		}
		total-- // the first term of each sum sets the register
	}
	if taken != total {
		t.Fatalf("word path took %d of %d terms", taken, total)
	}
}

// TestAccSameRegisterLimit fills the register to just below 2^384 and
// checks that the word path declines the additions that leave it (the
// general path then spills) and that every sum stays exact.
func TestAccSameRegisterLimit(t *testing.T) {
	for _, top := range []uint64{^uint64(0), ^uint64(0) - 1, 1 << 62} {
		for _, x := range []Dec{{lo: 1}, {lo: 2, signExp: signExp{exp: 1}}, {lo: ^uint64(0), hi: 5}, {lo: 3, signExp: signExp{exp: -1}}, {lo: 7, hi: 1, signExp: signExp{exp: 19}}} {
			var a Acc
			a.mag = accWords{^uint64(0) - 1, ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), top}
			a.nz = true
			want := refAdd(a.Dec(), x)
			a.Add(x)
			if got := a.Dec(); !sameRep(got, want) {
				t.Fatalf("top %x + %s: %s (exp %d), want %s (exp %d)", top, x, got, got.exp, want, want.exp)
			}
		}
	}
}

// TestCmpWordsMatchBig checks Cmp's word path (inline values at one
// exponent and of one sign, zero included) and the general path against
// the big.Int comparison of the aligned coefficients.
func TestCmpWordsMatchBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(59, 61))
	ref := func(d, e Dec) int {
		x, y, _ := align(d, e)
		return x.Cmp(y)
	}
	for i := 0; i < 200000; i++ {
		d := inlineTerm(rng, 0)
		e := inlineTerm(rng, 0)
		switch rng.IntN(5) {
		case 0:
			e.exp, e.neg = d.exp, d.neg // the word path
		case 1:
			e = d // equal
		case 2:
			e.exp, e.neg = d.exp, d.neg
			e.hi = d.hi // equal top words
		case 3:
			// The same adjusted exponent at another exponent: d scaled
			// by 10^k, plus −1, 0 or +1 units.
			k := int64(1 + rng.IntN(20))
			if h, l, ok := mulPow10Fit128(d.hi, d.lo, k); ok {
				e = Dec{lo: l, hi: h, signExp: signExp{exp: d.exp - int32(k), neg: d.neg}}
				e = e.Add(Dec{lo: uint64(rng.IntN(3)), signExp: signExp{exp: e.exp, neg: rng.IntN(2) == 0}})
			}
		}
		if rng.IntN(20) == 0 {
			d = Dec{}
		}
		if got, want := d.Cmp(e), ref(d, e); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", d, e, got, want)
		}
		if got, want := e.Cmp(d), ref(e, d); got != want {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", e, d, got, want)
		}
	}
}

// TestDecimalConvMatchesDecimal: a DecimalConv returns Dec.Decimal's
// coefficient and exponent, whatever it converted before, and allocates
// only the decimal's own coefficient (the big.Int and its words).
func TestDecimalConvMatchesDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(83, 89))
	var v DecimalConv
	for i := 0; i < 50000; i++ {
		var d Dec
		switch rng.IntN(6) {
		case 0:
			d = accTerm(rng, nil) // sometimes beyond 128 bits, or zero
		case 1:
			d = Dec{}
		default:
			d = inlineTerm(rng, int32(rng.IntN(100)-50))
		}
		// The oracle: the coefficient as a big.Int, by construction.
		got, want := v.Decimal(d), decimal.NewFromBigInt(d.coefBig(), d.exp)
		if got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
			t.Fatalf("DecimalConv(%s) = %s (exp %d), want %s (exp %d)", d, got, got.Exponent(), want, want.Exponent())
		}
	}
	d := MustParse("-0.1234567890123456789012345678901234")
	if got, want := d.Decimal(), v.Decimal(d); got.Exponent() != want.Exponent() || got.Coefficient().Cmp(want.Coefficient()) != 0 {
		t.Fatalf("Decimal = %s, DecimalConv %s", got, want)
	}
	if n := testing.AllocsPerRun(100, func() { v.Decimal(d) }); n != 2 {
		t.Fatalf("%v allocations per conversion, want 2", n)
	}
}
