package runtime

// BAType says when a BEFORE/AFTER block runs: NEURON's five points.
type BAType int

const (
	BeforeInitial    BAType = iota // Finitialize, before the INITIAL blocks
	AfterInitial                   // Finitialize, after them and NET_RECEIVE's INITIAL
	BeforeBreakpoint               // before the currents, every time they are evaluated
	AfterSolve                     // each step, after the states advance
	BeforeStep                     // each step and in Finitialize, just before recording
)

// BeforeAfterer is implemented by the kernels of mechanisms with BEFORE or
// AFTER blocks.
type BeforeAfterer interface {
	BeforeAfter(when BAType)
}

// beforeAfter is NEURON's nrn_ba: the blocks for when, mechanism by
// mechanism.
func (m *Model) beforeAfter(when BAType) {
	for _, mt := range m.baTypes {
		if len(mt.insts) > 0 {
			mt.kernel.(BeforeAfterer).BeforeAfter(when)
		}
	}
}
