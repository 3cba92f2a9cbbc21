package scheme

// Columns returns the full header of an inference-simulator file of this
// shape, in the reference files' order. Multi-label shapes include a "time"
// column after "epoch" and no error bars, as the reference multi-label file
// does; single-output shapes include the five error-bar columns.
func (s Shape) Columns() []string {
	N, F, R, L := s.Inferers, s.Forecasters, s.Reputers, s.NumLabels()
	W := N + F
	var c []string
	add := func(names ...string) { c = append(c, names...) }
	add(Epoch)
	if s.Labels > 0 {
		add(Time)
	}
	add(Target)
	for j := 0; j < N; j++ {
		for l := 0; l < L; l++ {
			add(s.Inference(j, l))
		}
	}
	for k := 0; k < F; k++ {
		for j := 0; j < N; j++ {
			add(ForecastedLoss(k, j))
		}
	}
	for k := 0; k < F; k++ {
		for l := 0; l < L; l++ {
			add(s.FII(k, l))
		}
	}
	for k := 0; k < F; k++ {
		for j := 0; j < N; j++ {
			for l := 0; l < L; l++ {
				add(s.FIIOneOut(k, j, l))
			}
		}
	}
	for l := 0; l < L; l++ {
		add(s.NetworkInference(l))
	}
	if s.Labels == 0 {
		for q := 0; q < NumErrorBars; q++ {
			add(ErrorBar(q))
		}
	}
	for l := 0; l < L; l++ {
		add(s.Naive(l))
	}
	for w := 0; w < W; w++ {
		for l := 0; l < L; l++ {
			add(s.OneOut(w, l))
		}
	}
	for k := 0; k < F; k++ {
		for l := 0; l < L; l++ {
			add(s.OneIn(k, l))
		}
	}
	add(NetworkLoss)
	for r := 0; r < R; r++ {
		add(Stake(r))
	}
	for r := 0; r < R; r++ {
		for j := 0; j < N; j++ {
			add(RepInference(r, j))
		}
	}
	for r := 0; r < R; r++ {
		for k := 0; k < F; k++ {
			add(RepFII(r, k))
		}
	}
	for r := 0; r < R; r++ {
		for k := 0; k < F; k++ {
			for j := 0; j < N; j++ {
				add(RepFIIOneOut(r, k, j))
			}
		}
	}
	for r := 0; r < R; r++ {
		add(RepNetwork(r))
	}
	for r := 0; r < R; r++ {
		add(RepNaive(r))
	}
	for r := 0; r < R; r++ {
		for w := 0; w < W; w++ {
			add(RepOneOut(r, w))
		}
	}
	for r := 0; r < R; r++ {
		for k := 0; k < F; k++ {
			add(RepOneIn(r, k))
		}
	}
	for j := 0; j < N; j++ {
		add(InferenceLoss(j))
	}
	for k := 0; k < F; k++ {
		add(FIILoss(k))
	}
	for k := 0; k < F; k++ {
		for j := 0; j < N; j++ {
			add(FIILossOneOut(k, j))
		}
	}
	add(NaiveLoss)
	for w := 0; w < W; w++ {
		add(OneOutLoss(w))
	}
	for k := 0; k < F; k++ {
		add(OneInLoss(k))
	}
	for k := 0; k < F; k++ {
		for j := 0; j < N; j++ {
			add(ForecastedRegret(k, j))
		}
	}
	for w := 0; w < W; w++ {
		add(Regret(w))
	}
	for j := 0; j < N; j++ {
		add(NaiveRegret(j))
	}
	for o := 0; o < W; o++ {
		for w := 0; w < W; w++ {
			add(OneOutRegret(w, o))
		}
	}
	for k := 0; k < F; k++ {
		for w := 0; w <= N; w++ {
			add(OneInRegret(w, k))
		}
	}
	for j := 0; j < N; j++ {
		add(InfererScore(j))
	}
	for k := 0; k < F; k++ {
		add(ForecasterScore(k))
	}
	for j := 0; j < N; j++ {
		add(InfererFraction(j))
	}
	for k := 0; k < F; k++ {
		add(ForecasterFraction(k))
	}
	for r := 0; r < R; r++ {
		add(Listening(r))
	}
	for r := 0; r < R; r++ {
		add(AdjustedStake(r))
	}
	for r := 0; r < R; r++ {
		add(ReputerScore(r))
	}
	for r := 0; r < R; r++ {
		add(ReputerFraction(r))
	}
	for j := 0; j < N; j++ {
		add(InfererSmooth(j))
	}
	for k := 0; k < F; k++ {
		add(ForecasterSmooth(k))
	}
	for r := 0; r < R; r++ {
		add(ReputerSmooth(r))
	}
	add(InferersEnt, ForecastEnt, ReputersEnt, TaskScore, ScoreRatio, Utility,
		InferersFrac, ForecastFrac, ReputersFrac, TopicRewards)
	for j := 0; j < N; j++ {
		add(InfererReward(j))
	}
	for k := 0; k < F; k++ {
		add(ForecasterReward(k))
	}
	for r := 0; r < R; r++ {
		add(ReputerReward(r))
	}
	return c
}
