package loss_test

import (
	"fmt"
	"strconv"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// fixtureLayout maps the simulator fixtures' generalised column scheme
// (fixtures README, "Generalised column scheme") to loss types, for any
// number of inferers N, forecasters F, reputers R and labels found in the
// header. Inferer j has id infererID(j), forecaster K has id
// forecasterID(K), reputer m has id reputerID(m); ids are zero-padded so
// that sorting by id is sorting by index. In the one-out columns worker
// index W < N is inferer W and W >= N is forecaster W − N.
type fixtureLayout struct {
	N, F, R int
	// Labels holds the label suffixes ("label_0", ...) of multi-label
	// files; nil for single-label files (one label "y").
	Labels []string
}

// layoutOf reads N, F, R and the labels from a table's header.
func layoutOf(t *fixture.Table) (fixtureLayout, error) {
	var l fixtureLayout
	for t.Has("network_inference_label_" + strconv.Itoa(len(l.Labels))) {
		l.Labels = append(l.Labels, "label_"+strconv.Itoa(len(l.Labels)))
	}
	first := func(col string) string {
		if len(l.Labels) > 0 {
			return col + "_" + l.Labels[0]
		}
		return col
	}
	for t.Has(first("inference_" + strconv.Itoa(l.N))) {
		l.N++
	}
	for t.Has(first("forecast_implied_inference_" + strconv.Itoa(l.F))) {
		l.F++
	}
	for t.Has("reputer_stake_" + strconv.Itoa(l.R)) {
		l.R++
	}
	if l.N == 0 || l.R == 0 {
		return l, fmt.Errorf("%s: no inferers or reputers in the header", t.Name)
	}
	return l, nil
}

func padded(prefix string, i, n int) string {
	return fmt.Sprintf("%s%0*d", prefix, len(strconv.Itoa(max(n-1, 0))), i)
}

func (l fixtureLayout) infererID(j int) string    { return padded("inferer", j, l.N) }
func (l fixtureLayout) forecasterID(k int) string { return padded("forecaster", k, l.F) }
func (l fixtureLayout) reputerID(m int) string    { return padded("reputer", m, l.R) }

// workerID maps a worker index W of the one-out columns to its id and
// whether it is an inferer.
func (l fixtureLayout) workerID(w int) (string, bool) {
	if w < l.N {
		return l.infererID(w), true
	}
	return l.forecasterID(w - l.N), false
}

// num parses a scalar column as a shopspring decimal (through the decimal
// core's parser).
func num(r fixture.Row, col string) (decimal.Decimal, error) {
	d, err := r.Dec(col)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return d.Decimal(), nil
}

// bundleColumns names the columns of one bundle: the scalar family names
// and the per-worker families, with a function mapping an entry to its
// column name.
type bundleColumns struct {
	combined, naive string
	inferer         func(j int) string
	forecaster      func(k int) string
	oneOut          func(w int) string // worker index W
	oneIn           func(k int) string
	pair            func(k, j int) string
}

// reputerColumns are the columns of reputer m's reported losses.
func reputerColumns(m int) bundleColumns {
	p := "reputer_" + strconv.Itoa(m) + "_loss_"
	return bundleColumns{
		combined:   p + "network_inference",
		naive:      p + "naive_network_inference",
		inferer:    func(j int) string { return p + "inference_" + strconv.Itoa(j) },
		forecaster: func(k int) string { return p + "forecast_implied_inference_" + strconv.Itoa(k) },
		oneOut:     func(w int) string { return p + "network_inference_oneout_" + strconv.Itoa(w) },
		oneIn:      func(k int) string { return p + "naive_network_inference_onein_" + strconv.Itoa(k) },
		pair: func(k, j int) string {
			return p + "forecast_implied_inference_" + strconv.Itoa(k) + "_oneout_" + strconv.Itoa(j)
		},
	}
}

// networkColumns are the network-loss columns.
var networkColumns = bundleColumns{
	combined:   "network_loss",
	naive:      "network_naive_loss",
	inferer:    func(j int) string { return "inference_loss_" + strconv.Itoa(j) },
	forecaster: func(k int) string { return "forecast_implied_inference_loss_" + strconv.Itoa(k) },
	oneOut:     func(w int) string { return "network_loss_oneout_" + strconv.Itoa(w) },
	oneIn:      func(k int) string { return "network_naive_loss_onein_" + strconv.Itoa(k) },
	pair: func(k, j int) string {
		return "forecast_implied_inference_loss_" + strconv.Itoa(k) + "_oneout_" + strconv.Itoa(j)
	},
}

// inferenceColumns are the network-inference columns (before any label
// suffix).
var inferenceColumns = bundleColumns{
	combined:   "network_inference",
	naive:      "network_naive_inference",
	inferer:    func(j int) string { return "inference_" + strconv.Itoa(j) },
	forecaster: func(k int) string { return "forecast_implied_inference_" + strconv.Itoa(k) },
	oneOut:     func(w int) string { return "network_inference_oneout_" + strconv.Itoa(w) },
	oneIn:      func(k int) string { return "network_naive_inference_onein_" + strconv.Itoa(k) },
	pair: func(k, j int) string {
		return "forecast_implied_inference_" + strconv.Itoa(k) + "_oneout_" + strconv.Itoa(j)
	},
}

// scalarBundle reads a loss bundle from scalar columns. Columns absent from
// the header are omitted (a reputer that did not report the entry).
func (l fixtureLayout) scalarBundle(r fixture.Row, c bundleColumns) (loss.Bundle, error) {
	var b loss.Bundle
	var err error
	if b.Combined, err = num(r, c.combined); err != nil {
		return b, err
	}
	if b.Naive, err = num(r, c.naive); err != nil {
		return b, err
	}
	add := func(list *[]loss.Value, id, col string) error {
		if !r.Has(col) {
			return nil
		}
		v, err := num(r, col)
		if err != nil {
			return err
		}
		*list = append(*list, loss.Value{ID: id, Value: v})
		return nil
	}
	for j := 0; j < l.N; j++ {
		if err := add(&b.Inferers, l.infererID(j), c.inferer(j)); err != nil {
			return b, err
		}
	}
	for k := 0; k < l.F; k++ {
		if err := add(&b.Forecasters, l.forecasterID(k), c.forecaster(k)); err != nil {
			return b, err
		}
		if err := add(&b.OneInForecasters, l.forecasterID(k), c.oneIn(k)); err != nil {
			return b, err
		}
		for j := 0; j < l.N; j++ {
			if col := c.pair(k, j); r.Has(col) {
				v, err := num(r, col)
				if err != nil {
					return b, err
				}
				n, err := loss.NewNum(v)
				if err != nil {
					return b, err
				}
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters,
					loss.PairValue{Forecaster: l.forecasterID(k), Inferer: l.infererID(j), Value: n})
			}
		}
	}
	for w := 0; w < l.N+l.F; w++ {
		id, isInferer := l.workerID(w)
		list := &b.OneOutForecasters
		if isInferer {
			list = &b.OneOutInferers
		}
		if err := add(list, id, c.oneOut(w)); err != nil {
			return b, err
		}
	}
	return b, nil
}

// stake returns reputer m's stake in base units: the ALLO column times
// 10^18, floored (the reference tests' conversion). It is exact here (a
// decimal shift); the scale cancels in Σ S·v / Σ S.
func stakeOf(r fixture.Row, m int) (decimal.Decimal, error) {
	d, err := r.Dec("reputer_stake_" + strconv.Itoa(m))
	if err != nil {
		return decimal.Decimal{}, err
	}
	return d.Shift(18).Floor().Decimal(), nil
}

// reports reads every reputer's report of a row.
func (l fixtureLayout) reports(r fixture.Row) ([]loss.Report, error) {
	out := make([]loss.Report, l.R)
	for m := range out {
		s, err := stakeOf(r, m)
		if err != nil {
			return nil, err
		}
		b, err := l.scalarBundle(r, reputerColumns(m))
		if err != nil {
			return nil, err
		}
		out[m] = loss.Report{Reputer: l.reputerID(m), Stake: s, Losses: b}
	}
	return out, nil
}

// vector reads one quantity's label vector.
func (l fixtureLayout) vector(r fixture.Row, col string) (loss.Vector, error) {
	if len(l.Labels) == 0 {
		v, err := num(r, col)
		return loss.Vector{v}, err
	}
	out := make(loss.Vector, len(l.Labels))
	for i, lab := range l.Labels {
		v, err := num(r, col+"_"+lab)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// hasVector reports whether a quantity's columns exist.
func (l fixtureLayout) hasVector(r fixture.Row, col string) bool {
	if len(l.Labels) == 0 {
		return r.Has(col)
	}
	return r.Has(col + "_" + l.Labels[0])
}

// inferenceBundle reads the network inferences of a row.
func (l fixtureLayout) inferenceBundle(r fixture.Row) (loss.InferenceBundle, error) {
	c := inferenceColumns
	var b loss.InferenceBundle
	if len(l.Labels) > 0 {
		b.Labels = l.Labels
	}
	var err error
	if b.Combined, err = l.vector(r, c.combined); err != nil {
		return b, err
	}
	if b.Naive, err = l.vector(r, c.naive); err != nil {
		return b, err
	}
	add := func(list *[]loss.VectorValue, id, col string) error {
		if !l.hasVector(r, col) {
			return nil
		}
		v, err := l.vector(r, col)
		if err != nil {
			return err
		}
		*list = append(*list, loss.VectorValue{ID: id, Values: v})
		return nil
	}
	for j := 0; j < l.N; j++ {
		if err := add(&b.Inferers, l.infererID(j), c.inferer(j)); err != nil {
			return b, err
		}
	}
	for k := 0; k < l.F; k++ {
		if err := add(&b.Forecasters, l.forecasterID(k), c.forecaster(k)); err != nil {
			return b, err
		}
		if err := add(&b.OneInForecasters, l.forecasterID(k), c.oneIn(k)); err != nil {
			return b, err
		}
		for j := 0; j < l.N; j++ {
			if col := c.pair(k, j); l.hasVector(r, col) {
				v, err := l.vector(r, col)
				if err != nil {
					return b, err
				}
				b.OneOutInfererForecasters = append(b.OneOutInfererForecasters,
					loss.PairVector{Forecaster: l.forecasterID(k), Inferer: l.infererID(j), Values: v})
			}
		}
	}
	for w := 0; w < l.N+l.F; w++ {
		id, isInferer := l.workerID(w)
		list := &b.OneOutForecasters
		if isInferer {
			list = &b.OneOutInferers
		}
		if err := add(list, id, c.oneOut(w)); err != nil {
			return b, err
		}
	}
	return b, nil
}

// target reads the ground truth: a scalar, or a bracketed label vector.
func (l fixtureLayout) target(r fixture.Row) (loss.Vector, error) {
	if len(l.Labels) == 0 {
		v, err := num(r, "target")
		return loss.Vector{v}, err
	}
	ds, err := r.Vector("target")
	if err != nil {
		return nil, err
	}
	if len(ds) != len(l.Labels) {
		return nil, fmt.Errorf("target has %d values for %d labels", len(ds), len(l.Labels))
	}
	out := make(loss.Vector, len(ds))
	for i, d := range ds {
		out[i] = d.Decimal()
	}
	return out, nil
}

// entry is one value of a bundle with its column family and column name.
type entry struct {
	family, column string
	value          decimal.Decimal
}

// entries flattens a bundle into (family, column, value) triples, naming
// each entry by the columns c uses (ids are mapped back to indices).
func (l fixtureLayout) entries(b loss.Bundle, c bundleColumns) ([]entry, error) {
	idx := map[string]int{}
	for j := 0; j < l.N; j++ {
		idx[l.infererID(j)] = j
	}
	for k := 0; k < l.F; k++ {
		idx[l.forecasterID(k)] = k
	}
	out := []entry{
		{"combined", c.combined, b.Combined},
		{"naive", c.naive, b.Naive},
	}
	for _, v := range b.Inferers {
		out = append(out, entry{"inferer", c.inferer(idx[v.ID]), v.Value})
	}
	for _, v := range b.Forecasters {
		out = append(out, entry{"forecaster", c.forecaster(idx[v.ID]), v.Value})
	}
	for _, v := range b.OneOutInferers {
		out = append(out, entry{"one_out_inferer", c.oneOut(idx[v.ID]), v.Value})
	}
	for _, v := range b.OneOutForecasters {
		out = append(out, entry{"one_out_forecaster", c.oneOut(l.N + idx[v.ID]), v.Value})
	}
	for _, v := range b.OneInForecasters {
		out = append(out, entry{"one_in_forecaster", c.oneIn(idx[v.ID]), v.Value})
	}
	for _, v := range b.OneOutInfererForecasters {
		out = append(out, entry{"one_out_inferer_forecaster", c.pair(idx[v.Forecaster], idx[v.Inferer]), v.Value.Decimal()})
	}
	return out, nil
}

// mustDec converts a shopspring decimal for comparisons.
func mustDec(d decimal.Decimal) dec.Dec {
	x, err := dec.FromDecimal(d)
	if err != nil {
		panic(err)
	}
	return x
}
