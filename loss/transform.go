package loss

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/shopspring/decimal"
)

// ZeroLoss is the policy for a zero loss in log space (spec loss_methods.md
// §7; which one is canonical is UNCERTAIN).
type ZeroLoss string

const (
	// ZeroLossSDK (the default, also "") reports log10(L + 1e-100), as the
	// Python SDK's make_reputer_function does: a zero loss becomes −100.
	ZeroLossSDK ZeroLoss = "sdk"
	// ZeroLossError is the offchain node's behaviour: log10 of a zero loss
	// is an error (ErrZeroLoss), which drops the reputer's whole bundle.
	ZeroLossError ZeroLoss = "error"
)

// GradeOptions is the reporting rule of a reputer (spec §5–§8). The zero
// value is the recommended default: log10 space, SDK zero-loss policy, the
// method's default reducer.
type GradeOptions struct {
	// Raw reports raw losses instead of log10 (topics with
	// allow_negative = true, and methods that can be negative such as
	// poisson).
	Raw bool `json:"raw,omitempty"`
	// ZeroLoss is the zero-loss policy in log space ("" means ZeroLossSDK).
	ZeroLoss ZeroLoss `json:"zero_loss,omitempty"`
	// Reducer combines per-label losses of multi-label topics ("" means
	// the method's default, see Reducer).
	Reducer Reducer `json:"reducer,omitempty"`
}

// validate checks the option values.
func (o GradeOptions) validate() error {
	switch o.ZeroLoss {
	case "", ZeroLossSDK, ZeroLossError:
	default:
		return fmt.Errorf("%w: zero_loss %q (want %q or %q)", ErrParams, string(o.ZeroLoss), ZeroLossSDK, ZeroLossError)
	}
	switch o.Reducer {
	case ReduceDefault, ReduceMean, ReduceSum:
	default:
		return fmt.Errorf("%w: reducer %q (want %q or %q)", ErrParams, string(o.Reducer), ReduceMean, ReduceSum)
	}
	return nil
}

// Bounds of a reported value (the chain's BoundedExp40Dec, spec §6).
var (
	boundLo   = dec.New(1, -40)
	boundHi   = dec.New(1, 40)
	sdkOffset = dec.New(1, -100) // the SDK's log10(L + 1e-100)
)

// Transform turns a raw loss L into the value a reputer reports (spec §7),
// at the method's precision:
//
//   - opt.Raw: L itself;
//   - log space with ZeroLossSDK: log10(L ⊕ 1e-100), where ⊕ is the
//     addition rounded to the method's precision, like the SDK's float64
//     addition. L = 0 gives exactly −100, L = 1 gives exactly 0, and any
//     L >= 1e-66 is unchanged by the addition at 34 digits;
//   - log space with ZeroLossError: log10 L, and L = 0 is an error
//     (ErrZeroLoss).
//
// A negative L in log space is an error (ErrNegativeLoss). The result is
// then checked against the reported-value bounds (CheckBounds). One rounded
// addition and one correctly rounded Log10.
func (m Method) Transform(l decimal.Decimal, opt GradeOptions) (decimal.Decimal, error) {
	if err := opt.validate(); err != nil {
		return decimal.Decimal{}, err
	}
	d, err := dec.FromDecimal(l)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%w: loss: %w", ErrValue, err)
	}
	v, err := m.transform(d, opt)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return v.Decimal(), nil
}

// transform is Transform on a decimal-core value; opt is valid.
func (m Method) transform(l dec.Dec, opt GradeOptions) (dec.Dec, error) {
	v := l
	if !opt.Raw {
		if l.Sign() < 0 {
			return dec.Dec{}, fmt.Errorf("%w: log10(%s) (report raw losses for methods that can be negative)", ErrNegativeLoss, l)
		}
		x := l
		if opt.ZeroLoss == ZeroLossError {
			if l.IsZero() {
				return dec.Dec{}, fmt.Errorf("%w: log10(0) (policy %q)", ErrZeroLoss, ZeroLossError)
			}
		} else {
			var err error
			if x, err = m.ctx.Round(l.Add(sdkOffset)); err != nil {
				return dec.Dec{}, fmt.Errorf("%w: %w", ErrValue, err)
			}
		}
		var err error
		if v, err = m.ctx.Log10(x); err != nil {
			return dec.Dec{}, fmt.Errorf("%w: %w", ErrValue, err)
		}
	}
	if err := checkBounds(v); err != nil {
		return dec.Dec{}, err
	}
	return v, nil
}

// CheckBounds reports whether v can be reported: it must be 0 or have a
// magnitude in [1e-40, 1e40] (spec §6). Errors wrap ErrOutOfBounds (or
// ErrValue when v is outside the decimal core's range).
func CheckBounds(v decimal.Decimal) error {
	d, err := dec.FromDecimal(v)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrValue, err)
	}
	return checkBounds(d)
}

func checkBounds(v dec.Dec) error {
	if v.IsZero() {
		return nil
	}
	a := v.Abs()
	if a.Cmp(boundLo) < 0 || a.Cmp(boundHi) > 0 {
		return fmt.Errorf("%w: %s is neither 0 nor of magnitude in [1e-40, 1e40]", ErrOutOfBounds, v)
	}
	return nil
}
