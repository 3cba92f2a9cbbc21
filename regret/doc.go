// Package regret implements the regret stores of the protocol and their
// update at settlement time (spec inference_synthesis.md §7, §7.1, §4.3).
//
// # Why regrets live apart from weights
//
// An epoch touches regrets at two moments (DESIGN.md, "Two moments"):
//
//   - At settlement time, when reputers have graded the epoch's network
//     inferences, the network losses (package loss) are known and every
//     regret store is moved towards "how much better than the network each
//     participant did". That is this package: State in, State out, one pure
//     function, Update.
//   - At inference time, the next epoch's synthesis reads that State, turns
//     regrets into weights and combines the workers' values (package
//     weights). It never writes a regret.
//
// The split follows the data: regrets are produced from losses and consumed
// by weights, so regret imports loss and weights imports regret, and the
// stored State (including the topic's initial regret and regret scale) is
// the only thing that crosses from one epoch's settlement to the next
// epoch's inference. Recomputing and storing the normalised weights after a
// NEWEST settlement (§7.2) needs the weight function, so it belongs to
// weights, which can call it on the State returned here.
//
// # The update (§7)
//
// Each stored regret that the epoch's loss bundle reaches becomes
//
//	(32)  R_new = EMA(α, lossA − lossB, R_prev)
//	      EMA(α, x, r) = x                   if x == r (by value)
//	                     α·x + (1−α)·r       otherwise
//
// where R_prev is the stored regret, or State.InitialRegret when the store
// has none (the worker is then a "new participant"). The stores and their
// losses (L is the epoch's network-loss bundle):
//
//	#     store (State field)                    lossA     lossB      loop
//	(33)  R_{i,j}   Inferers                     L_i       L_ij       j ∈ Inferers
//	(34)  R_{i,k}   Forecasters                  L_i       L_ik       k ∈ Forecasters
//	(35)  R⁻_{i,j}  Naive                        L⁻_i      L_ij       j ∈ Inferers
//	(36)  R⁻_{j',j} OneOutInfererInferers        L⁻_{j'i}  L_ij       j' ∈ OneOutInferers × j ∈ Inferers (j = j' included)
//	(37)  R⁻_{j',k} OneOutInfererForecasters     L⁻_{j'i}  L⁻_{j'ik}  j' ∈ OneOutInferers × k with a L⁻_{·ik} row
//	(38)  R⁻_{k',j} OneOutForecasterInferers     L⁻_{k'i}  L_ij       k' ∈ OneOutForecasters × j ∈ Inferers
//	(39)  R⁻_{k',k} OneOutForecasterForecasters  L⁻_{k'i}  L_ik       k' ∈ OneOutForecasters × k ∈ Forecasters (k = k' included)
//	(40)  R⁺_{k,j}  OneInInferers                L⁺_{ki}   L_ij       k ∈ OneInForecasters × j ∈ Inferers
//	(41)  R⁺_{k,k}  OneInForecasters             L⁺_{ki}   L_ik       k ∈ OneInForecasters
//
// In a Pair, Network is the first index (the withheld worker j' or k', or
// the one-in forecaster k) and Worker the second; its Value is a loss.Num
// (an exact decimal held inline: a store of n² regrets is one allocation). A positive regret means
// the participant's loss was below the reference network loss. Stored
// entries the bundle does not reach (workers absent this epoch) are kept
// unchanged. lossA − lossB and the final sum are exact; the two products
// of the EMA round (34 digits, truncation, by default), as the reference.
//
// # Missing losses
//
// The bundle is checked for the structure the network-loss aggregation
// (§6) gives it: a one-out inferer loss only for an inferer with a loss, a
// one-out forecaster or one-in loss only for a forecaster with a loss, a
// L⁻_{j'ik} only for such an inferer and forecaster; anything else is
// ErrUnknownID. The one gap that structure allows is a row k of L⁻_{·ik}
// that lacks some withheld inferer j'. The reference reads such a missing
// loss as 0 (§7, "Missing values inside a loop"), so R⁻_{j',k} moves towards
// L⁻_{j'i} − 0. Update reproduces that by default; Params.SkipMissingLosses
// instead leaves R⁻_{j',k} as stored (or absent), which is what the
// quantity means. The fixtures never exercise the gap.
//
// # The topic initial regret (§7.1)
//
// A worker is experienced when
//
//	(42)  experienced(l) ⇔ ¬newParticipant(l) ∧ inclusions(l) ≥ 1/α
//
// with inclusions the number of rewards paid to it in the topic (Input's
// inclusion lists; inference rewards for inferers, forecast rewards for
// forecasters) and 1/α one rounded division. The sample 𝓡 holds the new
// R_{i,j} (33) and R_{i,k} (34) of experienced workers. Then
//
//	(43)  𝓡 ≠ ∅:  InitialRegret ← Q_q(𝓡) + (c − κ/p)·(StdDev(𝓡) + ε)
//
// with Q_q the reference quantile (descending sort, linear interpolation;
// numpy's "linear" percentile), StdDev Bessel-corrected, q =
// InitialRegretQuantile, κ = PNormSafeDiv. When 𝓡 is empty:
//
//   - V6 and Intermediate: InitialRegret is unchanged.
//   - NEWEST: if at least MinExperiencedWorkerRegrets (and at least one)
//     inferer and forecaster regrets were updated this epoch, InitialRegret
//     ← Q_q(all of them), without the offset; otherwise unchanged.
//
// The spec leaves two points of the fallback UNCERTAIN (§7.1); this package
// decides them as follows. The comparison is "at least" (count ≥ Min), the
// reading of the reference test's wording; a test pins the equality case.
// The fallback applies only when no worker at all is experienced: one
// experienced worker selects (43). "All new regrets" is read as every
// regret the update wrote to the two network stores ((32) calls them
// R_new), new participants and inexperienced workers alike.
//
// A zero InitialRegret keeps the synthesis in its all-new mode (§2); a
// computed zero re-enters it, as in the reference.
//
// # The regret scale (§4.3)
//
//	(20)  s* = |1.4826·MAD(R)| + ε,  MAD(x) = Median(|xᵢ − Median(x)|)
//
// Under NEWEST, Update stores in State.Scale the scale of the inferer and
// forecaster network regrets it just updated (the fixture's multi-label
// test does exactly this with the previous epoch's regrets). It is at least
// ε > 0, so the update never stores the zero the reference refuses: a MAD
// of 0 stores ε. An epoch that updates no network regret keeps the
// previous scale. Under V6 and Intermediate no scale is stored (Scale = 0,
// "unset"): V6 scales by a per-call standard deviation and Intermediate by
// a per-call MAD, both computed inside weights. MADScale exposes (20) for
// callers, and internal/regretmath for weights' per-call use.
//
// # Rule sets
//
//	                         V6          Intermediate   NEWEST
//	EMA update (32)–(41)     same        same           same
//	initial regret (43)      yes         yes            yes
//	NEWEST fallback          no          no             yes
//	stored scale s*          no (0)      no (0)         |1.4826·MAD| + ε
//
// # Determinism and bounds
//
// Every list is sorted internally (byte-wise ids, pairs by (Network,
// Worker)), so no result depends on input order; output lists come sorted
// the same way. Maps are only looked up. Sizes are bounded by MaxWorkers
// and MaxStateEntries; bad input yields a typed error (errors.go), never a
// panic.
//
// # Two paths, one result
//
// The pair stores hold almost all of a state (about 5n² regrets for n
// inferers and n forecasters, against 4n per-worker ones). Update first
// tries a fast path that merges each pair store straight from the stored
// []Pair, reading every stored value once where it is needed (fast.go);
// it requires each pair store strictly increasing in (Network, Worker), as
// every State this package outputs is. When it declines or meets any
// error, the reference path (the whole state converted and sorted first,
// then merged) computes the result and picks the error: both paths give
// the same Output, and the errors are the reference path's. Tests compare
// the two on random and defective inputs.
package regret
