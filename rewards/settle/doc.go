// Package settle composes the protocol into one pure function per epoch, the
// function a chain module or a simulator calls, and lets a validator verify a
// claimed settlement bit for bit.
//
// # One epoch
//
// Epoch(prev, in, params) takes the topic's previous State, this epoch's
// submissions and the parameters, and returns every output and the new
// State. It follows the row layout of the reference simulator: row e holds
//
//  1. inference time for epoch e (package weights): the network inference
//     bundle from epoch e's inferences and forecasts, the regrets of the
//     last settlement and the last network combined loss;
//  2. settlement of the predictions the reputers graded (the previous
//     epoch's bundle): network losses (loss), regrets, initial regret and
//     regret scale (regret), worker scores, reputer scores and listening
//     coefficients, EMA scores and topic quantiles (reputation), reward
//     fractions, entropies, the task split and exact payouts (rewards).
//
// Either part is skipped when its submissions are absent (no inferences:
// no bundle; no reputer reports: no settlement, the state carries over).
//
// There is no keeper, context, logger, clock or randomness: the same inputs
// give byte-identical outputs on every machine, and every input and output
// struct round-trips through JSON.
//
// # Verification
//
// Canonical(v) writes the canonical encoding of any settlement struct (see
// canonical.go for the exact format), Digest(v) its SHA-256. Verify
// recomputes a settlement from its inputs and returns a *Mismatch naming the
// first field of the claimed Result that differs.
package settle
