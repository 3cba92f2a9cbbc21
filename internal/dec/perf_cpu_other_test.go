//go:build !unix

package dec_test

import "time"

// perfCPU is not available here; cpu-ns/op then reads 0.
func perfCPU() time.Duration { return 0 }
