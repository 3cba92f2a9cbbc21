// Package determinism is the test support of the settlement determinism
// tests (internal/conform and internal/sim digest_test.go): a seeded
// permutation of every input list of a settlement (Shuffle), the run digest
// (SHA-256 over the sequence of settle.Digest values, Run) and golden
// digest files (Golden).
//
// CI (.ci/run) runs those tests on amd64, on arm64 under qemu and once with
// -race, and compares the "DIGEST <name> <sha256>" lines they log.
package determinism

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Rand is SplitMix64: a fixed generator, independent of math/rand's
// algorithms (which may change between Go releases).
type Rand struct{ s uint64 }

// NewRand returns a generator seeded with seed.
func NewRand(seed uint64) *Rand { return &Rand{s: seed} }

// Uint64 returns the next value.
func (r *Rand) Uint64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Intn returns a value in [0, n) (n > 0; the modulo bias is irrelevant
// here).
func (r *Rand) Intn(n int) int { return int(r.Uint64() % uint64(n)) }

// Shuffle returns a deep copy of v in which the elements of every slice of
// records (structs whose fields are all exported) are permuted
// (Fisher–Yates with r), at every depth: the submissions, forecast
// elements, reports and their loss lists of a settle.Input, the stores and
// score history of a settle.State. Slices of other element types keep their
// order: a loss.Vector (label values, []decimal.Decimal), a label registry
// ([]string); so do slices whose type is in keep. Structs with unexported
// fields (decimal.Decimal) are copied by value; v itself is not modified.
// It returns the number of slices permuted (of two or more elements).
func Shuffle[T any](v T, r *Rand, keep ...reflect.Type) (T, int) {
	s := shuffler{r: r, keep: keep}
	out := s.copy(reflect.ValueOf(&v).Elem())
	return out.Interface().(T), s.n
}

type shuffler struct {
	r    *Rand
	keep []reflect.Type
	n    int
}

func (s *shuffler) copy(v reflect.Value) reflect.Value {
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(s.copy(v.Elem()))
		return p
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(t, v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(s.copy(v.Index(i)))
		}
		if record(t.Elem()) && !slices.Contains(s.keep, t) && out.Len() > 1 {
			swap := reflect.Swapper(out.Interface())
			for i := out.Len() - 1; i > 0; i-- {
				swap(i, s.r.Intn(i+1))
			}
			s.n++
		}
		return out
	case reflect.Struct:
		if !record(t) {
			return v
		}
		out := reflect.New(t).Elem()
		for i := 0; i < t.NumField(); i++ {
			out.Field(i).Set(s.copy(v.Field(i)))
		}
		return out
	}
	return v
}

// Parallel calls f(i) once for every i in [0, n) from the given number of
// goroutines (worker w takes i = w, w+workers, ...) and returns the first
// error by index. Under -race it exposes shared mutable state between
// concurrent settlements (a chain may settle several topics at once).
func Parallel(n, workers int, f func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				errs[i] = f(i)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// record reports whether t is a struct whose fields are all exported (an
// id-keyed record of the library, not a value type such as
// decimal.Decimal).
func record(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if !t.Field(i).IsExported() {
			return false
		}
	}
	return true
}

// Run is the digest of a sequence of settlements: SHA-256 over their
// settle.Digest values, in order (the simulator's run digest).
type Run struct {
	h hash.Hash
	// N counts the digests added.
	N int
}

// Add appends one settlement digest.
func (r *Run) Add(d [32]byte) {
	if r.h == nil {
		r.h = sha256.New()
	}
	r.h.Write(d[:])
	r.N++
}

// Hex returns the run digest in hex.
func (r *Run) Hex() string {
	if r.h == nil {
		r.h = sha256.New()
	}
	return hex.EncodeToString(r.h.Sum(nil))
}

// Golden compares a run digest with the line "name n hex" of the golden
// file path; with update it writes that line instead (keeping the file's
// other lines and its leading comment header).
func Golden(t testing.TB, path, header, name string, r *Run, update bool) {
	t.Helper()
	lines := map[string]string{}
	if b, err := os.ReadFile(path); err == nil {
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if l == "" || l[0] == '#' {
				continue
			}
			k, v, _ := strings.Cut(l, " ")
			lines[k] = v
		}
	} else if !update {
		t.Fatalf("golden digests %s: %v (create them with -update)", path, err)
	}
	got := strconv.Itoa(r.N) + " " + r.Hex()
	if !update {
		want, ok := lines[name]
		switch {
		case !ok:
			t.Errorf("%s: no golden digest %q (add it with -update)", path, name)
		case want != got:
			t.Errorf("%s: run digest %q is %s, the golden is %s: a settlement result changed "+
				"(a consensus break unless intended; regenerate only then, with -update, and say so in the commit)", path, name, got, want)
		}
		return
	}
	lines[name] = got
	var b strings.Builder
	b.WriteString(header)
	keys := make([]string, 0, len(lines))
	//lint:map-order keys collected and sorted right after
	for k := range lines {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %s\n", k, lines[k])
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
