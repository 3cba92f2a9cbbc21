package sim

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/rewards/settle"
)

// Summary is the outcome of a run. Every number is computed with the
// decimal core (34 significant digits, truncation, for each mean and
// quotient; sums exact), so it is identical on every machine.
//
// Losses are true losses: log10 of the squared error of a prediction
// against the ground truth, without reputer noise (the network losses the
// protocol uses are the reputers' stake-weighted reports, which the
// adversarial reputer distorts). "After warm-up" means the epochs
// Warmup+1..Epochs; a worker is an inferer or a forecaster's
// forecast-implied inference.
type Summary struct {
	Scenario string
	RuleSet  settle.RuleSet
	Epochs   int
	Warmup   int
	// Compared is the number of epochs after warm-up.
	Compared int
	// MeanNetworkLoss and MeanNaiveLoss are the mean true losses of the
	// network combined and naive inferences after warm-up.
	MeanNetworkLoss dec.Dec
	MeanNaiveLoss   dec.Dec
	// BestWorker is the worker with the lowest mean true loss after
	// warm-up (the best single worker one could have picked in hindsight),
	// MeanBestWorkerLoss that mean, and BeatsBest the number of epochs
	// after warm-up in which the network's loss was strictly lower than
	// that worker's.
	BestWorker         string
	BestWorkerName     string
	MeanBestWorkerLoss dec.Dec
	BeatsBest          int
	// BestInferer, MeanBestInfererLoss and BeatsBestInferer are the same
	// for the best inferer alone (forecast-implied inferences excluded).
	BestInferer         string
	BestInfererName     string
	MeanBestInfererLoss dec.Dec
	BeatsBestInferer    int
	// MeanOracleLoss is the mean, after warm-up, of the lowest worker loss
	// of each epoch (a different worker each epoch: an oracle), and
	// BeatsOracle the number of epochs the network beat all its workers.
	MeanOracleLoss dec.Dec
	BeatsOracle    int
	// Actors lists every actor with its skill and reward.
	Actors []Actor
	// Correlations holds Spearman's rank correlation between skill and
	// reward for the inferers, the forecasters and the reputers.
	Correlations []Correlation
	// Adversary describes the first non-honest reputer (nil when none).
	Adversary *Adversary
	// Digest is the SHA-256 of the concatenated settle.Digest of every
	// epoch's Result, in epoch order; DigestEpochs is their number.
	Digest       [32]byte
	DigestEpochs int
}

// Actor is one actor's outcome.
type Actor struct {
	Class string // "inferer", "forecaster" or "reputer"
	ID    string
	Name  string
	Role  string
	// MeanLoss is a worker's mean true loss after warm-up; for a reputer,
	// the mean absolute difference between its reported and the true
	// losses of the inferers.
	MeanLoss dec.Dec
	HasLoss  bool
	// Reward is the sum of the actor's payouts over the settlements after
	// warm-up, in tokens; Share its fraction of its class's total.
	Reward dec.Dec
	Share  dec.Dec
	// Stake and FinalStake are a reputer's initial and final stakes, in
	// tokens.
	Stake, FinalStake dec.Dec
}

// Correlation is Spearman's ρ between skill and reward within a class.
type Correlation struct {
	Class string
	// Skill and Reward describe the two variables ranked.
	Skill, Reward string
	N             int
	Rho           dec.Dec
	OK            bool
}

// Adversary is the outcome of the first non-honest reputer.
type Adversary struct {
	ID, Name string
	Kind     ReputerKind
	// Listening is its final listening coefficient, MeanListening the
	// mean after warm-up.
	Listening, MeanListening dec.Dec
	// RewardShare is its share of the reputers' rewards after warm-up and
	// StakeShare its share of the initial stake.
	RewardShare, StakeShare dec.Dec
}

// Summary computes the run's summary so far (normally after the last epoch).
func (s *Sim) Summary() (Summary, error) {
	a := &s.acc
	m := dec.NewCalc(s.ctx)
	sum := Summary{
		Scenario: s.sc.Name, RuleSet: s.p.RuleSet, Epochs: int(s.epoch), Warmup: s.sc.Warmup,
		Compared: len(a.epochs), DigestEpochs: a.nDigests,
	}
	copy(sum.Digest[:], a.digest.Sum(nil))
	mean := func(xs []dec.Dec) dec.Dec {
		if len(xs) == 0 {
			return dec.Dec{}
		}
		return m.Quo(dec.Sum(xs), dec.FromInt64(int64(len(xs))))
	}
	W := a.N + a.F
	var net, naive, oracle []dec.Dec
	work := make([][]dec.Dec, W)
	for _, e := range a.epochs {
		net, naive = append(net, e.net), append(naive, e.naive)
		if e.bestID != "" {
			oracle = append(oracle, e.bestLoss)
			if e.net.Cmp(e.bestLoss) < 0 {
				sum.BeatsOracle++
			}
		}
		for w := range W {
			if e.has[w] {
				work[w] = append(work[w], e.worker[w])
			}
		}
	}
	sum.MeanNetworkLoss, sum.MeanNaiveLoss, sum.MeanOracleLoss = mean(net), mean(naive), mean(oracle)
	wmean := make([]dec.Dec, W)
	best, bestInf := -1, -1
	for w := range W {
		if len(work[w]) == 0 {
			continue
		}
		wmean[w] = mean(work[w])
		// Only workers present in every compared epoch can be "the best
		// single worker".
		if len(work[w]) == len(a.epochs) && (best < 0 || wmean[w].Cmp(wmean[best]) < 0) {
			best = w
		}
		if w < a.N && len(work[w]) == len(a.epochs) && (bestInf < 0 || wmean[w].Cmp(wmean[bestInf]) < 0) {
			bestInf = w
		}
	}
	beats := func(w int) int {
		n := 0
		for _, e := range a.epochs {
			if e.net.Cmp(e.worker[w]) < 0 {
				n++
			}
		}
		return n
	}
	if best >= 0 {
		sum.BestWorker, sum.BestWorkerName = s.codec.WorkerID(best), s.workerName(best)
		sum.MeanBestWorkerLoss, sum.BeatsBest = wmean[best], beats(best)
	}
	if bestInf >= 0 {
		sum.BestInferer, sum.BestInfererName = s.codec.WorkerID(bestInf), s.workerName(bestInf)
		sum.MeanBestInfererLoss, sum.BeatsBestInferer = wmean[bestInf], beats(bestInf)
	}
	var total [3]dec.Dec
	for c := range 3 {
		total[c] = dec.Sum(a.reward[c])
	}
	share := func(c, i int) dec.Dec {
		if total[c].IsZero() {
			return dec.Dec{}
		}
		return m.Quo(a.reward[c][i], total[c])
	}
	tokens := func(x dec.Dec) dec.Dec { return x.Shift(-tokenExp) }
	var skill, reward [3][]dec.Dec
	for w := range W {
		c, i, class := classInferer, w, "inferer"
		if w >= a.N {
			c, i, class = classForecaster, w-a.N, "forecaster"
		}
		act := Actor{Class: class, ID: s.codec.WorkerID(w), Name: s.workerName(w), Role: s.workerRole(w),
			MeanLoss: wmean[w], HasLoss: len(work[w]) > 0, Reward: tokens(a.reward[c][i]), Share: share(c, i)}
		sum.Actors = append(sum.Actors, act)
		if act.HasLoss {
			skill[c] = append(skill[c], wmean[w].Neg())
			reward[c] = append(reward[c], a.reward[c][i])
		}
	}
	var stakeTotal dec.Dec
	for _, r := range s.sc.Reputers {
		stakeTotal = stakeTotal.Add(r.Stake)
	}
	for i, r := range s.sc.Reputers {
		act := Actor{Class: "reputer", ID: s.codec.ReputerID(i), Name: r.Name, Role: reputerRole(r),
			Reward: tokens(a.reward[classReputer][i]), Share: share(classReputer, i),
			Stake: r.Stake, FinalStake: tokens(s.stakes[i])}
		if a.devN[i] > 0 {
			act.MeanLoss, act.HasLoss = m.Quo(a.dev[i], dec.FromInt64(a.devN[i])), true
			skill[classReputer] = append(skill[classReputer], act.MeanLoss.Neg())
			reward[classReputer] = append(reward[classReputer], m.Quo(a.reward[classReputer][i], r.Stake.Shift(tokenExp)))
		}
		sum.Actors = append(sum.Actors, act)
	}
	for c, d := range []Correlation{
		{Class: "inferers", Skill: "-(mean true loss)", Reward: "reward"},
		{Class: "forecasters", Skill: "-(mean true loss of the forecast-implied inference)", Reward: "reward"},
		{Class: "reputers", Skill: "-(mean |reported - true loss|)", Reward: "reward per initial stake"},
	} {
		rho, ok, err := Spearman(s.ctx, skill[c], reward[c])
		if err != nil {
			return Summary{}, err
		}
		d.N, d.Rho, d.OK = len(skill[c]), rho, ok
		sum.Correlations = append(sum.Correlations, d)
	}
	if i := a.adversary; i >= 0 {
		r := s.sc.Reputers[i]
		adv := &Adversary{ID: s.codec.ReputerID(i), Name: r.Name, Kind: r.Kind, Listening: dec.One(),
			RewardShare: share(classReputer, i), StakeShare: m.Quo(r.Stake, stakeTotal)}
		if v, ok := index(s.state.Listening)[adv.ID]; ok {
			adv.Listening = v
		}
		if len(a.epochs) > 0 {
			adv.MeanListening = m.Quo(a.listening, dec.FromInt64(int64(len(a.epochs))))
		}
		sum.Adversary = adv
	}
	return sum, m.Err()
}

// workerName returns the scenario name of worker w.
func (s *Sim) workerName(w int) string {
	if w < len(s.sc.Inferers) {
		return s.sc.Inferers[w].Name
	}
	return s.sc.Forecasters[w-len(s.sc.Inferers)].Name
}

// workerRole describes worker w's behaviour.
func (s *Sim) workerRole(w int) string {
	if w < len(s.sc.Inferers) {
		a := s.sc.Inferers[w]
		r := "noise " + a.Noise.String()
		if a.NoiseEnd != nil {
			r += "->" + a.NoiseEnd.String()
		}
		if !a.Bias.IsZero() {
			r += ", bias " + a.Bias.String()
		}
		return r
	}
	f := s.sc.Forecasters[w-len(s.sc.Inferers)]
	var r string
	switch f.Kind {
	case ForecastEMA:
		r = "EMA " + f.Alpha.String()
	case ForecastWindow:
		r = fmt.Sprintf("mean of last %d", f.Window)
	case ForecastCopy:
		return "copies " + s.codec.ForecasterID(f.Copies)
	}
	if f.Noise.Sign() > 0 {
		r += ", noise " + f.Noise.String()
	}
	return r
}

func reputerRole(r Reputer) string {
	return string(r.Kind) + ", noise " + r.Noise.String()
}

// Short formats x with at most 6 significant digits (half-even), for
// display only.
func Short(x dec.Dec) string {
	ctx, _ := dec.ContextFor(6, "half-even")
	r, err := ctx.Round(x)
	if err != nil {
		return x.String()
	}
	return r.String()
}

// pct formats k/n as a percentage with one decimal, for display.
func pct(k, n int) string {
	if n == 0 {
		return "-"
	}
	ctx, _ := dec.ContextFor(3, "half-even")
	q, err := ctx.Quo(dec.FromInt64(int64(1000*k)), dec.FromInt64(int64(n)))
	if err != nil {
		return "-"
	}
	return q.Shift(-1).String() + "%"
}

// WriteTable writes the summary as aligned text tables.
func (sum Summary) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\n== %s (rules %s, %d epochs, warm-up %d) ==\n\n", sum.Scenario, sum.RuleSet, sum.Epochs, sum.Warmup)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "true loss, log10 squared error (mean over %d epochs after warm-up)\t\n", sum.Compared)
	fmt.Fprintf(tw, "  network combined inference\t%s\n", Short(sum.MeanNetworkLoss))
	fmt.Fprintf(tw, "  network naive inference (inferers only)\t%s\n", Short(sum.MeanNaiveLoss))
	if sum.BestWorker != "" {
		fmt.Fprintf(tw, "  best single worker: %s (%s)\t%s\n", sum.BestWorker, sum.BestWorkerName, Short(sum.MeanBestWorkerLoss))
		fmt.Fprintf(tw, "  network beats the best single worker\t%d/%d epochs (%s)\n", sum.BeatsBest, sum.Compared, pct(sum.BeatsBest, sum.Compared))
	}
	if sum.BestInferer != "" && sum.BestInferer != sum.BestWorker {
		fmt.Fprintf(tw, "  best single inferer: %s (%s)\t%s\n", sum.BestInferer, sum.BestInfererName, Short(sum.MeanBestInfererLoss))
		fmt.Fprintf(tw, "  network beats the best single inferer\t%d/%d epochs (%s)\n", sum.BeatsBestInferer, sum.Compared, pct(sum.BeatsBestInferer, sum.Compared))
	}
	fmt.Fprintf(tw, "  per-epoch best worker (oracle)\t%s\n", Short(sum.MeanOracleLoss))
	fmt.Fprintf(tw, "  network beats every worker\t%d/%d epochs (%s)\n", sum.BeatsOracle, sum.Compared, pct(sum.BeatsOracle, sum.Compared))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\nrewards after warm-up (tokens) against skill\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "class\tid\tname\trole\tmean loss / |dev|\treward\tshare of class\tstake: initial\tfinal\t")
	for _, a := range sum.Actors {
		loss, stake, final := "-", "", ""
		if a.HasLoss {
			loss = Short(a.MeanLoss)
		}
		if a.Class == "reputer" {
			stake, final = Short(a.Stake), Short(a.FinalStake)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", a.Class, a.ID, a.Name, a.Role, loss, Short(a.Reward), Short(a.Share), stake, final)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\nSpearman rank correlation between skill and reward\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, c := range sum.Correlations {
		rho := "undefined"
		if c.OK {
			rho = Short(c.Rho)
		}
		fmt.Fprintf(tw, "  %s (n=%d)\trho = %s\tskill %s vs %s\n", c.Class, c.N, rho, c.Skill, c.Reward)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if a := sum.Adversary; a != nil {
		fmt.Fprintf(&b, "\nadversarial reputer %s (%s, %s): listening coefficient %s at the end, %s on average after warm-up; "+
			"%s of the reputers' rewards for %s of the initial stake\n",
			a.ID, a.Name, a.Kind, Short(a.Listening), Short(a.MeanListening), Short(a.RewardShare), Short(a.StakeShare))
	}
	fmt.Fprintf(&b, "\ndigest %x (SHA-256 over the settle.Digest of %d epochs)\n", sum.Digest, sum.DigestEpochs)
	_, err := io.WriteString(w, b.String())
	return err
}
