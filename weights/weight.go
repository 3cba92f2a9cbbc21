package weights

import (
	"fmt"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/regretmath"
)

// scale returns the regret scale of one weight calculation over the regrets
// r (all participants of the calculation):
//
//	V6           (15) σ* = |StdDev(r)| + ε            (Bessel; one regret → ε)
//	Intermediate (20) s  = |1.4826·MAD(r)| + ε        (per call)
//	Newest       (20) s  = s* if s* > 0, else as Intermediate
//
// StdDev rounds the mean, each square, the variance quotient and the square
// root; the MAD rounds the even-count medians and the product; the absolute
// values and the additions of ε are exact.
func (s *synth) scale(r []dec.Dec) (dec.Dec, error) {
	switch {
	case s.rule == V6:
		sd, err := s.ctx.StdDev(r)
		if err != nil {
			return dec.Dec{}, err
		}
		return sd.Abs().Add(s.eps), nil
	case s.rule == Newest && s.e.stored.Sign() > 0:
		return s.e.stored, nil
	}
	return regretmath.MADScale(s.ctx, r, s.eps)
}

// normalize sets rh[i] = r[i]/scale (16)/(21), each quotient rounded, and
// returns M = max rh.
func (s *synth) normalize(r, rh []dec.Dec) (dec.Dec, error) {
	if len(r) == 0 {
		return dec.Dec{}, fmt.Errorf("%w: no regrets to calculate weights", ErrArithmetic)
	}
	sc, err := s.scale(r)
	if err != nil {
		return dec.Dec{}, err
	}
	div := dec.NewDivisor(sc) // one divisor for every quotient
	return s.quotients(r, rh, &div)
}

// quotients sets rh[i] = r[i]/div for every i (len(rh) = len(r) > 0), each
// quotient rounded, the quotient of a regret identical to the one before
// it taken from that one (s.reuse, countQuoRepeat), and returns M = max rh.
// The streamed one-out networks (stream.go) run the same loop over regrets
// they read from the stores and quotients they write to two tables.
func (s *synth) quotients(r, rh []dec.Dec, div *dec.Divisor) (dec.Dec, error) {
	var m dec.Dec
	for i, x := range r {
		if i > 0 && s.reuse() && x.Identical(r[i-1]) {
			rh[i] = rh[i-1] // the quotient of a repeated regret (quoRepeat)
			s.countQuoRepeat()
		} else {
			q, err := s.ctx.QuoBy(x, div)
			if err != nil {
				return dec.Dec{}, err
			}
			rh[i] = q
		}
		if i == 0 || rh[i].Cmp(m) > 0 {
			m = rh[i]
		}
	}
	return m, nil
}

// reuse reports whether a calculation may take the result computed for a
// regret identical to the one before it (dec.Identical: the same
// representation, such as the topic's initial regret, which fills every
// missing entry of a pair store's row) instead of computing it again: on
// the fast path, unless the tests turn it off (noRepeat). Every operation
// of the decimal core is a function of its operands' representations, so
// the reused value is the one the computation would return.
func (s *synth) reuse() bool { return !s.plain && !s.noRepeat }

// countQuoRepeat counts a quotient R/s taken from the regret before it
// (normalize, oneOutPrepare, streamBlock, incrementalFII), for the tests of
// the rate.
func (s *synth) countQuoRepeat() {
	if s.stats != nil {
		s.stats.quoRepeats++
	}
}

// weights sets w[i] to the weight of the participant with regret r[i] in a
// calculation over exactly the regrets r (§4). w and r have equal length.
func (s *synth) weights(r, w []dec.Dec) error {
	rh := grow(&s.scratchRH, len(r))
	m, err := s.normalize(r, rh)
	if err != nil {
		return err
	}
	return s.weightsNormalized(rh, m, w)
}

// weightsNormalized maps normalised regrets to weights given their maximum
// M:
//
//	V6 (17)–(19):  r ← min(R̂, U); if M < T: r ← r − M + T;
//	               w = 0 if r < Z, else φ'_{p,c}(r) = p/(e^{p(c−r)}+1)
//	Intermediate, Newest (22):
//	               w = Exp1DivExp1(−p(M−c), −p(R̂−c)) = φ'(R̂)/φ'(M)
//
// The V6 cap, anchor and cutoff are exact (U, T, Z are 34-digit quotients
// computed once); φ' rounds the product, the exponential and the quotient.
// In (22) each product p·(x−c) is rounded, the differences are exact, and
// Exp1DivExp1 rounds as documented in the decimal core.
func (s *synth) weightsNormalized(rh []dec.Dec, m dec.Dec, w []dec.Dec) error {
	if s.rule == V6 {
		if s.stats != nil {
			s.stats.weights += len(rh)
		}
		anchor := m.Cmp(s.anchorT) < 0
		// The last φ' computed: an identical argument (a repeated
		// regret) takes its value, φ' being a function of the argument.
		var lastX, lastG dec.Dec
		last := false
		for i, x := range rh {
			if x.Cmp(s.capU) > 0 {
				x = s.capU
			}
			if anchor {
				x = x.Sub(m).Add(s.anchorT)
			}
			if x.Cmp(s.cutZ) < 0 {
				w[i] = dec.Dec{}
				continue
			}
			if s.stats != nil {
				s.stats.exps++ // weights cut to 0 by (19) need none
			}
			if last && s.reuse() && x.Identical(lastX) {
				w[i] = lastG
				s.countRepeat()
				continue
			}
			g, err := s.ctx.Gradient(s.p, s.c, x)
			if err != nil {
				return err
			}
			w[i] = g
			lastX, lastG, last = x, g, true
		}
		return nil
	}
	a, err := s.relA(m)
	if err != nil {
		return err
	}
	if s.plain {
		for i, x := range rh {
			b, err := s.ctx.Mul(s.p, x.Sub(s.c))
			if err != nil {
				return err
			}
			if w[i], err = s.ctx.Exp1DivExp1(a, b.Neg()); err != nil {
				return err
			}
		}
		return nil
	}
	bs := grow(&s.scratchB, len(rh))
	ebs := grow(&s.scratchEB, len(rh))
	if err := s.relArgs(rh, bs, ebs); err != nil {
		return err
	}
	return s.relWeights(a, bs, ebs, w)
}

// relA returns −p·(M−c), the first argument of Exp1DivExp1 in (22) (the
// product rounded, the difference exact).
func (s *synth) relA(m dec.Dec) (dec.Dec, error) {
	a, err := s.ctx.Mul(s.p, m.Sub(s.c))
	return a.Neg(), err
}

// relArgs sets b[i] = −p·(rh[i]−c), the second argument of Exp1DivExp1 in
// (22) (the product rounded, the difference exact), and eb[i] the
// exponential e^−|b[i]| that Exp1DivExp1 needs whatever the first argument
// (dec's RelArg: e^b when b <= 0, e^−b when b > 0). Neither depends on the
// maximum M, so a calculation that only changes M reuses them.
//
// A regret identical to the one before it (dec.Identical: the same
// representation, such as the topic's initial regret, which fills the end
// of every sparse store's row) takes the arguments computed for that one:
// RelArg is a function of its operand's representation.
func (s *synth) relArgs(rh, b []dec.Dec, eb []dec.ExpTerm) error {
	if s.stats != nil {
		s.stats.exps += len(rh)
	}
	return s.args(rh, b, eb)
}

// args is relArgs without the work count (the streamed networks count
// theirs in oneOutPrepare).
func (s *synth) args(rh, b []dec.Dec, eb []dec.ExpTerm) error {
	for i, x := range rh {
		if i > 0 && s.reuse() && x.Identical(rh[i-1]) {
			b[i], eb[i] = b[i-1], eb[i-1]
			s.countRepeat()
			continue
		}
		v, err := s.ctx.RelArg(s.p, s.c, x, &eb[i])
		if err != nil {
			return err
		}
		b[i] = v
	}
	return nil
}

// relWeights sets w[i] = Exp1DivExp1(a, b[i]) from the arguments relArgs
// computed; the terms that depend on a only are computed once, and an
// argument identical to the one before it takes that one's weight (eb[i],
// e^−|b[i]| as RelArg sets it, is a function of b[i]).
func (s *synth) relWeights(a dec.Dec, b []dec.Dec, eb []dec.ExpTerm, w []dec.Dec) error {
	e1 := relWeigher{}
	s.initWeigher(&e1, a)
	if s.stats != nil {
		// e^a (and e^−a when a > 0) once; e^(a−b), when a > 0 and
		// b > 0, is derived from the terms of e^a and e^−b (ExpOfSum);
		// the exponential of b is relArgs'.
		s.stats.weights += len(b)
		s.stats.exps++
		if e1.pos {
			s.stats.exps++
		}
	}
	return s.weightsOf(&e1, b, eb, w)
}

// weightsOf sets w[i] = Exp1DivExp1(a, b[i]) with the relWeigher of a; an
// argument identical to the one before it takes that one's weight.
func (s *synth) weightsOf(r *relWeigher, b []dec.Dec, eb []dec.ExpTerm, w []dec.Dec) error {
	for i := range b {
		if i > 0 && s.reuse() && b[i].Identical(b[i-1]) {
			w[i] = w[i-1] // eb[i] is e^−|b[i]|, a function of b[i]
			continue
		}
		var err error
		if w[i], err = r.weight(b[i], &eb[i]); err != nil {
			return err
		}
	}
	return nil
}

// countRepeat counts an argument (args) or a V6 gradient taken from the
// regret before it, for the tests of the rate.
func (s *synth) countRepeat() {
	if s.stats != nil {
		s.stats.repeats++
	}
}

// relWeigher evaluates Exp1DivExp1(a, b) for one a and many b, computing
// the terms that depend on a only once. Every term is the same rounded value
// the decimal core's Exp1DivExp1 computes, combined in the same order (the
// product first, then the quotient), so the results are identical to it;
// TestFastPathMatchesPlain pins this. The exponential e^(a−b) of the case
// a > 0, b > 0 is the decimal core's ExpOfSum of the terms of e^a and
// e^−b: the same rounded value as Exp(a−b), derived from a product instead
// of a third exponential.
type relWeigher struct {
	ctx  dec.Context
	a    dec.Dec
	pos  bool        // a > 0
	ea1  dec.Dec     // a <= 0: e^a + 1
	na1  dec.Dec     // a > 0: e^−a + 1
	ta   dec.ExpTerm // a > 0: e^a, when taErr is nil
	taEr error
	err  error
	// The factor of the products, e^a + 1 (a <= 0) or e^−a + 1 (a > 0),
	// rounded to 38 digits down and up when it is wider (mulQuo).
	yLo, yHi dec.Dec
	bracket  bool
	stats    *synthStats
}

// initWeigher sets r up for a (relWeigher.init) with the bracket of its
// factor (mulQuo), which needs the two 38-digit contexts of s.
func (s *synth) initWeigher(r *relWeigher, a dec.Dec) {
	r.init(s.ctx, a)
	r.stats = s.stats
	y := r.ea1
	if r.pos {
		y = r.na1
	}
	if r.err != nil || s.noBracket || s.plain || s.ctx.Digits() > 36 || y.Sign() <= 0 {
		return
	}
	if !s.ctx38.ok {
		lo, err1 := dec.NewContext(38, dec.RoundDown)
		hi, err2 := dec.NewContext(38, dec.RoundUp)
		if err1 != nil || err2 != nil {
			return
		}
		s.ctx38 = ctxPair{lo, hi, true}
	}
	lo, err1 := s.ctx38.lo.Round(y)
	hi, err2 := s.ctx38.hi.Round(y)
	if err1 != nil || err2 != nil || lo.Cmp(hi) == 0 {
		return // y has at most 38 digits: the products are on words
	}
	r.yLo, r.yHi, r.bracket = lo, hi, true
}

// ctxPair holds the contexts of 38 digits rounding down and up (toward
// zero and away from it) that initWeigher rounds a wide factor with.
type ctxPair struct {
	lo, hi dec.Context
	ok     bool
}

// mulQuo returns MulQuoBySum(x, y, d, 1) for y the weigher's factor
// (e^a + 1 or e^−a + 1) and x > 0: the product x·y rounded, then its quotient
// by the exact d + 1 rounded. When y is wider than 38 digits (e^±a ≪ 1: the
// sum 1 + e^a of a strongly negative a, or 1 + e^−a of a strongly positive
// one), the product is bracketed first:
// with yLo <= y <= yHi its 38-digit roundings toward and away from zero,
// x·yLo <= x·y <= x·yHi, and rounding is monotone, so when the two
// products of inline words round to the same representation the product
// x·y rounds to that value; and to that representation, because all three
// exact products have more digits than the context keeps (y and yLo, yHi
// have at least 38, the context at most 36), so each is rounded to exactly
// Digits digits (a coefficient of Digits digits and an exponent are
// determined by the value). Nonzero results in range on both sides mean the
// exact product is in range too. Otherwise (a product at a rounding
// boundary within 10^−37 relative, or out of range) MulQuoBySum decides.
// TestMulQuoBracketMatches pins it to MulQuoBySum.
func (r *relWeigher) mulQuo(x, y, d dec.Dec) (dec.Dec, error) {
	if r.bracket && x.Sign() > 0 {
		if lo, err := r.ctx.Mul(x, r.yLo); err == nil && !lo.IsZero() {
			if hi, err := r.ctx.Mul(x, r.yHi); err == nil && lo.Identical(hi) {
				if r.stats != nil {
					r.stats.bracketed++
				}
				return r.ctx.QuoBySum(lo, d, dec.One())
			}
		}
		if r.stats != nil {
			r.stats.unbracketed++
		}
	}
	return r.ctx.MulQuoBySum(x, y, d, dec.One())
}

func (r *relWeigher) init(ctx dec.Context, a dec.Dec) {
	*r = relWeigher{ctx: ctx, a: a, pos: a.Sign() > 0}
	var e dec.Dec
	if r.pos {
		e, r.err = ctx.Exp(a.Neg())
		r.na1 = e.Add(dec.One())
		// e^a itself may leave the range where every weight still
		// exists (e^(a−b) for b > 0): its error counts only where the
		// value is needed, as in Exp1DivExp1.
		r.ta, r.taEr = ctx.ExpTerm(a)
	} else {
		e, r.err = ctx.Exp(a)
		r.ea1 = e.Add(dec.One())
	}
}

// grow returns (*buf)[:n], reallocating when the capacity is short. The
// scratch buffers of a synth are reused by successive calculations of one
// synthesis (one goroutine).
func grow[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, 2*n)
	}
	return (*buf)[:n]
}

// weight returns (e^a + 1)/(e^b + 1) by the decimal core's four cases,
// given tb, the term of e^−|b| (relArgs):
//
//	a <= 0, b <= 0:  (e^a + 1) / (e^b + 1)
//	a >  0, b <= 0:  [e^a · (e^−a + 1)] / (e^b + 1)
//	a <= 0, b >  0:  [e^−b · (e^a + 1)] / (e^−b + 1)
//	a >  0, b >  0:  [e^(a−b) · (e^−a + 1)] / (e^−b + 1)
func (r *relWeigher) weight(b dec.Dec, tb *dec.ExpTerm) (dec.Dec, error) {
	if r.err != nil {
		return dec.Dec{}, r.err
	}
	// The denominator e^±b + 1 is exact; QuoBySum divides by it without
	// building it (MulQuoBySum: after the rounded product).
	eb, one := tb.Value(), dec.One()
	switch {
	case !r.pos && b.Sign() <= 0:
		return r.ctx.QuoBySum(r.ea1, eb, one)
	case r.pos && b.Sign() <= 0:
		if r.taEr != nil {
			return dec.Dec{}, r.taEr
		}
		return r.mulQuo(r.ta.Value(), r.na1, eb)
	case !r.pos:
		return r.mulQuo(eb, r.ea1, eb)
	}
	var eab dec.Dec
	var err error
	if r.taEr == nil {
		eab, err = r.ctx.ExpOfSum(r.a, b.Neg(), &r.ta, tb)
	} else {
		eab, err = r.ctx.Exp(r.a.Sub(b))
	}
	if err != nil {
		return dec.Dec{}, err
	}
	return r.mulQuo(eab, r.na1, eb)
}
