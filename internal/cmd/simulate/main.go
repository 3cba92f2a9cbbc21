// Command simulate runs a simulated topic through the full settlement
// (package rewards/settle) epoch by epoch and reports how the network
// learns: a per-epoch summary line, a final table (network loss against the
// best single worker, rewards against skill, the adversarial reputer), the
// run as CSV in the reference simulator's scheme and a PNG chart.
//
// With no flags it runs the embedded default scenario (internal/sim,
// default.json):
//
//	go run ./internal/cmd/simulate
//
// Flags:
//
//	-scenario FILE   a scenario JSON (default: the embedded one)
//	-inferers N, -forecasters N, -reputers N
//	                 resize the scenario (sim.Scenario.Resize); -1 keeps it
//	-epochs N        number of epochs (0 keeps the scenario's)
//	-warmup N        epochs left out of the statistics (-1 keeps the scenario's)
//	-seed N          PRNG seed (0 keeps the scenario's)
//	-rules R         v6, intermediate or newest (default newest)
//	-labels L        0: single output (multi-label scenarios are not implemented)
//	-csv PATH        CSV output (default out/sim.csv; "" disables it)
//	-png PATH        PNG chart (default out/sim.png; "" disables it)
//	-quiet           print only the final table
//	-cpuprofile PATH write a CPU profile
//
// Every number is computed with integer pseudorandom draws and the decimal
// core, so the same flags give the same CSV bytes and the same final digest
// on every machine.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/netmath/netmath/internal/sim"
	"github.com/netmath/netmath/rewards/settle"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config holds the parsed flags.
type config struct {
	scenario                      string
	inferers, forecasters, reputs int
	epochs, warmup                int
	seed                          uint64
	rules                         string
	labels                        int
	csv, png                      string
	quiet                         bool
	cpuprofile                    string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.scenario, "scenario", "", "scenario JSON file (default: the embedded default scenario)")
	fs.IntVar(&c.inferers, "inferers", -1, "number of inferers (-1: the scenario's)")
	fs.IntVar(&c.forecasters, "forecasters", -1, "number of forecasters (-1: the scenario's)")
	fs.IntVar(&c.reputs, "reputers", -1, "number of reputers (-1: the scenario's)")
	fs.IntVar(&c.epochs, "epochs", 0, "number of epochs (0: the scenario's)")
	fs.IntVar(&c.warmup, "warmup", -1, "warm-up epochs left out of the statistics (-1: the scenario's)")
	fs.Uint64Var(&c.seed, "seed", 0, "PRNG seed (0: the scenario's)")
	fs.StringVar(&c.rules, "rules", string(settle.Newest), "rule set: v6, intermediate or newest")
	fs.IntVar(&c.labels, "labels", 0, "number of labels (0: single output)")
	fs.StringVar(&c.csv, "csv", filepath.Join("out", "sim.csv"), "CSV output path (\"\": none)")
	fs.StringVar(&c.png, "png", filepath.Join("out", "sim.png"), "PNG chart path (\"\": none)")
	fs.BoolVar(&c.quiet, "quiet", false, "print only the final table")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "write a CPU profile to this file")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return c, nil
}

// scenario builds the scenario the flags describe.
func (c config) build() (sim.Scenario, error) {
	sc := sim.Default()
	if c.scenario != "" {
		b, err := os.ReadFile(c.scenario)
		if err != nil {
			return sim.Scenario{}, err
		}
		if sc, err = sim.Parse(b); err != nil {
			return sim.Scenario{}, err
		}
	}
	if c.labels != 0 {
		return sim.Scenario{}, errors.New("-labels: multi-label scenarios are not implemented; use 0")
	}
	sc = sc.Resize(c.inferers, c.forecasters, c.reputs)
	if c.epochs > 0 {
		sc.Epochs = c.epochs
		if c.warmup < 0 && sc.Warmup >= sc.Epochs {
			sc.Warmup = sc.Epochs / 5
		}
	}
	if c.warmup >= 0 {
		sc.Warmup = c.warmup
	}
	if c.seed != 0 {
		sc.Seed = c.seed
	}
	return sc, sc.Validate()
}

func run(args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "simulate:", err)
		return 2
	}
	if err := simulate(c, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "simulate:", err)
		return 1
	}
	return 0
}

func simulate(c config, stdout, stderr io.Writer) (err error) {
	sc, err := c.build()
	if err != nil {
		return err
	}
	rs := settle.RuleSet(c.rules)
	if err := rs.Validate(); err != nil {
		return err
	}
	if c.cpuprofile != "" {
		f, err := create(c.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	opt := sim.Options{RuleSet: rs}
	if c.csv != "" {
		f, err := create(c.csv)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		w := bufio.NewWriterSize(f, 1<<20)
		defer func() {
			if ferr := w.Flush(); err == nil {
				err = ferr
			}
		}()
		opt.CSV = w
	}
	s, err := sim.New(sc, opt)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if !c.quiet {
		fmt.Fprintf(out, "%s: %d inferers, %d forecasters, %d reputers, %d epochs, seed %d, rules %s\n",
			sc.Name, len(sc.Inferers), len(sc.Forecasters), len(sc.Reputers), sc.Epochs, sc.Seed, rs)
		fmt.Fprintf(out, "%6s %16s %16s %10s %10s %-6s %12s\n", "epoch", "truth", "network", "net_loss", "best_loss", "best", "listen_adv")
	}
	ch := newChart(len(sc.Inferers), len(sc.Forecasters))
	start := time.Now()
	next := 1
	for !s.Done() {
		rec, err := s.Step()
		if err != nil {
			return err
		}
		ch.add(rec)
		if !c.quiet {
			adv := "-"
			if rec.Adversary != "" {
				adv = sim.Short(rec.Listening)
			}
			fmt.Fprintf(out, "%6d %16s %16s %10s %10s %-6s %12s\n", rec.Epoch, sim.Short(rec.Truth), sim.Short(rec.NetworkInference),
				sim.Short(rec.NetworkLoss), sim.Short(rec.BestWorkerLoss), rec.BestWorker, adv)
			if p := int(rec.Epoch) * 10 / sc.Epochs; p >= next && sc.Epochs >= 20 {
				out.Flush()
				fmt.Fprintf(stderr, "[%3d%%] epoch %d/%d, %s\n", p*10, rec.Epoch, sc.Epochs, time.Since(start).Round(time.Millisecond))
				next = p + 1
			}
		}
	}
	if err := s.Flush(); err != nil {
		return err
	}
	sum, err := s.Summary()
	if err != nil {
		return err
	}
	if err := sum.WriteTable(out); err != nil {
		return err
	}
	if c.csv != "" {
		fmt.Fprintf(out, "csv %s\n", c.csv)
	}
	if c.png != "" {
		f, err := create(c.png)
		if err != nil {
			return err
		}
		if err := ch.draw(f, sum); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(out, "png %s\n", c.png)
	}
	return nil
}

// create creates a file and its directory.
func create(path string) (*os.File, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	return os.Create(path)
}
