package decref

import "math/big"

// pow10Table holds 10^0 .. 10^(len-1). It is built once at package
// initialisation and never written afterwards.
var pow10Table = func() []*big.Int {
	t := make([]*big.Int, 256)
	t[0] = big.NewInt(1)
	ten := big.NewInt(10)
	for i := 1; i < len(t); i++ {
		t[i] = new(big.Int).Mul(t[i-1], ten)
	}
	return t
}()

// pow10 returns 10^n for n >= 0. The result must not be mutated.
func pow10(n int) *big.Int {
	if n < len(pow10Table) {
		return pow10Table[n]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}
