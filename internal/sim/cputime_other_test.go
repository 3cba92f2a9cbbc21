//go:build !unix

package sim

// processCPUNanos is unavailable on this platform.
func processCPUNanos() int64 { return -1 }

// processFaults is unavailable on this platform.
func processFaults() int64 { return -1 }
