package reputation

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// Epochs is the topic's epoch configuration read by the NEWEST liveness
// penalty (§9.3).
type Epochs struct {
	// EpochLastEnded is the block height at which the topic's last epoch
	// ended.
	EpochLastEnded int64 `json:"epoch_last_ended"`
	// EpochLength is L_e > 0.
	EpochLength int64 `json:"epoch_length"`
	// GroundTruthLag is the topic's ground-truth lag (reputers only).
	GroundTruthLag int64 `json:"ground_truth_lag"`
}

// MissedEpochs returns the number M of contiguous epochs an actor missed
// before its submission (9.1):
//
//	start = EpochLastEnded − EpochLength            (inferers, forecasters)
//	start = EpochLastEnded − EpochLength − GroundTruthLag   (reputers)
//	M = 0                                  if last ≥ start
//	M = ⌊(start − 1 − last) / L_e⌋ + 1      otherwise
//
// with last = the stored BlockHeight, and last and start clamped at 0.
// Errors: ErrEpochs (L_e ≤ 0), ErrInvalidParams (unknown class).
func MissedEpochs(class Class, last int64, e Epochs) (int64, error) {
	if !class.valid() {
		return 0, fmt.Errorf("%w: class %d", ErrInvalidParams, int(class))
	}
	if e.EpochLength <= 0 {
		return 0, fmt.Errorf("%w: epoch length %d", ErrEpochs, e.EpochLength)
	}
	start := e.EpochLastEnded - e.EpochLength
	if class == Reputer {
		start -= e.GroundTruthLag
	}
	last, start = max(last, 0), max(start, 0)
	if last >= start {
		return 0, nil
	}
	return (start-1-last)/e.EpochLength + 1, nil
}

// NCalcEMA returns n applications of the EMA toward a fixed target, in the
// reference's closed form (NCalcEma):
//
//	(9.2)  Ē_n = (1 − α)^n·Ē + (1 − (1 − α)^n)·target
//
// (1 − α)^n is the reference's power (binary exponentiation with half-up
// rounding to max(34, digits)+10 digits, then one rounding to the context;
// exact for (1 − α)^n of at most 44 digits), both products are rounded, the
// differences and the sum exact. n = 0 returns Ē. A power below the decimal
// range flushes to 0. Errors: ErrInvalidParams, ErrInvalidValue.
func NCalcEMA(target, ema decimal.Decimal, n uint64, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	t, err := toDec("target", target)
	if err != nil {
		return decimal.Decimal{}, err
	}
	x, err := toDec("ema", ema)
	if err != nil {
		return decimal.Decimal{}, err
	}
	v, err := nCalcEMA(cp, t, x, n)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return v.Decimal(), nil
}

func nCalcEMA(cp params, target, x dec.Dec, n uint64) (dec.Dec, error) {
	base := dec.One().Sub(cp.alpha)
	var pow dec.Dec
	var err error
	switch {
	case n == 0:
		pow = dec.One()
	case base.IsZero():
		pow = dec.Dec{}
	case n == 1:
		pow = base
	default:
		if pow, err = intPowRef(cp.ctx, base, n); err != nil {
			return dec.Dec{}, wrapArith("(1-α)^n (9.2)", err)
		}
	}
	m := dec.NewCalc(cp.ctx)
	v := m.Mul(pow, x).Add(m.Mul(target, dec.One().Sub(pow)))
	if err := m.Err(); err != nil {
		return dec.Dec{}, wrapArith("NCalcEma (9.2)", err)
	}
	return v, nil
}

// LivenessPenalty applies the NEWEST liveness penalty (9.1)-(9.2) to a
// stored EMA record before a submission: with M = MissedEpochs(class,
// stored.BlockHeight, e), the score becomes NCalcEMA(initial, score, M)
// when M > 0 and score ≠ initial (the topic's initial EMA score Ē₀, the
// asymptote); otherwise the record is returned unchanged. The BlockHeight
// is not changed (the admission sets it to the submission nonce). Rounding:
// as NCalcEMA. Errors: ErrInvalidParams, ErrEmptyID, ErrInvalidValue,
// ErrEpochs.
func LivenessPenalty(class Class, stored EMAScore, initial decimal.Decimal, e Epochs, p Params) (EMAScore, error) {
	cp, err := p.compile()
	if err != nil {
		return EMAScore{}, err
	}
	r, err := emaOf("stored", stored)
	if err != nil {
		return EMAScore{}, err
	}
	init, err := toDec("initial", initial)
	if err != nil {
		return EMAScore{}, err
	}
	nr, err := livenessPenalty(cp, class, r, init, e)
	if err != nil {
		return EMAScore{}, err
	}
	return nr.out(), nil
}

func livenessPenalty(cp params, class Class, r emaRec, initial dec.Dec, e Epochs) (emaRec, error) {
	missed, err := MissedEpochs(class, r.h, e)
	if err != nil {
		return emaRec{}, err
	}
	if missed == 0 || r.score.Equal(initial) {
		return r, nil
	}
	v, err := nCalcEMA(cp, initial, r.score, uint64(missed))
	if err != nil {
		return emaRec{}, err
	}
	r.score = v
	return r, nil
}
