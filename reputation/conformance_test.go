package reputation

import (
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/scheme"
)

// tolFixture is the relative tolerance of the inference-simulator fixture
// (a float64 simulator; spec §18 reports ~1e-12 agreement).
var tolFixture = dec.MustParse("1e-12")

// TestConformanceInferenceWorkerScores checks every inferer score,
// forecaster score and forecasting-task score of every row of
// inference_oct2024.csv against the row's network-loss columns (§4, §5).
func TestConformanceInferenceWorkerScores(t *testing.T) {
	tab := fixture.Require(t, fixture.InferenceOct2024)
	s := fxShape(t, tab)
	p := DefaultParamsV6()
	rep := fixture.NewReport()
	for _, row := range tab.Rows {
		ws, err := ScoreWorkers(fxNetworkLosses(t, row, s), p)
		if err != nil {
			t.Fatalf("row %s: %v", row.Str(scheme.Epoch), err)
		}
		if len(ws.Inferers.Scores) != s.Inferers || len(ws.Forecasters.Scores) != s.Forecasters {
			t.Fatalf("row %s: %d inferer and %d forecaster scores", row.Str(scheme.Epoch), len(ws.Inferers.Scores), len(ws.Forecasters.Scores))
		}
		for j, v := range ws.Inferers.Scores {
			fxCompare(t, rep, "inferer_score", scheme.InfererScore(j), row, v.Value, tolFixture)
		}
		for k, v := range ws.Forecasters.Scores {
			fxCompare(t, rep, "forecaster_score", scheme.ForecasterScore(k), row, v.Value, tolFixture)
		}
		fxCompare(t, rep, "forecaster_task_score", scheme.TaskScore, row, ws.ForecastTask, tolFixture)
	}
	t.Log("\n" + rep.String())
}

// TestConformanceInferenceReputers checks every reputer score, listening
// coefficient and adjusted stake of rows 2.. of inference_oct2024.csv, from
// the row's stakes (×1e18, floored) and reputer losses and the previous
// row's listening coefficients (§6).
func TestConformanceInferenceReputers(t *testing.T) {
	conformanceReputers(t, DefaultParamsV6(), EvaluationReference)
}

// TestConformanceInferenceReputersGram is TestConformanceInferenceReputers
// with the Gram evaluation (every fixture report is complete, so the Gram
// evaluation applies to every row).
func TestConformanceInferenceReputersGram(t *testing.T) {
	p := DefaultParamsV6()
	p.ListeningEvaluation = EvaluationGram
	conformanceReputers(t, p, EvaluationGram)
}

func conformanceReputers(t *testing.T, p Params, wantEval string) {
	tab := fixture.Require(t, fixture.InferenceOct2024)
	s := fxShape(t, tab)
	rep := fixture.NewReport()
	for e := 1; e < len(tab.Rows); e++ {
		row, prev := tab.Rows[e], tab.Rows[e-1]
		res, err := ScoreReputers(fxReports(t, row, s), fxCoefficients(t, prev, s), p)
		if err != nil {
			t.Fatalf("row %s: %v", row.Str(scheme.Epoch), err)
		}
		if len(res.Reputers) != s.Reputers {
			t.Fatalf("row %s: %d reputers", row.Str(scheme.Epoch), len(res.Reputers))
		}
		if res.Evaluation != wantEval {
			t.Fatalf("row %s: evaluation %q, want %q", row.Str(scheme.Epoch), res.Evaluation, wantEval)
		}
		for m, r := range res.Reputers {
			fxCompare(t, rep, "reputer_score", scheme.ReputerScore(m), row, r.Score, tolFixture)
			fxCompare(t, rep, "reputer_listening_coefficient", scheme.Listening(m), row, r.ListeningCoefficient, tolFixture)
			fxCompare(t, rep, "reputer_adjusted_stake", scheme.AdjustedStake(m), row, r.AdjustedStake, tolFixture)
		}
		t.Logf("row %s: %d iterations", row.Str(scheme.Epoch), res.Iterations)
	}
	t.Log("\n" + rep.String())
}
