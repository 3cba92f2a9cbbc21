package rewards

import (
	"fmt"
	"math/big"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// delegation is the outcome of (13.3) for one reputer.
type delegation struct {
	reputer    dec.Dec // integer amount kept (auto-staked) by the reputer
	delegators dec.Dec // integer D_m sent to the delegators' pending account
	perShare   dec.Dec // RewardPerShare increment D_m / S_del (0 when D_m = 0)
}

// delegationOf implements (13.3).
//
// Reference mode, from the decimal reward R_m:
//
//	D_m      = trunc( (S_del/S)·R_m )       (Quo and Mul rounded to ctx)
//	reputer  = trunc( R_m − D_m )
//
// Conserving mode, from the integer payout A_m (exact integer arithmetic):
//
//	D_m      = ⌊A_m·S_del / S⌋,   reputer = A_m − D_m
//
// In both modes RewardPerShare += D_m / S_del (rounded to ctx) when D_m > 0.
// stake S must be positive and 0 <= S_del <= S (checked by the callers).
func delegationOf(ctx dec.Context, mode PayoutMode, reward, stake, delegated dec.Dec) (delegation, error) {
	var d delegation
	if reward.IsZero() {
		return d, nil
	}
	if mode == PayoutConserving {
		a := reward.TruncInt()
		q := new(big.Int).Mul(a, delegated.TruncInt())
		q.Quo(q, stake.TruncInt())
		dm, err := dec.FromBigInt(q)
		if err != nil {
			return d, arith("delegator share (13.3)", err)
		}
		d.delegators = dm
		d.reputer = reward.Sub(dm)
	} else {
		calc := dec.NewCalc(ctx)
		d.delegators = calc.Mul(calc.Quo(delegated, stake), reward).Trunc()
		if err := calc.Err(); err != nil {
			return d, arith("delegator share (13.3)", err)
		}
		d.reputer = reward.Sub(d.delegators).Trunc()
	}
	if d.delegators.Sign() > 0 {
		ps, err := ctx.Quo(d.delegators, delegated)
		if err != nil {
			return d, arith("reward per share (13.3)", err)
		}
		d.perShare = ps
	}
	return d, nil
}

// checkDelegation validates a reputer's authority stake S (> 0) and the
// stake delegated to it, 0 <= S_del <= S; both integer amounts.
func checkDelegation(who string, stake, delegated decimal.Decimal) (dec.Dec, dec.Dec, error) {
	s, err := toAmount("stake of "+who, stake)
	if err != nil {
		return s, s, err
	}
	if s.Sign() == 0 {
		return s, s, fmt.Errorf("%w: stake of %s is 0 (the delegator share S_del/S is undefined)", ErrInvalidValue, who)
	}
	dl, err := toAmount("delegated stake of "+who, delegated)
	if err != nil {
		return s, s, err
	}
	if dl.Cmp(s) > 0 {
		return s, s, fmt.Errorf("%w: delegated stake %s of %s exceeds its stake %s", ErrInvalidValue, dl, who, s)
	}
	return s, dl, nil
}

// DelegatorSplit is one reputer's reward split between the reputer and its
// delegators (spec (13.3)). Amounts are integer base units.
type DelegatorSplit struct {
	// Reputer is the amount the reputer keeps (auto-staked on chain).
	Reputer decimal.Decimal `json:"reputer"`
	// Delegators is D_m, sent to the pending delegator-reward account.
	Delegators decimal.Decimal `json:"delegators"`
	// RewardPerShare is the increment D_m / S_del of the reputer's
	// RewardPerShare (0 when D_m = 0).
	RewardPerShare decimal.Decimal `json:"reward_per_share"`
}

// SplitDelegatorReward splits one reputer's reward between the reputer and
// the stake delegated to it (spec (13.3)). stake is the reputer's authority
// stake S_m (self + delegated; integer > 0) and delegated is S_m^del
// (integer, 0 <= S_del <= S).
//
//   - PayoutReference: reward is the decimal R_m = w_m·W_i (>= 0);
//     D_m = trunc((S_del/S)·R_m) and the reputer gets trunc(R_m − D_m).
//   - PayoutConserving: reward is the reputer's integer payout A_m;
//     D_m = ⌊A_m·S_del/S⌋ exactly and the reputer gets A_m − D_m, so the two
//     parts sum to A_m.
//
// Errors wrap ErrInvalidParams, ErrInvalidValue or ErrArithmetic.
func SplitDelegatorReward(reward, stake, delegated decimal.Decimal, p Params) (DelegatorSplit, error) {
	cp, err := p.compile()
	if err != nil {
		return DelegatorSplit{}, err
	}
	r, err := toPool("reward", reward, cp.mode)
	if err != nil {
		return DelegatorSplit{}, err
	}
	s, dl, err := checkDelegation("the reputer", stake, delegated)
	if err != nil {
		return DelegatorSplit{}, err
	}
	d, err := delegationOf(cp.ctx, cp.mode, r, s, dl)
	if err != nil {
		return DelegatorSplit{}, err
	}
	return DelegatorSplit{Reputer: d.reputer.Decimal(), Delegators: d.delegators.Decimal(), RewardPerShare: d.perShare.Decimal()}, nil
}
