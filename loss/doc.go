// Package loss implements the reputer side of the protocol: loss methods,
// the reported value bundle, and the stake-weighted network losses.
package loss
