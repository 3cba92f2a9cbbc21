package conform

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/netmath/netmath/internal/dec"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/rewards"
	"github.com/netmath/netmath/rewards/settle"
)

// Dependency groups of the columns whose value needs the score-normalisation
// sample (spec scores_rewards §7, §10–§13):
//
//   - depInferers: the inferers' instant fractions u (10.4), their smoothed
//     fractions (11.1)/(11.2) and the inferers' entropy F (11.4): they need
//     the inferer sample;
//   - depForecasters: the same for the forecasters (v, smoothed, G): they need
//     the forecaster sample;
//   - depTask: everything that needs both entropies F and G through γ (12.7)
//     and the task rewards (12.8)–(12.10): the three task fractions
//     inferers/forecasters/reputers_reward_fraction and every per-actor reward
//     (13.1), (13.2) (inferers' u·U, forecasters' v·V, reputers' w·W). When the
//     forecaster entropy is skipped by rule (G = 0: no forecasters, or fewer
//     than two inferers) they need only the inferer sample.
//
// Independent of the sample, hence always compared: scores, the reputers'
// fractions, smoothed fractions and entropy H (10.5), (11.x), the forecaster
// score ratio τ and utility χ (12.1)–(12.6), which read only scores, losses
// and the stored τ.
type depGroup int

const (
	depNone depGroup = iota
	depInferers
	depForecasters
	depTask
)

// inferenceCheck reproduces an inference or multi-label file: for every row
// after the first (and the first too in genesis mode), State(previous row)
// + Input(row) → settle.Epoch → Values, compared with the row.
type inferenceCheck struct {
	cr      *CSVReader
	codec   Codec
	labels  []string
	base    settle.RuleSet
	rulesAt []RuleRange
	params  map[settle.RuleSet]settle.Params
	ksize   map[settle.RuleSet][2]int
	kmax    [2]int
	initial dec.Dec
	cmp     *comparator
	rep     *FileReport
	group   map[string]depGroup
	out     map[string]bool

	strict  bool
	genesis bool
	// genesisInitial is the initial regret of the zero State (genesis).
	genesisInitial dec.Dec
	// carried is the runner's own state after the previous row (genesis
	// mode only).
	carried   *settle.State
	hasEpoch  bool
	prev      *Record
	prevEpoch int64
	hist      ScoreHistory
}

func newInferenceCheck(cr *CSVReader, opt Options, cmp *comparator, rep *FileReport) (*inferenceCheck, error) {
	shape, err := scheme.Detect(cr.Header())
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFormat, cr.Name(), err)
	}
	if shape.Inferers > MaxActors || shape.Forecasters > MaxActors || shape.Reputers > MaxActors || shape.Labels > MaxLabels {
		return nil, fmt.Errorf("%w: %s: header declares %d inferers, %d forecasters, %d reputers, %d labels (limits %d actors, %d labels)",
			ErrFormat, cr.Name(), shape.Inferers, shape.Forecasters, shape.Reputers, shape.Labels, MaxActors, MaxLabels)
	}
	if err := dense(cr, shape); err != nil {
		return nil, err
	}
	k := &inferenceCheck{cr: cr, codec: NewCodec(shape), cmp: cmp, rep: rep, hasEpoch: cr.Has(scheme.Epoch),
		params: map[settle.RuleSet]settle.Params{}, ksize: map[settle.RuleSet][2]int{}, out: map[string]bool{}}
	rep.Shape = &shape
	rep.Kind = KindInference
	k.base, k.initial = settle.V6, dec.One()
	if shape.Labels > 0 {
		rep.Kind = KindMultilabel
		k.base, k.initial = settle.Newest, dec.New(1, -4)
		for l := 0; l < shape.Labels; l++ {
			k.labels = append(k.labels, "label_"+strconv.Itoa(l))
		}
	}
	if opt.Rules != "" {
		if err := opt.Rules.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrOptions, err)
		}
		k.base = opt.Rules
	}
	if opt.InitialRegret != nil {
		k.initial = *opt.InitialRegret
	}
	k.rulesAt = opt.RulesAt
	k.strict = opt.StrictRulesAt
	k.genesis = opt.Genesis
	if opt.Genesis && opt.InitialRegret != nil {
		k.genesisInitial = *opt.InitialRegret
	}
	var basep settle.Params
	if opt.Params != nil {
		basep = *opt.Params
	} else {
		if basep, err = settle.SimulatorParams(k.base); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrOptions, err)
		}
		basep.Rewards.MaxTopInferersToReward = 1
		basep.Rewards.MaxTopForecastersToReward = 1
		basep.Rewards.MaxTopReputersToReward = 1
	}
	for i, dst := range []*int{&basep.Rewards.MaxTopInferersToReward, &basep.Rewards.MaxTopForecastersToReward, &basep.Rewards.MaxTopReputersToReward} {
		if opt.MaxTop[i] < 0 {
			return nil, fmt.Errorf("%w: negative max-top", ErrOptions)
		}
		if opt.MaxTop[i] > 0 {
			*dst = opt.MaxTop[i]
		}
	}
	rules := []settle.RuleSet{k.base}
	for _, r := range k.rulesAt {
		rules = append(rules, r.Rules)
	}
	for _, rs := range rules {
		if _, done := k.params[rs]; done {
			continue
		}
		p := basep.WithRuleSet(rs)
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("%w: rules %s: %w", ErrOptions, rs, err)
		}
		ki, err1 := rewards.ScoreSampleSize(rewards.Inferers, p.Rewards)
		kf, err2 := rewards.ScoreSampleSize(rewards.Forecasters, p.Rewards)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%w: rules %s: score sample size: %v %v", ErrOptions, rs, err1, err2)
		}
		k.params[rs] = p
		k.ksize[rs] = [2]int{ki, kf}
		k.kmax = [2]int{max(k.kmax[0], ki), max(k.kmax[1], kf)}
	}
	k.group = depGroups(shape)
	var ra []string
	for _, r := range k.rulesAt {
		ra = append(ra, r.String())
	}
	p := k.params[k.base].Rewards
	rep.Setup = fmt.Sprintf("N=%d F=%d R=%d L=%d; rules %s", shape.Inferers, shape.Forecasters, shape.Reputers, shape.Labels, k.base)
	if len(ra) > 0 {
		rep.Setup += " (" + strings.Join(ra, ", ") + ")"
	}
	ir := k.initial.String()
	if k.genesis {
		ir = "from genesis " + k.genesisInitial.String()
	}
	if cr.Has(ColInitialRegret) {
		ir += " (then the " + ColInitialRegret + " column)"
	}
	rep.Setup += fmt.Sprintf("; initial regret %s; score sample %d/%d (max-top %d/%d/%d)",
		ir, k.ksize[k.base][0], k.ksize[k.base][1],
		p.MaxTopInferersToReward, p.MaxTopForecastersToReward, p.MaxTopReputersToReward)
	return k, nil
}

// dense checks that every actor index below the shape's counts has a
// column, so that the work per row (which grows with the square of the
// workers) is bounded by the header's size, and a header naming one absurd
// index is rejected with a clear message.
func dense(cr *CSVReader, s scheme.Shape) error {
	missing := func(kind string, i, n int) error {
		return fmt.Errorf("%w: %s: the header names %s up to index %d but has no column for %s %d (indices must run 0..%d)",
			ErrFormat, cr.Name(), kind, n-1, kind, i, n-1)
	}
	for j := 0; j < s.Inferers; j++ {
		if !cr.Has(s.Inference(j, 0)) && !cr.Has(scheme.InferenceLoss(j)) && !cr.Has(scheme.InfererScore(j)) && !cr.Has(scheme.InfererReward(j)) {
			return missing("inferer", j, s.Inferers)
		}
	}
	for k := 0; k < s.Forecasters; k++ {
		ok := cr.Has(s.FII(k, 0)) || cr.Has(scheme.ForecasterScore(k))
		for j := 0; j < s.Inferers && !ok; j++ {
			ok = cr.Has(scheme.ForecastedLoss(k, j))
		}
		if !ok {
			return missing("forecaster", k, s.Forecasters)
		}
	}
	for r := 0; r < s.Reputers; r++ {
		if !cr.Has(scheme.Stake(r)) && !cr.Has(scheme.ReputerScore(r)) && !cr.Has(scheme.RepNetwork(r)) && !cr.Has(scheme.RepInference(r, 0)) {
			return missing("reputer", r, s.Reputers)
		}
	}
	for l := 0; l < s.Labels; l++ {
		if !cr.Has(s.Inference(0, l)) {
			return missing("label", l, s.Labels)
		}
	}
	return nil
}

// depGroups maps every column that needs a score sample to its group.
func depGroups(s scheme.Shape) map[string]depGroup {
	g := map[string]depGroup{scheme.InferersEnt: depInferers, scheme.ForecastEnt: depForecasters,
		scheme.InferersFrac: depTask, scheme.ForecastFrac: depTask, scheme.ReputersFrac: depTask}
	for j := 0; j < s.Inferers; j++ {
		g[scheme.InfererFraction(j)] = depInferers
		g[scheme.InfererSmooth(j)] = depInferers
		g[scheme.InfererReward(j)] = depTask
	}
	for k := 0; k < s.Forecasters; k++ {
		g[scheme.ForecasterFraction(k)] = depForecasters
		g[scheme.ForecasterSmooth(k)] = depForecasters
		g[scheme.ForecasterReward(k)] = depTask
	}
	for r := 0; r < s.Reputers; r++ {
		g[scheme.ReputerReward(r)] = depTask
	}
	return g
}

// rulesFor returns the rule set of an epoch (the last matching RulesAt
// range, else the base).
func (k *inferenceCheck) rulesFor(epoch int64) settle.RuleSet {
	rs := k.base
	for _, r := range k.rulesAt {
		if epoch >= r.From && epoch <= r.To {
			rs = r.Rules
		}
	}
	return rs
}

func (k *inferenceCheck) epochOf(rec *Record) (int64, error) {
	if !k.hasEpoch {
		return int64(k.rep.Rows), nil
	}
	s, _ := rec.Str(scheme.Epoch)
	e, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, rec.errorf("epoch %q is not an integer", quote(s))
	}
	return e, nil
}

func (k *inferenceCheck) row(rec *Record) error {
	epoch, err := k.epochOf(rec)
	if err != nil {
		return err
	}
	if k.prev != nil && epoch <= k.prevEpoch {
		return rec.errorf("epoch %d does not follow epoch %d (epochs must increase)", epoch, k.prevEpoch)
	}
	row := Row{Epoch: epoch, Get: rec.Get}
	switch {
	case k.prev != nil:
		if err := k.reproduce(row, &Row{Epoch: k.prevEpoch, Get: k.prev.Get}); err != nil {
			return err
		}
	case k.genesis:
		if err := k.reproduce(row, nil); err != nil {
			return err
		}
	}
	inf, fc, err := k.codec.Scores(row)
	if err != nil {
		return err
	}
	k.hist.Push(epoch, inf, fc)
	k.hist.Prune(k.kmax[0], k.kmax[1])
	k.prev, k.prevEpoch = rec, epoch
	return nil
}

// state returns the topic state before row: the zero State of a new topic
// when prev is nil (Options.Genesis), otherwise the previous row's state
// columns (see Codec.StateWith), its ColInitialRegret and ColRegretScale
// when present, and, in genesis mode, the state the file does not hold
// (inclusion counts, EMA scores, topic quantiles, initial EMA scores)
// carried from the runner's own settlement of the previous row.
func (k *inferenceCheck) state(row Row, prev *Row, rs settle.RuleSet) (settle.State, error) {
	p := k.params[rs]
	if prev == nil {
		st := settle.State{Epoch: row.Epoch - 1}
		st.Regrets.InitialRegret = k.genesisInitial.Decimal()
		return st, nil
	}
	st, err := k.codec.StateWith(*prev, k.hist, StateOptions{InitialRegret: k.initial, StoreScale: rs == settle.Newest, Epsilon: d(p.Regret.Epsilon)})
	if err != nil {
		return st, fmt.Errorf("%s: epoch %d: previous state: %w", k.cr.Name(), row.Epoch, err)
	}
	r := reader{get: prev.Get}
	if v, ok := r.val(ColInitialRegret); ok {
		st.Regrets.InitialRegret = v
	} else if k.carried != nil {
		st.Regrets.InitialRegret = k.carried.Regrets.InitialRegret
	}
	if v, ok := r.val(ColRegretScale); ok {
		st.Regrets.Scale = v
	}
	if r.err != nil {
		return st, r.err
	}
	if c := k.carried; c != nil {
		st.InfererInclusions, st.ForecasterInclusions = c.InfererInclusions, c.ForecasterInclusions
		st.InfererEMAs, st.ForecasterEMAs, st.ReputerEMAs = c.InfererEMAs, c.ForecasterEMAs, c.ReputerEMAs
		st.Quantiles, st.InitialEMAs = c.Quantiles, c.InitialEMAs
	}
	return st, nil
}

// settle runs one epoch under a rule set.
func (k *inferenceCheck) settle(row Row, prev *Row, rs settle.RuleSet) (settle.State, settle.Input, settle.Result, error) {
	st, err := k.state(row, prev, rs)
	if err != nil {
		return st, settle.Input{}, settle.Result{}, err
	}
	in, err := k.codec.Input(row, k.labels)
	if err != nil {
		return st, in, settle.Result{}, fmt.Errorf("%s: %w", k.cr.Name(), err)
	}
	res, err := settle.Epoch(st, in, k.params[rs])
	if err != nil {
		return st, in, res, fmt.Errorf("%w: %s: epoch %d (rules %s): the settlement rejects the row's inputs: %w", ErrFormat, k.cr.Name(), row.Epoch, rs, err)
	}
	return st, in, res, nil
}

// values records every column a result determines: Values, and the state
// columns ColInitialRegret and ColRegretScale.
func (k *inferenceCheck) values(st settle.State, in settle.Input, res settle.Result, set Setter) {
	k.codec.Values(st, in, res, set)
	set(ColInitialRegret, d(res.State.Regrets.InitialRegret))
	set(ColRegretScale, d(res.State.Regrets.Scale))
}

// reproduce settles row from prev and compares every computed column. In an
// epoch whose rule set is overridden (Options.RulesAt), the epoch is also
// settled under the base rule set, and a value that misses the override
// but reproduces the base rules is counted as such (a cell the file did not
// regenerate under the override; see Options.StrictRulesAt).
func (k *inferenceCheck) reproduce(row Row, prev *Row) error {
	rs := k.rulesFor(row.Epoch)
	st, in, res, err := k.settle(row, prev, rs)
	if err != nil {
		return err
	}
	var base map[string]dec.Dec
	if rs != k.base && !k.strict {
		bst, bin, bres, err := k.settle(row, prev, k.base)
		if err != nil {
			return err
		}
		base = map[string]dec.Dec{}
		k.values(bst, bin, bres, func(col string, v dec.Dec) { base[col] = v })
	}
	if prev != nil {
		k.rep.Pairs++
	}
	if k.genesis {
		c := res.State
		k.carried = &c
	}
	// Which sample-dependent groups can be compared (every one in genesis
	// mode: the file holds the whole history).
	skip := map[depGroup]string{}
	if s := res.Settlement; s != nil {
		ks := k.ksize[rs]
		nInf, nFc := len(s.WorkerScores.Inferers.Scores), len(s.WorkerScores.Forecasters.Scores)
		infOK := k.genesis || nInf == 0 || k.hist.Available(rewards.Inferers, ks[0], nInf) >= ks[0]
		fcOK := k.genesis || nFc == 0 || k.hist.Available(rewards.Forecasters, ks[1], nFc) >= ks[1]
		reason := func(classes string, n int) string {
			return fmt.Sprintf("score sample of the %s incomplete: fewer than %d scores in this and the file's earlier rows (the sample reaches epochs before the file's first row)", classes, n)
		}
		if !infOK {
			skip[depInferers] = reason("inferers", ks[0])
		}
		if !fcOK {
			skip[depForecasters] = reason("forecasters", ks[1])
		}
		switch {
		case !infOK && !fcOK && !s.Distribution.ForecasterEntropySkipped:
			skip[depTask] = fmt.Sprintf("task split and rewards need both score samples: inferers (%d) and forecasters (%d) incomplete", ks[0], ks[1])
		case !infOK:
			skip[depTask] = "task split and rewards need the inferer score sample: " + skip[depInferers]
		case !fcOK && !s.Distribution.ForecasterEntropySkipped:
			skip[depTask] = "task split and rewards need the forecaster score sample: " + skip[depForecasters]
		}
	}
	epoch := itoa64(row.Epoch)
	var ferr error
	k.values(st, in, res, func(col string, got dec.Dec) {
		if ferr != nil {
			return
		}
		want, ok, err := row.Get(col)
		if err != nil {
			ferr = err
			return
		}
		if !ok || col == scheme.TopicRewards {
			// topic_rewards is the epoch's input E_i (Values echoes it).
			return
		}
		k.out[col] = true
		fam := Family(col)
		if col == ColInitialRegret && !k.genesis {
			k.cmp.skip("the initial regret a settlement sets depends on the workers' inclusion counts (experience, regret spec (42)), which the file does not hold; -genesis carries them for a file that starts at the topic's first epoch", fam, epoch, 1)
			return
		}
		if g := k.group[col]; g != depNone {
			if reason, skipped := skip[g]; skipped {
				k.cmp.skip(reason, fam, epoch, 1)
				return
			}
		}
		if base != nil {
			b, ok := base[col]
			switch pass, passBase := k.cmp.tol.Pass(got, want), ok && k.cmp.tol.Pass(b, want); {
			case !pass && passBase:
				k.cmp.note(fmt.Sprintf("reproduce the base rules %s, not the override %s (cells the file did not regenerate under %s); compared under %s",
					k.base, rs, rs, k.base), fam, epoch, 1)
				k.cmp.add(fam, col, epoch, b, want)
				return
			case pass && !passBase:
				k.cmp.note(fmt.Sprintf("reproduce the override %s and not the base rules %s", rs, k.base), fam, epoch, 1)
			}
		}
		k.cmp.add(fam, col, epoch, got, want)
	})
	return ferr
}

func (k *inferenceCheck) finish() error { return nil }

func (k *inferenceCheck) outputs() map[string]bool { return k.out }
