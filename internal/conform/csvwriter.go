package conform

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/rewards/settle"
)

// CSVWriter writes settled epochs as rows of the simulator's CSV format:
// the header of the codec's shape (scheme.Shape.Columns), then one row per
// epoch with the epoch number, the input columns (InputValues) and every
// output column (Values). Columns the settlement does not determine
// (time, target) are left empty; values are written in the decimal core's
// canonical text, so a file written here reproduces exactly.
type CSVWriter struct {
	c      Codec
	w      *csv.Writer
	index  map[string]int
	row    []string
	states bool
}

// NewCSVWriter writes the header to w. With stateColumns the header ends
// with ColInitialRegret and ColRegretScale, which carry the regret state
// after each epoch (as internal/sim's writer does).
func NewCSVWriter(w io.Writer, c Codec, stateColumns bool) (*CSVWriter, error) {
	cols := c.Shape.Columns()
	if stateColumns {
		cols = append(cols, ColInitialRegret, ColRegretScale)
	}
	cw := &CSVWriter{c: c, w: csv.NewWriter(w), index: make(map[string]int, len(cols)), row: make([]string, len(cols)), states: stateColumns}
	for i, h := range cols {
		cw.index[h] = i
	}
	return cw, cw.w.Write(cols)
}

// Write writes one settled epoch: prev and in are the arguments of the
// settle.Epoch call that returned res.
func (cw *CSVWriter) Write(prev settle.State, in settle.Input, res settle.Result) error {
	clear(cw.row)
	set := func(col string, v dec.Dec) {
		if i, ok := cw.index[col]; ok {
			cw.row[i] = v.String()
		}
	}
	cw.row[cw.index[scheme.Epoch]] = strconv.FormatInt(in.Epoch, 10)
	cw.c.InputValues(in, set)
	cw.c.Values(prev, in, res, set)
	if cw.states {
		set(ColInitialRegret, d(res.State.Regrets.InitialRegret))
		set(ColRegretScale, d(res.State.Regrets.Scale))
	}
	return cw.w.Write(cw.row)
}

// Flush writes any buffered data and returns the first write error.
func (cw *CSVWriter) Flush() error {
	cw.w.Flush()
	return cw.w.Error()
}
