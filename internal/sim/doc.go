// Package sim is the scenario model of the simulator (internal/cmd/simulate):
// a topic with a ground-truth series, inferers of differing skill,
// forecasters and reputers, run epoch by epoch through the full settlement
// (rewards/settle.Epoch).
//
// # Timing
//
// The timing is the reference simulator's (fixtures README §2.2). At epoch
// e:
//
//  1. the truth y(e) is drawn (an AR(1) process, Truth);
//  2. every inferer submits an inference of y(e) (y(e) + bias + noise);
//  3. every forecaster submits, for every inferer, the loss it expects that
//     inferer to get, from the realised losses of the epochs already
//     settled (1..e−2): an EMA, a window mean, or a copy of another
//     forecaster's forecasts;
//  4. every reputer grades the previous bundle, bundle(e−1), against
//     y(e−1) with loss.Grade (sqe, log10 with the SDK zero rule, as in the
//     fixtures) and adds its own noise, or distorts it (ReputerKind); its
//     stake is its initial stake plus every payout so far (auto-staking:
//     stake(e) = stake(e−1) + payout(e−1));
//  5. settle.Epoch(state(e−1), input(e), params) synthesises bundle(e) and
//     settles the reports (nothing in the first epoch), with the topic
//     reward of the scenario.
//
// Ids are conform.Codec's ("i0", "f0", "r0", zero-padded), so a run
// written as CSV (CSVWriter) maps back to the same settlement inputs.
//
// # Determinism
//
// Every generated input is identical on every architecture: the
// pseudorandom draws are integers (splitmix64, one stream per actor and
// purpose), a uniform draw is an integer in [0, 10^15) read as a decimal,
// a normal draw is the Irwin–Hall sum of 12 uniforms minus 6 computed on
// integers, and every value is formed with the decimal core (internal/dec;
// 34 significant digits, truncation) and truncated to 12 decimal places.
// No float64 reaches an input or a summary statistic (float64 is used only
// by the chart of internal/cmd/simulate). The same scenario and options
// give byte-identical CSV and the same settle.Digest sequence; Summary.Digest
// (SHA-256 over the epoch digests) checks that across machines.
//
// # What the summary measures
//
// Losses in the summary are true losses, log10((prediction − y)²), computed
// by the simulator without reputer noise; a worker is an inferer or a
// forecaster's forecast-implied inference. The summary compares the
// network combined inference with the best single worker (lowest mean loss
// after warm-up) and with the per-epoch best worker, and gives Spearman's
// rank correlation between skill and reward per class (Spearman, on
// doubled integer ranks, one rounded square root and quotient).
package sim
