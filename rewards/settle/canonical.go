package settle

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"math/bits"
	"reflect"
	"strconv"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// canonicalHeader is the first line of every canonical encoding; it names
// the format version.
const canonicalHeader = "netmath-canonical-v1\n"

// Canonical returns the canonical encoding of v, a settlement struct (State,
// Input, Params, Result or any struct built from the library's types). The
// encoding depends only on the values, never on their representation or on
// any package setting, so two implementations that agree on every value
// produce the same bytes.
//
// Format (version 1): the line "netmath-canonical-v1", then one line per
// leaf value, "path=value", each terminated by "\n", in this order:
//
//   - struct fields in declaration order; the path element is the field's
//     JSON name (the json tag's name, or the Go field name without a tag);
//     fields tagged json:"-" and unexported fields are skipped;
//   - slice elements in order, with path element "[i]" (0-based); a nil and
//     an empty slice both produce no lines;
//   - a nil pointer produces no lines; a non-nil pointer encodes its target
//     under the same path;
//   - path elements are joined with "." (no dot before "[i]").
//
// Leaf values:
//
//   - decimal numbers (shopspring decimal.Decimal, and loss.Num as the
//     decimal its Decimal method returns) in normalised scientific
//     form: "0" for zero, otherwise an optional "-", the coefficient's
//     digits without trailing zeros, "e" and the base-10 exponent of the
//     last digit, so that value = digits × 10^exponent (12.50 → "125e-1",
//     -0.003 → "-3e-3", 1000 → "1e3");
//   - strings (including named string types) as JSON string literals
//     (encoding/json rules, no HTML escaping);
//   - booleans as "true" or "false"; integers in base 10.
//
// Maps, floats, interfaces and other kinds are rejected with an error
// wrapping ErrEncoding.
func Canonical(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := encode(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Digest returns the SHA-256 of Canonical(v). The encoding is hashed as it
// is written, never held in memory whole.
func Digest(v any) ([32]byte, error) {
	h := sha256.New()
	w := bufio.NewWriterSize(h, 32<<10)
	if err := encode(w, v); err != nil {
		return [32]byte{}, err
	}
	if err := w.Flush(); err != nil {
		return [32]byte{}, err // unreachable: a hash accepts every write
	}
	var d [32]byte
	h.Sum(d[:0])
	return d, nil
}

var (
	decimalType = reflect.TypeOf(decimal.Decimal{})
	numType     = reflect.TypeOf(loss.Num{})
)

// sink receives an encoding: a bytes.Buffer (Canonical) or a buffered hash
// (Digest). Their writes do not fail.
type sink interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
}

// encoder writes one canonical encoding. The current path is kept in one
// buffer that grows and shrinks as the walk descends and returns, and each
// struct type's encoded fields are listed once per encoding.
type encoder struct {
	w      sink
	path   []byte
	fields map[reflect.Type][]field
	num    []byte       // scratch: digits of a number
	val    []byte       // scratch: a leaf value
	str    bytes.Buffer // scratch: a string escaped by encoding/json
	json   *json.Encoder
}

// field is an encoded struct field: its index and its path element.
type field struct {
	index int
	name  string
}

func encode(w sink, v any) error {
	e := &encoder{w: w, fields: make(map[reflect.Type][]field)}
	_, _ = w.WriteString(canonicalHeader)
	return e.value(reflect.ValueOf(v))
}

func (e *encoder) value(v reflect.Value) error {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == numType {
		var n loss.Num
		if v.CanAddr() {
			n = *v.Addr().Interface().(*loss.Num) // a pointer fits in an interface: no copy
		} else {
			n = v.Interface().(loss.Num)
		}
		e.decNum(n.Dec())
		return nil
	}
	if v.Type() == decimalType {
		if v.CanAddr() {
			// A pointer fits in an interface: no copy of the decimal.
			e.decimal(v.Addr().Interface().(*decimal.Decimal))
		} else {
			d := v.Interface().(decimal.Decimal)
			e.decimal(&d)
		}
		return nil
	}
	n := len(e.path)
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return e.value(v.Elem())
	case reflect.Struct:
		for _, f := range e.structFields(v.Type()) {
			if n > 0 {
				e.path = append(e.path, '.')
			}
			e.path = append(e.path, f.name...)
			err := e.value(v.Field(f.index))
			e.path = e.path[:n]
			if err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			e.path = append(e.path, '[')
			e.path = strconv.AppendInt(e.path, int64(i), 10)
			e.path = append(e.path, ']')
			err := e.value(v.Index(i))
			e.path = e.path[:n]
			if err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		return e.string(v.String())
	case reflect.Bool:
		e.leaf(strconv.AppendBool(e.val[:0], v.Bool()))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.leaf(strconv.AppendInt(e.val[:0], v.Int(), 10))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.leaf(strconv.AppendUint(e.val[:0], v.Uint(), 10))
		return nil
	}
	return fmt.Errorf("%w: %s has kind %s", ErrEncoding, e.path, v.Kind())
}

// structFields lists the encoded fields of struct type t: exported, not
// tagged json:"-", named by their json tag or Go name.
func (e *encoder) structFields(t reflect.Type) []field {
	if fs, ok := e.fields[t]; ok {
		return fs
	}
	fs := []field{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, ok := f.Tag.Lookup("json"); ok {
			n, _, _ := strings.Cut(tag, ",")
			if n == "-" {
				continue
			}
			if n != "" {
				name = n
			}
		}
		fs = append(fs, field{i, name})
	}
	e.fields[t] = fs
	return fs
}

// leaf writes "path=value\n".
func (e *encoder) leaf(value []byte) {
	e.val = value // keep the scratch buffer's growth
	_, _ = e.w.Write(e.path)
	_ = e.w.WriteByte('=')
	_, _ = e.w.Write(value)
	_ = e.w.WriteByte('\n')
}

// string writes s as encoding/json writes it without HTML escaping: a
// string of printable ASCII other than '"' and '\\' is quoted as it is
// (TestCanonicalMatchesFrozen), anything else goes through encoding/json.
func (e *encoder) string(s string) error {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			plain = false
			break
		}
	}
	v := e.val[:0]
	if plain {
		v = append(v, '"')
		v = append(v, s...)
		v = append(v, '"')
		e.leaf(v)
		return nil
	}
	if e.json == nil {
		e.json = json.NewEncoder(&e.str)
		e.json.SetEscapeHTML(false)
	}
	e.str.Reset()
	if err := e.json.Encode(s); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrEncoding, e.path, err)
	}
	e.leaf(append(v, bytes.TrimSuffix(e.str.Bytes(), []byte("\n"))...))
	return nil
}

// decimal writes d as digits·10^exp with no trailing zeros ("0" for zero).
func (e *encoder) decimal(d *decimal.Decimal) {
	c := d.Coefficient()
	if c.Sign() == 0 {
		e.leaf(append(e.val[:0], '0'))
		return
	}
	e.num = appendAbs(e.num[:0], c)
	e.sci(c.Sign() < 0, d.Exponent())
}

// decNum writes a loss.Num's value as decimal writes the decimal it holds
// (the same coefficient and exponent), read from its words in place.
func (e *encoder) decNum(d dec.Dec) {
	if d.IsZero() {
		e.leaf(append(e.val[:0], '0'))
		return
	}
	var exp int32
	var neg bool
	e.num, exp, neg = d.AppendCoef(e.num[:0])
	e.sci(neg, exp)
}

// sci writes the leaf ±digits·10^exp, digits (e.num, nonzero) without its
// trailing zeros: "-125e-1".
func (e *encoder) sci(neg bool, exp int32) {
	v := e.val[:0]
	if neg {
		v = append(v, '-')
	}
	digits := e.num
	k := len(digits)
	for digits[k-1] == '0' {
		k--
	}
	v = append(v, digits[:k]...)
	v = append(v, 'e')
	v = strconv.AppendInt(v, int64(exp)+int64(len(digits)-k), 10)
	e.leaf(v)
}

// appendAbs appends the decimal digits of |c| > 0. Magnitudes below 2^128
// are converted on their two words (dec.AppendW128: big.Int's general
// conversion allocates); TestAppendAbs checks them against it.
func appendAbs(dst []byte, c *big.Int) []byte {
	var hi, lo uint64
	switch ws := c.Bits(); {
	case bits.UintSize == 64 && len(ws) <= 2:
		for i, w := range ws {
			if i == 0 {
				lo = uint64(w)
			} else {
				hi = uint64(w)
			}
		}
	case bits.UintSize == 32 && len(ws) <= 4:
		var w4 [4]uint64
		for i, w := range ws {
			w4[i] = uint64(w)
		}
		lo, hi = w4[0]|w4[1]<<32, w4[2]|w4[3]<<32
	default:
		return new(big.Int).Abs(c).Append(dst, 10)
	}
	return dec.AppendW128(dst, hi, lo)
}
