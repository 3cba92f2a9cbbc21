package dec

import (
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Plain notation is used for numbers whose most significant digit has an
// exponent in [plainMinAdj, plainMaxAdj]; scientific notation otherwise.
const (
	plainMinAdj = -25
	plainMaxAdj = 45
)

// String returns the canonical text of d, which depends only on the number
// (not on its representation) and parses back to the same number:
//
//   - zero is "0";
//   - trailing zeros are removed, there is no "+" sign and no leading zeros;
//   - if the exponent of the most significant digit lies in [-25, 45] the
//     number is written in plain notation ("-0.00125", "1500");
//   - otherwise it is written as one digit, an optional fraction, "e" and a
//     signed exponent ("1.25e-30", "7e+50").
func (d Dec) String() string {
	if d.IsZero() {
		return "0"
	}
	var buf [40]byte
	var digits []byte
	exp := int(d.exp)
	if d.big == nil {
		digits = appendW128(buf[:0], d.hi, d.lo)
		for len(digits) > 1 && digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
			exp++
		}
	} else {
		var c *big.Int
		c, exp = normalize(d.big, exp)
		digits = c.Abs(c).Append(buf[:0], 10)
	}
	var b strings.Builder
	n := len(digits)
	adj := exp + n - 1
	b.Grow(n + max(exp, -adj, 0) + 10)
	if d.neg {
		b.WriteByte('-')
	}
	switch {
	case adj < plainMinAdj || adj > plainMaxAdj:
		b.WriteByte(digits[0])
		if n > 1 {
			b.WriteByte('.')
			b.Write(digits[1:])
		}
		b.WriteByte('e')
		if adj >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(adj))
	case exp >= 0:
		b.Write(digits)
		writeZeros(&b, exp)
	case adj >= 0:
		b.Write(digits[:adj+1])
		b.WriteByte('.')
		b.Write(digits[adj+1:])
	default:
		b.WriteString("0.")
		writeZeros(&b, -adj-1)
		b.Write(digits)
	}
	return b.String()
}

func writeZeros(b *strings.Builder, n int) {
	for range n {
		b.WriteByte('0')
	}
}

// AppendCoef appends the decimal digits of |c| to dst, c being d's
// coefficient as it is held (trailing zeros kept), and returns them with
// d's exponent and sign: d = ±c·10^exp. d must not be zero. A coefficient
// below 2^128 is converted on its words without allocating.
func (d Dec) AppendCoef(dst []byte) (digits []byte, exp int32, neg bool) {
	if d.big == nil {
		return appendW128(dst, d.hi, d.lo), d.exp, d.neg
	}
	return new(big.Int).Abs(d.big).Append(dst, 10), d.exp, d.neg
}

// AppendW128 appends the decimal digits of hi·2^64 + lo (> 0) to dst.
func AppendW128(dst []byte, hi, lo uint64) []byte { return appendW128(dst, hi, lo) }

// appendW128 appends the decimal digits of hi·2^64 + lo (> 0) to dst.
func appendW128(dst []byte, hi, lo uint64) []byte {
	const e19 = 10_000_000_000_000_000_000
	// Three chunks of at most 19 digits: hi·2^64+lo = (q2·10^19 + r2)·10^19 + r1.
	qh, rh := hi/e19, hi%e19
	ql, r1 := bits.Div64(rh, lo, e19)
	q2, r2 := bits.Div64(qh, ql, e19)
	var tmp [57]byte
	i := len(tmp)
	for _, c := range [2]uint64{r1, r2} {
		for range 19 {
			i--
			tmp[i] = byte('0' + c%10)
			c /= 10
		}
	}
	for q2 > 0 {
		i--
		tmp[i] = byte('0' + q2%10)
		q2 /= 10
	}
	for i < len(tmp)-1 && tmp[i] == '0' {
		i++
	}
	return append(dst, tmp[i:]...)
}

// normalize strips trailing decimal zeros from c.
func normalize(c *big.Int, exp int) (*big.Int, int) {
	ten := big.NewInt(10)
	var q, r big.Int
	x := new(big.Int).Set(c)
	for x.Sign() != 0 {
		q.QuoRem(x, ten, &r)
		if r.Sign() != 0 {
			break
		}
		x.Set(&q)
		exp++
	}
	return x, exp
}
