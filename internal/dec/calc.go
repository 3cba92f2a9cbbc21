package dec

// Calc evaluates formulas with a sticky error: after the first failing
// operation every further operation returns zero and Err reports that first
// error. It keeps formula code close to the mathematics:
//
//	m := dec.NewCalc(ctx)
//	w := m.Quo(p, m.Exp(m.Mul(p, c.Sub(x))).Add(dec.One()))
//	if err := m.Err(); err != nil { ... }
//
// A Calc is a small value owned by one goroutine; it holds no shared state.
type Calc struct {
	ctx Context
	err error
}

// NewCalc returns a Calc rounding with ctx.
func NewCalc(ctx Context) *Calc { return &Calc{ctx: ctx} }

// Context returns the Calc's precision contract.
func (m *Calc) Context() Context { return m.ctx }

// Err returns the first error, or nil.
func (m *Calc) Err() error { return m.err }

// Fail records err if no error is recorded yet.
func (m *Calc) Fail(err error) {
	if m.err == nil && err != nil {
		m.err = err
	}
}

// Result returns (d, Err()); a convenience for the last step of a formula.
func (m *Calc) Result(d Dec) (Dec, error) {
	if m.err != nil {
		return Dec{}, m.err
	}
	return d, nil
}

// keep records err (the first one only, as the callers check m.err
// first) and returns d, or zero on error.
func (m *Calc) keep(d Dec, err error) Dec {
	if err != nil {
		m.err = err
		return Dec{}
	}
	return d
}

// Round rounds d to the context.
func (m *Calc) Round(d Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Round(d))
}

// Mul returns a×b rounded.
func (m *Calc) Mul(a, b Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Mul(a, b))
}

// Quo returns a/b rounded.
func (m *Calc) Quo(a, b Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Quo(a, b))
}

// Exp returns e^x rounded.
func (m *Calc) Exp(x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Exp(x))
}

// Ln returns ln x rounded.
func (m *Calc) Ln(x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Ln(x))
}

// Log10 returns log10 x rounded.
func (m *Calc) Log10(x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Log10(x))
}

// Pow10 returns 10^x rounded.
func (m *Calc) Pow10(x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Pow10(x))
}

// Sqrt returns √x rounded.
func (m *Calc) Sqrt(x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Sqrt(x))
}

// Pow returns x^y rounded.
func (m *Calc) Pow(x, y Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Pow(x, y))
}

// Tanh returns tanh x rounded.
func (m *Calc) Tanh(x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Tanh(x))
}

// Phi returns φ_{p,c}(x).
func (m *Calc) Phi(p, c, x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Phi(p, c, x))
}

// Gradient returns φ'_{p,c}(x).
func (m *Calc) Gradient(p, c, x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Gradient(p, c, x))
}

// Sigmoid returns 1/(1+e^−x).
func (m *Calc) Sigmoid(x Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Sigmoid(x))
}

// Exp1DivExp1 returns (e^a+1)/(e^b+1).
func (m *Calc) Exp1DivExp1(a, b Dec) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.Exp1DivExp1(a, b))
}

// EMA returns the protocol EMA.
func (m *Calc) EMA(alpha, cur, prev Dec, first bool) Dec {
	if m.err != nil {
		return Dec{}
	}
	return m.keep(m.ctx.EMA(alpha, cur, prev, first))
}
