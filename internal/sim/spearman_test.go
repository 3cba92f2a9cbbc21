package sim

import (
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/stretchr/testify/require"
)

func decs(xs ...int64) []dec.Dec {
	out := make([]dec.Dec, len(xs))
	for i, x := range xs {
		out[i] = dec.FromInt64(x)
	}
	return out
}

func TestSpearman(t *testing.T) {
	for _, c := range []struct {
		name string
		x, y []dec.Dec
		want string // "" = undefined
	}{
		{"identical order", decs(1, 2, 3, 4), decs(10, 20, 30, 40), "1"},
		{"reversed", decs(1, 2, 3, 4), decs(4, 3, 2, 1), "-1"},
		// d = (0, 0, 1, -1): 1 − 6·2/(4·15) = 0.8 (no ties: the classic formula).
		{"one swap", decs(1, 2, 3, 4), decs(1, 2, 4, 3), "0.8"},
		// Ranks x (1, 2.5, 2.5, 4), y (1, 2, 3, 4); doubled and centred:
		// dx = (−3, 0, 0, 3), dy = (−3, −1, 1, 3): Sxy = 18, Sxx = 18,
		// Syy = 20, ρ = 18/√360 = 3/√10 = 0.94868329805051379959966806332981556…
		// With √360 truncated to 34 digits (18.97366596101027599199336126659631)
		// and the quotient truncated: …8156 (Python decimal, prec 34,
		// ROUND_DOWN, gives the same).
		{"ties", decs(1, 2, 2, 3), decs(1, 2, 3, 4), "0.9486832980505137995996680633298156"},
		{"constant x", decs(5, 5, 5), decs(1, 2, 3), ""},
		{"one value", decs(1), decs(1), ""},
		{"lengths differ", decs(1, 2), decs(1, 2, 3), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rho, ok, err := Spearman(dec.Reference(), c.x, c.y)
			require.NoError(t, err)
			if c.want == "" {
				require.False(t, ok)
				return
			}
			require.True(t, ok)
			require.Equal(t, c.want, rho.String())
		})
	}
}

// TestSpearmanOrderFree checks that permuting the pairs changes nothing.
func TestSpearmanOrderFree(t *testing.T) {
	x, y := decs(3, 1, 4, 1, 5, 9, 2, 6), decs(2, 7, 1, 8, 2, 8, 1, 8)
	a, ok, err := Spearman(dec.Reference(), x, y)
	require.NoError(t, err)
	require.True(t, ok)
	px, py := decs(6, 2, 9, 5, 1, 4, 1, 3), decs(8, 1, 8, 2, 8, 1, 7, 2)
	b, ok, err := Spearman(dec.Reference(), px, py)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, a.String(), b.String())
}

func TestSplitmix64(t *testing.T) {
	// Reference outputs of splitmix64 from state 0 (Vigna's splitmix64.c).
	r := &stream{}
	for _, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		require.Equal(t, want, r.next())
	}
}

func TestDraws(t *testing.T) {
	r := newStream(7, "test")
	var sum, sumSq dec.Dec
	const n = 4000
	for range n {
		u := r.uniform()
		require.True(t, u.Sign() >= 0 && u.Cmp(dec.One()) < 0)
		g := r.gauss()
		require.True(t, g.Abs().Cmp(dec.FromInt64(6)) <= 0)
		sum = sum.Add(g)
		sq, err := dec.Reference().Mul(g, g)
		require.NoError(t, err)
		sumSq = sumSq.Add(sq)
	}
	// Mean within ±0.1 and variance within 1 ± 0.1 (about 6 and 4.5 standard
	// errors for n = 4000).
	ctx := dec.Reference()
	mean, err := ctx.Quo(sum, dec.FromInt64(n))
	require.NoError(t, err)
	v, err := ctx.Quo(sumSq, dec.FromInt64(n))
	require.NoError(t, err)
	require.True(t, mean.Abs().Cmp(dec.New(1, -1)) < 0, "mean %s", mean)
	require.True(t, v.Sub(dec.One()).Abs().Cmp(dec.New(1, -1)) < 0, "variance %s", v)
	// Streams are independent of each other's use and reproducible.
	a, b := newStream(7, "a"), newStream(7, "a")
	c := newStream(7, "b")
	require.Equal(t, a.next(), b.next())
	require.NotEqual(t, a.next(), c.next())
	for range 100 {
		require.Less(t, a.intn(10), uint64(10))
	}
}
