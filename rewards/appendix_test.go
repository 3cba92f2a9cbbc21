package rewards

import (
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func d(s string) dec.Dec { return dec.MustParse(s) }

func ds(ss ...string) []dec.Dec {
	out := make([]dec.Dec, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

// relClose reports |got − want| <= tol·|want|.
func relClose(got, want dec.Dec, tol string) bool {
	m, _ := dec.Reference().Mul(d(tol), want.Abs())
	return got.Sub(want).Abs().Cmp(m) <= 0
}

// TestAppendixB1 checks the task split of spec Appendix B.1 (the inference
// simulator's epochs 300–305 as tabulated in the spec, 11–12 significant
// digits): from E, F, G, H and χ = 0.5 (τ >= 1 in every row), the fractions
// U/E, V/E, W/E. The tolerance covers the table's rounding.
func TestAppendixB1(t *testing.T) {
	// Columns: E, F, G, H, τ, U/E, V/E, W/E (spec Appendix B.1).
	rows := [][8]string{
		{"7708.805149", "1.42669818568", "1.0815598137", "1.514984586", "5.29370262084", "0.35461400982", "0.268827889631", "0.376558100549"},
		{"7633.942328", "1.5008128074", "1.09373402782", "1.51074795336", "4.93402552406", "0.365579790171", "0.266420338646", "0.367999871183"},
		{"7649.630949", "1.49002407191", "1.09035819684", "1.50814917256", "4.47636020093", "0.364439920128", "0.266687003021", "0.368873076851"},
		{"7632.186675", "1.51671514291", "1.09474073708", "1.50827666238", "4.27447330451", "0.368158643144", "0.265731021569", "0.366110335287"},
		{"7637.22437", "1.47375712015", "1.09449700671", "1.50904861995", "3.88622862814", "0.361453934542", "0.268436531373", "0.370109534085"},
		{"7681.699799", "1.4996598221", "1.07906645828", "1.50674907486", "3.64805656602", "0.367071072936", "0.264122620858", "0.368806306207"},
	}
	ctx := dec.Reference()
	for i, r := range rows {
		chi, err := chiOf(ctx, d(r[4]))
		if err != nil || chi.Cmp(d("0.5")) != 0 {
			t.Fatalf("row %d: χ = %s, %v; want 0.5 (spec B.1)", i, chi, err)
		}
		s, err := splitOf(ctx, d(r[0]), d(r[1]), d(r[2]), d(r[3]), chi)
		if err != nil {
			t.Fatal(err)
		}
		for j, got := range []dec.Dec{s.u, s.v, s.w} {
			frac, _ := ctx.Quo(got, d(r[0]))
			if !relClose(frac, d(r[5+j]), "1e-10") {
				t.Errorf("row %d task %d: %s, want %s (spec B.1)", i, j, frac, r[5+j])
			}
		}
		// U + V + W = E up to the 34-digit truncation of each term.
		if sum := dec.Sum([]dec.Dec{s.u, s.v, s.w}); !relClose(sum, d(r[0]), "1e-32") {
			t.Errorf("row %d: U+V+W = %s, want E = %s", i, sum, r[0])
		}
	}
}

// TestAppendixB4 checks the worker mapping of spec Appendix B.4 (float64
// values from the spec, 16–17 digits): T = [0.1, 0.3, −0.2], Σ_hist = T ++
// [0.05, 0.25, −0.1], p = 3, c = 0.75, ε = 0.01.
func TestAppendixB4(t *testing.T) {
	scores := ds("0.1", "0.3", "-0.2")
	sample := ds("0.1", "0.3", "-0.2", "0.05", "0.25", "-0.1")
	u, sigma, err := workerFractions(dec.Reference(), scores, sample, d("3"), d("0.75"), d("0.01"))
	if err != nil {
		t.Fatal(err)
	}
	if !relClose(sigma, d("0.19407902170679517"), "1e-15") {
		t.Errorf("σ = %s, want 0.19407902170679517 (spec B.4)", sigma)
	}
	want := ds("0.1422833122763407", "0.8556216210875807", "0.00209506663607854")
	for i := range want {
		if !relClose(u[i], want[i], "1e-14") {
			t.Errorf("u[%d] = %s, want %s (spec B.4)", i, u[i], want[i])
		}
	}
}

// TestAppendixB7 checks the emission values of spec Appendix B.7 that need
// no fixture input: ê_max = 0.009488792934583046 / (0.25 + 0.75 ·
// 0.333333333333333333) and ê(61) = min(ê_target(61), ê_max). (e_61 and
// 𝓔_61 need row-60 fixture inputs; TestFixtureTokenomics checks them.)
func TestAppendixB7(t *testing.T) {
	p := DefaultParams()
	p.Mint.MaximumMonthlyPercentageYield = decimal.RequireFromString("0.009488792934583046")
	got, err := EmissionMax(decimal.RequireFromString("0.333333333333333333"), p)
	if err != nil {
		t.Fatal(err)
	}
	// LegacyDec: 0.75·0.333333333333333333 = 0.24999999999999999975 rounds
	// half-even to 0.25, so f_stakers = 0.5 exactly and ê_max =
	// 0.018977585869166092 exactly; the spec's float64 prints
	// 0.01897758586916609.
	if !got.Equal(decimal.RequireFromString("0.018977585869166092")) {
		t.Errorf("ê_max = %s, want 0.018977585869166092 (spec B.7)", got)
	}
	rate, _, err := SmoothedEmission(decimal.RequireFromString("0.004971693234600156"), got, decimal.Zero, true, p)
	if err != nil {
		t.Fatal(err)
	}
	if !rate.Equal(decimal.RequireFromString("0.004971693234600156")) {
		t.Errorf("ê(61) = %s, want ê_target(61) = 0.004971693234600156 (spec B.7)", rate)
	}
}

// TestSingleParticipantEntropy checks (11.5) and that the lone actor's
// fraction is still smoothed and stored.
func TestSingleParticipantEntropy(t *testing.T) {
	ce, err := entropyOf(dec.Reference(), ds("1"), ds("0.5"), []bool{true}, d("0.1"), d("0.25"), false)
	if err != nil {
		t.Fatal(err)
	}
	if ce.entropy.Cmp(d("0.173286795139986")) != 0 {
		t.Errorf("H = %s, want 0.173286795139986 (spec 11.5)", ce.entropy)
	}
	// ũ = 0.1·1 + 0.9·0.5 = 0.55 (11.1); f = 1 (11.2); V6 stores f.
	if ce.smoothed[0].Cmp(d("0.55")) != 0 || ce.modified[0].Cmp(d("1")) != 0 || ce.stored[0].Cmp(d("1")) != 0 {
		t.Errorf("ũ, f, stored = %s, %s, %s; want 0.55, 1, 1", ce.smoothed[0], ce.modified[0], ce.stored[0])
	}
	// N_eff (V6) = 1/ũ² = 1/0.3025 = 3.305785123966942148760330578512396 (truncated).
	if ce.neff.Cmp(d("3.305785123966942148760330578512396")) != 0 {
		t.Errorf("N_eff = %s", ce.neff)
	}
}

// TestEqualFractionsEntropy: N equal fractions with no history give
// N_eff = N, a multiplier of 1 and H = ln N (spec 11.3–11.4); ln 4 =
// 1.386294361119890618834464242916353136... (60-digit reference).
func TestEqualFractionsEntropy(t *testing.T) {
	u := ds("0.25", "0.25", "0.25", "0.25")
	ce, err := entropyOf(dec.Reference(), u, make([]dec.Dec, 4), make([]bool, 4), d("0.1"), d("0.25"), true)
	if err != nil {
		t.Fatal(err)
	}
	if ce.neff.Cmp(d("4")) != 0 {
		t.Errorf("N_eff = %s, want 4", ce.neff)
	}
	if !relClose(ce.entropy, d("1.386294361119890618834464242916353136"), "1e-33") {
		t.Errorf("H = %s, want ln 4", ce.entropy)
	}
}

// TestRuleSetEntropyDifference: when the previous fractions do not sum to 1
// over the current actors, V6 and NEWEST differ (spec §11): V6 feeds ũ to
// N_eff and stores f; NEWEST feeds f and stores ũ.
func TestRuleSetEntropyDifference(t *testing.T) {
	u := ds("0.5", "0.5")
	prev := ds("0.2", "0.2") // an actor left: the stored fractions sum to 0.4
	has := []bool{true, true}
	v6, err := entropyOf(dec.Reference(), u, prev, has, d("0.1"), d("0.25"), false)
	if err != nil {
		t.Fatal(err)
	}
	nw, err := entropyOf(dec.Reference(), u, prev, has, d("0.1"), d("0.25"), true)
	if err != nil {
		t.Fatal(err)
	}
	// ũ = 0.1·0.5 + 0.9·0.2 = 0.23 each; f = 0.5 each.
	// V6: N_eff = 1/(2·0.0529) = 9.451795841209829867674858223062381 (truncated);
	// NEWEST: N_eff = 1/(2·0.25) = 2.
	if v6.neff.Cmp(d("9.451795841209829867674858223062381")) != 0 || nw.neff.Cmp(d("2")) != 0 {
		t.Errorf("N_eff V6 %s, NEWEST %s", v6.neff, nw.neff)
	}
	if v6.stored[0].Cmp(d("0.5")) != 0 || nw.stored[0].Cmp(d("0.23")) != 0 {
		t.Errorf("stored V6 %s (want f = 0.5), NEWEST %s (want ũ = 0.23)", v6.stored[0], nw.stored[0])
	}
	// NEWEST: H = ln 2 · (2/2)^0.25 = ln 2; V6: H = ln 2 · (9.45…/2)^0.25.
	if !relClose(nw.entropy, d("0.6931471805599453094172321214581765680755"), "1e-33") {
		t.Errorf("NEWEST H = %s, want ln 2", nw.entropy)
	}
	if v6.entropy.Cmp(nw.entropy) <= 0 {
		t.Errorf("V6 H = %s should exceed NEWEST H = %s (N_eff/N > 1)", v6.entropy, nw.entropy)
	}
}

func TestChi(t *testing.T) {
	// (12.6): χ = 0.1 for τ < 0, 0.5 for τ >= 1, else 0.1 + 0.4τ.
	for _, c := range []struct{ tau, chi string }{
		{"-0.5", "0.1"}, {"0", "0.1"}, {"0.5", "0.3"}, {"0.25", "0.2"}, {"0.999", "0.4996"}, {"1", "0.5"}, {"7", "0.5"},
	} {
		got, err := Chi(decimal.RequireFromString(c.tau), DefaultParams())
		if err != nil || !got.Equal(decimal.RequireFromString(c.chi)) {
			t.Errorf("χ(%s) = %s, %v; want %s", c.tau, got, err, c.chi)
		}
	}
}

func TestScoreRatio(t *testing.T) {
	ctx := dec.Reference()
	for _, c := range []struct {
		name          string
		scores        []dec.Dec
		tf, prev      string
		reset         bool
		tau, chi      string
		tie           bool
		maxInfScore   string
		justification string
	}{
		// M⁺ = 0.5, T^f = 0.25: τ = 0.1·0.5 + 0.9·1 = 0.95, χ = 0.1 + 0.4·0.95 = 0.48.
		{"positive", ds("0.5", "-1", "0.2"), "0.25", "1", true, "0.95", "0.48", false, "0.5", "12.5"},
		// All inferer scores negative: M⁺ = 0 (accumulator starts at 0), Δ = |T^f|,
		// ratio = −0.2/0.2 = −1: τ = −0.1 + 0.9·0.5 = 0.35, χ = 0.24.
		{"negative max", ds("-0.5", "-1"), "-0.2", "0.5", true, "0.35", "0.24", false, "0", "12.1, 12.3"},
		// Tie (12.2): M⁺ = 0 and T^f = 0 → χ = 0.5 and τ reset to 0 (V6 quirk) …
		{"tie reset", ds("-0.5", "0"), "0", "3", true, "0", "0.5", true, "0", "12.2"},
		// … or kept with ResetScoreRatioOnTie = false.
		{"tie keep", ds("-0.5", "0"), "0", "3", false, "3", "0.5", true, "0", "12.2"},
	} {
		u, err := utilityOf(ctx, c.scores, d(c.tf), d(c.prev), d("0.1"), c.reset)
		if err != nil {
			t.Fatal(err)
		}
		if u.tau.Cmp(d(c.tau)) != 0 || u.chi.Cmp(d(c.chi)) != 0 || u.tie != c.tie || u.maxScore.Cmp(d(c.maxInfScore)) != 0 {
			t.Errorf("%s (%s): τ %s χ %s tie %v M⁺ %s; want %s %s %v %s", c.name, c.justification, u.tau, u.chi, u.tie, u.maxScore, c.tau, c.chi, c.tie, c.maxInfScore)
		}
	}
}

// TestSplitWithoutForecasters: G = 0 gives γ = 1/(1−χ), U = F/(F+H)·E and
// V = 0 (spec §12.4).
func TestSplitWithoutForecasters(t *testing.T) {
	s, err := splitOf(dec.Reference(), d("1000"), d("1"), dec.Zero(), d("1"), d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	if s.gamma.Cmp(d("2")) != 0 || s.u.Cmp(d("500")) != 0 || !s.v.IsZero() || s.w.Cmp(d("500")) != 0 {
		t.Errorf("γ %s U %s V %s W %s; want 2 500 0 500", s.gamma, s.u, s.v, s.w)
	}
}

func TestApportion(t *testing.T) {
	third := d("0.3333333333333333333333333333333333") // 1/3 truncated at 34 digits
	for _, c := range []struct {
		w    []dec.Dec
		pool int64
		want []int64
	}{
		// Equal remainders: the extra unit goes to the lowest index (id).
		{[]dec.Dec{third, third, third}, 100, []int64{34, 33, 33}},
		{[]dec.Dec{third, third, third}, 2, []int64{1, 1, 0}},
		// Exact shares need no leftover.
		{ds("0.5", "0.25", "0.25"), 8, []int64{4, 2, 2}},
		// Largest remainder: 10·(0.15, 0.15, 0.7) = (1.5, 1.5, 7) → (2, 1, 7).
		{ds("0.15", "0.15", "0.7"), 10, []int64{2, 1, 7}},
		// Zero weights get nothing.
		{ds("0", "1", "0"), 5, []int64{0, 5, 0}},
		{ds("0", "0"), 0, []int64{0, 0}},
	} {
		got, err := apportion(c.w, bigInt(c.pool))
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if got[i].Int64() != c.want[i] {
				t.Errorf("apportion(%v, %d) = %v, want %v", c.w, c.pool, got, c.want)
				break
			}
		}
	}
	if _, err := apportion(ds("0", "0"), bigInt(1)); err == nil {
		t.Error("apportioning a positive pool over zero weights must fail")
	}
}

func TestReferencePayouts(t *testing.T) {
	p := DefaultParams()
	fr := []loss.Value{{ID: "a", Value: decimal.RequireFromString("0.3333333333333333333333333333333333")},
		{ID: "b", Value: decimal.RequireFromString("0.6666666666666666666666666666666666")}}
	got, err := Payouts(fr, decimal.RequireFromString("100.9"), p)
	if err != nil {
		t.Fatal(err)
	}
	// trunc(100.9/3) = 33, trunc(2·100.9/3) = 67: 100 paid, 0.9 dust.
	if !got[0].Value.Equal(decimal.NewFromInt(33)) || !got[1].Value.Equal(decimal.NewFromInt(67)) {
		t.Errorf("payouts %v", got)
	}
	p.PayoutMode = PayoutConserving
	if _, err := Payouts(fr, decimal.RequireFromString("100.9"), p); err == nil {
		t.Error("conserving mode must reject a fractional pool")
	}
	got, err = Payouts(fr, decimal.NewFromInt(101), p)
	if err != nil || !got[0].Value.Equal(decimal.NewFromInt(34)) || !got[1].Value.Equal(decimal.NewFromInt(67)) {
		t.Errorf("conserving payouts %v, %v; want 34, 67", got, err)
	}
}

func TestDelegatorSplit(t *testing.T) {
	for _, c := range []struct {
		mode                PayoutMode
		reward, stake, del  string
		rep, dels, perShare string
		provenance          string
	}{
		// ρ = 100/400 = 0.25: D = 250, the reputer keeps 750, per share 2.5.
		{PayoutReference, "1000", "400", "100", "750", "250", "2.5", "13.3"},
		// R = 999.9: D = trunc(249.975) = 249, reputer trunc(750.9) = 750.
		{PayoutReference, "999.9", "400", "100", "750", "249", "2.49", "13.3"},
		// Conserving: D = ⌊999·100/400⌋ = 249, reputer 750 (sum 999).
		{PayoutConserving, "999", "400", "100", "750", "249", "2.49", "13.3"},
		// No delegation: everything to the reputer, per share 0.
		{PayoutReference, "10", "400", "0", "10", "0", "0", "13.3"},
	} {
		p := DefaultParams()
		p.PayoutMode = c.mode
		s, err := SplitDelegatorReward(decimal.RequireFromString(c.reward), decimal.RequireFromString(c.stake), decimal.RequireFromString(c.del), p)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Reputer.Equal(decimal.RequireFromString(c.rep)) || !s.Delegators.Equal(decimal.RequireFromString(c.dels)) || !s.RewardPerShare.Equal(decimal.RequireFromString(c.perShare)) {
			t.Errorf("%s %s: got %+v", c.mode, c.reward, s)
		}
	}
}

func TestLegacyRound(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0.0000000000000000005", "0"},                     // tie → even 0
		{"0.0000000000000000015", "0.000000000000000002"},  // tie → even 2
		{"0.0000000000000000025", "0.000000000000000002"},  // tie → even 2
		{"0.00000000000000000251", "0.000000000000000003"}, // above the tie
		{"-0.0000000000000000015", "-0.000000000000000002"},
		{"0.24999999999999999975", "0.25"},
		{"1.5", "1.5"},
	} {
		if got := legacyRound(d(c.in)); got.Cmp(d(c.want)) != 0 {
			t.Errorf("legacyRound(%s) = %s, want %s", c.in, got, c.want)
		}
	}
	// Quo truncates at 36 places before rounding: 2/3 = 0.666…(36)…6 → …667.
	if q, _ := legacyQuo(d("2"), d("3")); q.Cmp(d("0.666666666666666667")) != 0 {
		t.Errorf("2/3 = %s", q)
	}
}

func TestLockedVestingSchedule(t *testing.T) {
	p := DefaultParams()
	p.BlocksPerMonth = 100
	for _, c := range []struct {
		h                  int64
		preseed, inv, team string
	}{
		// Full buckets: 5 %, 26.05 %, 17.5 % of 1e27 (§15.1).
		{0, "5e25", "2.605e26", "1.75e26"},
		{1199, "5e25", "2.605e26", "1.75e26"},
		// Month 12: 24/36 = 0.666666666666666667 (LegacyDec) of each, truncated.
		{1200, "33333333333333333350000000", "173666666666666666753500000", "116666666666666666725000000"},
		// Month 35: 1/36 = 0.027777777777777778.
		{3500, "1388888888888888900000000", "7236111111111111169000000", "4861111111111111150000000"},
		{3600, "0", "0", "0"},
	} {
		v, err := LockedVesting(c.h, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []struct {
			got  decimal.Decimal
			want string
		}{{v.InvestorsPreseed, c.preseed}, {v.Investors, c.inv}, {v.Team, c.team}} {
			if !x.got.Equal(decimal.RequireFromString(x.want)) {
				t.Errorf("h=%d: %s, want %s", c.h, x.got, x.want)
			}
		}
	}
}

func TestTopicWeightRules(t *testing.T) {
	in := TopicWeightInput{Stake: decimal.NewFromInt(400), FeeRevenue: decimal.NewFromInt(100), EpochLength: 4}
	// V6 (14.1): ŵ = √400 · √(100/4) = 20·5 = 100; first epoch w = ŵ; active at MinTopicWeight 100.
	v6, err := CurrentTopicWeight(in, DefaultParamsV6())
	if err != nil || !v6.Weight.Equal(decimal.NewFromInt(100)) || !v6.Active || !v6.Alpha.Equal(decimal.RequireFromString("0.5")) {
		t.Errorf("V6: %+v, %v", v6, err)
	}
	// NEWEST (#776): ŵ = √400 · √100 = 200.
	// Cadence (#764): L = 4 blocks, B_base = 216000 → α_eff = 1 − 0.5^(4/216000).
	nw, err := CurrentTopicWeight(in, DefaultParams())
	if err != nil || !nw.Target.Equal(decimal.NewFromInt(200)) || !nw.Weight.Equal(decimal.NewFromInt(200)) {
		t.Errorf("NEWEST: %+v, %v", nw, err)
	}
	// With a previous weight: monthly epoch = 4 base intervals → α = 0.9375,
	// w = 0.9375·200 + 0.0625·40 = 190.
	p := DefaultParams()
	in.EpochLength = 4 * p.TopicAlphaBaseBlocks
	in.PreviousWeight, in.HasPreviousWeight = decimal.NewFromInt(40), true
	nw, err = CurrentTopicWeight(in, p)
	if err != nil || !nw.Alpha.Equal(decimal.RequireFromString("0.9375")) || !nw.Weight.Equal(decimal.NewFromInt(190)) {
		t.Errorf("NEWEST EMA: %+v, %v", nw, err)
	}
	// Zero revenue (14.2): weight 0, no EMA, inactive.
	in.FeeRevenue = decimal.Zero
	nw, err = CurrentTopicWeight(in, p)
	if err != nil || !nw.Weight.IsZero() || nw.Active {
		t.Errorf("zero revenue: %+v, %v", nw, err)
	}
	// Zero stake: the Pow guard gives 0^0.5 = 0, no error.
	in.FeeRevenue, in.Stake = decimal.NewFromInt(100), decimal.Zero
	nw, err = CurrentTopicWeight(in, p)
	if err != nil || !nw.Target.IsZero() {
		t.Errorf("zero stake: %+v, %v", nw, err)
	}
}

func TestFeeRevenueDrip(t *testing.T) {
	p := DefaultParams()
	p.BlocksPerMonth = 4345 // a week of 1000 blocks
	// L = 100: 10 epochs per week, ΔC = C/10; C = 1005 → trunc(904.5) = 904.
	got, err := FeeRevenueDrip(decimal.NewFromInt(1005), 100, p)
	if err != nil || !got.Equal(decimal.NewFromInt(904)) {
		t.Errorf("drip: %s, %v", got, err)
	}
	// L longer than a week: ΔC > C → 0.
	got, err = FeeRevenueDrip(decimal.NewFromInt(1005), 2000, p)
	if err != nil || !got.IsZero() {
		t.Errorf("drip: %s, %v", got, err)
	}
}

func TestTopicRewardsCap(t *testing.T) {
	p := DefaultParams()
	topics := []TopicShare{{ID: "b", Weight: decimal.NewFromInt(1), EpochLength: 10}, {ID: "a", Weight: decimal.NewFromInt(3), EpochLength: 10}}
	// (14.7): E = w/Σw · e_block · L with Σw = 4, e_block = 100: a 750, b 250.
	got, err := TopicRewards(topics, decimal.NewFromInt(4), decimal.NewFromInt(100), decimal.NewFromInt(5000), p)
	if err != nil || got[0].ID != "a" || !got[0].Value.Equal(decimal.NewFromInt(750)) || !got[1].Value.Equal(decimal.NewFromInt(250)) {
		t.Errorf("uncapped: %v, %v", got, err)
	}
	// (14.8) treasury 400 < 1000: B·wL/Σ(wL) = 300, 100.
	got, err = TopicRewards(topics, decimal.NewFromInt(4), decimal.NewFromInt(100), decimal.NewFromInt(400), p)
	if err != nil || !got[0].Value.Equal(decimal.NewFromInt(300)) || !got[1].Value.Equal(decimal.NewFromInt(100)) {
		t.Errorf("capped: %v, %v", got, err)
	}
	// One topic: E = B.
	got, err = TopicRewards(topics[:1], decimal.NewFromInt(4), decimal.NewFromInt(100), decimal.NewFromInt(7), p)
	if err != nil || !got[0].Value.Equal(decimal.NewFromInt(7)) {
		t.Errorf("one topic capped: %v, %v", got, err)
	}
	// (14.9) empty treasury: nothing.
	got, err = TopicRewards(topics, decimal.NewFromInt(4), decimal.NewFromInt(100), decimal.Zero, p)
	if err != nil || !got[0].Value.IsZero() || !got[1].Value.IsZero() {
		t.Errorf("empty treasury: %v, %v", got, err)
	}
}

func TestMonthlyEmission(t *testing.T) {
	p := DefaultParams()
	p.BlocksPerMonth = 1000
	p.Mint.MaxSupply = decimal.NewFromInt(1_000_000)
	in := EmissionInput{
		BlockHeight:                    500, // first month, vesting fully locked
		BondedTokens:                   decimal.NewFromInt(60_000),
		EmissionsStake:                 decimal.NewFromInt(40_000),
		EcosystemBalance:               decimal.NewFromInt(100_000),
		EcosystemMinted:                decimal.NewFromInt(59_500),
		PreviousRewardToStakedReputers: decimal.RequireFromString("0.3"),
	}
	e, err := MonthlyEmission(in, p)
	if err != nil {
		t.Fatal(err)
	}
	// N_staked = 100000; T_eco = 100000 + (359500 − 59500) = 400000;
	// locked = 50000 + 260500 + 175000 = 485500; N_circ = 1e6 − 485500 − 400000 = 114500.
	// ê_target = 0.025 · 4 · 0.1145 = 0.01145; f_stakers = 0.25 + 0.75·0.3 = 0.475,
	// ê_max = 0.0095/0.475 = 0.02; ê = 0.01145; first month e = ê;
	// 𝓔 = trunc(0.01145·100000) = 1145; e_block = 1145 ÷ 1000 = 1.
	for _, c := range []struct {
		got  decimal.Decimal
		want string
	}{{e.Staked, "100000"}, {e.EcosystemLocked, "400000"}, {e.LockedVesting, "485500"}, {e.Circulating, "114500"},
		{e.Target, "0.01145"}, {e.Max, "0.02"}, {e.Rate, "0.01145"}, {e.SmoothedRate, "0.01145"},
		{e.MonthlyEmission, "1145"}, {e.BlockEmission, "1"}} {
		if !c.got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("got %s, want %s (%+v)", c.got, c.want, e)
		}
	}
	// Later month: e = 0.1·ê + 0.9·e_prev = 0.001145 + 0.9·0.02 = 0.019145.
	in.BlockHeight, in.PreviousRate = 1500, decimal.RequireFromString("0.02")
	if e, err = MonthlyEmission(in, p); err != nil || !e.SmoothedRate.Equal(decimal.RequireFromString("0.019145")) {
		t.Errorf("second month: %+v, %v", e, err)
	}
	// Block split (15.12): v = 0.25 of 1003 → 250 and 753.
	v, r, err := SplitBlockEmission(decimal.NewFromInt(1003), p)
	if err != nil || !v.Equal(decimal.NewFromInt(250)) || !r.Equal(decimal.NewFromInt(753)) {
		t.Errorf("split: %s %s %v", v, r, err)
	}
	// (15.11): minted = min(e_block − balance, cap − minted).
	m, err := BlockMint(decimal.NewFromInt(500), decimal.NewFromInt(100), decimal.NewFromInt(359_300), p)
	if err != nil || !m.Equal(decimal.NewFromInt(200)) {
		t.Errorf("mint: %s %v", m, err)
	}
	// Disabled emission (NEWEST #708).
	p.Mint.EmissionEnabled = false
	if e, err = MonthlyEmission(in, p); err != nil || !e.MonthlyEmission.IsZero() || !e.BlockEmission.IsZero() {
		t.Errorf("disabled: %+v, %v", e, err)
	}
}

func bigInt(v int64) *big.Int { return big.NewInt(v) }

func mustD(t *testing.T, x decimal.Decimal) dec.Dec {
	t.Helper()
	v, err := dec.FromDecimal(x)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ctxMul(a, b dec.Dec) (dec.Dec, error) { return dec.Reference().Mul(a, b) }
