//go:build !unix

package weights

import "time"

// processCPU is not available here; cpu-ns/op then reads 0.
func processCPU() time.Duration { return 0 }
