package settle

// This file keeps the first canonical encoder (format version 1, as of
// e6bd788) verbatim, renamed, as the oracle of TestCanonicalMatchesFrozen:
// the streaming encoder of canonical.go must write the same bytes.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/netmath/netmath/loss"
	"github.com/shopspring/decimal"
)

// frozenCanonical is the first Canonical.
func frozenCanonical(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(canonicalHeader)
	if err := frozenEncodeValue(&b, "", reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func frozenEncodeValue(b *bytes.Buffer, path string, v reflect.Value) error {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == numType { // a loss.Num encodes as its decimal (added with the type)
		frozenWriteLeaf(b, path, frozenCanonicalDecimal(v.Interface().(loss.Num).Decimal()))
		return nil
	}
	if v.Type() == decimalType {
		frozenWriteLeaf(b, path, frozenCanonicalDecimal(v.Interface().(decimal.Decimal)))
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return frozenEncodeValue(b, path, v.Elem())
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
			if err := frozenEncodeValue(b, p, v.Field(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := frozenEncodeValue(b, path+"["+strconv.Itoa(i)+"]", v.Index(i)); err != nil {
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
		frozenWriteLeaf(b, path, strings.TrimSuffix(s.String(), "\n"))
		return nil
	case reflect.Bool:
		frozenWriteLeaf(b, path, strconv.FormatBool(v.Bool()))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		frozenWriteLeaf(b, path, strconv.FormatInt(v.Int(), 10))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		frozenWriteLeaf(b, path, strconv.FormatUint(v.Uint(), 10))
		return nil
	}
	return fmt.Errorf("%w: %s has kind %s", ErrEncoding, path, v.Kind())
}

func frozenWriteLeaf(b *bytes.Buffer, path, value string) {
	b.WriteString(path)
	b.WriteByte('=')
	b.WriteString(value)
	b.WriteByte('\n')
}

// canonicalDecimal formats d as digits·10^exp with no trailing zeros.
func frozenCanonicalDecimal(d decimal.Decimal) string {
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
