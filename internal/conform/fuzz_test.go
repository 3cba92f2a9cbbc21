package conform_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/conform"
	"github.com/netmath/netmath/internal/conform/conformtest"
	"github.com/netmath/netmath/internal/scheme"
)

// fuzzSeeds are small valid files of every kind and malformed variants.
func fuzzSeeds(f *testing.F) [][]byte {
	gen := func(s scheme.Shape, rows int) []byte {
		b, err := conformtest.Generate(conformtest.Config{Shape: s, Rows: rows, FirstEpoch: 5})
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	inf := gen(scheme.Shape{Inferers: 2, Forecasters: 1, Reputers: 1}, 2)
	lines := strings.Split(string(inf), "\n")
	return [][]byte{
		inf,
		gen(scheme.Shape{Inferers: 1, Reputers: 1}, 3),
		gen(scheme.Shape{Inferers: 2, Reputers: 1, Labels: 2}, 2),
		[]byte(lines[0] + "\n" + lines[1] + "\n"),
		[]byte(lines[0] + "\n" + lines[2] + "\n" + lines[1] + "\n"),
		[]byte(strings.ReplaceAll(string(inf), ",", ";")),
		[]byte(strings.Replace(string(inf), "0.", "x.", 7)),
		[]byte(lines[0] + ",inference_9\n" + lines[1] + ",1\n"),
		[]byte("epoch,inference_0,reputer_stake_0,reputer_0_loss_network_inference\n1,0.5,\"1\n2\",3\n"),
		[]byte("epoch,n_participants_drawn,percentile,alpha_quality,quality_percentile,quality_cutoff,0_prev_quality_ema,0_active,0_quality_metric,0_quality_ema,0_sort_position_previous_quality_ema,0_sort_position_quality_metrics,1_prev_quality_ema,1_active,1_quality_metric,1_quality_ema\n" +
			"300,1,20,0.1,0.5,0.4,0.4,true,0.5,0.41,0,0,0.3,,,0.32\n301,1,20,0.1,0.6,0.41,0.41,true,0.6,0.429,0,0,0.32,,,0.348\n"),
		[]byte("epoch,time,network_tokens_total,network_tokens_circulating,network_tokens_staked,ecosystem_tokens_total,ecosystem_tokens_emission,investors_preseed_tokens_total,investors_preseed_tokens_emission,investors_seed_tokens_total,investors_seed_tokens_emission,team_tokens_total,team_tokens_emission,ehat_target_i,ehat_max_i,ehat_i,e_i,validator_rewards,topics_rewards,all_topic_weight_sum,topic_id_0,topic_months_live_0,topic_total_stake_0,topic_total_fee_revenue_0,topic_weights_0,topic_rewards_0\n" +
			"0,t,1000000000,100,10,300,0,50,0,260,0,175,0,0,0.01897758586916609,0,0,0,0,0,0,0,0,0,0,0\n" +
			"1,t,1000000000,110,12,290,1.2,50,0,260,0,175,0,0.02,0.01897758586916609,0.01897758586916609,0.01897758586916609,0.3,0.9,1000,1,1,1000,500,707.1,0.9\n"),
		[]byte("\xef\xbb\xbfepoch\r\n1\r\n"),
		[]byte("a,\"b\"\"c\",d\n1,2,3\n"),
		[]byte(""),
	}
}

// FuzzCSVReader fuzzes the reading path alone: header checks, rows of the
// wrong width, quoting, numbers and the kind and shape detection. It must
// return rows or an error wrapping ErrFormat, never panic.
func FuzzCSVReader(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cr, err := conform.NewCSVReader("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, conform.ErrFormat) {
				t.Fatalf("header error %v does not wrap ErrFormat", err)
			}
			return
		}
		h := cr.Header()
		seen := map[string]bool{}
		for _, c := range h {
			if c == "" || seen[c] || !cr.Has(c) {
				t.Fatalf("header %q accepted with an empty, duplicate or unindexed name", h)
			}
			seen[c] = true
		}
		conform.DetectKind(h)
		_, _ = scheme.Detect(h)
		for {
			rec, err := cr.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				if !errors.Is(err, conform.ErrFormat) {
					t.Fatalf("row error %v does not wrap ErrFormat", err)
				}
				return
			}
			if len(rec.Fields) != len(h) {
				t.Fatalf("row of %d fields for %d columns", len(rec.Fields), len(h))
			}
			for _, c := range h {
				if _, _, err := rec.Dec(c); err != nil && !errors.Is(err, conform.ErrFormat) {
					t.Fatalf("field error %v does not wrap ErrFormat", err)
				}
			}
		}
	})
}

// FuzzCheck feeds arbitrary bytes to the whole runner: it must return a
// report or an error wrapping ErrFormat, never panic. Inputs are capped at
// 8 KiB to keep each settlement cheap under the fuzzer.
func FuzzCheck(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 8<<10 {
			return
		}
		rep, err := conform.Check("fuzz.csv", bytes.NewReader(data), conform.Options{})
		if err != nil {
			if rep != nil {
				t.Fatalf("report and error: %v", err)
			}
			if !errors.Is(err, conform.ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		if rep.Rows == 0 {
			t.Fatal("report without rows")
		}
	})
}
