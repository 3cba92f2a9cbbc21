package dec

import "math/bits"

// quoFar is quoBySumBracket's exact case: a/S for S = (D·10^Δ + E)·10^eexp
// with E far below D·10^Δ, Δ >= digits(E) + digits + 2, at most 36 digits
// kept. It returns what Quo(a, S) returns (the rounding of the exact
// quotient, with exactly digits digits) from one quotient by D, however
// wide S is (the weights' e^b + 1 for b < −180 has more than 77 digits,
// beyond quoWords' 256 bits); ok is false outside that case and next to
// the range limits, where the caller takes the general path. D (nonzero),
// E (nonzero) and A (nonzero) are magnitudes below 2^128; neg is the
// quotient's sign.
//
// Method. Quo scales the dividend by s = digits + digits(S) − digits(A) + 1
// so that the integer quotient Q = floor(A·10^s / S) has digits+1 or
// digits+2 digits, and rounds it with the remainder's sign. Here digits(S) =
// digits(D) + Δ (E < 10^Δ: no carry), so s = Δ + s' with s' = digits +
// digits(D) − digits(A) + 1 (required >= 0), and with A' = A·10^s' and
// x = E/10^Δ in (0, 1):
//
//	U/S = A'·10^Δ / (D·10^Δ + E) = A'/(D + x).
//
// Let Q0 = floor(A'/D) and R0 = A' − Q0·D. As A' < 10^(digits+1+digits(D))
// and D >= 10^(digits(D)−1), Q0 < 10^(digits+2), so Q0·E < 10^Δ; then
//
//   - R0 >= 1: A' − Q0·(D + x) = R0 − Q0·x > 0, since Q0·x < 1 <= R0, and
//     A'/(D + x) < A'/D < Q0 + 1: Q = Q0, with the remainder
//     R0·10^Δ − Q0·E > 0;
//   - R0 = 0: A'/(D + x) < A'/D = Q0, and A' − (Q0 − 1)(D + x) =
//     D − (Q0 − 1)·x > 0, since (Q0 − 1)·x < 1 <= D: Q = Q0 − 1, with the
//     remainder D·10^Δ − (Q0 − 1)·E > 0.
//
// Either way the remainder is nonzero, and Q is rounded as quo128 rounds
// its quotient (dropping one or two digits, the discarded part compared with
// half a unit, a nonzero remainder breaking a tie upward). The result
// exponent is exp(A) − eexp − s + t for t dropped digits, Quo's.
func quoFar(ah, al uint64, aexp int32, dh, dl uint64, eh, el uint64, eexp int32, delta int64, neg bool, digits int, mode Rounding) (Dec, bool) {
	if digits > 36 || ah|al == 0 || dh|dl == 0 || eh|el == 0 {
		return Dec{}, false
	}
	nA, nD, nE := digits128(ah, al), digits128(dh, dl), digits128(eh, el)
	if delta < int64(nE)+int64(digits)+2 || delta > 2*MaxDigits {
		return Dec{}, false
	}
	sp := digits + nD - nA + 1
	if sp < 0 {
		return Dec{}, false
	}
	// A' = A·10^s' has digits+digits(D)+1 <= 75 digits: below 2^256.
	U0, U1, U2, U3, ok := scaleW(ah, al, sp)
	if !ok {
		return Dec{}, false
	}
	var qh, ql uint64
	var exact bool // R0 = 0
	switch {
	case dh == 0 && dl == 1:
		// D = 1 (the weights' 1 + e^b): Q0 = A', R0 = 0.
		if U2|U3 != 0 {
			return Dec{}, false // cannot happen: Q0 < 10^38
		}
		qh, ql, exact = U1, U0, true
	case dh == 0:
		var q w256
		U := w256{U0, U1, U2, U3}
		r := divSmall256(&q, &U, dl)
		if q[2]|q[3] != 0 {
			return Dec{}, false // cannot happen: Q0 < 10^38
		}
		qh, ql, exact = q[1], q[0], r == 0
	default:
		var r1, r0 uint64
		if qh, ql, r1, r0, _, ok = div256by128(U0, U1, U2, U3, dh, dl, nil); !ok {
			return Dec{}, false
		}
		exact = r1|r0 == 0
	}
	if exact {
		var b uint64
		ql, b = bits.Sub64(ql, 1, 0)
		qh -= b // Q0 >= 10^digits: no borrow out
	}
	// Q has digits+1 or digits+2 digits (as Quo's scaling guarantees); the
	// remainder is nonzero.
	return roundQuotient(qh, ql, int64(aexp)-int64(eexp)-delta-int64(sp), digits, mode, neg, true)
}
