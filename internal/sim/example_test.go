package sim_test

import (
	"bytes"
	"fmt"

	"github.com/netmath/netmath/internal/sim"
	"github.com/netmath/netmath/rewards/settle"
)

// Run the default scenario for a few epochs, writing the CSV, and read the
// summary.
func Example() {
	sc := sim.Default()
	sc.Epochs, sc.Warmup = 5, 1
	var csv bytes.Buffer
	s, err := sim.New(sc, sim.Options{RuleSet: settle.Newest, CSV: &csv})
	if err != nil {
		panic(err)
	}
	settled := 0
	for !s.Done() {
		rec, err := s.Step()
		if err != nil {
			panic(err)
		}
		if rec.Result.Settlement != nil {
			settled++
		}
	}
	if err := s.Flush(); err != nil {
		panic(err)
	}
	sum, err := s.Summary()
	if err != nil {
		panic(err)
	}
	fmt.Println("epochs:", sum.Epochs, "settled:", settled, "compared after warm-up:", sum.Compared)
	fmt.Println("CSV lines:", bytes.Count(csv.Bytes(), []byte("\n")))
	fmt.Println("adversary:", sum.Adversary.ID, sum.Adversary.Kind)
	// Output:
	// epochs: 5 settled: 4 compared after warm-up: 4
	// CSV lines: 6
	// adversary: r4 inverted
}
