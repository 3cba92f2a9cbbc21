// Command conformance checks files in the reference simulator's CSV format
// against the library: for every consecutive epoch pair of an inference or
// multi-label file it settles the later row from the earlier row's state
// columns (package rewards/settle) and compares every column it computes;
// tokenomics and sortition files are checked with the emission schedule and
// merit-sortition functions. It prints one line per column family and exits
// with status 1 when a value is beyond the tolerance, 2 when a file cannot
// be read or parsed (or on bad flags).
//
// Usage:
//
//	go run ./internal/cmd/conformance [flags] FILE.csv...
//
// See usage() for the flags and the logic in internal/conform (Check).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/netmath/netmath/internal/conform"
	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/rewards/settle"
)

const usageText = `usage: conformance [flags] FILE.csv...

Reads files in the reference simulator's CSV format (any number of inferers N,
forecasters F, reputers R and labels L, read from the header; see
../shared/fixtures/README.md) and reproduces every column it can:

  inference / multi-label  every row from the previous row's state columns
                           (regrets, network loss, listening coefficients,
                           smoothed fractions, score ratio, score history)
                           and the row's inputs, through settle.Epoch
  tokenomics               emission schedule, block split, topic weights and
                           rewards, locked vesting (months 12-36 excepted for
                           (15.4)/(15.9), spec §15.6)
  sortition                active set, sort positions, cutoff, quantile, EMAs

It prints one line per column family (columns with indices replaced by #):
values compared, failures, max relative and absolute error, and the worst
column@epoch (the value closest to its tolerance), then a total line. A value
passes when |got - want| <= max(tol*|want|, abs). Values that need epochs
before the file's first row (the score-normalisation sample) are skipped and
counted on a "skipped" line.

Exit status: 0 all files pass, 1 a value is beyond tolerance, 2 a file cannot
be read or parsed, or bad flags.

The reference fixtures pass with the defaults, except inference_latest.csv,
whose rows 302-304 were regenerated under the intermediate rule:

  conformance ../shared/fixtures/inference_oct2024.csv \
      ../shared/fixtures/multilabel.csv ../shared/fixtures/tokenomics.csv \
      ../shared/fixtures/sortition.csv
  conformance -rules-at 302-304=intermediate ../shared/fixtures/inference_latest.csv

Flags:
`

type ruleRanges []conform.RuleRange

func (r *ruleRanges) String() string {
	var s []string
	for _, x := range *r {
		s = append(s, x.String())
	}
	return strings.Join(s, ",")
}

func (r *ruleRanges) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		rr, err := conform.ParseRuleRange(part)
		if err != nil {
			return err
		}
		*r = append(*r, rr)
	}
	return nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("conformance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fs.PrintDefaults()
	}
	var (
		rules     = fs.String("rules", "", "rule set of inference files: v6, intermediate or newest (default: v6 for single-output files, newest for multi-label files)")
		rulesAt   ruleRanges
		initial   = fs.String("initial-regret", "", "the topic's initial regret (default: 1 for single-output files, 1e-4 for multi-label files)")
		maxTop    = fs.String("max-top", "1", "MaxTop{Inferers,Forecasters,Reputers}ToReward: one value or three comma-separated; the NEWEST score sample is MaxSamplesToScaleScores times this (the reference simulator's sample of 10 needs 1)")
		params    = fs.String("params", "", "JSON file with settle.Params replacing the simulator parameters of inference files (its rule set is replaced by -rules/-rules-at; -max-top still applies when given)")
		tol       = fs.String("tol", "1e-12", "relative tolerance")
		abs       = fs.String("abs", "1e-15", "absolute tolerance floor for values near zero")
		bpm       = fs.Int64("blocks-per-month", 525960, "tokenomics: blocks per month of the locked-vesting schedule")
		genesis   = fs.Bool("genesis", false, "inference files: the first row is the topic's first epoch (a new topic): reproduce it from the zero state, treat the score samples as complete and carry the state the file lacks (inclusions, EMA scores) from the runner's own settlements; use it for the output of internal/cmd/simulate")
		strict    = fs.Bool("strict-rules-at", false, "in -rules-at epochs, require every value to follow the override (no fallback to the base rules for cells a file did not regenerate)")
		jsonOut   = fs.Bool("json", false, "print the reports as JSON")
		verbose   = fs.Bool("v", false, "also list every compared column and the columns not compared")
		maxTopSet bool
	)
	fs.Var(&rulesAt, "rules-at", "per-epoch rule set override FROM-TO=RULES or EPOCH=RULES (repeatable, comma-separated); e.g. 302-304=intermediate for inference_latest.csv")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "max-top" {
			maxTopSet = true
		}
	})
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	opt := conform.Options{RulesAt: rulesAt, Columns: *verbose, BlocksPerMonth: *bpm, Genesis: *genesis, StrictRulesAt: *strict}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "conformance: "+format+"\n", a...)
		return 2
	}
	if *rules != "" {
		opt.Rules = settle.RuleSet(strings.ToLower(*rules))
		if err := opt.Rules.Validate(); err != nil {
			return bad("-rules: %v", err)
		}
	}
	if *initial != "" {
		v, err := dec.Parse(*initial)
		if err != nil {
			return bad("-initial-regret %q: %v", *initial, err)
		}
		opt.InitialRegret = &v
	}
	if *params != "" {
		b, err := os.ReadFile(*params)
		if err != nil {
			return bad("-params: %v", err)
		}
		var p settle.Params
		jd := json.NewDecoder(strings.NewReader(string(b)))
		jd.DisallowUnknownFields()
		if err := jd.Decode(&p); err != nil {
			return bad("-params %s: %v", *params, err)
		}
		opt.Params = &p
	}
	if opt.Params == nil || maxTopSet {
		parts := strings.Split(*maxTop, ",")
		if len(parts) != 1 && len(parts) != 3 {
			return bad("-max-top %q: want one value or three comma-separated values", *maxTop)
		}
		for i := range opt.MaxTop {
			v, err := strconv.Atoi(strings.TrimSpace(parts[min(i, len(parts)-1)]))
			if err != nil || v < 1 || v > 1<<16 {
				return bad("-max-top %q: values must be integers in [1, 65536]", *maxTop)
			}
			opt.MaxTop[i] = v
		}
	}
	t := conform.Tolerance{}
	var err error
	if t.Rel, err = dec.Parse(*tol); err != nil || t.Rel.Sign() < 0 {
		return bad("-tol %q: want a non-negative number", *tol)
	}
	if t.Abs, err = dec.Parse(*abs); err != nil || t.Abs.Sign() < 0 {
		return bad("-abs %q: want a non-negative number", *abs)
	}
	opt.Tolerance = &t

	status := 0
	var reports []*conform.FileReport
	type fileError struct {
		File  string `json:"file"`
		Error string `json:"error"`
	}
	var errs []fileError
	for _, path := range fs.Args() {
		rep, err := conform.CheckFile(path, opt)
		if err != nil {
			fmt.Fprintf(stderr, "conformance: %s: %v\n", path, err)
			errs = append(errs, fileError{path, err.Error()})
			status = 2
			continue
		}
		reports = append(reports, rep)
		if !rep.Pass() && status == 0 {
			status = 1
		}
		if !*jsonOut {
			conform.WriteText(stdout, rep, *verbose)
			fmt.Fprintln(stdout)
		}
	}
	if *jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Pass    bool                  `json:"pass"`
			Reports []*conform.FileReport `json:"reports"`
			Errors  []fileError           `json:"errors,omitempty"`
		}{status == 0, reports, errs}); err != nil {
			fmt.Fprintf(stderr, "conformance: %v\n", err)
			return 2
		}
		return status
	}
	failed := 0
	for _, r := range reports {
		if !r.Pass() {
			failed++
		}
	}
	switch status {
	case 0:
		fmt.Fprintf(stdout, "PASS: %d file(s)\n", len(reports))
	default:
		fmt.Fprintf(stdout, "FAIL: %d file(s) beyond tolerance, %d unreadable, %d passed\n", failed, len(errs), len(reports)-failed)
	}
	return status
}
