package conform

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/reputation"
	"github.com/shopspring/decimal"
)

// Sortition file (fixtures README §5, spec §8.4): one row per epoch with P
// participants (columns "<p>_prev_quality_ema", ...; P read from the
// header). Checked with the reputation package's functions, in every row
// (the reference tests cover rows 301–399 of sortition.csv; the identities
// hold in its first and last rows too):
//
//   - p_active (family "active", 1 or 0): membership in the top
//     n_participants_drawn by p_prev_quality_ema (reputation.SelectTop: ties
//     by id, i.e. by participant index);
//   - p_sort_position_previous_quality_ema: the rank by previous EMA,
//     descending, 0-based;
//   - quality_cutoff: the lowest previous EMA among the drawn;
//   - p_sort_position_quality_metrics: the rank of an active participant's
//     metric among the drawn, descending, 0-based;
//   - quality_percentile: the topic quantile (8.3) at percentile/100 of the
//     active participants' p_quality_metric (reputation.TopicQuantile);
//   - p_quality_ema: the EMA identity, (8.2) for the active
//     (reputation.UpdateActiveEMAs, α = alpha_quality) and (8.5) toward the
//     row's own quality_percentile for the others (reputation.PassiveEMA);
//   - p_prev_quality_ema of a row after the first: the previous row's
//     p_quality_ema (the state carried over), compared exactly like the
//     other values.
//
// Empty fields read as "absent" (not active, no metric); "true"/"1" and
// ""/"false"/"0" are the booleans.
type sortitionCheck struct {
	cr    *CSVReader
	n     int
	base  reputation.Params
	cmp   *comparator
	rep   *FileReport
	out   map[string]bool
	prev  []dec.Dec
	epoch int64
	first bool
}

var reParticipant = regexp.MustCompile(`^(\d+)_prev_quality_ema$`)

func newSortitionCheck(cr *CSVReader, opt Options, cmp *comparator, rep *FileReport) (*sortitionCheck, error) {
	k := &sortitionCheck{cr: cr, base: reputation.DefaultParamsV6(), cmp: cmp, rep: rep, out: map[string]bool{}, first: true}
	for _, h := range cr.Header() {
		if m := reParticipant.FindStringSubmatch(h); m != nil {
			if i, err := strconv.Atoi(m[1]); err == nil && i < MaxActors {
				k.n = max(k.n, i+1)
			} else {
				return nil, fmt.Errorf("%w: %s: participant index %s (limit %d)", ErrFormat, cr.Name(), m[1], MaxActors)
			}
		}
	}
	if k.n == 0 {
		return nil, fmt.Errorf("%w: %s: sortition file without <p>_prev_quality_ema columns", ErrFormat, cr.Name())
	}
	for p := 0; p < k.n; p++ {
		for _, c := range []string{"prev_quality_ema", "active", "quality_metric", "quality_ema"} {
			if !cr.Has(spCol(p, c)) {
				return nil, fmt.Errorf("%w: %s: participant %d has no column %q", ErrFormat, cr.Name(), p, spCol(p, c))
			}
		}
	}
	for _, c := range []string{"n_participants_drawn", "percentile", "alpha_quality", "quality_percentile"} {
		if !cr.Has(c) {
			return nil, fmt.Errorf("%w: %s: sortition file without column %q", ErrFormat, cr.Name(), c)
		}
	}
	rep.Kind = KindSortition
	rep.Setup = fmt.Sprintf("%d participants; drawn, percentile and alpha read from each row", k.n)
	return k, nil
}

func spCol(p int, name string) string { return strconv.Itoa(p) + "_" + name }

// spID is participant p's id: zero-padded so that byte order is index
// order.
func spID(p int) string { return fmt.Sprintf("p%05d", p) }

func boolField(r *Record, col string) (bool, error) {
	s, _ := r.Str(col)
	switch s {
	case "true", "1", "True", "TRUE":
		return true, nil
	case "", "false", "0", "False", "FALSE":
		return false, nil
	}
	return false, r.errorf("column %q: %q is not a boolean", quote(col), quote(s))
}

func (k *sortitionCheck) cmpVal(fam, col, epoch string, got, want dec.Dec) {
	k.out[col] = true
	k.cmp.add(fam, col, epoch, got, want)
}

func (k *sortitionCheck) row(r *Record) error {
	es, _ := r.Str("epoch")
	epoch, err := strconv.ParseInt(es, 10, 64)
	if err != nil {
		return r.errorf("epoch %q is not an integer", quote(es))
	}
	if !k.first && epoch <= k.epoch {
		return r.errorf("epoch %d does not follow epoch %d", epoch, k.epoch)
	}
	req := func(col string) (dec.Dec, error) {
		v, ok, err := r.Dec(col)
		if err == nil && !ok {
			err = r.errorf("column %q is empty", col)
		}
		return v, err
	}
	drawnD, err1 := req("n_participants_drawn")
	pct, err2 := req("percentile")
	alpha, err3 := req("alpha_quality")
	wantQ, err4 := req("quality_percentile")
	if err := firstErr(err1, err2, err3, err4); err != nil {
		return err
	}
	drawn64, ok := drawnD.Int64()
	if !ok || !drawnD.IsInteger() || drawn64 < 0 || drawn64 > int64(k.n) {
		return r.errorf("n_participants_drawn %s is not an integer in [0, %d]", drawnD, k.n)
	}
	drawn := int(drawn64)
	p := k.base
	p.MeritSortitionAlpha = alpha.Decimal()
	if err := p.Validate(); err != nil {
		return r.errorf("alpha_quality %s: %v", alpha, err)
	}
	q := pct.Shift(-2)

	prevs := make([]loss.Value, k.n)
	prevD := make([]dec.Dec, k.n)
	active := make([]bool, k.n)
	var metrics []loss.Value
	for i := 0; i < k.n; i++ {
		v, err := req(spCol(i, "prev_quality_ema"))
		if err != nil {
			return err
		}
		prevD[i] = v
		prevs[i] = loss.Value{ID: spID(i), Value: v.Decimal()}
		if active[i], err = boolField(r, spCol(i, "active")); err != nil {
			return err
		}
		if active[i] {
			m, err := req(spCol(i, "quality_metric"))
			if err != nil {
				return err
			}
			metrics = append(metrics, loss.Value{ID: spID(i), Value: m.Decimal()})
		}
	}
	// The state carried over: prev_quality_ema(t) = quality_ema(t−1).
	if k.prev != nil {
		k.rep.Pairs++
		for i := 0; i < k.n; i++ {
			k.cmpVal("#_prev_quality_ema", spCol(i, "prev_quality_ema"), es, prevD[i], k.prev[i])
		}
	}
	// Active set: the top `drawn` by previous EMA.
	ranked, err := reputation.SelectTop(k.n, prevs)
	if err != nil {
		return r.errorf("ranking previous EMAs: %v", err)
	}
	rank := map[string]int{}
	for i, v := range ranked {
		rank[v.ID] = i
	}
	for i := 0; i < k.n; i++ {
		got, want := dec.Zero(), dec.Zero()
		if rank[spID(i)] < drawn {
			got = dec.One()
		}
		if active[i] {
			want = dec.One()
		}
		k.cmpVal("#_active", spCol(i, "active"), es, got, want)
		if w, ok, err := r.Dec(spCol(i, "sort_position_previous_quality_ema")); err != nil {
			return err
		} else if ok {
			k.cmpVal("#_sort_position_previous_quality_ema", spCol(i, "sort_position_previous_quality_ema"), es, dec.FromInt64(int64(rank[spID(i)])), w)
		}
	}
	if drawn > 0 {
		if w, ok, err := r.Dec("quality_cutoff"); err != nil {
			return err
		} else if ok {
			c, _ := dec.FromDecimal(ranked[drawn-1].Value)
			k.cmpVal("quality_cutoff", "quality_cutoff", es, c, w)
		}
	}
	// Ranks of the active participants' metrics.
	mranked, err := reputation.SelectTop(len(metrics), metrics)
	if err != nil {
		return r.errorf("ranking quality metrics: %v", err)
	}
	for i, v := range mranked {
		pi, _ := strconv.Atoi(v.ID[1:])
		if w, ok, err := r.Dec(spCol(pi, "sort_position_quality_metrics")); err != nil {
			return err
		} else if ok {
			k.cmpVal("#_sort_position_quality_metrics", spCol(pi, "sort_position_quality_metrics"), es, dec.FromInt64(int64(i)), w)
		}
	}
	// (8.3) quantile of the active metrics.
	ms := make([]decimal.Decimal, len(metrics))
	for i, m := range metrics {
		ms[i] = m.Value
	}
	gotQ, err := reputation.TopicQuantile(ms, q.Decimal(), p)
	if err != nil {
		return r.errorf("quantile: %v", err)
	}
	k.cmpVal("quality_percentile", "quality_percentile", es, d(gotQ), wantQ)
	// (8.2)/(8.5) EMA identity.
	next := make([]dec.Dec, k.n)
	mi := 0
	for i := 0; i < k.n; i++ {
		rec := reputation.EMAScore{ID: spID(i), Score: prevs[i].Value, BlockHeight: epoch - 1}
		var got reputation.EMAScore
		if active[i] {
			emas, err := reputation.UpdateActiveEMAs([]loss.Value{metrics[mi]}, []reputation.EMAScore{rec}, epoch, p)
			mi++
			if err != nil {
				return r.errorf("participant %d EMA: %v", i, err)
			}
			got = emas[0]
		} else if got, err = reputation.PassiveEMA(rec, wantQ.Decimal(), epoch, p); err != nil {
			return r.errorf("participant %d EMA: %v", i, err)
		}
		want, err := req(spCol(i, "quality_ema"))
		if err != nil {
			return err
		}
		next[i] = want
		k.cmpVal("#_quality_ema", spCol(i, "quality_ema"), es, d(got.Score), want)
	}
	k.prev, k.epoch, k.first = next, epoch, false
	return nil
}

func (k *sortitionCheck) finish() error { return nil }

func (k *sortitionCheck) outputs() map[string]bool { return k.out }
