package rewards_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/rewards"
	"github.com/shopspring/decimal"
)

// tokenomicsParams are the tokenomics simulator's parameters: ξ_max =
// 0.009488792934583046 (fixtures README §4, TestEHatMaxAtGenesisFromCsv),
// v = 0.25, f_e = 0.025, α_e = 0.1, NEWEST topic weights with μ = ν = 0.5,
// α = 0.5 per week, a month of 4 weeks, and the vesting test's
// BlocksPerMonth = 525960.
func tokenomicsParams() rewards.Params {
	p := rewards.DefaultParams()
	p.Mint.MaximumMonthlyPercentageYield = decimal.RequireFromString("0.009488792934583046")
	p.BlocksPerMonth = 525960
	p.TopicAlphaBaseBlocks = 525960 / 4
	return p
}

// consistentMonth reports whether a month satisfies (15.4) with the previous
// row's columns: not the vesting months 12–36 (spec §15.6, README §4).
func consistentMonth(i int) bool { return i >= 1 && (i < 12 || i > 36) }

// legacy18 truncates a fixture rate to LegacyDec's 18 places.
func legacy18(x dec.Dec) decimal.Decimal { return x.Shift(18).Trunc().Shift(-18).Decimal() }

// TestFixtureTokenomics checks the emission schedule, the block split, the
// topic weights and topic rewards, and the locked vesting against
// tokenomics.csv (§14.5, §15.5). Token amounts are converted to base units
// (×1e18) and back.
func TestFixtureTokenomics(t *testing.T) {
	tab := fixture.Require(t, fixture.Tokenomics)
	p := tokenomicsParams()
	ck := newChecker(t)
	defer ck.done()
	rows := tab.Rows
	g := func(i int, c string) dec.Dec { return rows[i].MustDec(t, c) }
	units := func(x dec.Dec) decimal.Decimal { return tokens(x).Decimal() }
	back := func(x decimal.Decimal) dec.Dec { return mustDec(t, x).Shift(-18) }

	// (15.5) ê_max with r = 1/3 (18 places) and v = 0.25: the genesis value.
	third := decimal.RequireFromString("0.333333333333333333")
	emax, err := rewards.EmissionMax(third, p)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		ck.num("15.5 ehat_max_i", "ehat_max_i", strconv.Itoa(i), emax, g(i, "ehat_max_i"))
	}

	// Vesting months 0–95 (TestGetLockedVestingTokens): the fully vested
	// amounts are row 0's totals, minus the running sums of the emission
	// columns; a remainder below 1 ALLO counts as 0.
	buckets := []string{"investors_preseed", "investors_seed", "team"}
	cum := make([]dec.Dec, len(buckets))
	for i := range rows {
		v, err := rewards.LockedVesting(int64(i)*p.BlocksPerMonth, p)
		if err != nil {
			t.Fatal(err)
		}
		got := []decimal.Decimal{v.InvestorsPreseed, v.Investors, v.Team}
		var total, wantTotal dec.Dec
		for b, name := range buckets {
			cum[b] = cum[b].Add(g(i, name+"_tokens_emission"))
			want := g(0, name+"_tokens_total").Sub(cum[b])
			if want.Cmp(dec.One()) < 0 {
				want = dec.Zero()
			}
			wantTotal = wantTotal.Add(want)
			total = total.Add(back(got[b]))
			ck.dec("15.2 locked vesting "+name, name, strconv.Itoa(i), back(got[b]), want)
		}
		ck.dec("15.2 locked vesting total", "total", strconv.Itoa(i), back(v.Total), wantTotal)
		ck.dec("15.2 locked vesting total", "sum of buckets", strconv.Itoa(i), total, back(v.Total))
	}

	for i := 1; i < len(rows); i++ {
		row := strconv.Itoa(i)
		if consistentMonth(i) {
			// (15.4) from row i−1 (TestEHatTargetFromCsv).
			et, err := rewards.EmissionTarget(units(g(i-1, "ecosystem_tokens_total")), units(g(i-1, "network_tokens_staked")),
				units(g(i-1, "network_tokens_circulating")), units(g(i-1, "network_tokens_total")), p)
			if err != nil {
				t.Fatal(err)
			}
			ck.num("15.4 ehat_target_i", "ehat_target_i", row, et, g(i, "ehat_target_i"))
			// (15.9) 𝓔_i = trunc(e_i · staked_{i−1}) (TestCalEFromCsv).
			em, err := rewards.EmissionPerMonth(legacy18(g(i, "e_i")), units(g(i-1, "network_tokens_staked")))
			if err != nil {
				t.Fatal(err)
			}
			ck.dec("15.9 ecosystem_tokens_emission", "ecosystem_tokens_emission", row, back(em), g(i, "ecosystem_tokens_emission"))
		}
		// (15.6)–(15.8) ê and e from the row's own target and max and the
		// previous e (TestEhatIFromCsv, TestESubIFromCsv): every month.
		rate, e, err := rewards.SmoothedEmission(legacy18(g(i, "ehat_target_i")), legacy18(g(i, "ehat_max_i")), legacy18(g(i-1, "e_i")), i == 1, p)
		if err != nil {
			t.Fatal(err)
		}
		ck.num("15.6 ehat_i", "ehat_i", row, rate, g(i, "ehat_i"))
		ck.num("15.8 e_i", "e_i", row, e, g(i, "e_i"))
		// (15.12) validator / topic split of the month's emission.
		val, top, err := rewards.SplitBlockEmission(units(g(i, "ecosystem_tokens_emission")), p)
		if err != nil {
			t.Fatal(err)
		}
		ck.dec("15.12 validator_rewards", "validator_rewards", row, back(val), g(i, "validator_rewards"))
		ck.dec("15.12 topics_rewards", "topics_rewards", row, back(top), g(i, "topics_rewards"))

		// §14.5 topic weights and rewards, per topic column.
		prevW := map[string]dec.Dec{}
		for k := 0; tab.Has(fmt.Sprintf("topic_id_%d", k)); k++ {
			prevW[rows[i-1].Str(fmt.Sprintf("topic_id_%d", k))] = g(i-1, fmt.Sprintf("topic_weights_%d", k))
		}
		for k := 0; tab.Has(fmt.Sprintf("topic_id_%d", k)); k++ {
			id := rows[i].Str(fmt.Sprintf("topic_id_%d", k))
			live := rows[i].Str(fmt.Sprintf("topic_months_live_%d", k))
			if live == "0" {
				continue
			}
			wcol := fmt.Sprintf("topic_weights_%d", k)
			prev, ok := prevW[id]
			if live != "1" && !ok {
				continue // the previous weight is not in the file
			}
			tw, err := rewards.CurrentTopicWeight(rewards.TopicWeightInput{
				Stake:             units(g(i, fmt.Sprintf("topic_total_stake_%d", k))),
				FeeRevenue:        units(g(i, fmt.Sprintf("topic_total_fee_revenue_%d", k))),
				EpochLength:       p.BlocksPerMonth,
				PreviousWeight:    prev.Shift(18).Decimal(),
				HasPreviousWeight: live != "1",
			}, p)
			if err != nil {
				t.Fatal(err)
			}
			ck.dec("14.1-14.3 topic_weights", wcol, row, back(tw.Weight), g(i, wcol))
			rcol := fmt.Sprintf("topic_rewards_%d", k)
			tr, err := rewards.TopicReward(g(i, wcol).Decimal(), g(i, "all_topic_weight_sum").Decimal(), g(i, "topics_rewards").Decimal(), 1, p)
			if err != nil {
				t.Fatal(err)
			}
			ck.num("14.7 topic_rewards", rcol, row, tr, g(i, rcol))
		}
	}
}
