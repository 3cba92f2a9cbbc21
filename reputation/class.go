package reputation

import "fmt"

// Class is one of the three actor classes that carry EMA scores, topic
// quantiles and active sets.
type Class int

// The actor classes.
const (
	Inferer Class = iota
	Forecaster
	Reputer
	numClasses
)

// String returns "inferer", "forecaster" or "reputer".
func (c Class) String() string {
	switch c {
	case Inferer:
		return "inferer"
	case Forecaster:
		return "forecaster"
	case Reputer:
		return "reputer"
	}
	return fmt.Sprintf("Class(%d)", int(c))
}

func (c Class) valid() bool { return c >= Inferer && c < numClasses }
