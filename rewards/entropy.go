package rewards

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// SingleParticipantEntropy is the literal entropy of a class with exactly one
// actor (spec (11.5)): ln(2)/4 truncated to 15 decimals, a reference-chain
// convention used for each class independently.
const SingleParticipantEntropy = "0.173286795139986"

// classEntropy is the outcome of (11.1)–(11.5) for one class.
type classEntropy struct {
	smoothed []dec.Dec // ũ (11.1)
	modified []dec.Dec // f (11.2)
	stored   []dec.Dec // V6: f; NEWEST: ũ
	neff     dec.Dec   // (11.3)
	entropy  dec.Dec   // (11.4) or (11.5)
}

// entropyOf implements (11.1)–(11.5) for one class in id order. prev[i] is
// actor i's stored previous fraction when has[i]; otherwise (11.1) takes the
// instant value.
//
//	ũ_a   = u_a (first time) or α·u_a + (1−α)·prev_a       (11.1)
//	f_a   = ũ_a / Σ ũ                                      (11.2)
//	N_eff = 1 / Σ x_b²   (V6: x = ũ; NEWEST: x = f)        (11.3)
//	H     = −Σ f_a ln f_a · (N_eff / N)^β                  (11.4)
//	H     = 0.173286795139986 when N = 1                   (11.5)
//
// Products, quotients, Ln and Pow round to ctx; sums are exact. A term with
// f_a = 0 contributes 0 (the limit of f ln f; see doc.go, "Zero fractions").
// Errors wrap ErrEmpty, ErrZeroTotal (Σũ = 0) or ErrArithmetic.
func entropyOf(ctx dec.Context, instant, prev []dec.Dec, has []bool, alpha, beta dec.Dec, newest bool) (classEntropy, error) {
	var ce classEntropy
	n := len(instant)
	if n == 0 {
		return ce, fmt.Errorf("%w: no actors in the class", ErrEmpty)
	}
	calc := dec.NewCalc(ctx)
	ce.smoothed = make([]dec.Dec, n)
	for i, u := range instant {
		ce.smoothed[i] = calc.EMA(alpha, u, prev[i], !has[i])
	}
	if err := calc.Err(); err != nil {
		return ce, arith("smoothed fraction (11.1)", err)
	}
	f, err := normalise(ctx, ce.smoothed)
	if err != nil {
		return ce, fmt.Errorf("modified fractions (11.2): %w", err)
	}
	ce.modified = f
	x, stored := ce.smoothed, ce.modified
	if newest {
		x, stored = ce.modified, ce.smoothed
	}
	ce.stored = stored
	var sq dec.Dec
	for _, v := range x {
		sq = sq.Add(calc.Mul(v, v))
	}
	if sq.IsZero() && calc.Err() == nil {
		return ce, fmt.Errorf("%w: effective number (11.3): every fraction squares to 0", ErrZeroTotal)
	}
	ce.neff = calc.Quo(dec.One(), sq)
	if n == 1 {
		ce.entropy = dec.MustParse(SingleParticipantEntropy)
	} else {
		mult := calc.Pow(calc.Quo(ce.neff, dec.FromInt64(int64(n))), beta)
		var s dec.Dec
		for _, v := range f {
			if v.IsZero() {
				continue
			}
			s = s.Add(calc.Mul(v, calc.Ln(v)))
		}
		ce.entropy = calc.Mul(s.Neg(), mult)
	}
	if err := calc.Err(); err != nil {
		return ce, arith("entropy (11.3)-(11.4)", err)
	}
	return ce, nil
}

// previousFor looks up each id's stored previous fraction.
func previousFor(idList []string, prev map[string]dec.Dec) ([]dec.Dec, []bool) {
	v := make([]dec.Dec, len(idList))
	has := make([]bool, len(idList))
	for i, id := range idList {
		v[i], has[i] = prev[id]
	}
	return v, has
}

// checkFractions requires every value in [0, 1].
func checkFractions(field string, es []entry) error {
	for _, e := range es {
		if e.v.Sign() < 0 || e.v.Cmp(dec.One()) > 0 {
			return fmt.Errorf("%w: %s of %q = %s outside [0, 1]", ErrInvalidValue, field, e.id, e.v)
		}
	}
	return nil
}

// Entropy is the outcome of spec §11 for one class. Lists are sorted by id.
type Entropy struct {
	// Smoothed holds ũ_a (11.1): the EMA of the instant fractions with the
	// previous ones (the instant value for an actor without a previous one).
	Smoothed []loss.Value `json:"smoothed"`
	// Modified holds f_a = ũ_a / Σũ (11.2).
	Modified []loss.Value `json:"modified"`
	// EffectiveNumber is N_eff (11.3).
	EffectiveNumber decimal.Decimal `json:"effective_number"`
	// Entropy is the modified entropy (11.4), or the constant (11.5) for one
	// actor.
	Entropy decimal.Decimal `json:"entropy"`
	// Stored holds the values to keep as next epoch's previous fractions:
	// f under V6, ũ under NEWEST (#704).
	Stored []loss.Value `json:"stored"`
}

// TaskEntropy computes spec (11.1)–(11.5) for one class (inferers,
// forecasters or reputers): the smoothed fractions from the instant
// fractions (10.4)/(10.5) and the stored previous ones, the modified
// fractions, the effective number of participants and the modified entropy
// with β = BetaEntropy. previous may hold ids absent from fractions (they
// are ignored). Fractions must lie in [0, 1].
//
// V6 feeds the unnormalised ũ to N_eff and stores f; NEWEST feeds f and
// stores ũ. Both agree when the previous fractions of the same actors sum
// to 1.
//
// Precision: the EMA products, squares, quotients, Ln and Pow round to the
// Params' context; sums and 1−α are exact.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue, ErrEmpty, ErrEmptyID,
// ErrDuplicateID, ErrTooLarge, ErrZeroTotal (every smoothed fraction is 0)
// or ErrArithmetic.
func TaskEntropy(fractions, previous []loss.Value, p Params) (Entropy, error) {
	cp, err := p.compile()
	if err != nil {
		return Entropy{}, err
	}
	fr, err := toEntries("fractions", fractions)
	if err != nil {
		return Entropy{}, err
	}
	pr, err := toEntries("previous fractions", previous)
	if err != nil {
		return Entropy{}, err
	}
	if err := checkFractions("fraction", fr); err != nil {
		return Entropy{}, err
	}
	if err := checkFractions("previous fraction", pr); err != nil {
		return Entropy{}, err
	}
	id := ids(fr)
	pv, has := previousFor(id, lookup(pr))
	ce, err := entropyOf(cp.ctx, values(fr), pv, has, cp.alphaTask, cp.beta, cp.newest)
	if err != nil {
		return Entropy{}, err
	}
	return Entropy{
		Smoothed:        fromEntries(zipEntries(id, ce.smoothed)),
		Modified:        fromEntries(zipEntries(id, ce.modified)),
		EffectiveNumber: ce.neff.Decimal(),
		Entropy:         ce.entropy.Decimal(),
		Stored:          fromEntries(zipEntries(id, ce.stored)),
	}, nil
}
