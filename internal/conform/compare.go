package conform

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"

	"github.com/netmath/netmath/internal/dec"
)

// Tolerance decides whether a computed value reproduces a file value: it
// passes when |got − want| <= max(Rel·|want|, Abs). Abs is the floor for
// values near zero (regrets, scores), whose last digits are noise of the
// reference simulator's float64 arithmetic.
type Tolerance struct {
	Rel dec.Dec `json:"rel"`
	Abs dec.Dec `json:"abs"`
}

// DefaultTolerance is 1e-12 relative with an absolute floor of 1e-15.
func DefaultTolerance() Tolerance {
	return Tolerance{Rel: dec.New(1, -12), Abs: dec.New(1, -15)}
}

// errCtx computes error ratios (not results): 20 digits, half even.
var errCtx, _ = dec.NewContext(20, dec.RoundHalfEven)

// allowed returns max(Rel·|want|, Abs).
func (t Tolerance) allowed(want dec.Dec) dec.Dec {
	r, err := errCtx.Mul(t.Rel, want.Abs())
	if err != nil {
		r = dec.Zero()
	}
	return dec.Max(r, t.Abs)
}

// Pass reports whether got reproduces want within the tolerance.
func (t Tolerance) Pass(got, want dec.Dec) bool {
	return got.Sub(want).Abs().Cmp(t.allowed(want)) <= 0
}

// RelErr returns |got − want| / |want| (20 digits), or |got − want| when
// want is 0.
func RelErr(got, want dec.Dec) dec.Dec {
	d := got.Sub(want).Abs()
	if want.IsZero() {
		return d
	}
	r, err := errCtx.Quo(d, want.Abs())
	if err != nil {
		return d
	}
	return r
}

var digitRuns = regexp.MustCompile(`\d+`)

// Family returns the column family of a column name: every run of digits
// replaced by "#" (inference_regret_worker_3_oneout_5 →
// inference_regret_worker_#_oneout_#).
func Family(col string) string { return digitRuns.ReplaceAllString(col, "#") }

// Stat is the comparison summary of a column family (or of one column).
type Stat struct {
	Name string `json:"name"`
	// N counts the values compared and Failed those beyond the tolerance.
	N      int `json:"n"`
	Failed int `json:"failed"`
	// MaxRel and MaxAbs are the largest relative and absolute errors.
	MaxRel dec.Dec `json:"max_rel"`
	MaxAbs dec.Dec `json:"max_abs"`
	// WorstColumn and WorstEpoch locate the value with the largest error
	// relative to its allowance max(Rel·|want|, Abs): the one closest to
	// failing (or failing worst).
	WorstColumn string `json:"worst_column"`
	WorstEpoch  string `json:"worst_epoch"`
	worst       dec.Dec
}

func (s *Stat) add(col, epoch string, rel, abs, ratio dec.Dec, failed bool) {
	s.N++
	if failed {
		s.Failed++
	}
	if rel.Cmp(s.MaxRel) > 0 {
		s.MaxRel = rel
	}
	if abs.Cmp(s.MaxAbs) > 0 {
		s.MaxAbs = abs
	}
	if s.N == 1 || ratio.Cmp(s.worst) > 0 {
		s.worst, s.WorstColumn, s.WorstEpoch = ratio, col, epoch
	}
}

func (s *Stat) merge(o *Stat) {
	if o.N == 0 {
		return
	}
	first := s.N == 0
	s.N += o.N
	s.Failed += o.Failed
	s.MaxRel = dec.Max(s.MaxRel, o.MaxRel)
	s.MaxAbs = dec.Max(s.MaxAbs, o.MaxAbs)
	if first || o.worst.Cmp(s.worst) > 0 {
		s.worst, s.WorstColumn, s.WorstEpoch = o.worst, o.WorstColumn, o.WorstEpoch
	}
}

// Failure is one value beyond the tolerance.
type Failure struct {
	Column string  `json:"column"`
	Epoch  string  `json:"epoch"`
	Got    dec.Dec `json:"got"`
	Want   dec.Dec `json:"want"`
	RelErr dec.Dec `json:"rel_err"`
	AbsErr dec.Dec `json:"abs_err"`
}

// Skip counts values that were not compared (or, in FileReport.Notes,
// values compared with a remark), by reason.
type Skip struct {
	Reason string `json:"reason"`
	// Values counts the skipped values; Epochs lists the epochs concerned
	// (at most MaxListedEpochs of them, then EpochsMore counts the rest).
	Values     int      `json:"values"`
	Epochs     []string `json:"epochs"`
	EpochsMore int      `json:"epochs_more,omitempty"`
	Families   []string `json:"families"`
}

// MaxListedEpochs bounds Skip.Epochs; MaxListedFailures bounds the failures
// a report keeps (all are counted).
const (
	MaxListedEpochs   = 20
	MaxListedFailures = 50
)

// comparator accumulates comparisons and skips for one file.
type comparator struct {
	tol      Tolerance
	fams     map[string]*Stat
	cols     map[string]*Stat // nil unless per-column stats are wanted
	failures []Failure
	skips    map[string]*skipAcc
	order    []string
	notes    map[string]*skipAcc
	norder   []string
}

type skipAcc struct {
	Skip
	fams      map[string]bool
	lastEpoch string
}

func newComparator(tol Tolerance, columns bool) *comparator {
	c := &comparator{tol: tol, fams: map[string]*Stat{}, skips: map[string]*skipAcc{}, notes: map[string]*skipAcc{}}
	if columns {
		c.cols = map[string]*Stat{}
	}
	return c
}

// add compares one value under the family name fam.
func (c *comparator) add(fam, col, epoch string, got, want dec.Dec) {
	d := got.Sub(want).Abs()
	allowed := c.tol.allowed(want)
	failed := d.Cmp(allowed) > 0
	var ratio dec.Dec
	switch {
	case !allowed.IsZero():
		ratio, _ = errCtx.Quo(d, allowed)
	case !d.IsZero():
		ratio = dec.New(1, 100)
	}
	rel := RelErr(got, want)
	s := c.fams[fam]
	if s == nil {
		s = &Stat{Name: fam}
		c.fams[fam] = s
	}
	s.add(col, epoch, rel, d, ratio, failed)
	if c.cols != nil {
		cs := c.cols[col]
		if cs == nil {
			cs = &Stat{Name: col}
			c.cols[col] = cs
		}
		cs.add(col, epoch, rel, d, ratio, failed)
	}
	if failed && len(c.failures) < MaxListedFailures {
		c.failures = append(c.failures, Failure{Column: col, Epoch: epoch, Got: got, Want: want, RelErr: rel, AbsErr: d})
	}
}

// skip records n values of family fam not compared at epoch for reason.
func (c *comparator) skip(reason, fam, epoch string, n int) {
	c.tally(c.skips, &c.order, reason, fam, epoch, n)
}

// note records n compared values of family fam at epoch that deserve a
// remark (reason), without changing their comparison.
func (c *comparator) note(reason, fam, epoch string, n int) {
	c.tally(c.notes, &c.norder, reason, fam, epoch, n)
}

func (c *comparator) tally(m map[string]*skipAcc, order *[]string, reason, fam, epoch string, n int) {
	if n <= 0 {
		return
	}
	s := m[reason]
	if s == nil {
		s = &skipAcc{Skip: Skip{Reason: reason}, fams: map[string]bool{}}
		m[reason] = s
		*order = append(*order, reason)
	}
	s.Values += n
	s.fams[fam] = true
	if epoch != s.lastEpoch {
		s.lastEpoch = epoch
		if len(s.Epochs) < MaxListedEpochs {
			s.Epochs = append(s.Epochs, epoch)
		} else {
			s.EpochsMore++
		}
	}
}

// fill writes the accumulated statistics into r.
func (c *comparator) fill(r *FileReport) {
	r.Families = sortedStats(c.fams)
	if c.cols != nil {
		r.Columns = sortedStats(c.cols)
	}
	r.Total = Stat{Name: "total"}
	for _, f := range r.Families {
		r.Total.merge(f)
	}
	r.Failures = c.failures
	for _, reason := range c.order {
		s := c.skips[reason].done()
		r.Skipped = append(r.Skipped, s)
		r.SkippedValues += s.Values
	}
	for _, reason := range c.norder {
		r.Notes = append(r.Notes, c.notes[reason].done())
	}
}

func (s *skipAcc) done() Skip {
	out := s.Skip
	out.Families = nil
	//lint:map-order keys collected into a slice sorted right after
	for f := range s.fams {
		out.Families = append(out.Families, f)
	}
	slices.Sort(out.Families)
	return out
}

func sortedStats(m map[string]*Stat) []*Stat {
	out := make([]*Stat, 0, len(m))
	//lint:map-order values collected into a slice sorted right after by Name (the map key)
	for _, s := range m {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Stat) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func itoa64(e int64) string { return strconv.FormatInt(e, 10) }
