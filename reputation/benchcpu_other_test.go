//go:build !unix

package reputation

import "time"

func processCPU() time.Duration { return 0 }
