package conform

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/rewards/settle"
)

var digits = regexp.MustCompile(`\d+`)

func family(col string) string { return digits.ReplaceAllString(col, "#") }

func rowsOf(t *testing.T, tab *fixture.Table) []Row {
	var rows []Row
	for _, r := range tab.Rows {
		e, err := strconv.ParseInt(r.Str("epoch"), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		r := r
		rows = append(rows, Row{Epoch: e, Get: func(col string) (dec.Dec, bool, error) {
			if !r.Has(col) || r.Str(col) == "" {
				return dec.Dec{}, false, nil
			}
			v, err := r.Dec(col)
			return v, err == nil, err
		}})
	}
	return rows
}

func runFile(t *testing.T, file string, rs settle.RuleSet, initial string, storeScale bool) *fixture.Report {
	tab := fixture.Require(t, file)
	shape, err := scheme.Detect(tab.Header)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCodec(shape)
	p, err := settle.SimulatorParams(rs)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for l := 0; l < shape.Labels; l++ {
		labels = append(labels, "label_"+strconv.Itoa(l))
	}
	rows := rowsOf(t, tab)
	rep := fixture.NewReport()
	for e := 1; e < len(rows); e++ {
		st, err := c.State(rows[:e], StateOptions{InitialRegret: dec.MustParse(initial), StoreScale: storeScale, Epsilon: dec.MustParse("0.01")})
		if err != nil {
			t.Fatal(err)
		}
		in, err := c.Input(rows[e], labels)
		if err != nil {
			t.Fatal(err)
		}
		res, err := settle.Epoch(st, in, p)
		if err != nil {
			t.Fatalf("epoch %d: %v", rows[e].Epoch, err)
		}
		row := rows[e]
		c.Values(st, in, res, func(col string, v dec.Dec) {
			want, ok, err := row.Get(col)
			if err != nil || !ok {
				return
			}
			rep.Add(family(col), col, strconv.FormatInt(row.Epoch, 10), v, want)
		})
	}
	return rep
}

func TestSettleReproducesOct2024(t *testing.T) {
	rep := runFile(t, fixture.InferenceOct2024, settle.V6, "1", false)
	t.Log("\n" + rep.String())
}

func TestSettleReproducesMultilabel(t *testing.T) {
	rep := runFile(t, fixture.Multilabel, settle.Newest, "0.0001", true)
	t.Log("\n" + rep.String())
}
