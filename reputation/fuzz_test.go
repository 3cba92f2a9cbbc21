package reputation

import (
	"errors"
	"fmt"
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// sentinels are the package's errors; every error an entry point returns
// must wrap one of them.
var sentinels = []error{ErrInvalidParams, ErrEmpty, ErrEmptyID, ErrDuplicateID, ErrStake,
	ErrZeroListenedStake, ErrZeroConsensusWeight, ErrPairing, ErrInvalidValue, ErrTooLarge,
	ErrAlreadyActive, ErrEMAAlreadyUpdated, ErrLowestNotActive, ErrEpochs}

func checkTyped(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("untyped error: %v", err)
}

// byteReader decodes fuzz input into small numbers.
type byteReader struct{ b []byte }

func (r *byteReader) next() int {
	if len(r.b) == 0 {
		return 0
	}
	v := int(r.b[0])
	r.b = r.b[1:]
	return v
}

// dec draws a decimal: a signed 16-bit coefficient and an exponent in
// [-20, 7], with rare extreme exponents.
func (r *byteReader) dec() decimal.Decimal {
	c := int64(int16(r.next()<<8 | r.next()))
	e := int32(r.next()%28) - 20
	if r.next() == 255 {
		e = int32(r.next()%2)*1000 - 500
	}
	return decimal.New(c, e)
}

// pairNum returns d as a pair value; one outside the decimal core's range
// cannot be a Num: NewNum must refuse it (loss.ErrValue), and the pair
// reports 0 instead.
func pairNum(t interface{ Fatalf(string, ...any) }, d decimal.Decimal) loss.Num {
	n, err := loss.NewNum(d)
	if err != nil {
		if !errors.Is(err, loss.ErrValue) {
			t.Fatalf("NewNum: %v, want loss.ErrValue", err)
		}
		return loss.Num{}
	}
	return n
}

// FuzzScoreReputers decodes up to 4 reports over up to 3 inferers and 2
// forecasters (entries omitted at random, stakes possibly zero or negative)
// and checks that ScoreReputers returns a typed error or sorted outputs.
func FuzzScoreReputers(f *testing.F) {
	f.Add([]byte{2, 1, 0, 10, 1, 200, 5, 3, 9, 0, 0, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{1, 0, 0, 0, 0, 0})
	f.Add([]byte{4, 3, 2, 255, 255, 255, 255, 1, 128, 0, 5, 77, 13, 200, 1, 1, 1, 1, 9, 9, 9, 9, 0, 0, 0, 3})
	f.Add([]byte{3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	// Complete bundles under the Gram evaluation.
	f.Add([]byte{2, 1, 0, 0, 1, 0, 2, 0, 3, 1, 0, 9, 1, 1, 7, 1, 0, 1, 2, 0, 0, 2, 0, 1, 1, 7, 200, 1, 2, 3, 9, 0, 1, 1})
	f.Add([]byte{3, 2, 1, 0, 5, 0, 6, 0, 7, 0, 1, 0, 3, 0, 9, 0, 1, 1, 0, 2, 1, 0, 4, 1, 2, 0, 3, 1, 0, 5, 0, 6, 0, 7, 0, 1, 0, 3, 0, 9, 0, 1, 1, 0, 2, 1, 0, 4, 1, 2, 0, 3, 1, 0, 5, 0, 6, 0, 7, 0, 1, 0, 3, 0, 9, 0, 1, 1, 0, 2, 1, 0, 4, 1, 2, 0, 3, 1, 1, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{data}
		R := 1 + r.next()%4
		nInf, nFc := r.next()%4, r.next()%3
		var reports []loss.Report
		var coefs []loss.Value
		for m := 0; m < R; m++ {
			id := fmt.Sprintf("r%d", r.next()%6)
			b := loss.Bundle{Combined: r.dec(), Naive: r.dec()}
			for j := 0; j < nInf; j++ {
				if r.next()%4 != 0 {
					b.Inferers = append(b.Inferers, loss.Value{ID: fmt.Sprintf("i%d", j), Value: r.dec()})
				}
			}
			for k := 0; k < nFc; k++ {
				if r.next()%4 != 0 {
					b.OneInForecasters = append(b.OneInForecasters, loss.Value{ID: fmt.Sprintf("f%d", k), Value: r.dec()})
					b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairValue{Forecaster: fmt.Sprintf("f%d", k), Inferer: "i0", Value: pairNum(t, r.dec())})
				}
			}
			stake := decimal.NewFromInt(int64(r.next()) - 8)
			reports = append(reports, loss.Report{Reputer: id, Stake: stake, Losses: b})
			if r.next()%3 != 0 {
				coefs = append(coefs, loss.Value{ID: id, Value: decimal.New(int64(r.next()*4), -3)})
			}
		}
		p := DefaultParamsV6()
		if r.next()%2 == 1 {
			p = DefaultParams()
		}
		p.GradientDescentMaxIters = 1 + r.next()%3
		if r.next()%2 == 1 {
			p.ListeningEvaluation = EvaluationGram
		}
		res, err := ScoreReputers(reports, coefs, p)
		checkTyped(t, err)
		if err == nil {
			for i := 1; i < len(res.Reputers); i++ {
				if res.Reputers[i-1].Reputer >= res.Reputers[i].Reputer {
					t.Fatal("not sorted")
				}
			}
		}
		_, err = CompleteLosses(reports)
		checkTyped(t, err)
	})
}

// FuzzScoreWorkers decodes a network-loss bundle (lists may disagree) and
// checks both pairing modes.
func FuzzScoreWorkers(f *testing.F) {
	f.Add([]byte{3, 2, 1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add([]byte{1, 1, 0})
	f.Add([]byte{0, 3, 3, 255, 1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{data}
		nl := loss.Bundle{Combined: r.dec(), Naive: r.dec()}
		for j, n := 0, r.next()%4; j < n; j++ {
			id := fmt.Sprintf("i%d", r.next()%4)
			nl.Inferers = append(nl.Inferers, loss.Value{ID: id, Value: r.dec()})
			nl.OneOutInferers = append(nl.OneOutInferers, loss.Value{ID: id, Value: r.dec()})
		}
		for k, n := 0, r.next()%4; k < n; k++ {
			nl.Forecasters = append(nl.Forecasters, loss.Value{ID: fmt.Sprintf("f%d", k), Value: r.dec()})
			nl.OneOutForecasters = append(nl.OneOutForecasters, loss.Value{ID: fmt.Sprintf("f%d", r.next()%4), Value: r.dec()})
			nl.OneInForecasters = append(nl.OneInForecasters, loss.Value{ID: fmt.Sprintf("f%d", r.next()%4), Value: r.dec()})
		}
		for _, mode := range []string{PairByID, PairByPosition} {
			p := DefaultParams()
			p.ForecasterPairing = mode
			_, err := ScoreWorkers(nl, p)
			checkTyped(t, err)
		}
	})
}

// FuzzSortition decodes EMA records, an active set and a submission and
// checks Admit (both rule sets) and SelectTop.
func FuzzSortition(f *testing.F) {
	f.Add([]byte{3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{9, 2, 255, 255, 0, 1, 0, 1, 0, 1, 50, 60, 70})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{data}
		var emas []EMAScore
		var cands []loss.Value
		for i, n := 0, r.next()%8; i < n; i++ {
			id := fmt.Sprintf("a%d", r.next()%8)
			s := r.dec()
			emas = append(emas, EMAScore{ID: id, Score: s, BlockHeight: int64(r.next() % 20)})
			cands = append(cands, loss.Value{ID: id, Value: s})
		}
		var members []string
		for i, n := 0, r.next()%5; i < n; i++ {
			members = append(members, fmt.Sprintf("a%d", r.next()%8))
		}
		sub := Submission{Class: Class(r.next() % 3), Actor: fmt.Sprintf("a%d", r.next()%9), Nonce: int64(r.next() % 25),
			Set: ActiveSet{Members: members}, EMAs: emas, Quantile: r.dec(), InitialEMA: r.dec(),
			Epochs: Epochs{EpochLastEnded: int64(r.next()), EpochLength: int64(r.next() % 5), GroundTruthLag: int64(r.next() % 5)}}
		if r.next()%2 == 1 && len(emas) > 0 {
			l := emas[0]
			sub.Set.Lowest = &l
		}
		for _, p := range []Params{DefaultParamsV6(), DefaultParams()} {
			p.MaxTopInferersToReward, p.MaxTopForecastersToReward, p.MaxTopReputersToReward = 1+r.next()%4, 1+r.next()%4, 1+r.next()%4
			ad, err := Admit(sub, p)
			checkTyped(t, err)
			if err == nil && ad.Admitted && ad.Evicted == "" && len(ad.Set.Members) != len(dedupe(members))+1 {
				t.Fatalf("admitted without growing the set: %+v", ad)
			}
		}
		top, err := SelectTop(r.next()%6, cands)
		checkTyped(t, err)
		for i := 1; err == nil && i < len(top); i++ {
			if top[i-1].Value.LessThan(top[i].Value) {
				t.Fatal("not ranked")
			}
		}
	})
}

func dedupe(ids []string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}
