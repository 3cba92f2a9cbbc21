package settle

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

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
//   - decimal numbers (shopspring decimal.Decimal) in normalised scientific
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
	b.WriteString(canonicalHeader)
	if err := encodeValue(&b, "", reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Digest returns the SHA-256 of Canonical(v).
func Digest(v any) ([32]byte, error) {
	c, err := Canonical(v)
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(c), nil
}

var decimalType = reflect.TypeOf(decimal.Decimal{})

func encodeValue(b *bytes.Buffer, path string, v reflect.Value) error {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == decimalType {
		writeLeaf(b, path, canonicalDecimal(v.Interface().(decimal.Decimal)))
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return encodeValue(b, path, v.Elem())
	case reflect.Struct:
		t := v.Type()
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
			p := name
			if path != "" {
				p = path + "." + name
			}
			if err := encodeValue(b, p, v.Field(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := encodeValue(b, path+"["+strconv.Itoa(i)+"]", v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		var s bytes.Buffer
		enc := json.NewEncoder(&s)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v.String()); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrEncoding, path, err)
		}
		writeLeaf(b, path, strings.TrimSuffix(s.String(), "\n"))
		return nil
	case reflect.Bool:
		writeLeaf(b, path, strconv.FormatBool(v.Bool()))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		writeLeaf(b, path, strconv.FormatInt(v.Int(), 10))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		writeLeaf(b, path, strconv.FormatUint(v.Uint(), 10))
		return nil
	}
	return fmt.Errorf("%w: %s has kind %s", ErrEncoding, path, v.Kind())
}

func writeLeaf(b *bytes.Buffer, path, value string) {
	b.WriteString(path)
	b.WriteByte('=')
	b.WriteString(value)
	b.WriteByte('\n')
}

// canonicalDecimal formats d as digits·10^exp with no trailing zeros.
func canonicalDecimal(d decimal.Decimal) string {
	c := d.Coefficient()
	if c.Sign() == 0 {
		return "0"
	}
	exp := int64(d.Exponent())
	digits := c.String()
	neg := digits[0] == '-'
	digits = strings.TrimPrefix(digits, "-")
	trimmed := strings.TrimRight(digits, "0")
	exp += int64(len(digits) - len(trimmed))
	s := trimmed + "e" + strconv.FormatInt(exp, 10)
	if neg {
		return "-" + s
	}
	return s
}
