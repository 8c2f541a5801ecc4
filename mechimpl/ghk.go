package mechimpl

import "math"

// Faraday's constant and the gas constant as NEURON 8.2 has them
// (CODATA 2018, eion.cpp).
const (
	Faraday     = 96485.33212331001 // C/mol
	GasConstant = 8.31446261815324  // J/(mol·K)
)

// GHK is NEURON's nrn_ghk(v, ci, co, z): the Goldman-Hodgkin-Katz current
// factor (mC/cm3) at the model's temperature, each operation as eion.cpp
// has it (its efun calls the C library's exp, not NMODL's).
func GHK(c *Context, v, ci, co, z float64) float64 {
	ktf := 1000. * GasConstant * (c.Celsius + 273.15) / Faraday
	temp := z * v / ktf
	eco := co * efun(temp)
	eci := ci * efun(-temp)
	return .001 * z * Faraday * (eci - eco)
}

// efun is x/(exp(x) - 1), near 0 its first two terms.
func efun(x float64) float64 {
	if math.Abs(x) < 1e-4 {
		return 1. - x/2.
	}
	return x / (CExp(x) - 1)
}

// CExp is the C library's exp, without NMODL's clamp at ±700 (Exp).
func CExp(x float64) float64 {
	if useFMA {
		return expFused(x)
	}
	return expUnfused(x)
}
