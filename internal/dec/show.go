package dec

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// showMaxBits is the largest coefficient Show prints in full (about 60
// digits); a larger one is described by its size.
const showMaxBits = 200

// Show returns a short, bounded description of an unvalidated shopspring
// decimal for an error message: "<coefficient>e<exponent>" (for example
// "-15e-1" for −1.5), or "<N-bit coefficient>e<exponent>" when the
// coefficient exceeds 200 bits. Its length is at most about 80 bytes
// whatever d is. Never format an input decimal.Decimal with %s or %v
// (decimal.Decimal.String writes every digit of the exponent: "1e2147483647"
// would become two billion characters); the determinism linter (rule
// "format") enforces this.
func Show(d decimal.Decimal) string {
	c := d.Coefficient()
	var b []byte
	if c.BitLen() > showMaxBits {
		b = append(b, '<')
		if c.Sign() < 0 {
			b = append(b, '-')
		}
		b = strconv.AppendInt(b, int64(c.BitLen()), 10)
		b = append(b, "-bit coefficient>"...)
	} else {
		b = c.Append(b, 10)
	}
	b = append(b, 'e')
	b = strconv.AppendInt(b, int64(d.Exponent()), 10)
	return string(b)
}
