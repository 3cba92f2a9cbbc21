package rewards

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// truncPayouts is the reference payout (§13.1, §13.3): amount_a =
// trunc(f_a·pool), the product rounded to ctx, then truncated toward zero.
// Errors wrap ErrArithmetic.
func truncPayouts(ctx dec.Context, fractions []dec.Dec, pool dec.Dec) ([]dec.Dec, error) {
	out := make([]dec.Dec, len(fractions))
	for i, f := range fractions {
		r, err := ctx.Mul(f, pool)
		if err != nil {
			return nil, arith("reward f·pool (13.1)", err)
		}
		out[i] = r.Trunc()
	}
	return out, nil
}

// scaleToIntegers returns integers W_a = x_a·10^k for one k making every
// x_a (>= 0) an integer: the exact weights of the apportionment.
func scaleToIntegers(xs []dec.Dec) []*big.Int {
	k := int32(0)
	for _, x := range xs {
		if x.IsZero() {
			continue
		}
		if e := x.Decimal().Exponent(); -e > k {
			k = -e
		}
	}
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = x.Shift(k).TruncInt()
	}
	return out
}

// apportion distributes the integer pool (>= 0) in proportion to the weights
// (>= 0) exactly (largest remainder, Hamilton's method): every share gets
// ⌊pool·W_a/ΣW⌋ and the pool − Σ⌊·⌋ < n leftover units go, one each, to the
// largest remainders pool·W_a mod ΣW, ties to the lower index (callers pass
// id-sorted lists, so ties go to the lower id). All arithmetic is exact
// integer arithmetic. Errors wrap ErrZeroTotal when the pool is positive and
// every weight is 0.
func apportion(weights []dec.Dec, pool *big.Int) ([]*big.Int, error) {
	n := len(weights)
	out := make([]*big.Int, n)
	for i := range out {
		out[i] = new(big.Int)
	}
	if pool.Sign() == 0 || n == 0 {
		if pool.Sign() > 0 {
			return nil, fmt.Errorf("%w: a pool of %s and no shares", ErrZeroTotal, pool)
		}
		return out, nil
	}
	w := scaleToIntegers(weights)
	total := new(big.Int)
	for _, x := range w {
		total.Add(total, x)
	}
	if total.Sign() == 0 {
		return nil, fmt.Errorf("%w: a pool of %s and every share weight is 0", ErrZeroTotal, pool)
	}
	rem := make([]*big.Int, n)
	left := new(big.Int).Set(pool)
	for i, x := range w {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(pool, x), total, new(big.Int))
		out[i], rem[i] = q, r
		left.Sub(left, q)
	}
	// left < n by construction (each floor loses less than one unit).
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b].Cmp(rem[a]) })
	for j := 0; left.Sign() > 0; j++ {
		out[order[j]].Add(out[order[j]], big.NewInt(1))
		left.Sub(left, big.NewInt(1))
	}
	return out, nil
}

// bigsToDecs converts exact integers, each at most a pool that was itself a
// Dec (so the conversion cannot fail in practice; the error is kept).
func bigsToDecs(xs []*big.Int) ([]dec.Dec, error) {
	out := make([]dec.Dec, len(xs))
	for i, x := range xs {
		d, err := dec.FromBigInt(x)
		if err != nil {
			return nil, arith("apportioned amount", err)
		}
		out[i] = d
	}
	return out, nil
}

// payoutsOf dispatches on the payout mode. pool must be an integer in
// conserving mode (checked by the callers).
func payoutsOf(ctx dec.Context, mode PayoutMode, fractions []dec.Dec, pool dec.Dec) ([]dec.Dec, error) {
	if mode == PayoutConserving {
		a, err := apportion(fractions, pool.TruncInt())
		if err != nil {
			return nil, err
		}
		return bigsToDecs(a)
	}
	out, err := truncPayouts(ctx, fractions, pool)
	if err != nil {
		return nil, err
	}
	if s := dec.Sum(out); s.Cmp(pool) > 0 {
		return nil, fmt.Errorf("%w: %s paid from a pool of %s (the fractions sum above 1)", ErrOverpay, s, pool)
	}
	return out, nil
}

// Payouts turns fractions of a pool into integer token amounts (base units),
// sorted by id (spec §13.1, §13.3). fractions must lie in [0, 1] and pool in
// [0, 1e77].
//
//   - PayoutReference (the reference chain): amount_a = trunc(f_a·pool); the
//     product rounds to the Params' context, the truncation is toward zero;
//     the dust stays in the treasury. pool may be fractional. The sum never
//     exceeds the pool (ErrOverpay if caller-supplied fractions sum above 1).
//   - PayoutConserving: pool must be an integer; the amounts are the exact
//     largest-remainder apportionment of pool in proportion to the fractions
//     (ties broken by id) and sum to exactly pool. Exact integer arithmetic.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue (a fraction outside [0, 1], a
// negative, too large or, in conserving mode, fractional pool), ErrEmptyID,
// ErrDuplicateID, ErrTooLarge, ErrZeroTotal (conserving: a positive pool and
// all fractions 0), ErrOverpay or ErrArithmetic.
func Payouts(fractions []loss.Value, pool decimal.Decimal, p Params) ([]loss.Value, error) {
	cp, err := p.compile()
	if err != nil {
		return nil, err
	}
	fr, err := toEntries("fractions", fractions)
	if err != nil {
		return nil, err
	}
	if err := checkFractions("fraction", fr); err != nil {
		return nil, err
	}
	pl, err := toPool("pool", pool, cp.mode)
	if err != nil {
		return nil, err
	}
	a, err := payoutsOf(cp.ctx, cp.mode, values(fr), pl)
	if err != nil {
		return nil, err
	}
	return fromEntries(zipEntries(ids(fr), a)), nil
}

// toPool converts a pool: in [0, 1e77], an integer in conserving mode.
func toPool(field string, d decimal.Decimal, mode PayoutMode) (dec.Dec, error) {
	if mode == PayoutConserving {
		return toAmount(field, d)
	}
	x, err := toDec(field, d)
	if err != nil {
		return x, err
	}
	if x.Sign() < 0 || x.Cmp(maxTokenAmount()) > 0 {
		return dec.Dec{}, fmt.Errorf("%w: %s = %s outside [0, 1e77]", ErrInvalidValue, field, x)
	}
	return x, nil
}
