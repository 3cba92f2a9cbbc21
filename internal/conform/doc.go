// Package conform maps between the reference simulator's CSV rows
// (internal/scheme names the columns) and the settlement's State, Input and
// Result (package rewards/settle), and implements the conformance runner
// (Check; the command is internal/cmd/conformance) that reproduces files in
// that format column by column.
//
// # Mapping
//
// Row timing (fixtures README §2.2): row e holds epoch e's inferences and
// forecasts, the reputers' losses and stakes of the settlement done at e, and
// every output of both. State(e−1 rows) + Input(row e) → settle.Epoch →
// Values(result) reproduces row e.
//
// Ids: inferer j is "i" + j, forecaster k is "f" + k and reputer r is "r" +
// r, zero-padded to a common width so that byte-wise id order equals index
// order (the reference stores per-epoch score lists in address order, and the
// score-normalisation sample depends on that order).
//
// Units: stakes and rewards in the files are in whole tokens with decimals;
// the codec multiplies stakes by 10^18 and truncates them to integers (as the
// reference tests do) and carries topic rewards in base units (× 10^18,
// exact); Values divides reward amounts back (exact).
//
// # The runner
//
// Check reads a file row by row (CSVReader; bounded line, field and column
// sizes), detects its kind from the header (DetectKind) and compares every
// value it can compute with the file's, per column family (the column name
// with every digit run replaced by "#"). A value passes when
// |got − want| <= max(Rel·|want|, Abs) (Tolerance; 1e-12 and 1e-15 by
// default). Malformed files return errors wrapping ErrFormat.
//
// Inference and multi-label files (any N inferers, F forecasters, R reputers,
// L labels): each row after the first is settled from the previous row's
// state columns (regrets of every kind, network loss, listening coefficients,
// smoothed fractions, forecaster score ratio, and the optional
// ColInitialRegret / ColRegretScale), the score history rebuilt from the
// score columns of the rows read so far, and the row's inputs, with
// settle.SimulatorParams of the rule set (V6 for single-output files, NEWEST
// for multi-label files, MaxTop 1 so that the NEWEST score sample is the
// simulator's 10; Options changes all of these, per epoch with RulesAt).
// Only the last previous row and the bounded history the score sample can
// reach are kept.
//
// Values that need epochs before the file's first row are skipped and
// counted (FileReport.Skipped), not failed: when the score history of a class
// holds fewer than the sample size (MaxSamplesToScaleScores, times MaxTop
// under NEWEST) scores, that class's instant fractions, smoothed fractions
// and entropy, and everything that needs both entropies (the three task
// fractions and every per-actor reward), are skipped; see depGroup. In
// genesis mode (Options.Genesis: the first row is the topic's first epoch)
// nothing precedes the file, so nothing is skipped, and the state the file
// does not hold is carried from the runner's own settlements. The initial
// regret a settlement sets (ColInitialRegret) depends on inclusion counts and
// is compared only in genesis mode.
//
// Tokenomics files: the emission schedule, block split, topic weights and
// rewards and locked vesting (tokenomics.go); sortition files: the active
// set, ranks, cutoff, quantile and EMA identities (sortition.go).
package conform
