package settle

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDecodeBounded(t *testing.T) {
	steps := scenario(t, Newest, 2)
	prev, in := steps[1].prev, steps[1].in
	bs, _ := json.Marshal(prev)
	bi, _ := json.Marshal(in)
	st, err := DecodeState(bs)
	if err != nil || Compare(st, prev) != nil {
		t.Fatalf("DecodeState round trip: %v", err)
	}
	got, err := DecodeInput(bi)
	if err != nil || Compare(got, in) != nil {
		t.Fatalf("DecodeInput round trip: %v", err)
	}
	long := strings.Repeat("9", 1_000_000)
	for name, doc := range map[string]string{
		"10^6-digit string":  `{"epoch":3,"topic_reward":"` + long + `"}`,
		"10^6-digit number":  `{"epoch":` + long + `}`,
		"long id":            `{"epoch":3,"delegated":[{"id":"` + long + `","value":"1"}]}`,
		"unknown field":      `{"epoch":3,"topic_rewards":"1"}`,
		"trailing document":  `{"epoch":3} {}`,
		"syntax":             `{"epoch":3`,
		"NaN":                `{"epoch":3,"topic_reward":"NaN"}`,
		"exponent 1e1000000": `{"epoch":3,"topic_reward":"1e1000000"}`,
	} {
		start := time.Now()
		_, err := DecodeInput([]byte(doc))
		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error %v, want ErrInvalidInput", name, err)
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("%s: %v", name, d)
		}
	}
	// A pair regret is a Num: a value outside the decimal core's range is
	// refused while decoding, not left for Epoch to find.
	for name, doc := range map[string]string{
		"pair regret 1e401":       `{"epoch":3,"regrets":{"one_in_inferers":[{"network":"f","worker":"i","value":"1e401"}]}}`,
		"pair regret 1e-401":      `{"epoch":3,"regrets":{"one_out_inferer_inferers":[{"network":"a","worker":"b","value":"-1e-401"}]}}`,
		"pair regret 1001 digits": `{"epoch":3,"regrets":{"one_out_forecaster_forecasters":[{"network":"a","worker":"b","value":"` + strings.Repeat("7", 1001) + `"}]}}`,
		"pair regret syntax":      `{"epoch":3,"regrets":{"one_in_inferers":[{"network":"f","worker":"i","value":"1.2.3"}]}}`,
	} {
		if _, err := DecodeState([]byte(doc)); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error %v, want ErrInvalidInput", name, err)
		}
	}
	st, err = DecodeState([]byte(`{"epoch":3,"regrets":{"one_in_inferers":[{"network":"f","worker":"i","value":"-1.50"}]}}`))
	if err != nil || len(st.Regrets.OneInInferers) != 1 || st.Regrets.OneInInferers[0].Value.String() != "-1.5" {
		t.Errorf("a pair regret in range: %+v, %v", st.Regrets.OneInInferers, err)
	}
}
