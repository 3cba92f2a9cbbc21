package loss_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// sentinels are every error the package may wrap.
var sentinels = []error{
	loss.ErrUnknownMethod, loss.ErrInvalidParameter, loss.ErrMissingParameter, loss.ErrDomain,
	loss.ErrInfiniteLoss, loss.ErrValue, loss.ErrNegativeLoss, loss.ErrZeroLoss, loss.ErrOutOfBounds,
	loss.ErrLabels, loss.ErrEmpty, loss.ErrEmptyID, loss.ErrDuplicateID, loss.ErrDuplicateReputer,
	loss.ErrStake, loss.ErrZeroWeight, loss.ErrTooLarge, loss.ErrParams,
}

func requireTyped(t *testing.T, err error) {
	t.Helper()
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("untyped error: %v", err)
}

// parseList parses up to max comma-separated decimals; ok is false when one
// does not parse (the fuzz input is then uninteresting).
func parseList(s string, max int) ([]decimal.Decimal, bool) {
	if s == "" {
		return nil, true
	}
	parts := strings.Split(s, ",")
	if len(parts) > max {
		parts = parts[:max]
	}
	out := make([]decimal.Decimal, len(parts))
	for i, p := range parts {
		if len(p) > 80 { // keep every input number short
			return nil, false
		}
		v, err := decimal.NewFromString(p)
		if err != nil {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// FuzzNetworkLosses feeds hostile reports: any stakes (zero, negative,
// fractional, huge), any values (out of bounds, long), duplicate and empty
// ids. The result must be a typed error or a bundle whose every entry lies
// between the reported extremes.
func FuzzNetworkLosses(f *testing.F) {
	f.Add("1,2,3", "-1.5,2,0.25", "a,b,c", "r0,r1,r2", uint8(7))
	f.Add("400243656625780740000000,467530853454968200000000", "-3.9084867075175147,-4.1", "w0,w1", "x,y", uint8(255))
	f.Add("0", "1", "a", "r", uint8(1))
	f.Add("-5,1e31,1.5", "1e41,1e-41,0", "a,a,", "r,r", uint8(3))
	f.Add("1e500", "12345678901234567890123456789", ",b", "", uint8(0))
	f.Add("1000000000000000000000000000000", "1e40,-1e-40", "p,q", "big", uint8(42))
	f.Fuzz(func(t *testing.T, stakes, values, ids, reputers string, shape uint8) {
		ss, ok1 := parseList(stakes, 8)
		vs, ok2 := parseList(values, 16)
		if !ok1 || !ok2 || len(ss) == 0 || len(vs) == 0 {
			return
		}
		idl := strings.Split(ids, ",")
		if len(idl) > 8 {
			idl = idl[:8]
		}
		rl := strings.Split(reputers, ",")
		reports := make([]loss.Report, len(ss))
		for i := range reports {
			v := func(k int) decimal.Decimal { return vs[(i+k)%len(vs)] }
			b := loss.Bundle{Combined: v(0), Naive: v(1)}
			for j, id := range idl {
				val := loss.Value{ID: id, Value: v(j + 2)}
				if shape&1 != 0 {
					b.Inferers = append(b.Inferers, val)
				}
				if shape&2 != 0 {
					b.Forecasters = append(b.Forecasters, val)
				}
				if shape&4 != 0 {
					b.OneOutInferers = append(b.OneOutInferers, val)
				}
				if shape&8 != 0 {
					b.OneOutForecasters = append(b.OneOutForecasters, val)
				}
				if shape&16 != 0 {
					b.OneInForecasters = append(b.OneInForecasters, val)
				}
				if shape&32 != 0 {
					// A pair value is a Num: one outside the decimal
					// core's range is refused by NewNum (ErrValue) and
					// cannot reach NetworkLosses.
					n, err := loss.NewNum(v(j + 3))
					if err != nil {
						requireTyped(t, err)
						if !errors.Is(err, loss.ErrValue) {
							t.Fatalf("NewNum: %v, want ErrValue", err)
						}
						continue
					}
					b.OneOutInfererForecasters = append(b.OneOutInfererForecasters,
						loss.PairValue{Forecaster: id, Inferer: idl[(j+1)%len(idl)], Value: n})
				}
			}
			reports[i] = loss.Report{Reputer: rl[i%len(rl)] + strings.Repeat("'", i/len(rl)*int(shape>>7)), Stake: ss[i], Losses: b}
		}
		out, err := loss.NetworkLosses(reports, loss.Params{})
		if err != nil {
			requireTyped(t, err)
			return
		}
		forEachEntry(reports, out, func(name string, got decimal.Decimal, rs []decimal.Decimal) {
			if len(rs) == 0 {
				t.Fatalf("%s emitted without a report", name)
			}
			lo, hi := mustDec(rs[0]), mustDec(rs[0])
			for _, r := range rs {
				lo, hi = dec.Min(lo, mustDec(r)), dec.Max(hi, mustDec(r))
			}
			s, g := slack(rs), mustDec(got)
			if g.Cmp(lo.Sub(s)) < 0 || g.Cmp(hi.Add(s)) > 0 {
				t.Fatalf("%s = %s outside [%s, %s]", name, g, lo, hi)
			}
		})
	})
}

// FuzzGrade feeds hostile bundles and truths to Grade with every method.
func FuzzGrade(f *testing.F) {
	f.Add("sqe", "10", "9.5,9.0,9.7,10", "A,B,A", false, uint8(0))
	f.Add("bce", "1", "0.7,1.1,-0.1,0", "x,y", true, uint8(1))
	f.Add("poisson", "5", "4,0,1e300", "a", false, uint8(2))
	f.Add("zptae", "1e150", "-2e150,0", "a,b", true, uint8(3))
	f.Add("logcosh", "0", "1e-399,1e400", ",", false, uint8(4))
	f.Add("cce", "1,0,0", "0.7,0.2,0.1", "k", false, uint8(5))
	f.Fuzz(func(t *testing.T, method, truth, preds, ids string, raw bool, policy uint8) {
		ys, ok1 := parseList(truth, 4)
		ps, ok2 := parseList(preds, 12)
		if !ok1 || !ok2 || len(ps) == 0 {
			return
		}
		opts := loss.Options{}
		if loss.RequiresExplicitParameters(method) {
			opts.Std = pd("0.5")
		}
		m, err := loss.NewMethod(method, opts)
		if err != nil {
			requireTyped(t, err)
			return
		}
		n := max(len(ys), 1)
		var labels []string
		if len(ys) > 1 {
			labels = make([]string, len(ys))
			for i := range labels {
				labels[i] = string(rune('a' + i))
			}
		}
		v := func(k int) loss.Vector {
			out := make(loss.Vector, n)
			for i := range out {
				out[i] = ps[(k+i)%len(ps)]
			}
			return out
		}
		b := loss.InferenceBundle{Labels: labels, Combined: v(0), Naive: v(1)}
		for j, id := range strings.Split(ids, ",") {
			b.Inferers = append(b.Inferers, loss.VectorValue{ID: id, Values: v(j + 2)})
			b.OneOutInfererForecasters = append(b.OneOutInfererForecasters, loss.PairVector{Forecaster: "f", Inferer: id, Values: v(j + 3)})
		}
		opt := loss.GradeOptions{Raw: raw}
		if policy&1 != 0 {
			opt.ZeroLoss = loss.ZeroLossError
		}
		if policy&2 != 0 {
			opt.Reducer = loss.ReduceSum
		}
		out, err := loss.Grade(b, ys, m, opt)
		if err != nil {
			requireTyped(t, err)
			return
		}
		forEachEntry(nil, out, func(name string, v decimal.Decimal, _ []decimal.Decimal) {
			if err := loss.CheckBounds(v); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		})
	})
}

// FuzzLoss feeds any method name, parameter and arguments to NewMethod and
// Loss: typed errors, and non-negative losses where the method is.
func FuzzLoss(f *testing.F) {
	f.Add("huber", "1", "0", "2")
	f.Add(" ZTAE ", "0.02", "0.01", "0.02")
	f.Add("zptae", "1e-300", "1e100", "-1e100")
	f.Add("poisson", "1e-7", "3", "3")
	f.Add("bce", "0.5", "1", "0")
	f.Add("logcosh", "", "1e-400", "0")
	f.Add("mse", "", "1e400", "-1e400")
	f.Fuzz(func(t *testing.T, name, param, y, p string) {
		if len(y) > 80 || len(p) > 80 || len(param) > 80 {
			return
		}
		yv, err1 := decimal.NewFromString(y)
		pv, err2 := decimal.NewFromString(p)
		if err1 != nil || err2 != nil {
			return
		}
		var opts loss.Options
		if pp, err := decimal.NewFromString(param); err == nil {
			k, _ := loss.Canonical(name)
			switch k {
			case "huber":
				opts.Delta = &pp
			case "bce", "cce", "poisson":
				opts.Epsilon = &pp
			case "ztae", "zptae":
				opts.Std = &pp
			}
		}
		m, err := loss.NewMethod(name, opts)
		if err != nil {
			requireTyped(t, err)
			return
		}
		l, err := m.Loss(yv, pv)
		if err != nil {
			requireTyped(t, err)
			return
		}
		if m.NeverNegative() && l.Sign() < 0 {
			t.Fatalf("%s(%s, %s) = %s < 0", m, y, p, l)
		}
	})
}
