package dec

import "math/big"

// Tanh returns the hyperbolic tangent of x correctly rounded to c.
//
// Method: for |x| < 1, tanh|x| = (e^{2|x|}-1)/(e^{2|x|}+1) in fixed point
// with extra digits for small |x|; for |x| >= 1, tanh|x| = 1 - D with
// D = 2/(e^{2|x|}+1) carried to relative precision, so results just below 1
// round correctly in every mode (tanh never reaches 1).
func (c Context) Tanh(x Dec) (Dec, error) {
	if !c.valid() {
		return Dec{}, ErrInvalidContext
	}
	if x.IsZero() {
		return Dec{}, nil
	}
	neg := x.Sign() < 0
	t := x.Abs()
	p := c.Digits()
	if 2*(t.adjExp()+1) <= -c.nudgeDigits(x) {
		// x² < 10^-m: tanh x = x(1 − x²/3 + ...) lies below |x| in
		// magnitude by less than 10^-m·|x| (see roundNudged).
		return c.roundNudged(x, -1)
	}
	if d, ok := tanhFast(x, p, c.rounding); ok {
		return d, nil
	}
	if t.Cmp(one) < 0 {
		extra := 0
		if a := t.adjExp(); a < 0 {
			extra = -a
		}
		return ziv(c, func(guard int) (enclosure, error) {
			s := p + guard + extra + 4
			e := fixExpSmall(toFixed(t.Add(t), s), s)
			one := pow10(s)
			num := new(big.Int).Sub(e, one)
			den := new(big.Int).Add(e, one)
			num.Mul(num, one)
			num.Quo(num, den)
			return around(neg, num, 1<<15, -int64(s)), nil
		})
	}
	// D = 2/(e^{2t}+1) < 0.27. When t > 1.16·(p+91) the true D is below
	// 10^-(p+90); every such D rounds 1-D identically, so use 10^-(p+90).
	tiny := t.Cmp(FromInt64(int64(p+91)*116/100+1)) > 0
	return ziv(c, func(guard int) (enclosure, error) {
		s := p + guard + 4
		s2 := s + p + 96    // D >= 10^-(p+91) keeps s+4 significant digits
		var lo, hi *big.Int // D at scale s2
		if tiny {
			d := pow10(s2 - (p + 90))
			lo, hi = d, d
		} else {
			// E = e^{2t} from the exp enclosure; D = 2/(E+1) decreases in E.
			en := expEnclosure(toFixed(t.Add(t), s+4), s+4)
			lo = dFrom(en.hi, en.exp, s2)
			hi = dFrom(en.lo, en.exp, s2)
			hi.Add(hi, bigOne)
		}
		one := pow10(s2)
		return enclosure{
			neg: neg,
			lo:  new(big.Int).Sub(one, hi),
			hi:  new(big.Int).Sub(one, lo),
			exp: -int64(s2),
		}, nil
	})
}

// dFrom returns 2/(E+1) at scale s2 (truncated) for E = y·10^exp.
func dFrom(y *big.Int, exp int64, s2 int) *big.Int {
	// 2/(y·10^exp + 1) = 2·10^-exp / (y + 10^-exp)
	if exp >= 0 {
		den := new(big.Int).Mul(y, pow10(int(exp)))
		den.Add(den, bigOne)
		n := new(big.Int).Lsh(pow10(s2), 1)
		return n.Quo(n, den)
	}
	den := new(big.Int).Add(y, pow10(int(-exp)))
	n := new(big.Int).Lsh(pow10(s2+int(-exp)), 1)
	return n.Quo(n, den)
}
