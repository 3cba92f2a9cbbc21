package weights

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/num"
	"github.com/netmath/netmath/loss"
)

// ForecastedRegrets returns the forecasted regrets (13)
//
//	R_ijk = L_{i−1} − L_ijk
//
// of every forecast element that (11) keeps (elements naming an inferer
// with an inference), forecaster-major, then inferer, both in id order. The
// differences are exact, each returned as a loss.Num (the n²-sized
// list's value type). They are the regrets from which the forecast-implied
// inferences are weighted (§3). Without a previous loss there are none
// (nil). The input is validated as by Synthesize (same errors); a
// difference outside the decimal core's range (a previous loss and a
// forecast near opposite ends of the range, such as 9e400 and −9e400;
// a Num cannot hold it) is an error wrapping ErrArithmetic and
// dec.ErrRange, where Synthesize, which does not need the difference
// itself, may succeed.
func ForecastedRegrets(in Input) ([]loss.PairValue, error) {
	e, err := prepare(in)
	if err != nil {
		return nil, err
	}
	if !e.hasLoss {
		return nil, nil
	}
	var out []loss.PairValue
	byInferer := make([]int, len(e.inf)) // position+1 of each inferer's element
	for _, f := range e.fc {
		clear(byInferer)
		for i, x := range f.el {
			byInferer[x.j] = i + 1
		}
		for j, pos := range byInferer {
			if pos == 0 {
				continue
			}
			r := e.loss.Sub(e.lossOf(f.el[pos-1]))
			if !r.InRange() {
				return nil, fmt.Errorf("%w: forecasted regret of (%q, %q): %w", ErrArithmetic, f.id, e.inf[j], dec.ErrRange)
			}
			out = append(out, loss.PairValue{Forecaster: f.id, Inferer: e.inf[j], Value: num.Of(r)})
		}
	}
	return out, nil
}
