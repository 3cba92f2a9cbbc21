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

// State columns that files may append to the reference scheme (the
// simulator in internal/sim does): the topic's regret state after the row's
// epoch, which the reference files do not hold. When a row has them, the
// runner takes the next epoch's initial regret and stored regret scale
// from them and compares them as outputs.
const (
	// ColInitialRegret is State.Regrets.InitialRegret after the epoch.
	ColInitialRegret = "initial_regret"
	// ColRegretScale is State.Regrets.Scale after the epoch (0 = unset).
	ColRegretScale = "regret_scale"
)
