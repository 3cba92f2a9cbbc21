package weights

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

// Input is everything one synthesis reads (spec §2).
type Input struct {
	// Labels is the topic's label registry in registry order (§9). nil (or
	// empty) means a single-output topic with one label "y".
	Labels []string `json:"labels,omitempty"`
	// Inferences holds one label vector per inferer. A vector shorter than
	// the number of labels is padded with 0 (the reference chain's
	// ConvertInferenceValuesFromProto); an empty or longer vector is an
	// error (ErrLabels).
	Inferences []loss.VectorValue `json:"inferences"`
	// Forecasts holds one forecast per forecaster.
	Forecasts []Forecast `json:"forecasts,omitempty"`
	// Regrets is the topic's regret state after the previous settlement:
	// every regret store, the initial regret for workers without a stored
	// regret (zero means "all workers are new", §2) and the stored regret
	// scale s* (read by NEWEST only).
	Regrets regret.State `json:"regrets"`
	// PreviousLoss is the previous epoch's network combined loss L_{i−1};
	// nil means no loss bundle exists yet (§2.1).
	PreviousLoss *decimal.Decimal `json:"previous_loss,omitempty"`
}

// Forecast is one forecaster's forecast: the losses it expects each named
// inferer's inference to get.
type Forecast struct {
	Forecaster string            `json:"forecaster"`
	Elements   []ForecastElement `json:"elements"`
}

// ForecastElement is one forecasted loss L_ijk.
type ForecastElement struct {
	Inferer string          `json:"inferer"`
	Value   decimal.Decimal `json:"value"`
}

// epoch is an Input validated and converted to the decimal core's types,
// with every list in sorted id order and the regret stores loaded (stores).
type epoch struct {
	labels  []string // registry as given (nil: single label "y")
	nl      int      // number of labels
	inf     []string // inferer ids, sorted
	x       [][]dec.Dec
	fc      []fcast   // forecasters with at least one element for a known inferer, sorted
	bigLoss []dec.Dec // forecasted losses beyond an elem's 16 bytes (elem.lossOf)
	hasLoss bool
	loss    dec.Dec
	initial dec.Dec
	allNew  bool
	stored  dec.Dec
	r       stores
}

// fcast is a forecast restricted to inferers with an inference, in
// submission order (eq. (11)).
type fcast struct {
	id string
	el []elem
}

// elem is one element of a forecast, in 16 bytes (a forecast of every
// inferer by every forecaster holds n² of them): the forecasted loss L_ijk
// is c·10^e when e != bigLoss, otherwise the epoch's bigLoss[c] (a
// coefficient of more than 18 digits, or an exponent beyond ±300).
type elem struct {
	c int64
	j int32 // inferer index
	e int32
}

// bigLoss marks an elem whose loss is held by the epoch.
const bigLoss = math.MinInt32

// lossOf returns the forecasted loss of y (exact).
func (e *epoch) lossOf(y elem) dec.Dec {
	if y.e == bigLoss {
		return e.bigLoss[y.c]
	}
	return dec.FromSmall(y.c, y.e)
}

// stores holds every regret the synthesis reads, with the topic's initial
// regret where nothing is stored. Indices: j inferer, k forecaster (position
// in epoch.fc). The per-worker stores are dense; the pair stores (n² entries
// each) are indexed and converted one network row at a time.
type stores struct {
	inf, naive  []dec.Dec // [j]
	fc, oneInFc []dec.Dec // [k]: R_{k}, R⁺_{k,k}
	ooII        grid      // [j'][j]  R⁻_{j',j}
	ooIF        grid      // [j'][k]  R⁻_{j',k}
	ooFI        grid      // [k'][j]  R⁻_{k',j}
	ooFF        grid      // [k'][k]  R⁻_{k',k}
	oneInI      grid      // [k][j]   R⁺_{k,j}
}

// grid indexes a pair store by network. A network whose entries form one
// run of consecutive entries naming workers 0, 1, ..., cnt-1 in order (a
// store sorted like the reference chain's, the common case) is indexed by
// the run alone: the entry of worker w < cnt[net] is src[start[net]-1+w],
// the others read the initial regret. Any other network gets a row of its
// own, rows[net][w] = 1 + the position of the entry in src, or 0 when
// nothing is stored. Either way at most cols int32 per network, and none for
// a run (n² entries for a dense store otherwise).
type grid struct {
	cols  int
	start []int32   // [net] 1 + the position of the run's first entry (cnt > 0)
	cnt   []int32   // [net] the run's length (rows[net] == nil)
	rows  [][]int32 // [net] nil while the network is one run
	src   []regret.Pair
}

// newGrid returns the empty index of a store with nets networks and cols
// workers.
func newGrid(nets, cols int) grid {
	return grid{cols: cols, start: make([]int32, nets), cnt: make([]int32, nets), rows: make([][]int32, nets)}
}

// add records that entry i of src holds the regret of (net, w); false when
// (net, w) already has an entry.
func (g *grid) add(net, w, i int) bool {
	if row := g.rows[net]; row != nil {
		if row[w] != 0 {
			return false
		}
		row[w] = int32(i + 1)
		return true
	}
	c := int(g.cnt[net])
	if w == c && (c == 0 || int(g.start[net])-1+c == i) {
		if c == 0 {
			g.start[net] = int32(i + 1)
		}
		g.cnt[net]++
		return true
	}
	// The run ends here: the network gets its own row.
	row := make([]int32, g.cols)
	for v := 0; v < c; v++ {
		row[v] = g.start[net] + int32(v)
	}
	g.rows[net] = row
	if row[w] != 0 {
		return false
	}
	row[w] = int32(i + 1)
	return true
}

// entry returns 1 + the position in src of the entry of (net, w), or 0.
func (g *grid) entry(net, w int) int32 {
	if row := g.rows[net]; row != nil {
		return row[w]
	}
	if w < int(g.cnt[net]) {
		return g.start[net] + int32(w)
	}
	return 0
}

// row returns the regrets of one network for workers 0..cols-1 in dst
// (reallocated when short), the initial regret where nothing is stored.
func (g *grid) row(net int, initial dec.Dec, dst []dec.Dec) []dec.Dec {
	if cap(dst) < g.cols {
		dst = make([]dec.Dec, g.cols)
	}
	dst = dst[:g.cols]
	if g.rows[net] == nil {
		// A run: its entries in order, then the initial regret.
		c := int(g.cnt[net])
		if c > 0 {
			o := int(g.start[net]) - 1
			for w, p := range g.src[o : o+c] {
				dst[w] = p.Value.Dec()
			}
		}
		for w := c; w < len(dst); w++ {
			dst[w] = initial
		}
		return dst
	}
	for w := range dst {
		dst[w] = g.value(net, w, initial)
	}
	return dst
}

// value returns the regret of (net, w), the initial regret when nothing is
// stored.
func (g *grid) value(net, w int, initial dec.Dec) dec.Dec {
	if i := g.entry(net, w); i > 0 {
		return g.src[i-1].Value.Dec()
	}
	return initial
}

// toDec converts an input number. Coefficients of at most 18 digits (the
// usual float64-rendered values) take dec.Small's path, whose cost is linear
// in the coefficient (shopspring's NumDigits is superlinear: a 10^6-digit
// input took 70 ms); the result is the same number.
// Errors come from dec.FromDecimal (out of range); callers wrap them with
// invalid, which names the field.
func toDec(d decimal.Decimal) (dec.Dec, error) {
	if c, e, ok := dec.Small(d); ok && e >= -300 && e <= 300 {
		return dec.FromSmall(c, e), nil
	}
	return dec.FromDecimal(d)
}

// invalid wraps a conversion error with ErrInvalidValue and the field's
// description (built only on error).
func invalid(err error, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %w", ErrInvalidValue, fmt.Sprintf(format, args...), err)
}

// prepare validates in and builds the epoch. It never reads a map in an
// order that can reach a result.
func prepare(in Input) (*epoch, error) {
	e := &epoch{}
	// Labels (§9).
	if len(in.Labels) > MaxLabels {
		return nil, fmt.Errorf("%w: %d labels (max %d)", ErrTooLarge, len(in.Labels), MaxLabels)
	}
	e.nl = 1
	if len(in.Labels) > 0 {
		e.labels = slices.Clone(in.Labels)
		e.nl = len(in.Labels)
		seen := make(map[string]bool, len(in.Labels))
		for i, l := range in.Labels {
			if l == "" {
				return nil, fmt.Errorf("%w: label %d", ErrEmptyID, i)
			}
			if seen[l] {
				return nil, fmt.Errorf("%w: label %q", ErrDuplicateID, l)
			}
			seen[l] = true
		}
	}

	// Inferences, sorted by id.
	if len(in.Inferences) == 0 {
		return nil, ErrNoInferences
	}
	if len(in.Inferences) > MaxWorkers {
		return nil, fmt.Errorf("%w: %d inferences (max %d)", ErrTooLarge, len(in.Inferences), MaxWorkers)
	}
	order := make([]int, len(in.Inferences))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(in.Inferences[a].ID, in.Inferences[b].ID) })
	e.inf = make([]string, len(order))
	e.x = make([][]dec.Dec, len(order))
	flat := make([]dec.Dec, len(order)*e.nl)
	for j, i := range order {
		v := in.Inferences[i]
		if v.ID == "" {
			return nil, fmt.Errorf("%w: inference %d", ErrEmptyID, i)
		}
		if j > 0 && e.inf[j-1] == v.ID {
			return nil, fmt.Errorf("%w: inferer %q has two inferences", ErrDuplicateID, v.ID)
		}
		if len(v.Values) == 0 || len(v.Values) > e.nl {
			return nil, fmt.Errorf("%w: inferer %q has %d values for %d labels", ErrLabels, v.ID, len(v.Values), e.nl)
		}
		e.inf[j] = v.ID
		e.x[j] = flat[j*e.nl : (j+1)*e.nl : (j+1)*e.nl]
		for l, d := range v.Values {
			x, err := toDec(d)
			if err != nil {
				return nil, invalid(err, "inference of %q label %d", v.ID, l)
			}
			e.x[j][l] = x
		}
	}
	infIdx := make(map[string]int, len(e.inf))
	for j, id := range e.inf {
		infIdx[id] = j
	}

	// Forecasts, sorted by forecaster; elements filtered to known inferers
	// (eq. (11)), duplicates rejected.
	if len(in.Forecasts) > MaxWorkers {
		return nil, fmt.Errorf("%w: %d forecasts (max %d)", ErrTooLarge, len(in.Forecasts), MaxWorkers)
	}
	forder := make([]int, len(in.Forecasts))
	for i := range forder {
		forder[i] = i
	}
	slices.SortFunc(forder, func(a, b int) int { return strings.Compare(in.Forecasts[a].Forecaster, in.Forecasts[b].Forecaster) })
	stamp := make([]int, len(e.inf)) // stamp[j] = 1 + position of the forecast that last named j
	for pos, i := range forder {
		f := in.Forecasts[i]
		if f.Forecaster == "" {
			return nil, fmt.Errorf("%w: forecast %d", ErrEmptyID, i)
		}
		if pos > 0 && in.Forecasts[forder[pos-1]].Forecaster == f.Forecaster {
			return nil, fmt.Errorf("%w: forecaster %q has two forecasts", ErrDuplicateID, f.Forecaster)
		}
		if len(f.Elements) > MaxWorkers {
			// At most one element per inferer, and at most MaxWorkers inferers.
			return nil, fmt.Errorf("%w: forecast of %q has %d elements (max %d)", ErrTooLarge, f.Forecaster, len(f.Elements), MaxWorkers)
		}
		var el []elem
		next := 0 // the inferer after the last one named: a forecast in id order names it next
		for n, fe := range f.Elements {
			if fe.Inferer == "" {
				return nil, fmt.Errorf("%w: forecast of %q element %d", ErrEmptyID, f.Forecaster, n)
			}
			j, ok := next, next < len(e.inf) && e.inf[next] == fe.Inferer // ids are unique
			if !ok {
				if j, ok = infIdx[fe.Inferer]; !ok {
					continue // no inference: the element carries no weight (11)
				}
			}
			next = j + 1
			if stamp[j] == pos+1 {
				return nil, fmt.Errorf("%w: forecast of %q names inferer %q twice", ErrDuplicateID, f.Forecaster, fe.Inferer)
			}
			stamp[j] = pos + 1
			if el == nil {
				el = make([]elem, 0, len(f.Elements))
			}
			if c, x, ok := dec.Small(fe.Value); ok && x >= -300 && x <= 300 {
				// toDec's small case, kept as its coefficient and exponent.
				el = append(el, elem{c: c, j: int32(j), e: x})
				continue
			}
			v, err := dec.FromDecimal(fe.Value)
			if err != nil {
				return nil, invalid(err, "forecast of %q for %q", f.Forecaster, fe.Inferer)
			}
			el = append(el, elem{c: int64(len(e.bigLoss)), j: int32(j), e: bigLoss})
			e.bigLoss = append(e.bigLoss, v)
		}
		if len(el) > 0 {
			e.fc = append(e.fc, fcast{id: f.Forecaster, el: el})
		}
	}

	// Previous loss, initial regret, stored scale.
	if in.PreviousLoss != nil {
		v, err := toDec(*in.PreviousLoss)
		if err != nil {
			return nil, invalid(err, "previous loss")
		}
		e.hasLoss, e.loss = true, v
	}
	var err error
	if e.initial, err = toDec(in.Regrets.InitialRegret); err != nil {
		return nil, invalid(err, "initial regret")
	}
	e.allNew = e.initial.IsZero()
	if e.stored, err = toDec(in.Regrets.Scale); err != nil {
		return nil, invalid(err, "regret scale")
	}
	if err := e.loadRegrets(in.Regrets); err != nil {
		return nil, err
	}
	return e, nil
}

// loadRegrets fills the dense stores from the state. Entries naming a
// worker (or network) that takes no part in this epoch are ignored without
// being converted; a key used by this epoch that occurs twice is an error.
func (e *epoch) loadRegrets(s regret.State) error {
	n, f := len(e.inf), len(e.fc)
	infIdx := make(map[string]int, n)
	for j, id := range e.inf {
		infIdx[id] = j
	}
	fcIdx := make(map[string]int, f)
	fcIDs := make([]string, f)
	for k, c := range e.fc {
		fcIdx[c.id] = k
		fcIDs[k] = c.id
	}
	fill := func(v []dec.Dec) []dec.Dec {
		for i := range v {
			v[i] = e.initial
		}
		return v
	}
	r := &e.r
	r.inf = fill(make([]dec.Dec, n))
	r.naive = fill(make([]dec.Dec, n))
	r.fc = fill(make([]dec.Dec, f))
	r.oneInFc = fill(make([]dec.Dec, f))
	r.ooII = newGrid(n, n)
	r.ooIF = newGrid(n, f)
	r.ooFI = newGrid(f, n)
	r.ooFF = newGrid(f, f)
	r.oneInI = newGrid(f, n)

	seen := make([]bool, max(n, f))
	values := func(field string, vs []loss.Value, idx map[string]int, dst []dec.Dec) error {
		clear(seen)
		for i, v := range vs {
			if v.ID == "" {
				return fmt.Errorf("%w: regrets %s entry %d", ErrEmptyID, field, i)
			}
			w, ok := idx[v.ID]
			if !ok {
				continue
			}
			if seen[w] {
				return fmt.Errorf("%w: regrets %s has %q twice", ErrDuplicateID, field, v.ID)
			}
			seen[w] = true
			d, err := toDec(v.Value)
			if err != nil {
				return invalid(err, "regret %s of %q", field, v.ID)
			}
			dst[w] = d
		}
		return nil
	}
	// Pair stores: validated and indexed here, read per network row
	// (grid.row; a Num is always in range).
	pairs := func(field string, ps []regret.Pair, nets, workers map[string]int, wids []string, g *grid) error {
		if len(ps) >= math.MaxInt32 {
			return fmt.Errorf("%w: regrets %s has %d entries", ErrTooLarge, field, len(ps))
		}
		g.src = ps
		// Stores are usually sorted by network, then worker: the entry's
		// ids are compared with the previous entry's network and the
		// worker after its worker before the maps are consulted (the
		// same indices, fewer lookups).
		prevNet, a, b := "", -1, -1
		for i, p := range ps {
			if p.Network == "" || p.Worker == "" {
				return fmt.Errorf("%w: regrets %s entry %d", ErrEmptyID, field, i)
			}
			if a < 0 || p.Network != prevNet {
				var ok bool
				if a, ok = nets[p.Network]; !ok {
					a = -1
				}
				prevNet, b = p.Network, -1
			}
			if a < 0 {
				continue
			}
			if b+1 < len(wids) && b >= -1 && p.Worker == wids[b+1] {
				b++
			} else {
				var ok bool
				if b, ok = workers[p.Worker]; !ok {
					b = -2 // no guess for the next entry
					continue
				}
			}
			if !g.add(a, b, i) {
				return fmt.Errorf("%w: regrets %s has (%q, %q) twice", ErrDuplicateID, field, p.Network, p.Worker)
			}
		}
		return nil
	}
	steps := []func() error{
		func() error { return values("inferers", s.Inferers, infIdx, r.inf) },
		func() error { return values("forecasters", s.Forecasters, fcIdx, r.fc) },
		func() error { return values("naive", s.Naive, infIdx, r.naive) },
		func() error { return values("one_in_forecasters", s.OneInForecasters, fcIdx, r.oneInFc) },
		func() error {
			return pairs("one_out_inferer_inferers", s.OneOutInfererInferers, infIdx, infIdx, e.inf, &r.ooII)
		},
		func() error {
			return pairs("one_out_inferer_forecasters", s.OneOutInfererForecasters, infIdx, fcIdx, fcIDs, &r.ooIF)
		},
		func() error {
			return pairs("one_out_forecaster_inferers", s.OneOutForecasterInferers, fcIdx, infIdx, e.inf, &r.ooFI)
		},
		func() error {
			return pairs("one_out_forecaster_forecasters", s.OneOutForecasterForecasters, fcIdx, fcIdx, fcIDs, &r.ooFF)
		},
		func() error { return pairs("one_in_inferers", s.OneInInferers, fcIdx, infIdx, e.inf, &r.oneInI) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
