package loss

import "github.com/netmath/netmath/internal/dec"

// sqe is the squared error (spec loss_methods.md §3.1):
//
//	L = (y − p)²
//
// y − p is exact and the square is one rounded product, so the result is
// correctly rounded.
func (m Method) sqe(y, p dec.Dec) (dec.Dec, error) {
	e := y.Sub(p)
	return m.ctx.Mul(e, e)
}

// abse is the absolute error (spec §3.2):
//
//	L = |y − p|
//
// exact, then rounded once.
func (m Method) abse(y, p dec.Dec) (dec.Dec, error) {
	return m.ctx.Round(y.Sub(p).Abs())
}

// huber is the Huber loss with threshold δ (spec §3.3):
//
//	e = y − p;  L = ½e²           if |e| <= δ (the boundary is quadratic)
//	            L = δ(|e| − ½δ)   otherwise
//
// Halving is exact in decimal, so each branch is one rounded product of
// exact operands: correctly rounded.
func (m Method) huber(y, p dec.Dec) (dec.Dec, error) {
	e := y.Sub(p)
	a := e.Abs()
	if a.Cmp(m.delta) <= 0 {
		return m.ctx.Mul(halve(e), e)
	}
	return m.ctx.Mul(m.delta, a.Sub(halve(m.delta)))
}
