// Package rewards implements the reward math of the protocol after scoring:
// the score-normalisation sample, instant and smoothed reward fractions,
// modified entropies, the forecaster score ratio and forecasting utility,
// the split of a topic reward between inferers, forecasters and reputers,
// exact integer payouts with the reputers' delegator split, topic weights
// and topic rewards, and the mint's emission schedule with locked vesting.
// Equation numbers refer to spec/scores_rewards.md.
//
// Every function is pure: inputs are plain values (scores as []loss.Value,
// stakes and token amounts as integer decimals in base units), state is
// passed in and returned (TopicState), and results never depend on the
// order of the input lists. Outputs are sorted by id (byte order).
// DistributeTopic composes everything after the scores for one topic epoch
// (spec Appendix A); the other functions expose each step.
//
// # Score sample (§7)
//
// Each epoch stores the last K scores of its id-sorted list; the sample
// Σ_hist walks the epochs newest first, each in id order, until K scores
// are collected, the rewarded epoch included (7.1). K is
// MaxSamplesToScaleScores under V6 and MaxSamplesToScaleScores ×
// MaxTop{Inferers|Forecasters|Reputers}ToReward under NEWEST (#702).
//
// # Instant fractions (§10)
//
//	σ   = |StdDev_Bessel(Σ_hist)|          (0 when |Σ_hist| <= 1)        (10.1)
//	φ_{p,c}(x) = ln(1 + e^{p(x−c)})                                      (10.2)
//	M_a = 1 if σ < ε, else φ_{p,c}(T_a / (σ + ε))                         (10.3)
//	u_a = M_a / Σ_b M_b                                                   (10.4)
//	w_m = (S_m·T_m)^p / Σ_n (S_n·T_n)^p                                   (10.5)
//
// # Smoothed fractions and entropy (§11)
//
//	ũ_a   = u_a (no stored previous) or α_task·u_a + (1−α_task)·prev_a  (11.1)
//	f_a   = ũ_a / Σ_b ũ_b                                                 (11.2)
//	N_eff = 1 / Σ_b x_b²                                                  (11.3)
//	H     = −Σ_a f_a ln f_a · (N_eff/N)^β                                 (11.4)
//	H     = 0.173286795139986 when N = 1                                  (11.5)
//
// V6 uses x = ũ in (11.3) and stores f as the next previous fraction;
// NEWEST (#704) uses x = f and stores ũ. The forecaster entropy G is 0
// unless N_f > 0 and N_i > 1; the forecasters' previous fractions are then
// not updated and V_i = 0.
//
// # Task split (§12)
//
//	M⁺  = max(0, max_j T_ij)                                              (12.1)
//	M⁺ = 0 and T_i^f = 0: χ = 0.5 and τ_i = 0 (reference quirk)          (12.2)
//	Δ   = |M⁺|, or |T_i^f| when M⁺ = 0                                    (12.3)
//	τ_i = α_task·(T_i^f − min(0, M⁺))/Δ + (1−α_task)·τ_{i−1}              (12.4), (12.5)
//	χ   = 0.1 (τ < 0), 0.5 (τ >= 1), 0.1 + 0.4·τ otherwise                (12.6)
//	γ   = (F + G) / ((1−χ)F + χG)                                         (12.7)
//	W_i = H·E_i/(F+G+H); U_i = (1−χ)γF·E_i/(F+G+H); V_i = χγG·E_i/(F+G+H)   (12.8)–(12.10)
//
// with T_i^f = ℓ_i^- − ℓ_i (5.5). Whether NEWEST still resets τ in (12.2) is
// unknown (spec §22.7); Params.ResetScoreRatioOnTie keeps the reset by
// default under both rule sets.
//
// # Payouts (§13)
//
// Per-actor rewards use the instant fractions: R_ij = u_ij·U_i,
// R_ik = v_ik·V_i, R_m = w_m·W_i (13.1), (13.2). Integer amounts come in two
// modes (Params.PayoutMode):
//
//   - PayoutReference: trunc(R) per actor; for reputers the delegators get
//     D_m = trunc((S_del/S)·R_m) and the reputer trunc(R_m − D_m) (13.3);
//     the dust stays in the treasury.
//   - PayoutConserving: trunc(E_i) is apportioned exactly to the three tasks
//     (weights W, U, V; ties reputers, inferers, forecasters), each task
//     pool to its actors by their instant fractions (largest remainder, ties
//     by id), and each reputer's amount A_m to its delegators as
//     ⌊A_m·S_del/S⌋. Everything paid sums to exactly trunc(E_i).
//
// In both modes RewardPerShare increases by D_m/S_del when D_m > 0.
//
// # Topic weights and rewards (§14)
//
//	V6:     ŵ_t = S_t^μ · (C_t/L_t)^ν;  NEWEST (#776): ŵ_t = S_t^μ · C_t^ν   (14.1)
//	C_t = 0: w_t = 0                                                      (14.2)
//	w_t = EMA(α, ŵ_t, w_prev) (first time: ŵ_t)                           (14.3)
//	NEWEST (#764): α = 1 − (1 − TopicRewardAlpha)^(L_t/B_base)
//	drip: C_t ← trunc(max(C_t − C_t/((BlocksPerMonth/4.345)/L_t), 0))    (14.5)
//	active ⇔ w_t >= MinTopicWeight                                        (14.6)
//	E_t = (w_t/Σw) · e_block · L_t                                        (14.7)
//	Σ E_t > B: one topic E_t = B, several E_t = B·(w_t L_t)/Σ(w L)       (14.8)
//
// The base interval B_base of the NEWEST cadence conversion is UNCERTAIN
// (spec §22.4); Params.TopicAlphaBaseBlocks defaults to BlocksPerMonth/4,
// which reproduces the tokenomics fixture's monthly α_eff = 0.9375.
//
// # Emission schedule (§15, V6)
//
//	ê_target = f_e · (T_eco/N_staked) · (N_circ/N_total)                  (15.4)
//	ê_max    = ξ_max / (v + (1−v)·r_prev)                                 (15.5)
//	ê        = min(ê_target, ê_max)                                       (15.6)
//	e        = α_e·ê + (1−α_e)·e_prev,  e_prev = ê in the first month     (15.7), (15.8)
//	𝓔_month  = trunc(e·N_staked);  e_block = 𝓔_month ÷ BlocksPerMonth     (15.9), (15.10)
//	validators: trunc(v·e_block); rewards treasury: the rest              (15.12)
//	locked_x = full_x (month < 12), trunc((36−month)/36 · full_x) (< 36), 0  (§15.2)
//
// The NEWEST vesting and mint changes (#883, #887, #765) are UNCERTAIN in
// the spec and not implemented; Mint.EmissionEnabled models #708.
//
// # Precision contract
//
// Sums and differences are exact. Every product, quotient, power, square
// root, exponential and logarithm of the emissions-module math is rounded to
// the Params' dec.Context (34 significant digits, truncation toward zero by
// default, the reference contract), in the reference evaluation order; each
// function's documentation lists its rounded steps. Payouts, apportionments
// and delegator shares in conserving mode are exact integer arithmetic.
//
// The mint computes in LegacyDec (18 decimal places): Mul forms the exact
// product and Quo the quotient truncated at 36 places, then both round half
// to even at the 18th place ("chop precision and round"); MulInt is exact
// and TruncateInt truncates. This package reproduces that with the decimal
// core's exact operations plus an explicit quantisation (legacy.go), so the
// mint results do not depend on Params.Digits / Rounding.
//
// # Guards and deviations
//
// Pow guard: the NEWEST Pow rejects a base <= 0 (spec §1.1, §22.3). A
// reputer term with S·T = 0 is exactly 0 without a power, and a zero topic
// stake or fee term gives 0^y = 0 (1 for y = 0) without a power; these are
// V6's values, so no input that V6 accepts errors under NEWEST here.
//
// Zero fractions: a modified fraction f = 0 contributes 0 to (11.4), the
// limit of f ln f. The reference chain takes Ln(0) and errors (skipping the
// topic); this is reachable only with a reputer of zero stake or score, or a
// worker whose φ underflows the decimal range (|p·T/(σ+ε)| > 920), where the
// chain's value differs from 0 by less than 10^-390. When every φ
// underflows, the fractions are undefined and ErrZeroTotal is returned.
//
// All-zero reputer terms (every S·T = 0) return ErrZeroTotal; the chain
// would return zero fractions and then fail in the entropy.
//
// # Rule sets
//
// V6 and NEWEST differ here in the score-sample cap (§7), the effective
// number and stored fraction (§11) and the topic weight (§14.1: /L_t and
// the cadence conversion of α). Intermediate differs from NEWEST only in
// inference synthesis and is treated as NEWEST.
//
// # Bounds
//
// Each actor class and each list handed to Payouts or TopicRewards holds at
// most MaxParticipants entries, a score history at most MaxHistoryEpochs
// epochs, a list of stored fractions at most MaxStateEntries; token amounts
// lie in [0, 10^77]. Larger inputs return ErrTooLarge or ErrInvalidValue.
package rewards
