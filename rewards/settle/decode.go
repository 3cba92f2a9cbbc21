package settle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Bounds of DecodeState and DecodeInput.
const (
	// MaxJSONBytes bounds the document.
	MaxJSONBytes = 64 << 20
	// MaxTokenBytes bounds every string and number in it: an id or a
	// decimal longer than this is refused before it is parsed. (Parsing a
	// decimal string is quadratic in its length: one 10^6-digit field
	// would take seconds.)
	MaxTokenBytes = 1024
)

// DecodeState decodes the JSON encoding of a State (encoding/json's, as
// json.Marshal writes it) from untrusted bytes: unknown fields, trailing
// data, a document over MaxJSONBytes and any string or number over
// MaxTokenBytes are refused with ErrInvalidInput before any decimal is
// parsed, so decoding takes time and memory linear in len(data). The
// values themselves are validated by Epoch.
func DecodeState(data []byte) (State, error) {
	var s State
	if err := decodeBounded(data, &s); err != nil {
		return State{}, fmt.Errorf("%w: state: %w", ErrInvalidInput, err)
	}
	return s, nil
}

// DecodeInput is DecodeState for an Input.
func DecodeInput(data []byte) (Input, error) {
	var in Input
	if err := decodeBounded(data, &in); err != nil {
		return Input{}, fmt.Errorf("%w: input: %w", ErrInvalidInput, err)
	}
	return in, nil
}

// decodeBounded checks the token bounds in one linear pass, then decodes.
func decodeBounded(data []byte, v any) error {
	if len(data) > MaxJSONBytes {
		return fmt.Errorf("%d bytes (max %d)", len(data), MaxJSONBytes)
	}
	scan := json.NewDecoder(bytes.NewReader(data))
	scan.UseNumber()
	for {
		tok, err := scan.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		n := 0
		switch t := tok.(type) {
		case string:
			n = len(t)
		case json.Number:
			n = len(t)
		}
		if n > MaxTokenBytes {
			return fmt.Errorf("a string or number of %d bytes at offset %d (max %d)", n, scan.InputOffset(), MaxTokenBytes)
		}
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the document")
	}
	return nil
}
