package regret

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// sentinels is every error Update may wrap.
var sentinels = []error{ErrInvalidParams, ErrEmptyID, ErrDuplicateID, ErrUnknownID, ErrInvalidValue, ErrTooLarge, ErrEmpty}

func typedError(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func fuzzSeeds() []string {
	small, _ := json.Marshal(Input{Previous: State{InitialRegret: d("0.5")}, Losses: smallBundle()})
	exp, _ := json.Marshal(experienceInput(10, 0, 10))
	return []string{
		string(small),
		string(exp),
		`{}`,
		`{"losses":{}}`,
		`{"losses":{"combined":"1","inferers":[{"id":"a","value":"1"},{"id":"a","value":"2"}]}}`,
		`{"losses":{"combined":"1","inferers":[{"id":"","value":"1"}]}}`,
		`{"losses":{"combined":"9e400","inferers":[{"id":"a","value":"-9e400"}]}}`,
		`{"losses":{"combined":"1e-400","inferers":[{"id":"a","value":"1.0000001e-400"}]}}`,
		`{"losses":{"combined":"1e999999","inferers":[{"id":"a","value":"1"}]}}`,
		`{"losses":{"inferers":[{"id":"a","value":"1"}],"one_out_inferers":[{"id":"x","value":"1"}]}}`,
		`{"losses":{"inferers":[{"id":"a","value":"1"}],"forecasters":[{"id":"f","value":"1"}],"one_out_inferer_forecasters":[{"forecaster":"f","inferer":"a","value":"1"},{"forecaster":"f","inferer":"a","value":"2"}]}}`,
		`{"previous":{"one_in_inferers":[{"network":"","worker":"a","value":"1"}]}}`,
		`{"previous":{"scale":"-1","initial_regret":"1e-401"}}`,
		// Sorted pair stores with matched, kept and new pairs: the fast path.
		`{"previous":{"one_out_inferer_inferers":[{"network":"a","worker":"a","value":"0.5"},{"network":"a","worker":"b","value":"-0.25"},{"network":"z","worker":"a","value":"1"}],"one_out_inferer_forecasters":[{"network":"a","worker":"f","value":"0"}],"one_in_inferers":[{"network":"f","worker":"a","value":"2e-30"}],"initial_regret":"0.1"},"losses":{"combined":"-3","naive":"-2","inferers":[{"id":"a","value":"-2"},{"id":"b","value":"-4"}],"forecasters":[{"id":"f","value":"-1"}],"one_out_inferers":[{"id":"a","value":"-2.5"}],"one_out_forecasters":[{"id":"f","value":"-2.25"}],"one_in_forecasters":[{"id":"f","value":"-1.5"}],"one_out_inferer_forecasters":[{"forecaster":"f","inferer":"a","value":"-3.5"}]}}`,
		`{"previous":{"inferers":[{"id":"a","value":"123456789012345678901234567890123456789e-10"}]},"losses":{"combined":"-0.000000000000000000001","inferers":[{"id":"a","value":"3"}]},"inferer_inclusions":[{"id":"a","count":18446744073709551615}]}`,
	}
}

// FuzzUpdate feeds arbitrary JSON inputs under every rule set: Update must
// return a typed error or a valid, sorted, JSON-stable state; never panic;
// and give exactly the reference path's output or error (the fast path's
// output, when it has one, too).
func FuzzUpdate(f *testing.F) {
	for _, s := range fuzzSeeds() {
		for sel := range 4 {
			f.Add([]byte(s), uint8(sel))
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte, sel uint8) {
		var in Input
		if err := json.Unmarshal(raw, &in); err != nil {
			return
		}
		p := DefaultParams()
		switch sel % 4 {
		case 1:
			p = DefaultParamsV6()
		case 2:
			p.RuleSet = Intermediate
			p.SkipMissingLosses = true
		case 3:
			p.AlphaRegret = d("1")
			p.MinExperiencedWorkerRegrets = 0
		}
		out, err := Update(in, p)
		ref, refErr := updatePath(in, p, false)
		if (err == nil) != (refErr == nil) || err != nil && err.Error() != refErr.Error() || !reflect.DeepEqual(out, ref) {
			t.Fatalf("Update: %v, reference path: %v (outputs equal: %v)", err, refErr, reflect.DeepEqual(out, ref))
		}
		if fo, ferr := updatePath(in, p, true); ferr == nil && !reflect.DeepEqual(fo, ref) {
			t.Fatal("fast path output differs from the reference path's")
		}
		if err != nil {
			if !typedError(err) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if err := out.State.Validate(); err != nil {
			t.Fatalf("output state invalid: %v", err)
		}
		if !slices.IsSortedFunc(out.State.OneOutInfererInferers, func(a, b Pair) int {
			return cmpKey(key{a.Network, a.Worker}, key{b.Network, b.Worker})
		}) || !slices.IsSortedFunc(out.State.Inferers, func(a, b loss.Value) int { return strings.Compare(a.ID, b.ID) }) {
			t.Fatal("output not sorted")
		}
		b, err := json.Marshal(out.State)
		if err != nil {
			t.Fatal(err)
		}
		var back State
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("state does not decode: %v", err)
		}
		if !statesEqual(back, out.State) {
			t.Fatal("JSON round trip changed the state")
		}
	})
}

// FuzzMADScale: arbitrary decimal strings and ε.
func FuzzMADScale(f *testing.F) {
	f.Add("0.1 0.2 0.3", "0.01")
	f.Add("0 0 0 100", "0.01")
	f.Add("", "0.01")
	f.Add("1e400 -1e400", "1e400")
	f.Add("5", "0")
	f.Fuzz(func(t *testing.T, xs, eps string) {
		var vals []decimal.Decimal
		for _, s := range strings.Fields(xs) {
			v, err := decimal.NewFromString(s)
			if err != nil {
				return
			}
			vals = append(vals, v)
		}
		e, err := decimal.NewFromString(eps)
		if err != nil {
			return
		}
		s, err := MADScale(vals, e, 0, "")
		if err != nil {
			if !typedError(err) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if s.LessThan(e) {
			t.Fatalf("scale %s < ε %s", s, e)
		}
	})
}

// FuzzTopicInitialRegret: arbitrary samples and parameters.
func FuzzTopicInitialRegret(f *testing.F) {
	f.Add("1 2 3 4", "1 2 3 4 5", "0", "0.25", 10, true)
	f.Add("", "1 2", "7", "0.5", 2, true)
	f.Add("1e400 -1e400", "", "0", "1", 0, false)
	f.Add("", "", "0", "2", -1, true)
	f.Fuzz(func(t *testing.T, exp, all, cur, q string, min int, newest bool) {
		parse := func(s string) ([]decimal.Decimal, bool) {
			var out []decimal.Decimal
			for _, f := range strings.Fields(s) {
				v, err := decimal.NewFromString(f)
				if err != nil {
					return nil, false
				}
				out = append(out, v)
			}
			return out, true
		}
		ev, ok1 := parse(exp)
		av, ok2 := parse(all)
		c, err1 := decimal.NewFromString(cur)
		qq, err2 := decimal.NewFromString(q)
		if !ok1 || !ok2 || err1 != nil || err2 != nil {
			return
		}
		p := DefaultParams()
		if !newest {
			p.RuleSet = V6
		}
		p.InitialRegretQuantile, p.MinExperiencedWorkerRegrets = qq, min
		r, rule, err := TopicInitialRegret(ev, av, c, p)
		if err != nil {
			if !typedError(err) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		if rule == InitialRegretUnchanged && !r.Equal(c) {
			t.Fatalf("unchanged rule but %s != %s", r, c)
		}
	})
}
