// Package codegen emits the Go package of a mechanism lowered by package
// ir, with jennifer. It only emits: ir made every decision and refused
// what nmodlgo cannot compile, so Generate cannot fail.
//
// A generated package has, for its users, the mechanism's Name, a
// constant of type sim.Var for each variable NEURON names (with its units,
// default and line in its doc comment), Mechanism(), and for a point
// process or an artificial cell a constructor, New; and, for the
// simulator, a kernel that implements mechimpl.Kernel: one slice per
// per-instance variable (structure of arrays), GLOBALs and TABLEs in the
// per-model kernel, no package-level mutable state. A namer gives every
// identifier it emits a name no other takes.
//
// Compile runs the whole pipeline on one file (parser, check, ir,
// codegen); testdata/*.txtar pin its output, case by case.
package codegen
