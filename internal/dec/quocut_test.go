package dec

import (
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// quoCutCases is the number of random cases of TestQuoCutMatchesBig per
// kind (NETMATH_QUOCUT_CASES overrides it for long runs).
func quoCutCases(t *testing.T, def int) int {
	if v := os.Getenv("NETMATH_QUOCUT_CASES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if testing.Short() {
		return def / 10
	}
	return def
}

// cutLead38 draws the 38-digit lead T of a cut divisor: random digits, or
// next to 10^37 or 10^38 (all nines).
func cutLead38(rng *rand.Rand) *big.Int {
	lo := new(big.Int).Exp(big.NewInt(10), big.NewInt(37), nil)
	hi := new(big.Int).Exp(big.NewInt(10), big.NewInt(38), nil)
	c := new(big.Int)
	switch rng.IntN(8) {
	case 0:
		c.Add(lo, big.NewInt(int64(rng.IntN(1000))))
	case 1:
		c.Sub(hi, big.NewInt(int64(1+rng.IntN(1000))))
	default:
		c.SetUint64(1 + rng.Uint64N(9))
		for range 37 {
			c.Mul(c, big.NewInt(10))
			c.Add(c, big.NewInt(int64(rng.IntN(10))))
		}
	}
	return c
}

// words128 returns the two words of a coefficient below 2^128.
func words128(c *big.Int) (hi, lo uint64) {
	mask := new(big.Int).SetUint64(^uint64(0))
	return new(big.Int).Rsh(c, 64).Uint64(), new(big.Int).And(c, mask).Uint64()
}

// randBelow returns a random integer in [0, n), n > 0 (64 extra random
// bits reduced mod n: uniform enough for a test).
func randBelow(rng *rand.Rand, n *big.Int) *big.Int {
	x := new(big.Int)
	for range n.BitLen()/64 + 2 {
		x.Lsh(x, 64)
		x.Or(x, new(big.Int).SetUint64(rng.Uint64()))
	}
	return x.Mod(x, n)
}

// quoCutStats counts the decisions of quoCut and quoLeads on one kind of
// case.
type quoCutStats struct {
	n, cut, leads, leadsOnly int
}

// checkQuoCut checks quoCut(a, T·10^(bexp+k)) (a signed by neg) against the
// rounding of a/b for three divisors b = (T·10^k + L)·10^bexp in the open
// bracket (L = 1, L = 10^k − 1 and a random L), by the big.Int quotient,
// and against quoLeads when that decides.
func checkQuoCut(t *testing.T, st *quoCutStats, a Dec, T *big.Int, bexp int32, k int, neg bool, digits int, mode Rounding, rng *rand.Rand) {
	t.Helper()
	th, tl := words128(T)
	texp := int64(bexp) + int64(k)
	got, ok := quoCut(a.hi, a.lo, a.exp, th, tl, texp, neg, digits, mode)
	lr, lok := quoLeads(lead{a.hi, a.lo, int64(a.exp), false}, lead{th, tl, texp, true}, neg, digits, mode)
	st.n++
	if lok {
		st.leads++
	}
	if !ok {
		if lok {
			st.leadsOnly++
		}
		return
	}
	st.cut++
	if lok && !sameRep(got, lr) {
		t.Fatalf("quoCut(%s / %s·10^%d, %d digits, mode %d) = %s, quoLeads %s", a, T, texp, digits, mode, got, lr)
	}
	sa := a
	if neg {
		sa = a.Neg()
	}
	pk := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	base := new(big.Int).Mul(T, pk)
	for _, L := range []*big.Int{big.NewInt(1), new(big.Int).Sub(pk, big.NewInt(1)), randBelow(rng, pk)} {
		if L.Sign() == 0 {
			L.SetInt64(1)
		}
		b := mk(new(big.Int).Add(base, L), bexp)
		want, err := quoRound(sa, b, digits, mode)
		if err != nil || !sameRep(got, want) {
			t.Fatalf("quoCut(%s / %s·10^%d, %d digits, mode %d) = %s; %s / %s = %s (%v)", a, T, texp, digits, mode, got, sa, b, want, err)
		}
	}
}

// TestQuoCutMatchesBig: whenever quoCut decides, its result is the
// rounding of a/b (big.Int quotient, representation for representation)
// for divisors at both ends of the bracket and inside it, and what
// quoLeads returns when that decides too; every rounding mode, 1 to 36
// digits (34 half the time). Random numerators and leads, and adversarial
// numerators whose quotient by T lies within about 10^−2 units of the last
// quotient digit of a rounding boundary (a tie or an exact result), where
// the single quotient must often leave the decision to quoLeads. Rates:
// quoCut decides at least 97 % of the random cases, and quoLeads decides
// less than 1 % of the cases quoCut leaves to it.
func TestQuoCutMatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(101, 103))
	n := quoCutCases(t, 50000)
	draw := func() (digits int, mode Rounding, neg bool, T *big.Int, bexp int32, k int) {
		digits = 1 + rng.IntN(36)
		if rng.IntN(2) == 0 {
			digits = 34
		}
		return digits, Rounding(rng.IntN(int(numRoundings))), rng.IntN(2) == 0, cutLead38(rng), int32(rng.IntN(80) - 40), 1 + rng.IntN(30)
	}
	var random, adv quoCutStats
	for range n {
		digits, mode, neg, T, bexp, k := draw()
		a := mk(quo128Coef(rng), int32(rng.IntN(80)-40))
		checkQuoCut(t, &random, a, T, bexp, k, neg, digits, mode, rng)
	}
	ten := big.NewInt(10)
	for range n {
		digits, mode, neg, T, bexp, k := draw()
		// Q* = q·m + {0, m/2} + {−1, 0, 1} with m = 10 (t = 1), q of
		// digits digits, and A = Q*·T/10^(digits+1), rounded either way:
		// U/T = A·10^(digits+1)/T is within 10^(digits+1)/T of Q*.
		q := new(big.Int).Exp(ten, big.NewInt(int64(digits-1)), nil)
		span := new(big.Int).Mul(q, big.NewInt(9))
		q.Add(q, randBelow(rng, span))
		qs := new(big.Int).Mul(q, ten)
		qs.Add(qs, big.NewInt(int64(5*rng.IntN(2)+rng.IntN(3)-1)))
		p := new(big.Int).Mul(qs, T)
		p.Quo(p, new(big.Int).Exp(ten, big.NewInt(int64(digits+1)), nil))
		p.Add(p, big.NewInt(int64(rng.IntN(2))))
		if p.Sign() <= 0 || p.BitLen() > 128 {
			continue
		}
		a := mk(p, int32(rng.IntN(80)-40))
		checkQuoCut(t, &adv, a, T, bexp, k, neg, digits, mode, rng)
	}
	t.Logf("random: %d cases, quoCut decided %d, quoLeads %d (%d of them not quoCut's)", random.n, random.cut, random.leads, random.leadsOnly)
	t.Logf("adversarial: %d cases, quoCut decided %d, quoLeads %d (%d of them not quoCut's)", adv.n, adv.cut, adv.leads, adv.leadsOnly)
	if random.cut < random.n*99/100 || adv.cut < adv.n*80/100 {
		t.Fatalf("quoCut decided %d of %d random cases, %d of %d adversarial", random.cut, random.n, adv.cut, adv.n)
	}
}

// TestQuoCutRate: on the weights' shape (a 34-digit numerator over 1 + e,
// e a 34-digit value in (10^−31, 10^−4), the quotients of (22) whose
// e^−|b| + 1 is wider than 38 digits), quoBySumBracket's sum is cut and
// quoCut decides at least 99.5 % of the quotients in every mode (the rest
// goes to quoLeads), and QuoBySum returns what Quo returns.
func TestQuoCutRate(t *testing.T) {
	rng := rand.New(rand.NewPCG(107, 109))
	dec34 := func(exp int) Dec { return rand34(rng, exp) }
	n := quoCutCases(t, 20000)
	for m := range numRoundings {
		c, err := NewContext(34, m)
		if err != nil {
			t.Fatal(err)
		}
		cut, decided := 0, 0
		for range n {
			a, e := dec34(-33-rng.IntN(2)), dec34(-38-rng.IntN(27))
			if rng.IntN(8) == 0 {
				a = a.Neg()
			}
			d := One()
			if d.exp < e.exp {
				continue
			}
			delta := int64(d.exp) - int64(e.exp)
			k := 1 + delta - 38
			if k < 1 {
				continue
			}
			// T and the cut as quoBySumBracket forms them.
			E := e.coefBig()
			pk := new(big.Int).Exp(big.NewInt(10), big.NewInt(k), nil)
			T := new(big.Int).Exp(big.NewInt(10), big.NewInt(37), nil)
			r := new(big.Int)
			q, r := new(big.Int).QuoRem(E, pk, r)
			if r.Sign() == 0 {
				continue
			}
			T.Add(T, q)
			cut++
			th, tl := words128(T)
			if _, ok := quoCut(a.hi, a.lo, a.exp, th, tl, int64(e.exp)+k, a.neg, 34, m); ok {
				decided++
			}
			want, err := c.Quo(a, d.Add(e))
			got, err2 := c.QuoBySum(a, d, e)
			if !sameResult(want, err, got, err2) {
				t.Fatalf("[%s] QuoBySum(%s, 1, %s) = %s, %v; Quo = %s, %v", c, a, e, got, err2, want, err)
			}
		}
		t.Logf("mode %d: %d cut sums, quoCut decided %d", m, cut, decided)
		if cut < n/2 || decided < cut*995/1000 {
			t.Fatalf("mode %d: quoCut decided %d of %d", m, decided, cut)
		}
	}
}
