package dec

import (
	"math/big"
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
	c, exp := normalize(d.coefBig(), int(d.exp))
	digits := new(big.Int).Abs(c).String()
	var b strings.Builder
	if c.Sign() < 0 {
		b.WriteByte('-')
	}
	n := len(digits)
	adj := exp + n - 1
	switch {
	case adj < plainMinAdj || adj > plainMaxAdj:
		b.WriteByte(digits[0])
		if n > 1 {
			b.WriteByte('.')
			b.WriteString(digits[1:])
		}
		b.WriteByte('e')
		if adj >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(adj))
	case exp >= 0:
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", exp))
	case adj >= 0:
		b.WriteString(digits[:adj+1])
		b.WriteByte('.')
		b.WriteString(digits[adj+1:])
	default:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -adj-1))
		b.WriteString(digits)
	}
	return b.String()
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
