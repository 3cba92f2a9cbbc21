package weights

import (
	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// Case names the branch of the top-level case split (§2.1) a synthesis took.
type Case string

const (
	// CaseSingle: exactly one inference; combined = naive = that inference,
	// nothing else is computed.
	CaseSingle Case = "single"
	// CaseMedian (V6 only): at least two inferences and no previous loss;
	// combined = the per-label median of the inferences, naive = 0.
	CaseMedian Case = "median"
	// CaseInferersOnly (Intermediate, Newest): at least two inferences and
	// no previous loss; no forecast-implied inference, combined, naive and
	// one-out-inferer values over the inferers only.
	CaseInferersOnly Case = "inferers_only"
	// CaseFull: at least two inferences and a previous loss; every quantity
	// of §5.
	CaseFull Case = "full"
)

// ErrorBar is one weighted percentile of the network inference (30), per
// label.
type ErrorBar struct {
	// Percentile is the percentage (2.28, 15.87, 50, 84.13 or 97.72).
	Percentile decimal.Decimal `json:"percentile"`
	// Values holds the percentile per label, in registry order.
	Values loss.Vector `json:"values"`
}

// Result is the output of one synthesis.
type Result struct {
	// Case is the branch of §2.1 that was taken.
	Case Case `json:"case"`
	// AllNew reports the all-new mode A (initial regret exactly 0): medians
	// for forecast-implied inferences and plain means for every network
	// inference (§3, §4.4).
	AllNew bool `json:"all_new"`
	// Bundle holds every network inference: combined (24), naive (25),
	// inferer values, forecast-implied values (11)–(14), one-out inferer
	// (26), one-out forecaster (27), one-in forecaster (28) and
	// one-out-inferer forecast-implied values (29). Lists are sorted by id;
	// OneOutInfererForecasters is forecaster-major, then inferer.
	Bundle loss.InferenceBundle `json:"bundle"`
	// InfererWeights and ForecasterWeights are the weights of the combined
	// inference (24) per worker: V6 the raw clipped φ' weights, Intermediate
	// and Newest the relative weights (maximum 1). Empty in CaseSingle and
	// CaseMedian. Forecasters without a forecast-implied inference have no
	// weight.
	InfererWeights    []loss.Value `json:"inferer_weights,omitempty"`
	ForecasterWeights []loss.Value `json:"forecaster_weights,omitempty"`
	// ErrorBars are the weighted percentiles (30) of the inferences and
	// forecast-implied inferences under the weights of (24), in the order
	// 2.28, 15.87, 50, 84.13, 97.72. Empty when there are no weights.
	ErrorBars []ErrorBar `json:"error_bars,omitempty"`
}

// ErrorBarPercentiles returns the percentages of the error bars (30): the
// normal distribution's ±1σ and ±2σ points and the median.
func ErrorBarPercentiles() []decimal.Decimal {
	return []decimal.Decimal{
		decimal.New(228, -2), decimal.New(1587, -2), decimal.New(50, 0),
		decimal.New(8413, -2), decimal.New(9772, -2),
	}
}

// toVector converts v to a loss.Vector. The vectors of one synthesis are
// cut from shared backing arrays (each capped at its own length, so an
// append by the caller copies instead of overwriting a neighbour): one
// allocation per few thousand values instead of one per vector.
func (s *synth) toVector(v []dec.Dec) loss.Vector {
	out := s.outSlab.cut(len(v))
	for i, d := range v {
		out[i] = s.conv.Decimal(d)
	}
	return out
}

// vec returns a zeroed []dec.Dec of length n cut from a shared backing
// array, for values that live until the end of the synthesis (or, while
// vecScratch is set, the scratch vector).
func (s *synth) vec(n int) []dec.Dec {
	if s.vecScratch {
		// Valid until the next call: the caller copies the value first
		// (forecastImpliedAll into its table).
		v := grow(&s.scratchVec, n)
		clear(v)
		return v
	}
	return s.decSlab.cut(n)
}

// slab hands out slices cut from shared backing arrays, each capped at its
// own length (an append by the caller copies instead of overwriting a
// neighbour). The arrays hold 16 elements first, doubling up to 4096, so
// that a small synthesis allocates little and a large one few times.
type slab[T any] struct {
	free  []T
	chunk int
}

// cut returns a zeroed slice of length n.
func (b *slab[T]) cut(n int) []T {
	if len(b.free) < n {
		b.chunk = min(max(2*b.chunk, 16), 4096)
		b.free = make([]T, max(n, b.chunk))
	}
	out := b.free[:n:n]
	b.free = b.free[n:]
	return out
}
