package dec

// QuoAcc returns a/b for two exact sums, exactly what c.Quo(a.Dec(),
// b.Dec()) returns (value, representation and error), without building a
// sum wider than 128 bits as a Dec (which allocates).
func (c Context) QuoAcc(a, b *Acc) (Dec, error) {
	if c.valid() {
		A, ea, na, okA := a.words()
		B, eb, nb, okB := b.words()
		if okA && okB {
			if r, err, ok := quoWords(&A, ea, &B, eb, na != nb, c.Digits(), c.rounding); ok {
				return r, err
			}
		}
	}
	return c.Quo(a.Dec(), b.Dec())
}

// QuoDecAcc returns a/b for a value and an exact sum, exactly what
// c.Quo(a, b.Dec()) returns, without building a sum wider than 128 bits as
// a Dec.
func (c Context) QuoDecAcc(a Dec, b *Acc) (Dec, error) {
	if c.valid() && !a.IsZero() {
		A, okA := a.mag256()
		B, eb, nb, okB := b.words()
		if okA && okB {
			if r, err, ok := quoWords(&A, a.exp, &B, eb, a.neg != nb, c.Digits(), c.rounding); ok {
				return r, err
			}
		}
	}
	return c.Quo(a, b.Dec())
}

// QuoBySum returns a/(d+e), exactly what c.Quo(a, d.Add(e)) returns, without
// building the exact sum as a Dec (which allocates beyond 128 bits).
func (c Context) QuoBySum(a, d, e Dec) (Dec, error) {
	if c.valid() && !a.IsZero() && !d.IsZero() && !e.IsZero() {
		if a.big == nil && d.big == nil && e.big == nil {
			if s, ok := addW(d, e, e.neg); ok && !s.IsZero() {
				if r, ok := quo128(a.hi, a.lo, a.exp, s.hi, s.lo, s.exp, a.neg != s.neg, c.Digits(), c.rounding); ok {
					return r, nil
				}
			}
		}
		A, okA := a.mag256()
		B, eb, nb, okB := addWords(d, e, e.neg)
		if okA && okB && !isZero256(&B) {
			if r, err, ok := quoWords(&A, a.exp, &B, eb, a.neg != nb, c.Digits(), c.rounding); ok {
				return r, err
			}
		}
	}
	return c.Quo(a, d.Add(e))
}

// QuoAccDec returns a/b for an exact sum and a value, exactly what
// c.Quo(a.Dec(), b) returns, without building a sum wider than 128 bits as
// a Dec.
func (c Context) QuoAccDec(a *Acc, b Dec) (Dec, error) {
	if c.valid() && !b.IsZero() {
		A, ea, na, okA := a.words()
		B, okB := b.mag256()
		if okA && okB {
			if r, err, ok := quoWords(&A, ea, &B, b.exp, na != b.neg, c.Digits(), c.rounding); ok {
				return r, err
			}
		}
	}
	return c.Quo(a.Dec(), b)
}
