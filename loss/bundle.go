package loss

import "github.com/shopspring/decimal"

// Value is one scalar keyed by a worker (or reputer) id.
type Value struct {
	ID    string          `json:"id"`
	Value decimal.Decimal `json:"value"`
}

// PairValue is one scalar for a (forecaster, withheld inferer) pair: the loss
// of forecaster Forecaster's forecast-implied inference recomputed without
// inferer Inferer (or, from weights.ForecastedRegrets, a forecasted
// regret). Value is a Num, not a decimal.Decimal: these lists hold n²
// values (a report's OneOutInfererForecasters, the network losses'), and a
// Num holds its value inline (see Num). Its JSON is a decimal's.
type PairValue struct {
	Forecaster string `json:"forecaster"`
	Inferer    string `json:"inferer"`
	Value      Num    `json:"value"`
}

// Bundle holds one scalar per network quantity. It is the shape of a
// reputer's reported losses and of the stake-weighted network losses
// (the reference chain's ValueBundle). Lists are sorted by id on output
// (OneOutInfererForecasters forecaster-major, then inferer).
type Bundle struct {
	// Combined is the loss of the network combined inference I_i.
	Combined decimal.Decimal `json:"combined"`
	// Naive is the loss of the naive network inference (inferers only).
	Naive decimal.Decimal `json:"naive"`
	// Inferers holds the loss of each inferer's own inference.
	Inferers []Value `json:"inferers,omitempty"`
	// Forecasters holds the loss of each forecaster's forecast-implied
	// inference.
	Forecasters []Value `json:"forecasters,omitempty"`
	// OneOutInferers holds, per withheld inferer, the loss of the network
	// inference computed without it.
	OneOutInferers []Value `json:"one_out_inferers,omitempty"`
	// OneOutForecasters holds, per withheld forecaster, the loss of the
	// network inference computed without it.
	OneOutForecasters []Value `json:"one_out_forecasters,omitempty"`
	// OneInForecasters holds, per forecaster, the loss of the naive network
	// inference plus only that forecaster.
	OneInForecasters []Value `json:"one_in_forecasters,omitempty"`
	// OneOutInfererForecasters holds the loss of each forecaster's
	// forecast-implied inference recomputed without one inferer.
	OneOutInfererForecasters []PairValue `json:"one_out_inferer_forecasters,omitempty"`
}

// Vector holds one value per label, in label-registry order. Single-output
// topics use vectors of length 1.
type Vector []decimal.Decimal

// VectorValue is one label vector keyed by a worker id.
type VectorValue struct {
	ID     string `json:"id"`
	Values Vector `json:"values"`
}

// PairVector is one label vector for a (forecaster, withheld inferer) pair.
type PairVector struct {
	Forecaster string `json:"forecaster"`
	Inferer    string `json:"inferer"`
	Values     Vector `json:"values"`
}

// InferenceBundle holds the network inferences of one epoch, one label
// vector per quantity (the reference chain's NetworkInferenceBundle). It is
// produced by package weights at inference time and graded by reputers with
// Grade; it lives here because both sides need it and every package imports
// loss.
type InferenceBundle struct {
	// Labels names the labels in registry order; nil means one label "y".
	Labels []string `json:"labels,omitempty"`
	// Combined is the network combined inference I_i.
	Combined Vector `json:"combined"`
	// Naive is the naive network inference (inferers only).
	Naive Vector `json:"naive"`
	// Inferers repeats each inferer's own inference.
	Inferers []VectorValue `json:"inferers,omitempty"`
	// Forecasters holds each forecaster's forecast-implied inference.
	Forecasters []VectorValue `json:"forecasters,omitempty"`
	// OneOutInferers holds, per withheld inferer, the network inference
	// without it.
	OneOutInferers []VectorValue `json:"one_out_inferers,omitempty"`
	// OneOutForecasters holds, per withheld forecaster, the network
	// inference without it.
	OneOutForecasters []VectorValue `json:"one_out_forecasters,omitempty"`
	// OneInForecasters holds, per forecaster, the naive inference plus that
	// forecaster only.
	OneInForecasters []VectorValue `json:"one_in_forecasters,omitempty"`
	// OneOutInfererForecasters holds each forecaster's forecast-implied
	// inference recomputed without one inferer.
	OneOutInfererForecasters []PairVector `json:"one_out_inferer_forecasters,omitempty"`
}

// Report is one reputer's submission for an epoch: its stake (an integer
// amount of token base units) and its reported losses.
type Report struct {
	Reputer string          `json:"reputer"`
	Stake   decimal.Decimal `json:"stake"`
	Losses  Bundle          `json:"losses"`
}
