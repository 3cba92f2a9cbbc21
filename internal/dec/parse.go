package dec

import (
	"fmt"
	"math/big"
	"math/bits"
	"strings"
)

// maxParseLen bounds the length of a string Parse looks at: MaxDigits digits
// plus room for a sign, a point, leading zeros and an exponent. Longer input
// is rejected before any work is done.
const maxParseLen = MaxDigits + 64

// Parse reads a decimal number: an optional sign, digits with an optional
// fraction, and an optional exponent ("-12.5", ".5", "3e-7", "1.2E+30").
// Leading zeros are allowed. Whitespace, thousands separators, hexadecimal,
// NaN and infinities are not.
//
// Errors wrap ErrSyntax (not a number), ErrNotFinite (NaN or an infinity) or
// ErrRange (more than MaxDigits significant digits, or a magnitude outside
// [1e-400, 1e401)). Parse does O(len(s)) work and rejects input longer than
// MaxDigits+64 bytes at once.
func Parse(s string) (Dec, error) {
	if len(s) == 0 {
		return Dec{}, fmt.Errorf("%w: empty string", ErrSyntax)
	}
	if len(s) > maxParseLen {
		return Dec{}, fmt.Errorf("%w: %d-byte number (max %d)", ErrRange, len(s), maxParseLen)
	}
	if isNonFinite(s) {
		return Dec{}, fmt.Errorf("%w: %q", ErrNotFinite, s)
	}
	i := 0
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		i++
	}
	// The significant digits are accumulated in two words while there are
	// at most 38 of them; longer coefficients are read again below.
	var hi, lo uint64
	ndigits, first := 0, 0
	seenDigit, seenPoint := false, false
	frac := 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			seenDigit = true
			if seenPoint {
				frac++
			}
			if c == '0' && ndigits == 0 {
				continue // leading zero
			}
			if ndigits == 0 {
				first = i
			}
			if ndigits < 38 {
				h, l := bits.Mul64(lo, 10)
				var cy uint64
				lo, cy = bits.Add64(l, uint64(c-'0'), 0)
				hi = hi*10 + h + cy
			}
			ndigits++
		case c == '.' && !seenPoint:
			seenPoint = true
		default:
			goto exponent
		}
	}
exponent:
	if !seenDigit {
		return Dec{}, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	var e int64
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return Dec{}, fmt.Errorf("%w: %q", ErrSyntax, s)
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return Dec{}, fmt.Errorf("%w: %q has an empty exponent", ErrSyntax, s)
		}
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return Dec{}, fmt.Errorf("%w: %q", ErrSyntax, s)
			}
			if e < 1e7 {
				e = e*10 + int64(c-'0')
			}
		}
		if eneg {
			e = -e
		}
	}
	if ndigits == 0 {
		return Dec{}, nil
	}
	if ndigits > MaxDigits {
		return Dec{}, fmt.Errorf("%w: %d significant digits (max %d)", ErrRange, ndigits, MaxDigits)
	}
	exp := e - int64(frac)
	adj := exp + int64(ndigits) - 1
	if adj > MaxAdjExp || adj < MinAdjExp {
		return Dec{}, fmt.Errorf("%w: magnitude 1e%d outside [1e%d, 1e%d]", ErrRange, adj, MinAdjExp, MaxAdjExp+1)
	}
	if ndigits <= 38 {
		return Dec{lo: lo, hi: hi, signExp: signExp{exp: int32(exp), neg: neg}}, nil
	}
	digits := make([]byte, 0, ndigits)
	for j := first; len(digits) < ndigits; j++ {
		if s[j] != '.' {
			digits = append(digits, s[j])
		}
	}
	c, ok := new(big.Int).SetString(string(digits), 10)
	if !ok {
		return Dec{}, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	if neg {
		c.Neg(c)
	}
	return mk(c, int32(exp)), nil
}

func isNonFinite(s string) bool {
	t := strings.ToLower(strings.TrimLeft(s, "+-"))
	return t == "nan" || t == "inf" || t == "infinity" || t == "snan" || t == "qnan"
}

// MustParse is Parse for constants in code and tests; it panics on error and
// must never see external input.
func MustParse(s string) Dec {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// UnmarshalText implements encoding.TextUnmarshaler with Parse.
func (d *Dec) UnmarshalText(b []byte) error {
	if len(b) > maxParseLen {
		// Reject before copying external input into a string.
		return fmt.Errorf("%w: %d-byte number (max %d)", ErrRange, len(b), maxParseLen)
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalText implements encoding.TextMarshaler with String, so JSON holds
// decimals as strings.
func (d Dec) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
