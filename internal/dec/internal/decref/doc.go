// Package decref is a frozen copy of the original math/big implementation of
// package dec (commit b07a0be), kept only as the oracle of dec's
// differential tests: the optimised package must return bit-identical
// results (same coefficient, same exponent, same errors) for every input.
//
// Do not use it elsewhere and do not optimise it. When a bug fix changes a
// result of dec on purpose, apply the same fix here in the same commit so
// the two stay comparable.
package decref
