// Package generated holds the Go packages that nmodlgo compiles from the
// project's own .mod files (../mod), one package per mechanism, and the
// builtin package that lists them. Run `go generate ./...` to rebuild them.
package generated

//go:generate go run ../cmd/nmodlgo gen -o . -registry builtin ../mod/pas.mod ../mod/hh.mod ../mod/IClamp.mod
