package loss

import (
	"errors"
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// Options holds the optional parameters of a loss method (spec
// loss_methods.md §3). A nil pointer means "not given" (the method's
// default applies), so a zero is always distinguishable from unset. Giving
// a parameter the method does not use is an error, so a misspelt
// configuration cannot be silently ignored.
type Options struct {
	// Delta is huber's δ (default 1; must be > 0).
	Delta *decimal.Decimal `json:"delta,omitempty"`
	// Epsilon is the clamp of bce (default 1e-15, 0 < ε <= 0.5), cce
	// (default 1e-15, 0 < ε < 1) and poisson (default 1e-7, ε > 0).
	Epsilon *decimal.Decimal `json:"epsilon,omitempty"`
	// Std is σ of ztae and zptae: required, > 0.
	Std *decimal.Decimal `json:"std,omitempty"`
	// Mean is μ of ztae and zptae (default 0).
	Mean *decimal.Decimal `json:"mean,omitempty"`
	// Alpha is zptae's α (default 0.25).
	Alpha *decimal.Decimal `json:"alpha,omitempty"`
	// Beta is zptae's β (default 2; must be > 0).
	Beta *decimal.Decimal `json:"beta,omitempty"`
	// MSENorm is zptae's c (default 0.01; must be >= 0).
	MSENorm *decimal.Decimal `json:"mse_norm,omitempty"`
	// Gamma is zptae's γ (default 4; must be > 0).
	Gamma *decimal.Decimal `json:"gamma,omitempty"`
	// BCEEdges selects bce's edge handling (spec §3.5, UNCERTAIN):
	// BCENewest ("" or "newest", the default) or BCELegacy ("legacy").
	BCEEdges string `json:"bce_edges,omitempty"`
	// ZPTAEOverflow selects zptae's power-tanh for huge |z| (spec §3.8,
	// UNCERTAIN): ZPTAEExact ("" or "exact", the default) or ZPTAESDK
	// ("sdk").
	ZPTAEOverflow string `json:"zptae_overflow,omitempty"`
	// Digits is the number of significant digits of every result of the
	// method (0 means 34).
	Digits int `json:"digits,omitempty"`
	// Rounding is the rounding mode of every result ("" means "down").
	Rounding string `json:"rounding,omitempty"`
}

// Option values of Options.BCEEdges and Options.ZPTAEOverflow.
const (
	// BCENewest is the newest SDK revision: clamp p to [ε, 1−ε], no special
	// cases, result max(L, 0); exact 0/1 predictions give large finite
	// losses.
	BCENewest = "newest"
	// BCELegacy is the older SDK revision: (y, p) = (1, 0) or (0, 1) is
	// +Inf (ErrInfiniteLoss here), (1, 1) and (0, 0) are 0, and any L <= ε
	// is 0.
	BCELegacy = "legacy"
	// ZPTAEExact evaluates the power-tanh exactly for every |z| (it tends
	// to sign(z)·|z|^α); the decimal core never overflows there.
	ZPTAEExact = "exact"
	// ZPTAESDK reproduces the SDK's float64 fallback: when |z|^β exceeds
	// the largest float64 (1.7976931348623157e308) the power-tanh is
	// sign(z)·1.
	ZPTAESDK = "sdk"
)

// Method is a loss method with its parameters fixed at construction. It is
// an immutable value, safe for concurrent use. The zero Method is sqe at the
// reference precision.
type Method struct {
	kind    kind
	ctx     dec.Context
	delta   dec.Dec // huber
	epsilon dec.Dec // bce, cce, poisson
	std     dec.Dec // ztae, zptae
	mean    dec.Dec // ztae, zptae
	alpha   dec.Dec // zptae
	beta    dec.Dec // zptae
	norm    dec.Dec // zptae c
	gamma   dec.Dec // zptae
	legacy  bool    // bce: BCELegacy
	sdkOvf  bool    // zptae: ZPTAESDK
}

// Defaults of spec loss_methods.md §3.
var (
	defDelta      = dec.One()
	defEpsBCE     = dec.New(1, -15)
	defEpsPoisson = dec.New(1, -7)
	defAlpha      = dec.New(25, -2)
	defBeta       = dec.FromInt64(2)
	defNorm       = dec.New(1, -2)
	defGamma      = dec.FromInt64(4)
	half          = dec.New(5, -1)
)

// NewMethod returns the loss method called name (any alias of spec §1.2,
// case-insensitive and trimmed; "" is sqe) with the given options. Errors
// wrap ErrUnknownMethod, ErrInvalidParameter (a value out of range, an
// option the method does not use, an unknown option value) or
// ErrMissingParameter (ztae and zptae without Std).
func NewMethod(name string, opts Options) (Method, error) {
	k, err := parseKind(name)
	if err != nil {
		return Method{}, err
	}
	m := Method{kind: k}
	if m.ctx, err = dec.ContextFor(opts.Digits, opts.Rounding); err != nil {
		return Method{}, fmt.Errorf("%w: %w", ErrInvalidParameter, err)
	}
	b := optionBuilder{method: kindNames[k]}
	uses := func(field string, p *decimal.Decimal, ok bool) {
		if p != nil && !ok {
			b.fail(fmt.Errorf("%w: %s does not take %s", ErrInvalidParameter, kindNames[k], field))
		}
	}
	uses("delta", opts.Delta, k == kindHuber)
	uses("epsilon", opts.Epsilon, k == kindBCE || k == kindCCE || k == kindPoisson)
	uses("std", opts.Std, k == kindZTAE || k == kindZPTAE)
	uses("mean", opts.Mean, k == kindZTAE || k == kindZPTAE)
	for _, f := range []struct {
		name string
		p    *decimal.Decimal
	}{{"alpha", opts.Alpha}, {"beta", opts.Beta}, {"mse_norm", opts.MSENorm}, {"gamma", opts.Gamma}} {
		uses(f.name, f.p, k == kindZPTAE)
	}
	switch opts.BCEEdges {
	case "", BCENewest:
	case BCELegacy:
		m.legacy = true
	default:
		b.fail(fmt.Errorf("%w: bce_edges %q (want %q or %q)", ErrInvalidParameter, opts.BCEEdges, BCENewest, BCELegacy))
	}
	if opts.BCEEdges != "" && k != kindBCE {
		b.fail(fmt.Errorf("%w: %s does not take bce_edges", ErrInvalidParameter, kindNames[k]))
	}
	switch opts.ZPTAEOverflow {
	case "", ZPTAEExact:
	case ZPTAESDK:
		m.sdkOvf = true
	default:
		b.fail(fmt.Errorf("%w: zptae_overflow %q (want %q or %q)", ErrInvalidParameter, opts.ZPTAEOverflow, ZPTAEExact, ZPTAESDK))
	}
	if opts.ZPTAEOverflow != "" && k != kindZPTAE {
		b.fail(fmt.Errorf("%w: %s does not take zptae_overflow", ErrInvalidParameter, kindNames[k]))
	}

	positive := func(d dec.Dec) bool { return d.Sign() > 0 }
	switch k {
	case kindHuber:
		m.delta = b.param("delta", opts.Delta, defDelta, positive, "> 0")
	case kindBCE:
		m.epsilon = b.param("epsilon", opts.Epsilon, defEpsBCE,
			func(d dec.Dec) bool { return d.Sign() > 0 && d.Cmp(half) <= 0 }, "in (0, 0.5]")
	case kindCCE:
		m.epsilon = b.param("epsilon", opts.Epsilon, defEpsBCE,
			func(d dec.Dec) bool { return d.Sign() > 0 && d.Cmp(dec.One()) < 0 }, "in (0, 1)")
	case kindPoisson:
		m.epsilon = b.param("epsilon", opts.Epsilon, defEpsPoisson, positive, "> 0")
	case kindZTAE, kindZPTAE:
		if opts.Std == nil {
			b.fail(fmt.Errorf("%w: %s needs an explicit std > 0 (for example the historical volatility of the target)", ErrMissingParameter, kindNames[k]))
		}
		m.std = b.param("std", opts.Std, dec.Zero(), positive, "> 0")
		m.mean = b.param("mean", opts.Mean, dec.Zero(), nil, "")
		if k == kindZPTAE {
			m.alpha = b.param("alpha", opts.Alpha, defAlpha, nil, "")
			m.beta = b.param("beta", opts.Beta, defBeta, positive, "> 0")
			m.norm = b.param("mse_norm", opts.MSENorm, defNorm, func(d dec.Dec) bool { return d.Sign() >= 0 }, ">= 0")
			m.gamma = b.param("gamma", opts.Gamma, defGamma, positive, "> 0")
		}
	}
	if b.err != nil {
		return Method{}, b.err
	}
	return m, nil
}

// optionBuilder converts and validates parameters with a sticky error.
type optionBuilder struct {
	method string
	err    error
}

func (b *optionBuilder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// param returns the converted parameter, or def when p is nil. ok (nil: no
// constraint) validates a given value; want describes the constraint.
func (b *optionBuilder) param(name string, p *decimal.Decimal, def dec.Dec, ok func(dec.Dec) bool, want string) dec.Dec {
	if p == nil {
		return def
	}
	d, err := dec.FromDecimal(*p)
	if err != nil {
		b.fail(fmt.Errorf("%w: %s %s: %w", ErrInvalidParameter, b.method, name, err))
		return def
	}
	if ok != nil && !ok(d) {
		b.fail(fmt.Errorf("%w: %s %s = %s (must be %s)", ErrInvalidParameter, b.method, name, d, want))
		return def
	}
	return d
}

// Name returns the canonical method name.
func (m Method) Name() string { return kindNames[m.kind] }

// String returns the canonical method name.
func (m Method) String() string { return m.Name() }

// NeverNegative reports whether the method's losses are never negative
// (spec §4): true for every method except poisson. It is the answer the
// offchain node asks its loss service before taking log10.
func (m Method) NeverNegative() bool { return m.kind != kindPoisson }

// Loss returns the loss of predicting pred when the ground truth is truth
// (argument order as in the SDK: ground truth first). The result is rounded
// to the method's precision (34 digits, RoundDown by default); see the
// package documentation for each method's precision contract. Errors wrap
// ErrValue (an argument outside the decimal core's range), ErrDomain,
// ErrInfiniteLoss or a decimal-core sentinel for a result out of range.
func (m Method) Loss(truth, pred decimal.Decimal) (decimal.Decimal, error) {
	y, err := dec.FromDecimal(truth)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: truth: %w", ErrValue, err)
	}
	p, err := dec.FromDecimal(pred)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: pred: %w", ErrValue, err)
	}
	l, err := m.loss(y, p)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return l.Decimal(), nil
}

// loss dispatches to the method's formula; the result is rounded to m.ctx.
func (m Method) loss(y, p dec.Dec) (dec.Dec, error) {
	var (
		l   dec.Dec
		err error
	)
	switch m.kind {
	case kindSQE:
		l, err = m.sqe(y, p)
	case kindABSE:
		l, err = m.abse(y, p)
	case kindHuber:
		l, err = m.huber(y, p)
	case kindLogCosh:
		l, err = m.logcosh(y, p)
	case kindBCE:
		l, err = m.bce(y, p)
	case kindCCE:
		l, err = m.cce(y, p)
	case kindPoisson:
		l, err = m.poisson(y, p)
	case kindZTAE:
		l, err = m.ztae(y, p)
	case kindZPTAE:
		l, err = m.zptae(y, p)
	default:
		err = fmt.Errorf("%w: kind %d", ErrUnknownMethod, m.kind)
	}
	if err != nil {
		if !errors.Is(err, ErrDomain) && !errors.Is(err, ErrInfiniteLoss) && !errors.Is(err, ErrUnknownMethod) {
			// A decimal-core failure (a result beyond 1e401).
			err = fmt.Errorf("%w: %w", ErrValue, err)
		}
		return dec.Dec{}, fmt.Errorf("%s(%s, %s): %w", m.Name(), y, p, err)
	}
	return l, nil
}
