package settle

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/netmath/netmath/loss"
	"github.com/netmath/netmath/regret"
	"github.com/netmath/netmath/reputation"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/weights"
	"github.com/shopspring/decimal"
)

// sentinels are every sentinel error a settlement may wrap: its own and
// those of the packages it calls (each of which wraps the decimal core's
// errors in one of its own).
var sentinels = []error{
	ErrInvalidParams, ErrInvalidInput, ErrMismatch, ErrEncoding,

	loss.ErrUnknownMethod, loss.ErrInvalidParameter, loss.ErrMissingParameter, loss.ErrDomain,
	loss.ErrInfiniteLoss, loss.ErrValue, loss.ErrNegativeLoss, loss.ErrZeroLoss, loss.ErrOutOfBounds,
	loss.ErrLabels, loss.ErrEmpty, loss.ErrEmptyID, loss.ErrDuplicateID, loss.ErrDuplicateReputer,
	loss.ErrStake, loss.ErrZeroWeight, loss.ErrTooLarge, loss.ErrParams,

	regret.ErrInvalidParams, regret.ErrEmptyID, regret.ErrDuplicateID, regret.ErrUnknownID,
	regret.ErrInvalidValue, regret.ErrTooLarge, regret.ErrEmpty,

	weights.ErrInvalidParams, weights.ErrNoInferences, weights.ErrEmptyID, weights.ErrDuplicateID,
	weights.ErrLabels, weights.ErrInvalidValue, weights.ErrArithmetic, weights.ErrTooLarge,

	reputation.ErrInvalidParams, reputation.ErrEmpty, reputation.ErrEmptyID, reputation.ErrDuplicateID,
	reputation.ErrStake, reputation.ErrZeroListenedStake, reputation.ErrZeroConsensusWeight,
	reputation.ErrPairing, reputation.ErrInvalidValue, reputation.ErrTooLarge, reputation.ErrAlreadyActive,
	reputation.ErrEMAAlreadyUpdated, reputation.ErrLowestNotActive, reputation.ErrEpochs,

	rewards.ErrInvalidParams, rewards.ErrEmptyID, rewards.ErrDuplicateID, rewards.ErrUnknownID,
	rewards.ErrEmpty, rewards.ErrTooLarge, rewards.ErrInvalidValue, rewards.ErrZeroTotal,
	rewards.ErrDegenerate, rewards.ErrArithmetic, rewards.ErrOverpay, rewards.ErrNegativeSupply,
}

// typed reports whether err wraps one of the library's sentinels.
func typed(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// fuzzParams selects the parameters of a fuzzed settlement from sel: the
// rule set (sel mod 3), simulator or reference defaults (bit 2), the
// conserving payout mode (bit 3) and the Gram listening evaluation (bit 4).
func fuzzParams(tb testing.TB, sel uint8) Params {
	rs := []RuleSet{V6, Intermediate, Newest}[sel%3]
	var p Params
	var err error
	if sel&4 != 0 {
		p, err = DefaultParams(rs)
	} else {
		p, err = SimulatorParams(rs)
	}
	if err != nil {
		tb.Fatal(err)
	}
	if sel&8 != 0 {
		p.Rewards.PayoutMode = rewards.PayoutConserving
	}
	if sel&16 != 0 {
		p.Reputation.ListeningEvaluation = reputation.EvaluationGram
	}
	return p
}

// maxFuzzJSON bounds the fuzzed documents (State + Input) so that one
// input settles in bounded time whatever the mutator does.
const maxFuzzJSON = 64 << 10

// epochSeeds are JSON-encoded (State, Input) pairs of the test scenario
// under every rule set, plus small hostile documents.
func epochSeeds(tb testing.TB) [][2][]byte {
	var out [][2][]byte
	for _, rs := range []RuleSet{V6, Intermediate, Newest} {
		for _, s := range scenario(tb, rs, 4) {
			sb, err := json.Marshal(s.prev)
			if err != nil {
				tb.Fatal(err)
			}
			ib, err := json.Marshal(s.in)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, [2][]byte{sb, ib})
		}
	}
	for _, h := range [][2]string{
		{`{}`, `{}`},
		{`{}`, `{"epoch":1}`},
		{`{"epoch":5}`, `{"epoch":5}`},
		{`{}`, `{"epoch":1,"inferences":[{"id":"a","values":["NaN"]}]}`},
		{`{}`, `{"epoch":1,"inferences":[{"id":"a","values":["1e9999"]},{"id":"b","values":["-1e-9999"]}]}`},
		{`{}`, `{"epoch":1,"inferences":[{"id":"a","values":["1"]},{"id":"a","values":["2"]}]}`},
		{`{}`, `{"epoch":1,"labels":["x","y"],"inferences":[{"id":"a","values":["1","2","3"]}]}`},
		{`{}`, `{"epoch":1,"inferences":[{"id":"a","values":["1"]}],"forecasts":[{"forecaster":"f","elements":[{"inferer":"ghost","value":"1"}]}]}`},
		{`{}`, `{"epoch":2,"reports":[{"reputer":"r","stake":"0","losses":{"combined":"1","naive":"1"}}],"topic_reward":"100"}`},
		{`{}`, `{"epoch":2,"reports":[{"reputer":"r","stake":"-5","losses":{"combined":"1","naive":"1","inferers":[{"id":"a","value":"1"}]}}],"topic_reward":"100"}`},
		{`{}`, `{"epoch":2,"reports":[{"reputer":"r","stake":"10","losses":{"combined":"1","naive":"2","inferers":[{"id":"a","value":"1"}],"one_out_inferers":[{"id":"a","value":"3"}]}},{"reputer":"r","stake":"10","losses":{"combined":"1","naive":"1"}}],"topic_reward":"1e30"}`},
		{`{}`, `{"epoch":2,"reports":[{"reputer":"r","stake":"1000000000000000000000000000000","losses":{"combined":"-2","naive":"-1","inferers":[{"id":"a","value":"-3"},{"id":"b","value":"-1"}],"one_out_inferers":[{"id":"a","value":"-1"},{"id":"b","value":"-2.5"}]}}],"delegated":[{"id":"r","value":"1"}],"topic_reward":"999999999999999999999999999999.9"}`},
		{`{"regrets":{"inferers":[{"id":"a","value":"1e300"},{"id":"b","value":"-1e300"}]}}`, `{"epoch":1,"inferences":[{"id":"a","values":["1"]},{"id":"b","values":["2"]}]}`},
		{`{"network_loss":"1e400","quantiles":{"inferers":"1e9999"}}`, `{"epoch":9223372036854775807}`},
		{`{"network_loss":"1e400"}`, `{"epoch":3,"inferences":[{"id":"a","values":["1"]},{"id":"b","values":["2"]}]}`},
	} {
		out = append(out, [2][]byte{[]byte(h[0]), []byte(h[1])})
	}
	return out
}

// FuzzEpoch decodes a JSON State and Input and settles them under a fuzzed
// parameter choice. Every call must return an error wrapping a sentinel or
// a result that (1) Verify accepts, (2) is reproduced bit for bit (same
// Digest) by settling a JSON round trip of the same inputs, (3) leaves prev
// unmodified, and (4) satisfies the reward bounds (non-negative fractions,
// payouts and remainder; in the conserving mode Paid = trunc(E)). Each
// settlement must take under 5 s (generous: fuzz workers share the CPU).
func FuzzEpoch(f *testing.F) {
	for i, s := range epochSeeds(f) {
		f.Add(s[0], s[1], uint8(i))
	}
	f.Fuzz(func(t *testing.T, stateJSON, inputJSON []byte, sel uint8) {
		if len(stateJSON)+len(inputJSON) > maxFuzzJSON {
			return
		}
		var prev State
		var in Input
		if json.Unmarshal(stateJSON, &prev) != nil || json.Unmarshal(inputJSON, &in) != nil {
			return
		}
		p := fuzzParams(t, sel)
		before, berr := Canonical(prev)
		start := time.Now()
		res, err := Epoch(prev, in, p)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Epoch took %v", d)
		}
		if berr == nil {
			if after, _ := Canonical(prev); !bytes.Equal(before, after) {
				t.Fatal("Epoch modified prev")
			}
		}
		if err != nil {
			if !typed(err) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		checkResult(t, in, p, res)
		if err := Verify(prev, in, p, res); err != nil {
			t.Fatalf("Verify of the computed result: %v", err)
		}
		want, err := Digest(res)
		if err != nil {
			t.Fatalf("Digest: %v", err)
		}
		// The JSON round trip. shopspring writes a decimal's every digit
		// (1e9999 is 10000 bytes; its decoder refuses exponents beyond
		// MaxDecodeExponent, 10000 by default), so only inputs with
		// moderate exponents are re-encoded.
		if !moderate(prev) || !moderate(in) {
			return
		}
		var prev2 State
		var in2 Input
		roundTrip(t, prev, &prev2)
		roundTrip(t, in, &in2)
		res2, err := Epoch(prev2, in2, p)
		if err != nil {
			t.Fatalf("the JSON round trip fails to settle: %v", err)
		}
		got, err := Digest(res2)
		if err != nil {
			t.Fatalf("Digest: %v", err)
		}
		if got != want {
			t.Fatalf("the JSON round trip settles differently: %x != %x", got, want)
		}
	})
}

// checkResult checks the bounds every successful settlement satisfies.
func checkResult(t *testing.T, in Input, p Params, res Result) {
	t.Helper()
	if res.Epoch != in.Epoch || res.State.Epoch != in.Epoch {
		t.Fatalf("epoch %d, state epoch %d, input epoch %d", res.Epoch, res.State.Epoch, in.Epoch)
	}
	if res.Inference != nil {
		for _, w := range append(slicesClone(res.Inference.InfererWeights), res.Inference.ForecasterWeights...) {
			if w.Value.IsNegative() {
				t.Fatalf("negative weight %s = %s", w.ID, w.Value)
			}
		}
	}
	s := res.Settlement
	if s == nil || s.RewardsSkipped != "" {
		return
	}
	d := s.Distribution
	for _, c := range []rewards.ClassDistribution{d.Inferers, d.Forecasters, d.Reputers} {
		for _, l := range [][]loss.Value{c.Fractions, c.Smoothed, c.Modified, c.Rewards, c.Payouts} {
			for _, v := range l {
				if v.Value.IsNegative() {
					t.Fatalf("negative value %s = %s", v.ID, v.Value)
				}
			}
		}
		for _, v := range c.Fractions {
			if v.Value.GreaterThan(decimal.New(1, 0)) {
				t.Fatalf("fraction %s = %s > 1", v.ID, v.Value)
			}
		}
	}
	if d.Remainder.IsNegative() || d.Paid.IsNegative() {
		t.Fatalf("paid %s, remainder %s", d.Paid, d.Remainder)
	}
	if !d.Paid.Add(d.Remainder).Equal(in.TopicReward) {
		t.Fatalf("paid %s + remainder %s != reward %s", d.Paid, d.Remainder, in.TopicReward)
	}
	if p.Rewards.PayoutMode == rewards.PayoutConserving && !d.Paid.Equal(in.TopicReward.Truncate(0)) {
		t.Fatalf("conserving: paid %s of trunc(%s)", d.Paid, in.TopicReward)
	}
}

func slicesClone(v []loss.Value) []loss.Value { return append([]loss.Value(nil), v...) }

// roundTrip encodes v as JSON and decodes it into out.
func roundTrip(t *testing.T, v, out any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("unmarshal %s: %v", b, err)
	}
}

// moderate reports whether every decimal reachable from v has an exponent
// and a coefficient small enough for its JSON text to be short.
func moderate(v any) bool {
	ok := true
	var walk func(r reflect.Value)
	dt := reflect.TypeOf(decimal.Decimal{})
	walk = func(r reflect.Value) {
		if !ok {
			return
		}
		if r.Type() == dt {
			d := r.Interface().(decimal.Decimal)
			if e := d.Exponent(); e > 1<<14 || e < -(1<<14) || d.Coefficient().BitLen() > 1<<17 {
				ok = false
			}
			return
		}
		switch r.Kind() {
		case reflect.Pointer:
			if !r.IsNil() {
				walk(r.Elem())
			}
		case reflect.Struct:
			for i := range r.NumField() {
				if r.Type().Field(i).IsExported() {
					walk(r.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range r.Len() {
				walk(r.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(v))
	return ok
}

// FuzzDecode feeds any document to the JSON decoding of every settlement
// type and to the canonical encoding: decoding either fails or yields a
// value whose canonical encoding succeeds (the settlement types hold no map,
// float or interface) and survives a JSON round trip unchanged. Compare of
// a value with itself is nil.
func FuzzDecode(f *testing.F) {
	for i, s := range epochSeeds(f) {
		f.Add(s[0], uint8(0))
		f.Add(s[1], uint8(1))
		if i%4 == 3 {
			p := fuzzParams(f, uint8(i))
			b, _ := json.Marshal(p)
			f.Add(b, uint8(3))
		}
	}
	for _, s := range scenario(f, Newest, 3) {
		b, _ := json.Marshal(s.res)
		f.Add(b, uint8(2))
	}
	f.Add([]byte(`{"epoch":1,"inference":{"bundle":{"combined":["1e-400"]}},"settlement":{"network_losses":{"combined":"-0"}}}`), uint8(2))
	f.Add([]byte(`{"network_loss":null,"regrets":{"inferers":[{"id":"\u0000","value":"1E+5"}]}}`), uint8(0))
	f.Fuzz(func(t *testing.T, doc []byte, kind uint8) {
		if len(doc) > maxFuzzJSON {
			return
		}
		var v any
		switch kind % 4 {
		case 0:
			v = new(State)
		case 1:
			v = new(Input)
		case 2:
			v = new(Result)
		default:
			v = new(Params)
		}
		// The bounded decoders accept a subset of what encoding/json
		// accepts, with the same value; their errors are typed.
		switch kind % 4 {
		case 0:
			st, err := DecodeState(doc)
			if err != nil && !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("DecodeState: untyped error %v", err)
			}
			if err == nil {
				var want State
				if json.Unmarshal(doc, &want) != nil || Compare(st, want) != nil {
					t.Fatalf("DecodeState accepted what json.Unmarshal decodes differently")
				}
			}
		case 1:
			in, err := DecodeInput(doc)
			if err != nil && !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("DecodeInput: untyped error %v", err)
			}
			if err == nil {
				var want Input
				if json.Unmarshal(doc, &want) != nil || Compare(in, want) != nil {
					t.Fatalf("DecodeInput accepted what json.Unmarshal decodes differently")
				}
			}
		}
		if json.Unmarshal(doc, v) != nil {
			return
		}
		c, err := Canonical(v)
		if err != nil {
			t.Fatalf("Canonical of a decoded %T: %v", v, err)
		}
		if err := Compare(v, v); err != nil {
			t.Fatalf("Compare with itself: %v", err)
		}
		if kind%4 == 3 {
			// Validation of decoded parameters: nil or typed.
			if err := v.(*Params).Validate(); err != nil && !typed(err) {
				t.Fatalf("untyped validation error: %v", err)
			}
		}
		if !moderate(v) {
			return
		}
		back := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		roundTrip(t, v, back)
		c2, err := Canonical(back)
		if err != nil {
			t.Fatalf("Canonical after the round trip: %v", err)
		}
		if !bytes.Equal(c, c2) {
			t.Fatalf("JSON round trip changed the canonical encoding:\n%s\n%s", c, c2)
		}
	})
}

// byteSource draws the generators' choices from fuzzer bytes (0 once they
// are used up), so that a mutation changes one choice locally.
type byteSource struct {
	b []byte
	i int
}

func (s *byteSource) IntN(n int) int {
	if n <= 1 {
		return 0
	}
	v := 0
	for k := n - 1; k > 0; k >>= 8 {
		v <<= 8
		if s.i < len(s.b) {
			v |= int(s.b[s.i])
			s.i++
		}
	}
	return v % n
}

// randSettleTopic draws a settlement topic from r: the parameter choice
// sel, its parameters (p as fuzzParams gives them, pref the same in the
// reference payout mode) and 1–8 inferers, 0–6 forecasters and 1–6
// reputers.
func randSettleTopic(t testing.TB, r source) (sel uint8, p, pref Params, nI, nF, nR int) {
	sel = uint8(r.IntN(32))
	p = fuzzParams(t, sel|8)
	pref = p
	pref.Rewards.PayoutMode = rewards.PayoutReference
	return sel, p, pref, 1 + r.IntN(8), r.IntN(7), 1 + r.IntN(6)
}

// FuzzEpochShape settles a small random topic (1–8 inferers, 0–6
// forecasters, 1–6 reputers, stakes and rewards up to 10^30) for up to
// four epochs, every choice drawn from the fuzzer's bytes, under a fuzzed
// parameter choice. Complements FuzzEpoch (whose JSON mutations mostly
// break the document): every input here is a well-formed settlement, so
// the fuzzer explores the arithmetic. Typed errors only; every success
// satisfies checkSettlement in the conserving and the reference mode and
// Verify.
func FuzzEpochShape(f *testing.F) {
	for _, s := range []string{
		"", "\x00", "\x08\x03\x02\x02\x05\x01\x02\x03\x04\x05\x06\x07\x08\x09",
		"\x1f\x07\x06\x05\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0",
		"\x09\x00\x00\x00\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10\x10",
		"\x0a\x02\x01\x03" + string(bytes.Repeat([]byte("\x21\x05\x0f\x80\x09"), 60)),
		"\x0b\x07\x06\x05" + string(bytes.Repeat([]byte("\x1e\x09\x09\x09\x09\x09\x09\x09\x09\x09"), 80)),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 16<<10 {
			return
		}
		r := &byteSource{b: data}
		_, p, pref, nI, nF, nR := randSettleTopic(t, r)
		var st State
		var prevBundle *loss.InferenceBundle
		prevTruth := decimal.Zero
		for e := int64(1); e <= int64(2+r.IntN(3)); e++ {
			truth := randValue(r, 1)
			in, err := randSettlementInput(r, e, nI, nF, nR, truth, prevBundle, prevTruth)
			if err != nil {
				t.Fatalf("generator: %v", err)
			}
			start := time.Now()
			res, err := Epoch(st, in, p)
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("Epoch took %v", d)
			}
			if err != nil {
				if !typed(err) {
					t.Fatalf("epoch %d: untyped error %v", e, err)
				}
				return
			}
			if msg := checkSettlement(res, in, rewards.PayoutConserving); msg != "" {
				t.Fatalf("epoch %d: %s", e, msg)
			}
			if err := Verify(st, in, p, res); err != nil {
				t.Fatalf("epoch %d: Verify: %v", e, err)
			}
			if res.Settlement != nil {
				rr, err := Epoch(st, in, pref)
				if err != nil {
					t.Fatalf("epoch %d: the reference mode fails where the conserving one settles: %v", e, err)
				}
				if msg := checkSettlement(rr, in, rewards.PayoutReference); msg != "" {
					t.Fatalf("epoch %d (reference): %s", e, msg)
				}
			}
			st = res.State
			if res.Inference != nil {
				b := res.Inference.Bundle
				prevBundle = &b
			}
			prevTruth = truth
		}
	})
}

// FuzzDistributeShape runs rewards.DistributeTopic on a random topic and
// previous reward state (randTopic: stored fractions, τ and score
// histories, which the rewards package's own fuzz targets leave empty)
// drawn from the fuzzer's bytes, in both payout modes and under V6 and
// NEWEST defaults: typed errors, or the bounds of checkDistribution.
func FuzzDistributeShape(f *testing.F) {
	for _, s := range []string{
		"", "\x01", "\x00\x07\x06\x05" + string(bytes.Repeat([]byte("\x11\x22\x33\x44\x55\x66\x77\x88\x99"), 40)),
		"\x01\x03\x00\x02" + string(bytes.Repeat([]byte("\x0f"), 300)),
		"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x1e",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 16<<10 {
			return
		}
		r := &byteSource{b: data}
		v6 := r.IntN(2) == 1
		in, st := randTopic(r)
		for _, mode := range []rewards.PayoutMode{rewards.PayoutConserving, rewards.PayoutReference} {
			p := rewards.DefaultParams()
			if v6 {
				p = rewards.DefaultParamsV6()
			}
			p.PayoutMode = mode
			start := time.Now()
			d, err := rewards.DistributeTopic(in, st, p)
			if el := time.Since(start); el > 5*time.Second {
				t.Fatalf("DistributeTopic took %v", el)
			}
			if err != nil {
				if !typed(err) {
					t.Fatalf("untyped error %v", err)
				}
				continue
			}
			if msg := checkDistribution(d, in.Reward, mode); msg != "" {
				t.Fatalf("%s: %s", mode, msg)
			}
		}
	})
}
