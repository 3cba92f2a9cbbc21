package main

import (
	"fmt"
	"image/color"
	"io"
	"strconv"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// chart collects the per-epoch series of the PNG. It uses float64: the
// chart is a picture, not a result.
type chart struct {
	epoch, truth, network []float64
	inferences            [][]float64 // by inferer
	netLoss, oracle       []float64
	workerLoss            [][]float64 // by all-worker index; NaN when absent
}

func newChart(n, f int) *chart {
	return &chart{inferences: make([][]float64, n), workerLoss: make([][]float64, n+f)}
}

func float(d dec.Dec) float64 {
	v, _ := strconv.ParseFloat(d.String(), 64)
	return v
}

func (c *chart) add(r *sim.Record) {
	c.epoch = append(c.epoch, float64(r.Epoch))
	c.truth = append(c.truth, float(r.Truth))
	c.network = append(c.network, float(r.NetworkInference))
	for j, v := range r.Input.Inferences {
		if j < len(c.inferences) && len(v.Values) > 0 {
			c.inferences[j] = append(c.inferences[j], v.Values[0].InexactFloat64())
		}
	}
	c.netLoss = append(c.netLoss, float(r.NetworkLoss))
	c.oracle = append(c.oracle, float(r.BestWorkerLoss))
	for w := range c.workerLoss {
		v := nan
		if w < len(r.HasLoss) && r.HasLoss[w] {
			v = float(r.WorkerLosses[w])
		}
		c.workerLoss[w] = append(c.workerLoss[w], v)
	}
}

var nan = func() float64 { z := 0.0; return z / z }()

// xy pairs the epochs with ys, skipping NaNs.
func (c *chart) xy(ys []float64) plotter.XYs {
	var pts plotter.XYs
	for i, y := range ys {
		if y == y && i < len(c.epoch) {
			pts = append(pts, plotter.XY{X: c.epoch[i], Y: y})
		}
	}
	return pts
}

// rolling returns the trailing mean over window values (NaNs skipped).
func rolling(ys []float64, window int) []float64 {
	out := make([]float64, len(ys))
	for i := range ys {
		s, n := 0.0, 0
		for k := max(0, i-window+1); k <= i; k++ {
			if ys[k] == ys[k] {
				s += ys[k]
				n++
			}
		}
		out[i] = nan
		if n > 0 {
			out[i] = s / float64(n)
		}
	}
	return out
}

// intTicks labels the default tick positions without trailing zeros
// ("25", not "25.00").
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'f', -1, 64)
		}
	}
	return ts
}

var (
	black  = color.RGBA{A: 255}
	blue   = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	orange = color.RGBA{R: 255, G: 127, B: 14, A: 255}
	green  = color.RGBA{R: 44, G: 160, B: 44, A: 255}
	grey   = color.RGBA{R: 150, G: 150, B: 150, A: 255}
)

func line(p *plot.Plot, name string, pts plotter.XYs, col color.Color, width vg.Length, dashed bool) error {
	if len(pts) == 0 {
		return nil
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	l.Color = col
	l.Width = width
	if dashed {
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	p.Add(l)
	p.Legend.Add(name, l)
	return nil
}

// draw renders two panels: the truth with the network and the best
// inferer's inferences (the last 80 epochs, to stay readable), and the
// rolling mean of the true losses of the network, the best single worker
// and the per-epoch best worker over the whole run.
func (c *chart) draw(w io.Writer, sum sim.Summary) error {
	bestInf, bestName := -1, ""
	var bestLoss dec.Dec
	for j, a := range sum.Actors {
		if a.Class == "inferer" && a.HasLoss && (bestInf < 0 || a.MeanLoss.Cmp(bestLoss) < 0) {
			bestInf, bestName, bestLoss = j, a.ID+" "+a.Name, a.MeanLoss
		}
	}
	from := max(0, len(c.epoch)-80)
	tail := func(ys []float64) []float64 {
		out := make([]float64, len(ys))
		for i := range ys {
			out[i] = nan
			if i >= from {
				out[i] = ys[i]
			}
		}
		return out
	}
	top := plot.New()
	top.Title.Text = fmt.Sprintf("%s: ground truth and inferences (last %d epochs)", sum.RuleSet, len(c.epoch)-from)
	top.X.Label.Text = "epoch"
	top.X.Tick.Marker = intTicks{}
	top.Y.Label.Text = "log-return"
	top.Legend.Top = true
	top.Add(plotter.NewGrid())
	if err := line(top, "truth", c.xy(tail(c.truth)), black, vg.Points(2), false); err != nil {
		return err
	}
	if bestInf >= 0 {
		if err := line(top, "best inferer ("+bestName+")", c.xy(tail(c.inferences[bestInf])), orange, vg.Points(1), true); err != nil {
			return err
		}
	}
	if err := line(top, "network inference", c.xy(tail(c.network)), blue, vg.Points(1.5), false); err != nil {
		return err
	}

	const window = 20
	bot := plot.New()
	bot.Title.Text = fmt.Sprintf("true loss log10((prediction - truth)^2), trailing mean of %d epochs", window)
	bot.X.Label.Text = "epoch"
	bot.X.Tick.Marker = intTicks{}
	bot.Y.Label.Text = "log10 squared error"
	bot.Legend.Top = true
	bot.Add(plotter.NewGrid())
	if sum.BestWorker != "" {
		for w := range c.workerLoss {
			if id := workerID(sum, w); id == sum.BestWorker {
				if err := line(bot, "best single worker ("+id+" "+sum.BestWorkerName+")", c.xy(rolling(c.workerLoss[w], window)), orange, vg.Points(1.5), true); err != nil {
					return err
				}
			}
		}
	}
	if err := line(bot, "per-epoch best worker (oracle)", c.xy(rolling(c.oracle, window)), grey, vg.Points(1), true); err != nil {
		return err
	}
	if err := line(bot, "network", c.xy(rolling(c.netLoss, window)), blue, vg.Points(2), false); err != nil {
		return err
	}
	if sum.Warmup > 0 {
		v := plotter.XYs{{X: float64(sum.Warmup), Y: minOf(rolling(c.oracle, window))}, {X: float64(sum.Warmup), Y: maxOf(rolling(c.netLoss, window))}}
		if l, err := plotter.NewLine(v); err == nil {
			l.Color = green
			l.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
			bot.Add(l)
			bot.Legend.Add("end of warm-up", l)
		}
	}

	const width, height = 12 * vg.Inch, 9 * vg.Inch
	img := vgimg.New(width, height)
	dc := draw.New(img)
	t := draw.Tiles{Rows: 2, Cols: 1, PadX: vg.Millimeter, PadY: 4 * vg.Millimeter,
		PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter, PadLeft: 2 * vg.Millimeter, PadRight: 2 * vg.Millimeter}
	plots := [][]*plot.Plot{{top}, {bot}}
	canvases := plot.Align(plots, t, dc)
	top.Draw(canvases[0][0])
	bot.Draw(canvases[1][0])
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// workerID returns the id of all-worker index w from the summary's actor
// list (inferers, then forecasters, then reputers).
func workerID(sum sim.Summary, w int) string {
	if w < len(sum.Actors) && sum.Actors[w].Class != "reputer" {
		return sum.Actors[w].ID
	}
	return ""
}

func minOf(ys []float64) float64 {
	m := ys[0]
	for _, y := range ys {
		if y == y && (m != m || y < m) {
			m = y
		}
	}
	return m
}

func maxOf(ys []float64) float64 {
	m := ys[0]
	for _, y := range ys {
		if y == y && (m != m || y > m) {
			m = y
		}
	}
	return m
}
