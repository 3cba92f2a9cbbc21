// Package loss implements the reputer side of the protocol: the loss methods
// a topic can name, the value bundle a reputer reports, and the
// stake-weighted network losses the chain computes from all reports.
//
// Specs: shared/spec/loss_methods.md (§ numbers below) and
// shared/spec/inference_synthesis.md §6 (equation (31)).
//
// # Loss methods (§1–§4)
//
// NewMethod(name, Options) builds a Method; names are matched
// case-insensitively after trimming, with the SDK's aliases (§1.2):
//
//	sqe     (mse, squared_error, se)                   L = (y − p)²
//	abse    (mae, absolute_error, ae)                  L = |y − p|
//	huber   (huber_loss)          δ = 1                L = ½e² if |e| <= δ, else δ(|e| − ½δ)
//	logcosh (log_cosh, logcosh_loss)                   L = ln cosh(y − p)
//	bce     (binary_cross_entropy, bce_loss) ε = 1e-15 L = −[y ln q + (1−y) ln(1−q)], q = clamp(p, ε, 1−ε)
//	poisson (poisson_loss)        ε = 1e-7             L = q − y ln q, q = max(p, ε)   (can be negative)
//	ztae    (ztae_loss, z_transformed_absolute_error)  L = |tanh z_y − tanh z_p|, z = (x − μ)/σ
//	zptae   (zptae_loss, z_power_tanh_absolute_error)  L = |pt(z_y) − pt(z_p)| + (c·|z_p − z_y|)^γ,
//	        pt(x) = x/(1 + |x|^β)^((1−α)/β); α = 0.25, β = 2, c = 0.01, γ = 4
//	cce     (categorical_cross_entropy, cce_loss) ε = 1e-15  per label L = −y ln max(p, ε)
//
// with e = y − p, y the ground truth and p the prediction (the SDK's argument
// order). ztae and zptae need an explicit σ > 0 (ErrMissingParameter; the
// newer SDK refuses to build them with its default σ = 1), μ defaults to 0.
// An empty name is sqe (the SDK's fallback); the zero Method is sqe too.
// Domain errors (ErrDomain): bce and cce outside [0, 1] (checked before
// clamping), poisson with a negative truth or prediction. Parameter errors
// (ErrInvalidParameter): δ <= 0, σ <= 0, ε outside its range, β <= 0,
// c < 0, γ <= 0, and any option the method does not take. The SDK does not
// validate α, β, c, γ; the constraints β > 0, c >= 0, γ > 0 are this
// library's, so that zero error gives zero loss and pt(0) is defined.
// czar (Appendix A) is not implemented.
//
// Precision contract. Every loss is rounded once to the method's context
// (Options.Digits, 0 = 34 digits; Options.Rounding, "" = RoundDown). sqe,
// abse and huber are correctly rounded (exact operands, one rounded
// operation). The others evaluate their formula at the result precision plus
// 12 guard digits (round-half-even) and are within one ulp of the correctly
// rounded value:
//
//   - logcosh uses cancellation-free forms: for |e| <= 1,
//     ln cosh e = ln(1+x) − ln(1−x) with x = tanh²(e/2) (the two logarithms
//     have opposite signs, so magnitudes add); for |e| > 1,
//     |e| − ln 2 + ln(1 + e^{−2|e|}) (>= 0.30, no overflow for any |e|).
//   - bce and cce add terms of one sign.
//   - ztae uses tanh u − tanh v = 4e^{−2v}t/((1+t)(1+e^{−2u})(1+e^{−2v}))
//     with t = tanh(|y − p|/σ), free of subtraction, for z_y, z_p of one
//     sign.
//   - poisson and zptae measure the digits cancelled by their subtraction
//     and repeat the evaluation with that many more digits (up to the decimal
//     core's 100); beyond about 50 cancelled digits the one-ulp bound no
//     longer holds (the absolute error stays below 10^-88 of the cancelled
//     terms).
//
// Results below 1e-400 in magnitude flush to zero (the decimal core's range);
// results beyond 1e401 (a zptae penalty of an absurd gap) are errors.
//
// # Decisions where the spec is UNCERTAIN
//
//   - bce edges (§3.5): the newest SDK revision (clamp, no special cases,
//     max(L, 0)) is the default, BCENewest. Options.BCEEdges = BCELegacy
//     selects the older revision: (1, 0) and (0, 1) are +Inf, reported as
//     ErrInfiniteLoss (a decimal has no infinity); (1, 1) and (0, 0) are 0;
//     L <= ε is 0. In exact arithmetic 1 − ε is exact, so the clamp is
//     symmetric: (0, 1) gives −ln 1e-15 = 34.538776394910684..., where the
//     SDK's float64 gives 34.53957599234088, and (1, 1) gives
//     −ln(1 − 1e-15) = 1.0000000000000005e-15, where float64 gives
//     9.992007221626415e-16.
//   - zptae overflow (§3.8): the default ZPTAEExact evaluates pt exactly for
//     every |x| (for |x| > 1 as sign(x)·|x|^α·(1 + |x|^−β)^(−(1−α)/β), which
//     never overflows and tends to the consistent limit sign(x)·|x|^α).
//     ZPTAESDK returns sign(x)·1 where the SDK's float64 |x|^β overflows
//     (|x|^β >= 2^1024 − 2^970).
//   - log10 of a zero loss (§7): GradeOptions.ZeroLoss = ZeroLossSDK (the
//     default) reports log10(L ⊕ 1e-100) = −100 for L = 0, as the SDK;
//     ZeroLossError follows the offchain node and fails the bundle
//     (ErrZeroLoss). The SDK's addition is a float64 addition, which rounds;
//     here ⊕ is the addition rounded to the method's precision, so L = 1
//     still reports exactly 0 and every L >= 1e-66 is unchanged at 34
//     digits (an exact addition would report 4.3e-101 for L = 1, which the
//     bounds of §6 reject).
//   - multi-label reduction (§8): no public Allora code defines it. The
//     default reducer (ReduceDefault) is the arithmetic mean of the
//     per-label losses for every method and the sum for cce (giving the
//     categorical cross-entropy −Σ y ln p); ReduceSum and ReduceMean select
//     explicitly. The default is a project decision, not an Allora fact. The
//     multi-label fixture's losses follow the sum: log10 of the Brier score
//     Σ_ℓ (y_ℓ − p_ℓ)² (sqe with ReduceSum); the reduction is applied before
//     the log10.
//   - σ and μ of ztae and zptae are caller-supplied (no public estimator).
//
// # Reported value bundle (§5–§7)
//
// Grade(b, truth, m, opt) grades every network inference of an
// InferenceBundle against the ground truth with one method and one rule:
//
//	L = reduce_ℓ m(truth[ℓ], pred[ℓ])
//	v = log10(L ⊕ 1e-100)    (default: log space, SDK zero policy)
//	  | log10 L               (ZeroLossError; L = 0 is an error)
//	  | L                     (GradeOptions.Raw: allow_negative topics)
//
// A negative loss in log space is an error (ErrNegativeLoss: report raw
// losses for poisson). Every reported value must be 0 or of magnitude in
// [1e-40, 1e40] (§6, the chain's BoundedExp40Dec), checked after the
// transform (ErrOutOfBounds). Outputs are sorted by id, the
// one-out-inferer-forecaster pairs by (forecaster, inferer). Any failing
// entry fails the bundle, as in the offchain node.
//
// # Values: decimals and Nums
//
// Bundles carry their scalars as shopspring decimals, except the values of
// the n²-sized list, PairValue.Value (a bundle's OneOutInfererForecasters,
// and the forecasted regrets of package weights), which are Nums: an exact
// decimal held in 32 bytes, its coefficient inline below 2^128, so that
// the list is one allocation however long it is (a decimal.Decimal is two
// heap objects). NewNum builds one from a decimal (ErrValue outside the
// decimal core's range), Decimal converts it back (the same coefficient
// and exponent), and its JSON is the decimal's. Package regret's pair
// regrets (regret.Pair) are Nums too.
//
// # Network losses (inference_synthesis.md §6)
//
// NetworkLosses(reports, params) computes, for every entry X (combined,
// naive, each inferer, forecaster, one-out inferer, one-out forecaster,
// one-in forecaster and (forecaster, withheld inferer) pair),
//
//	(31)  L_X = Σ_m S_m·v_{m,X} / Σ_m S_m
//
// over the reputers m that reported X, the arithmetic stake-weighted mean of
// the reported numbers (log10 losses when reputers report in log space; the
// chain takes no logarithm). Each product S_m·v_{m,X} is rounded once (34
// digits, RoundDown), the sums are exact and each entry has one rounded
// Quo, so the result does not depend on the order of reports or entries.
// Stakes are integer base units in [1, 10^30]. Entries are emitted in the
// order of spec §6: inferers sorted by id from the union of the reports'
// inferer lists, forecasters likewise; one-out and one-in entries only for
// workers in those unions (others are dropped, as on chain); pairs
// forecaster-major.
//
// The sums run on 64-bit machine words for the reference rounding (value
// coefficients below 2^128, which covers 34-digit decimals; stakes below
// 2^100) with exactly the decimal core's results (TestAccumMatchesDec); the
// decimal core handles every other case. A pair's value, a Num, is already
// in the decimal core: its product is rounded by dec.Context.Mul and summed
// by a dec.Acc (on words) in uniform reports, in decimal-core arithmetic
// otherwise (both measured faster than the word sums of decimals here),
// with the same network loss, representation included, as the decimals'
// path (TestPairsMatchValues). Reports that list the same keys
// in the same sorted order (the usual case) are accumulated a block of
// entries at a time, report by report within the block (uniform.go); any
// other reports entry table by entry table (network.go), with the same
// values, representation included, and the same errors. 128 reputers
// reporting 512 inferers and 512 forecasters with every one-out and one-in
// entry (328k values) take about 29–30 ms of CPU; adding the 512×512 pair
// entries (34M values) about 1.6–1.7 s (BenchmarkNetworkLosses, -cpu 1,
// 2026-11-26).
//
// # Rule sets
//
// The formulas of this package are the same in every rule set (V6,
// intermediate, newest): the chain's network-loss step did not change, and
// the loss methods are the reputers' (SDK) choice. Rule-set differences in
// bundle preparation (the newest chain skips bundles of another topic or
// nonce, the V6 chain errors) happen before this step.
package loss
