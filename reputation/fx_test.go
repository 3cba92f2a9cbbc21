package reputation

import (
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genDec draws a decimal with up to maxDigits digits and an exponent in
// [-60, 20].
func genDec(t *rapid.T, name string, maxDigits int) dec.Dec {
	n := rapid.IntRange(0, maxDigits).Draw(t, name+"_digits")
	c := new(big.Int)
	for i := 0; i < n; i++ {
		c.Mul(c, big.NewInt(10))
		c.Add(c, big.NewInt(int64(rapid.IntRange(0, 9).Draw(t, name+"_d"))))
	}
	// Bias toward values full of nines and near powers of ten.
	switch rapid.IntRange(0, 5).Draw(t, name+"_shape") {
	case 0:
		c.Sub(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil), big.NewInt(1))
	case 1:
		c.Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	}
	if rapid.Bool().Draw(t, name+"_neg") {
		c.Neg(c)
	}
	e := int32(rapid.IntRange(-60, 20).Draw(t, name+"_exp"))
	d, err := dec.FromDecimal(decimal.NewFromBigInt(c, e))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustFx(t *rapid.T, d dec.Dec) fx {
	x, ok := fxFromDec(d)
	if !ok {
		t.Skip("does not fit")
	}
	return x
}

// TestFxMatchesDecimalCore checks the kernel's Mul, Quo, Add and Cmp
// against the decimal core (truncation toward zero) at several precisions.
func TestFxMatchesDecimalCore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom([]int{34, 34, 38, 20, 7, 1}).Draw(t, "p")
		ctx, err := dec.NewContext(p, dec.RoundDown)
		if err != nil {
			t.Fatal(err)
		}
		a := genDec(t, "a", 77)
		b := genDec(t, "b", 77)
		xa, xb := mustFx(t, a), mustFx(t, b)
		if got, ok := fxMul(&xa, &xb, p); ok {
			want, err := ctx.Mul(a, b)
			if err != nil {
				t.Fatal(err)
			}
			if g := fxToDec(&got); !g.Equal(want) {
				t.Fatalf("Mul(%s, %s) = %s, want %s", a, b, g, want)
			}
		} else if a.Sign() != 0 && b.Sign() != 0 && len(a.Decimal().Coefficient().String())+len(b.Decimal().Coefficient().String()) < 140 {
			t.Fatalf("Mul(%s, %s) failed", a, b)
		}
		if !b.IsZero() {
			got, ok := fxQuo(&xa, &xb, p)
			want, err := ctx.Quo(a, b)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				if g := fxToDec(&got); !g.Equal(want) {
					t.Fatalf("Quo(%s, %s) = %s, want %s", a, b, g, want)
				}
			} else if len(b.Decimal().Coefficient().String()) <= 60 {
				t.Fatalf("Quo(%s, %s) failed", a, b)
			}
		}
		if got, ok := fxAdd(&xa, &xb); ok {
			if g := fxToDec(&got); !g.Equal(a.Add(b)) {
				t.Fatalf("Add(%s, %s) = %s, want %s", a, b, g, a.Add(b))
			}
		}
		if got := fxCmp(&xa, &xb); got != a.Cmp(b) {
			t.Fatalf("Cmp(%s, %s) = %d, want %d", a, b, got, a.Cmp(b))
		}
	})
}

// TestFxDivLimbs checks the long division against math/big on random
// multi-limb operands, including divisors with top limbs 2^64−1.
func TestFxDivLimbs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nu := rapid.IntRange(1, 8).Draw(t, "nu")
		nv := rapid.IntRange(1, 4).Draw(t, "nv")
		limb := rapid.Custom(func(t *rapid.T) uint64 {
			switch rapid.IntRange(0, 3).Draw(t, "kind") {
			case 0:
				return ^uint64(0)
			case 1:
				return 0
			case 2:
				return 1 << 63
			}
			return rapid.Uint64().Draw(t, "w")
		})
		u := make([]uint64, nu+1)
		for i := 0; i < nu; i++ {
			u[i] = limb.Draw(t, "u")
		}
		v := make([]uint64, nv)
		for i := range v {
			v[i] = limb.Draw(t, "v")
		}
		if v[nv-1] == 0 {
			v[nv-1] = 1
		}
		toBig := func(a []uint64) *big.Int {
			z := new(big.Int)
			for i := len(a) - 1; i >= 0; i-- {
				z.Lsh(z, 64)
				z.Or(z, new(big.Int).SetUint64(a[i]))
			}
			return z
		}
		U, V := toBig(u), toBig(v)
		want := new(big.Int).Quo(U, V)
		q := make([]uint64, len(u))
		divLimbs(q, append([]uint64(nil), u...), v)
		if got := toBig(q); got.Cmp(want) != 0 {
			t.Fatalf("%v / %v = %v, want %v", U, V, got, want)
		}
	})
}

// TestFxDivisorMatchesDecimalCore checks the prepared divisor's quotients.
func TestFxDivisorMatchesDecimalCore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom([]int{34, 34, 38, 20, 2}).Draw(t, "p")
		ctx, _ := dec.NewContext(p, dec.RoundDown)
		b := genDec(t, "b", 60)
		if b.IsZero() {
			t.Skip("zero divisor")
		}
		xb := mustFx(t, b)
		dv, ok := newFxDivisor(&xb, p)
		if !ok {
			t.Fatalf("divisor %s not prepared", b)
		}
		for i := 0; i < 5; i++ {
			a := genDec(t, "a", 40)
			xa := mustFx(t, a)
			var got fx
			if !dv.quo(&got, &xa) {
				t.Fatalf("%s / %s failed", a, b)
			}
			want, err := ctx.Quo(a, b)
			if err != nil {
				t.Fatal(err)
			}
			if g := fxToDec(&got); !g.Equal(want) {
				t.Fatalf("%s / %s = %s, want %s (p %d)", a, b, g, want, p)
			}
		}
	})
}

// TestFxToDecMatchesSlow: fxToDecChecked (dec.FromWords in range) returns
// the same Dec, representation included, and the same errors as the
// conversion through a shopspring decimal.
func TestFxToDecMatchesSlow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var x fx
		n := rapid.IntRange(0, 4).Draw(t, "limbs")
		for i := range n {
			x.c[i] = rapid.Uint64().Draw(t, "c")
		}
		if rapid.Bool().Draw(t, "small") {
			x.c = [fxLimbs]uint64{rapid.Uint64Range(0, 1000).Draw(t, "s")}
		}
		x.e = int32(rapid.IntRange(-500, 500).Draw(t, "e"))
		x.neg = !x.isZero() && rapid.Bool().Draw(t, "neg")
		got, err1 := fxToDecChecked(&x)
		want, err2 := fxToDecSlow(&x)
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("%v: errors %v, %v", x, err1, err2)
		}
		if err1 == nil && (!got.Equal(want) || got.String() != want.String() || got.Decimal().Exponent() != want.Decimal().Exponent()) {
			t.Fatalf("%v: %s, want %s", x, got, want)
		}
	})
}
