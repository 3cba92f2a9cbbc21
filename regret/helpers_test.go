package regret

import (
	"testing"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// d parses a decimal literal (tests only).
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// n returns s as a Num (a pair loss or regret).
func n(s string) loss.Num { return loss.MustNum(d(s)) }

func val(id, v string) loss.Value { return loss.Value{ID: id, Value: d(v)} }

func pair(net, worker, v string) Pair {
	return Pair{Network: net, Worker: worker, Value: loss.MustNum(d(v))}
}

// requireDec compares decimals by value.
func requireDec(t *testing.T, want string, got decimal.Decimal, msg string) {
	t.Helper()
	if !got.Equal(d(want)) {
		t.Errorf("%s: got %s, want %s", msg, got, want)
	}
}

func findValue(vs []loss.Value, id string) (decimal.Decimal, bool) {
	for _, v := range vs {
		if v.ID == id {
			return v.Value, true
		}
	}
	return decimal.Decimal{}, false
}

func findPair(ps []Pair, net, worker string) (decimal.Decimal, bool) {
	for _, p := range ps {
		if p.Network == net && p.Worker == worker {
			return p.Value.Decimal(), true
		}
	}
	return decimal.Decimal{}, false
}
