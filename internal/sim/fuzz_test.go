package sim

import (
	"testing"
)

// FuzzParse feeds arbitrary JSON to Parse; a scenario it accepts, cut to at
// most 3 epochs and 4 actors per class, must run (or fail with an error)
// without panicking.
func FuzzParse(f *testing.F) {
	f.Add(defaultJSON)
	f.Add([]byte(`{"epochs": 3, "topic_reward": "1", "truth": {"phi": "0.9", "sigma": "1e30"},
		"inferers": [{"noise": "0", "bias": "1e-30"}], "reputers": [{"kind": "inverted", "stake": "1", "noise": "0"}]}`))
	f.Add([]byte(`{"epochs": 2, "topic_reward": "0", "truth": {"start": "5", "phi": "-0.5", "sigma": "0"},
		"inferers": [{"noise": "0"}, {"noise": "0"}], "forecasters": [{"kind": "window", "window": 1}, {"kind": "copy", "copies": 0}],
		"reputers": [{"kind": "random", "stake": "0.000000000000000001", "noise": "3"}]}`))
	f.Add([]byte(`{"epochs": 1}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sc, err := Parse(b)
		if err != nil {
			return
		}
		sc.Epochs = min(sc.Epochs, 3)
		sc.Warmup = min(sc.Warmup, sc.Epochs-1)
		sc = sc.Resize(min(len(sc.Inferers), 4), min(len(sc.Forecasters), 4), min(len(sc.Reputers), 4))
		for k := range sc.Forecasters {
			if sc.Forecasters[k].Window > 50 {
				sc.Forecasters[k].Window = 50
			}
		}
		s, err := New(sc, Options{})
		if err != nil {
			return
		}
		for !s.Done() {
			if _, err := s.Step(); err != nil {
				return
			}
		}
		if _, err := s.Summary(); err != nil {
			t.Fatalf("summary after a complete run: %v", err)
		}
	})
}
