package dec

import "math/big"

// coefBig returns d's signed coefficient as a *big.Int (0 for zero). The
// result may be shared with d and must not be mutated.
func (d Dec) coefBig() *big.Int {
	if d.coef == nil {
		return bigZero
	}
	return d.coef
}
