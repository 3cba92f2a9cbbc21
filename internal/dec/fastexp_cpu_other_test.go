//go:build !unix

package dec

import "time"

// benchCPU reports no CPU time where getrusage is missing.
func benchCPU() time.Duration { return 0 }
