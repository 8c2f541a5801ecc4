// Package generated holds the Go packages that nmodlgo compiles from the
// project's own .mod files (../mod), one package per mechanism, and the
// builtin package that lists them. Run `go generate ./...` to rebuild them.
//
// The generator is built with the nmodlgo_bootstrap tag, which leaves out
// `nmodlgo sim` and with it any import of these packages, so that
// regenerating works even when the old generated code no longer compiles.
package generated

//go:generate go run -tags nmodlgo_bootstrap ../cmd/nmodlgo gen -o . -registry builtin ../mod/pas.mod ../mod/hh.mod ../mod/IClamp.mod
