// Package sim is nmodlgo's simulator, as its users see it: sections and
// segments, the cell tree and its Hines solver, NEURON's fixed-step
// integrator, ions, point processes, events and recording.
//
// Mechanisms are not part of the simulator. Each package generated from a
// .mod file (see the generated/ packages) gives a Mechanism to insert or
// place, and names its variables as constants of type Var, so that
//
//	soma.Insert(hh.Mechanism())
//	soma.At(0.5).Set(hh.Gnabar, 0.1)
//	v, err := m.Record(soma.At(0.5).Ref(hh.M))
//
// does what NEURON's soma.insert(h.hh), soma(0.5).hh.gnabar = 0.1 and
// Vector().record(soma(0.5)._ref_m_hh) do, and a misspelt name does not
// compile. Plain strings ("gnabar_hh") work too, for names chosen at run
// time. The simulator knows no mechanism by name; what it and the
// generated code share is package mechimpl, which is not for users.
//
// A Model owns everything: two models share nothing and can run in two
// goroutines at once. A single Model is not safe for concurrent use; its
// Threads split each step among threads, with the trace of one. A network
// can also run as ranks, models of some of its cells joined by a
// ParallelContext (gids, GidConnect, a spike exchange every least delay)
// as in NEURON: RunRanks runs them in goroutines, and a Transport could
// join processes.
//
// A model keeps the first error of any call on it (Model.Err) and will not
// run while it has one, so a program may build a model without checking
// every call. Its structure may change during a run, as in NEURON: a
// section connected, a mechanism inserted, a point process placed or
// nseg changed between two ContinueRun calls, and the run goes on with
// the values it had (new states are 0 until the next Finitialize, as in
// NEURON).
//
// The numerics follow NEURON 8.2's fixed step exactly (fadvance.cpp,
// treeset.cpp, solve.cpp): currents at the midpoint time with the old v,
// the tree matrix solved for Δv by Hines elimination, v updated, then the
// states advanced with the new v.
package sim
