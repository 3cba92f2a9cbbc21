package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// The rules (see the package documentation).
const (
	RuleFloat       = "float"
	RuleImport      = "import"
	RuleDecimal     = "decimal"
	RuleGlobal      = "global"
	RuleMapOrder    = "maporder"
	RuleConcurrency = "concurrency"
	RuleEnv         = "env"
	RuleBuild       = "build"
	RuleDirective   = "directive"
	RuleFormat      = "format"
)

// directives maps each escape-hatch directive to the rule it suppresses.
var directives = map[string]string{
	"float-ok":       RuleFloat,
	"map-order":      RuleMapOrder,
	"concurrency-ok": RuleConcurrency,
	"env-ok":         RuleEnv,
	"format-ok":      RuleFormat,
}

const decimalPath = "github.com/shopspring/decimal"

// Allowed shopspring functions and methods outside internal/dec: they
// construct, compare, convert or encode without changing a value.
var (
	decimalFuncsOK = set("New", "NewFromInt", "NewFromInt32", "NewFromUint64", "NewFromBigInt",
		"NewFromString", "NewFromFormattedString", "RequireFromString", "NewNullDecimal", "Max", "Min")
	decimalMethodsOK = set("Cmp", "Compare", "Equal", "Equals", "GreaterThan", "GreaterThanOrEqual",
		"LessThan", "LessThanOrEqual", "Sign", "IsZero", "IsPositive", "IsNegative", "IsInteger",
		"Coefficient", "CoefficientInt64", "Exponent", "Copy", "Rat", "String",
		"MarshalJSON", "UnmarshalJSON", "MarshalText", "UnmarshalText", "MarshalBinary", "UnmarshalBinary",
		"GobEncode", "GobDecode", "Scan", "Value")
	decimalFloat = set("NewFromFloat", "NewFromFloat32", "NewFromFloatWithExponent", "NewFromBigFloat",
		"Float64", "InexactFloat64", "BigFloat")
	strconvFloat = set("ParseFloat", "FormatFloat", "AppendFloat", "ParseComplex", "FormatComplex")
	timeEnv      = set("Now", "Since", "Until", "Sleep", "After", "AfterFunc", "Tick", "NewTimer", "NewTicker")
	osEnv        = set("Getenv", "LookupEnv", "Environ", "ExpandEnv", "Args", "Hostname", "Getpid", "Getppid",
		"Getuid", "Geteuid", "Getgid", "Getegid", "Getgroups", "Getwd", "Executable", "TempDir",
		"UserHomeDir", "UserCacheDir", "UserConfigDir", "Getpagesize")
	mapsOrder    = set("Keys", "Values", "All")
	reflectOrder = set("MapKeys", "MapRange", "Seq", "Seq2")
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// bannedImport reports why an import path is banned ("" if it is not).
func bannedImport(path string) string {
	switch {
	case path == "gonum.org" || strings.HasPrefix(path, "gonum.org/"):
		return "gonum computes in float64 (architecture-dependent kernels)"
	case path == "math/rand" || path == "math/rand/v2":
		return "math/rand: results must not depend on a random source"
	case path == "crypto/rand":
		return "crypto/rand: results must not depend on a random source"
	}
	return ""
}

// Options configure the check of one package.
type Options struct {
	// DecimalArithmetic allows shopspring decimal arithmetic (the rule
	// "decimal"): set for internal/dec, which implements the arithmetic.
	DecimalArithmetic bool
}

// Finding is one rule violation.
type Finding struct {
	Pos  token.Position
	Rule string
	Msg  string
	// Source is the trimmed text of the flagged line.
	Source string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s", f.Pos, f.Rule, f.Msg)
}

// Exception is a directive that suppressed at least one finding.
type Exception struct {
	Pos       token.Position
	Directive string
	Rule      string
	Reason    string
	// Suppressed counts the findings (distinct lines) it suppressed.
	Suppressed int
}

func (e Exception) String() string {
	return fmt.Sprintf("%s: //lint:%s %s (%d)", e.Pos, e.Directive, e.Reason, e.Suppressed)
}

// Result is the outcome of checking one package.
type Result struct {
	Path       string
	Files      int
	Findings   []Finding
	Exceptions []Exception
}

// Package is a Go package as the go command lists it.
type Package struct {
	ImportPath     string
	Dir            string
	GoFiles        []string
	IgnoredGoFiles []string
	Export         string
	DepOnly        bool
	Error          *struct{ Err string }
}

// Loader lists packages with the go command and type-checks them against
// the compiler's export data (offline: the go command builds what it
// needs from the module cache).
type Loader struct {
	Fset     *token.FileSet
	Packages map[string]*Package
	imp      types.Importer
}

// Load runs `go list -e -json -export -deps patterns...` in dir.
func Load(dir string, patterns ...string) (*Loader, error) {
	args := append([]string{"list", "-e", "-json", "-export", "-deps"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, stderr.String())
	}
	l := &Loader{Fset: token.NewFileSet(), Packages: map[string]*Package{}}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p Package
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %v", err)
		}
		if p.Error != nil {
			return nil, fmt.Errorf("go list: %s: %s", p.ImportPath, p.Error.Err)
		}
		l.Packages[p.ImportPath] = &p
	}
	l.imp = importer.ForCompiler(l.Fset, "gc", func(path string) (io.ReadCloser, error) {
		p, ok := l.Packages[path]
		if !ok || p.Export == "" {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(p.Export)
	})
	return l, nil
}

// Check lints the listed package path.
func (l *Loader) Check(path string, opt Options) (*Result, error) {
	p, ok := l.Packages[path]
	if !ok {
		return nil, fmt.Errorf("package %s not loaded", path)
	}
	var files []string
	for _, f := range p.GoFiles {
		files = append(files, filepath.Join(p.Dir, f))
	}
	res, err := l.CheckFiles(path, files, opt)
	if err != nil {
		return nil, err
	}
	for _, f := range p.IgnoredGoFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		res.Findings = append(res.Findings, Finding{
			Pos:  token.Position{Filename: filepath.Join(p.Dir, f), Line: 1, Column: 1},
			Rule: RuleBuild,
			Msg:  "file excluded by build constraints on this platform: a result package must not have platform-specific files",
		})
	}
	return res, nil
}

// CheckFiles parses and type-checks files as the package path and lints
// them. A file that does not parse or type-check is an error.
func (l *Loader) CheckFiles(path string, filenames []string, opt Options) (*Result, error) {
	c := &checker{fset: l.Fset, opt: opt, src: map[string][]string{}, seen: map[lineKey]bool{}, sorted: map[*ast.Ident]bool{}}
	var files []*ast.File
	for _, name := range filenames {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(l.Fset, name, b, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		c.src[name] = strings.Split(string(b), "\n")
		files = append(files, f)
	}
	var typeErrs []error
	conf := types.Config{Importer: l.imp, Error: func(err error) { typeErrs = append(typeErrs, err) }}
	c.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	if _, err := conf.Check(path, l.Fset, files, c.info); err != nil {
		return nil, fmt.Errorf("type-checking %s: %w", path, errors.Join(typeErrs...))
	}
	for _, f := range files {
		c.file(f)
	}
	c.generic()
	return c.finish(path, len(files)), nil
}

type lineKey struct {
	file string
	line int
	rule string
}

type directive struct {
	pos        token.Position
	name, rule string
	reason     string
	target     int // the line it applies to
	suppressed int
}

type checker struct {
	fset     *token.FileSet
	opt      Options
	info     *types.Info
	src      map[string][]string
	findings []Finding
	seen     map[lineKey]bool
	dirs     []*directive
	// sorted holds the maps.Keys / maps.Values identifiers whose sequence
	// is passed straight to slices.Sorted (order-independent).
	sorted map[*ast.Ident]bool
}

// report records a finding, at most one per line and rule (the first, most
// specific message wins).
func (c *checker) report(pos token.Pos, rule, format string, args ...any) {
	p := c.fset.Position(pos)
	k := lineKey{p.Filename, p.Line, rule}
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.findings = append(c.findings, Finding{Pos: p, Rule: rule, Msg: fmt.Sprintf(format, args...), Source: c.line(p)})
}

func (c *checker) line(p token.Position) string {
	lines := c.src[p.Filename]
	if p.Line < 1 || p.Line > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[p.Line-1])
}

// file applies the syntactic and object-based rules to one file and
// collects its directives.
func (c *checker) file(f *ast.File) {
	for _, cg := range f.Comments {
		for _, cm := range cg.List {
			c.directive(cm)
		}
	}
	for _, is := range f.Imports {
		path := strings.Trim(is.Path.Value, "`\"")
		if why := bannedImport(path); why != "" {
			c.report(is.Pos(), RuleImport, "import %q: %s", path, why)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			c.report(n.Pos(), RuleConcurrency, "go statement: results must not depend on scheduling")
		case *ast.SelectStmt:
			c.report(n.Pos(), RuleConcurrency, "select statement: the choice among ready cases is random")
		case *ast.RangeStmt:
			if t := c.info.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Map); ok {
					c.report(n.Pos(), RuleMapOrder, "range over a map (%s): iteration order is random", t)
				}
			}
			if n.Tok == token.ASSIGN {
				c.assigned(n.Key)
				c.assigned(n.Value)
			}
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				c.assigned(e)
			}
		case *ast.IncDecStmt:
			c.assigned(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				c.assigned(n.X)
			}
		case *ast.CallExpr:
			c.sortedSeq(n)
			c.formatArgs(n)
		case *ast.Ident:
			c.use(n)
		}
		return true
	})
}

// assigned flags e when it denotes a package-level variable of shopspring
// decimal.
func (c *checker) assigned(e ast.Expr) {
	var id *ast.Ident
	switch e := e.(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.ParenExpr:
		c.assigned(e.X)
		return
	default:
		return
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg().Path() != decimalPath || v.Parent() != v.Pkg().Scope() {
		return
	}
	c.report(id.Pos(), RuleGlobal, "writes shopspring decimal's package variable %s: it would change results process-wide", v.Name())
}

// sortedSeq marks the argument of slices.Sorted(maps.Keys(m)) and
// slices.Sorted(maps.Values(m)): sorting a sequence of values of an ordered
// type gives one result whatever the order they come in (floats, whose NaN
// breaks that, are flagged anyway).
func (c *checker) sortedSeq(call *ast.CallExpr) {
	if !c.isFunc(call.Fun, "slices", "Sorted") || len(call.Args) != 1 {
		return
	}
	inner, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
	if !ok {
		return
	}
	if id := funcIdent(inner.Fun); id != nil && (c.isFunc(inner.Fun, "maps", "Keys") || c.isFunc(inner.Fun, "maps", "Values")) {
		c.sorted[id] = true
	}
}

// formatArgs flags a shopspring decimal (or its String method's result)
// passed to a function of package fmt: decimal.Decimal.String writes every
// digit the exponent implies, so an input such as 1e2147483647 in an error
// message would take gigabytes. dec.Show describes one in bounded space.
func (c *checker) formatArgs(call *ast.CallExpr) {
	id := funcIdent(call.Fun)
	if id == nil {
		return
	}
	fn, ok := c.info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "fmt" || fn.Signature().Recv() != nil {
		return
	}
	for _, a := range call.Args {
		a = ast.Unparen(a)
		if isDecimal(c.info.TypeOf(a)) {
			c.report(a.Pos(), RuleFormat, "shopspring decimal formatted by fmt.%s: its text is unbounded (1e2147483647); use dec.Show", fn.Name())
			continue
		}
		if in, ok := a.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(in.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "String" && isDecimal(c.info.TypeOf(sel.X)) {
				c.report(a.Pos(), RuleFormat, "decimal.Decimal.String formatted by fmt.%s: its text is unbounded (1e2147483647); use dec.Show", fn.Name())
			}
		}
	}
}

// isDecimal reports whether t is decimal.Decimal, decimal.NullDecimal or a
// pointer to one.
func isDecimal(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != decimalPath {
		return false
	}
	return n.Obj().Name() == "Decimal" || n.Obj().Name() == "NullDecimal"
}

// funcIdent returns the identifier naming a called function (pkg.F or F,
// possibly instantiated: F[T]).
func funcIdent(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	case *ast.IndexExpr:
		return funcIdent(e.X)
	case *ast.IndexListExpr:
		return funcIdent(e.X)
	}
	return nil
}

// isFunc reports whether e names the package-level function pkg.name.
func (c *checker) isFunc(e ast.Expr, pkg, name string) bool {
	id := funcIdent(e)
	if id == nil {
		return false
	}
	fn, ok := c.info.Uses[id].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Name() == name && fn.Signature().Recv() == nil
}

// use applies the rules that depend on the object an identifier denotes.
func (c *checker) use(id *ast.Ident) {
	obj := c.info.Uses[id]
	if obj == nil || obj.Pkg() == nil {
		return
	}
	pkg, name := obj.Pkg().Path(), obj.Name()
	fn, isFunc := obj.(*types.Func)
	var recv string // the receiver's type name, for methods
	if isFunc {
		if r := fn.Signature().Recv(); r != nil {
			t := r.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok {
				recv = n.Obj().Name()
			}
		}
	}
	switch pkg {
	case "math":
		if isFunc || isFloat(obj.Type()) {
			c.report(id.Pos(), RuleFloat, "math.%s operates on floating point", name)
		}
	case "math/big":
		if name == "Float" || recv == "Float" {
			c.report(id.Pos(), RuleFloat, "math/big.Float: binary floating point (use internal/dec)")
		}
	case "strconv":
		if strconvFloat[name] {
			c.report(id.Pos(), RuleFloat, "strconv.%s converts floating point", name)
		}
	case decimalPath:
		switch {
		case decimalFloat[name] && isFunc:
			c.report(id.Pos(), RuleFloat, "decimal %s converts to or from floating point", name)
		case !isFunc || c.opt.DecimalArithmetic:
		case recv == "" && !decimalFuncsOK[name]:
			c.report(id.Pos(), RuleDecimal, "decimal.%s computes with shopspring decimal: use internal/dec", name)
		case recv != "" && !decimalMethodsOK[name]:
			c.report(id.Pos(), RuleDecimal, "(%s).%s computes with shopspring decimal: use internal/dec", recv, name)
		}
	case "sync", "sync/atomic":
		c.report(id.Pos(), RuleConcurrency, "%s.%s: results must not depend on scheduling", pkg, name)
	case "time":
		if timeEnv[name] && recv == "" {
			c.report(id.Pos(), RuleEnv, "time.%s reads the clock", name)
		}
	case "os":
		if osEnv[name] && recv == "" {
			c.report(id.Pos(), RuleEnv, "os.%s reads the environment", name)
		}
	case "runtime", "runtime/debug":
		c.report(id.Pos(), RuleEnv, "%s.%s depends on the platform or the runtime", pkg, name)
	case "maps":
		if mapsOrder[name] && !c.sorted[id] {
			c.report(id.Pos(), RuleMapOrder, "maps.%s yields in random map order", name)
		}
	case "reflect":
		if (recv == "Value" && reflectOrder[name]) || recv == "MapIter" {
			c.report(id.Pos(), RuleMapOrder, "reflect %s.%s iterates a map in random order", recv, name)
		}
	}
}

// generic flags every typed expression, definition and type whose type
// contains a floating-point type (in source order, so that the message kept
// for a line is always that of its first such expression).
func (c *checker) generic() {
	type cand struct {
		pos token.Pos
		msg string
	}
	var cs []cand
	//lint:map-order candidates collected, sorted by position right after
	for e, tv := range c.info.Types {
		if tv.Type != nil && containsFloat(tv.Type, nil) {
			cs = append(cs, cand{e.Pos(), fmt.Sprintf("floating point: %s has type %s", exprKind(tv), tv.Type)})
		}
	}
	//lint:map-order candidates collected, sorted by position right after
	for id, obj := range c.info.Defs {
		if obj != nil && containsFloat(obj.Type(), nil) {
			cs = append(cs, cand{id.Pos(), fmt.Sprintf("floating point: %s has type %s", id.Name, obj.Type())})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.pos != b.pos {
			return int(a.pos - b.pos)
		}
		return strings.Compare(a.msg, b.msg)
	})
	for _, x := range cs {
		c.report(x.pos, RuleFloat, "%s", x.msg)
	}
}

func exprKind(tv types.TypeAndValue) string {
	switch {
	case tv.IsType():
		return "type expression"
	case tv.Value != nil:
		return "constant " + tv.Value.String()
	}
	return "expression"
}

// isFloat reports whether t is a floating-point or complex basic type
// (typed or untyped).
func isFloat(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsFloat|types.IsComplex) != 0
}

// containsFloat reports whether t is or contains a floating-point type.
func containsFloat(t types.Type, seen map[types.Type]bool) bool {
	if isFloat(t) {
		return true
	}
	if n, ok := t.(*types.Named); ok {
		if o := n.Obj(); o.Pkg() != nil && o.Pkg().Path() == "math/big" && o.Name() == "Float" {
			return true
		}
	}
	if seen[t] {
		return false
	}
	if seen == nil {
		seen = map[types.Type]bool{}
	}
	seen[t] = true
	switch u := t.(type) {
	case *types.Named:
		return containsFloat(u.Underlying(), seen)
	case *types.Alias:
		return containsFloat(types.Unalias(u), seen)
	case *types.Pointer:
		return containsFloat(u.Elem(), seen)
	case *types.Slice:
		return containsFloat(u.Elem(), seen)
	case *types.Array:
		return containsFloat(u.Elem(), seen)
	case *types.Chan:
		return containsFloat(u.Elem(), seen)
	case *types.Map:
		return containsFloat(u.Key(), seen) || containsFloat(u.Elem(), seen)
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if containsFloat(u.At(i).Type(), seen) {
				return true
			}
		}
	case *types.Signature:
		return containsFloat(u.Params(), seen) || containsFloat(u.Results(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if containsFloat(u.Field(i).Type(), seen) {
				return true
			}
		}
	}
	return false
}

// directive records a //lint: comment.
func (c *checker) directive(cm *ast.Comment) {
	text, ok := strings.CutPrefix(cm.Text, "//lint:")
	if !ok {
		return
	}
	p := c.fset.Position(cm.Pos())
	name, reason, _ := strings.Cut(text, " ")
	reason = strings.TrimSpace(reason)
	rule, known := directives[name]
	switch {
	case !known:
		c.report(cm.Pos(), RuleDirective, "unknown directive //lint:%s (known: float-ok, map-order, concurrency-ok, env-ok)", name)
		return
	case reason == "":
		c.report(cm.Pos(), RuleDirective, "//lint:%s needs a reason", name)
		return
	}
	d := &directive{pos: p, name: name, rule: rule, reason: reason, target: p.Line}
	// A directive alone on its line applies to the next line; at the end
	// of a line of code, to that line.
	if lines := c.src[p.Filename]; p.Line <= len(lines) && strings.TrimSpace(lines[p.Line-1][:p.Column-1]) == "" {
		d.target = p.Line + 1
	}
	c.dirs = append(c.dirs, d)
}

// finish applies the directives and sorts the findings.
func (c *checker) finish(path string, files int) *Result {
	res := &Result{Path: path, Files: files}
	for _, f := range c.findings {
		suppressed := false
		for _, d := range c.dirs {
			if d.pos.Filename == f.Pos.Filename && d.target == f.Pos.Line && d.rule == f.Rule {
				d.suppressed++
				suppressed = true
			}
		}
		if !suppressed {
			res.Findings = append(res.Findings, f)
		}
	}
	for _, d := range c.dirs {
		if d.suppressed == 0 {
			res.Findings = append(res.Findings, Finding{Pos: d.pos, Rule: RuleDirective,
				Msg:    fmt.Sprintf("//lint:%s suppresses no %s finding on line %d: remove it", d.name, d.rule, d.target),
				Source: c.line(d.pos)})
			continue
		}
		res.Exceptions = append(res.Exceptions, Exception{Pos: d.pos, Directive: d.name, Rule: d.rule, Reason: d.reason, Suppressed: d.suppressed})
	}
	slices.SortFunc(res.Findings, func(a, b Finding) int { return comparePos(a.Pos, b.Pos, a.Rule, b.Rule) })
	slices.SortFunc(res.Exceptions, func(a, b Exception) int { return comparePos(a.Pos, b.Pos, a.Rule, b.Rule) })
	return res
}

func comparePos(a, b token.Position, ra, rb string) int {
	switch {
	case a.Filename != b.Filename:
		return strings.Compare(a.Filename, b.Filename)
	case a.Line != b.Line:
		return a.Line - b.Line
	case a.Column != b.Column:
		return a.Column - b.Column
	}
	return strings.Compare(ra, rb)
}
