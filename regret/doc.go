// Package regret implements the regret stores of the protocol and their
// update at settlement time.
package regret
