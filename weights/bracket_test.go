package weights

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// bracketCase draws the operands of one product of relWeigher.mulQuo: a
// first argument a of Exp1DivExp1 (negative, so that the factor is
// e^a + 1, or positive, e^−a + 1; wide for |a| beyond about 9) and a
// positive x, an exponential of 34 digits as the weights' e^−|b|, or a
// value of few digits, a power of ten or a value next to one.
func bracketCase(rng *rand.Rand) (a, x dec.Dec) {
	digits := func(n int) int64 {
		v := int64(1 + rng.IntN(9))
		for range n - 1 {
			v = 10*v + int64(rng.IntN(10))
		}
		return v
	}
	mag := []int64{1, 5, 20, 60, 200}[rng.IntN(5)]
	a = dec.New(digits(17), -17).Shift(int32(rng.Int64N(3))) // up to 1000
	a, _ = dec.Context{}.Mul(a, dec.New(mag, -2))
	if rng.IntN(4) > 0 {
		a = a.Neg()
	}
	switch rng.IntN(5) {
	case 0:
		x = dec.New(digits(1+rng.IntN(5)), -int32(rng.IntN(40)))
	case 1:
		x = dec.New(1, -int32(rng.IntN(60)))
	case 2:
		x = dec.New(digits(18), -18).Add(dec.New(digits(16), -34)) // 34 digits in (0.1, 10)
		x = x.Shift(-int32(rng.IntN(80)))
	default:
		var err error
		if x, err = (dec.Context{}).Exp(dec.New(-digits(17), -15-int32(rng.IntN(3)))); err != nil {
			panic(err)
		}
	}
	return a, x
}

// TestMulQuoBracketMatches: relWeigher.mulQuo, which brackets the factor
// e^a + 1 (e^−a + 1) between its 38-digit roundings when it is wider,
// returns exactly what MulQuoBySum returns (value, representation and
// error), for every rounding mode and precisions from 1 to 36 digits (the
// bracket's limit), on factors from 1 + 10^−434 to 2 and products far from
// and at the range's ends; and decides the reference contract's products
// (34 digits, down) at least 99 % of the time.
func TestMulQuoBracketMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, digits := range []int{34, 1, 5, 16, 33, 35, 36, 37} {
		for mode := dec.RoundDown; mode <= dec.RoundCeiling; mode++ {
			ctx, err := dec.NewContext(digits, mode)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(fmt.Sprintf("%d-%s", digits, mode), func(t *testing.T) {
				s := &synth{params: params{ctx: ctx}, stats: &synthStats{}}
				one := dec.One()
				for range 6000 {
					a, x := bracketCase(rng)
					var r relWeigher
					s.initWeigher(&r, a)
					y := r.ea1
					if r.pos {
						y = r.na1
					}
					if r.err != nil {
						continue
					}
					d := x // the weights divide by e^−|b| + 1, of the same x
					if rng.IntN(3) == 0 {
						d = dec.New(int64(1+rng.IntN(99)), -int32(rng.IntN(50)))
					}
					got, gerr := r.mulQuo(x, y, d)
					want, werr := ctx.MulQuoBySum(x, y, d, one)
					if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
						t.Fatalf("a=%s x=%s d=%s: mulQuo %s (%v), MulQuoBySum %s (%v)", a, x, d, got, gerr, want, werr)
					}
					if digits > 36 && r.bracket {
						t.Fatalf("%d digits: bracketed", digits)
					}
				}
				st := s.stats
				t.Logf("%d bracketed, %d left to MulQuoBySum", st.bracketed, st.unbracketed)
				if digits == 34 && mode == dec.RoundDown && (st.bracketed == 0 || 100*st.unbracketed > st.bracketed+st.unbracketed) {
					t.Fatalf("%d of %d products decided", st.bracketed, st.bracketed+st.unbracketed)
				}
			})
		}
	}
}

// TestBracketMatchesSynthesis: the synthesis with the bracket of the wide
// factors gives exactly the one that leaves every product to MulQuoBySum
// (noBracket), on epochs whose maximal regrets lie far above the others
// (the simulator's: e^a + 1 of 40 to 60 digits), with the streamed and the
// table paths.
func TestBracketMatchesSynthesis(t *testing.T) {
	for _, g := range []genSpec{
		{n: 9, f: 7, dense: true, labels: 2},
		{n: 24, f: 24, dense: true},
		{n: 12, f: 40, sparse: 60},
	} {
		for _, noStream := range []bool{false, true} {
			g.seed, g.newest = 3, true
			in := genInput(g)
			// Spread the forecasted regrets tenfold (L' = 10·L + 35.1 with
			// the previous loss −3.9: R' = 10·R), so that the
			// forecast-implied calculations have strongly negative a and
			// many normalised regrets below c.
			for k := range in.Forecasts {
				for i := range in.Forecasts[k].Elements {
					v := &in.Forecasts[k].Elements[i].Value
					d, err := dec.FromDecimal(*v)
					if err != nil {
						t.Fatal(err)
					}
					*v = d.Shift(1).Add(dec.MustParse("35.1")).Decimal()
				}
			}
			p := DefaultParams()
			want, werr, _ := runSynth(t, in, p, func(s *synth) { s.noStream, s.noBracket = noStream, true })
			got, gerr, st := runSynth(t, in, p, func(s *synth) { s.noStream = noStream })
			if gerr != werr || !reflect.DeepEqual(got, want) {
				t.Fatalf("bracket changes the result (%q, %q): %s", gerr, werr, diffResults(got, want))
			}
			if st.bracketed == 0 {
				t.Fatalf("no product bracketed: %+v", st)
			}
			t.Logf("%d products bracketed, %d left to MulQuoBySum", st.bracketed, st.unbracketed)
		}
	}
}
