package sim

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/netmath/netmath/internal/conform"
	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/rewards/settle"
)

// Extra state columns the simulator appends after the reference scheme's
// columns. The reference files lack them; the conformance runner needs
// them because the simulated topic starts with every worker new and its
// initial regret (and NEWEST regret scale) change at each settlement.
const (
	// ColInitialRegret is State.Regrets.InitialRegret after the row's
	// epoch: the regret the next epoch assumes for a worker without one.
	ColInitialRegret = "initial_regret"
	// ColRegretScale is State.Regrets.Scale after the row's epoch: the
	// stored NEWEST regret scale s* (0 = unset, under V6 and Intermediate).
	ColRegretScale = "regret_scale"
)

// Columns returns the header of a simulator CSV of shape s: the reference
// scheme's columns (scheme.Shape.Columns) followed by ColInitialRegret and
// ColRegretScale.
func Columns(s scheme.Shape) []string {
	return append(s.Columns(), ColInitialRegret, ColRegretScale)
}

// CSVWriter writes settlements as rows of the reference simulator's CSV
// scheme: "epoch", "target" (the ground truth), the inputs
// (conform.Codec.InputValues) and every result column (conform.Codec.Values)
// in the header order of Columns, numbers in the canonical text of the
// decimal core (dec.Dec.String). A column the epoch does not determine (the
// settlement columns of the first epoch) is left empty.
type CSVWriter struct {
	w     *csv.Writer
	codec conform.Codec
	cols  []string
	pos   map[string]int
	row   []string
	// unknown counts values whose column is not in the header (a codec
	// and scheme mismatch; always 0 when they agree).
	unknown int
}

// NewCSVWriter writes the header of shape s to w and returns the writer.
func NewCSVWriter(w io.Writer, s scheme.Shape) (*CSVWriter, error) {
	if s.Labels != 0 {
		return nil, fmt.Errorf("sim: multi-label CSV is not supported")
	}
	c := &CSVWriter{w: csv.NewWriter(w), codec: conform.NewCodec(s), cols: Columns(s)}
	c.pos = make(map[string]int, len(c.cols))
	for i, col := range c.cols {
		c.pos[col] = i
	}
	c.row = make([]string, len(c.cols))
	return c, c.w.Write(c.cols)
}

// Write writes the row of one epoch: truth is the epoch's ground truth and
// res = settle.Epoch(prev, in, ·).
func (c *CSVWriter) Write(truth dec.Dec, prev settle.State, in settle.Input, res settle.Result) error {
	clear(c.row)
	set := func(col string, v dec.Dec) {
		if i, ok := c.pos[col]; ok {
			c.row[i] = v.String()
		} else {
			c.unknown++
		}
	}
	c.row[c.pos[scheme.Epoch]] = strconv.FormatInt(res.Epoch, 10)
	set(scheme.Target, truth)
	c.codec.InputValues(in, set)
	c.codec.Values(prev, in, res, set)
	for _, x := range []struct {
		col string
		v   decimal
	}{{ColInitialRegret, res.State.Regrets.InitialRegret}, {ColRegretScale, res.State.Regrets.Scale}} {
		d, err := dec.FromDecimal(x.v)
		if err != nil {
			return fmt.Errorf("%s: %w", x.col, err)
		}
		set(x.col, d)
	}
	if err := c.w.Write(c.row); err != nil {
		return err
	}
	return nil
}

// Flush writes any buffered data and reports a write error.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
