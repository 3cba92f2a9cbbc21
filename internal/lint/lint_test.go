package lint

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/netmath/netmath"

// targets are the packages that compute results (or feed them: the
// conformance runner and the simulator produce the settlement inputs whose
// digests CI compares), with their options.
var targets = map[string]Options{
	"weights":                      {},
	"loss":                         {},
	"regret":                       {},
	"reputation":                   {},
	"rewards":                      {},
	"rewards/settle":               {},
	"internal/dec":                 {DecimalArithmetic: true},
	"internal/dec/internal/decref": {DecimalArithmetic: true},
	"internal/num":                 {},
	"internal/regretmath":          {},
	"internal/rules":               {},
	"internal/scheme":              {},
	"internal/conform":             {},
	"internal/sim":                 {},
}

// excluded are the module's other packages, with the reason each is not
// linted. TestEveryPackageClassified fails on a package in neither list.
var excluded = map[string]string{
	"internal/cmd/conformance":     "command: flags, files and printing around internal/conform",
	"internal/cmd/simulate":        "command: flags, files, timing and the gonum/plot chart around internal/sim",
	"internal/fixture":             "test support: reads the reference fixture CSVs for tests (imports testing)",
	"internal/conform/conformtest": "test support: generates synthetic CSV files for tests",
	"internal/lint":                "this linter",
	"internal/determinism":         "test support: input shuffling and digest goldens of the determinism tests",
}

// moduleRoot returns the directory of go.mod.
func moduleRoot(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		t.Fatal("not in a module")
	}
	return filepath.Dir(mod)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	//lint:map-order keys collected and sorted right after
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestEveryPackageClassified(t *testing.T) {
	root := moduleRoot(t)
	out, err := exec.Command("go", "list", "-C", root, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		rel := strings.TrimPrefix(strings.TrimPrefix(p, module), "/")
		_, lint := targets[rel]
		_, skip := excluded[rel]
		switch {
		case !lint && !skip:
			t.Errorf("package %s is neither linted nor excluded: add it to targets (it computes or feeds a result) or to excluded with a reason", rel)
		case lint && skip:
			t.Errorf("package %s is both linted and excluded", rel)
		}
	}
}

// known reads testdata/known.txt: "file rule count" lines, the number of
// findings of a rule a file may still have (files whose owners have not
// fixed or justified them yet).
func known(t *testing.T) map[string]int {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "known.txt"))
	if os.IsNotExist(err) {
		return map[string]int{}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		fs := strings.Fields(l)
		n, err := strconv.Atoi(fs[len(fs)-1])
		if len(fs) != 3 || err != nil || n <= 0 {
			t.Fatalf("testdata/known.txt: bad line %q (want \"file rule count\")", l)
		}
		m[fs[0]+" "+fs[1]] = n
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestLint lints every target package. It logs a summary line per package
// ("LINT <pkg>: <files> files, <n> findings, <n> exceptions"), every
// exception and every known finding, and fails on a finding in a file and
// rule without a budget in testdata/known.txt, on more findings than the
// budget, and on fewer (lower the budget: the ratchet only goes down).
func TestLint(t *testing.T) {
	root := moduleRoot(t)
	var pats []string
	for _, rel := range sortedKeys(targets) {
		pats = append(pats, "./"+rel)
	}
	l, err := Load(root, pats...)
	if err != nil {
		t.Fatal(err)
	}
	budget := known(t)
	found := map[string][]Finding{}
	var nFiles, nExc, nKnown int
	byDirective := map[string]int{}
	for _, rel := range sortedKeys(targets) {
		res, err := l.Check(module+"/"+rel, targets[rel])
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		nFiles += res.Files
		t.Logf("LINT %s: %d files, %d findings, %d exceptions", rel, res.Files, len(res.Findings), len(res.Exceptions))
		for _, e := range res.Exceptions {
			nExc++
			byDirective[e.Directive]++
			t.Logf("  exception %s:%d //lint:%s %s", relPath(root, e.Pos.Filename), e.Pos.Line, e.Directive, e.Reason)
		}
		for _, f := range res.Findings {
			key := relPath(root, f.Pos.Filename) + " " + f.Rule
			found[key] = append(found[key], f)
		}
	}
	for _, key := range sortedKeys(found) {
		fs, b := found[key], budget[key]
		for _, f := range fs {
			if b > 0 {
				nKnown++
				t.Logf("  known finding %s:%d: %s: %s", relPath(root, f.Pos.Filename), f.Pos.Line, f.Rule, f.Msg)
			} else {
				t.Errorf("%s:%d:%d: %s: %s\n\t%s", relPath(root, f.Pos.Filename), f.Pos.Line, f.Pos.Column, f.Rule, f.Msg, f.Source)
			}
		}
		if b > 0 && len(fs) > b {
			t.Errorf("%s: %d findings, more than the %d testdata/known.txt allows: fix or justify the new ones (listed above)", key, len(fs), b)
		}
	}
	for _, key := range sortedKeys(budget) {
		if n := len(found[key]); n < budget[key] {
			t.Errorf("%s: %d findings, testdata/known.txt allows %d: lower the budget to %d (or delete the line at 0)", key, n, budget[key], n)
		}
	}
	var parts []string
	for _, d := range sortedKeys(byDirective) {
		parts = append(parts, fmt.Sprintf("%s %d", d, byDirective[d]))
	}
	t.Logf("LINT total: %d packages, %d files, %d exceptions (%s), %d known findings", len(targets), nFiles, nExc, strings.Join(parts, ", "), nKnown)
}

func relPath(root, name string) string {
	if r, err := filepath.Rel(root, name); err == nil {
		return filepath.ToSlash(r)
	}
	return name
}
