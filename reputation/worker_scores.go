package reputation

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// ClassScores are the instant performance scores of one worker class at one
// epoch.
type ClassScores struct {
	// Scores holds one score per scored worker, sorted by id.
	Scores []loss.Value `json:"scores,omitempty"`
	// Single reports the single-worker rule ((4.2) and §5): exactly one
	// worker, scored 0. The reference stores that score but updates neither
	// its EMA nor the topic quantile; SettleClass honours the flag.
	Single bool `json:"single,omitempty"`
}

// WorkerScores are the instant scores of an epoch's workers, computed from
// the network-loss bundle (§4, §5).
type WorkerScores struct {
	Inferers    ClassScores `json:"inferers"`
	Forecasters ClassScores `json:"forecasters"`
	// ForecastTask is the forecasting-task score T_i^f = ℓ⁻_i − ℓ_i (5.5).
	ForecastTask decimal.Decimal `json:"forecast_task"`
}

// ScoreWorkers computes the inferer scores (InfererScores), the forecaster
// scores (ForecasterScores) and the forecasting-task score
// (ForecastTaskScore) of one network-loss bundle nl; rounding and errors as
// theirs.
func ScoreWorkers(nl loss.Bundle, p Params) (WorkerScores, error) {
	var ws WorkerScores
	var err error
	if ws.Inferers, err = InfererScores(nl); err != nil {
		return WorkerScores{}, err
	}
	if ws.Forecasters, err = ForecasterScores(nl, p); err != nil {
		return WorkerScores{}, err
	}
	if ws.ForecastTask, err = ForecastTaskScore(nl); err != nil {
		return WorkerScores{}, err
	}
	return ws, nil
}

// InfererScores returns the inferer performance scores of §4 from the
// network-loss bundle nl:
//
//	(4.1)  T_ij = ℓ⁻_ij − ℓ_i   for every entry j of nl.OneOutInferers
//	(4.2)  T = 0 for the single inferer when len(nl.Inferers) == 1 (Single)
//
// As in the reference, the scores are those of the one-out entries (not of
// nl.Inferers); no entries give no scores. Every operation is exact (one
// subtraction). Errors: ErrEmptyID, ErrDuplicateID, ErrInvalidValue.
func InfererScores(nl loss.Bundle) (ClassScores, error) {
	infs, err := convertValues("inferers", nl.Inferers)
	if err != nil {
		return ClassScores{}, err
	}
	if len(infs) == 1 {
		return ClassScores{Scores: []loss.Value{{ID: infs[0].id, Value: decimal.Decimal{}}}, Single: true}, nil
	}
	combined, err := toDec("combined", nl.Combined)
	if err != nil {
		return ClassScores{}, err
	}
	out, err := convertValues("one_out_inferers", nl.OneOutInferers)
	if err != nil {
		return ClassScores{}, err
	}
	for i := range out {
		out[i].v = out[i].v.Sub(combined)
	}
	return ClassScores{Scores: values(out)}, nil
}

// ForecasterScores returns the forecaster performance scores of §5 from the
// network-loss bundle nl:
//
//	(5.1)  T⁻_ik = ℓ⁻_ik − ℓ_i            (nl.OneOutForecasters)
//	(5.2)  T⁺_ik = ℓ⁻_i − ℓ⁺_ik           (nl.OneInForecasters)
//	(5.3)  f⁺ = 1 / 2^(n−1),  n = len(nl.OneOutForecasters)
//	(5.4)  T_ik = f⁺·T⁺_ik + (1 − f⁺)·T⁻_ik
//
// with T = 0 for the single forecaster when len(nl.Forecasters) == 1
// (Single). One score is produced per one-in entry. Under the default
// PairByID the one-in and one-out lists must name the same forecasters
// (ErrPairing otherwise); under PairByPosition the q-th one-in entry is
// paired with the q-th one-out entry in id order, as the reference does.
//
// Rounding: 2^(n−1) is exact for n ≤ 113 (rounded once beyond), f⁺ is one
// rounded division, each product in (5.4) is rounded, the differences and
// the final sum are exact. Errors: ErrInvalidParams, ErrEmptyID,
// ErrDuplicateID, ErrPairing, ErrInvalidValue.
func ForecasterScores(nl loss.Bundle, p Params) (ClassScores, error) {
	cp, err := p.compile()
	if err != nil {
		return ClassScores{}, err
	}
	fcs, err := convertValues("forecasters", nl.Forecasters)
	if err != nil {
		return ClassScores{}, err
	}
	if len(fcs) == 1 {
		return ClassScores{Scores: []loss.Value{{ID: fcs[0].id, Value: decimal.Decimal{}}}, Single: true}, nil
	}
	combined, err := toDec("combined", nl.Combined)
	if err != nil {
		return ClassScores{}, err
	}
	naive, err := toDec("naive", nl.Naive)
	if err != nil {
		return ClassScores{}, err
	}
	oneOut, err := convertValues("one_out_forecasters", nl.OneOutForecasters)
	if err != nil {
		return ClassScores{}, err
	}
	oneIn, err := convertValues("one_in_forecasters", nl.OneInForecasters)
	if err != nil {
		return ClassScores{}, err
	}
	if len(oneIn) == 0 {
		return ClassScores{}, nil
	}
	if len(oneIn) > len(oneOut) {
		return ClassScores{}, fmt.Errorf("%w: %d one-in entries but %d one-out entries", ErrPairing, len(oneIn), len(oneOut))
	}
	if !cp.byPosition {
		if len(oneIn) != len(oneOut) {
			return ClassScores{}, fmt.Errorf("%w: %d one-in entries but %d one-out entries", ErrPairing, len(oneIn), len(oneOut))
		}
		for q := range oneIn {
			if oneIn[q].id != oneOut[q].id {
				return ClassScores{}, fmt.Errorf("%w: one-in forecaster %q has no one-out entry (or %q no one-in entry)", ErrPairing, oneIn[q].id, oneOut[q].id)
			}
		}
	}
	fPlus, err := uniquenessFactor(cp.ctx, len(oneOut))
	if err != nil {
		return ClassScores{}, err
	}
	oneMinus := dec.One().Sub(fPlus)
	m := dec.NewCalc(cp.ctx)
	out := make([]idValue, len(oneIn))
	for q, in := range oneIn {
		tPlus := naive.Sub(in.v)
		tMinus := oneOut[q].v.Sub(combined)
		out[q] = idValue{in.id, m.Mul(fPlus, tPlus).Add(m.Mul(oneMinus, tMinus))}
	}
	if err := m.Err(); err != nil {
		return ClassScores{}, wrapArith("forecaster score (5.4)", err)
	}
	return ClassScores{Scores: values(out)}, nil
}

// uniquenessFactor returns f⁺ = 1 / 2^(n−1) of (5.3): the power is exact
// (rounded once when it exceeds the context's digits), the division rounded.
func uniquenessFactor(ctx dec.Context, n int) (dec.Dec, error) {
	pow, err := ctx.Pow(dec.FromInt64(2), dec.FromInt64(int64(n-1)))
	if err != nil {
		return dec.Dec{}, wrapArith("2^(n-1) (5.3)", err)
	}
	f, err := ctx.Quo(dec.One(), pow)
	if err != nil {
		return dec.Dec{}, wrapArith("f+ (5.3)", err)
	}
	return f, nil
}

// ForecastTaskScore returns the forecasting-task score (5.5)
//
//	T_i^f = ℓ⁻_i − ℓ_i
//
// (nl.Naive − nl.Combined), exactly. Errors: ErrInvalidValue.
func ForecastTaskScore(nl loss.Bundle) (decimal.Decimal, error) {
	combined, err := toDec("combined", nl.Combined)
	if err != nil {
		return decimal.Decimal{}, err
	}
	naive, err := toDec("naive", nl.Naive)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return naive.Sub(combined).Decimal(), nil
}
