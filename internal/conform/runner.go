package conform

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/rewards/settle"
)

// Kind is the kind of a simulator file, detected from its header.
type Kind string

// The file kinds the runner checks.
const (
	// KindInference is an inference-simulator file with one output per
	// inference (inference_oct2024.csv, inference_latest.csv, the
	// simulator's output).
	KindInference Kind = "inference"
	// KindMultilabel is an inference-simulator file with "_label_l"
	// inference columns (multilabel.csv).
	KindMultilabel Kind = "multilabel"
	// KindTokenomics is the monthly emission file (tokenomics.csv).
	KindTokenomics Kind = "tokenomics"
	// KindSortition is the merit-sortition file (sortition.csv).
	KindSortition Kind = "sortition"
)

// ErrOptions reports invalid runner options.
var ErrOptions = errors.New("conform: invalid options")

// MaxActors bounds each actor count (inferers, forecasters, reputers,
// sortition participants) and MaxLabels the labels a file may declare: the
// settlement's work grows with the square of the workers, so a header
// naming absurd indices is rejected at once instead of running for hours.
const (
	MaxActors = 4096
	MaxLabels = 1024
)

// RuleRange applies a rule set to the epochs From..To (inclusive).
type RuleRange struct {
	From, To int64
	Rules    settle.RuleSet
}

// ParseRuleRange parses "FROM-TO=RULES" or "EPOCH=RULES", for example
// "302-304=intermediate".
func ParseRuleRange(s string) (RuleRange, error) {
	m := reRuleRange.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return RuleRange{}, fmt.Errorf("%w: rule range %q: want FROM-TO=RULES or EPOCH=RULES", ErrOptions, quote(s))
	}
	from, err1 := strconv.ParseInt(m[1], 10, 64)
	to := from
	var err2 error
	if m[2] != "" {
		to, err2 = strconv.ParseInt(m[2], 10, 64)
	}
	if err1 != nil || err2 != nil || to < from {
		return RuleRange{}, fmt.Errorf("%w: rule range %q: bad epochs", ErrOptions, quote(s))
	}
	rs := settle.RuleSet(strings.ToLower(m[3]))
	if err := rs.Validate(); err != nil {
		return RuleRange{}, fmt.Errorf("%w: rule range %q: %w", ErrOptions, quote(s), err)
	}
	return RuleRange{From: from, To: to, Rules: rs}, nil
}

var reRuleRange = regexp.MustCompile(`^(-?\d+)(?:-(-?\d+))?=([A-Za-z0-9]+)$`)

// String formats the range as ParseRuleRange reads it.
func (r RuleRange) String() string {
	if r.From == r.To {
		return fmt.Sprintf("%d=%s", r.From, r.Rules)
	}
	return fmt.Sprintf("%d-%d=%s", r.From, r.To, r.Rules)
}

// Options are the runner's parameters. The zero value is the reference
// tests' setup (see the Options fields and DefaultTolerance).
type Options struct {
	// Rules is the rule set of inference files; "" selects V6 for
	// single-output files and NEWEST for multi-label files.
	Rules settle.RuleSet
	// RulesAt overrides the rule set for ranges of epochs (the epoch of the
	// row being reproduced); the last matching range wins. In those epochs a
	// value that misses the override rule set but reproduces the base rule
	// set passes and is reported as such (FileReport.Skipped, a "rules-at"
	// reason, although the value is compared): a file such as
	// inference_latest.csv regenerated only some cells of those epochs under
	// the newer rule and left the others as they were.
	RulesAt []RuleRange
	// StrictRulesAt disables that fallback: every value of an overridden
	// epoch must reproduce the override rule set.
	StrictRulesAt bool
	// Genesis declares that the file's first row is the topic's first
	// epoch: it is reproduced from the zero State (a new topic, initial
	// regret 0 or InitialRegret when set), the score samples are complete
	// (nothing precedes the file), and the state the file does not hold
	// (inclusion counts, EMA scores, topic quantiles, initial EMA scores;
	// the initial regret when there is no ColInitialRegret column) is
	// carried from the runner's own settlement of the previous row.
	Genesis bool
	// InitialRegret is the topic's initial regret; nil selects 1 for
	// single-output files and 1e-4 for multi-label files (the reference
	// suites' topics).
	InitialRegret *dec.Dec
	// MaxTop sets MaxTop{Inferers,Forecasters,Reputers}ToReward, which
	// multiply MaxSamplesToScaleScores into the NEWEST score-sample cap
	// (spec §7). A zero entry keeps the default: 1 with the simulator
	// parameters (so the NEWEST cap equals the simulator's 10), the given
	// value with Params.
	MaxTop [3]int
	// Params replaces settle.SimulatorParams as the base parameters of
	// inference files (its rule set is replaced per epoch).
	Params *settle.Params
	// Tolerance is the pass criterion; a zero value selects
	// DefaultTolerance.
	Tolerance *Tolerance
	// Columns collects per-column statistics (FileReport.Columns).
	Columns bool
	// BlocksPerMonth is the tokenomics file's month in blocks for the
	// locked-vesting schedule (0 = 525960, the reference test's value).
	BlocksPerMonth int64
}

// FileReport is the outcome of checking one file.
type FileReport struct {
	File string `json:"file"`
	Kind Kind   `json:"kind"`
	// Shape is the actor counts of an inference file.
	Shape *scheme.Shape `json:"shape,omitempty"`
	// Setup describes the parameters used, for the report's header line.
	Setup string `json:"setup"`
	// Rows counts the data rows read and Pairs the rows reproduced from
	// their predecessor.
	Rows  int `json:"rows"`
	Pairs int `json:"pairs"`
	// Families holds one Stat per column family (sorted by name), Total
	// their union, Columns one Stat per column (with Options.Columns).
	Families []*Stat `json:"families"`
	Total    Stat    `json:"total"`
	Columns  []*Stat `json:"columns,omitempty"`
	// Failures lists the first values beyond the tolerance (Total.Failed
	// counts them all).
	Failures []Failure `json:"failures,omitempty"`
	// Skipped lists the values not compared, by reason.
	Skipped       []Skip `json:"skipped,omitempty"`
	SkippedValues int    `json:"skipped_values"`
	// Notes lists compared values with a remark: in epochs with a rule-set
	// override, the values only the override reproduces and those only the
	// base rule set reproduces (Options.RulesAt).
	Notes []Skip `json:"notes,omitempty"`
	// Uncompared lists the columns of the file that no check reads as an
	// output (inputs, informational columns, columns of no known family).
	Uncompared []string `json:"uncompared,omitempty"`
}

// Pass reports whether every compared value is within the tolerance and at
// least one value was compared.
func (r *FileReport) Pass() bool { return r.Total.Failed == 0 && r.Total.N > 0 }

// CheckFile opens and checks one file.
func CheckFile(path string, opt Options) (*FileReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	return Check(filepath.Base(path), f, opt)
}

// Check reads a simulator CSV file from r, detects its kind from the header
// and reproduces every column it can (see the kind's check: inference and
// multi-label files through settle.Epoch row pair by row pair, tokenomics
// through the emission schedule, sortition through the merit-sortition
// functions). It reads the rows one at a time and keeps only the bounded
// history the checks need. A malformed file returns an error wrapping
// ErrFormat; values beyond the tolerance are reported in the FileReport,
// not as an error.
func Check(name string, r io.Reader, opt Options) (*FileReport, error) {
	tol := DefaultTolerance()
	if opt.Tolerance != nil {
		tol = *opt.Tolerance
	}
	if tol.Rel.Sign() < 0 || tol.Abs.Sign() < 0 {
		return nil, fmt.Errorf("%w: negative tolerance", ErrOptions)
	}
	cr, err := NewCSVReader(name, r)
	if err != nil {
		return nil, err
	}
	rep := &FileReport{File: name}
	cmp := newComparator(tol, opt.Columns)
	var ck checker
	switch kind := DetectKind(cr.Header()); kind {
	case KindTokenomics:
		ck, err = newTokenomicsCheck(cr, opt, cmp, rep)
	case KindSortition:
		ck, err = newSortitionCheck(cr, opt, cmp, rep)
	case KindInference, KindMultilabel:
		ck, err = newInferenceCheck(cr, opt, cmp, rep)
	default:
		err = fmt.Errorf("%w: %s: unrecognised header: not an inference, multi-label, tokenomics or sortition file "+
			"(no inference_J, ehat_target_i or quality_percentile column)", ErrFormat, name)
	}
	if err != nil {
		return nil, err
	}
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rep.Rows++
		if err := ck.row(rec); err != nil {
			return nil, err
		}
	}
	if rep.Rows == 0 {
		return nil, fmt.Errorf("%w: %s: no data rows", ErrFormat, name)
	}
	if err := ck.finish(); err != nil {
		return nil, err
	}
	cmp.fill(rep)
	used := ck.outputs()
	for _, h := range cr.Header() {
		if !used[h] {
			rep.Uncompared = append(rep.Uncompared, h)
		}
	}
	return rep, nil
}

// checker is one file kind's row-by-row check.
type checker interface {
	row(rec *Record) error
	finish() error
	// outputs returns the set of columns the check compares.
	outputs() map[string]bool
}

// DetectKind returns the kind of a file from its header, or "" when it is
// none of the known kinds.
func DetectKind(header []string) Kind {
	has := map[string]bool{}
	for _, h := range header {
		has[h] = true
	}
	switch {
	case has["ehat_target_i"] || has["e_i"]:
		return KindTokenomics
	case has["quality_percentile"] || has["0_prev_quality_ema"]:
		return KindSortition
	}
	s, err := scheme.Detect(header)
	if err != nil {
		return ""
	}
	if s.Labels > 0 {
		return KindMultilabel
	}
	return KindInference
}
