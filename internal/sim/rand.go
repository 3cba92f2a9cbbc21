package sim

import "github.com/netmath/netmath/internal/dec"

// stream is a splitmix64 generator (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", 2014). It uses only uint64 arithmetic, so
// its output is identical on every architecture; no float64 is involved.
type stream struct{ s uint64 }

const (
	golden = 0x9e3779b97f4a7c15
	mix1   = 0xbf58476d1ce4e5b9
	mix2   = 0x94d049bb133111eb
)

// next returns the next 64 pseudorandom bits.
func (r *stream) next() uint64 {
	r.s += golden
	z := r.s
	z = (z ^ (z >> 30)) * mix1
	z = (z ^ (z >> 27)) * mix2
	return z ^ (z >> 31)
}

// newStream returns the stream of one purpose of a run: the seed and the
// purpose's name (for example "inferer/3") are hashed (FNV-1a, then one
// splitmix64 step) into the initial state, so every actor draws from its own
// sequence and adding an actor does not change the others' draws.
func newStream(seed uint64, name string) *stream {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	r := &stream{s: seed ^ h}
	r.s = r.next()
	return r
}

// uniformDigits is the number of decimal digits of a uniform draw.
const uniformDigits = 15

const (
	uniformScale = 1_000_000_000_000_000 // 10^uniformDigits
	// uniformLimit is the largest multiple of uniformScale that fits in a
	// uint64; draws at or above it are rejected so that every residue is
	// equally likely.
	uniformLimit = (1<<64 - 1) / uniformScale * uniformScale
)

// uniformInt returns an integer uniformly distributed in [0, 10^15).
func (r *stream) uniformInt() int64 {
	for {
		if x := r.next(); x < uniformLimit {
			return int64(x % uniformScale)
		}
	}
}

// Uniform returns a decimal uniformly distributed on the grid
// {0, 10^-15, ..., 1 − 10^-15}.
func (r *stream) uniform() dec.Dec { return dec.New(r.uniformInt(), -uniformDigits) }

// gauss returns an approximately standard normal decimal: the Irwin–Hall sum
// of 12 uniforms minus 6 (mean 0, variance 1, support [−6, 6]), computed on
// integers and exact to 15 decimal places.
func (r *stream) gauss() dec.Dec {
	var s int64
	for range 12 {
		s += r.uniformInt()
	}
	return dec.New(s-6*uniformScale, -uniformDigits)
}

// intn returns an integer uniformly distributed in [0, n), n > 0.
func (r *stream) intn(n uint64) uint64 {
	limit := (1<<64 - 1) / n * n
	for {
		if x := r.next(); x < limit {
			return x % n
		}
	}
}
