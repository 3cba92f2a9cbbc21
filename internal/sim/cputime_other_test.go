//go:build !unix

package sim

// processUsage is unavailable on this platform.
func processUsage() (cpuNanos, faults int64) { return -1, -1 }
