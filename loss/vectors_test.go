package loss_test

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// parseOptions reads the "key=value;..." options of testdata/vectors.csv.
func parseOptions(t *testing.T, s string) loss.Options {
	t.Helper()
	var o loss.Options
	if s == "" {
		return o
	}
	for _, kv := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			t.Fatalf("bad option %q", kv)
		}
		d := new(decimal.RequireFromString(v))
		switch k {
		case "delta":
			o.Delta = d
		case "epsilon":
			o.Epsilon = d
		case "std":
			o.Std = d
		case "mean":
			o.Mean = d
		case "alpha":
			o.Alpha = d
		case "beta":
			o.Beta = d
		case "mse_norm":
			o.MSENorm = d
		case "gamma":
			o.Gamma = d
		default:
			t.Fatalf("unknown option %q", k)
		}
	}
	return o
}

// ulpDistance returns |got − want| in units of the last place of want at
// the reference precision (34 digits).
func ulpDistance(got, want dec.Dec) dec.Dec {
	if want.IsZero() {
		if got.IsZero() {
			return dec.Zero()
		}
		return dec.FromInt64(1 << 30)
	}
	// ulp(want) = 10^(floor(log10|want|) − 33)
	ctx, _ := dec.NewContext(40, dec.RoundFloor)
	l, _ := ctx.Log10(want.Abs())
	e, _ := l.Floor().Int64()
	ulp := dec.New(1, int32(e-33))
	q, _ := ctx.Quo(got.Sub(want).Abs(), ulp)
	return q
}

// TestVectors checks every method against testdata/vectors.csv, generated
// by testdata/gen_vectors.py with mpmath at 600 digits: the result must be
// within one ulp (at 34 digits) of the correctly rounded (RoundDown) exact
// value. The test also counts the correctly rounded results.
func TestVectors(t *testing.T) {
	f, err := os.Open("testdata/vectors.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ref := dec.Reference()
	one := dec.One()
	n, exact := 0, 0
	for i, r := range rows[1:] {
		method, opts, y, p, want := r[0], r[1], r[2], r[3], r[4]
		var got decimal.Decimal
		if method == "log10" {
			m, _ := loss.NewMethod("", loss.Options{})
			got, err = m.Transform(decimal.RequireFromString(y), loss.GradeOptions{})
		} else {
			m, err2 := loss.NewMethod(method, parseOptions(t, opts))
			if err2 != nil {
				t.Fatalf("row %d: %v", i+2, err2)
			}
			got, err = m.Loss(decimal.RequireFromString(y), decimal.RequireFromString(p))
		}
		if err != nil {
			t.Errorf("row %d %s(%s, %s) [%s]: %v", i+2, method, y, p, opts, err)
			continue
		}
		w, err := ref.Round(dec.MustParse(want)) // correctly rounded at 34 digits, RoundDown
		if err != nil {
			t.Fatal(err)
		}
		g := mustDec(got)
		d := ulpDistance(g, w)
		n++
		if d.IsZero() {
			exact++
		}
		if d.Cmp(one) > 0 {
			t.Errorf("row %d %s(%s, %s) [%s]: got %s, want %s (%s ulp)", i+2, method, y, p, opts, g, w, d)
		}
	}
	t.Logf("%d vectors within 1 ulp at 34 digits; %d correctly rounded", n, exact)
}
