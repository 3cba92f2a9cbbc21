package conform

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/netmath/netmath/internal/dec"
)

// Limits of the streaming CSV reader. They bound the memory one malformed
// or hostile file can take; a well-formed file of any number of rows is
// read one row at a time.
const (
	// MaxLineBytes bounds one physical line (the header included).
	MaxLineBytes = 64 << 20
	// MaxColumns bounds the number of header fields.
	MaxColumns = 1 << 20
	// MaxFieldBytes bounds one field (a header name or a value).
	MaxFieldBytes = 4096
)

// ErrFormat reports a file that does not follow the simulator's CSV format
// (bad header, row of the wrong width, unparseable number, ...).
var ErrFormat = errors.New("conform: malformed file")

// CSVReader reads a simulator CSV file row by row: a header line of unique,
// non-empty column names, then rows with exactly one field per column.
// Leading and trailing spaces of header names are ignored, and so are a
// UTF-8 byte-order mark and CR line endings.
type CSVReader struct {
	name   string
	cr     *csv.Reader
	header []string
	index  map[string]int
	line   int
}

// NewCSVReader reads the header of r. name labels error messages.
func NewCSVReader(name string, r io.Reader) (*CSVReader, error) {
	return newCSVReader(name, r, MaxLineBytes)
}

func newCSVReader(name string, r io.Reader, maxLine int) (*CSVReader, error) {
	br := bufio.NewReaderSize(&lineLimit{r: r, max: maxLine}, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	c := &CSVReader{name: name, cr: cr}
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: %s: empty file (no header line)", ErrFormat, name)
	}
	if err != nil {
		return nil, c.wrap(1, err)
	}
	c.line = 1
	if len(rec) > MaxColumns {
		return nil, fmt.Errorf("%w: %s: header has %d columns (limit %d)", ErrFormat, name, len(rec), MaxColumns)
	}
	c.header = make([]string, len(rec))
	c.index = make(map[string]int, len(rec))
	for i, h := range rec {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, fmt.Errorf("%w: %s: header column %d is empty", ErrFormat, name, i+1)
		}
		if len(h) > MaxFieldBytes {
			return nil, fmt.Errorf("%w: %s: header column %d is %d bytes long (limit %d)", ErrFormat, name, i+1, len(h), MaxFieldBytes)
		}
		if j, dup := c.index[h]; dup {
			return nil, fmt.Errorf("%w: %s: duplicate column %q (columns %d and %d)", ErrFormat, name, quote(h), j+1, i+1)
		}
		c.header[i] = h
		c.index[h] = i
	}
	return c, nil
}

// Name returns the name given to NewCSVReader.
func (c *CSVReader) Name() string { return c.name }

// Header returns the column names (do not modify).
func (c *CSVReader) Header() []string { return c.header }

// Has reports whether the file has the column.
func (c *CSVReader) Has(col string) bool {
	_, ok := c.index[col]
	return ok
}

// Next returns the next row, or io.EOF after the last one. Blank lines are
// skipped. The record is a fresh copy the caller may keep.
func (c *CSVReader) Next() (*Record, error) {
	rec, err := c.cr.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, c.wrap(c.line, err)
	}
	line, _ := c.cr.FieldPos(0)
	c.line = line
	if len(rec) != len(c.header) {
		return nil, fmt.Errorf("%w: %s: line %d has %d fields, the header has %d", ErrFormat, c.name, line, len(rec), len(c.header))
	}
	for i, f := range rec {
		if len(f) > MaxFieldBytes {
			return nil, fmt.Errorf("%w: %s: line %d column %q: field is %d bytes long (limit %d)",
				ErrFormat, c.name, line, quote(c.header[i]), len(f), MaxFieldBytes)
		}
	}
	fields := slices.Clone(rec)
	return &Record{r: c, Line: line, Fields: fields}, nil
}

func (c *CSVReader) wrap(line int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%w: %s: line %d: %v", ErrFormat, c.name, pe.Line, pe.Err)
	}
	if errors.Is(err, errLineTooLong) {
		return fmt.Errorf("%w: %s: after line %d: %v", ErrFormat, c.name, line, err)
	}
	return fmt.Errorf("%s: read error after line %d: %w", c.name, line, err)
}

// Record is one data row of a CSVReader.
type Record struct {
	r      *CSVReader
	Line   int
	Fields []string
}

// Str returns the raw field of a column, trimmed of spaces, and whether the
// column exists.
func (r *Record) Str(col string) (string, bool) {
	i, ok := r.r.index[col]
	if !ok {
		return "", false
	}
	return strings.TrimSpace(r.Fields[i]), true
}

// Dec parses a numeric column. ok is false when the column is absent or
// its field is empty; an unparseable field is an error naming the file,
// line and column.
func (r *Record) Dec(col string) (dec.Dec, bool, error) {
	s, ok := r.Str(col)
	if !ok || s == "" {
		return dec.Dec{}, false, nil
	}
	d, err := dec.Parse(s)
	if err != nil {
		return dec.Dec{}, false, fmt.Errorf("%w: %s: line %d column %q: not a number: %q", ErrFormat, r.r.name, r.Line, quote(col), quote(s))
	}
	return d, true, nil
}

// Get is the Getter of the record.
func (r *Record) Get(col string) (dec.Dec, bool, error) { return r.Dec(col) }

// errorf formats an ErrFormat error located at the record.
func (r *Record) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s: line %d: %s", ErrFormat, r.r.name, r.Line, fmt.Sprintf(format, args...))
}

// quote shortens s for an error message.
func quote(s string) string {
	if len(s) > 64 {
		return s[:64] + fmt.Sprintf("...(%d bytes)", len(s))
	}
	return s
}

var errLineTooLong = errors.New("line too long")

// lineLimit fails a read once a line exceeds max bytes, so a file without
// newlines cannot make the CSV reader buffer unbounded data.
type lineLimit struct {
	r   io.Reader
	max int
	cur int
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			l.cur = 0
			continue
		}
		l.cur++
		if l.cur > l.max {
			return i, fmt.Errorf("%w (limit %d bytes)", errLineTooLong, l.max)
		}
	}
	return n, err
}
