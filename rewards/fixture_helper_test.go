package rewards_test

// Column mapping of the simulator fixtures, generalised to any number of
// inferers, forecasters and reputers found in the header (fixtures README,
// "Generalised column scheme"). Actor i of a class gets the id
// "<class>-<i, 5 digits>", so the id order is the index order, which is the
// stored order of the fixture's score history.

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/rewards"
	"github.com/shopspring/decimal"
)

// relTol is the conformance tolerance (relative; exact for a zero target).
var relTol = dec.New(1, -12)

// classPrefix is the column prefix of a class (inferer_score_3, ...).
func classPrefix(c rewards.Class) string {
	switch c {
	case rewards.Inferers:
		return "inferer"
	case rewards.Forecasters:
		return "forecaster"
	}
	return "reputer"
}

// layout counts the actors of each class from the header.
type layout struct {
	n map[rewards.Class]int
}

func layoutOf(tb testing.TB, t *fixture.Table) layout {
	tb.Helper()
	l := layout{n: map[rewards.Class]int{}}
	for _, c := range []rewards.Class{rewards.Inferers, rewards.Forecasters, rewards.Reputers} {
		re := regexp.MustCompile("^" + classPrefix(c) + `_score_(\d+)$`)
		max := -1
		for _, h := range t.Header {
			if m := re.FindStringSubmatch(h); m != nil {
				i, _ := strconv.Atoi(m[1])
				if i > max {
					max = i
				}
			}
		}
		for i := 0; i <= max; i++ {
			if !t.Has(fmt.Sprintf("%s_score_%d", classPrefix(c), i)) {
				tb.Fatalf("%s: %s scores are not numbered 0..%d", t.Name, classPrefix(c), max)
			}
		}
		l.n[c] = max + 1
	}
	if l.n[rewards.Inferers] == 0 || l.n[rewards.Reputers] == 0 {
		tb.Fatalf("%s: no inferer or reputer columns", t.Name)
	}
	return l
}

func actorID(c rewards.Class, i int) string { return fmt.Sprintf("%s-%05d", classPrefix(c), i) }

// values reads the per-actor family "<prefix>_<family>_<i>" of a class
// (family "score", "reward_fraction", "reward_fraction_smooth", "reward",
// "stake").
func (l layout) values(tb testing.TB, r fixture.Row, c rewards.Class, family string) []loss.Value {
	tb.Helper()
	out := make([]loss.Value, l.n[c])
	for i := range out {
		out[i] = loss.Value{ID: actorID(c, i), Value: r.MustDec(tb, col(c, family, i)).Decimal()}
	}
	return out
}

func col(c rewards.Class, family string, i int) string {
	return fmt.Sprintf("%s_%s_%d", classPrefix(c), family, i)
}

// tokens converts an ALLO amount to base units (×1e18, floored, as the
// reference tests do).
func tokens(x dec.Dec) dec.Dec { return x.Shift(18).Floor() }

// stakes reads reputer_stake_m in base units.
func (l layout) stakes(tb testing.TB, r fixture.Row) []loss.Value {
	tb.Helper()
	out := make([]loss.Value, l.n[rewards.Reputers])
	for i := range out {
		out[i] = loss.Value{ID: actorID(rewards.Reputers, i), Value: tokens(r.MustDec(tb, fmt.Sprintf("reputer_stake_%d", i))).Decimal()}
	}
	return out
}

// fixtureParams are the inference fixture's parameters: V6 rules with the
// simulator's exponents p = 3 (workers) and p = 1 (reputers).
func fixtureParams() rewards.Params {
	p := rewards.DefaultParamsV6()
	p.PRewardInference = decimal.New(3, 0)
	p.PRewardReputer = decimal.New(1, 0)
	return p
}

// checker records comparisons in a fixture report and fails above relTol.
type checker struct {
	t   *testing.T
	rep *fixture.Report
}

func newChecker(t *testing.T) *checker { return &checker{t: t, rep: fixture.NewReport()} }

func (c *checker) dec(family, column, row string, got, want dec.Dec) {
	c.t.Helper()
	if rel := c.rep.Add(family, column, row, got, want); rel.Cmp(relTol) > 0 {
		c.t.Errorf("%s: %s@%s: got %s, want %s (rel %s)", family, column, row, got, want, rel)
	}
}

func (c *checker) num(family, column, row string, got decimal.Decimal, want dec.Dec) {
	c.t.Helper()
	g, err := dec.FromDecimal(got)
	if err != nil {
		c.t.Fatal(err)
	}
	c.dec(family, column, row, g, want)
}

// list compares an id-sorted result with the fixture family of a class.
func (c *checker) list(family string, r fixture.Row, cl rewards.Class, fixtureFamily string, got []loss.Value) {
	c.t.Helper()
	for i, v := range got {
		if v.ID != actorID(cl, i) {
			c.t.Fatalf("%s: result %d has id %q, want %q", family, i, v.ID, actorID(cl, i))
		}
		name := col(cl, fixtureFamily, i)
		c.num(family, name, r.Str("epoch"), v.Value, r.MustDec(c.t, name))
	}
}

func (c *checker) done() {
	c.t.Helper()
	c.t.Log("max relative error per column family:\n" + c.rep.String())
}

func mustDec(tb testing.TB, d decimal.Decimal) dec.Dec {
	tb.Helper()
	x, err := dec.FromDecimal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// quo divides at 40 digits for test-side ratios.
func quo(tb testing.TB, a, b dec.Dec) dec.Dec {
	tb.Helper()
	ctx, _ := dec.NewContext(40, dec.RoundHalfEven)
	q, err := ctx.Quo(a, b)
	if err != nil {
		tb.Fatal(err)
	}
	return q
}
