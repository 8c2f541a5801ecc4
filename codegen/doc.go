// Package codegen turns a parsed NMODL file into a Go package that plugs
// into nmodlgo's runtime.
//
// It works in two stages, each testable on its own: Analyze checks the
// file and builds a Mechanism (what every name means, where it is stored,
// which blocks run in which phase, how each SOLVE is solved), and Generate
// emits Go source for it with jennifer. The generated code keeps one slice
// per per-instance variable (structure of arrays), GLOBALs and rate tables
// in the per-model kernel, and no package-level mutable state.
package codegen
