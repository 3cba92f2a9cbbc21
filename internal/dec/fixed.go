package dec

import (
	"math/big"
	"strings"
)

// Fixed-point helpers for the transcendental functions. A fixed-point number
// at scale s is an integer X standing for X / 10^s. Every helper truncates
// toward zero and documents its error in units of the last place (10^-s).

// ln10Digits is ln 10 to 318 decimal places (Python decimal, prec 330).
const ln10Digits = "2.30258509299404568401799145468436420760110148862877297603332790096757260967735248023599720508959829834196778404228624863340952546508280675666628736909878168948290720832555468084379989482623319852839350530896537773262884616336622228769821988674654366747440424327436515504893431493939147961940440022210510171417480036880840"

// maxFixedScale is the largest scale fixLn10 supports.
const maxFixedScale = len(ln10Digits) - 2

// fixLn10 returns ln 10 at scale s (error < 1 unit), s <= maxFixedScale.
func fixLn10(s int) *big.Int {
	if s > maxFixedScale {
		s = maxFixedScale // callers never need more; keeps the function total
	}
	x, _ := new(big.Int).SetString(strings.Replace(ln10Digits[:s+2], ".", "", 1), 10)
	return x
}

// toFixed returns d at scale s, truncated toward zero (error < 1 unit).
func toFixed(d Dec, s int) *big.Int {
	if d.IsZero() {
		return new(big.Int)
	}
	e := int(d.exp) + s
	if e >= 0 {
		return new(big.Int).Mul(d.coefBig(), pow10(e))
	}
	return new(big.Int).Quo(d.coefBig(), pow10(-e))
}

// fixMul returns x·y at scale s (error < 1 unit).
func fixMul(x, y *big.Int, s int) *big.Int {
	z := new(big.Int).Mul(x, y)
	return z.Quo(z, pow10(s))
}

// fixExpSmall returns e^x at scale s for |x| <= 2.5 (x at scale s). The
// result has a relative error below 2^13 units (argument halving by 2^8,
// Taylor series, then 8 squarings).
func fixExpSmall(x *big.Int, s int) *big.Int {
	one := pow10(s)
	r := new(big.Int).Quo(x, big.NewInt(256))
	sum := new(big.Int).Set(one)
	term := new(big.Int).Set(one)
	for i := int64(1); ; i++ {
		term.Mul(term, r)
		term.Quo(term, one)
		term.Quo(term, big.NewInt(i))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	for i := 0; i < 8; i++ {
		sum.Mul(sum, sum)
		sum.Quo(sum, one)
	}
	return sum
}

// fixLnNear1 returns ln m at scale s for a fixed-point m in [0.3, 3.2]. The
// absolute error is below 2^8 units: four square roots bring m within 8% of
// 1, then ln m = 32·atanh((t-1)/(t+1)) by its odd power series.
func fixLnNear1(m *big.Int, s int) *big.Int {
	one := pow10(s)
	t := new(big.Int).Set(m)
	for i := 0; i < 4; i++ {
		t.Mul(t, one)
		t.Sqrt(t)
	}
	num := new(big.Int).Sub(t, one)
	den := new(big.Int).Add(t, one)
	z := num.Mul(num, one)
	z.Quo(z, den)
	z2 := fixMul(z, z, s)
	sum := new(big.Int).Set(z)
	pw := new(big.Int).Set(z)
	term := new(big.Int)
	for k := int64(3); ; k += 2 {
		pw = fixMul(pw, z2, s)
		term.Quo(pw, big.NewInt(k))
		if term.Sign() == 0 {
			break
		}
		sum.Add(sum, term)
	}
	return sum.Lsh(sum, 5)
}
