package regret

import (
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/shopspring/decimal"
)

// conformanceTolerance is the relative tolerance of the fixture checks: the
// fixture values are float64 renderings, so ~1e-16 is the floor.
var conformanceTolerance = dec.New(1, -12)

// checkRegretFixture replays every consecutive row pair (e−1, e) of a
// fixture: the state from row e−1's regret columns, the bundle from row e's
// network-loss columns, α = 0.1; every regret column of row e must be
// reproduced within conformanceTolerance (relative). The reference test
// (TestGetCalcSetNetworkRegretsFromCsv) uses InitialRegret 1 from the
// mock topic, ε 1e-4, q 0.5, κ 1; all fixture workers have stored regrets,
// so none of these reach a regret value.
func checkRegretFixture(t *testing.T, name string, rs RuleSet) {
	tbl := fixture.Require(t, name)
	l := fxLayoutOf(t, tbl)
	if l.n == 0 || l.f == 0 {
		t.Fatalf("%s: layout N=%d F=%d", name, l.n, l.f)
	}
	cols := l.regretColumns()
	p := DefaultParams()
	p.RuleSet = rs
	p.AlphaRegret = decimal.New(1, -1)
	p.Epsilon = decimal.New(1, -4)
	p.InitialRegretQuantile = decimal.New(5, -1)
	p.PNormSafeDiv = decimal.New(1, 0)
	rep := fixture.NewReport()
	pairs := 0
	for i := 1; i < len(tbl.Rows); i++ {
		prevRow, row := tbl.Rows[i-1], tbl.Rows[i]
		epoch := row.Str("epoch")
		in := Input{Previous: l.stateFromRow(t, prevRow, decimal.New(1, 0)), Losses: l.bundleFromRow(t, row)}
		out, err := Update(in, p)
		if err != nil {
			t.Fatalf("%s epoch %s: %v", name, epoch, err)
		}
		if len(out.NewInferers)+len(out.NewForecasters) != 0 {
			t.Errorf("%s epoch %s: unexpected new participants %v %v", name, epoch, out.NewInferers, out.NewForecasters)
		}
		for _, c := range cols {
			got, ok := c.lookup(out.State)
			if !ok {
				t.Errorf("%s epoch %s: %s: no entry %q/%q", name, epoch, c.col, c.net, c.worker)
				continue
			}
			want := row.MustDec(t, c.col)
			if rel := rep.Add(c.family, c.col, epoch, fxDec(t, got), want); rel.Cmp(conformanceTolerance) > 0 {
				t.Errorf("%s epoch %s %s: got %s want %s (rel %s)", name, epoch, c.col, got, want, rel)
			}
		}
		pairs++
	}
	t.Logf("%s: N=%d F=%d, %d row pairs, %d regret columns each, rule set %s\n%s", name, l.n, l.f, pairs, len(cols), rs, rep.String())
}

func TestConformanceOct2024(t *testing.T) {
	checkRegretFixture(t, fixture.InferenceOct2024, V6)
}

func TestConformanceLatest(t *testing.T) {
	checkRegretFixture(t, fixture.InferenceLatest, Intermediate)
}

func TestConformanceMultilabel(t *testing.T) {
	checkRegretFixture(t, fixture.Multilabel, Newest)
}
