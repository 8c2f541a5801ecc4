package sim

import (
	"math"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// ionState is one ion species in a model (NEURON's <ion>_ion mechanism,
// eion.cpp): the per-node values the kernels see, and what the model
// needs to initialize and update them.
type ionState struct {
	mechimpl.Ion
	Name    string
	Charge  float64
	Present []bool // some mechanism at this node uses the ion

	// Defaults for new nodes and for finitialize (NEURON's ena, nai0_na_ion, …).
	E0, Ci0, Co0 float64

	concUsed    bool // a mechanism reads or writes ci or co
	concWritten bool // a mechanism writes ci or co
	eWritten    bool // a mechanism writes e
}

// ionDefaults are NEURON's (membdef.h): ena = 50, ek = -77, eca from Nernst.
var ionDefaults = map[string]struct{ z, e, ci, co float64 }{
	"na": {1, 50, 10, 140},
	"k":  {1, -77, 54.4, 2.5},
	"ca": {2, 12.5 * math.Log(2/5e-5), 5e-5, 2},
}

func newIon(name string, valence float64) *ionState {
	d, ok := ionDefaults[name]
	if !ok {
		d = struct{ z, e, ci, co float64 }{valence, 0, 1, 1}
	}
	if d.z == 0 {
		d.z = 1
	}
	return &ionState{Name: name, Charge: d.z, E0: d.e, Ci0: d.ci, Co0: d.co}
}

// resize gives the ion one entry per node, keeping the values of nodes
// that survive a rebuild (old[i] is the previous index of node i, or -1).
func (ion *ionState) resize(n int, old []int) {
	s := staggered(5, n)
	for i := range n {
		if o := old[i]; o >= 0 && o < len(ion.E) {
			s[0][i], s[1][i], s[2][i] = ion.E[o], ion.Ci[o], ion.Co[o]
		} else {
			s[0][i], s[1][i], s[2][i] = ion.E0, ion.Ci0, ion.Co0
		}
	}
	ion.E, ion.Ci, ion.Co, ion.Cur, ion.DCurDv = s[0], s[1], s[2], s[3], s[4]
	ion.Present = make([]bool, n)
}

// nernst is NEURON's nrn_nernst: the equilibrium potential in mV.
func nernst(ci, co, z, celsius float64) float64 {
	if z == 0 {
		return 0
	}
	if ci <= 0 {
		return 1e6
	}
	if co <= 0 {
		return -1e6
	}
	ktf := 1000 * mechimpl.GasConstant * (celsius + 273.15) / mechimpl.Faraday
	return ktf / z * math.Log(co/ci)
}

// init is ion_init at finitialize: concentrations from their defaults and,
// when concentrations are in use, the reversal potential from Nernst.
func (ion *ionState) init(celsius float64) {
	for i, p := range ion.Present {
		if !p {
			continue
		}
		ion.Ci[i], ion.Co[i] = ion.Ci0, ion.Co0
		if ion.concUsed && !ion.eWritten {
			ion.E[i] = nernst(ion.Ci[i], ion.Co[i], ion.Charge, celsius)
		}
		ion.Cur[i], ion.DCurDv[i] = 0, 0
	}
}

// currentIn is ion_cur at nodes lo to hi-1, run before the mechanisms'
// currents: it clears the sums they accumulate into and, when a mechanism
// changes concentrations, follows them with the reversal potential.
func (ion *ionState) currentIn(celsius float64, lo, hi int) {
	clear(ion.Cur[lo:hi]) // nothing writes them at nodes without the ion
	clear(ion.DCurDv[lo:hi])
	if !ion.concWritten || ion.eWritten {
		return
	}
	for i := lo; i < hi; i++ {
		if ion.Present[i] {
			ion.E[i] = nernst(ion.Ci[i], ion.Co[i], ion.Charge, celsius)
		}
	}
}

// variable returns the ion's per-node slice for a NEURON name such as
// "ena", "nai", "nao", "ina", or nil.
func (ion *ionState) variable(name string) (values []float64, ok bool) {
	switch name {
	case "e" + ion.Name:
		return ion.E, true
	case ion.Name + "i":
		return ion.Ci, true
	case ion.Name + "o":
		return ion.Co, true
	case "i" + ion.Name:
		return ion.Cur, true
	}
	return nil, false
}

// globalNames are the model-wide defaults of the ion, NEURON-style.
func (ion *ionState) global(name string) *float64 {
	switch name {
	case ion.Name + "i0_" + ion.Name + "_ion":
		return &ion.Ci0
	case ion.Name + "o0_" + ion.Name + "_ion":
		return &ion.Co0
	case "e" + ion.Name + "0_" + ion.Name + "_ion":
		return &ion.E0
	}
	return nil
}
