// Package units names the units that nmodlgo's runtime works in, so that
// programs can write what they mean: -65*units.MV, 40*units.Ms.
//
// The runtime uses NEURON's units throughout, so every constant here that
// names a runtime unit is 1; the others convert into it.
package units

const (
	// Time, in ms.
	Ms = 1.0
	S  = 1000.0 // a second in ms
	Us = 1e-3   // a microsecond in ms

	// Membrane potential, in mV.
	MV = 1.0
	V  = 1000.0 // a volt in mV

	// Length, in µm.
	Um = 1.0
	Mm = 1000.0 // a millimetre in µm

	// Point-process current, in nA.
	NA = 1.0
	PA = 1e-3 // a picoamp in nA

	// Temperature, in °C.
	DegC = 1.0
)
