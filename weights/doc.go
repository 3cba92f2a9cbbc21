// Package weights implements the inference-time half of the protocol: it
// turns one epoch's inferences and forecasts, the regrets of the previous
// settlement and the previous network loss into the network inferences
// (spec inference_synthesis.md §2–§5 and §9).
//
// # Why regret and weights are two packages
//
// The data flows in two moments (DESIGN.md). At settlement time package
// regret updates the regret stores from the network losses (EMA (32)–(41)),
// the topic's initial regret (43) and, under NEWEST, the stored regret scale
// s*; its output is a regret.State. At inference time this package reads that
// State, maps regrets to weights (§4) and combines inferences (§3, §5). The
// state is the only thing the two share (plus the MAD scale formula (20), in
// internal/regretmath, which both evaluate), so weights imports regret and
// never the reverse.
//
// # Entry points
//
// Synthesize computes everything of one epoch: the bundle of network
// inferences, the weights of the combined inference and the error bars.
// ForecastedRegrets returns the forecasted regrets (13).
//
// # Formulas (numbered as in the spec)
//
// Notation: inferers j, forecasters k, L_{i−1} the previous network loss,
// I_ij inferences, L_ijk forecasted losses, R regrets from the State (a
// missing entry reads as State.InitialRegret), p, c, ε, ε_div from Params.
//
// Forecast-implied inferences (§3). E_k = k's elements naming an inferer
// with an inference, in submission order (11); a forecast with no such
// element has no FII and takes no part anywhere downstream.
//
//	all new (A: InitialRegret = 0):  I_ik = Median{I_ij : j ∈ E_k}     (12)
//	R_ijk = L_{i−1} − L_ijk                                              (13)
//	|E_k| = 1:  I_ik = I_ij
//	else:       I_ik = Σ w_ijk·I_ij / Σ w_ijk over w ≠ 0, none if Σ = 0 (14)
//
// with w_ijk the weights of §4 over the forecasted regrets {R_ijk} alone.
//
// Weights (§4) for a calculation over regrets {R_l}:
//
//	V6:  σ* = |StdDev({R_l})| + ε (Bessel)                               (15)
//	     R̂_l = R_l/σ*, M = max R̂                                        (16)
//	     r = min(R̂_l, U); if M < T: r = r − M + T                   (17)(18)
//	     w_l = 0 if r < Z, else φ'_{p,c}(r) = p/(e^{p(c−r)} + 1)         (19)
//	     U = c + 6.75/p, T = c − 8.25/p, Z = c − 17.25/p
//	Intermediate, Newest:
//	     s = s* if Newest and s* > 0, else |1.4826·MAD({R_l})| + ε      (20)
//	     R̂_l = R_l/s, M = max R̂                                         (21)
//	     w_l = Exp1DivExp1(−p(M−c), −p(R̂_l−c)) = φ'(R̂_l)/φ'(M)          (22)
//
// Combination (§4.4), over the participants with a value and w ≠ 0:
//
//	Î[ℓ] = Σ w_l·x_l[ℓ] / max(Σ w_l, ε_div)                             (23)
//
// and, in the all-new mode, the plain mean of the listed inferers.
//
// The network family (§5); Fc = the forecasters with an FII:
//
//	(24) combined            all inferers, Fc            R_{i−1,j}, R_{i−1,k}
//	(25) naive               all inferers                R⁻_{i−1,j}
//	(26) one-out inferer j'  inferers but j', Fc         R⁻_{j',·}; FIIs recomputed without j' (29)
//	(27) one-out fcaster k'  all inferers, Fc but k'     R⁻_{k',·}
//	(28) one-in fcaster k    all inferers, k only        R⁺_{k,j}, R⁺_{k,k}
//	(29) one-out-inferer FII (13)–(14) for k without j', per (k, j')
//	(30) error bars          WeightedPercentile of the (24) values under the
//	                         (24) weights at 2.28, 15.87, 50, 84.13, 97.72 %
//
// (27) and (28) are computed only when at least two forecasters have an FII.
// In (26) a forecaster whose recomputed FII is missing still enters the
// scale and the maximum, not the sums. Multi-label topics (§9) apply (12),
// (14), (23) and (30) per label with the same scalar weights.
//
// # Case split (§2.1)
//
// No inference: ErrNoInferences. One inference: combined = naive = it
// (CaseSingle). Two or more without a previous loss: V6 returns the
// per-label median and naive = 0 (CaseMedian); Intermediate and Newest drop
// the forecasts and compute (24), (25) and (26) over the inferers
// (CaseInferersOnly). Otherwise everything (CaseFull).
//
// # Rule sets
//
// Params.RuleSet selects one of the three weight behaviours found in the
// public history (fixtures README, "Read this first"), and the structural
// rules that changed with them:
//
//	                         V6                  Intermediate        Newest
//	scale                    std + ε per call    MAD + ε per call    stored s* (per-call MAD if s* <= 0)
//	weight                   clipped φ' (19)     φ'(R̂)/φ'(M) (22)    φ'(R̂)/φ'(M) (22)
//	no previous loss         median, naive = 0   inferers only       inferers only
//	one-out FII (26)/(29)    element kept        stripped            stripped
//	reported weights         raw φ'              relative, max 1     relative, max 1
//
// "Element kept" is the October 2024 chain's recomputation: the withheld
// inferer's element stays in E_k (it counts for |E_k| and for the all-new
// median) but gets no scale, maximum or weight, so a forecast naming only j'
// yields I_ij' itself. Intermediate is Newest without a stored scale; its
// structural rules are taken from Newest (the intermediate chain versions
// lie between the two, and the fixture rows that follow it do not exercise
// the difference).
//
// # Decisions where the chain is silent or inconsistent
//
//   - Duplicate forecast elements (two elements of one forecast naming the
//     same inferer) are rejected with ErrDuplicateID instead of deduplicated:
//     the chain dedups at ingestion keeping the first, which would make the
//     result depend on element order; callers apply that rule before
//     calling if they want it. Duplicate inferers, forecasters, labels and
//     used regret keys are rejected too.
//   - Regret entries naming workers outside the epoch are ignored (not even
//     converted); entries for forecasters without an FII too.
//   - V6 results include the one-out-inferer FIIs (29), which the October
//     2024 chain computes for (26) but leaves out of its bundle; reputers
//     grade them and regret (37) needs their losses.
//   - An arithmetic failure anywhere, including in one (29) pair (which the
//     chain logs and skips), fails the synthesis with ErrArithmetic: no
//     silently missing number. It needs magnitudes near the decimal range.
//   - Multi-label inputs are accepted under every rule set (the per-label
//     rules of §9 do not depend on the weight rule).
//   - An inference vector shorter than the label registry is padded with 0
//     (the chain's ConvertInferenceValuesFromProto); an empty or longer one is
//     ErrLabels.
//   - A stored scale s* <= 0 means "unset" (20), also when negative.
//   - The error bars use the (24) weights also in the all-new mode, where the
//     combined value itself is a plain mean.
//   - The ε_div floor of (23) is applied literally. The spec says it cannot
//     bind under NEWEST; it can, in (26): a forecaster whose only element
//     names the withheld inferer has no recomputed FII but still takes part
//     in the scale and the maximum, and when it holds the maximum the
//     weights of the participants with a value may sum below ε_div. The
//     value is then Σw·x/ε_div (close to 0), as the chain computes it.
//
// # Precision
//
// Sums and differences are exact. Products, quotients, square roots,
// exponentials (correctly rounded) and the medians' halvings round to
// Params.Digits significant digits with Params.Rounding (34, truncation
// toward zero by default), exactly where the reference chain rounds: the
// forecasted regrets (13) and the differences inside (18) and (22) are
// exact; R/σ, R/s, p·(x−c), the exponentials and the quotient of φ' or
// Exp1DivExp1, each product w·x and each final quotient of (14)/(23) round.
// Against the October 2024 chain (apd, 34 digits, RoundDown) this matches to
// the last digit up to apd's Exp; against NEWEST (a custom 36-digit Exp)
// to about 1e-34 relative.
//
// # Determinism and order
//
// Inferers and forecasters are processed in byte-wise id order; regret
// stores are read through dense arrays, never by ranging over a map. Every
// sum is exact and every product is rounded on its own, so no result depends
// on the order of the inputs, including the order of the elements inside a
// forecast. Outputs are sorted by id (OneOutInfererForecasters
// forecaster-major, then inferer).
//
// # Cost and the fast path
//
// With n inferers, F forecasters and dense forecasts, one synthesis needs
// one weight per (network, participant): F·n for the FIIs, n·(n−1+F) for
// (26), F·(n+F−1) for (27), F·(n+1) for (28), n+F and n for (24) and (25)
// (about 6n² for n = F). Each weight costs one exponential: V6's φ', and
// under Intermediate and Newest the e^±b of Exp1DivExp1; when the maximal
// normalised regret is below c (a > 0) Exp1DivExp1 also needs e^(a−b),
// which dec.ExpOfSum derives from the kept fixed-point approximations of
// e^a (once per calculation) and e^−b (a product, rounded exactly as Exp
// rounds; Exp itself only when that rounding is too close to call). The
// quotients by e^±b + 1 and by the exact weighted sums are taken without
// building the wide sums (dec.QuoBySum, dec.QuoAcc); b = −p·(R̂−c) with its
// exponential (dec.RelArg) and the product-then-quotient of Exp1DivExp1
// (dec.MulQuoBySum) are computed on words. The exponential and those
// quotients dominate the run time. The results are converted with one
// dec.DecimalConv; forecast elements are kept in 16 bytes (elem).
//
// The one-out-inferer FIIs (29) would add F·n·|E_k| weights. Synthesize
// avoids most of them without changing a digit (incremental.go): a withheld
// inferer that k's forecast does not name leaves the FII unchanged; and
// under Intermediate and Newest the recomputations are grouped by their
// regret scale (the stored s* for all of them, or the per-call MAD scale,
// which takes only a few distinct values as one element is removed). Within
// a group the normalised forecasted regrets do not depend on the withheld
// inferer, so while it is not the unique maximum every remaining weight is
// the same rounded number as in the calculation over all elements, and
//
//	Σ_{j≠j'} w·I_ij = Σ_j w·I_ij − w_j'·I_ij',   Σ_{j≠j'} w = Σ_j w − w_j'
//
// hold exactly (products rounded one by one, sums exact), so the final
// quotient is the from-scratch value bit for bit. Only the unique maximum is
// recomputed, once per group. V6 scales each calculation by the standard
// deviation of its own regrets, different for every withheld inferer, so it
// recomputes each (k, j') pair: its cost grows as F·n² exponentials. The
// one-out and one-in network values (26)–(28) read a different regret store
// for every withheld or added worker (R⁻_{j',·}, R⁻_{k',·}, R⁺_{k,·}), so
// each of their weights is its own exponential; but a sparse store reads
// the topic's initial regret for every worker without an entry, in runs
// (the entries of a network first), and within one calculation a regret
// identical to the one before it (dec.Identical) takes that one's quotient
// R/s, argument, exponential and weight (every operation being a function of its
// operands' representations): the simulator's epochs reuse more than half
// of their weights this way. The quotients by e^−b + 1 wider than 38
// digits (e^−b ≪ 1, frequent there) are decided by one quotient and its
// remainder (dec's quoCut) rather than the two of the bracket. The products
// by e^a + 1 wider than 38 digits (a strongly negative: the maximal
// normalised regret far above c) are decided by the products of its two
// 38-digit roundings, on words, when they round alike (relWeigher.mulQuo:
// over 99.9 % of the simulator's), instead of one product of four words.
// A forecast identical to an earlier one (a copycat's; element for element,
// representation for representation) takes that one's forecast-implied
// inference and one-out values, functions of the elements alone
// (duplicate.go): the simulator's epochs have a quarter of such forecasts.
// The tests compare the fast path with the plain from-scratch evaluation
// for exact equality. Exp1DivExp1's terms that depend only on the maximum
// are computed once per calculation (relWeigher).
//
// Bounds: at most MaxWorkers inferences, forecasts and elements per forecast
// and MaxLabels labels;
// larger inputs are rejected with ErrTooLarge before any computation.
package weights
