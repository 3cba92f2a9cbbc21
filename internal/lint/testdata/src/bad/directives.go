package bad

func directives(m map[string]int, xs []int) int {
	n := 0
	// want-next directive
	//lint:map-ordr misspelt directive
	for range m { // want maporder
		n++
	}
	// want-next directive
	//lint:map-order
	for range m { // want maporder
		n++
	}
	// want-next directive
	//lint:map-order stale: nothing to suppress on the next line
	for range xs {
		n++
	}
	// want-next directive
	//lint:float-ok wrong rule for a map range
	for range m { // want maporder
		n++
	}
	return n
}
