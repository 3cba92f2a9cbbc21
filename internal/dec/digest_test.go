package dec_test

// Cross-architecture determinism. TestDigest computes a fixed batch of core
// outputs over varied inputs, contexts and functions, hashes their canonical
// text with SHA-256 and compares the hash with testdata/dec/digest.txt. CI
// runs it natively (amd64) and under qemu-aarch64-static (arm64): both must
// give the committed digest, so any architecture-dependent result, or any
// change of a result (a consensus break), fails.
//
//	go test -run TestDigest -v ./internal/dec/                   # logs "DIGEST core <sha256>"
//	go test -run TestDigest ./internal/dec/ -update               # rewrites digest.txt
//	go test -run TestDigest ./internal/dec/ -digest.dump=/tmp/l   # writes the lines
//	GOARCH=arm64 go test -exec qemu-aarch64-static -run TestDigest ./internal/dec/
//
// TestFloat64Canary shows that the same check has teeth: a float64
// x*y+z loop hashes differently on arm64 (where the compiler fuses it into
// one FMA instruction) than on amd64.

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

var (
	updateDigest = flag.Bool("update", false, "rewrite testdata/dec/digest.txt and the float64 canary digests")
	digestDump   = flag.String("digest.dump", "", "write the digest's input lines to this file")
)

// digestRand is a fixed SplitMix64 generator (no dependency on math/rand's
// algorithms, which could change between Go releases).
type digestRand struct{ s uint64 }

func (r *digestRand) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *digestRand) intn(n int) int { return int(r.next() % uint64(n)) }

// dec returns a decimal with 1..maxDigits digits, leading exponent in
// [minAdj, maxAdj], negative with probability 1/2 when signed.
func (r *digestRand) dec(maxDigits, minAdj, maxAdj int, signed bool) dec.Dec {
	n := 1 + r.intn(maxDigits)
	var b strings.Builder
	if signed && r.intn(2) == 1 {
		b.WriteByte('-')
	}
	b.WriteByte(byte('1' + r.intn(9)))
	for i := 1; i < n; i++ {
		b.WriteByte(byte('0' + r.intn(10)))
	}
	adj := minAdj + r.intn(maxAdj-minAdj+1)
	b.WriteString("e" + strconv.Itoa(adj-n+1))
	return dec.MustParse(b.String())
}

// errName names the sentinel an error wraps.
func errName(err error) string {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return strings.TrimPrefix(s.Error(), "dec: ")
		}
	}
	return "untyped: " + err.Error()
}

func fmtRes(v dec.Dec, err error) string {
	if err != nil {
		return "error(" + errName(err) + ")"
	}
	return v.String()
}

// digestLines returns the fixed batch: about 3700 lines "ctx op(args) = result".
func digestLines() []string {
	r := &digestRand{s: 20260101}
	var ctxs []dec.Context
	for _, pc := range []struct {
		p int
		m dec.Rounding
	}{{34, dec.RoundDown}, {34, dec.RoundHalfEven}, {16, dec.RoundUp}, {50, dec.RoundFloor}, {7, dec.RoundCeiling}, {100, dec.RoundHalfUp}} {
		c, err := dec.NewContext(pc.p, pc.m)
		if err != nil {
			panic(err)
		}
		ctxs = append(ctxs, c)
	}
	var lines []string
	emit := func(c dec.Context, op string, res string, args ...dec.Dec) {
		as := make([]string, len(args))
		for i, a := range args {
			as[i] = a.String()
		}
		lines = append(lines, fmt.Sprintf("%s %s(%s) = %s", c, op, strings.Join(as, ", "), res))
	}
	list := func(n int, g func() dec.Dec) []dec.Dec {
		xs := make([]dec.Dec, n)
		for i := range xs {
			xs[i] = g()
		}
		return xs
	}
	for i := 0; i < 200; i++ {
		c := ctxs[i%len(ctxs)]
		small := r.dec(40, -8, 1, true)    // |x| < 100
		wide := r.dec(40, -400, 400, true) // anywhere in the range
		expArg := r.dec(36, -40, 2, true)  // includes overflow and flush beyond ±925
		pos := wide.Abs()
		if pos.IsZero() {
			pos = dec.One()
		}
		y := r.dec(20, -6, 1, true)
		v, err := c.Exp(expArg)
		emit(c, "Exp", fmtRes(v, err), expArg)
		v, err = c.Exp(small)
		emit(c, "Exp", fmtRes(v, err), small)
		v, err = c.Ln(pos)
		emit(c, "Ln", fmtRes(v, err), pos)
		v, err = c.Ln(small)
		emit(c, "Ln", fmtRes(v, err), small)
		v, err = c.Log10(pos)
		emit(c, "Log10", fmtRes(v, err), pos)
		v, err = c.Pow10(small)
		emit(c, "Pow10", fmtRes(v, err), small)
		v, err = c.Sqrt(wide)
		emit(c, "Sqrt", fmtRes(v, err), wide)
		v, err = c.Tanh(small)
		emit(c, "Tanh", fmtRes(v, err), small)
		v, err = c.Pow(small.Abs(), y)
		emit(c, "Pow", fmtRes(v, err), small.Abs(), y)
		n := dec.FromInt64(int64(r.intn(41) - 20))
		v, err = c.Pow(small, n)
		emit(c, "Pow", fmtRes(v, err), small, n)
		v, err = c.Mul(wide, small)
		emit(c, "Mul", fmtRes(v, err), wide, small)
		v, err = c.Quo(small, wide)
		emit(c, "Quo", fmtRes(v, err), small, wide)
		v, err = c.QuoInteger(wide, small)
		emit(c, "QuoInteger", fmtRes(v, err), wide, small)
		v, err = c.Round(wide)
		emit(c, "Round", fmtRes(v, err), wide)
		emit(c, "Add", wide.Add(small).String(), wide, small)
		p, cc := r.dec(3, -1, 1, false), r.dec(5, -2, 0, true)
		v, err = c.Phi(p, cc, y)
		emit(c, "Phi", fmtRes(v, err), p, cc, y)
		v, err = c.Gradient(p, cc, y)
		emit(c, "Gradient", fmtRes(v, err), p, cc, y)
		v, err = c.Sigmoid(small)
		emit(c, "Sigmoid", fmtRes(v, err), small)
		b := r.dec(20, -6, 1, true)
		v, err = c.Exp1DivExp1(y, b)
		emit(c, "Exp1DivExp1", fmtRes(v, err), y, b)
		alpha := dec.New(int64(r.intn(1001)), -3)
		v, err = c.EMA(alpha, small, y, r.intn(8) == 0)
		emit(c, "EMA", fmtRes(v, err), alpha, small, y)
	}
	for i := 0; i < 60; i++ {
		c := ctxs[i%len(ctxs)]
		xs := list(1+r.intn(25), func() dec.Dec { return r.dec(34, -5, 5, true) })
		ws := list(len(xs), func() dec.Dec { return r.dec(6, -2, 2, false) })
		q := dec.New(int64(r.intn(10001)), -4)
		v, err := c.Quantile(xs, q)
		emit(c, "Quantile", fmtRes(v, err), append(xs, q)...)
		v, err = c.Median(xs)
		emit(c, "Median", fmtRes(v, err), xs...)
		mad, med, err := c.MAD(xs)
		emit(c, "MAD", fmtRes(mad, err)+" "+fmtRes(med, err), xs...)
		v, err = c.Mean(xs)
		emit(c, "Mean", fmtRes(v, err), xs...)
		v, err = c.StdDev(xs)
		emit(c, "StdDev", fmtRes(v, err), xs...)
		pcts := []dec.Dec{dec.Zero(), dec.New(int64(r.intn(1001)), -1), dec.FromInt64(100)}
		out, err := c.WeightedPercentile(xs, ws, pcts)
		res := make([]string, len(out))
		for j, o := range out {
			res[j] = o.String()
		}
		emit(c, "WeightedPercentile", strings.Join(res, " ")+" "+fmtRes(dec.Zero(), err), append(append(xs, ws...), pcts...)...)
	}
	return lines
}

func digestOf(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// goldenDigest reads "key value" lines of testdata/dec/digest.txt.
func goldenDigest(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(vectorDir, "digest.txt"))
	if err != nil {
		t.Fatalf("golden digest: %v (create it with -update)", err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		k, v, _ := strings.Cut(l, " ")
		m[k] = strings.TrimSpace(v)
	}
	return m
}

func writeGolden(t *testing.T, set map[string]string) {
	t.Helper()
	path := filepath.Join(vectorDir, "digest.txt")
	m := map[string]string{}
	if _, err := os.Stat(path); err == nil {
		m = goldenDigest(t)
	}
	for k, v := range set {
		m[k] = v
	}
	var b strings.Builder
	b.WriteString("# Golden digests of internal/dec (digest_test.go). Regenerate only on purpose:\n")
	b.WriteString("#   go test -run 'TestDigest|TestFloat64Canary' ./internal/dec/ -update            (amd64)\n")
	b.WriteString("#   GOARCH=arm64 go test -exec qemu-aarch64-static -run TestFloat64Canary ./internal/dec/ -update\n")
	b.WriteString("# A changed core digest means a changed result: a consensus break, list it in the changelog.\n")
	for _, k := range []string{"core", "core-lines", "float64-amd64", "float64-arm64"} {
		if v, ok := m[k]; ok {
			b.WriteString(k + " " + v + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDigest(t *testing.T) {
	lines := digestLines()
	got := digestOf(lines)
	// .ci/run compares the "DIGEST <name> <hex>" lines between amd64 and arm64.
	t.Logf("DIGEST core %s (%d outputs, %s/%s)", got, len(lines), runtime.GOOS, runtime.GOARCH)
	for _, l := range lines {
		if strings.Contains(l, "untyped") {
			t.Errorf("untyped error: %s", l)
		}
	}
	if *digestDump != "" {
		if err := os.WriteFile(*digestDump, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *updateDigest {
		writeGolden(t, map[string]string{"core": got, "core-lines": strconv.Itoa(len(lines))})
		return
	}
	g := goldenDigest(t)
	if g["core"] != got || g["core-lines"] != strconv.Itoa(len(lines)) {
		t.Errorf("core digest %s (%d lines) differs from the golden %s (%s lines): a result changed.\n"+
			"Compare with -digest.dump on both sides; update only for an intended, documented change (-update).",
			got, len(lines), g["core"], g["core-lines"])
	}
}

// fmaCanary runs a float64 recurrence of x*y+z. The Go spec lets the
// compiler fuse x*y+z into one fused multiply-add (rounded once); the arm64
// backend does, amd64 (without GOAMD64=v3) does not, so the low bits differ.
func fmaCanary() (digest string, fusedLike, plainLike int) {
	h := sha256.New()
	x, y, z := 0.1, 1.0000001, 0.3
	var buf [8]byte
	for i := 0; i < 10000; i++ {
		r := x*y + z              // may be fused
		plain := float64(x*y) + z // explicit conversion forbids fusion
		if r == plain {
			plainLike++
		}
		if r == math.FMA(x, y, z) {
			fusedLike++
		}
		bits := math.Float64bits(r)
		for k := range buf {
			buf[k] = byte(bits >> (8 * k))
		}
		h.Write(buf[:])
		x, y, z = z, r/3, x+0.7
	}
	return hex.EncodeToString(h.Sum(nil)), fusedLike, plainLike
}

// buildSetting returns a build setting of the test binary ("" if absent).
func buildSetting(key string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == key {
				return s.Value
			}
		}
	}
	return ""
}

// TestFloat64Canary: the float64 digest on this architecture must equal
// the golden one for it, and the amd64 and arm64 goldens must differ,
// which proves a digest comparison catches float64 in a result path.
func TestFloat64Canary(t *testing.T) {
	got, fused, plain := fmaCanary()
	t.Logf("CANARY float64 %s (%s; of 10000 x*y+z: %d equal the unfused value, %d equal math.FMA)", got, runtime.GOARCH, plain, fused)
	key := "float64-" + runtime.GOARCH
	if lvl := buildSetting("GOAMD64"); runtime.GOARCH == "amd64" && lvl != "" && lvl != "v1" {
		// GOAMD64=v3 lets the amd64 compiler fuse x*y+z too.
		t.Skipf("the golden amd64 canary is for GOAMD64=v1; this binary is %s", lvl)
	}
	if *updateDigest {
		writeGolden(t, map[string]string{key: got})
		return
	}
	g := goldenDigest(t)
	if want, ok := g[key]; !ok {
		t.Skipf("no golden float64 digest for %s", runtime.GOARCH)
	} else if want != got {
		t.Errorf("float64 canary %s differs from the golden %s for %s", got, want, runtime.GOARCH)
	}
	if g["float64-amd64"] == g["float64-arm64"] {
		t.Errorf("float64 canary is the same on amd64 and arm64: the cross-architecture check would not see float64")
	}
}
