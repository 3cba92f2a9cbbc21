package weights

import (
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/shopspring/decimal"
)

// conformanceTolerance is the relative tolerance of the fixture checks. The
// fixture values are float64 renderings (about 16 significant digits), so
// ~1e-16 is the floor of any agreement.
var conformanceTolerance = dec.New(1, -12)

// fxRun replays every consecutive row pair of a fixture under p and returns
// the synthesis columns of each row e (index e in the table), keyed by
// column name.
func fxRun(t *testing.T, tbl *fixture.Table, p Params, initial decimal.Decimal, mode fxScaleMode) []map[string]fxCell {
	t.Helper()
	sh := fxShape(t, tbl)
	out := make([]map[string]fxCell, len(tbl.Rows))
	for i := 1; i < len(tbl.Rows); i++ {
		prev, cur := tbl.Rows[i-1], tbl.Rows[i]
		in := fxInput(t, sh, prev, cur, initial, mode, p.Epsilon)
		res, err := Synthesize(in, p)
		if err != nil {
			t.Fatalf("%s epoch %s: %v", tbl.Name, cur.Str("epoch"), err)
		}
		if res.Case != CaseFull {
			t.Fatalf("%s epoch %s: case %s", tbl.Name, cur.Str("epoch"), res.Case)
		}
		fr, err := ForecastedRegrets(in)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]fxCell{}
		for _, c := range fxOutputs(t, sh, res, fr, cur) {
			m[c.col] = c
		}
		out[i] = m
	}
	return out
}

// fxCompare adds every cell of row i that want accepts to the report and
// fails cells above the tolerance.
func fxCompare(t *testing.T, rep *fixture.Report, tbl *fixture.Table, i int, cells map[string]fxCell, want func(col string) bool, tag string) {
	t.Helper()
	row := tbl.Rows[i]
	for col, c := range cells {
		if !want(col) || !row.Has(col) {
			continue
		}
		w := row.MustDec(t, col)
		if !c.ok {
			t.Errorf("%s epoch %s: %s: no value computed", tbl.Name, row.Str("epoch"), col)
			continue
		}
		if rel := rep.Add(c.family+tag, col, row.Str("epoch"), c.got, w); rel.Cmp(conformanceTolerance) > 0 {
			t.Errorf("%s epoch %s %s: got %s want %s (rel %s)", tbl.Name, row.Str("epoch"), col, c.got, w, rel)
		}
	}
}

// TestConformanceOct2024 replays inference_oct2024.csv under V6: every row
// pair (e−1, e), p=3, c=0.75, ε=0.01, ε_div=1e-7, InitialRegret 1 (the
// reference test topic; all stores are filled, so it only sets A = false).
func TestConformanceOct2024(t *testing.T) {
	tbl := fixture.Require(t, fixture.InferenceOct2024)
	rep := fixture.NewReport()
	got := fxRun(t, tbl, DefaultParamsV6(), decimal.New(1, 0), fxNoScale)
	for i := 1; i < len(tbl.Rows); i++ {
		fxCompare(t, rep, tbl, i, got[i], func(string) bool { return true }, "")
	}
	t.Logf("%s under V6, %d row pairs:\n%s", tbl.Name, len(tbl.Rows)-1, rep.String())
}

// TestConformanceLatest replays inference_latest.csv: the cells that differ
// from inference_oct2024.csv (rows 302–304, fixtures README §2.6) under the
// Intermediate rule, every other cell under V6.
func TestConformanceLatest(t *testing.T) {
	tbl := fixture.Require(t, fixture.InferenceLatest)
	old := fixture.Require(t, fixture.InferenceOct2024)
	rep := fixture.NewReport()
	v6 := fxRun(t, tbl, DefaultParamsV6(), decimal.New(1, 0), fxNoScale)
	mid := fxRun(t, tbl, DefaultParamsIntermediate(), decimal.New(1, 0), fxNoScale)
	changed, exact := 0, 0
	for i := 1; i < len(tbl.Rows); i++ {
		row, orow := tbl.Rows[i], old.Rows[i]
		isChanged := func(col string) bool { return row.Str(col) != orow.Str(col) }
		for col := range mid[i] {
			if row.Has(col) && isChanged(col) {
				changed++
			}
		}
		fxCompare(t, rep, tbl, i, mid[i], isChanged, " (intermediate, changed cells)")
		// The changed cells are the chain's own 34-digit values: they must
		// match digit for digit (the product-first Exp1DivExp1 and the
		// newest chain's Exp rounding, dec.ExpNewest, make them).
		for col, c := range mid[i] {
			if row.Has(col) && isChanged(col) {
				if w := row.MustDec(t, col); c.ok && c.got.Cmp(w) != 0 {
					t.Errorf("epoch %s %s: got %s, chain value %s (not digit for digit)", row.Str("epoch"), col, c.got, w)
				} else {
					exact++
				}
			}
		}
		fxCompare(t, rep, tbl, i, v6[i], func(c string) bool { return !isChanged(c) }, " (v6, unchanged cells)")
	}
	if changed != 13+31+7 {
		t.Errorf("changed synthesis cells: %d, want 51 (README §2.6)", changed)
	}
	t.Logf("%s, %d row pairs, %d changed cells, %d equal to the chain's 34-digit values digit for digit:\n%s", tbl.Name, len(tbl.Rows)-1, changed, exact, rep.String())
}

// TestConformanceMultilabel replays multilabel.csv under Newest: every pair
// (1,2)…(27,28), s* = 1.4826·MAD + ε of row e−1's inferer and forecaster
// network regrets, ε = 0.01, InitialRegret 1e-4 (spec §10; the stores are
// filled, so it only sets A = false), p = 3, c = 0.75.
func TestConformanceMultilabel(t *testing.T) {
	tbl := fixture.Require(t, fixture.Multilabel)
	rep := fixture.NewReport()
	got := fxRun(t, tbl, DefaultParams(), decimal.New(1, -4), fxMADScale)
	for i := 1; i < len(tbl.Rows); i++ {
		fxCompare(t, rep, tbl, i, got[i], func(string) bool { return true }, "")
	}
	// Every store is filled, so the initial regret only decides A: the
	// reference suite's 1 (mockTopic) gives the same values as 1e-4.
	alt := fxRun(t, tbl, DefaultParams(), decimal.New(1, 0), fxMADScale)
	for i := 1; i < len(tbl.Rows); i++ {
		for col, c := range got[i] {
			if a := alt[i][col]; a.ok != c.ok || !a.got.Equal(c.got) {
				t.Fatalf("epoch %s %s: initial regret 1 gives %s, 1e-4 gives %s", tbl.Rows[i].Str("epoch"), col, a.got, c.got)
			}
		}
	}
	t.Logf("%s under Newest, %d row pairs:\n%s", tbl.Name, len(tbl.Rows)-1, rep.String())
}
