package loss_test

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// TestNetworkLossesHand checks (31) on a hand-worked case with an omitted
// entry and entries dropped by the spec §6 ordering rules.
func TestNetworkLossesHand(t *testing.T) {
	reports := []loss.Report{
		{Reputer: "r2", Stake: d("3"), Losses: loss.Bundle{
			Combined: d("-4"), Naive: d("-2"),
			Inferers:       []loss.Value{{ID: "b", Value: d("-7")}, {ID: "a", Value: d("-1")}},
			OneOutInferers: []loss.Value{{ID: "a", Value: d("-3")}, {ID: "ghost", Value: d("-9")}},
			Forecasters:    []loss.Value{{ID: "f", Value: d("-5")}},
			OneOutInfererForecasters: []loss.PairValue{
				{Forecaster: "f", Inferer: "a", Value: n("-6")},
				{Forecaster: "g", Inferer: "a", Value: n("-6")}, // g is not a forecaster: dropped
			},
		}},
		{Reputer: "r1", Stake: d("1"), Losses: loss.Bundle{
			Combined: d("-2"), Naive: d("0"),
			Inferers:       []loss.Value{{ID: "a", Value: d("-5")}},
			OneOutInferers: []loss.Value{{ID: "a", Value: d("-1")}},
		}},
	}
	got, err := loss.NetworkLosses(reports, loss.Params{})
	if err != nil {
		t.Fatal(err)
	}
	// combined (1·−2 + 3·−4)/4 = −3.5; naive (0 + 3·−2)/4 = −1.5;
	// a: (1·−5 + 3·−1)/4 = −2; b: only r2 → −7; one-out a: (−1 − 9)/4 = −2.5;
	// f and pair (f, a): only r2.
	want := loss.Bundle{
		Combined: d("-3.5"), Naive: d("-1.5"),
		Inferers:                 []loss.Value{{ID: "a", Value: d("-2")}, {ID: "b", Value: d("-7")}},
		Forecasters:              []loss.Value{{ID: "f", Value: d("-5")}},
		OneOutInferers:           []loss.Value{{ID: "a", Value: d("-2.5")}},
		OneOutInfererForecasters: []loss.PairValue{{Forecaster: "f", Inferer: "a", Value: n("-6")}},
	}
	if err := sameBundle(got, want); err != nil {
		t.Error(err)
	}
	// Rounding: 3 × 0.333...3 (40 threes) = 0.999...9 (40 nines) truncated to
	// 34 nines; + 1 × 0 exactly; / 4 → 0.2499...9 (34 digits, truncated).
	third := "0." + strings.Repeat("3", 40)
	r := []loss.Report{
		{Reputer: "x", Stake: d("3"), Losses: loss.Bundle{Combined: d(third), Naive: d(third)}},
		{Reputer: "y", Stake: d("1"), Losses: loss.Bundle{Combined: d("0"), Naive: d("0")}},
	}
	got, err = loss.NetworkLosses(r, loss.Params{})
	if err != nil {
		t.Fatal(err)
	}
	wantC := "0.2" + strings.Repeat("4", 1) + strings.Repeat("9", 32) // 0.24999…9 (34 significant digits)
	if !got.Combined.Equal(d(wantC)) {
		t.Errorf("rounded combined = %s, want %s", got.Combined, wantC)
	}
}

// sameBundle compares two bundles value by value.
func sameBundle(a, b loss.Bundle) error {
	if !a.Combined.Equal(b.Combined) || !a.Naive.Equal(b.Naive) {
		return fmt.Errorf("combined/naive %s/%s vs %s/%s", a.Combined, a.Naive, b.Combined, b.Naive)
	}
	lists := [][2][]loss.Value{
		{a.Inferers, b.Inferers}, {a.Forecasters, b.Forecasters}, {a.OneOutInferers, b.OneOutInferers},
		{a.OneOutForecasters, b.OneOutForecasters}, {a.OneInForecasters, b.OneInForecasters},
	}
	for i, l := range lists {
		if len(l[0]) != len(l[1]) {
			return fmt.Errorf("list %d: %v vs %v", i, l[0], l[1])
		}
		for j := range l[0] {
			if l[0][j].ID != l[1][j].ID || !l[0][j].Value.Equal(l[1][j].Value) {
				return fmt.Errorf("list %d entry %d: %v vs %v", i, j, l[0][j], l[1][j])
			}
		}
	}
	p, q := a.OneOutInfererForecasters, b.OneOutInfererForecasters
	if len(p) != len(q) {
		return fmt.Errorf("pairs: %v vs %v", p, q)
	}
	for j := range p {
		if p[j].Forecaster != q[j].Forecaster || p[j].Inferer != q[j].Inferer || !p[j].Value.Equal(q[j].Value) {
			return fmt.Errorf("pair %d: %v vs %v", j, p[j], q[j])
		}
	}
	return nil
}

// TestNetworkLossesErrors checks the typed errors of NetworkLosses.
func TestNetworkLossesErrors(t *testing.T) {
	good := func(id, stake string) loss.Report {
		return loss.Report{Reputer: id, Stake: d(stake), Losses: loss.Bundle{Combined: d("-1"), Naive: d("-1")}}
	}
	withList := func(r loss.Report, vs ...loss.Value) loss.Report { r.Losses.Inferers = vs; return r }
	cases := []struct {
		name    string
		reports []loss.Report
		p       loss.Params
		want    error
	}{
		{"empty", nil, loss.Params{}, loss.ErrEmpty},
		{"empty reputer", []loss.Report{good("", "1")}, loss.Params{}, loss.ErrEmptyID},
		{"duplicate reputer", []loss.Report{good("a", "1"), good("b", "1"), good("a", "2")}, loss.Params{}, loss.ErrDuplicateReputer},
		{"zero stake", []loss.Report{good("a", "0")}, loss.Params{}, loss.ErrStake},
		{"negative stake", []loss.Report{good("a", "-5")}, loss.Params{}, loss.ErrStake},
		{"fractional stake", []loss.Report{good("a", "1.5")}, loss.Params{}, loss.ErrStake},
		{"stake above 1e30", []loss.Report{good("a", "1000000000000000000000000000001")}, loss.Params{}, loss.ErrStake},
		{"stake beyond the decimal range", []loss.Report{good("a", "1e500")}, loss.Params{}, loss.ErrStake},
		{"empty worker id", []loss.Report{withList(good("a", "1"), loss.Value{ID: "", Value: d("1")})}, loss.Params{}, loss.ErrEmptyID},
		{"duplicate worker", []loss.Report{withList(good("a", "1"), loss.Value{ID: "w", Value: d("1")}, loss.Value{ID: "w", Value: d("2")})}, loss.Params{}, loss.ErrDuplicateID},
		{"value above 1e40", []loss.Report{withList(good("a", "1"), loss.Value{ID: "w", Value: d("1.1e40")})}, loss.Params{}, loss.ErrOutOfBounds},
		{"value below 1e-40", []loss.Report{withList(good("a", "1"), loss.Value{ID: "w", Value: d("9e-41")})}, loss.Params{}, loss.ErrOutOfBounds},
		{"long value above 1e40", []loss.Report{withList(good("a", "1"), loss.Value{ID: "w", Value: d("-12345678901234567890123456789e12")})}, loss.Params{}, loss.ErrOutOfBounds},
		{"combined out of bounds", []loss.Report{{Reputer: "a", Stake: d("1"), Losses: loss.Bundle{Combined: d("1e-50")}}}, loss.Params{}, loss.ErrOutOfBounds},
		{"too many reports", []loss.Report{good("a", "1"), good("b", "1")}, loss.Params{MaxReputers: 1}, loss.ErrTooLarge},
		{"too many values", []loss.Report{good("a", "1"), good("b", "1")}, loss.Params{MaxEntries: 3}, loss.ErrTooLarge},
		{"bad rounding", []loss.Report{good("a", "1")}, loss.Params{Rounding: "nearest"}, loss.ErrParams},
		{"bad digits", []loss.Report{good("a", "1")}, loss.Params{Digits: -1}, loss.ErrParams},
		{"max reputers beyond cap", []loss.Report{good("a", "1")}, loss.Params{MaxReputers: 1 << 25}, loss.ErrParams},
	}
	for _, c := range cases {
		if _, err := loss.NetworkLosses(c.reports, c.p); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// Boundary values are accepted: 1e40, 1e-40, 0, 10^30 stake.
	r := []loss.Report{withList(good("a", "1000000000000000000000000000000"),
		loss.Value{ID: "p", Value: d("1e40")}, loss.Value{ID: "q", Value: d("-1e-40")}, loss.Value{ID: "z", Value: d("0")})}
	got, err := loss.NetworkLosses(r, loss.Params{})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Inferers[0].Value.Equal(d("1e40")) || !got.Inferers[1].Value.Equal(d("-1e-40")) || !got.Inferers[2].Value.IsZero() {
		t.Errorf("boundary values: %v", got.Inferers)
	}
	if err := loss.DefaultParams().Validate(); err != nil {
		t.Error(err)
	}
}

// TestNetworkLossesErrorOrder checks that the error does not depend on the
// order of the reports or of the entries when a report has several faults.
func TestNetworkLossesErrorOrder(t *testing.T) {
	vs := []loss.Value{{ID: "b", Value: d("1e50")}, {ID: "a", Value: d("1")}, {ID: "a", Value: d("2")}, {ID: "c", Value: d("1")}}
	var first string
	for i := 0; i < 24; i++ {
		p := slices.Clone(vs)
		// A deterministic permutation per i.
		for j := len(p) - 1; j > 0; j-- {
			k := (i*7 + j*3) % (j + 1)
			p[j], p[k] = p[k], p[j]
		}
		_, err := loss.NetworkLosses([]loss.Report{{Reputer: "r", Stake: d("1"), Losses: loss.Bundle{Combined: d("1"), Naive: d("1"), Inferers: p}}}, loss.Params{})
		if !errors.Is(err, loss.ErrDuplicateID) {
			t.Fatalf("permutation %d: %v, want ErrDuplicateID first", i, err)
		}
		if first == "" {
			first = err.Error()
		} else if err.Error() != first {
			t.Errorf("error depends on order: %q vs %q", err, first)
		}
	}
}

// refNetworkLosses is a direct transcription of (31) on the decimal core,
// used as the differential reference of NetworkLosses.
func refNetworkLosses(reports []loss.Report, ctx dec.Context) (loss.Bundle, error) {
	type acc struct{ s, w dec.Dec }
	type key struct{ cat, a, b string }
	sums := map[key]*acc{}
	add := func(k key, stake, v dec.Dec) error {
		p, err := ctx.Mul(stake, v)
		if err != nil {
			return err
		}
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		a.s, a.w = a.s.Add(p), a.w.Add(stake)
		return nil
	}
	for _, r := range reports {
		s := mustDec(r.Stake)
		b := r.Losses
		if err := add(key{cat: "c"}, s, mustDec(b.Combined)); err != nil {
			return loss.Bundle{}, err
		}
		if err := add(key{cat: "n"}, s, mustDec(b.Naive)); err != nil {
			return loss.Bundle{}, err
		}
		for cat, l := range map[string][]loss.Value{"i": b.Inferers, "f": b.Forecasters, "oi": b.OneOutInferers, "of": b.OneOutForecasters, "in": b.OneInForecasters} {
			for _, v := range l {
				if err := add(key{cat, v.ID, ""}, s, mustDec(v.Value)); err != nil {
					return loss.Bundle{}, err
				}
			}
		}
		for _, v := range b.OneOutInfererForecasters {
			if err := add(key{"p", v.Forecaster, v.Inferer}, s, v.Value.Dec()); err != nil {
				return loss.Bundle{}, err
			}
		}
	}
	val := func(k key) (decimal.Decimal, bool) {
		a := sums[k]
		if a == nil || a.w.IsZero() {
			return decimal.Decimal{}, false
		}
		q, err := ctx.Quo(a.s, a.w)
		if err != nil {
			panic(err)
		}
		return q.Decimal(), true
	}
	ids := func(cat string) []string {
		var out []string
		for k := range sums {
			if k.cat == cat {
				out = append(out, k.a)
			}
		}
		slices.Sort(out)
		return out
	}
	var out loss.Bundle
	out.Combined, _ = val(key{cat: "c"})
	out.Naive, _ = val(key{cat: "n"})
	list := func(cat string, order []string) []loss.Value {
		var l []loss.Value
		for _, id := range order {
			if v, ok := val(key{cat, id, ""}); ok {
				l = append(l, loss.Value{ID: id, Value: v})
			}
		}
		return l
	}
	inf, fcs := ids("i"), ids("f")
	out.Inferers, out.Forecasters = list("i", inf), list("f", fcs)
	out.OneOutInferers, out.OneOutForecasters, out.OneInForecasters = list("oi", inf), list("of", fcs), list("in", fcs)
	var pairs []key
	for k := range sums {
		if k.cat == "p" && slices.Contains(fcs, k.a) && slices.Contains(inf, k.b) {
			pairs = append(pairs, k)
		}
	}
	slices.SortFunc(pairs, func(x, y key) int { return cmp.Or(strings.Compare(x.a, y.a), strings.Compare(x.b, y.b)) })
	for _, k := range pairs {
		v, _ := val(k)
		out.OneOutInfererForecasters = append(out.OneOutInfererForecasters, loss.PairValue{Forecaster: k.a, Inferer: k.b, Value: loss.MustNum(v)})
	}
	return out, nil
}

// TestNetworkLossesPairErrors checks the errors of the pair list and of a
// value the decimal core cannot hold.
func TestNetworkLossesPairErrors(t *testing.T) {
	base := loss.Bundle{Combined: d("1"), Naive: d("1")}
	dup := base
	dup.OneOutInfererForecasters = []loss.PairValue{{Forecaster: "f", Inferer: "i", Value: n("1")}, {Forecaster: "f", Inferer: "i", Value: n("2")}}
	empty := base
	empty.OneOutInfererForecasters = []loss.PairValue{{Forecaster: "f", Value: n("1")}}
	bounds := base // a Num, but out of the bounds of spec loss_methods.md §6
	bounds.OneOutInfererForecasters = []loss.PairValue{{Forecaster: "f", Inferer: "i", Value: n("1e41")}}
	long := base
	long.Inferers = []loss.Value{{ID: "w", Value: d("0." + strings.Repeat("7", 1200))}} // 1200 digits: beyond the decimal core
	for _, c := range []struct {
		b    loss.Bundle
		want error
	}{{dup, loss.ErrDuplicateID}, {empty, loss.ErrEmptyID}, {long, loss.ErrValue}, {bounds, loss.ErrOutOfBounds}} {
		if _, err := loss.NetworkLosses([]loss.Report{{Reputer: "r", Stake: d("1"), Losses: c.b}}, loss.Params{}); !errors.Is(err, c.want) {
			t.Errorf("%v, want %v", err, c.want)
		}
	}
	// A pair value beyond the decimal core cannot be a Num: NewNum and
	// JSON decoding refuse it.
	if _, err := loss.NewNum(d("0." + strings.Repeat("7", 1200))); !errors.Is(err, loss.ErrValue) {
		t.Errorf("NewNum of 1200 digits: %v, want ErrValue", err)
	}
	var pv loss.PairValue
	if err := json.Unmarshal([]byte(`{"forecaster":"f","inferer":"i","value":"1e500"}`), &pv); !errors.Is(err, dec.ErrRange) {
		t.Errorf("a PairValue of 1e500 decoded: %v, want dec.ErrRange", err)
	}
}
