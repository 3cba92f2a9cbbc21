package conform

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/netmath/netmath/internal/dec"
)

// Sci formats an error magnitude in scientific notation with three
// significant digits ("3.54e-16", "0").
func Sci(x dec.Dec) string {
	if x.IsZero() {
		return "0"
	}
	ctx, _ := dec.NewContext(3, dec.RoundHalfEven)
	r, err := ctx.Round(x)
	if err != nil {
		return x.String()
	}
	v := r.Decimal()
	digits := v.Coefficient().String()
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	exp := int(v.Exponent()) + len(digits) - 1
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		digits = "0"
	}
	s := digits[:1]
	if len(digits) > 1 {
		s += "." + digits[1:]
	}
	if neg {
		s = "-" + s
	}
	return s + "e" + strconv.Itoa(exp)
}

// WriteText writes the human-readable report of one file: a header line,
// one line per column family (family, values compared, failures, max
// relative error, max absolute error, worst column@epoch), the skipped
// values by reason, the total line and the first failures. With columns,
// one line per compared column follows the families.
func WriteText(w io.Writer, r *FileReport, columns bool) {
	fmt.Fprintf(w, "== %s: %s; %s\n", r.File, r.Kind, r.Setup)
	fmt.Fprintf(w, "   %d rows, %d checked against their predecessor\n", r.Rows, r.Pairs)
	width := len("family")
	for _, f := range r.Families {
		width = max(width, len(f.Name))
	}
	if columns {
		for _, c := range r.Columns {
			width = max(width, len(c.Name))
		}
	}
	line := func(s *Stat) {
		fmt.Fprintf(w, "%-*s %7d %5d  %-9s  %-9s  %s@%s\n", width, s.Name, s.N, s.Failed, Sci(s.MaxRel), Sci(s.MaxAbs), s.WorstColumn, s.WorstEpoch)
	}
	fmt.Fprintf(w, "%-*s %7s %5s  %-9s  %-9s  %s\n", width, "family", "n", "fail", "max rel", "max abs", "worst column@epoch")
	for _, f := range r.Families {
		line(f)
	}
	if columns && len(r.Columns) > 0 {
		fmt.Fprintf(w, "%-*s %7s %5s  %-9s  %-9s  %s\n", width, "column", "n", "fail", "max rel", "max abs", "worst column@epoch")
		for _, c := range r.Columns {
			line(c)
		}
		if len(r.Uncompared) > 0 {
			fmt.Fprintf(w, "not compared (inputs, informational or unknown columns): %d: %s\n", len(r.Uncompared), strings.Join(r.Uncompared, " "))
		}
	}
	for _, s := range r.Skipped {
		ep := strings.Join(s.Epochs, ",")
		if s.EpochsMore > 0 {
			ep += fmt.Sprintf(",... (%d more)", s.EpochsMore)
		}
		fmt.Fprintf(w, "skipped %d values at epochs %s (%s): %s\n", s.Values, ep, strings.Join(s.Families, " "), s.Reason)
	}
	for _, s := range r.Notes {
		ep := strings.Join(s.Epochs, ",")
		if s.EpochsMore > 0 {
			ep += fmt.Sprintf(",... (%d more)", s.EpochsMore)
		}
		fmt.Fprintf(w, "note: %d values at epochs %s (%s) %s\n", s.Values, ep, strings.Join(s.Families, " "), s.Reason)
	}
	line(&r.Total)
	for _, f := range r.Failures {
		fmt.Fprintf(w, "FAIL %s@%s: got %s, want %s (rel %s, abs %s)\n", f.Column, f.Epoch, f.Got, f.Want, Sci(f.RelErr), Sci(f.AbsErr))
	}
	if n := r.Total.Failed - len(r.Failures); n > 0 {
		fmt.Fprintf(w, "FAIL ... and %d more values beyond the tolerance\n", n)
	}
	switch {
	case r.Pass():
		fmt.Fprintf(w, "PASS %s: %d values within tolerance, %d skipped\n", r.File, r.Total.N, r.SkippedValues)
	case r.Total.N == 0:
		fmt.Fprintf(w, "FAIL %s: no value could be compared\n", r.File)
	default:
		fmt.Fprintf(w, "FAIL %s: %d of %d values beyond tolerance (worst %s@%s)\n", r.File, r.Total.Failed, r.Total.N, r.Total.WorstColumn, r.Total.WorstEpoch)
	}
}
