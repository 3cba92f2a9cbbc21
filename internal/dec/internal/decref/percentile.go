package decref

import (
	"fmt"
	"slices"
)

// WeightedPercentile returns, for each percentage in pcts (0..100), the
// weighted percentile of data with the midpoint rule used for the network
// inference error bars:
//
//	sort (value, weight) pairs by value ascending; C_t = Σ_{u<=t} w_u
//	s_t = (C_t − w_t/2) / C_n
//	q = pct/100:  q <= s_1 → first value;  q >= s_n → last value;
//	              otherwise v_t + (q − s_t)/(s_{t+1} − s_t)·(v_{t+1} − v_t)
//	              for the t with s_t <= q < s_{t+1}.
//
// Empty data gives an empty result. Errors wrap ErrLength (len(data) !=
// len(weights)), ErrInvalidArgument (a negative weight, a zero total weight,
// a percentage outside [0, 100]). The inputs are not modified.
func (ctx Context) WeightedPercentile(data, weights, pcts []Dec) ([]Dec, error) {
	if len(data) != len(weights) {
		return nil, fmt.Errorf("%w: %d values, %d weights", ErrLength, len(data), len(weights))
	}
	if len(data) == 0 {
		return []Dec{}, nil
	}
	hundred := FromInt64(100)
	for _, p := range pcts {
		if p.Sign() < 0 || p.Cmp(hundred) > 0 {
			return nil, fmt.Errorf("%w: percentage %s outside [0, 100]", ErrInvalidArgument, p)
		}
	}
	type pair struct{ v, w Dec }
	ps := make([]pair, len(data))
	for i := range data {
		if weights[i].Sign() < 0 {
			return nil, fmt.Errorf("%w: negative weight %s", ErrInvalidArgument, weights[i])
		}
		ps[i] = pair{data[i], weights[i]}
	}
	slices.SortStableFunc(ps, func(a, b pair) int {
		if c := a.v.Cmp(b.v); c != 0 {
			return c
		}
		return a.w.Cmp(b.w)
	})
	m := NewCalc(ctx)
	total := Dec{}
	for _, p := range ps {
		total = total.Add(p.w)
	}
	if total.Sign() == 0 {
		return nil, fmt.Errorf("%w: weights sum to zero", ErrInvalidArgument)
	}
	s := make([]Dec, len(ps))
	cum := Dec{}
	for i, p := range ps {
		cum = cum.Add(p.w)
		s[i] = m.Quo(cum.Sub(m.Quo(p.w, two)), total)
	}
	out := make([]Dec, len(pcts))
	last := len(ps) - 1
	for j, pct := range pcts {
		q := m.Quo(pct, hundred)
		switch {
		case q.Cmp(s[0]) <= 0:
			out[j] = ps[0].v
		case q.Cmp(s[last]) >= 0:
			out[j] = ps[last].v
		default:
			t := 0
			for t+1 < last && s[t+1].Cmp(q) <= 0 {
				t++
			}
			frac := m.Quo(q.Sub(s[t]), s[t+1].Sub(s[t]))
			out[j] = ps[t].v.Add(m.Mul(frac, ps[t+1].v.Sub(ps[t].v)))
		}
	}
	if err := m.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
