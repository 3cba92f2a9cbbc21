package dec_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// ds parses a list of constants.
func ds(xs ...string) []dec.Dec {
	out := make([]dec.Dec, len(xs))
	for i, x := range xs {
		out[i] = d(x)
	}
	return out
}

// TestQuantile: the reference's GetQuantileOfDecs (descending sort,
// pos = (1−q)(n−1) rounded, linear interpolation) is numpy's "linear"
// percentile. Expected values are numpy's rule worked by hand on the
// ascending sort a: h = q(n−1), Q = a[⌊h⌋] + (h−⌊h⌋)(a[⌊h⌋+1] − a[⌊h⌋]).
//
// The spec's check value 0.3354820760526412 (CalcTopicInitialRegret) is
// not used: its inputs are not given in the spec.
func TestQuantile(t *testing.T) {
	third := "0." + strings.Repeat("3", 34)
	cases := []struct {
		xs   []string
		q    string
		want string
	}{
		{[]string{"1", "2", "3", "4"}, "0.25", "1.75"},        // h = 0.75: 1 + 0.75·1
		{[]string{"4", "1", "3", "2"}, "0.25", "1.75"},        // input order does not matter
		{[]string{"1", "2", "3", "4"}, "0.5", "2.5"},          // h = 1.5
		{[]string{"1", "2", "3", "4"}, "0", "1"},              // minimum
		{[]string{"1", "2", "3", "4"}, "1", "4"},              // maximum
		{[]string{"10", "20", "30", "40", "50"}, "0.1", "14"}, // h = 0.4: 10 + 0.4·10
		{[]string{"-5", "3", "3", "10"}, "0.75", "4.75"},      // h = 2.25: 3 + 0.25·7
		{[]string{"-1.5", "-2.5", "-0.5"}, "0.5", "-1.5"},     // h = 1: the middle
		{[]string{"7"}, "0.3", "7"},                           // one value
		{[]string{"0.1", "0.2"}, "0.3", "0.13"},               // h = 0.3: 0.1 + 0.3·0.1
		{[]string{"1", "1", "1", "1"}, "0.123", "1"},          // ties
		// Extreme magnitudes: descending {1e400, 1e-400}, 1e400 + 0.5·(1e-400 − 1e400);
		// the 801-digit product −(5e399 − 5e-401) truncates toward zero to
		// −4.99…9e399 (34 nines), so the result is 5.00…01e399.
		{[]string{"1e-400", "1e400"}, "0.5", "5.000000000000000000000000000000001e399"},
		// q = 1/3 to 34 digits: the reference rounds pos = (1−q)·3 =
		// 2.0000000000000000000000000000000001 down to 2, so it returns the
		// element at index 2 of the descending sort exactly (1), where exact
		// numpy interpolation would give 0.99…9 (34 nines).
		{[]string{"0", "1", "2", "3"}, third, "1"},
	}
	c := dec.Reference()
	for _, tc := range cases {
		xs := ds(tc.xs...)
		before := snapshot(xs)
		got, err := c.Quantile(xs, d(tc.q))
		if err != nil || got.Cmp(d(tc.want)) != 0 {
			t.Errorf("Quantile(%v, %s) = %s, %v; want %s", tc.xs, tc.q, got, err, tc.want)
		}
		if s := snapshot(xs); s != before {
			t.Errorf("Quantile modified its input: %s → %s", before, s)
		}
	}
	if _, err := c.Quantile(nil, d("0.5")); !errors.Is(err, dec.ErrEmpty) {
		t.Errorf("Quantile(empty): %v", err)
	}
	for _, q := range []string{"-0.01", "1.0000001"} {
		if _, err := c.Quantile(ds("1", "2"), d(q)); !errors.Is(err, dec.ErrInvalidArgument) {
			t.Errorf("Quantile q=%s: %v", q, err)
		}
	}
}

// snapshot records the exact representation (coefficient and exponent) of
// every element, so a test sees any change, even one that keeps the value.
func snapshot(xs []dec.Dec) string {
	var b strings.Builder
	for _, x := range xs {
		s := x.Decimal()
		b.WriteString(s.Coefficient().String())
		b.WriteByte('e')
		b.WriteString(strconv.Itoa(int(s.Exponent())))
		b.WriteByte(' ')
	}
	return b.String()
}

// TestMedianMAD: Median sorts a copy ascending (odd n: middle; even n: mean
// of the two middle values, one rounded division); MAD = Median(|x − m|).
// The MAD cases are the spec's CalcRegretScalePlusEpsilon unit checks
// (inference_synthesis.md §4.3): 1.4826·MAD + ε.
func TestMedianMAD(t *testing.T) {
	c := dec.Reference()
	med := []struct {
		xs   []string
		want string
	}{
		{[]string{"3", "1", "2"}, "2"},
		{[]string{"4", "1", "3", "2"}, "2.5"},
		{[]string{"-1", "-2"}, "-1.5"},
		{[]string{"5"}, "5"},
		{[]string{"1", "1.0", "1.00"}, "1"},
		// (1 + 1.0000000000000000000000000000000001)/2 = 1.00000000000000000000000000000000005,
		// truncated to 34 digits: 1.
		{[]string{"1", "1.0000000000000000000000000000000001"}, "1"},
		// (0.333…3 + 0.333…34)/2 = 0.333…335 (35 digits), truncated.
		{[]string{"0." + strings.Repeat("3", 34), "0." + strings.Repeat("3", 33) + "4"}, "0." + strings.Repeat("3", 34)},
	}
	for _, tc := range med {
		xs := ds(tc.xs...)
		before := snapshot(xs)
		got, err := c.Median(xs)
		if err != nil || got.Cmp(d(tc.want)) != 0 {
			t.Errorf("Median(%v) = %s, %v; want %s", tc.xs, got, err, tc.want)
		}
		if snapshot(xs) != before {
			t.Errorf("Median modified its input")
		}
	}
	if _, err := c.Median(nil); !errors.Is(err, dec.ErrEmpty) {
		t.Errorf("Median(empty): %v", err)
	}
	if _, _, err := c.MAD(nil); !errors.Is(err, dec.ErrEmpty) {
		t.Errorf("MAD(empty): %v", err)
	}
	spec := []struct {
		xs       []string
		eps      string
		mad, med string
		want     string
	}{
		// {0.1,0.2,0.3}: median 0.2, deviations {0.1,0,0.1}, MAD 0.1; 0.14826+0.01.
		{[]string{"0.1", "0.2", "0.3"}, "0.01", "0.1", "0.2", "0.15826"},
		// {0,0.5,1}: median 0.5, deviations {0.5,0,0.5}, MAD 0.5; 0.7413+0.1.
		{[]string{"0", "0.5", "1"}, "0.1", "0.5", "0.5", "0.8413"},
		// {0,0,0,100}: median 0, deviations {0,0,0,100}, MAD 0; 0+0.01.
		{[]string{"0", "0", "0", "100"}, "0.01", "0", "0", "0.01"},
	}
	for _, tc := range spec {
		xs := ds(tc.xs...)
		before := snapshot(xs)
		mad, m, err := c.MAD(xs)
		if err != nil || mad.Cmp(d(tc.mad)) != 0 || m.Cmp(d(tc.med)) != 0 {
			t.Errorf("MAD(%v) = %s, %s, %v", tc.xs, mad, m, err)
			continue
		}
		scaled, err := c.Mul(d("1.4826"), mad)
		if err != nil || scaled.Add(d(tc.eps)).Cmp(d(tc.want)) != 0 {
			t.Errorf("1.4826·MAD(%v)+%s = %s, want %s", tc.xs, tc.eps, scaled.Add(d(tc.eps)), tc.want)
		}
		if snapshot(xs) != before {
			t.Errorf("MAD modified its input")
		}
	}
}

// TestMeanStdDev: Bessel-corrected standard deviation with the reference's
// roundings (μ by one Quo, each square by Mul, exact sum, one Quo, Sqrt).
// Expected values: python3 decimal, prec 34, ROUND_DOWN, the same steps,
// except the square root, which python's decimal always rounds half-even:
// it is taken at 50 digits and truncated to 34 by hand.
func TestMeanStdDev(t *testing.T) {
	c := dec.Reference()
	cases := []struct {
		xs         []string
		mean, sdev string
	}{
		// μ = 5, Σ(x−μ)² = 32, 32/7 = 4.571428571428571428571428571428571, √ → 2.138089935299395077476427847038028.
		{[]string{"2", "4", "4", "4", "5", "5", "7", "9"}, "5", "2.138089935299395077476427847038028"},
		// μ = 1.5, Σ = 0.5, /1 = 0.5, √0.5 truncated.
		{[]string{"1", "2"}, "1.5", "0.7071067811865475244008443621048490"},
		// μ = 7/3 → 2.333333333333333333333333333333333; squares truncated:
		// 1.777…776, 0.111…1108, 2.777…778; sum 4.6666666666666666666666666666666648;
		// /2 → 2.333333333333333333333333333333332; √ = 1.5275252316519466688626823979093357…
		// → 1.527525231651946668862682397909335.
		// σ = √2.333…332 (34-digit RoundDown steps), the root rounded
		// half-even as apd (and Python's decimal, by the General Decimal
		// Arithmetic rule for square-root) does: …3355… → …336.
		{[]string{"1", "2", "4"}, "2.333333333333333333333333333333333", "1.527525231651946668862682397909336"},
		{[]string{"3", "3", "3"}, "3", "0"},
		{[]string{"-1", "1"}, "0", "1.414213562373095048801688724209698"}, // Σ = 2, /1, √2 = 1.414…6980785… half-even
	}
	for _, tc := range cases {
		xs := ds(tc.xs...)
		before := snapshot(xs)
		m, err := c.Mean(xs)
		if err != nil || m.Cmp(d(tc.mean)) != 0 {
			t.Errorf("Mean(%v) = %s, %v; want %s", tc.xs, m, err, tc.mean)
		}
		s, err := c.StdDev(xs)
		if err != nil || s.Cmp(d(tc.sdev)) != 0 {
			t.Errorf("StdDev(%v) = %s, %v; want %s", tc.xs, s, err, tc.sdev)
		}
		if snapshot(xs) != before {
			t.Errorf("Mean/StdDev modified the input")
		}
	}
	// n <= 1 gives 0 (the reference's convention); Mean of nothing is ErrEmpty.
	for _, xs := range [][]dec.Dec{nil, ds("42")} {
		if s, err := c.StdDev(xs); err != nil || !s.IsZero() {
			t.Errorf("StdDev(%v) = %s, %v", xs, s, err)
		}
	}
	if _, err := c.Mean(nil); !errors.Is(err, dec.ErrEmpty) {
		t.Errorf("Mean(empty): %v", err)
	}
}

// TestWeightedPercentile: the midpoint rule of the error bars
// (inference_synthesis.md §1.2 (10)), worked by hand:
//
//	data {1,2,3,4}, equal weights: C = {1,2,3,4}, s_t = (C_t − 1/2)/4 =
//	{0.125, 0.375, 0.625, 0.875}.
//	data {10,20,30}, weights {1,2,1}: C = {1,3,4}, s = {0.125, 0.5, 0.875}.
func TestWeightedPercentile(t *testing.T) {
	c := dec.Reference()
	cases := []struct {
		data, w, pcts []string
		want          []string
	}{
		{[]string{"1", "2", "3", "4"}, []string{"1", "1", "1", "1"},
			[]string{"0", "12.5", "50", "37.5", "87.5", "100", "25"},
			// q ≤ s_1 → 1; q = s_1 → 1; 2 + (0.5−0.375)/0.25·1 = 2.5; q = s_2 → 2;
			// q = s_4 → 4; q = 1 → 4; 1 + (0.25−0.125)/0.25·1 = 1.5.
			[]string{"1", "1", "2.5", "2", "4", "4", "1.5"}},
		{[]string{"30", "10", "20"}, []string{"1", "1", "2"}, // unsorted; pairs stay together
			[]string{"25", "50", "75"},
			// q=0.25: Quo(0.125, 0.375) = 0.333…3 (34 threes), ×10 = 3.333…3 (34 digits,
			// exact), + 10 (exact) = 13.333…3 with 33 threes after the point;
			// q=0.5 = s_2 → 20; q=0.75: Quo(0.25, 0.375) = 0.666…6 (truncated), ×10,
			// + 20 = 26.666…6 with 33 sixes.
			[]string{"13." + strings.Repeat("3", 33), "20", "26." + strings.Repeat("6", 33)}},
		{[]string{"5"}, []string{"2"}, []string{"0", "50", "100"}, []string{"5", "5", "5"}},
		{[]string{"1", "2"}, []string{"0", "1"}, []string{"10", "90"}, // a zero weight is allowed: s = {0, 0.5}
			// q=0.1: 1 + (0.1/0.5)·1 = 1.2; q=0.9 ≥ s_2 → 2.
			[]string{"1.2", "2"}},
	}
	for _, tc := range cases {
		data, w, pcts := ds(tc.data...), ds(tc.w...), ds(tc.pcts...)
		b1, b2, b3 := snapshot(data), snapshot(w), snapshot(pcts)
		got, err := c.WeightedPercentile(data, w, pcts)
		if err != nil || len(got) != len(tc.want) {
			t.Errorf("WeightedPercentile(%v, %v, %v) = %v, %v", tc.data, tc.w, tc.pcts, got, err)
			continue
		}
		for i := range got {
			if got[i].Cmp(d(tc.want[i])) != 0 {
				t.Errorf("WeightedPercentile(%v, %v) at %s%% = %s, want %s", tc.data, tc.w, tc.pcts[i], got[i], tc.want[i])
			}
		}
		if snapshot(data) != b1 || snapshot(w) != b2 || snapshot(pcts) != b3 {
			t.Error("WeightedPercentile modified an input")
		}
	}
	if got, err := c.WeightedPercentile(nil, nil, ds("50")); err != nil || len(got) != 0 {
		t.Errorf("empty data: %v, %v", got, err)
	}
	errCases := []struct {
		data, w, pcts []dec.Dec
		want          error
	}{
		{ds("1", "2"), ds("1"), ds("50"), dec.ErrLength},
		{ds("1", "2"), ds("1", "-1"), ds("50"), dec.ErrInvalidArgument},
		{ds("1", "2"), ds("0", "0"), ds("50"), dec.ErrInvalidArgument},
		{ds("1", "2"), ds("1", "1"), ds("100.5"), dec.ErrInvalidArgument},
		{ds("1", "2"), ds("1", "1"), ds("-1"), dec.ErrInvalidArgument},
	}
	for i, tc := range errCases {
		if _, err := c.WeightedPercentile(tc.data, tc.w, tc.pcts); !errors.Is(err, tc.want) {
			t.Errorf("error case %d: %v, want %v", i, err, tc.want)
		}
	}
}
