//go:build unix

package sim

import "syscall"

// processCPUNanos returns the CPU time (user + system) consumed by the
// process so far, or -1 when unavailable. Benchmarks report it per
// operation because wall time on a shared machine includes waiting for a
// CPU.
func processCPUNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// processFaults returns the minor page faults of the process so far (pages
// the kernel had to map on first touch), or -1 when unavailable.
func processFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Minflt
}
