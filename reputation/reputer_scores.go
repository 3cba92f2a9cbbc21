package reputation

import (
	"fmt"
	"math"
	"strconv"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// ReputerScore is one reputer's outcome of an epoch (§6).
type ReputerScore struct {
	Reputer string `json:"reputer"`
	// Score is the consensus score T_m (6.6) evaluated at the listening
	// coefficients in force at the start of the last executed iteration of
	// the ascent (6.7), as the reference returns it.
	Score decimal.Decimal `json:"score"`
	// ListeningCoefficient is the new coefficient a_m after the ascent.
	ListeningCoefficient decimal.Decimal `json:"listening_coefficient"`
	// AdjustedStake is Ŝ_m (6.1) at the same coefficients as Score.
	AdjustedStake decimal.Decimal `json:"adjusted_stake"`
}

// ReputerScores are the reputers' outcomes of an epoch, sorted by reputer
// id, the number of ascent iterations executed and the evaluation used.
type ReputerScores struct {
	Reputers   []ReputerScore `json:"reputers"`
	Iterations int            `json:"iterations"`
	// Evaluation is the evaluation the ascent used: EvaluationReference, or
	// EvaluationGram when the parameters ask for it and it applies (every
	// reputer reported every coordinate and the values span at most about
	// 300 decimal places); a Gram request that does not apply is evaluated
	// as EvaluationReference and says so here.
	Evaluation string `json:"evaluation"`
}

// ScoreReputers computes the reputers' consensus scores and new listening
// coefficients of §6 (the reference's GenerateReputerScores and
// GetAllReputersOutput):
//
//   - the reports' loss bundles are completed and laid out as in
//     CompleteLosses (§3.1, §3.2); a missing entry is replaced in the
//     distance (6.5) by the coordinate's substitute value d_c (6.3);
//   - the starting coefficients a^(0) are coefficients[m] for every
//     reporting reputer m (1 when absent; entries for other reputers are
//     ignored); under NEWEST, when every starting coefficient is 0, each is
//     raised to ε_R (#683);
//   - the listening coefficients follow the finite-difference ascent of §6.4
//     for at most GradientDescentMaxIters iterations (see doc.go), which
//     maximises Φ(a) = Σ_m S_m·T_m(a);
//   - the returned scores and adjusted stakes are those at the coefficients
//     in force at the start of the last executed iteration (6.7).
//
// Stakes are positive integers (base units). Scaling all stakes by a power
// of ten leaves every output bit-identical; another common factor changes
// only the rounding of the products that involve stakes (the last digits),
// unless such a change flips a discrete decision of the ascent (the stopping
// test, the φ_min branch).
// Results are sorted by reputer id and do not depend on the order of reports
// or of the entries of any list.
//
// Evaluation (Params.ListeningEvaluation):
//
//   - EvaluationReference (default): rounding follows the reference
//     operation by operation (doc.go, "Precision"); the evaluation is
//     restructured (R+1 instead of 2R consensus evaluations per iteration,
//     shared intermediate values, a fixed-width kernel) without changing any
//     rounded value.
//   - EvaluationGram: when every reputer reported every coordinate, the
//     consensus scores come from the exact Gram matrix of the loss vectors:
//     each is the exact score for the exact adjusted stakes truncated to the
//     context's digits (within one unit in the last digit outside the
//     reference context), every other rule of the ascent unchanged (doc.go,
//     "Gram evaluation"). With missing entries the reference evaluation
//     runs. Result.Evaluation names the evaluation used.
//
// Errors: ErrInvalidParams, ErrEmpty (no reports), ErrEmptyID,
// ErrDuplicateID, ErrStake, ErrInvalidValue, ErrTooLarge (MaxReputers,
// MaxCoordinates, MaxConsensusWork: R²·(K+32)·I_max; under the Gram
// evaluation MaxGramCoordinates and MaxGramWork), ErrZeroListenedStake
// (Σ a·S = 0, for example a single reputer with coefficient 0 under V6),
// ErrZeroConsensusWeight (a coordinate whose only reporters have adjusted
// stake 0, which happens when the ascent drives the coefficient of the only
// reporter of some worker to 0: the reference divides 0 by 0 there and
// skips the topic's rewards).
func ScoreReputers(reports []loss.Report, coefficients []loss.Value, p Params) (ReputerScores, error) {
	pr, err := prepare(reports, coefficients, p)
	if err != nil {
		return ReputerScores{}, err
	}
	var res gdResult
	eval := EvaluationReference
	if pr.gram != nil {
		eval = EvaluationGram
		res, err = listeningGram(pr.cp, pr.in, pr.gram.matrix())
	} else {
		res, err = listening(pr.cp, pr.in)
	}
	if err != nil {
		return ReputerScores{}, err
	}
	out := reputerScoresOut(pr.names, res)
	out.Evaluation = eval
	return out, nil
}

// prepared is the validated input of ScoreReputers.
type prepared struct {
	cp    params
	in    *gdInput
	names []string
	gram  *gramInts // the Gram evaluation's integers; nil: the reference evaluation
}

// prepareReputers validates and converts the inputs of ScoreReputers.
func prepareReputers(reports []loss.Report, coefficients []loss.Value, p Params) (params, *gdInput, []string, error) {
	pr, err := prepare(reports, coefficients, p)
	return pr.cp, pr.in, pr.names, err
}

func prepare(reports []loss.Report, coefficients []loss.Value, p Params) (prepared, error) {
	cp, err := p.compile()
	if err != nil {
		return prepared{}, err
	}
	maxK := MaxCoordinates
	if cp.gram {
		maxK = MaxGramCoordinates
	}
	lm, err := completeLosses(reports, maxK)
	if err != nil {
		return prepared{}, err
	}
	R, K := len(lm.reputers), lm.K
	var gi *gramInts
	var x [][]dec.Dec
	if cp.gram && lm.missing == 0 {
		var g *gramInts
		ok := false
		if lm.small {
			if g = newGramIntsStream(&lm); g != nil {
				ok = true
			} else {
				coef, exp := lm.coefs()
				g, ok = newGramIntsSmall(R, K, coef, exp, lm.stats.e0)
			}
		}
		if !ok {
			if x, err = lm.decRows(); err != nil {
				return prepared{}, err
			}
			g, ok = newGramInts(x)
		}
		if ok {
			gi = g
			// The Gram matrix, then (R+1)·R scores per iteration.
			// Twice the work, in integers: the Gram matrix's R²·K/2 need not
			// be whole.
			scores := satMul(satMul(512, satMul(uint64(R+1), uint64(R))), uint64(cp.maxIters))
			if work2 := satAdd(gi.work2(), scores); work2 > 2*MaxGramWork {
				return prepared{}, fmt.Errorf("%w: %d reputers × %d coordinates × %d iterations needs %s units of Gram work (max %d)",
					ErrTooLarge, R, K, cp.maxIters, halfUnits(work2), int64(MaxGramWork))
			}
		}
	}
	if gi == nil {
		if x == nil {
			if x, err = lm.decRows(); err != nil {
				return prepared{}, err
			}
		}
		if K > MaxCoordinates {
			return prepared{}, fmt.Errorf("%w: %d loss coordinates (max %d for the reference evaluation)", ErrTooLarge, K, MaxCoordinates)
		}
		if work := satMul(satMul(satMul(uint64(R), uint64(R)), uint64(K+32)), uint64(cp.maxIters)); work > MaxConsensusWork {
			return prepared{}, fmt.Errorf("%w: %d reputers × %d coordinates × %d iterations needs %s units of work (max %d)",
				ErrTooLarge, R, K, cp.maxIters, units(work), MaxConsensusWork)
		}
	}
	prev, err := convertValues("listening_coefficients", coefficients)
	if err != nil {
		return prepared{}, err
	}
	a0 := make([]dec.Dec, R)
	allZero := true
	j := 0
	for m, id := range lm.reputers {
		a0[m] = dec.One()
		for j < len(prev) && prev[j].id < id {
			j++
		}
		if j < len(prev) && prev[j].id == id {
			a0[m] = prev[j].v
		}
		if !a0[m].IsZero() {
			allZero = false
		}
	}
	if allZero && cp.newest {
		for m := range a0 {
			a0[m] = dec.Max(a0[m], cp.epsR)
		}
	}
	in := &gdInput{x: x, present: lm.present, stakes: lm.stakes, a0: a0}
	return prepared{cp: cp, in: in, names: lm.reputers, gram: gi}, nil
}

func reputerScoresOut(names []string, res gdResult) ReputerScores {
	out := ReputerScores{Reputers: make([]ReputerScore, len(names)), Iterations: res.iters}
	for m, id := range names {
		out.Reputers[m] = ReputerScore{
			Reputer:              id,
			Score:                res.scores[m].Decimal(),
			ListeningCoefficient: res.coefs[m].Decimal(),
			AdjustedStake:        res.adjusted[m].Decimal(),
		}
	}
	return out
}

// units and halfUnits print a work count (halfUnits: given twice over), or
// "more than 1.8e19" when it saturated.
func units(w uint64) string {
	if w == math.MaxUint64 {
		return "more than 1.8e19"
	}
	return strconv.FormatUint(w, 10)
}

func halfUnits(w2 uint64) string {
	if w2 == math.MaxUint64 {
		return units(w2)
	}
	if w2%2 == 1 {
		return strconv.FormatUint(w2/2, 10) + ".5"
	}
	return strconv.FormatUint(w2/2, 10)
}
