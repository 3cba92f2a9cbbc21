// Package reputation implements the scoring half of a settlement (spec
// scores_rewards.md §3–§9): the performance scores of inferers and
// forecasters, the reputers' consensus scores and listening coefficients,
// the EMA scores and topic quantiles of merit sortition, the active-set
// admission and the top-k selection.
//
// Every number is a decimal of the decimal core (34 significant digits,
// truncation toward zero, by default); exported structs carry
// shopspring decimals (a report's one-out-inferer-forecaster values are
// loss.Nums) and string ids; outputs are sorted by id and never
// depend on the order of the inputs. Formulas are numbered as in the spec.
//
// # Worker scores (§4, §5) — ScoreWorkers, InfererScores, ForecasterScores
//
// From the network-loss bundle (package loss: ℓ_i combined, ℓ⁻_i naive,
// ℓ⁻_ij one-out inferers, ℓ⁻_ik one-out forecasters, ℓ⁺_ik one-in
// forecasters; all log-losses, so differences of stored values):
//
//	(4.1)  T_ij  = ℓ⁻_ij − ℓ_i                          one per one-out inferer
//	(4.2)  T     = 0 for the single inferer (len(Inferers) == 1; Single)
//	(5.1)  T⁻_ik = ℓ⁻_ik − ℓ_i
//	(5.2)  T⁺_ik = ℓ⁻_i − ℓ⁺_ik
//	(5.3)  f⁺    = 1 / 2^(n−1),  n = number of one-out forecasters
//	(5.4)  T_ik  = f⁺·T⁺_ik + (1 − f⁺)·T⁻_ik          one per one-in forecaster
//	(5.5)  T_i^f = ℓ⁻_i − ℓ_i                           forecasting-task score
//
// with T = 0 for the single forecaster. A worker whose removal makes the
// network worse (ℓ⁻ > ℓ) scores positive. The reference pairs the q-th
// one-in with the q-th one-out entry by position; the default
// ForecasterPairing PairByID pairs by id and rejects lists naming different
// forecasters (identical results whenever the lists agree, as the
// reference's own bundles do); PairByPosition reproduces the positional
// pairing.
//
// # Reputer scores and listening coefficients (§3, §6) — ScoreReputers
//
// Loss vectors (3.2): [combined, naive] ++ inferers ++ forecasters ++
// one-out-inferer forecasters (forecaster-major) ++ one-out inferers ++
// one-out forecasters ++ one-in forecasters, each block over the union of
// all reports (§3.1, CompleteLosses); an entry a reputer did not report is
// explicitly missing (the reference's NaN). With S_m the stakes, a_m the
// listening coefficients and N the number of reputers:
//
//	(6.1)  Ŝ_m = min( N·a_m·S_m / Σ_n a_n·S_n , 1 )
//	(6.2)  x̄_c = Σ_{m reports c} Ŝ_m·x_mc / Σ_{m reports c} Ŝ_m
//	(6.3)  d_c = the first reported value maximising x̄_c − x_mc, if that
//	             maximum exceeds −1 (V6: the smallest value), else 0;
//	             NEWEST: the first maximising |x̄_c − x_mc|
//	(6.4)  ‖x̄‖ = sqrt(Σ_c x̄_c²), or ε_safe when it is 0
//	(6.5)  D_m  = sqrt(Σ_c (x̃_mc − x̄_c)²),  x̃_mc = x_mc, or d_c if missing
//	(6.6)  T_m  = 1 / (D_m/‖x̄‖ + ε_R)
//
// The coefficients maximise Φ(a) = Σ_m S_m·T_m(a) (raw stakes) by a
// finite-difference ascent (§6.4), at most I_max iterations:
//
//	while G ≥ g_thr and it < I_max:
//	    for every l: δ = −0.001 if a_l = 1 else +0.001
//	                 g_l = (1 − Φ(a)/Φ(a + δ·e_l)) / δ
//	    a' = clamp_[0,1](a + η·g)
//	    φ(a) = Σ a·S / Σ S;  if φ(a') < φ_min:
//	        φ(a') = φ(a):  stop (a unchanged)
//	        otherwise:     a_l ← a_l + (a'_l − a_l)·(φ_min − φ(a))/(φ(a') − φ(a))
//	    else a ← a'
//	    G = max_l |a_l − a_old,l| / η
//
// (6.7) The returned scores and adjusted stakes are those at the
// coefficients in force at the start of the last executed iteration, not at
// the returned coefficients: the reference's documented behaviour, which the
// fixture confirms (reputer_adjusted_stake matches to 1e-14 this way, to
// 1e-3 at the final coefficients). When the starting coefficients have a
// listened fraction below φ_min, the interpolation of the fix-up
// extrapolates and can leave [0, 1]; the reference does that too and this
// package reproduces it (such coefficients are then accepted as input).
//
// # EMA scores, quantiles and merit sortition (§8, §9)
//
//	(8.1)  first ⇔ stored BlockHeight = 0 and stored score = 0
//	(8.2)  Ē ← T if first, else α_ms·T + (1 − α_ms)·Ē      (UpdateActiveEMAs)
//	(8.3)  Q = quantile of the scores: sorted descending, P = (1 − q)(n − 1),
//	           v[⌊P⌋] + (P − ⌊P⌋)·(v[⌈P⌉] − v[⌊P⌋]); 0 for no scores
//	(8.4)  Q_class ← (8.3) at Active{Inferer|Forecaster|Reputer}Quantile
//	(8.5)  Ē ← α_ms·Q_class + (1 − α_ms)·Ē  (passive actors, PassiveEMA)
//	(9.1)  M = ⌊(start − 1 − last)/L_e⌋ + 1 missed epochs (0 if last ≥ start)
//	(9.2)  Ē ← (1 − α_ms)^M·Ē + (1 − (1 − α_ms)^M)·Ē₀      (NCalcEMA)
//	(9.3)  Ē₀ = min(Ē_active) − λ·spread(Ē_active)          (InitialEMAScore)
//
// SettleClass applies (8.2), (8.4) and (9.3) at reward time, Admit the
// admission of §9.2/§9.3 (the capacity MaxTop*ToReward, the cached lowest
// record, evictions and passive updates), SelectTop the top-k by score.
// SelectTop breaks ties by id (ascending): the reference's
// FindTopNByScoreDesc draws a seeded math/rand bit inside Go's
// slices.SortFunc on every tie, so its order depends on which comparisons
// pdqsort makes in a given Go release; it is not reproducible as a
// protocol rule and is not reproduced here (results agree whenever the
// k-th and (k+1)-th scores differ, as in the sortition fixture).
//
// # Rule sets
//
// V6 is the Oct-2024 reference (v0.6). NEWEST follows allora-chain v0.16.0;
// Intermediate uses the NEWEST rules of this package (it differs from NEWEST
// in inference synthesis only). NEWEST changes:
//
//   - #683 (v0.7): when every stored listening coefficient of the reporting
//     reputers is 0, each is raised to ε_R before the ascent. (The spec's
//     "#673: a single reputer with a = 0 gets 0.5" does not appear in the
//     v0.7.0, v0.8.0 or v0.16.0 code; #683 is what the code does.)
//   - (6.3) the substitute of a missing entry is the reported value farthest
//     from the consensus in absolute value (v0.16.0), not the smallest.
//   - (8.1) the active-set EMA keeps the stored BlockHeight (the nonce of the
//     last submission) instead of stamping the reward nonce.
//   - (8.4) #928: the topic quantile is taken over the new EMA scores instead
//     of the instant scores; default quantile levels 0.05 (V6: 0.25).
//   - (9.3) #712/#714/#723: first submissions start from Ē₀, returning
//     actors get the liveness penalty, the lowest-score cache is maintained
//     below capacity, and the initial EMA score is recomputed at every reward
//     event. The spread is the standard deviation in the v0.8.0 to v0.16.0
//     code (SpreadStdDev, the default); SpreadMAD is offered for the reading
//     of the spec's open question.
//
// # Precision
//
// Additions and subtractions are exact; products and quotients are rounded
// once each to the Params' digits and rounding mode (34 digits, toward
// zero), in the reference's operation order: Ŝ_m as ((N·a_m)·S_m)/Σ(a·S)
// with each a·S rounded; every consensus term as (x·Ŝ) then /ΣŜ, summed
// exactly term by term (not Σ(x·Ŝ)/ΣŜ); every square in (6.4)/(6.5)
// rounded; the gradient as (1 − Φ/Φ')/δ; η·g, the listened fractions and
// the fix-up (Mul then Quo) rounded. Square roots are the reference's
// (cockroachdb/apd): a Newton iteration rounded half-even to 34 digits, not
// truncated — the reference rounds square roots half-even even in its
// truncating context, and this package reproduces that (refmath.go). The
// power in NCalcEMA is the NEWEST reference's (half-up products at
// max(34, digits)+10 digits, one final rounding).
//
// # Performance
//
// Each ascent iteration needs Φ at a and at the R points a + δe_l. A
// perturbation of a_l changes Σ a·S, hence every unclamped adjusted stake
// and every divisor ΣŜ of (6.2), hence every one of the R·K truncated
// consensus terms and of the R·K truncated squares of (6.5); each of those
// truncations can change the rounded Φ and, through the 34-digit gradient,
// the coefficients. So an evaluation that is bit-identical to the reference
// costs Θ(R·K) rounded operations per perturbation and Θ(R²·K) per
// iteration; no evaluation can reuse another's terms. ScoreReputers
// evaluates R+1 instead of the reference's 2R points per iteration, reuses
// the products that do not change (clamped reputers, the n ≠ l terms of
// Σ a·S, the divisor of every coordinate with the same reporters, the
// extremes of every coordinate for (6.3)) and runs the R·K loops on a
// fixed-width truncating kernel (fx.go) checked against the decimal core.
// The transcription of the reference is kept (consensus_direct.go) and a
// differential test requires identical results. Work is bounded by
// MaxConsensusWork (R²·(K+32)·I_max).
//
// # Gram evaluation (Params.ListeningEvaluation = EvaluationGram)
//
// The reference's operation order forces Θ(R²·K) rounded operations per
// iteration; the mathematics does not. With every entry present, the
// consensus and the distances depend on the loss vectors only through
// their Gram matrix. At the largest exponent E at which every reported
// value is an integer, x_mc = X_mc·10^E, and
//
//	(G.1)  Ĝ_ml = Σ_c X_mc·X_lc                    exact integers, once per call
//
// (gram.go: 64-bit products accumulated in three words after an offset
// that makes them unsigned, a two-word kernel for values up to 2^127, math/big
// beyond; R²·K/2 multiply-adds). For weights u proportional to the adjusted
// stakes (6.1), U = Σ u_n, g = Ĝu and Q = uᵀĜu:
//
//	(G.2)  x̄ = Σ_n u_n·x_n / U,   ‖x̄‖² = 10^(2E)·Q/U²
//	(G.3)  D_m² = 10^(2E)·N_m/U²,  N_m = Ĝ_mm·U² − 2U·g_m + Q
//	                                     = Σ_c (U·X_mc − Σ_n u_n·X_nc)² >= 0
//	(G.4)  T_m = 1/(sqrt(N_m/Q) + ε_R)         (6.6); Q = 0 ⇔ x̄ = 0: ε_safe
//
// The weights are exact: with t_n = a_n·S_n, A = Σ t_n and σ its sign,
// u_n = min(σ·N·t_n, |A|) = |A|·Ŝ_n (unrounded). Between the base point a
// and a + δ·e_l only t_l and A change: an unclamped reputer keeps u_n, every
// clamped one moves by the same α = |A'| − |A|, reputer l and any reputer
// whose clamping changes move by their own step, so g' = g + α·Ĝ1_C +
// Σ β_n·Ĝ_{·n}, U' and Q' = Q + 2dᵀg + dᵀĜd follow with O(1) products from
// quantities computed once per iteration (Ĝ1_C, 1_Cᵀg, 1_CᵀĜ1_C), and each
// perturbed evaluation costs O(R) exact products plus R scores, instead of
// O(R·K) rounded operations (listening_gram.go). If A changes sign the
// weights are recomputed, O(R²). All of it is exact integer arithmetic:
// no result depends on the order of the inputs, the path taken or the
// architecture. The products of a base point (Ĝu, Ĝ1_C) and each
// N_m = U'²·Ĝ_mm − 2U'·(Ĝu')_m + Q' (as U'·k_m + Q', k_m from vectors
// computed once per iteration: gram_fast.go) are accumulated in 64-bit limbs,
// in a two's-complement accumulator sized per evaluation so that no
// partial sum overflows (gram_fast.go; math/big beyond 1024 bits), and the
// score kernel reads N_m's top bits from the limbs: the same integers as
// math/big, compared exactly by TestGramFastMatchesBig.
//
// Precision contract of the Gram evaluation. N_m and Q are exact, so the
// cancellation in (G.3) costs nothing; each consensus score is
//
//   - with the reference context (34 digits, RoundDown) and scores in
//     about [10^−18, 10^37]: the exact T_m of (6.1)–(6.6) for the exact
//     (unrounded) adjusted stakes, truncated to 34 digits, bit for bit
//     (gram_score.go: directed 128-bit fixed-point bounds, T − T̃ < 2^−122·T,
//     and an exact integer comparison within 32 units of the next 34-digit
//     value);
//   - otherwise (other digits or rounding, scores outside that range, x̄ = 0):
//     the decimal core with ρ = N/Q truncated to digits+1 or more digits and
//     the square root and reciprocal at digits+2 digits, then rounded to the
//     context: within one unit in the last digit of the exact score.
//
// Every other rule of the ascent is the reference's, operation by
// operation: the steps ±0.001, Φ = Σ S·T with each product rounded and the
// sum exact, the gradient (1 − Φ/Φ')/δ, η·g, the clamping, the φ_min
// fix-up, the iteration cap, the stopping test, the scores and adjusted
// stakes of the start of the last executed iteration; the returned adjusted
// stakes are (6.1) with the reference's roundings.
//
// Deviation from the reference. The Gram evaluation does not reproduce the
// reference's truncation order (each consensus term, each square), its
// half-even square roots, or its substitute values (which a complete matrix
// never uses). Its scores are the exact ones truncated; the reference's
// carry the reference's own rounding noise (10^−33 relative and more), so
// the outputs differ in the last digits. The ascent amplifies those
// differences: the gradient divides Φ's relative noise by δ = 0.001 and
// each iteration feeds it back, so after ten iterations the modes differ by
// up to about 10^−28 relative in the scores and 10^−26 in the coefficients
// on fixture-like inputs (5,000 random cases), by 10^−31 on the fixture
// rows. That is the conditioning of the ascent's own 34-digit rules (Φ, the
// gradient), which both modes share: against the same ascent computed at 60
// digits both are off by the same order, the Gram evaluation somewhat less
// (TestGramVsReference reports the figures). A discrete decision of the
// ascent (the stopping test G >= g_thr, the branch φ(a') < φ_min) can flip
// on a knife edge; from a listened fraction below φ_min the fix-up
// extrapolates and amplifies the difference without bound. The two modes
// can also disagree on a sum being exactly 0 (ErrZeroListenedStake,
// ErrZeroConsensusWeight, the ε_safe rule): the Gram evaluation decides on
// the exact sums, the reference on rounded ones.
//
// When it applies. A Gram request applies when every reputer reported
// every coordinate after the completion of §3.1 and the values' integers
// X_mc fit maxGramBits (1024) bits; otherwise ScoreReputers uses the
// reference evaluation, and ReputerScores.Evaluation says which one ran.
// Its work is bounded by MaxGramWork (R²·K/2 multiply-adds, weighted by
// the kernel's width, plus 256·(R+1)·R·I_max), R·K by MaxLossEntries and
// K by MaxGramCoordinates instead of MaxCoordinates, so that settlement
// shapes (K = 2 + 5n + n² for n inferers and n forecasters: 17,026 at
// n = 128, 264,706 at n = 512) are accepted. At those shapes the cost is
// the completion of the R·K reported values and the Gram matrix (about a
// nanosecond per multiply-add on one core; BenchmarkGramSettlement); the
// ascent itself costs milliseconds.
package reputation
