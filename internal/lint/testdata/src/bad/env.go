package bad

import (
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func concurrency() {
	var mu sync.Mutex // want concurrency
	mu.Lock()         // want concurrency
	mu.Unlock()       // want concurrency
	var n int64
	atomic.AddInt64(&n, 1) // want concurrency
	done := make(chan int)
	go func() { done <- 1 }() // want concurrency
	select {                  // want concurrency
	case <-done:
	default:
	}
	_ = sync.OnceValue(func() int { return 1 }) // want concurrency
}

func environment() {
	_ = time.Now()              // want env
	_ = time.Since(time.Time{}) // want env
	_ = os.Getenv("X")          // want env
	_, _ = os.LookupEnv("X")    // want env
	_ = os.Args                 // want env
	_ = runtime.NumCPU()        // want env
	_ = runtime.GOARCH          // want env
}
