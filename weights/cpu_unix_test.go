//go:build unix

package weights

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) the process has used so
// far. The benchmarks report it per operation as cpu-ns/op besides the wall
// clock, so that figures stay comparable on a machine shared with other
// work.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
