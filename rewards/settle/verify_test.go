package settle

import (
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// leaf is a decimal leaf of a value, with its canonical path.
type leaf struct {
	path string
	v    reflect.Value // settable decimal.Decimal
}

// decimalLeaves lists every decimal leaf of *root in canonical order.
func decimalLeaves(root any) []leaf {
	var out []leaf
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		if v.Type() == decimalType || v.Type() == numType {
			out = append(out, leaf{path, v})
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			t := v.Type()
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				if !f.IsExported() {
					continue
				}
				name := f.Name
				if tag, ok := f.Tag.Lookup("json"); ok {
					if n, _, _ := strings.Cut(tag, ","); n != "" && n != "-" {
						name = n
					}
				}
				p := name
				if path != "" {
					p = path + "." + name
				}
				walk(p, v.Field(i))
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(path+"["+strconv.Itoa(i)+"]", v.Index(i))
			}
		}
	}
	walk("", reflect.ValueOf(root).Elem())
	return out
}

// changeDigit changes one digit of d: the last significant digit when last
// is true, the first otherwise.
func changeDigit(d decimal.Decimal, last bool) decimal.Decimal {
	c, e := d.Coefficient(), d.Exponent()
	if c.Sign() == 0 {
		return decimal.New(1, e)
	}
	s := c.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	b := []byte(s)
	i := 0
	if last {
		i = len(b) - 1
		for i > 0 && b[i] == '0' {
			i--
		}
	}
	if b[i] == '9' {
		b[i] = '8'
	} else {
		b[i]++
	}
	n, _ := new(big.Int).SetString(string(b), 10)
	if neg {
		n.Neg(n)
	}
	return decimal.NewFromBigInt(n, e)
}

func TestVerifyCatchesEverySingleDigitChange(t *testing.T) {
	steps := scenario(t, Newest, 4)
	p, err := SimulatorParams(Newest)
	require.NoError(t, err)
	s := steps[3]
	require.NoError(t, Verify(s.prev, s.in, p, s.res), "an honest claim verifies")

	raw, err := json.Marshal(s.res)
	require.NoError(t, err)
	var probe Result
	require.NoError(t, json.Unmarshal(raw, &probe))
	n := len(decimalLeaves(&probe))
	require.Greater(t, n, 400, "the scenario exercises every part")
	for i := 0; i < n; i++ {
		for _, last := range []bool{true, false} {
			var claim Result
			require.NoError(t, json.Unmarshal(raw, &claim))
			l := decimalLeaves(&claim)[i]
			if n, ok := l.v.Interface().(loss.Num); ok {
				l.v.Set(reflect.ValueOf(loss.MustNum(changeDigit(n.Decimal(), last))))
			} else {
				l.v.Set(reflect.ValueOf(changeDigit(l.v.Interface().(decimal.Decimal), last)))
			}
			err := Compare(claim, s.res)
			var m *Mismatch
			require.True(t, errors.As(err, &m), "leaf %s: change not caught", l.path)
			require.Equal(t, l.path, m.Path)
			require.NotEqual(t, m.Claimed, m.Computed)
		}
	}
	// Verify itself (recomputing) reports the first changed leaf.
	var claim Result
	require.NoError(t, json.Unmarshal(raw, &claim))
	claim.State.Rewards.ForecasterScoreRatio = changeDigit(claim.State.Rewards.ForecasterScoreRatio, true)
	err = Verify(s.prev, s.in, p, claim)
	require.ErrorIs(t, err, ErrMismatch)
	require.Contains(t, err.Error(), "state.rewards.forecaster_score_ratio")
}

func TestVerifyCatchesStructuralChanges(t *testing.T) {
	steps := scenario(t, V6, 4)
	s := steps[3]
	claim := s.res
	claim.Settlement = nil
	var m *Mismatch
	require.True(t, errors.As(Compare(claim, s.res), &m))
	require.True(t, strings.HasPrefix(m.Path, "settlement."), m.Path)
	claim = s.res
	st := *s.res.Settlement
	st.RewardsSkipped = "claimed"
	claim.Settlement = &st
	require.ErrorIs(t, Compare(claim, s.res), ErrMismatch)
	claim = s.res
	claim.Epoch++
	require.ErrorIs(t, Compare(claim, s.res), ErrMismatch)
}

func TestCanonicalFormat(t *testing.T) {
	type inner struct {
		ID    string          `json:"id"`
		Value decimal.Decimal `json:"value"`
	}
	type outer struct {
		Name    string          `json:"name"`
		N       int64           `json:"n"`
		Flag    bool            `json:"flag"`
		Amount  decimal.Decimal `json:"amount"`
		Ptr     *decimal.Decimal
		NilPtr  *decimal.Decimal `json:"nil_ptr,omitempty"`
		List    []inner          `json:"list"`
		Skipped string           `json:"-"`
		hidden  int
	}
	p := decimal.RequireFromString("-0.00300")
	v := outer{
		Name: "a\"<b>", N: -7, Flag: true, Amount: decimal.RequireFromString("12.50"), Ptr: &p,
		List:    []inner{{"x", decimal.RequireFromString("1000")}, {"y", decimal.Zero}},
		Skipped: "no", hidden: 1,
	}
	got, err := Canonical(v)
	require.NoError(t, err)
	want := "netmath-canonical-v1\n" +
		"name=\"a\\\"<b>\"\n" +
		"n=-7\n" +
		"flag=true\n" +
		"amount=125e-1\n" +
		"Ptr=-3e-3\n" +
		"list[0].id=\"x\"\n" +
		"list[0].value=1e3\n" +
		"list[1].id=\"y\"\n" +
		"list[1].value=0\n"
	require.Equal(t, want, string(got))

	// Representation does not matter: 12.5 and 12.50 encode alike.
	w := v
	w.Amount = decimal.RequireFromString("12.5")
	a, _ := Digest(v)
	b, _ := Digest(w)
	require.Equal(t, a, b)

	_, err = Canonical(map[string]int{"a": 1})
	require.ErrorIs(t, err, ErrEncoding)
	_, err = Canonical(struct{ F float64 }{1})
	require.ErrorIs(t, err, ErrEncoding)
}
