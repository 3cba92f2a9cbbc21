package scheme

import (
	"slices"
	"testing"

	"github.com/netmath/netmath/internal/fixture"
)

func TestColumnsReproduceReferenceHeaders(t *testing.T) {
	for _, tc := range []struct {
		file string
		want Shape
	}{
		{fixture.InferenceOct2024, Shape{Inferers: 5, Forecasters: 3, Reputers: 5}},
		{fixture.InferenceLatest, Shape{Inferers: 5, Forecasters: 3, Reputers: 5}},
		{fixture.Multilabel, Shape{Inferers: 5, Forecasters: 3, Reputers: 5, Labels: 3}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			tab := fixture.Require(t, tc.file)
			got, err := Detect(tab.Header)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("Detect = %+v, want %+v", got, tc.want)
			}
			cols := got.Columns()
			if !slices.Equal(cols, tab.Header) {
				for i := range min(len(cols), len(tab.Header)) {
					if cols[i] != tab.Header[i] {
						t.Fatalf("column %d: generated %q, file has %q", i, cols[i], tab.Header[i])
					}
				}
				t.Fatalf("generated %d columns, file has %d", len(cols), len(tab.Header))
			}
		})
	}
}

func TestDetectGeneralShapes(t *testing.T) {
	for _, want := range []Shape{
		{Inferers: 1, Forecasters: 0, Reputers: 1},
		{Inferers: 7, Forecasters: 2, Reputers: 3},
		{Inferers: 12, Forecasters: 11, Reputers: 4, Labels: 2},
	} {
		got, err := Detect(want.Columns())
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Detect(Columns(%+v)) = %+v", want, got)
		}
	}
	if _, err := Detect([]string{"epoch", "foo"}); err == nil {
		t.Error("Detect accepted a header without inferers")
	}
}
