// Package lint is netmath's determinism linter: a small static check, built
// on go/parser and go/types only, that keeps nondeterminism out of the
// packages that compute results. It is the "equivalent test" of issue 8 in
// place of golangci-lint with depguard and forbidigo, so CI needs nothing but
// Go: `go test ./internal/lint/` lints every result package of the module
// (lint_test.go lists them, with the reason for each package it leaves out)
// and fails on any finding. The rules are checked on the non-test Go files
// the build selects (test files may use float64 as a differential check).
//
// # Rules
//
// Each finding names one rule. Some rules accept an escape hatch: a comment
// "//lint:<directive> <reason>" on the line before the flagged line (or at
// the end of the flagged line itself), with a non-empty reason. A directive
// that suppresses nothing, an unknown directive and a directive without a
// reason are findings themselves (rule "directive"), so every exception in
// the tree is live and justified.
//
//   - float (directive float-ok): any expression, declaration or type whose
//     type is or contains float32, float64, complex64 or complex128
//     (including untyped float constants that end up in one, signatures
//     with float parameters or results, and float fields); by name, the
//     math functions and float constants (math.Sqrt, math.Pi, ...; integer
//     constants such as math.MaxInt64 are fine), strconv.ParseFloat,
//     FormatFloat and AppendFloat, decimal.NewFromFloat*, NewFromBigFloat,
//     and the Float64, InexactFloat64 and BigFloat methods of
//     decimal.Decimal. float64 on arm64 differs from amd64 (fused
//     multiply-add), so none may reach a result.
//   - import (no escape): importing gonum (any gonum.org/ path), math/rand,
//     math/rand/v2 or crypto/rand.
//   - decimal (no escape; not applied to internal/dec, which implements the
//     arithmetic): calling any function or method of
//     github.com/shopspring/decimal outside the allow-list below. Allowed
//     are the constructors New, NewFromInt, NewFromInt32, NewFromUint64,
//     NewFromBigInt, NewFromString, NewFromFormattedString,
//     RequireFromString and NewNullDecimal, the comparisons Max and Min, and
//     the methods that convert, compare or encode without changing the
//     value: Cmp, Compare, Equal, Equals, GreaterThan, GreaterThanOrEqual,
//     LessThan, LessThanOrEqual, Sign, IsZero, IsPositive, IsNegative,
//     IsInteger, Coefficient, CoefficientInt64, Exponent, Copy,
//     Rat, String, MarshalJSON, UnmarshalJSON, MarshalText,
//     UnmarshalText, MarshalBinary, UnmarshalBinary, GobEncode, GobDecode,
//     Scan and Value. Everything else is flagged: the arithmetic (Add, Sub,
//     Mul, Div, DivRound, QuoRem, Mod, Neg, Abs, Pow*, Sqrt*, Root*, Ln,
//     Exp*, Sin, Cos, Tan, Atan, Shift, Sum, Avg), the roundings and
//     truncations (Round*, Truncate, Floor, Ceil, IntPart, BigInt,
//     StringFixed*, StringScaled, NewFromBigRat, RescalePair) and the float
//     conversions, and NumDigits (superlinear in the coefficient: use
//     dec.Small). Every number goes through internal/dec, whose precision
//     is an explicit Context, instead.
//   - global (no escape): assigning to, incrementing or taking the address
//     of a package-level variable of shopspring/decimal (DivisionPrecision,
//     MarshalJSONWithoutQuotes, TrimTrailingZeros, ...): such a global
//     would change results process-wide.
//   - maporder (directive map-order): ranging over a map, and calling
//     maps.Keys, maps.Values, maps.All, reflect.Value.MapKeys,
//     reflect.Value.MapRange, reflect.Value.Seq/Seq2 or reflect.MapIter
//     methods: their order is random. slices.Sorted(maps.Keys(m)) and
//     slices.Sorted(maps.Values(m)) are accepted without a directive (a
//     sorted sequence of values of an ordered type does not depend on the
//     order they came in; slices.SortedFunc is not, its comparison may tie).
//     The directive is for loops whose body is order-independent
//     (collecting into a slice that is sorted right after, counting, setting
//     flags, deleting, or filling another map); the reason says which.
//   - concurrency (directive concurrency-ok): go statements, select
//     statements and any use of package sync or sync/atomic: results must
//     not depend on scheduling.
//   - env (directive env-ok): reading the clock or the environment:
//     time.Now, Since, Until, Sleep, After, AfterFunc, Tick, NewTimer and
//     NewTicker; os.Getenv, LookupEnv, Environ, ExpandEnv, Args, Hostname,
//     Getpid, Getppid, Getuid, Geteuid, Getgid, Getegid, Getgroups, Getwd,
//     Executable, TempDir, UserHomeDir, UserCacheDir, UserConfigDir and
//     Getpagesize; any use of runtime and runtime/debug (GOARCH, NumCPU,
//     GOMAXPROCS, ...).
//   - format (directive format-ok): a shopspring decimal.Decimal,
//     NullDecimal (or pointer to one), or the result of its String method,
//     passed to any function of package fmt (Errorf, Sprintf, ...).
//     Decimal.String writes every digit its exponent implies, so a hostile
//     input 1e2147483647 in an error message takes gigabytes and minutes;
//     dec.Show describes any decimal in bounded space. The directive is for
//     values already validated to a bounded range.
//   - build (no escape): a non-test file of a linted package excluded by
//     build constraints on the linting platform (such a file could hold
//     architecture-specific code that the linter does not see).
//
// # Known findings
//
// Findings in files whose owners have not fixed or justified them yet are
// budgeted in testdata/known.txt, one "file rule count" line each. The test
// logs them, fails on a finding of a file and rule without a budget, on more
// findings than the budget and on fewer (lower the budget: the ratchet only
// goes down). A budget per file rather than per line keeps the list stable
// while the owners edit those files.
//
// # Self-test
//
// testdata/src holds small packages with "// want rule" annotations on the
// lines the linter must flag (and clean code it must not flag); the
// self-test requires the findings to match the annotations exactly, so the
// linter cannot silently stop finding things. The statements that write
// shopspring's package variables are generated by the self-test at run time
// (globalWrites), so no file of the repository writes a global.
package lint
