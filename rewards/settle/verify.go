package settle

import (
	"bytes"
	"fmt"
)

// Mismatch is the first difference between a claimed settlement and the
// recomputed one, in canonical-encoding terms (see Canonical).
type Mismatch struct {
	// Path is the canonical path of the first differing leaf, for example
	// "settlement.distribution.inferers.payouts[3].value".
	Path string
	// Claimed and Computed are the canonical values at Path; an empty string
	// means the leaf is absent on that side.
	Claimed, Computed string
}

func (m *Mismatch) Error() string {
	return fmt.Sprintf("%v at %s: claimed %q, computed %q", ErrMismatch, m.Path, m.Claimed, m.Computed)
}

// Unwrap makes errors.Is(err, ErrMismatch) hold.
func (m *Mismatch) Unwrap() error { return ErrMismatch }

// Verify recomputes the epoch (prev, in, p) and compares it with claimed.
// It returns nil when they are identical (same canonical encoding, hence
// the same Digest), a *Mismatch naming the first differing leaf otherwise,
// or the error that recomputing produced.
func Verify(prev State, in Input, p Params, claimed Result) error {
	got, err := Epoch(prev, in, p)
	if err != nil {
		return fmt.Errorf("recompute: %w", err)
	}
	return Compare(claimed, got)
}

// Compare returns nil when claimed and computed have the same canonical
// encoding, and a *Mismatch for the first differing leaf otherwise.
//
// The two encodings are hashed first (streamed, never held whole); only
// when the digests differ are they written out to find the leaf.
func Compare(claimed, computed any) error {
	da, db, err := both(Digest, claimed, computed)
	if err != nil || da == db {
		return err
	}
	a, b, err := both(Canonical, claimed, computed)
	if err != nil {
		return err
	}
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y []byte
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if bytes.Equal(x, y) {
			continue
		}
		px, vx, _ := bytes.Cut(x, []byte("="))
		py, vy, _ := bytes.Cut(y, []byte("="))
		m := &Mismatch{Path: string(px), Claimed: string(vx), Computed: string(vy)}
		if !bytes.Equal(px, py) {
			// The structures diverge here (a list of another length, an
			// absent part). If the claimed leaf exists further on in the
			// computed encoding, the claim lacks the computed leaf;
			// otherwise the claimed leaf is extra.
			if len(x) == 0 || hasPath(lb[i:], px) {
				m = &Mismatch{Path: string(py), Computed: string(vy)}
			} else {
				m = &Mismatch{Path: string(px), Claimed: string(vx)}
			}
		}
		return m
	}
	return nil
}

// hasPath reports whether one of lines has the given path.
func hasPath(lines [][]byte, path []byte) bool {
	for _, l := range lines {
		if p, _, _ := bytes.Cut(l, []byte("=")); bytes.Equal(p, path) {
			return true
		}
	}
	return false
}

// both applies f to claimed, then to computed, naming the side that failed.
func both[T any](f func(any) (T, error), claimed, computed any) (a, b T, err error) {
	if a, err = f(claimed); err != nil {
		return a, b, fmt.Errorf("claimed: %w", err)
	}
	if b, err = f(computed); err != nil {
		return a, b, fmt.Errorf("computed: %w", err)
	}
	return a, b, nil
}
