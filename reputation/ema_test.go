package reputation

import (
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// TestEMARuleSets checks (8.1)/(8.2) and the V6/NEWEST differences of the
// stored BlockHeight and of the quantile basis (#928).
func TestEMARuleSets(t *testing.T) {
	scores := ClassScores{Scores: []loss.Value{{ID: "a", Value: d("1")}, {ID: "b", Value: d("0")}, {ID: "c", Value: d("-1")}}}
	// b's stored record (0, 0) is first-time even if it has a score of 0;
	// c's record has score 0 at height 7: not first.
	stored := []EMAScore{rec("a", "0.5", 3), rec("c", "0", 7)}
	v6, err := SettleClass(Reputer, scores, stored, d("9"), d("9"), 50, DefaultParamsV6())
	if err != nil {
		t.Fatal(err)
	}
	// a: 0.1·1 + 0.9·0.5 = 0.55; b: first → 0; c: 0.1·(−1) + 0.9·0 = −0.1.
	checkUpdated(t, v6.EMAs, rec("a", "0.55", 50), rec("b", "0", 50), rec("c", "-0.1", 50))
	// V6 quantile over the instant scores [1, 0, −1] at 0.25: P = 1.5,
	// 0 + 0.5·(−1 − 0) = −0.5; the initial EMA is unchanged.
	if !v6.Quantile.Equal(d("-0.5")) || !v6.InitialEMA.Equal(d("9")) {
		t.Fatalf("%+v", v6)
	}
	nw, err := SettleClass(Reputer, scores, stored, d("9"), d("9"), 50, DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	// NEWEST keeps the stored heights.
	checkUpdated(t, nw.EMAs, rec("a", "0.55", 3), rec("b", "0", 0), rec("c", "-0.1", 7))
	// Quantile over the EMAs [0.55, 0, −0.1] at 0.05: P = 1.9,
	// 0 + 0.9·(−0.1) = −0.09. Ē₀ = −0.1 − 2·σ, σ² = ((0.4)² + (−0.15)² +
	// (−0.25)²)/2 = 0.1225, σ = 0.35: −0.8.
	if !nw.Quantile.Equal(d("-0.09")) || !nw.InitialEMA.Equal(d("-0.8")) {
		t.Fatalf("%+v", nw)
	}
	// Single-worker rule: nothing changes.
	one, err := SettleClass(Inferer, ClassScores{Scores: []loss.Value{{ID: "a"}}, Single: true}, nil, d("2"), d("3"), 50, DefaultParams())
	if err != nil || len(one.EMAs) != 0 || !one.Quantile.Equal(d("2")) || !one.InitialEMA.Equal(d("3")) {
		t.Fatalf("%+v %v", one, err)
	}
	// No scores: quantile 0, initial EMA unchanged.
	none, err := SettleClass(Inferer, ClassScores{}, nil, d("2"), d("3"), 50, DefaultParams())
	if err != nil || !none.Quantile.IsZero() || !none.InitialEMA.Equal(d("3")) {
		t.Fatalf("%+v %v", none, err)
	}
	// The MAD spread: EMAs [0.55, 0, −0.1], median 0, deviations [0.55, 0,
	// 0.1], MAD 0.1: Ē₀ = −0.1 − 0.2 = −0.3.
	pm := DefaultParams()
	pm.InitialScoreSpread = SpreadMAD
	v, err := InitialEMAScore([]decimal.Decimal{d("0.55"), d("0"), d("-0.1")}, pm)
	if err != nil || !v.Equal(d("-0.3")) {
		t.Fatalf("MAD: %s %v", v, err)
	}
}
