//go:build unix

package dec

import (
	"syscall"
	"time"
)

// benchCPU returns the CPU time (user + system) the process has used so
// far (as perfCPU in the external benchmarks).
func benchCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
