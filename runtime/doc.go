// Package runtime is nmodlgo's simulator: sections and segments, the cell
// tree and its Hines solver, NEURON's fixed-step integrator, ions, point
// processes and recording.
//
// Mechanisms are not part of the runtime. Code generated from .mod files
// (see the generated/ packages) hands the runtime a Mechanism, whose Kernel
// computes all instances of one type at once over dense per-variable slices.
// The runtime knows no mechanism by name.
//
// A Model owns everything: two models share nothing and can run in two
// goroutines at once. A single Model is not safe for concurrent use.
//
// The numerics follow NEURON 8.2's fixed step exactly (fadvance.cpp,
// treeset.cpp, solve.cpp): currents at the midpoint time with the old v,
// the tree matrix solved for Δv by Hines elimination, v updated, then the
// states advanced with the new v.
package runtime
