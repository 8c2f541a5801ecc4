// Package units names the units that nmodlgo's simulator works in, so that
// programs can write what they mean: -65*units.MV, 40*units.Ms,
// 0.12*units.SiemensPerCm2, 5*units.Nanosiemens.
//
// The simulator uses NEURON's units throughout, so every constant that
// names one of them is 1; the others convert into it. Names are spelled
// out wherever a short one could be read two ways: NMODL's (S) is a
// siemens, so a second is Second, never S; mM is Millimolar, never Mm.
package units

// Time, in ms.
const (
	Ms          = 1.0
	Millisecond = Ms
	Second      = 1000.0
	Microsecond = 1e-3
)

// Membrane potential and reversal potentials, in mV.
const (
	MV        = 1.0
	Millivolt = MV
	Volt      = 1000.0
)

// Length and diameter, in µm.
const (
	Um         = 1.0
	Micrometer = Um
	Millimeter = 1000.0
)

// Point-process current (IClamp amp, ExpSyn i), in nA.
const (
	NA      = 1.0
	Nanoamp = NA
	Picoamp = 1e-3
)

// Point-process conductance (ExpSyn g, the weight of a NetCon to ExpSyn or
// Exp2Syn), in µS.
const (
	Microsiemens = 1.0
	Nanosiemens  = 1e-3
)

// Density-mechanism conductance (gnabar_hh, g_pas), in S/cm².
const (
	SiemensPerCm2      = 1.0
	MillisiemensPerCm2 = 1e-3
	PicosiemensPerUm2  = 1e-4 // 1e-12 S over 1e-8 cm²
)

// Density-mechanism current (ina, i_pas), in mA/cm².
const (
	MilliampPerCm2 = 1.0
	MicroampPerCm2 = 1e-3
)

// Concentration (cai, nao), in mM.
const (
	Millimolar = 1.0
	Micromolar = 1e-3
	Nanomolar  = 1e-6
)

// Specific membrane capacitance (cm), in µF/cm²; axial resistivity (Ra),
// in Ω·cm; temperature (celsius), in °C.
const (
	MicrofaradPerCm2 = 1.0
	OhmCm            = 1.0
	DegC             = 1.0
)
