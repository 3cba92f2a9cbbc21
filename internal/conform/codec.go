// Package conform maps between the reference simulator's CSV rows
// (internal/scheme names the columns) and the settlement's State, Input and
// Result (package rewards/settle), for the conformance runner, the fixture
// tests and the simulator's CSV writer.
//
// Row timing (fixtures README §2.2): row e holds epoch e's inferences and
// forecasts, the reputers' losses and stakes of the settlement done at e, and
// every output of both. State(e−1 rows) + Input(row e) → settle.Epoch →
// Values(result) reproduces row e.
//
// Ids: inferer j is "i" + j, forecaster k is "f" + k and reputer r is "r" +
// r, zero-padded to a common width so that byte-wise id order equals index
// order (the reference stores per-epoch score lists in address order, and the
// score-normalisation sample depends on that order).
//
// Units: stakes and rewards in the files are in whole tokens with decimals;
// the codec multiplies stakes by 10^18 and truncates them to integers (as the
// reference tests do) and carries topic rewards in base units (× 10^18,
// exact); Values divides reward amounts back (exact).
package conform

import (
	"fmt"
	"strconv"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
)

// TokenExp is the base-10 exponent of one token in base units.
const TokenExp = 18

// Codec maps the columns of one file shape to settlement values.
type Codec struct {
	Shape scheme.Shape
	width int
}

// NewCodec returns the codec of a shape.
func NewCodec(s scheme.Shape) Codec {
	n := max(s.Inferers, s.Forecasters, s.Reputers, 1)
	return Codec{Shape: s, width: len(strconv.Itoa(n - 1))}
}

func (c Codec) id(prefix string, i int) string {
	return fmt.Sprintf("%s%0*d", prefix, c.width, i)
}

// InfererID returns the id of inferer j.
func (c Codec) InfererID(j int) string { return c.id("i", j) }

// ForecasterID returns the id of forecaster k.
func (c Codec) ForecasterID(k int) string { return c.id("f", k) }

// ReputerID returns the id of reputer r.
func (c Codec) ReputerID(r int) string { return c.id("r", r) }

// WorkerID returns the id of all-worker index w (inferer w < N, forecaster
// w − N otherwise).
func (c Codec) WorkerID(w int) string {
	if w < c.Shape.Inferers {
		return c.InfererID(w)
	}
	return c.ForecasterID(w - c.Shape.Inferers)
}

// Getter reads one numeric column of a row; ok is false when the column is
// absent or empty.
type Getter func(col string) (d dec.Dec, ok bool, err error)

// Setter records one computed column value.
type Setter func(col string, v dec.Dec)
