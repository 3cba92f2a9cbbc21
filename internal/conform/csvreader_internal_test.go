package conform

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestCSVReaderLimits checks the bounds of the streaming reader: a line
// longer than the limit (here 64 bytes instead of MaxLineBytes), a field
// longer than MaxFieldBytes, in the header and in a row.
func TestCSVReaderLimits(t *testing.T) {
	long := strings.Repeat("9", 100)
	if _, err := newCSVReader("x.csv", strings.NewReader("epoch,"+long+"\n1,2\n"), 64); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "line too long") {
		t.Errorf("long header line: %v", err)
	}
	cr, err := newCSVReader("x.csv", strings.NewReader("epoch,a\n1,"+long+"\n"), 64)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cr.Next(); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "line too long") {
		t.Errorf("long row: %v", err)
	}
	field := strings.Repeat("1", MaxFieldBytes+1)
	if _, err := NewCSVReader("x.csv", strings.NewReader("epoch,"+field+"\n")); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "bytes long") {
		t.Errorf("long header field: %v", err)
	}
	cr, err = NewCSVReader("x.csv", strings.NewReader("epoch,a\n1,"+field+"\n2,3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cr.Next(); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), `column "a": field is`) {
		t.Errorf("long field: %v", err)
	}
	// Lines within the limit, CRLF, a quoted field with a newline.
	cr, err = newCSVReader("x.csv", strings.NewReader("epoch,a\r\n1,\"x\ny\"\r\n2,3\r\n"), 64)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for {
		rec, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, rec.Line)
	}
	if len(lines) != 2 || lines[0] != 2 || lines[1] != 4 {
		t.Errorf("record lines %v, want [2 4]", lines)
	}
}
