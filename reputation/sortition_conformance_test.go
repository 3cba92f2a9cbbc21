package reputation

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// sortition.csv participant columns (fixtures README §5).
func spCol(p int, name string) string { return strconv.Itoa(p) + "_" + name }
func spID(p int) string               { return fmt.Sprintf("participant-%d", p) }

// TestConformanceSortition checks, for every row the reference tests cover
// (301–399, fixtures README §5): the quantile (8.3) of the active
// participants' metrics against quality_percentile, the top-k by previous
// EMA against p_active, and, for every row, the EMA identities (8.2)/(8.5)
// quality_ema = 0.9·prev + 0.1·(metric if active, else quality_percentile).
func TestConformanceSortition(t *testing.T) {
	tab := fixture.Require(t, fixture.Sortition)
	rep := fixture.NewReport()
	p := DefaultParamsV6()
	rows := 0
	for _, row := range tab.Rows {
		epoch, _ := strconv.Atoi(row.Str("epoch"))
		n, _ := strconv.Atoi(row.Str("n_participants"))
		drawn, _ := strconv.Atoi(row.Str("n_participants_drawn"))
		pct := row.MustDec(t, "percentile")
		alpha := row.MustDec(t, "alpha_quality")
		q := pct.Shift(-2)
		pr := p
		pr.MeritSortitionAlpha = alpha.Decimal()
		qPct := row.MustDec(t, "quality_percentile")

		var metrics []decimal.Decimal
		var prevs []loss.Value
		for i := 0; i < n; i++ {
			prevs = append(prevs, loss.Value{ID: spID(i), Value: row.MustDec(t, spCol(i, "prev_quality_ema")).Decimal()})
			active := row.Str(spCol(i, "active")) == "true"
			prev := EMAScore{ID: spID(i), Score: row.MustDec(t, spCol(i, "prev_quality_ema")).Decimal(), BlockHeight: int64(epoch - 1)}
			var got EMAScore
			if active {
				metric := row.MustDec(t, spCol(i, "quality_metric")).Decimal()
				metrics = append(metrics, metric)
				emas, err := UpdateActiveEMAs([]loss.Value{{ID: spID(i), Value: metric}}, []EMAScore{prev}, int64(epoch), pr)
				if err != nil {
					t.Fatal(err)
				}
				got = emas[0]
			} else {
				var err error
				if got, err = PassiveEMA(prev, qPct.Decimal(), int64(epoch), pr); err != nil {
					t.Fatal(err)
				}
			}
			fxCompare(t, rep, "quality_ema", spCol(i, "quality_ema"), row, got.Score, tolFixture)
		}
		if epoch < 301 || epoch > 399 {
			continue
		}
		rows++
		if len(metrics) != drawn {
			t.Fatalf("row %d: %d active participants, %d drawn", epoch, len(metrics), drawn)
		}
		got, err := TopicQuantile(metrics, q.Decimal(), pr)
		if err != nil {
			t.Fatal(err)
		}
		fxCompare(t, rep, "quality_percentile", "quality_percentile", row, got, tolFixture)
		top, err := SelectTop(drawn, prevs)
		if err != nil {
			t.Fatal(err)
		}
		inTop := map[string]bool{}
		for _, v := range top {
			inTop[v.ID] = true
		}
		for i := 0; i < n; i++ {
			if want := row.Str(spCol(i, "active")) == "true"; inTop[spID(i)] != want {
				t.Errorf("row %d participant %d: in top-%d = %v, p_active = %v", epoch, i, drawn, inTop[spID(i)], want)
			}
		}
		// quality_cutoff is the lowest previous EMA among the drawn.
		fxCompare(t, rep, "quality_cutoff", "quality_cutoff", row, top[len(top)-1].Value, dec.Zero())
	}
	if rows != 99 {
		t.Fatalf("checked %d rows, want 99", rows)
	}
	t.Logf("active sets of rows 301-399: all %d match p_active\n%s", rows, rep.String())
}
