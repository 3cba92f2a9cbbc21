package rewards

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// randomFractions returns n fractions of 34 digits that sum to at most 1
// (RoundDown shares of random integer weights, some zero), from a seeded
// source.
func randomFractions(r *rand.Rand, n int) []dec.Dec {
	w := make([]int64, n)
	var total int64
	for i := range w {
		if r.IntN(8) != 0 {
			w[i] = r.Int64N(1_000_000_000)
		}
		total += w[i]
	}
	if total == 0 {
		w[0], total = 1, 1
	}
	out := make([]dec.Dec, n)
	for i := range out {
		out[i], _ = dec.Reference().Quo(dec.FromInt64(w[i]), dec.FromInt64(total))
	}
	return out
}

// randomPool returns a pool of 0 to 30 random digits (up to 10^30 base
// units).
func randomPool(r *rand.Rand) *big.Int {
	p := new(big.Int)
	for range r.IntN(31) {
		p.Mul(p, big.NewInt(10))
		p.Add(p, big.NewInt(int64(r.IntN(10))))
	}
	return p
}

// TestConservingPayoutsSumToPool runs 10^5 random splits (10^3 with
// -short): the conserving apportionment sums exactly to the pool and every
// amount lies within one unit of its exact share pool·f/Σf; the reference
// payouts never exceed the pool. A sample of the splits also goes through
// the public Payouts.
func TestConservingPayoutsSumToPool(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 1_000
	}
	r := rand.New(rand.NewPCG(6, 2024))
	cons := DefaultParams()
	cons.PayoutMode = PayoutConserving
	ctx := dec.Reference()
	for it := range n {
		fr := randomFractions(r, 1+r.IntN(40))
		pool := randomPool(r)
		a, err := apportion(fr, pool)
		if err != nil {
			t.Fatalf("split %d: %v", it, err)
		}
		w := scaleToIntegers(fr)
		wsum, sum := new(big.Int), new(big.Int)
		for i := range a {
			wsum.Add(wsum, w[i])
			sum.Add(sum, a[i])
		}
		if sum.Cmp(pool) != 0 {
			t.Fatalf("split %d: conserving payouts sum to %s, pool %s", it, sum, pool)
		}
		for i := range a {
			// |a_i·ΣW − pool·W_i| < ΣW, exactly.
			d := new(big.Int).Mul(a[i], wsum)
			d.Sub(d, new(big.Int).Mul(pool, w[i]))
			if d.CmpAbs(wsum) >= 0 {
				t.Fatalf("split %d: payout %s is not within one unit of its share", it, a[i])
			}
		}
		pd, _ := dec.FromBigInt(pool)
		b, err := payoutsOf(ctx, PayoutReference, fr, pd)
		if err != nil {
			t.Fatalf("split %d: %v", it, err)
		}
		if s := dec.Sum(b); s.Cmp(pd) > 0 {
			t.Fatalf("split %d: reference payouts %s exceed the pool %s", it, s, pd)
		}
		if it%100 == 0 { // the public entry point agrees
			vs := make([]loss.Value, len(fr))
			for i, f := range fr {
				vs[i] = loss.Value{ID: string(rune('a'+i/26)) + string(rune('a'+i%26)), Value: f.Decimal()}
			}
			got, err := Payouts(vs, decimal.NewFromBigInt(pool, 0), cons)
			if err != nil {
				t.Fatal(err)
			}
			for i := range got {
				if got[i].Value.BigInt().Cmp(a[i]) != 0 {
					t.Fatalf("split %d: Payouts %s, apportion %s", it, got[i].Value, a[i])
				}
			}
		}
	}
}
