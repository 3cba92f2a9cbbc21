package weights

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/shopspring/decimal"
)

// fuzzValues are the numbers a fuzz input can pick: ordinary values, zero,
// the extremes of the decimal range, values just outside it, many digits.
var fuzzValues = []decimal.Decimal{
	decimal.Zero, decimal.New(1, 0), decimal.New(-1, 0), decimal.New(5, -1), decimal.New(-25, -1),
	decimal.New(1, -7), decimal.New(1, -400), decimal.New(-1, -400), decimal.New(9, 400), decimal.New(-9, 400),
	decimal.New(1, 300), decimal.New(-1, 300), decimal.New(1, 401), decimal.New(1, -401),
	decimal.RequireFromString("0.18383064290024706123456789012345678901234567890"),
	decimal.RequireFromString("-3.827041560629895"), decimal.New(75, -2), decimal.New(-4, 0),
}

// fuzzIDs include the empty id and collisions.
var fuzzIDs = []string{"a", "b", "c", "d", "", "a"}

// fuzzInput decodes an arbitrary byte string into a small hostile input.
func fuzzInput(data []byte) (Input, Params) {
	pos := 0
	next := func() int {
		if pos >= len(data) {
			return 0
		}
		pos++
		return int(data[pos-1])
	}
	val := func() decimal.Decimal { return fuzzValues[next()%len(fuzzValues)] }
	id := func() string { return fuzzIDs[next()%len(fuzzIDs)] }
	p := DefaultParams()
	p.RuleSet = []RuleSet{V6, Intermediate, Newest}[next()%3]
	var in Input
	for l := next() % 4; l > 0; l-- {
		in.Labels = append(in.Labels, []string{"x", "y", "z", ""}[next()%4])
	}
	for n := next() % 6; n > 0; n-- {
		v := make(loss.Vector, next()%5)
		for i := range v {
			v[i] = val()
		}
		in.Inferences = append(in.Inferences, loss.VectorValue{ID: id(), Values: v})
	}
	for f := next() % 5; f > 0; f-- {
		fc := Forecast{Forecaster: []string{"f", "g", "h", "", "f"}[next()%5]}
		for e := next() % 6; e > 0; e-- {
			fc.Elements = append(fc.Elements, ForecastElement{Inferer: id(), Value: val()})
		}
		in.Forecasts = append(in.Forecasts, fc)
	}
	if next()%4 != 0 {
		v := val()
		in.PreviousLoss = &v
	}
	in.Regrets.InitialRegret = val()
	in.Regrets.Scale = val()
	wid := func() string { return append(fuzzIDs, "f", "g", "h")[next()%9] }
	pval := func() loss.Num { // a value outside the range cannot be a Num (NewNum refuses it)
		n, err := loss.NewNum(val())
		if err != nil {
			return loss.Num{}
		}
		return n
	}
	for r := next() % 12; r > 0; r-- {
		switch next() % 9 {
		case 0:
			in.Regrets.Inferers = append(in.Regrets.Inferers, loss.Value{ID: wid(), Value: val()})
		case 1:
			in.Regrets.Forecasters = append(in.Regrets.Forecasters, loss.Value{ID: wid(), Value: val()})
		case 2:
			in.Regrets.Naive = append(in.Regrets.Naive, loss.Value{ID: wid(), Value: val()})
		case 3:
			in.Regrets.OneInForecasters = append(in.Regrets.OneInForecasters, loss.Value{ID: wid(), Value: val()})
		case 4:
			in.Regrets.OneOutInfererInferers = append(in.Regrets.OneOutInfererInferers, regret.Pair{Network: wid(), Worker: wid(), Value: pval()})
		case 5:
			in.Regrets.OneOutInfererForecasters = append(in.Regrets.OneOutInfererForecasters, regret.Pair{Network: wid(), Worker: wid(), Value: pval()})
		case 6:
			in.Regrets.OneOutForecasterInferers = append(in.Regrets.OneOutForecasterInferers, regret.Pair{Network: wid(), Worker: wid(), Value: pval()})
		case 7:
			in.Regrets.OneOutForecasterForecasters = append(in.Regrets.OneOutForecasterForecasters, regret.Pair{Network: wid(), Worker: wid(), Value: pval()})
		case 8:
			in.Regrets.OneInInferers = append(in.Regrets.OneInInferers, regret.Pair{Network: wid(), Worker: wid(), Value: pval()})
		}
	}
	return in, p
}

var sentinels = []error{ErrInvalidParams, ErrNoInferences, ErrEmptyID, ErrDuplicateID, ErrLabels, ErrInvalidValue, ErrArithmetic, ErrTooLarge}

// FuzzSynthesize feeds hostile inputs to Synthesize and ForecastedRegrets:
// empty sets, duplicate and empty ids, forecasts of unknown inferers,
// mismatched label counts, values at and beyond the decimal range. Every
// call must return a typed error or a result of the right shape, without
// panicking, in bounded time (5 s is generous for these sizes); and the fast path must agree with the plain
// one, and the streamed one-out-inferer networks with the table path.
func FuzzSynthesize(f *testing.F) {
	for _, seed := range []string{
		"", "\x00", "\x01\x00\x03\x02\x01\x02\x03\x04\x05\x06\x07", "\x02\x02\x04\x00\x01\x05\x05\x05\x05",
		"\x00\x00\x05\x00\x01\x01\x01\x02\x01\x02\x04\x03\x00\x01\x03\x02\x05\x02\x07\x01\x02",
		"\x02\x03\x03\x00\x03\x01\x02\x03\x01\x03\x03\x04\x05\x06\x02\x03\x01\x02\x03\x04\x01\x08\x00\x00\x05\x0b\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b",
		"\x01\x00\x04\x05\x00\x01\x00\x02\x00\x03\x00\x00\x00\x04\x03\x00\x08\x09\x00\x02\x00\x04",
		"\x02\x00\x05\x01\x01\x00\x01\x01\x01\x02\x01\x01\x03\x01\x00\x04\x04\x00\x01\x01\x00\x02\x02\x01\x03\x0b\x0b\x0b\x10\x05\x04\x04",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, p := fuzzInput(data)
		start := time.Now()
		res, err := Synthesize(in, p)
		if time.Since(start) > 5*time.Second { // generous: fuzz workers share the CPU
			t.Fatalf("took %v", time.Since(start))
		}
		if err != nil {
			typed := false
			for _, s := range sentinels {
				typed = typed || errors.Is(err, s)
			}
			if !typed {
				t.Fatalf("untyped error %v", err)
			}
		} else {
			nl := max(len(in.Labels), 1)
			if len(res.Bundle.Combined) != nl || len(res.Bundle.Naive) != nl || len(res.Bundle.Inferers) != len(in.Inferences) {
				t.Fatalf("bad shape: %+v", res.Bundle)
			}
		}
		plain, perr := synthesize(in, p, true)
		if (err == nil) != (perr == nil) {
			t.Fatalf("fast %v, plain %v", err, perr)
		}
		if err == nil {
			if d := diffResults(res, plain); d != "" {
				t.Fatalf("fast/plain: %s", d)
			}
		}
		// The streamed one-out-inferer networks agree with the table
		// path, errors included.
		checkStreamTable(t, in, p)
		// Copying identical forecasts, and the bracket of the wide
		// factors, agree with computing every forecaster and product.
		checkDup(t, in, p)
		want, werr, _ := runSynth(t, in, p, func(s *synth) { s.noBracket = true })
		got, gerr, _ := runSynth(t, in, p, func(s *synth) {})
		if gerr != werr || !reflect.DeepEqual(got, want) {
			t.Fatalf("bracket (%q) and MulQuoBySum (%q) differ: %s", gerr, werr, diffResults(got, want))
		}
		// ForecastedRegrets validates the same input, so it fails where
		// Synthesize does, and also where Synthesize succeeds but a
		// difference L_{i−1} − L_ijk leaves the decimal range (a loss.Num
		// cannot hold it; Synthesize does not need it: ErrArithmetic with
		// dec.ErrRange).
		if _, ferr := ForecastedRegrets(in); ferr != nil && err == nil &&
			!(errors.Is(ferr, ErrArithmetic) && errors.Is(ferr, dec.ErrRange)) {
			t.Fatalf("ForecastedRegrets %v, Synthesize succeeded", ferr)
		}
	})
}

func TestFuzzInputDecodes(t *testing.T) {
	// The seed corpus reaches both results and errors.
	ok, bad := 0, 0
	for i := 0; i < 2000; i++ {
		data := []byte(fmt.Sprintf("%08d%d", i*7919, i))
		in, p := fuzzInput(data)
		if _, err := Synthesize(in, p); err != nil {
			bad++
		} else {
			ok++
		}
	}
	if ok == 0 || bad == 0 {
		t.Fatalf("decoder reaches %d results, %d errors", ok, bad)
	}
}
