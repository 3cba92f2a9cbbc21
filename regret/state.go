package regret

import (
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// Pair is a regret stored for a worker inside a variant network: the
// network without a withheld worker (one-out) or the naive network plus one
// forecaster (one-in). Network names that worker.
type Pair struct {
	Network string   `json:"network"`
	Worker  string   `json:"worker"`
	Value   loss.Num `json:"value"`
}

// State is a topic's regret state after a settlement: every regret store of
// the protocol, the topic's initial regret for new workers and the stored
// regret scale. It is the input of the next epoch's synthesis (package
// weights) and of the next regret update. Lists are sorted by (Network,
// Worker) or by ID.
type State struct {
	// Inferers holds R_{i,j}, the regret of each inferer in the full network.
	Inferers []loss.Value `json:"inferers,omitempty"`
	// Forecasters holds R_{i,k}, the regret of each forecaster.
	Forecasters []loss.Value `json:"forecasters,omitempty"`
	// Naive holds R⁻_{i,j}, each inferer's regret in the naive network.
	Naive []loss.Value `json:"naive,omitempty"`
	// OneOutInfererInferers holds R⁻_{j',j}: Network = withheld inferer j',
	// Worker = inferer j.
	OneOutInfererInferers []Pair `json:"one_out_inferer_inferers,omitempty"`
	// OneOutInfererForecasters holds R⁻_{j',k}: Network = withheld inferer
	// j', Worker = forecaster k.
	OneOutInfererForecasters []Pair `json:"one_out_inferer_forecasters,omitempty"`
	// OneOutForecasterInferers holds R⁻_{k',j}: Network = withheld
	// forecaster k', Worker = inferer j.
	OneOutForecasterInferers []Pair `json:"one_out_forecaster_inferers,omitempty"`
	// OneOutForecasterForecasters holds R⁻_{k',k}: Network = withheld
	// forecaster k', Worker = forecaster k.
	OneOutForecasterForecasters []Pair `json:"one_out_forecaster_forecasters,omitempty"`
	// OneInInferers holds R⁺_{k,j}: Network = forecaster k, Worker =
	// inferer j.
	OneInInferers []Pair `json:"one_in_inferers,omitempty"`
	// OneInForecasters holds R⁺_{k,k}, each forecaster's regret in its own
	// one-in network.
	OneInForecasters []loss.Value `json:"one_in_forecasters,omitempty"`
	// InitialRegret is the regret assumed for a worker with no stored
	// regret. Zero means "all workers are new" (synthesis then uses the
	// all-new rules).
	InitialRegret decimal.Decimal `json:"initial_regret"`
	// Scale is the stored topic regret scale s* (NEWEST rules); zero means
	// unset. Update stores |1.4826·MAD| + ε >= ε > 0 under NEWEST and zero
	// under V6 and Intermediate (see doc.go, "The regret scale").
	Scale decimal.Decimal `json:"scale"`
}

// Validate checks a State as Update reads it: non-empty ids, no repeated id
// (or (Network, Worker) pair) within a store, every number inside the
// decimal core's range, a non-negative Scale, every store within
// MaxStateEntries. Lists need not be sorted. Errors wrap ErrEmptyID,
// ErrDuplicateID, ErrInvalidValue or ErrTooLarge.
func (s State) Validate() error {
	_, err := parseState("state", s, true)
	return err
}
