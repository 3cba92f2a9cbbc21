package dec

import "math/bits"

// Fast paths of Pow10 and Pow, built on expCore and lnFarFix (see expFast
// for the argument that a decided result is the correctly rounded one).

// pow10Fast returns 10^x rounded to p digits with mode for a non-integer
// x with a coefficient of at most 256 bits, 10^-(p+3) <= |x| <= 401 and
// p <= maxFastDigits.
//
// z = x·ln 10 from X = |x|·2^192 (relative error 2^-190 plus a unit) and
// ln 10 (2^-192 low): |z| <= 925 is off by less than 925·2^-190 +
// 402·2^-192 + 2^-191 < 2^-179.8, so with expCore's own N·2^-182.5 + 1 the
// error of N stays below N·2^-179.5 + 1 < 12 units (N < 2^183); expFastErr
// covers it.
func pow10Fast(x Dec, p int, mode Rounding) (Dec, bool) {
	N, exp, ok := pow10Approx(x, p)
	if !ok {
		return Dec{}, false
	}
	return fastRound(&N, exp, p, mode, false, expFastErr)
}

// pow10Approx returns N and exp with |N − 10^x·10^-exp| <= expFastErr.
func pow10Approx(x Dec, p int) (N w256, exp int64, ok bool) {
	if p > maxFastDigits || x.exp >= 0 {
		return N, 0, false
	}
	C, okC := x.mag256()
	k := -int(x.exp)
	if !okC || k > maxRecipK {
		return N, 0, false
	}
	tb := fastTabs()
	X, ok := decToFix(tb, &C, k, 192)
	if !ok || X[3] > 401 {
		return N, 0, false
	}
	prod := mul44(&X, &tb.ln10W)
	Z := shrN(prod[:], 192)
	if Z[3] > 925 {
		return N, 0, false
	}
	return expCore(tb, &Z, x.neg, p)
}

// powFast returns |x|^y rounded to p digits with mode and sign neg, for
// x != 0 with |ln|x|| >= 2^-22, y with an inline coefficient, |y·ln|x|| <=
// 925 and p <= maxFastDigits.
//
// z = y·ln|x|: ln|x| is within 2^-179 (lnFarFix), so z is off by under
// |y|·2^-179 + |z|·2^-190 + 2^-191 <= 2^(yb−178) with |y| < 2^yb, yb >= 0;
// expCore adds N·2^-182.5 + 1, so the error of N is below
// N·2^(yb−177.9) + 1 <= (N >> (177−yb)) + expFastErr.
func powFast(x, y Dec, neg bool, p int, mode Rounding) (Dec, bool) {
	N, exp, e, ok := powApprox(x, y, p)
	if !ok {
		return Dec{}, false
	}
	return fastRound(&N, exp, p, mode, neg, e)
}

// powApprox returns N, exp and e with |N − |x|^y·10^-exp| <= e.
func powApprox(x, y Dec, p int) (N w256, exp int64, e uint64, ok bool) {
	if y.big != nil || p > maxFastDigits {
		return N, 0, 0, false
	}
	tb := fastTabs()
	C, okC := x.mag256()
	if !okC {
		return N, 0, 0, false
	}
	L, lneg, ok := lnFarFix(tb, &C, bitLen256(&C)-1, int64(x.exp))
	if !ok || bitLen256(&L) < 192-22 {
		return N, 0, 0, false
	}
	// |y| < 10^(adj+1) < 2^yb.
	yb := 0
	if a := y.adjExp() + 1; a > 0 {
		yb = a*3322/1000 + 1
	}
	if yb > 60 {
		return N, 0, 0, false
	}
	// Z = |y|·L, exactly for an integer y, else through 10^-k.
	var Z w256
	if y.exp >= 0 {
		if y.hi != 0 || y.exp > 19 {
			return N, 0, 0, false
		}
		hi, m := bits.Mul64(y.lo, pow10U64[y.exp])
		if hi != 0 || mulSmall256(&Z, &L, m) != 0 {
			return N, 0, 0, false
		}
	} else {
		k := -int(y.exp)
		if k > maxRecipK {
			return N, 0, 0, false
		}
		// L·c_y (six words), then times floor(2^(192+s)/10^k) >> 192+s.
		var w [6]uint64
		for i, a := range [2]uint64{y.lo, y.hi} {
			var carry uint64
			for j := range 4 {
				h, l := bits.Mul64(a, L[j])
				var c uint64
				l, c = bits.Add64(l, w[i+j], 0)
				h += c
				l, c = bits.Add64(l, carry, 0)
				h += c
				w[i+j] = l
				carry = h
			}
			w[i+4] += carry
		}
		r := &tb.recip[k]
		var pr [9]uint64
		for i := range 6 {
			if w[i] == 0 {
				continue
			}
			var carry uint64
			for j := range 3 {
				h, l := bits.Mul64(w[i], r[j])
				var c uint64
				l, c = bits.Add64(l, pr[i+j], 0)
				h += c
				l, c = bits.Add64(l, carry, 0)
				h += c
				pr[i+j] = l
				carry = h
			}
			pr[i+3] += carry
		}
		Z = shrN(pr[:], 192+tb.recipShift[k])
		// The product must not have overflowed the top words kept.
		if top := shrN(pr[:], 192+tb.recipShift[k]+256); !isZero256(&top) {
			return N, 0, 0, false
		}
	}
	if Z[3] > 925 {
		return N, 0, 0, false
	}
	N, exp, ok = expCore(tb, &Z, lneg != y.neg, p)
	if !ok {
		return N, 0, 0, false
	}
	eb := shrN(N[:], uint(177-yb))
	if eb[1]|eb[2]|eb[3] != 0 {
		return N, 0, 0, false
	}
	return N, exp, eb[0] + expFastErr, true
}
