package rewards

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
)

// reputerFractions implements (10.5) for parallel stake and score lists:
//
//	w_m = (S_m·T_m)^p / Σ_n (S_n·T_n)^p
//
// S·T, the power and the quotients round to ctx; the sum is exact. A term
// with S·T = 0 is exactly 0 and is never raised to the power: the guard for
// the NEWEST Pow, which rejects a base <= 0 (spec §1.1, §22.3); it gives
// V6's value 0^p = 0. Errors wrap ErrZeroTotal (every term is 0) or
// ErrArithmetic.
func reputerFractions(ctx dec.Context, stakes, scores []dec.Dec, p dec.Dec) ([]dec.Dec, error) {
	calc := dec.NewCalc(ctx)
	terms := make([]dec.Dec, len(scores))
	for i := range scores {
		st := calc.Mul(stakes[i], scores[i])
		if st.IsZero() {
			continue
		}
		terms[i] = calc.Pow(st, p)
	}
	if err := calc.Err(); err != nil {
		return nil, arith("reputer term (S·T)^p (10.5)", err)
	}
	w, err := normalise(ctx, terms)
	if err != nil {
		return nil, fmt.Errorf("reputer fractions (10.5): %w", err)
	}
	return w, nil
}

// reputerInputs validates parallel score and stake lists keyed by id: the
// same ids, scores >= 0, stakes integer amounts in [0, 1e77]. It returns
// the id-sorted ids, stakes and scores.
func reputerInputs(scores, stakes []loss.Value) ([]string, []dec.Dec, []dec.Dec, error) {
	sc, err := toEntries("reputer scores", scores)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := toEntries("reputer stakes", stakes)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(sc) == 0 {
		return nil, nil, nil, fmt.Errorf("%w: no reputers", ErrEmpty)
	}
	if len(st) != len(sc) {
		return nil, nil, nil, fmt.Errorf("%w: %d reputer scores but %d stakes", ErrUnknownID, len(sc), len(st))
	}
	for i := range sc {
		if sc[i].id != st[i].id {
			return nil, nil, nil, fmt.Errorf("%w: reputer %q has a score but no stake (or the reverse)", ErrUnknownID, sc[i].id)
		}
		if sc[i].v.Sign() < 0 {
			return nil, nil, nil, fmt.Errorf("%w: reputer %q has negative score %s", ErrInvalidValue, sc[i].id, sc[i].v)
		}
		if err := checkAmount(fmt.Sprintf("stake of %q", st[i].id), st[i].v); err != nil {
			return nil, nil, nil, err
		}
	}
	return ids(sc), values(st), values(sc), nil
}

// ReputerFractions returns the instant reputer reward fractions w_m of spec
// (10.5), sorted by id: (S_m·T_m)^p normalised, p = PRewardReputer. scores
// holds the reputer scores T_m (>= 0) and stakes the authority stakes S_m
// (integer base units, >= 0) for the same ids. A reputer with S·T = 0 gets
// exactly 0 (no power is taken; see doc.go, "Pow guard").
//
// Precision: S·T, the power and the quotients round to the Params' context;
// the sum is exact. With RoundDown the fractions sum to at most 1.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue (negative score, negative or
// non-integer stake), ErrEmpty, ErrEmptyID, ErrDuplicateID, ErrUnknownID (the
// id sets differ), ErrTooLarge, ErrZeroTotal (every S·T is 0) or
// ErrArithmetic.
func ReputerFractions(scores, stakes []loss.Value, p Params) ([]loss.Value, error) {
	cp, err := p.compile()
	if err != nil {
		return nil, err
	}
	id, st, sc, err := reputerInputs(scores, stakes)
	if err != nil {
		return nil, err
	}
	w, err := reputerFractions(cp.ctx, st, sc, cp.pRep)
	if err != nil {
		return nil, err
	}
	return fromEntries(zipEntries(id, w)), nil
}
