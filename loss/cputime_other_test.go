//go:build !unix

package loss_test

// processCPUNanos is unavailable on this platform.
func processCPUNanos() int64 { return -1 }
