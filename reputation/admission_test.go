package reputation

import (
	"slices"
	"testing"
)

func recs(rs ...EMAScore) []EMAScore { return rs }

func rec(id, score string, h int64) EMAScore {
	return EMAScore{ID: id, Score: d(score), BlockHeight: h}
}

func checkUpdated(t *testing.T, got []EMAScore, want ...EMAScore) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("updated %v, want %v", got, want)
	}
	for i := range got {
		if got[i].ID != want[i].ID || !got[i].Score.Equal(want[i].Score) || got[i].BlockHeight != want[i].BlockHeight {
			t.Fatalf("updated %v, want %v", got, want)
		}
	}
}

// TestAdmitV6 walks the V6 admission rules (§9.2) with capacity 2, α_ms =
// 0.1 and stored quantile Q = 0.1.
func TestAdmitV6(t *testing.T) {
	p := DefaultParamsV6()
	p.MaxTopInferersToReward = 2
	q := d("0.1")
	// Below capacity: admitted, nothing else changes (V6 keeps no cache here).
	ad, err := Admit(Submission{Class: Inferer, Actor: "b", Nonce: 10, Set: ActiveSet{Members: []string{"a"}}, Quantile: q}, p)
	if err != nil || !ad.Admitted || !slices.Equal(ad.Set.Members, []string{"a", "b"}) || ad.Set.Lowest != nil || len(ad.Updated) != 0 {
		t.Fatalf("%+v %v", ad, err)
	}
	full := ActiveSet{Members: []string{"b", "a"}}
	emas := recs(rec("a", "0.5", 5), rec("b", "0.2", 5), rec("c", "0.1", 5), rec("d", "0.4", 5))
	// At capacity, below the lowest (b, 0.2, found by scanning): c is
	// pulled toward Q (0.1·0.1 + 0.9·0.1 = 0.1) at nonce 10 and not admitted;
	// the scanned lowest is cached.
	ad, err = Admit(Submission{Class: Inferer, Actor: "c", Nonce: 10, Set: full, EMAs: emas, Quantile: q}, p)
	if err != nil || ad.Admitted || ad.Set.Lowest == nil || ad.Set.Lowest.ID != "b" {
		t.Fatalf("%+v %v", ad, err)
	}
	checkUpdated(t, ad.Updated, rec("c", "0.1", 10))
	// Above the lowest: b evicted and pulled toward Q (0.1·0.1 + 0.9·0.2 =
	// 0.19); the new lowest is the first strict minimum over [a] then d.
	ad, err = Admit(Submission{Class: Inferer, Actor: "d", Nonce: 10, Set: full, EMAs: emas, Quantile: q}, p)
	if err != nil || !ad.Admitted || ad.Evicted != "b" || !slices.Equal(ad.Set.Members, []string{"a", "d"}) || ad.Set.Lowest.ID != "d" {
		t.Fatalf("%+v %v", ad, err)
	}
	checkUpdated(t, ad.Updated, rec("b", "0.19", 10))
	// A stale cache naming a non-member: V6 removes nothing and admits, so
	// the set exceeds its capacity (the bug fixed by #691).
	stale := ActiveSet{Members: []string{"a", "b"}, Lowest: &EMAScore{ID: "zz", Score: d("0"), BlockHeight: 3}}
	ad, err = Admit(Submission{Class: Inferer, Actor: "d", Nonce: 10, Set: stale, EMAs: emas, Quantile: q}, p)
	if err != nil || !ad.Admitted || len(ad.Set.Members) != 3 {
		t.Fatalf("%+v %v", ad, err)
	}
	// A first-time passive actor takes Q (8.1): record (0, 0) → 0.1.
	ad, err = Admit(Submission{Class: Inferer, Actor: "new", Nonce: 10, Set: full, EMAs: emas, Quantile: q}, p)
	if err != nil || ad.Admitted {
		t.Fatalf("%+v %v", ad, err)
	}
	checkUpdated(t, ad.Updated, rec("new", "0.1", 10))
}

// TestAdmitNewest walks the NEWEST admission (§9.3): initial EMA Ē₀ = −1,
// epochs of length 10 ending at 100 (start of the previous epoch 90).
func TestAdmitNewest(t *testing.T) {
	p := DefaultParams()
	p.MaxTopInferersToReward = 2
	q, e0 := d("0.1"), d("-1")
	ep := Epochs{EpochLastEnded: 100, EpochLength: 10}
	sub := func(actor string, set ActiveSet, emas []EMAScore) Submission {
		return Submission{Class: Inferer, Actor: actor, Nonce: 105, Set: set, EMAs: emas, Quantile: q, InitialEMA: e0, Epochs: ep}
	}
	// First submission into an empty set: starts at Ē₀, becomes the cache.
	ad, err := Admit(sub("a", ActiveSet{}, nil), p)
	if err != nil || !ad.Admitted || ad.Set.Lowest == nil || ad.Set.Lowest.ID != "a" {
		t.Fatalf("%+v %v", ad, err)
	}
	checkUpdated(t, ad.Updated, rec("a", "-1", 105))
	// A returning actor that last submitted at 70 missed
	// ⌊(90 − 1 − 70)/10⌋ + 1 = 2 epochs: 0.81·0.5 + 0.19·(−1) = 0.215;
	// admitted below capacity; it does not replace a lower cache.
	set := ActiveSet{Members: []string{"a"}, Lowest: &EMAScore{ID: "a", Score: d("-1"), BlockHeight: 105}}
	emas := recs(rec("a", "-1", 105), rec("b", "0.5", 70))
	ad, err = Admit(sub("b", set, emas), p)
	if err != nil || !ad.Admitted || ad.Set.Lowest.ID != "a" {
		t.Fatalf("%+v %v", ad, err)
	}
	checkUpdated(t, ad.Updated, rec("b", "0.215", 105))
	// Full set {a, b}: a newcomer at Ē₀ = −1 does not beat the lowest (−1):
	// not admitted, keeps Ē₀ (no passive update for a first submission).
	full := ActiveSet{Members: []string{"a", "b"}, Lowest: &EMAScore{ID: "a", Score: d("-1"), BlockHeight: 105}}
	emas = recs(rec("a", "-1", 105), rec("b", "0.215", 105), rec("c", "0.3", 95))
	ad, err = Admit(sub("n", full, emas), p)
	if err != nil || ad.Admitted {
		t.Fatalf("%+v %v", ad, err)
	}
	checkUpdated(t, ad.Updated, rec("n", "-1", 105))
	// A returning actor without missed epochs (95 >= 90) above the lowest
	// evicts a, which is pulled toward Q: 0.1·0.1 + 0.9·(−1) = −0.89.
	ad, err = Admit(sub("c", full, emas), p)
	if err != nil || !ad.Admitted || ad.Evicted != "a" || ad.Set.Lowest.ID != "b" {
		t.Fatalf("%+v %v", ad, err)
	}
	checkUpdated(t, ad.Updated, rec("a", "-0.89", 105), rec("c", "0.3", 105))
}
