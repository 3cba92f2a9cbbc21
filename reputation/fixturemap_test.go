package reputation

// Mapping of the inference-simulator fixture (spec §18, fixtures README §2)
// onto this package's inputs, for any numbers of inferers N, forecasters F
// and reputers R found in the header (internal/scheme). Worker and reputer
// ids are zero-padded so that id order is index order.

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

func fxInferer(j int) string    { return fmt.Sprintf("inferer-%04d", j) }
func fxForecaster(k int) string { return fmt.Sprintf("forecaster-%04d", k) }
func fxReputer(r int) string    { return fmt.Sprintf("reputer-%04d", r) }

// fxShape detects N, F and R of an inference-simulator table.
func fxShape(tb testing.TB, tab *fixture.Table) scheme.Shape {
	tb.Helper()
	s, err := scheme.Detect(tab.Header)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func fxDecimal(tb testing.TB, row fixture.Row, col string) decimal.Decimal {
	tb.Helper()
	return row.MustDec(tb, col).Decimal()
}

// fxBundle builds a loss bundle from one row with column-name functions for
// each list (the network losses or one reputer's reported losses).
func fxBundle(tb testing.TB, row fixture.Row, s scheme.Shape, combined, naive string,
	inferer, forecaster func(j int) string, ooif func(k, j int) string,
	oneOut func(w int) string, oneIn func(k int) string) loss.Bundle {
	tb.Helper()
	b := loss.Bundle{Combined: fxDecimal(tb, row, combined), Naive: fxDecimal(tb, row, naive)}
	for j := 0; j < s.Inferers; j++ {
		b.Inferers = append(b.Inferers, loss.Value{ID: fxInferer(j), Value: fxDecimal(tb, row, inferer(j))})
		b.OneOutInferers = append(b.OneOutInferers, loss.Value{ID: fxInferer(j), Value: fxDecimal(tb, row, oneOut(j))})
	}
	for k := 0; k < s.Forecasters; k++ {
		id := fxForecaster(k)
		b.Forecasters = append(b.Forecasters, loss.Value{ID: id, Value: fxDecimal(tb, row, forecaster(k))})
		b.OneOutForecasters = append(b.OneOutForecasters, loss.Value{ID: id, Value: fxDecimal(tb, row, oneOut(s.Inferers+k))})
		b.OneInForecasters = append(b.OneInForecasters, loss.Value{ID: id, Value: fxDecimal(tb, row, oneIn(k))})
		for j := 0; j < s.Inferers; j++ {
			b.OneOutInfererForecasters = append(b.OneOutInfererForecasters,
				loss.PairValue{Forecaster: id, Inferer: fxInferer(j), Value: loss.MustNum(fxDecimal(tb, row, ooif(k, j)))})
		}
	}
	return b
}

// fxNetworkLosses returns the network-loss bundle of a row.
func fxNetworkLosses(tb testing.TB, row fixture.Row, s scheme.Shape) loss.Bundle {
	tb.Helper()
	return fxBundle(tb, row, s, scheme.NetworkLoss, scheme.NaiveLoss,
		scheme.InferenceLoss, scheme.FIILoss, scheme.FIILossOneOut, scheme.OneOutLoss, scheme.OneInLoss)
}

// fxStake returns reputer_stake_r × 10^18 floored to an integer, as the
// reference tests do.
func fxStake(tb testing.TB, row fixture.Row, r int) decimal.Decimal {
	tb.Helper()
	v := row.MustDec(tb, scheme.Stake(r)).Shift(18).Floor()
	return decimal.NewFromBigInt(new(big.Int).Set(v.TruncInt()), 0)
}

// fxReports returns the reputers' reports of a row: stakes and every
// reputer_r_loss_* column.
func fxReports(tb testing.TB, row fixture.Row, s scheme.Shape) []loss.Report {
	tb.Helper()
	out := make([]loss.Report, s.Reputers)
	for r := 0; r < s.Reputers; r++ {
		b := fxBundle(tb, row, s, scheme.RepNetwork(r), scheme.RepNaive(r),
			func(j int) string { return scheme.RepInference(r, j) },
			func(k int) string { return scheme.RepFII(r, k) },
			func(k, j int) string { return scheme.RepFIIOneOut(r, k, j) },
			func(w int) string { return scheme.RepOneOut(r, w) },
			func(k int) string { return scheme.RepOneIn(r, k) })
		out[r] = loss.Report{Reputer: fxReputer(r), Stake: fxStake(tb, row, r), Losses: b}
	}
	return out
}

// fxCoefficients returns a row's listening coefficients.
func fxCoefficients(tb testing.TB, row fixture.Row, s scheme.Shape) []loss.Value {
	tb.Helper()
	out := make([]loss.Value, s.Reputers)
	for r := range out {
		out[r] = loss.Value{ID: fxReputer(r), Value: fxDecimal(tb, row, scheme.Listening(r))}
	}
	return out
}

// fxCompare records got against a row's column in the report and fails
// above tol (relative).
func fxCompare(tb testing.TB, rep *fixture.Report, family, col string, row fixture.Row, got decimal.Decimal, tol dec.Dec) {
	tb.Helper()
	g, err := dec.FromDecimal(got)
	if err != nil {
		tb.Fatal(err)
	}
	want := row.MustDec(tb, col)
	if rel := rep.Add(family, col, row.Str(scheme.Epoch), g, want); rel.Cmp(tol) > 0 {
		tb.Errorf("%s row %s: got %s want %s (rel %s)", col, row.Str(scheme.Epoch), g, want, rel)
	}
}
