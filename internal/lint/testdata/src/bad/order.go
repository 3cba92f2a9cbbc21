package bad

import (
	"maps"
	"reflect"
	"slices"
	"strings"
)

type byID map[string]int

func mapOrder(m map[string]int, n byID) string {
	var b strings.Builder
	for k := range m { // want maporder
		b.WriteString(k)
	}
	for k, v := range n { // want maporder
		_, _ = k, v
	}
	for k := range maps.Keys(m) { // want maporder
		b.WriteString(k)
	}
	vs := slices.Collect(maps.Values(m)) // want maporder
	_ = vs
	ks := slices.SortedFunc(maps.Keys(m), strings.Compare) // want maporder
	_ = ks
	rv := reflect.ValueOf(m)
	_ = rv.MapKeys()    // want maporder
	it := rv.MapRange() // want maporder
	for it.Next() {     // want maporder
		_ = it.Key() // want maporder
	}
	return b.String()
}
