package lint

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var wantRe = regexp.MustCompile(`// want(-next)? ([a-z ]+)$`)

// expectations reads the "// want rule..." (this line) and
// "// want-next rule..." (next line) annotations of files as
// "file:line: rule" strings.
func expectations(t *testing.T, files []string) []string {
	t.Helper()
	var out []string
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(b), "\n") {
			m := wantRe.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			line := i + 1
			if m[1] != "" {
				line++
			}
			for _, r := range strings.Fields(m[2]) {
				out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(name), line, r))
			}
		}
	}
	slices.Sort(out)
	return out
}

// globalWrites returns a Go file of package pkg whose statements write
// shopspring's package variables, each annotated "// want global". The
// selector is assembled here at run time, so no file of the repository,
// not even a negative example of the linter, holds a statement that writes
// a shopspring global.
func globalWrites(pkg string) string {
	g := func(name string) string { return "decimal" + "." + name }
	return "package " + pkg + "\n\n" +
		"import \"github.com/shopspring/decimal\"\n\n" +
		"func writesGlobals() {\n" +
		"\t" + g("DivisionPrecision") + " = 40 // want global\n" +
		"\t" + g("MarshalJSONWithoutQuotes") + " = true // want global\n" +
		"\t" + g("DivisionPrecision") + "++ // want global\n" +
		"\tp := &" + g("TrimTrailingZeros") + " // want global\n" +
		"\t*p = false\n" +
		"\t" + g("PowPrecisionNegativeExponent") + ", _ = 20, 0 // want global\n" +
		"}\n"
}

// selfCheck lints the files of testdata/src/<dir>, copied to a temporary
// directory together with globalWrites(dir) when globals is set, and
// compares the findings with the annotations.
func selfCheck(t *testing.T, dir string, opt Options, globals bool) *Result {
	t.Helper()
	src, err := filepath.Glob(filepath.Join("testdata", "src", dir, "*.go"))
	if err != nil || len(src) == 0 {
		t.Fatalf("no files in testdata/src/%s: %v", dir, err)
	}
	tmp := t.TempDir()
	files := make([]string, len(src))
	for i, f := range src {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = filepath.Join(tmp, filepath.Base(f))
		if err := os.WriteFile(files[i], b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if globals {
		f := filepath.Join(tmp, "zz_globals.go")
		if err := os.WriteFile(f, []byte(globalWrites(filepath.Base(dir))), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// Export data for every package the snippets import.
	imports := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, is := range af.Imports {
			p, _ := strconv.Unquote(is.Path.Value)
			imports[p] = true
		}
	}
	l, err := Load(moduleRoot(t), sortedKeys(imports)...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.CheckFiles("lintdata/"+dir, files, opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d: %s", filepath.Base(f.Pos.Filename), f.Pos.Line, f.Rule))
	}
	slices.Sort(got)
	want := expectations(t, files)
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected finding %s", g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missed finding %s", w)
		}
	}
	return res
}

// TestSelfBad: every annotated line of the bad snippets is flagged with
// exactly the annotated rules, and nothing else is.
func TestSelfBad(t *testing.T) {
	res := selfCheck(t, "bad", Options{}, true)
	rules := map[string]int{}
	for _, f := range res.Findings {
		rules[f.Rule]++
	}
	for _, r := range []string{RuleFloat, RuleImport, RuleDecimal, RuleGlobal, RuleMapOrder, RuleConcurrency, RuleEnv, RuleDirective} {
		if rules[r] == 0 {
			t.Errorf("the bad snippets exercise no %s finding", r)
		}
	}
	t.Logf("bad snippets: %d findings %v", len(res.Findings), rules)
}

// TestSelfGood: clean code and justified exceptions give no finding.
func TestSelfGood(t *testing.T) {
	res := selfCheck(t, "good", Options{}, false)
	if len(res.Exceptions) != 3 {
		t.Errorf("got %d exceptions, want 3: %v", len(res.Exceptions), res.Exceptions)
	}
}

// TestSelfDecimalArithmetic: internal/dec may call shopspring arithmetic
// but not convert to floats or write its globals.
func TestSelfDecimalArithmetic(t *testing.T) {
	selfCheck(t, "decok", Options{DecimalArithmetic: true}, true)
}
