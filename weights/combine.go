package weights

import (
	"github.com/netmath/netmath/internal/dec"
)

// weightedSums returns, per label, Σ w_i·x_i[ℓ] and Σ w_i over the
// participants with a value (x_i != nil) and a nonzero weight. Each product
// is rounded; the sums are exact (dec.Acc), so they do not depend on the
// order of the participants. Both are scratch of s, valid until the next
// call.
func (s *synth) weightedSums(w []dec.Dec, x [][]dec.Dec) (num []dec.Acc, den *dec.Acc, err error) {
	num = s.accs(s.e.nl)
	den = &s.dacc
	den.Reset()
	for i, xi := range x {
		if err := s.addWeighted(num, den, w[i], xi); err != nil {
			return nil, nil, err
		}
	}
	return num, den, nil
}

// addWeighted adds w·x[ℓ] (each product rounded) to num[ℓ] and w to den,
// unless x is missing (nil) or w is zero.
func (s *synth) addWeighted(num []dec.Acc, den *dec.Acc, w dec.Dec, x []dec.Dec) error {
	if x == nil || w.IsZero() {
		return nil
	}
	for l, v := range x {
		p, err := s.ctx.Mul(w, v)
		if err != nil {
			return err
		}
		num[l].Add(p)
	}
	den.Add(w)
	return nil
}

// accs returns n empty accumulators (scratch of s).
func (s *synth) accs(n int) []dec.Acc {
	if cap(s.acc) < n {
		s.acc = make([]dec.Acc, n)
	}
	a := s.acc[:n]
	for i := range a {
		a[i].Reset()
	}
	return a
}

// combine is eq. (23): Î[ℓ] = Σ w·x[ℓ] / max(Σ w, ε_div) over the
// participants with a value and a nonzero weight; one rounded quotient per
// label.
func (s *synth) combine(w []dec.Dec, x [][]dec.Dec) ([]dec.Dec, error) {
	if num, den, ok, err := s.blockSums(w, x); ok || err != nil {
		if err != nil {
			return nil, err
		}
		return s.divide(num, den, true)
	}
	num, den, err := s.weightedSums(w, x)
	if err != nil {
		return nil, err
	}
	return s.divide(num, den, true)
}

// infBlock holds the sums of (23) over the inferers of the last network
// whose first participants are all the inferers (the networks (24), (25),
// (27) and (28)): their weights and the exact sums Σ w·x and Σ w.
type infBlock struct {
	ok  bool
	w   []dec.Dec
	num []dec.Acc
	den dec.Acc
}

// blockSums is weightedSums for a network whose first participants are the
// inferers, in order (x[j] is the epoch's inference of inferer j): when
// their weights are identical to those of the last such network (the
// networks (27) and (28) of forecasters without stored pair regrets, whose
// inferers all take the initial regret), the inferers' sums are that
// network's, and only the other participants' products are added. The
// sums are exact, so grouping them does not change them, and identical
// weights and values give identical products. ok is false when the network
// does not start with the inferers (or on the plain path, or with the
// reuse off).
func (s *synth) blockSums(w []dec.Dec, x [][]dec.Dec) (num []dec.Acc, den *dec.Acc, ok bool, err error) {
	n := len(s.e.x)
	if !s.reuse() || len(x) < n || len(w) != len(x) {
		return nil, nil, false, nil
	}
	for j, xj := range x[:n] {
		if len(xj) == 0 || len(xj) != len(s.e.x[j]) || &xj[0] != &s.e.x[j][0] {
			return nil, nil, false, nil
		}
	}
	b := &s.blk
	if b.ok && identicalVec(w[:n], b.w) {
		if s.stats != nil {
			s.stats.blockRepeats++
		}
	} else {
		b.ok = false
		bn, bd, err := s.weightedSums(w[:n], x[:n])
		if err != nil {
			return nil, nil, false, err
		}
		b.w = append(b.w[:0], w[:n]...)
		b.num = append(b.num[:0], bn...)
		b.den, b.ok = *bd, true
	}
	num = s.accs(s.e.nl)
	copy(num, b.num)
	den = &s.dacc
	*den = b.den
	for i := n; i < len(x); i++ {
		if err := s.addWeighted(num, den, w[i], x[i]); err != nil {
			return nil, nil, false, err
		}
	}
	return num, den, true, nil
}

// divide returns num[ℓ]/den per label, each quotient rounded (dec's
// QuoAcc: the quotient of the exact sums, which are not materialised). With
// floor (eq. (23)) a denominator below ε_div is replaced by ε_div; without
// it (eq. (14)) a zero denominator yields nil (no value).
func (s *synth) divide(num []dec.Acc, den *dec.Acc, floor bool) ([]dec.Dec, error) {
	low := false
	if floor {
		low = den.Cmp(s.epsDiv) < 0
	} else if den.Sign() == 0 {
		return nil, nil
	}
	out := s.vec(len(num))
	for l := range num {
		var q dec.Dec
		var err error
		if low {
			q, err = s.ctx.Quo(num[l].Dec(), s.epsDiv)
		} else {
			q, err = s.ctx.QuoAcc(&num[l], den)
		}
		if err != nil {
			return nil, err
		}
		out[l] = q
	}
	return out, nil
}

// mean is the all-new combination (§4.4): the per-label arithmetic mean of
// xs, Σx/n with one rounded quotient.
func (s *synth) mean(xs [][]dec.Dec) ([]dec.Dec, error) {
	return s.perLabel(xs, s.ctx.Mean)
}

// median is the per-label median of xs ((12), §2.1 case 3, §9): the middle
// value, or the mean of the two middle values (one rounded quotient).
func (s *synth) median(xs [][]dec.Dec) ([]dec.Dec, error) {
	return s.perLabel(xs, s.ctx.Median)
}

func (s *synth) perLabel(xs [][]dec.Dec, f func([]dec.Dec) (dec.Dec, error)) ([]dec.Dec, error) {
	out := make([]dec.Dec, s.e.nl)
	col := make([]dec.Dec, len(xs))
	for l := range out {
		for i, x := range xs {
			col[i] = x[l]
		}
		v, err := f(col)
		if err != nil {
			return nil, err
		}
		out[l] = v
	}
	return out, nil
}
