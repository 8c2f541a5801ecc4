// Package mod holds the project's own .mod files: hh, pas, IClamp, SEClamp,
// ExpSyn, Exp2Syn, NetStim and APCount, written to be mathematically
// NEURON's built-ins. `go generate ./...`
// compiles them into ../generated, one Go package each, and the builtin
// package that lists them.
//
// The generator is built with the nmodlgo_bootstrap tag, which leaves out
// `nmodlgo sim` and with it any import of the generated packages, so that
// regenerating works even when the old generated code no longer compiles.
package mod

//go:generate go run -tags nmodlgo_bootstrap ../cmd/nmodlgo gen -o ../generated -registry builtin pas.mod hh.mod IClamp.mod SEClamp.mod ExpSyn.mod Exp2Syn.mod NetStim.mod APCount.mod
