package dec_test

// An independent reference for rounding: values read from the generated
// vectors (testdata/dec) are rounded here with plain math/big digit strings,
// not with the core's roundAbs, so the accuracy tests compare two
// implementations.

import (
	"bufio"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/dec"
)

// vectorDir is the repository's generated-vector directory.
const vectorDir = "../../testdata/dec"

// refValue is a reference number: coef·10^exp, exact or an approximation
// whose error is below one unit of coef's last digit; or a value beyond the
// range in either direction (beyond = +1: |v| > 1e1000, -1: |v| < 1e-1000).
type refValue struct {
	neg    bool
	coef   *big.Int // magnitude
	exp    int
	exact  bool
	beyond int
}

// parseRef reads "=<int>e<exp>", "~<int>e<exp>", ">max", "<min" (optionally
// signed).
func parseRef(tok string) (refValue, error) {
	var r refValue
	t := tok
	if strings.HasPrefix(t, "-") && (strings.HasSuffix(t, "max") || strings.HasSuffix(t, "min")) {
		r.neg = true
		t = t[1:]
	}
	switch t {
	case ">max":
		r.beyond = 1
		return r, nil
	case "<min":
		r.beyond = -1
		return r, nil
	}
	if len(t) < 2 || (t[0] != '=' && t[0] != '~') {
		return r, fmt.Errorf("bad reference value %q", tok)
	}
	r.exact = t[0] == '='
	mant, e, ok := strings.Cut(t[1:], "e")
	if !ok {
		return r, fmt.Errorf("bad reference value %q", tok)
	}
	c, ok := new(big.Int).SetString(mant, 10)
	if !ok {
		return r, fmt.Errorf("bad mantissa in %q", tok)
	}
	exp, err := strconv.Atoi(e)
	if err != nil {
		return r, fmt.Errorf("bad exponent in %q", tok)
	}
	r.neg = c.Sign() < 0
	r.coef = c.Abs(c)
	r.exp = exp
	return r, nil
}

// refResult is the expected outcome of a rounded operation.
type refResult struct {
	rangeErr bool
	neg      bool
	coef     *big.Int // normalized (no trailing zeros); zero means 0
	exp      int
}

func (r refResult) String() string {
	if r.rangeErr {
		return "ErrRange"
	}
	if r.coef.Sign() == 0 {
		return "0"
	}
	s := r.coef.String() + "e" + strconv.Itoa(r.exp)
	if r.neg {
		s = "-" + s
	}
	return s
}

// ambiguous reports whether rounding the approximation r to p digits could
// depend on its unknown error: the discarded digits are all 0 or all 9, or
// sit at 4999... or 5000... (a possible tie).
func (r refValue) ambiguous(p int) bool {
	if r.exact || r.beyond != 0 {
		return false
	}
	d := r.coef.String()
	if len(d) <= p+1 {
		return true
	}
	tail := d[p:]
	all := func(s string, c byte) bool { return strings.Count(s, string(c)) == len(s) }
	return all(tail, '0') || all(tail, '9') ||
		(tail[0] == '4' && all(tail[1:], '9')) || (tail[0] == '5' && all(tail[1:], '0'))
}

// round returns r rounded to p significant digits with mode, then checked
// against the core's range: magnitudes of 1e401 or more give ErrRange and
// magnitudes below 1e-400 flush to 0.
func (r refValue) round(p int, mode dec.Rounding) refResult {
	switch r.beyond {
	case 1:
		return refResult{rangeErr: true}
	case -1:
		return refResult{coef: new(big.Int)}
	}
	if r.coef.Sign() == 0 {
		return refResult{coef: new(big.Int)}
	}
	d := r.coef.String()
	exp := r.exp
	kept := d
	var tail string
	if len(d) > p {
		kept, tail = d[:p], d[p:]
		exp += len(d) - p
	}
	// Compare the discarded part with half a unit; an approximation is never
	// exactly zero or exactly half beyond its digits (checked by ambiguous).
	nonzero := !r.exact || strings.Trim(tail, "0") != ""
	var half int // -1 below half, 0 exactly half, +1 above
	switch {
	case tail == "":
		half = -1
	case tail[0] > '5':
		half = 1
	case tail[0] < '5':
		half = -1
	case strings.Trim(tail[1:], "0") != "" || !r.exact:
		half = 1
	default:
		half = 0
	}
	q, _ := new(big.Int).SetString(kept, 10)
	up := false
	if nonzero {
		switch mode {
		case dec.RoundUp:
			up = true
		case dec.RoundFloor:
			up = r.neg
		case dec.RoundCeiling:
			up = !r.neg
		case dec.RoundHalfUp:
			up = half >= 0
		case dec.RoundHalfEven:
			up = half > 0 || (half == 0 && q.Bit(0) == 1)
		}
	}
	if up {
		q.Add(q, big.NewInt(1))
	}
	res := normalizeRef(refResult{neg: r.neg, coef: q, exp: exp})
	if res.coef.Sign() != 0 {
		adj := res.exp + len(res.coef.String()) - 1
		if adj > dec.MaxAdjExp {
			return refResult{rangeErr: true}
		}
		if adj < dec.MinAdjExp {
			return refResult{coef: new(big.Int)}
		}
	}
	return res
}

func normalizeRef(r refResult) refResult {
	if r.coef.Sign() == 0 {
		return refResult{coef: new(big.Int)}
	}
	c := new(big.Int).Set(r.coef)
	ten := big.NewInt(10)
	var q, m big.Int
	for {
		q.QuoRem(c, ten, &m)
		if m.Sign() != 0 {
			break
		}
		c.Set(&q)
		r.exp++
	}
	r.coef = c
	return r
}

// fromDec converts a core result to a refResult, through shopspring's exact
// coefficient and exponent (no text round trip).
func fromDec(d dec.Dec) refResult {
	s := d.Decimal()
	c := s.Coefficient()
	neg := c.Sign() < 0
	return normalizeRef(refResult{neg: neg, coef: c.Abs(c), exp: int(s.Exponent())})
}

// ulps returns |got − want| in units of the last place of want at p digits
// (want must be a nonzero finite result).
func ulps(got, want refResult, p int) float64 {
	if want.coef.Sign() == 0 {
		if got.coef.Sign() == 0 {
			return 0
		}
		return 1e9
	}
	toRat := func(r refResult) *big.Rat {
		x := new(big.Rat).SetInt(r.coef)
		if r.neg {
			x.Neg(x)
		}
		return x.Mul(x, pow10Rat(r.exp))
	}
	diff := new(big.Rat).Sub(toRat(got), toRat(want))
	diff.Abs(diff)
	adj := want.exp + len(want.coef.String()) - 1
	diff.Mul(diff, pow10Rat(p-1-adj))
	f, _ := diff.Float64()
	return f
}

func pow10Rat(e int) *big.Rat {
	if e >= 0 {
		return new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	}
	return new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil))
}

// vectorLine is one line of a vector file.
type vectorLine struct {
	line   int
	fields []string
}

// readVectors returns the non-comment lines of testdata/dec/name.
func readVectors(t testing.TB, name string) []vectorLine {
	t.Helper()
	f, err := os.Open(filepath.Join(vectorDir, name))
	if err != nil {
		t.Fatalf("open vectors (regenerate with python3 testdata/dec/gen_vectors.py): %v", err)
	}
	defer f.Close()
	var out []vectorLine
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		out = append(out, vectorLine{line: n, fields: strings.Fields(s)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no vectors", name)
	}
	return out
}

func TestRefRound(t *testing.T) {
	// Hand-checked cases of the independent reference rounding itself.
	cases := []struct {
		val  string
		p    int
		mode dec.Rounding
		want string
	}{
		{"=125e-2", 2, dec.RoundHalfEven, "12e-1"}, // 1.25 tie → even 1.2
		{"=135e-2", 2, dec.RoundHalfEven, "14e-1"}, // 1.35 tie → even 1.4
		{"=125e-2", 2, dec.RoundHalfUp, "13e-1"},   // tie away from zero
		{"=-125e-2", 2, dec.RoundFloor, "-13e-1"},  // toward −∞
		{"=-125e-2", 2, dec.RoundCeiling, "-12e-1"},
		{"=-125e-2", 2, dec.RoundDown, "-12e-1"},
		{"=-125e-2", 2, dec.RoundUp, "-13e-1"},
		{"=999e0", 2, dec.RoundUp, "1e3"},               // carry into a new digit
		{"~12500001e-7", 2, dec.RoundDown, "12e-1"},     // approximation: never exact
		{"~12500001e-7", 2, dec.RoundHalfEven, "13e-1"}, // above the tie
		{"=1e401", 34, dec.RoundDown, "ErrRange"},
		{"=99999e-405", 2, dec.RoundDown, "0"}, // 9.9e-401 flushes
		{"=99999e-405", 2, dec.RoundUp, "1e-400"},
	}
	for _, c := range cases {
		r, err := parseRef(c.val)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.round(c.p, c.mode).String(); got != c.want {
			t.Errorf("round(%s, %d, %s) = %s, want %s", c.val, c.p, c.mode, got, c.want)
		}
	}
}
