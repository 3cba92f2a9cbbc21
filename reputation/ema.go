package reputation

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// EMAScore is an actor's stored EMA score record (the reference's
// types.Score in the *ScoreEma stores). A missing record reads as
// BlockHeight 0 and Score 0.
type EMAScore struct {
	ID    string          `json:"id"`
	Score decimal.Decimal `json:"score"`
	// BlockHeight is, under V6, the nonce of the record's last update; under
	// NEWEST, the nonce of the actor's last accepted submission (§8.1).
	BlockHeight int64 `json:"block_height"`
}

// emaRec is EMAScore in the decimal core.
type emaRec struct {
	id    string
	score dec.Dec
	h     int64
}

func (r emaRec) out() EMAScore { return EMAScore{ID: r.id, Score: r.score.Decimal(), BlockHeight: r.h} }

// first is the first-time rule (8.1): a record with BlockHeight 0 and score 0.
func (r emaRec) first() bool { return r.h == 0 && r.score.IsZero() }

// emaIndex converts stored records into a map by id, rejecting empty and
// duplicate ids and negative block heights.
func emaIndex(name string, stored []EMAScore) (map[string]emaRec, error) {
	if len(stored) > MaxCandidates {
		return nil, fmt.Errorf("%w: %d %s (max %d)", ErrTooLarge, len(stored), name, MaxCandidates)
	}
	idx := make(map[string]emaRec, len(stored))
	for i, s := range stored {
		r, err := emaOf(name, s)
		if err != nil {
			return nil, fmt.Errorf("%w (%s[%d])", err, name, i)
		}
		if _, dup := idx[r.id]; dup {
			return nil, fmt.Errorf("%w: %s has %q twice", ErrDuplicateID, name, r.id)
		}
		idx[r.id] = r
	}
	return idx, nil
}

func emaOf(name string, s EMAScore) (emaRec, error) {
	if s.ID == "" {
		return emaRec{}, fmt.Errorf("%w: %s", ErrEmptyID, name)
	}
	if s.BlockHeight < 0 {
		return emaRec{}, fmt.Errorf("%w: %s %q has block height %d", ErrInvalidValue, name, s.ID, s.BlockHeight)
	}
	v, err := dec.FromDecimal(s.Score)
	if err != nil {
		return emaRec{}, badValue(fmt.Sprintf("%s %q", name, s.ID), err)
	}
	return emaRec{s.ID, v, s.BlockHeight}, nil
}

// lookup returns the stored record of id, or the reference's default
// (BlockHeight 0, score 0).
func lookup(idx map[string]emaRec, id string) emaRec {
	if r, ok := idx[id]; ok {
		return r
	}
	return emaRec{id: id}
}

// UpdateActiveEMAs applies the active-set EMA update (8.1)-(8.2) to every
// actor with an instant score:
//
//	Ē ← T                           if first (stored BlockHeight 0 and score 0)
//	Ē ← α_ms·T + (1 − α_ms)·Ē_prev  otherwise (T if T == Ē_prev)
//
// stored holds the actors' stored records (missing ones read as (0, 0);
// records of other actors are ignored). The new records carry BlockHeight
// nonce under V6 and the stored BlockHeight under NEWEST. Both products are
// rounded, the sum is exact. The result is sorted by id.
//
// Errors: ErrInvalidParams, ErrEmptyID, ErrDuplicateID, ErrInvalidValue,
// ErrTooLarge.
func UpdateActiveEMAs(instant []loss.Value, stored []EMAScore, nonce int64, p Params) ([]EMAScore, error) {
	cp, err := p.compile()
	if err != nil {
		return nil, err
	}
	recs, err := activeEMAs(cp, instant, stored, nonce)
	if err != nil {
		return nil, err
	}
	out := make([]EMAScore, len(recs))
	for i, r := range recs {
		out[i] = r.out()
	}
	return out, nil
}

func activeEMAs(cp params, instant []loss.Value, stored []EMAScore, nonce int64) ([]emaRec, error) {
	if len(instant) > MaxCandidates {
		return nil, fmt.Errorf("%w: %d scores (max %d)", ErrTooLarge, len(instant), MaxCandidates)
	}
	scores, err := convertValues("scores", instant)
	if err != nil {
		return nil, err
	}
	idx, err := emaIndex("stored", stored)
	if err != nil {
		return nil, err
	}
	out := make([]emaRec, len(scores))
	for i, s := range scores {
		prev := lookup(idx, s.id)
		v, err := cp.ctx.EMA(cp.alpha, s.v, prev.score, prev.first())
		if err != nil {
			return nil, wrapArith("EMA (8.2)", err)
		}
		h := nonce
		if cp.newest {
			h = prev.h
		}
		out[i] = emaRec{s.id, v, h}
	}
	return out, nil
}

// PassiveEMA pulls a passive actor's record toward the stored topic
// quantile Q of its class (8.5):
//
//	Ē ← Q                            if first (BlockHeight 0 and score 0)
//	Ē ← α_ms·Q + (1 − α_ms)·Ē_prev   otherwise (Q if Q == Ē_prev)
//
// and stamps it with BlockHeight nonce. Both products are rounded, the sum is
// exact. Errors: ErrInvalidParams, ErrEmptyID, ErrInvalidValue.
func PassiveEMA(stored EMAScore, quantile decimal.Decimal, nonce int64, p Params) (EMAScore, error) {
	cp, err := p.compile()
	if err != nil {
		return EMAScore{}, err
	}
	r, err := emaOf("stored", stored)
	if err != nil {
		return EMAScore{}, err
	}
	q, err := toDec("quantile", quantile)
	if err != nil {
		return EMAScore{}, err
	}
	nr, err := passiveEMA(cp, r, q, nonce)
	if err != nil {
		return EMAScore{}, err
	}
	return nr.out(), nil
}

func passiveEMA(cp params, r emaRec, q dec.Dec, nonce int64) (emaRec, error) {
	v, err := cp.ctx.EMA(cp.alpha, q, r.score, r.first())
	if err != nil {
		return emaRec{}, wrapArith("passive EMA (8.5)", err)
	}
	return emaRec{r.id, v, nonce}, nil
}

// TopicQuantile returns the topic quantile (8.3) of scores at level q: the
// scores sorted descending, P = (1 − q)·(n − 1) (one rounded product),
// linear interpolation between the neighbours of P (one rounded product, an
// exact sum); 0 for no scores, as in the reference. The result lies within
// [min, max] of the scores. Errors: ErrInvalidParams (q outside [0, 1]),
// ErrInvalidValue, ErrTooLarge.
func TopicQuantile(scores []decimal.Decimal, q decimal.Decimal, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	if len(scores) > MaxCandidates {
		return decimal.Decimal{}, fmt.Errorf("%w: %d scores (max %d)", ErrTooLarge, len(scores), MaxCandidates)
	}
	lvl, err := dec.FromDecimal(q)
	if err != nil || lvl.Sign() < 0 || lvl.Cmp(dec.One()) > 0 {
		return decimal.Decimal{}, fmt.Errorf("%w: quantile level %s outside [0, 1]", ErrInvalidParams, dec.Show(q))
	}
	xs := make([]dec.Dec, len(scores))
	for i, s := range scores {
		if xs[i], err = dec.FromDecimal(s); err != nil {
			return decimal.Decimal{}, badValue(fmt.Sprintf("scores[%d]", i), err)
		}
	}
	v, err := topicQuantile(cp, xs, lvl)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return v.Decimal(), nil
}

func topicQuantile(cp params, xs []dec.Dec, q dec.Dec) (dec.Dec, error) {
	if len(xs) == 0 {
		return dec.Dec{}, nil
	}
	v, err := cp.ctx.Quantile(xs, q)
	if err != nil {
		return dec.Dec{}, wrapArith("quantile (8.3)", err)
	}
	return v, nil
}

// InitialEMAScore returns the NEWEST initial EMA score of a class (9.3):
//
//	Ē₀ = min(Ē) − λ·spread(Ē)
//
// over the active set's EMA scores, with the spread the Bessel-corrected
// standard deviation (SpreadStdDev, the reference code; 0 for one score) or
// the median absolute deviation (SpreadMAD). 0 for no scores, as in the
// reference. Rounding: the mean, the squares, the variance quotient and the
// product λ·spread are rounded, the square root is the reference's
// (doc.go, "Precision"), sums are exact. Errors: ErrInvalidParams,
// ErrInvalidValue, ErrTooLarge.
func InitialEMAScore(emas []decimal.Decimal, p Params) (decimal.Decimal, error) {
	cp, err := p.compile()
	if err != nil {
		return decimal.Decimal{}, err
	}
	if len(emas) > MaxCandidates {
		return decimal.Decimal{}, fmt.Errorf("%w: %d scores (max %d)", ErrTooLarge, len(emas), MaxCandidates)
	}
	xs := make([]dec.Dec, len(emas))
	for i, s := range emas {
		if xs[i], err = dec.FromDecimal(s); err != nil {
			return decimal.Decimal{}, badValue(fmt.Sprintf("emas[%d]", i), err)
		}
	}
	v, err := initialEMA(cp, xs)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return v.Decimal(), nil
}

func initialEMA(cp params, xs []dec.Dec) (dec.Dec, error) {
	if len(xs) == 0 {
		return dec.Dec{}, nil
	}
	lowest := xs[0]
	for _, x := range xs[1:] {
		if x.Cmp(lowest) < 0 {
			lowest = x
		}
	}
	var spread dec.Dec
	var err error
	if cp.spreadMAD {
		spread, _, err = cp.ctx.MAD(xs)
	} else {
		spread, err = stdDevRef(cp.ctx, xs)
	}
	if err != nil {
		return dec.Dec{}, wrapArith("initial EMA spread (9.3)", err)
	}
	ls, err := cp.ctx.Mul(cp.lambda, spread)
	if err != nil {
		return dec.Dec{}, wrapArith("initial EMA (9.3)", err)
	}
	return lowest.Sub(ls), nil
}

// stdDevRef is the reference's StdDev: Bessel-corrected, the mean one
// rounded quotient, each square rounded, the sum exact, one rounded quotient
// and the reference's square root; 0 for at most one value.
func stdDevRef(ctx dec.Context, xs []dec.Dec) (dec.Dec, error) {
	n := len(xs)
	if n <= 1 {
		return dec.Dec{}, nil
	}
	mu, err := ctx.Mean(xs)
	if err != nil {
		return dec.Dec{}, err
	}
	m := dec.NewCalc(ctx)
	var ss dec.Dec
	for _, x := range xs {
		d := x.Sub(mu)
		ss = ss.Add(m.Mul(d, d))
	}
	v := m.Quo(ss, dec.FromInt64(int64(n-1)))
	if err := m.Err(); err != nil {
		return dec.Dec{}, err
	}
	return sqrtRef(v, ctx.Digits())
}

// Settlement is a class's EMA and topic state after a reward event.
type Settlement struct {
	// EMAs holds the updated EMA records of the scored actors, sorted by id
	// (none under the single-worker rule).
	EMAs []EMAScore `json:"emas,omitempty"`
	// Quantile is the new stored topic quantile Q_class (8.4).
	Quantile decimal.Decimal `json:"quantile"`
	// InitialEMA is the new stored initial EMA score Ē₀ (9.3, NEWEST); the
	// previous value under V6.
	InitialEMA decimal.Decimal `json:"initial_ema"`
}

// SettleClass applies a class's reward-time state updates (§8, §9.3) to its
// instant scores:
//
//   - the active-set EMA of every scored actor (UpdateActiveEMAs);
//   - the topic quantile (8.4) at the class's Active*Quantile level, over
//     the instant scores (V6) or over the new EMA scores (NEWEST, #928);
//   - under NEWEST, the initial EMA score (9.3) of the new EMA scores.
//
// Under the single-worker rule (scores.Single) nothing changes: no EMA, the
// previous quantile and initial EMA are returned. With no scores the
// quantile becomes 0 and the initial EMA is unchanged, as in the reference.
// stored holds the actors' stored EMA records. Rounding: as
// UpdateActiveEMAs, TopicQuantile and InitialEMAScore. Errors: as
// UpdateActiveEMAs.
func SettleClass(class Class, scores ClassScores, stored []EMAScore, prevQuantile, prevInitialEMA decimal.Decimal, nonce int64, p Params) (Settlement, error) {
	cp, err := p.compile()
	if err != nil {
		return Settlement{}, err
	}
	if !class.valid() {
		return Settlement{}, fmt.Errorf("%w: class %d", ErrInvalidParams, int(class))
	}
	if _, err := toDec("previous quantile", prevQuantile); err != nil {
		return Settlement{}, err
	}
	if _, err := toDec("previous initial EMA", prevInitialEMA); err != nil {
		return Settlement{}, err
	}
	st := Settlement{Quantile: prevQuantile, InitialEMA: prevInitialEMA}
	if scores.Single {
		return st, nil
	}
	recs, err := activeEMAs(cp, scores.Scores, stored, nonce)
	if err != nil {
		return Settlement{}, err
	}
	emaVals := make([]dec.Dec, len(recs))
	st.EMAs = make([]EMAScore, len(recs))
	for i, r := range recs {
		emaVals[i] = r.score
		st.EMAs[i] = r.out()
	}
	basis := emaVals
	if !cp.newest {
		basis = make([]dec.Dec, len(scores.Scores))
		for i, s := range scores.Scores {
			basis[i], _ = dec.FromDecimal(s.Value) // validated by activeEMAs
		}
	}
	q, err := topicQuantile(cp, basis, cp.quantileLevel(class))
	if err != nil {
		return Settlement{}, err
	}
	st.Quantile = q.Decimal()
	if cp.newest && len(emaVals) > 0 {
		v, err := initialEMA(cp, emaVals)
		if err != nil {
			return Settlement{}, err
		}
		st.InitialEMA = v.Decimal()
	}
	return st, nil
}
