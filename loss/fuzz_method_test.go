package loss_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/netmath/netmath/loss"
)

// FuzzMethod feeds any method name and any JSON-encoded Options (every
// parameter, the edge policies, Digits and Rounding: absurd precisions,
// unknown modes, zero, negative and huge parameters) to NewMethod, then
// any truth and prediction vectors to Loss, VectorLoss, LabeledLoss and
// Transform with any reducer and zero-loss policy. Every call returns a
// typed error or a value; Loss of a never-negative method is >= 0; a
// transformed value passes CheckBounds; VectorLoss and LabeledLoss agree;
// and no call takes more than 2 s (generous: fuzz workers share the CPU).
func FuzzMethod(f *testing.F) {
	f.Add("sqe", `{}`, "1,2", "1.5,2.5", "", uint8(0))
	f.Add("huber", `{"delta":"0.5","digits":50,"rounding":"half-even"}`, "1e30", "-1e30", "mean", uint8(1))
	f.Add("ZPTAE", `{"std":"1e-300","mean":"1e300","alpha":"-1","beta":"1e-9","gamma":"1e9","mse_norm":"0","zptae_overflow":"sdk"}`, "1e100,0", "-1e100,1e-100", "sum", uint8(2))
	f.Add("ztae", `{"std":"0"}`, "0", "0", "", uint8(3))
	f.Add("bce", `{"epsilon":"0.5","bce_edges":"legacy"}`, "1,0,1", "1,0,0.5", "max", uint8(4))
	f.Add("cce", `{"epsilon":"1e-400"}`, "1,0", "0.3,0.7", "", uint8(5))
	f.Add("poisson", `{"epsilon":"1e-7","digits":100}`, "3", "1e-99", "", uint8(6))
	f.Add("logcosh", `{"digits":-1}`, "0", "700", "", uint8(7))
	f.Add("mae", `{"digits":1000000000,"rounding":"sideways"}`, "1", "2", "", uint8(8))
	f.Add(" \tMSE\n", `{"delta":"1"}`, "1", "2", "", uint8(9))
	f.Add("huber", `{"delta":"1e400"}`, "1", "2", "", uint8(10))
	f.Fuzz(func(t *testing.T, name, optsJSON, truth, pred, reducer string, sel uint8) {
		if len(optsJSON) > 4096 || len(name) > 256 || len(reducer) > 64 {
			return
		}
		var opts loss.Options
		if json.Unmarshal([]byte(optsJSON), &opts) != nil {
			return
		}
		ys, ok1 := parseList(truth, 8)
		ps, ok2 := parseList(pred, 8)
		if !ok1 || !ok2 {
			return
		}
		deadline := func(what string, start time.Time) {
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("%s took %v", what, d)
			}
		}
		start := time.Now()
		m, err := loss.NewMethod(name, opts)
		deadline("NewMethod", start)
		if err != nil {
			requireTyped(t, err)
			return
		}
		gopt := loss.GradeOptions{Raw: sel&1 != 0, Reducer: loss.Reducer(reducer)}
		if sel&2 != 0 {
			gopt.ZeroLoss = loss.ZeroLossError
		}
		if len(ys) > 0 && len(ps) > 0 {
			start = time.Now()
			l, err := m.Loss(ys[0], ps[0])
			deadline("Loss", start)
			if err != nil {
				requireTyped(t, err)
			} else {
				if m.NeverNegative() && l.Sign() < 0 {
					t.Fatalf("%s(%s, %s) = %s < 0", m, ys[0], ps[0], l)
				}
				start = time.Now()
				v, err := m.Transform(l, gopt)
				deadline("Transform", start)
				if err != nil {
					requireTyped(t, err)
				} else if err := loss.CheckBounds(v); err != nil {
					t.Fatalf("Transform(%s) = %s: %v", l, v, err)
				}
			}
		}
		start = time.Now()
		vl, verr := m.VectorLoss(ys, ps, loss.Reducer(reducer))
		deadline("VectorLoss", start)
		if verr != nil {
			requireTyped(t, verr)
		}
		var ty, py []loss.LabeledValue
		for i, y := range ys {
			ty = append(ty, loss.LabeledValue{Label: strings.Repeat("l", i+1), Value: y})
		}
		for i := len(ps) - 1; i >= 0; i-- { // reversed: LabeledLoss joins by name
			py = append(py, loss.LabeledValue{Label: strings.Repeat("l", i+1), Value: ps[i]})
		}
		start = time.Now()
		ll, lerr := m.LabeledLoss(ty, py, loss.Reducer(reducer))
		deadline("LabeledLoss", start)
		if lerr != nil {
			requireTyped(t, lerr)
		}
		if verr == nil && lerr == nil && !vl.Equal(ll) {
			t.Fatalf("VectorLoss %s != LabeledLoss %s", vl, ll)
		}
		if (verr == nil) != (lerr == nil) && len(ys) == len(ps) && len(ys) > 0 {
			t.Fatalf("VectorLoss error %v, LabeledLoss error %v", verr, lerr)
		}
	})
}
