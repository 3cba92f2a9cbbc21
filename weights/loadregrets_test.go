package weights

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

// TestPairStoreIndexOrderFree: the pair stores index the same regrets
// whatever the order of their entries (sorted, as the guess of the next
// worker expects, reversed, shuffled) and with entries for unknown
// networks and workers interleaved.
func TestPairStoreIndexOrderFree(t *testing.T) {
	in := genInput(genSpec{n: 9, f: 7, dense: true, seed: 5})
	// Drop a few entries so that some rows read the initial regret.
	in.Regrets.OneOutInfererInferers = slices.Delete(in.Regrets.OneOutInfererInferers, 3, 6)
	in.Regrets.OneInInferers = slices.Delete(in.Regrets.OneInInferers, 10, 11)
	base, err := prepare(in)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pairStores := func(st *regret.State) []*[]regret.Pair {
		return []*[]regret.Pair{&st.OneOutInfererInferers, &st.OneOutInfererForecasters,
			&st.OneOutForecasterInferers, &st.OneOutForecasterForecasters, &st.OneInInferers}
	}
	for variant := range 6 {
		v := in
		v.Regrets = in.Regrets
		for _, ps := range pairStores(&v.Regrets) {
			c := slices.Clone(*ps)
			switch variant {
			case 1:
				slices.Reverse(c)
			case 2, 3:
				rng.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
			}
			if variant >= 3 {
				// Unknown networks and workers between known entries.
				var out []regret.Pair
				for i, p := range c {
					out = append(out, p)
					switch i % 4 {
					case 0:
						out = append(out, regret.Pair{Network: "zz-unknown", Worker: p.Worker, Value: loss.MustNum(decimal.New(1, 0))})
					case 1:
						out = append(out, regret.Pair{Network: p.Network, Worker: "zz-unknown", Value: loss.MustNum(decimal.New(2, 0))})
					case 2:
						out = append(out, regret.Pair{Network: "a-unknown", Worker: "a-unknown", Value: loss.MustNum(decimal.New(3, 0))})
					}
				}
				c = out
			}
			*ps = c
		}
		e, err := prepare(v)
		if err != nil {
			t.Fatalf("variant %d: %v", variant, err)
		}
		grids := func(r *stores) []grid { return []grid{r.ooII, r.ooIF, r.ooFI, r.ooFF, r.oneInI} }
		gb, ge := grids(&base.r), grids(&e.r)
		for g := range gb {
			for net := range gb[g].cnt {
				want := gb[g].row(net, base.initial, nil)
				got := ge[g].row(net, e.initial, nil)
				if !slices.EqualFunc(got, want, func(x, y dec.Dec) bool { return x.Cmp(y) == 0 }) {
					t.Fatalf("variant %d store %d network %d: %v, want %v", variant, g, net, got, want)
				}
			}
		}
	}
	// A duplicate is found whichever path indexes it.
	dup := in
	dup.Regrets.OneOutInfererInferers = append(slices.Clone(in.Regrets.OneOutInfererInferers), in.Regrets.OneOutInfererInferers[0])
	if _, err := prepare(dup); err == nil {
		t.Fatal("duplicate pair not reported")
	}
}

// TestElemLossMatchesToDec: a forecast element keeps its loss in 16 bytes
// or in the epoch's bigLoss, and lossOf returns what toDec returns for the
// input (the same coefficient and exponent).
func TestElemLossMatchesToDec(t *testing.T) {
	vals := []decimal.Decimal{
		decimal.New(-4123456789012345678, -18),
		decimal.New(999999999999999999, -17),
		decimal.New(1, 300), decimal.New(1, 301), decimal.New(-7, -300), decimal.New(-7, -301),
		decimal.RequireFromString("-3.1234567890123456789012345678901234"),
		decimal.RequireFromString("123456789012345678901234567890"),
		decimal.New(0, 0), decimal.New(0, -5),
	}
	in := Input{Inferences: []loss.VectorValue{}, Forecasts: []Forecast{{Forecaster: "f"}}}
	for i, v := range vals {
		id := genID("i", i)
		in.Inferences = append(in.Inferences, loss.VectorValue{ID: id, Values: loss.Vector{decimal.New(1, 0)}})
		in.Forecasts[0].Elements = append(in.Forecasts[0].Elements, ForecastElement{Inferer: id, Value: v})
	}
	e, err := prepare(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, y := range e.fc[0].el {
		want, err := toDec(vals[i])
		if err != nil {
			t.Fatal(err)
		}
		got := e.lossOf(y).Decimal()
		if got.Exponent() != want.Decimal().Exponent() || got.Coefficient().Cmp(want.Decimal().Coefficient()) != 0 {
			t.Fatalf("element %d: %s (exp %d), want %s", i, got, got.Exponent(), want)
		}
	}
	// 19 and more digits (three values) and exponents beyond ±300 (two).
	if len(e.bigLoss) != 5 {
		t.Fatalf("%d losses beyond an elem, want 5", len(e.bigLoss))
	}
}

// TestGridMatchesFullIndex: the per-network index (runs, and rows for the
// other networks) answers every (network, worker) exactly as a full
// nets×cols table of entry positions, and reports a duplicate at the same
// entry, for sorted dense stores, stores with gaps, networks split into
// several runs, shuffled stores and stores with repeated pairs.
func TestGridMatchesFullIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	type ent struct{ net, w int }
	runs, rowsUsed := 0, 0
	for c := range 3000 {
		nets, cols := 1+rng.IntN(6), 1+rng.IntN(7)
		var es []ent
		for a := range nets {
			for w := range cols {
				if c%5 == 0 || rng.IntN(4) != 0 {
					es = append(es, ent{a, w})
				}
			}
		}
		switch c % 5 {
		case 1:
			rng.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		case 2: // swap a few neighbours: networks split into runs
			for range 1 + rng.IntN(3) {
				if len(es) > 1 {
					i := rng.IntN(len(es) - 1)
					es[i], es[i+1] = es[i+1], es[i]
				}
			}
		case 3: // a repeated pair somewhere later
			if len(es) > 0 {
				i := rng.IntN(len(es))
				es = slices.Insert(es, i+rng.IntN(len(es)-i+1), es[i])
			}
		}
		full := make([]int32, nets*cols)
		g := newGrid(nets, cols)
		dupAt, wantDup := -1, -1
		for i, x := range es {
			if wantDup < 0 && full[x.net*cols+x.w] != 0 {
				wantDup = i
			}
			if wantDup < 0 {
				full[x.net*cols+x.w] = int32(i + 1)
			}
			if dupAt < 0 && !g.add(x.net, x.w, i) {
				dupAt = i
			}
			if dupAt >= 0 || wantDup >= 0 {
				break
			}
		}
		if dupAt != wantDup {
			t.Fatalf("case %d: duplicate at %d, want %d", c, dupAt, wantDup)
		}
		if wantDup >= 0 {
			continue
		}
		for a := range nets {
			if g.rows[a] == nil {
				runs++
			} else {
				rowsUsed++
			}
			for w := range cols {
				if got, want := g.entry(a, w), full[a*cols+w]; got != want {
					t.Fatalf("case %d (%d, %d): entry %d, want %d", c, a, w, got, want)
				}
			}
		}
	}
	// Both representations are exercised.
	if runs == 0 || rowsUsed == 0 {
		t.Fatalf("runs %d, rows %d", runs, rowsUsed)
	}
	t.Logf("networks indexed by runs %d, by rows %d", runs, rowsUsed)
}

// TestGridDenseSortedStoreHasNoRows: the benchmark's dense stores, sorted
// like the reference chain's, are indexed by runs alone.
func TestGridDenseSortedStoreHasNoRows(t *testing.T) {
	e, err := prepare(genInput(genSpec{n: 12, f: 9, dense: true, seed: 3, newest: true}))
	if err != nil {
		t.Fatal(err)
	}
	for g, gr := range []grid{e.r.ooII, e.r.ooIF, e.r.ooFI, e.r.ooFF, e.r.oneInI} {
		for net, row := range gr.rows {
			if row != nil || int(gr.cnt[net]) != gr.cols {
				t.Fatalf("store %d network %d: row %v, run %d of %d", g, net, row != nil, gr.cnt[net], gr.cols)
			}
		}
	}
}
