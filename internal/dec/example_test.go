package dec_test

import (
	"errors"
	"fmt"

	"github.com/netmath/netmath/internal/dec"
)

// The zero Context is the reference chain's contract: 34 significant
// digits, truncation toward zero. Other contracts are explicit values.
func ExampleContext() {
	one, three := dec.One(), dec.FromInt64(3)
	two := dec.FromInt64(2)

	ref := dec.Reference()
	q, _ := ref.Quo(two, three)
	fmt.Println(ref, q)

	nearest, _ := dec.NewContext(34, dec.RoundHalfEven)
	q, _ = nearest.Quo(two, three)
	fmt.Println(nearest, q)

	short, _ := dec.ContextFor(5, "up")
	q, _ = short.Quo(one, three)
	fmt.Println(short, q)
	// Output:
	// 34 digits, down 0.6666666666666666666666666666666666
	// 34 digits, half-even 0.6666666666666666666666666666666667
	// 5 digits, up 0.33334
}

// Sums are exact; products and quotients round once.
func ExampleContext_Mul() {
	a := dec.MustParse("1.000000000000000000000000000000001") // 1 + 1e-33
	fmt.Println(a.Add(a))                                     // exact
	p, _ := dec.Reference().Mul(a, a)                         // 1 + 2e-33 + 1e-66, truncated
	fmt.Println(p)
	// Output:
	// 2.000000000000000000000000000000002
	// 1.000000000000000000000000000000002
}

// Calc keeps formula code readable: the first error sticks and is reported
// once at the end. Here φ'_{p,c}(x) = p/(e^{p(c−x)}+1) by hand.
func ExampleCalc() {
	p, c, x := dec.FromInt64(3), dec.MustParse("0.75"), dec.Zero()
	m := dec.NewCalc(dec.Reference())
	w := m.Quo(p, m.Exp(m.Mul(p, c.Sub(x))).Add(dec.One()))
	fmt.Println(w, m.Err())

	bad := dec.NewCalc(dec.Reference())
	r := bad.Mul(bad.Ln(dec.FromInt64(-1)), p) // Ln fails; Mul is skipped
	_, err := bad.Result(r)
	fmt.Println(errors.Is(err, dec.ErrDomain))
	// Output:
	// 0.2860483946973284819088442896850095 <nil>
	// true
}

// Transcendental functions are correctly rounded in every mode.
func ExampleContext_Exp() {
	x := dec.MustParse("1")
	down, _ := dec.Reference().Exp(x)
	up, _ := dec.ContextFor(34, "up")
	e, _ := up.Exp(x)
	fmt.Println(down)
	fmt.Println(e)
	_, err := dec.Reference().Exp(dec.FromInt64(1000))
	fmt.Println(errors.Is(err, dec.ErrRange))
	// Output:
	// 2.718281828459045235360287471352662
	// 2.718281828459045235360287471352663
	// true
}

// Quantile follows the reference: descending sort and linear
// interpolation, which is numpy's "linear" rule.
func ExampleContext_Quantile() {
	xs := []dec.Dec{dec.FromInt64(4), dec.FromInt64(1), dec.FromInt64(3), dec.FromInt64(2)}
	q, _ := dec.Reference().Quantile(xs, dec.MustParse("0.25"))
	fmt.Println(q, xs) // the input keeps its order
	_, err := dec.Reference().Quantile(nil, dec.MustParse("0.25"))
	fmt.Println(errors.Is(err, dec.ErrEmpty))
	// Output:
	// 1.75 [4 1 3 2]
	// true
}

// Parse accepts plain and scientific notation within the range and rejects
// everything else with a typed error; String is canonical.
func ExampleParse() {
	for _, s := range []string{"-12.50", "1.5E+2", "0.000000000000000000000000001", "NaN", "1e401", "1,5"} {
		x, err := dec.Parse(s)
		switch {
		case errors.Is(err, dec.ErrNotFinite):
			fmt.Println(s, "→ not finite")
		case errors.Is(err, dec.ErrRange):
			fmt.Println(s, "→ out of range")
		case errors.Is(err, dec.ErrSyntax):
			fmt.Println(s, "→ syntax error")
		default:
			fmt.Println(s, "→", x)
		}
	}
	// Output:
	// -12.50 → -12.5
	// 1.5E+2 → 150
	// 0.000000000000000000000000001 → 1e-27
	// NaN → not finite
	// 1e401 → out of range
	// 1,5 → syntax error
}

// ExpOfSum derives e^(x+y) from the terms of e^x and e^y: the same value
// Exp(x+y) returns, without a third exponential.
func ExampleContext_ExpOfSum() {
	ctx := dec.Reference()
	x, y := dec.MustParse("1.25"), dec.MustParse("-3.5")
	tx, _ := ctx.ExpTerm(x)
	ty, _ := ctx.ExpTerm(y)
	s, _ := ctx.ExpOfSum(x, y, &tx, &ty)
	e, _ := ctx.Exp(x.Add(y))
	fmt.Println(s)
	fmt.Println(s.Cmp(e) == 0)
	// Output:
	// 0.105399224561864336783217689240698
	// true
}

// QuoBySum and QuoAcc divide by exact sums without building them.
func ExampleContext_QuoBySum() {
	ctx := dec.Reference()
	a, e := dec.FromInt64(1), dec.MustParse("1e-40")
	q, _ := ctx.QuoBySum(a, dec.One(), e) // 1/(1 + 10^-40)
	fmt.Println(q)

	var num, den dec.Acc
	num.Add(dec.MustParse("2"))
	num.Add(dec.MustParse("1e-50"))
	den.Add(dec.MustParse("3"))
	q, _ = ctx.QuoAcc(&num, &den)
	fmt.Println(q)
	// Output:
	// 0.9999999999999999999999999999999999
	// 0.6666666666666666666666666666666666
}
