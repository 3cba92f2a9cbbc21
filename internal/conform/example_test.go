package conform_test

import (
	"bytes"
	"fmt"

	"github.com/netmath/netmath/internal/conform"
	"github.com/netmath/netmath/internal/conform/conformtest"
	"github.com/netmath/netmath/internal/scheme"
)

// ExampleCheck settles a small synthetic topic, writes it in the
// simulator's CSV format and checks it with the runner.
func ExampleCheck() {
	data, err := conformtest.Generate(conformtest.Config{
		Shape: scheme.Shape{Inferers: 3, Forecasters: 2, Reputers: 2}, Rows: 6, FirstEpoch: 100,
	})
	if err != nil {
		panic(err)
	}
	rep, err := conform.Check("topic.csv", bytes.NewReader(data), conform.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(rep.Kind, rep.Rows, "rows;", rep.Pairs, "reproduced; pass:", rep.Pass())
	fmt.Println("network_inference max rel error:", conform.Sci(family(rep, "network_inference").MaxRel))
	for _, s := range rep.Skipped {
		fmt.Println("skipped", s.Values, "at", s.Epochs, s.Families)
	}
	// Output:
	// inference 6 rows; 5 reproduced; pass: true
	// network_inference max rel error: 0
	// skipped 21 at [101 102 103] [inferer_reward_fraction_# inferer_reward_fraction_smooth_# inferers_entropy]
	// skipped 20 at [101 102 103 104] [forecaster_reward_fraction_# forecaster_reward_fraction_smooth_# forecasters_entropy]
	// skipped 30 at [101 102 103] [forecaster_reward_# forecasters_reward_fraction inferer_reward_# inferers_reward_fraction reputer_reward_# reputers_reward_fraction]
	// skipped 10 at [104] [forecaster_reward_# forecasters_reward_fraction inferer_reward_# inferers_reward_fraction reputer_reward_# reputers_reward_fraction]
}
