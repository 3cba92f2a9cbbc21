// Package dec is the decimal core of netmath: an immutable decimal type and
// the arithmetic, transcendental, protocol and statistical functions every
// other package computes with, under an explicit precision contract.
//
// # Representation
//
// A [Dec] is a number coef × 10^exp with an integer coefficient of at most
// [MaxDigits] (1000) significant digits. The zero value is 0. A number has
// many representations (1, 1.0, 10e-1); compare with [Dec.Cmp] or
// [Dec.Equal], never with ==. [Dec.String] is canonical: it depends only on
// the number, has no trailing zeros, uses plain notation when the leading
// digit's exponent lies in [-25, 45] and scientific notation ("1.5e-30",
// "7e+50") otherwise, and [Parse] reads it back to the same number. Values
// are immutable and safe to share between goroutines.
//
// # Range
//
// A nonzero value is accepted when 1e-400 <= |v| < 1e401 ([MinAdjExp],
// [MaxAdjExp]) and it has at most 1000 digits. Every entry point for
// external data checks this before doing any work proportional to the
// input: [Parse] and [Dec.UnmarshalText] reject text longer than 1064 bytes
// at once, [FromDecimal] and [FromBigInt] reject oversized coefficients and
// exponents. NaN and infinities are rejected ([ErrNotFinite]).
//
// A rounded result of magnitude 1e401 or more is the error [ErrRange]; a
// rounded result below 1e-400 in magnitude flushes to 0 (as the reference
// chain's Exp does for very negative arguments). The exact operations do
// not check the range: a sum of in-range values can lie slightly outside it
// (any later rounded operation then reports ErrRange), and [Dec.Shift]
// scales by a trusted amount without a check.
//
// # Precision contract
//
// A [Context] carries the number of significant digits (1 to
// [MaxContextDigits] = 100) and a [Rounding] mode: RoundDown (truncation
// toward zero), RoundHalfEven, RoundHalfUp, RoundUp, RoundFloor,
// RoundCeiling. The zero Context, [Reference], is the reference chain's
// contract: 34 digits, RoundDown. Contexts are values passed to each call;
// public parameter structs hold plain fields turned into a Context by
// [ContextFor]. The package has no mutable package-level state and never
// touches shopspring/decimal's globals; its tables (powers of ten, ln 10,
// the logarithm tables of the fast paths) are built at initialisation or on
// first use (sync.Once) and only read afterwards.
//
// Exact (no rounding, no Context): [Dec.Add], [Dec.Sub], [Sum], [Dec.Neg],
// [Dec.Abs], [Dec.Cmp], [Min], [Max], [Dec.Trunc], [Dec.Floor], [Dec.Ceil],
// [Dec.TruncInt], [Dec.Shift], [FromWords], the running sum [Acc] (what
// chained Add returns, without allocating while it fits 384 bits), and
// [Context.QuoInteger] (the integer part of a quotient, exactly). A
// weighted sum of rounded products is therefore independent of the order of
// its terms.
//
// Same results as a composition, computed without building intermediate
// values: [Context.QuoAcc] and [Context.QuoAccDec] (quotients of exact
// sums, as Quo of Acc.Dec), [Context.QuoBySum]
// (a/(d+e) as Quo(a, d.Add(e))), [Context.ExpTerm] (Exp, keeping the
// fixed-point approximation; [Context.ExpTermInto] writes it in place) and
// [Context.ExpOfSum] (e^(x+y) rounded as Exp(x.Add(y)), from two terms'
// approximations). Each decides from an approximation with a proven error
// bound when every number within it rounds alike, and otherwise falls back
// to the composition itself; the tests compare them with the composition
// representation for representation. The weights' kernels
// [Context.RelArg] (−p·(x−c) and the term of e^−|b|) and
// [Context.MulQuoBySum] (QuoBySum of a rounded product) are compositions
// on words: the same operations, without Decs between them; so is
// [Context.MulWords] (Mul's rounded product for callers that keep their
// values in words). A [DecimalConv] converts many values to shopspring
// decimals as [Dec.Decimal] does, with one allocation fewer each.
// [Dec.InRange] tells whether a value (an exact sum, say) lies in the range
// FromDecimal accepts.
//
// Rounded once and correctly (the exact result rounded in the Context's
// mode): [Context.Round], [Context.Mul], [Context.Quo] and [Context.Sqrt]
// (exact integer arithmetic); and the transcendental functions
// [Context.Exp], [Context.Ln], [Context.Log10], [Context.Pow10],
// [Context.Pow] (real exponents; integer powers of at most 2000 digits are
// computed exactly) and [Context.Tanh]. These use Ziv's strategy: an
// enclosure of the value is computed with more and more guard digits until
// both ends round alike (see Implementation). Arguments for which the value lies within an
// infinitesimal of a representable number (e^x for tiny x, tanh x and
// ln(1+x) for tiny x, x^y near 1) are recognised and rounded on the correct
// side; exact results, including exact ties, are rounded as such. The one
// residual case is an argument built, with many digits, so that the value
// lies within about 10^-(p+67) relative of a rounding boundary without being
// one of these: the result is then the nearest such boundary value rounded
// in the mode, within one unit in the last place. No such input of 34
// digits or fewer is known. The tests check the functions against mpmath
// vectors in 16, 34, 50 and 100 digits and all six modes
// (testdata/dec/gen_vectors.py).
//
// Evaluated as the reference chain does, as a sequence of correctly rounded
// steps (so within a few units in the last place of the true value, not
// correctly rounded): [Context.Phi] ln(1+e^{p(x−c)}), [Context.Gradient]
// p/(e^{p(c−x)}+1), [Context.Sigmoid], [Context.Exp1DivExp1]
// (e^a+1)/(e^b+1) (the chain's product-then-quotient order), [Context.EMA],
// and the statistics [Context.Mean], [Context.StdDev] (Bessel; its square
// root rounds half-even whatever the mode, as apd's Sqrt and the General
// Decimal Arithmetic rule do), [Context.Median],
// [Context.MAD], [Context.Quantile] (the reference's descending sort and
// linear interpolation, numpy's "linear" rule) and
// [Context.WeightedPercentile]. Each function's comment lists its steps.
// None of them modifies its input slices, and none depends on the order of
// its inputs.
//
// A Context also carries an [ExpRule]. The default, [ExpCorrect], rounds
// Exp like every other operation (the V6 chain's apd Exp). [ExpNewest]
// rounds e^x as the newest chain's own Exp does: half-even to p+2 digits,
// then half-even to p digits, whatever the context's mode; Phi, Gradient,
// Sigmoid and Exp1DivExp1 follow it through Exp. The packages select it for
// the NEWEST and Intermediate rule sets: with it, and the product-first
// order of Exp1DivExp1, the 51 fixture cells the chain regenerated at 34
// digits reproduce digit for digit.
//
// [Calc] wraps a Context with a sticky error for formula code.
//
// # Errors
//
// Every error wraps exactly one sentinel, tested with errors.Is:
// [ErrSyntax] (not a number), [ErrNotFinite] (NaN, infinity), [ErrRange]
// (outside the range, or a result that overflows it), [ErrDivisionByZero],
// [ErrDomain] (Ln of x <= 0, Sqrt of x < 0, a negative base with a
// non-integer exponent), [ErrEmpty] (a statistic of no values; the
// reference returns 0 there, callers that need that handle it), [ErrLength]
// (parallel slices of different lengths), [ErrInvalidArgument] (a quantile
// level, EMA weight, percentage or weight outside its range) and
// [ErrInvalidContext]. No exported function panics on any input, except
// [MustParse] and [New], which are for constants in code.
//
// # Implementation
//
// A coefficient below 2^128 is held inline in a Dec (two words and a sign),
// larger ones in a *big.Int. Add, Sub, Cmp, Mul, Quo, Round and Sqrt work
// on 64-bit words (math/bits) for coefficients of up to 256 bits and do not
// allocate when the result fits inline; longer operands take math/big.
// For precisions up to 38 digits the transcendental functions first
// compute an enclosure in 188-bit binary fixed point (table-driven argument
// reduction, integer arithmetic only) with about 16 guard digits and a
// proven error bound; when it does not decide the rounding (the value lies
// within about 10^-(p+15) relative of a boundary, or near the range
// limits), they fall back to the math/big Ziv loop with 12, 32, then 72
// guard digits. Both paths return the correctly rounded value, so results
// do not depend on which one decided; fast_diff_test.go checks this bit for
// bit against a frozen copy of the math/big implementation
// (internal/decref).
//
// # Determinism
//
// Results are computed with integer arithmetic only (math/bits and
// math/big), never float64, so they are identical on every architecture:
// TestDigest hashes thousands of outputs and CI compares the hash between
// amd64 and arm64 (under qemu).
package dec
