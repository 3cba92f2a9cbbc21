package loss

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestUniformMatchesAggregator compares NetworkLosses with and without the
// entry-by-entry pass of uniform reports (uniformLosses) on random reports,
// most of them uniform, some perturbed (an entry dropped, two swapped, one
// duplicated, an id emptied or renamed), with values across the bounds
// (and beyond them), in random precisions and rounding modes: the results
// must be identical to the representation (coefficient, exponent, nil
// lists), and so must the errors. It also requires that the pass was taken
// and declined.
func TestUniformMatchesAggregator(t *testing.T) {
	modes := []string{"down", "half-even", "half-up", "up", "floor", "ceiling"}
	var taken, declined int
	defer func() {
		t.Logf("uniform pass taken %d times, declined %d times", taken, declined)
		if taken == 0 || declined == 0 {
			t.Errorf("uniform pass taken %d times, declined %d times: want both", taken, declined)
		}
	}()
	rapid.Check(t, func(t *rapid.T) {
		reports := genUniformReports(t)
		p := Params{}
		if rapid.IntRange(0, 2).Draw(t, "other_precision") == 0 {
			p.Digits = rapid.SampledFrom([]int{1, 5, 16, 33, 34, 35, 38, 39, 50}).Draw(t, "digits")
			p.Rounding = rapid.SampledFrom(modes).Draw(t, "rounding")
		}
		got, gerr := networkLosses(reports, p, true)
		want, werr := networkLosses(reports, p, false)
		if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
			t.Fatalf("errors differ: %v vs %v", gerr, werr)
		}
		if g, w := bundleRepr(got), bundleRepr(want); g != w {
			t.Fatalf("bundles differ:\n uniform:    %s\n aggregator: %s", g, w)
		}
		if gerr == nil && uniformTaken(t, reports, p) {
			taken++
		} else {
			declined++
		}
	})
}

// uniformTaken reports whether uniformLosses computes the result of reports.
func uniformTaken(t *rapid.T, reports []Report, p Params) bool {
	ctx, err := p.context()
	if err != nil {
		t.Fatal(err)
	}
	order := make([]int, len(reports))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(reports[a].Reputer, reports[b].Reputer) })
	stakes := make([]stake, len(reports))
	for i := range reports {
		if stakes[i], err = parseStake(reports[i].Stake); err != nil {
			t.Fatal(err)
		}
	}
	_, ok := uniformLosses(ctx, reports, order, stakes)
	return ok
}

// genUniformReports draws 1–5 reports that list the same sorted keys (ids
// partly outside the inferer and forecaster lists, which the output drops),
// then, one time in three, perturbs one report's lists.
func genUniformReports(t *rapid.T) []Report {
	pool := []string{"a", "b", "c", "d", "e", "f"}
	ids := func(label string) []string {
		s := rapid.SliceOfNDistinct(rapid.SampledFrom(pool), 0, len(pool), rapid.ID[string]).Draw(t, label)
		slices.Sort(s)
		return s
	}
	keys := [5][]string{ids("inferers"), ids("forecasters"), ids("one_out_inferers"), ids("one_out_forecasters"), ids("one_in")}
	pf, pi := ids("pair_forecasters"), ids("pair_inferers")
	n := rapid.IntRange(1, 5).Draw(t, "reputers")
	out := make([]Report, n)
	for r := range out {
		b := Bundle{Combined: genValue(t), Naive: genValue(t)}
		lists := []*[]Value{&b.Inferers, &b.Forecasters, &b.OneOutInferers, &b.OneOutForecasters, &b.OneInForecasters}
		for l, dst := range lists {
			for _, id := range keys[l] {
				*dst = append(*dst, Value{ID: id, Value: genValue(t)})
			}
		}
		for _, f := range pf {
			for _, i := range pi {
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, PairValue{Forecaster: f, Inferer: i, Value: MustNum(genValue(t))})
			}
		}
		stake := decimal.New(rapid.Int64Range(1, 1<<62).Draw(t, "stake"), rapid.Int32Range(0, 11).Draw(t, "stake_exp"))
		out[r] = Report{Reputer: fmt.Sprintf("r%d", (r*7)%n), Stake: stake, Losses: b}
	}
	if rapid.IntRange(0, 2).Draw(t, "perturb") == 0 {
		b := &out[rapid.IntRange(0, n-1).Draw(t, "perturbed")].Losses
		l := rapid.IntRange(0, 5).Draw(t, "list")
		if l == 5 {
			perturb(t, &b.OneOutInfererForecasters, func(p *PairValue) { p.Inferer = "" }, func(p *PairValue) { p.Inferer += "x" })
		} else {
			list := []*[]Value{&b.Inferers, &b.Forecasters, &b.OneOutInferers, &b.OneOutForecasters, &b.OneInForecasters}[l]
			perturb(t, list, func(v *Value) { v.ID = "" }, func(v *Value) { v.ID += "x" })
		}
	}
	return out
}

// perturb changes one list: drops an entry, swaps two, duplicates one, or
// empties or renames an id.
func perturb[V any](t *rapid.T, s *[]V, empty, rename func(*V)) {
	if len(*s) == 0 {
		return
	}
	i := rapid.IntRange(0, len(*s)-1).Draw(t, "entry")
	j := rapid.IntRange(0, len(*s)-1).Draw(t, "other")
	*s = slices.Clone(*s)
	switch rapid.IntRange(0, 4).Draw(t, "how") {
	case 0:
		*s = slices.Delete(*s, i, i+1)
	case 1:
		(*s)[i], (*s)[j] = (*s)[j], (*s)[i]
	case 2:
		*s = slices.Insert(*s, i, (*s)[i])
	case 3:
		empty(&(*s)[i])
	default:
		rename(&(*s)[i])
	}
}

// genValue draws a reported value: 0, or 1–40 digits of either sign with
// the leading digit's exponent in [-42, 42] (beyond the bounds now and
// then).
func genValue(t *rapid.T) decimal.Decimal {
	if rapid.IntRange(0, 9).Draw(t, "zero") == 0 {
		return decimal.Decimal{}
	}
	nd := rapid.SampledFrom([]int{1, 3, 12, 17, 18, 19, 25, 34, 40}).Draw(t, "value_digits")
	var sb strings.Builder
	sb.WriteByte(byte('1' + rapid.IntRange(0, 8).Draw(t, "lead")))
	for range nd - 1 {
		sb.WriteByte(byte('0' + rapid.IntRange(0, 9).Draw(t, "digit")))
	}
	adj := rapid.IntRange(-42, 42).Draw(t, "adj")
	if adj < -40 || adj > 40 {
		adj = rapid.SampledFrom([]int{adj, 0, -3}).Draw(t, "keep_out_of_bounds")
	}
	v := decimal.RequireFromString(fmt.Sprintf("%se%d", sb.String(), adj-nd+1))
	if rapid.IntRange(0, 3).Draw(t, "negative") == 0 {
		v = decimal.RequireFromString("-" + v.String())
	}
	return v
}

// bundleRepr renders a bundle with every decimal as coefficient and
// exponent, and nil lists apart from empty ones.
func bundleRepr(b Bundle) string {
	var sb strings.Builder
	d := func(v decimal.Decimal) { fmt.Fprintf(&sb, "%se%d;", v.Coefficient(), v.Exponent()) }
	d(b.Combined)
	d(b.Naive)
	for _, l := range [][]Value{b.Inferers, b.Forecasters, b.OneOutInferers, b.OneOutForecasters, b.OneInForecasters} {
		fmt.Fprintf(&sb, "|nil=%v:", l == nil)
		for _, v := range l {
			sb.WriteString(v.ID + "=")
			d(v.Value)
		}
	}
	fmt.Fprintf(&sb, "|nil=%v:", b.OneOutInfererForecasters == nil)
	for _, p := range b.OneOutInfererForecasters {
		sb.WriteString(p.Forecaster + "/" + p.Inferer + "=")
		d(p.Value.Decimal())
	}
	return sb.String()
}

// TestUniformErrorsAreTheAggregators: an invalid value in uniform reports
// is reported by the aggregator's canonical error (the pass declines).
func TestUniformErrorsAreTheAggregators(t *testing.T) {
	mk := func(v string) []Report {
		b := Bundle{Combined: decimal.New(1, 0), Naive: decimal.New(2, 0),
			Inferers: []Value{{ID: "a", Value: decimal.New(3, 0)}, {ID: "b", Value: decimal.RequireFromString(v)}}}
		return []Report{{Reputer: "r1", Stake: decimal.New(5, 0), Losses: b}, {Reputer: "r0", Stake: decimal.New(7, 0), Losses: b}}
	}
	_, err := NetworkLosses(mk("1e41"), Params{})
	if !errors.Is(err, ErrOutOfBounds) || !strings.Contains(err.Error(), `reputer "r0"`) || !strings.Contains(err.Error(), "inferers") {
		t.Fatalf("err = %v, want ErrOutOfBounds for reputer r0's inferers", err)
	}
	if _, err := NetworkLosses(mk("0.5"), Params{}); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUniform times NetworkLosses on uniform reports (16 reputers, 128
// inferers and forecasters, values of 12 decimal places as the simulator
// reports them) with the entry-by-entry pass and with the aggregator alone.
func BenchmarkUniform(b *testing.B) {
	for _, c := range []struct{ r, n int }{{16, 128}, {8, 512}} {
		b.Run(fmt.Sprintf("n=%d/reputers=%d", c.n, c.r), func(b *testing.B) { benchUniform(b, c.r, c.n) })
	}
}

func benchUniform(b *testing.B, r, n int) {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("w%04d", i)
	}
	x := uint64(1)
	val := func() decimal.Decimal {
		x = x*6364136223846793005 + 1442695040888963407
		return decimal.New(int64(x>>40), -12)
	}
	list := func() []Value {
		out := make([]Value, n)
		for i := range out {
			out[i] = Value{ID: ids[i], Value: val()}
		}
		return out
	}
	reports := make([]Report, r)
	for m := range reports {
		bd := Bundle{Combined: val(), Naive: val(), Inferers: list(), Forecasters: list(),
			OneOutInferers: list(), OneOutForecasters: list(), OneInForecasters: list()}
		for _, f := range ids {
			for _, i := range ids {
				bd.OneOutInfererForecasters = append(bd.OneOutInfererForecasters, PairValue{Forecaster: f, Inferer: i, Value: MustNum(val())})
			}
		}
		reports[m] = Report{Reputer: fmt.Sprintf("r%02d", m), Stake: decimal.New(int64(1000+m), 18), Losses: bd}
	}
	for _, c := range []struct {
		name    string
		uniform bool
	}{{"uniform", true}, {"aggregator", false}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := networkLosses(reports, Params{}, c.uniform); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzUniform builds uniform reports from the fuzzer's values (1–4
// reputers listing the same sorted keys, values and stakes drawn from the
// inputs, one list perturbed when asked) and requires NetworkLosses with
// and without the entry-by-entry pass to agree to the representation,
// errors included.
func FuzzUniform(f *testing.F) {
	f.Add("1.5,2,0.25,-3", "1000,7", uint8(3), uint8(0), uint16(0))
	f.Add("1e41,0,12345678901234567890123456789", "1", uint8(2), uint8(5), uint16(77))
	f.Add("-0.000001,9.99e40,1e-40", "1000000000000000000000000000000,3", uint8(4), uint8(17), uint16(9))
	f.Fuzz(func(t *testing.T, values, stakes string, nrep, perturbAt uint8, keysMask uint16) {
		vs, ss := splitDecimals(values, 12), splitDecimals(stakes, 4)
		if len(vs) == 0 || len(ss) == 0 {
			return
		}
		pool := []string{"a", "b", "c", "d"}
		keys := func(shift int) []string {
			var out []string
			for i, id := range pool {
				if keysMask>>(shift+i)&1 != 0 {
					out = append(out, id)
				}
			}
			return out
		}
		n := int(nrep%4) + 1
		reports := make([]Report, n)
		next := 0
		v := func() decimal.Decimal { next++; return vs[next%len(vs)] }
		pv := func() Num {
			// A value outside the decimal core's range cannot be a Num:
			// NewNum refuses it (ErrValue), and the pair reports 0.
			n, err := NewNum(v())
			if err != nil {
				if !errors.Is(err, ErrValue) {
					t.Fatalf("NewNum: %v, want ErrValue", err)
				}
				return Num{}
			}
			return n
		}
		for r := range reports {
			b := Bundle{Combined: v(), Naive: v()}
			for l, dst := range []*[]Value{&b.Inferers, &b.Forecasters, &b.OneOutInferers, &b.OneOutForecasters, &b.OneInForecasters} {
				for _, id := range keys(l * 2) {
					*dst = append(*dst, Value{ID: id, Value: v()})
				}
			}
			for _, fc := range keys(10) {
				for _, inf := range keys(12) {
					b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, PairValue{Forecaster: fc, Inferer: inf, Value: pv()})
				}
			}
			reports[r] = Report{Reputer: fmt.Sprintf("r%d", n-r), Stake: ss[r%len(ss)], Losses: b}
		}
		if perturbAt != 0 {
			b := &reports[int(perturbAt)%n].Losses
			switch l := []*[]Value{&b.Inferers, &b.Forecasters, &b.OneOutInferers}[int(perturbAt/4)%3]; {
			case len(*l) > 1 && perturbAt&1 != 0:
				(*l)[0], (*l)[1] = (*l)[1], (*l)[0]
			case len(*l) > 0:
				*l = (*l)[1:]
			}
		}
		got, gerr := networkLosses(reports, Params{}, true)
		want, werr := networkLosses(reports, Params{}, false)
		if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
			t.Fatalf("errors differ: %v vs %v", gerr, werr)
		}
		if g, w := bundleRepr(got), bundleRepr(want); g != w {
			t.Fatalf("bundles differ:\n uniform:    %s\n aggregator: %s", g, w)
		}
	})
}

// splitDecimals parses up to max comma-separated decimals, skipping what
// does not parse or has an absurd exponent.
func splitDecimals(s string, max int) []decimal.Decimal {
	var out []decimal.Decimal
	for _, f := range strings.Split(s, ",") {
		if len(out) == max || len(f) > 60 {
			break
		}
		d, err := decimal.NewFromString(f)
		if err != nil || d.Exponent() < -100 || d.Exponent() > 100 {
			continue
		}
		out = append(out, d)
	}
	return out
}

// TestPairsMatchValues: a pair's value is a Num, added by addDec (the
// aggregator) or pairMeans (the uniform pass) in decimal-core arithmetic,
// where a Value's decimal is added on words (addValue). Both must give the
// same network loss to the representation: random reports (1–4 reputers
// on the same workers, values of 1 to 40 digits within the bounds, one
// pair sometimes missing from one report, which takes the aggregator)
// against the same reports with every pair also in the inferer list (id
// "forecaster/inferer"), whose values go through addValue; both passes,
// random precisions and rounding modes.
func TestPairsMatchValues(t *testing.T) {
	modes := []string{"down", "half-even", "half-up", "up", "floor", "ceiling"}
	var compared int
	rapid.Check(t, func(t *rapid.T) { comparePairsAndValues(t, modes, &compared) })
	t.Logf("%d pair values compared", compared)
	if compared < 100 {
		t.Errorf("%d pair values compared, want at least 100", compared)
	}
}

// comparePairsAndValues is one draw of TestPairsMatchValues.
func comparePairsAndValues(t *rapid.T, modes []string, compared *int) {
	// Reports on the same workers, every pair reported (one report may
	// lack one, which takes the aggregator), values inside the bounds.
	pool := []string{"a", "b", "c", "d"}
	ids := func(label string) []string {
		s := rapid.SliceOfNDistinct(rapid.SampledFrom(pool), 1, len(pool), rapid.ID[string]).Draw(t, label)
		slices.Sort(s)
		return s
	}
	inf, fcs := ids("inferers"), ids("forecasters")
	val := func() decimal.Decimal {
		v := genValue(t)
		if CheckBounds(v) != nil {
			return v.Shift(-v.Exponent() - int32(len(v.Coefficient().String())) + 1) // ~1
		}
		return v
	}
	reports := make([]Report, rapid.IntRange(1, 4).Draw(t, "reputers"))
	for r := range reports {
		b := Bundle{Combined: val(), Naive: val()}
		for _, id := range inf {
			b.Inferers = append(b.Inferers, Value{ID: id, Value: val()})
		}
		for _, id := range fcs {
			b.Forecasters = append(b.Forecasters, Value{ID: id, Value: val()})
		}
		for _, f := range fcs {
			for _, i := range inf {
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, PairValue{Forecaster: f, Inferer: i, Value: MustNum(val())})
			}
		}
		stake := decimal.New(rapid.Int64Range(1, 1<<62).Draw(t, "stake"), rapid.Int32Range(0, 11).Draw(t, "stake_exp"))
		reports[r] = Report{Reputer: fmt.Sprintf("r%d", r), Stake: stake, Losses: b}
	}
	if rapid.IntRange(0, 3).Draw(t, "drop") == 0 {
		b := &reports[rapid.IntRange(0, len(reports)-1).Draw(t, "dropped_from")].Losses
		k := rapid.IntRange(0, len(b.OneOutInfererForecasters)-1).Draw(t, "dropped")
		b.OneOutInfererForecasters = slices.Delete(slices.Clone(b.OneOutInfererForecasters), k, k+1)
	}
	p := Params{}
	if rapid.IntRange(0, 2).Draw(t, "other_precision") == 0 {
		p.Digits = rapid.SampledFrom([]int{1, 5, 16, 33, 34, 35, 38, 39, 50}).Draw(t, "digits")
		p.Rounding = rapid.SampledFrom(modes).Draw(t, "rounding")
	}
	moved := make([]Report, len(reports))
	for i, r := range reports {
		b := r.Losses
		b.Inferers = slices.Clone(b.Inferers)
		for _, pv := range r.Losses.OneOutInfererForecasters {
			b.Inferers = append(b.Inferers, Value{ID: pv.Forecaster + "/" + pv.Inferer, Value: pv.Value.Decimal()})
		}
		slices.SortStableFunc(b.Inferers, func(x, y Value) int { return strings.Compare(x.ID, y.ID) })
		b.OneOutInfererForecasters = nil
		moved[i] = Report{Reputer: r.Reputer, Stake: r.Stake, Losses: b}
	}
	tryUniform := rapid.Bool().Draw(t, "uniform")
	got, gerr := networkLosses(reports, p, tryUniform)
	want, werr := networkLosses(moved, p, tryUniform)
	if gerr != nil {
		t.Fatal(gerr)
	}
	if werr != nil {
		t.Fatalf("pairs succeed; as values: %v", werr)
	}
	for _, pv := range got.OneOutInfererForecasters {
		id := pv.Forecaster + "/" + pv.Inferer
		i := slices.IndexFunc(want.Inferers, func(v Value) bool { return v.ID == id })
		if i < 0 {
			t.Fatalf("pair %s has no value", id)
		}
		g, w := pv.Value.Decimal(), want.Inferers[i].Value
		if g.Coefficient().Cmp(w.Coefficient()) != 0 || g.Exponent() != w.Exponent() {
			t.Fatalf("pair %s: %se%d, as a value %se%d", id, g.Coefficient(), g.Exponent(), w.Coefficient(), w.Exponent())
		}
		*compared++
	}
}
