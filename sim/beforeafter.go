package sim

import "github.com/nmodlgo/nmodlgo/mechimpl"

// beforeAfter is NEURON's nrn_ba: the blocks for when, mechanism by
// mechanism.
func (m *Model) beforeAfter(when mechimpl.BAType) {
	for _, mt := range m.baTypes {
		if len(mt.insts) > 0 {
			mt.kernel.(mechimpl.BeforeAfterer).BeforeAfter(when)
		}
	}
}
