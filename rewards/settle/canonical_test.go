package settle

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestCanonicalMatchesFrozen: the streaming encoder writes, byte for byte,
// what the first encoder wrote (canonical_frozen_test.go), and Digest is
// the SHA-256 of those bytes: on settled epochs of every rule set, on
// structs with strings that need escaping (quotes, backslashes, control
// characters, U+2028, invalid UTF-8, non-ASCII) and on random decimals.
func TestCanonicalMatchesFrozen(t *testing.T) {
	check := func(t interface {
		Helper()
		Fatalf(string, ...any)
	}, v any) {
		t.Helper()
		want, werr := frozenCanonical(v)
		got, gerr := Canonical(v)
		if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
			t.Fatalf("errors differ: %v / %v", werr, gerr)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("encodings differ:\n%s\n---\n%s", got, want)
		}
		if werr == nil {
			d, err := Digest(v)
			if err != nil || d != sha256Of(want) {
				t.Fatalf("Digest = %x, %v; want the SHA-256 of the encoding", d, err)
			}
		}
	}
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		for _, s := range scenario(t, rs, 4) {
			check(t, s.res)
			check(t, s.prev)
			check(t, s.in)
		}
	}
	type leaf struct {
		ID     string          `json:"id"`
		Value  decimal.Decimal `json:"value"`
		Count  uint64          `json:"count,omitempty"`
		Signed int32
		OK     bool `json:"ok"`
	}
	type tree struct {
		Leaves []leaf              `json:"leaves"`
		Ptr    *leaf               `json:"ptr"`
		Arr    [2]leaf             `json:"arr"`
		Bytes  []byte              `json:"bytes"`
		Names  []string            `json:"-"`
		Nested [][]decimal.Decimal `json:"nested"`
	}
	rapid.Check(t, func(rt *rapid.T) {
		str := rapid.OneOf(
			rapid.StringMatching(`[a-z0-9_-]{0,8}`),
			rapid.SampledFrom([]string{"a\"b", `back\slash`, "tab\there", "nl\n", "\x00\x1f\x7f", "\u2028\u2029", "\xff\xfe", "é✓", "<&>"}),
			rapid.String(),
		)
		num := rapid.Custom(func(rt *rapid.T) decimal.Decimal {
			c := rapid.Int64().Draw(rt, "coef")
			e := rapid.Int32Range(-60, 60).Draw(rt, "exp")
			return decimal.New(c, e)
		})
		mkLeaf := func(rt *rapid.T) leaf {
			return leaf{str.Draw(rt, "id"), num.Draw(rt, "v"), rapid.Uint64().Draw(rt, "n"), rapid.Int32().Draw(rt, "s"), rapid.Bool().Draw(rt, "ok")}
		}
		var v tree
		for range rapid.IntRange(0, 4).Draw(rt, "leaves") {
			v.Leaves = append(v.Leaves, mkLeaf(rt))
		}
		if rapid.Bool().Draw(rt, "ptr") {
			l := mkLeaf(rt)
			v.Ptr = &l
		}
		v.Arr = [2]leaf{mkLeaf(rt), mkLeaf(rt)}
		v.Bytes = []byte(str.Draw(rt, "bytes"))
		v.Names = []string{"skipped"}
		for range rapid.IntRange(0, 3).Draw(rt, "rows") {
			v.Nested = append(v.Nested, rapid.SliceOfN(num, 0, 3).Draw(rt, "row"))
		}
		check(rt, v)
		check(rt, &v)
		check(rt, v.Leaves)
	})
	// Unsupported kinds fail alike, naming the same path.
	check(t, struct{ M map[string]int }{map[string]int{"a": 1}})
	check(t, struct {
		L []struct{ F float64 }
	}{[]struct{ F float64 }{{1}}})
	check(t, fmt.Stringer(nil))
}

func sha256Of(b []byte) [32]byte { return sha256.Sum256(b) }

// TestAppendAbs: the two-word digit conversion agrees with big.Int's at
// every power of two and ten near the word limits and on random magnitudes
// up to 200 bits, in both signs.
func TestAppendAbs(t *testing.T) {
	var cases []*big.Int
	one := big.NewInt(1)
	for b := 0; b <= 200; b++ {
		p := new(big.Int).Lsh(one, uint(b))
		cases = append(cases, p, new(big.Int).Sub(p, one), new(big.Int).Add(p, one))
	}
	for k := 0; k <= 60; k++ {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
		cases = append(cases, p, new(big.Int).Sub(p, one), new(big.Int).Add(p, one))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		x := new(big.Int)
		for range r.IntN(4) + 1 {
			x.Lsh(x, 64).Add(x, new(big.Int).SetUint64(r.Uint64()))
		}
		x.Rsh(x, uint(r.IntN(64)))
		cases = append(cases, x)
	}
	for _, c := range cases {
		if c.Sign() == 0 {
			continue
		}
		for _, x := range []*big.Int{c, new(big.Int).Neg(c)} {
			if got, want := string(appendAbs([]byte("x"), x)), "x"+new(big.Int).Abs(x).String(); got != want {
				t.Fatalf("appendAbs(%s) = %s, want %s", x, got, want)
			}
		}
	}
}
