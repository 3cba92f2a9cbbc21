package bad

import (
	crand "crypto/rand"  // want import
	"math/rand"          // want import
	rand2 "math/rand/v2" // want import

	"gonum.org/v1/gonum/floats" // want import
)

func random() int {
	_ = crand.Reader
	_ = rand2.IntN
	return rand.Intn(3)
}

func gonumSum() {
	_ = floats.Sum // want float
}
