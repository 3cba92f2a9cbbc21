package weights

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/rules"
	"github.com/shopspring/decimal"
)

// RuleSet selects the protocol rules (re-exported from internal/rules so one
// value selects the same rules in every package).
type RuleSet = rules.RuleSet

// The rule sets. See doc.go for what each changes in this package.
const (
	V6           = rules.V6
	Intermediate = rules.Intermediate
	Newest       = rules.Newest
)

// Bounds on the input. The synthesis cost grows with the number of
// inferers n, forecasters F and labels L (see doc.go, "Cost"), so inputs
// beyond these bounds are rejected with ErrTooLarge.
const (
	// MaxWorkers bounds the number of inferences and the number of forecasts
	// (the same bound as regret.MaxWorkers).
	MaxWorkers = 1024
	// MaxLabels bounds the label registry of a multi-label topic.
	MaxLabels = 256
)

// Params are the topic and module parameters of one synthesis.
type Params struct {
	// RuleSet selects the weight rule and the structural rules that changed
	// between chain versions (doc.go, "Rule sets").
	RuleSet RuleSet `json:"rule_set"`
	// PNorm is the topic's p, 2.5 <= p <= 4.5 (spec §11).
	PNorm decimal.Decimal `json:"p_norm"`
	// CNorm is c > 0 (a module parameter in V6, a topic field in NEWEST).
	CNorm decimal.Decimal `json:"c_norm"`
	// Epsilon is the topic's ε > 0, added to every per-call regret scale
	// ((15), (20)).
	Epsilon decimal.Decimal `json:"epsilon"`
	// EpsilonSafeDiv is ε_div > 0, the floor of the weight sum in (23).
	EpsilonSafeDiv decimal.Decimal `json:"epsilon_safe_div"`
	// Digits is the number of significant digits of rounded operations
	// (0 = 34, the reference).
	Digits int `json:"digits,omitempty"`
	// Rounding is the rounding mode name ("" = "down", the reference).
	Rounding string `json:"rounding,omitempty"`
}

// DefaultParams returns the NEWEST rules with the reference test topic:
// p = 3, c = 0.75, ε = 0.01, ε_div = 1e-7, 34 digits, truncation. (p and ε
// are topic fields without a chain default; these are the values of the
// reference chain's test topic, and c and ε_div are the module defaults.)
func DefaultParams() Params {
	return Params{
		RuleSet:        Newest,
		PNorm:          decimal.New(3, 0),
		CNorm:          decimal.New(75, -2),
		Epsilon:        decimal.New(1, -2),
		EpsilonSafeDiv: decimal.New(1, -7),
	}
}

// DefaultParamsV6 returns DefaultParams with the V6 rule set (the
// inference_oct2024 fixture's parameters).
func DefaultParamsV6() Params {
	p := DefaultParams()
	p.RuleSet = V6
	return p
}

// DefaultParamsIntermediate returns DefaultParams with the Intermediate rule
// set (the changed rows of the inference_latest fixture).
func DefaultParamsIntermediate() Params {
	p := DefaultParams()
	p.RuleSet = Intermediate
	return p
}

// Validate checks every field; errors wrap ErrInvalidParams.
func (p Params) Validate() error {
	_, err := p.compile()
	return err
}

// params is Params in the decimal core's types, with the derived constants.
type params struct {
	rule              RuleSet
	ctx               dec.Context
	p, c, eps, epsDiv dec.Dec
	// V6 thresholds of §4.2: U = c + 6.75/p, T = c − 8.25/p, Z = c − 17.25/p.
	capU, anchorT, cutZ dec.Dec
}

func (p Params) compile() (params, error) {
	var cp params
	if err := p.RuleSet.Validate(); err != nil {
		return cp, fmt.Errorf("%w: %w", ErrInvalidParams, err)
	}
	cp.rule = p.RuleSet
	ctx, err := dec.ContextFor(p.Digits, p.Rounding)
	if err != nil {
		return cp, fmt.Errorf("%w: digits/rounding: %w", ErrInvalidParams, err)
	}
	if p.RuleSet != V6 {
		// The newest chain's own Exp (and so Exp1DivExp1) rounds half-even
		// to 36 digits, then to 34 (dec.ExpNewest); V6 used apd's Exp.
		ctx = ctx.WithExpRule(dec.ExpNewest)
	}
	cp.ctx = ctx
	conv := func(name string, d decimal.Decimal) (dec.Dec, error) {
		v, err := dec.FromDecimal(d)
		if err != nil {
			return dec.Dec{}, fmt.Errorf("%w: %s: %w", ErrInvalidParams, name, err)
		}
		return v, nil
	}
	if cp.p, err = conv("p_norm", p.PNorm); err != nil {
		return cp, err
	}
	if cp.p.Cmp(dec.New(25, -1)) < 0 || cp.p.Cmp(dec.New(45, -1)) > 0 {
		return cp, fmt.Errorf("%w: p_norm %s outside [2.5, 4.5]", ErrInvalidParams, cp.p)
	}
	if cp.c, err = conv("c_norm", p.CNorm); err != nil {
		return cp, err
	}
	if cp.c.Sign() <= 0 {
		return cp, fmt.Errorf("%w: c_norm %s must be > 0", ErrInvalidParams, cp.c)
	}
	if cp.eps, err = conv("epsilon", p.Epsilon); err != nil {
		return cp, err
	}
	if cp.eps.Sign() <= 0 {
		return cp, fmt.Errorf("%w: epsilon %s must be > 0", ErrInvalidParams, cp.eps)
	}
	if cp.epsDiv, err = conv("epsilon_safe_div", p.EpsilonSafeDiv); err != nil {
		return cp, err
	}
	if cp.epsDiv.Sign() <= 0 {
		return cp, fmt.Errorf("%w: epsilon_safe_div %s must be > 0", ErrInvalidParams, cp.epsDiv)
	}
	m := dec.NewCalc(ctx)
	cp.capU = cp.c.Add(m.Quo(dec.New(675, -2), cp.p))
	cp.anchorT = cp.c.Sub(m.Quo(dec.New(825, -2), cp.p))
	cp.cutZ = cp.c.Sub(m.Quo(dec.New(1725, -2), cp.p))
	if err := m.Err(); err != nil {
		return cp, fmt.Errorf("%w: thresholds: %w", ErrInvalidParams, err)
	}
	return cp, nil
}
