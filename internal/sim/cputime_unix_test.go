//go:build unix

package sim

import "syscall"

// processUsage returns the CPU time (user + system) the process has
// consumed so far and its minor page faults (pages the kernel had to map
// on first touch), read at one instant, or -1, -1 when unavailable.
// Benchmarks report CPU time per operation because wall time on a shared
// machine includes waiting for a CPU.
func processUsage() (cpuNanos, faults int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1, -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), ru.Minflt
}
