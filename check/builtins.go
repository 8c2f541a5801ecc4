package check

import "github.com/nmodlgo/nmodlgo/verbatim"

// What nocmodl 8.2.2 knows before it reads a file: the names in
// src/nmodl/extdef.h (functions that may be called without a declaration),
// the integration methods and the keywords of src/nmodl/init.cpp, and the
// variables that NEURON supplies.

// builtinArity gives the number of arguments of each function that
// nocmodl knows (extdef.h); -1 means any number or unknown. The counts come
// from compiling calls with 0 to 6 arguments: nocmodl passes every call
// through, and the C compiler rejects the wrong counts ("too many arguments
// to function 'hoc_Exp'"). Functions whose arguments are arrays or
// functions (the legacy SCoP library) are left at -1.
var builtinArity = map[string]int{
	// <math.h> and NEURON's numerics
	"fabs": 1, "sqrt": 1, "sin": 1, "cos": 1, "tan": 1, "acos": 1, "asin": 1, "atan": 1,
	"atan2": 2, "sinh": 1, "cosh": 1, "tanh": 1, "floor": 1, "ceil": 1, "fmod": 2,
	"log10": 1, "log": 1, "pow": 2, "exp": 1, "erf": 1, "factorial": 1,
	// random numbers
	"exprand": 1, "normrand": 2, "poisrand": 1, "poisson": 2, "gauss": 3, "set_seed": 1,
	"scop_random": -1, "setseed": -1, "nrn_random_play": -1,
	// NEURON's events and ions
	"net_send": 2, "net_event": 1, "net_move": 1, "at_time": 1, "nrn_ghk": 4,
	"state_discontinuity": 2, "nrn_pointing": -1,
	// SCoP's waveforms (the two reset arguments nocmodl adds are not counted)
	"hyperbol": 3, "revhyperbol": 3, "sigmoid": 4, "revsigmoid": 4, "harmonic": 4,
	"squarewave": 3, "sawtooth": 3, "revsawtooth": 3, "ramp": 4, "pulse": 4,
	"perpulse": 5, "step": 3, "perstep": 4, "threshold": -1,
	// output and the legacy SCoP library
	"printf": -1, "prterr": -1, "force": -1, "deflate": -1, "expfit": -1, "derivs": -1,
	"spline": -1, "boundary": -1, "romberg": -1, "legendre": -1, "invert": -1,
	"stepforce": -1, "schedule": -1, "first_time": -1,
	// NEURON's C functions that stop a run with a message (C code, and so
	// VERBATIM, calls them; nocmodl passes NMODL's calls to C as well)
	"hoc_execerror": 2, "hoc_execerr_ext": -1,
	// NEURON's C functions for hoc objects and a hoc call's arguments, as
	// package verbatim translates VERBATIM text that calls them (a hoc
	// object is its handle); and its names for px[i] of a Vector's
	// elements and C's (int) of a double, which no file can spell
	"ifarg": 1, "getarg": 1, "vector_arg": 1, "nrn_random_arg": 1, "vector_capacity": 1,
	"nrn_random_pick": 1, verbatim.VectorElement: 2, verbatim.Truncate: 1,
	"vector_resize": 2, verbatim.VectorSetElement: 3,
	"nrnran123_newstream": 2, "nrnran123_newstream3": 3, "nrnran123_setseq": 3,
	"nrnran123_dblpick": 1, "nrnran123_negexp": 1, "nrnran123_normal": 1,
}

// threadUnsafe are the functions of extdef5.h: a mechanism that calls one
// is not thread safe (unless it says THREADSAFE).
var threadUnsafe = map[string]bool{
	"force": true, "deflate": true, "expfit": true, "derivs": true, "spline": true,
	"exprand": true, "gauss": true, "normrand": true, "poisrand": true, "poisson": true,
	"setseed": true, "scop_random": true, "boundary": true, "romberg": true, "invert": true,
	"stepforce": true, "schedule": true, "set_seed": true, "nrn_random_play": true,
}

// reservedNames are the rest of extdef.h: names that cannot be declared
// ("error is a RESERVED WORD") but are not functions to call. f_flux and
// b_flux are variables of a KINETIC block; error is the status of a SOLVE.
var reservedNames = map[string]bool{"error": true, "f_flux": true, "b_flux": true}

// isBuiltin reports whether name is in nocmodl's extdef.h list.
func isBuiltin(name string) bool {
	_, ok := builtinArity[name]
	return ok || reservedNames[name]
}

// neuronVars are the variables NEURON supplies to every mechanism: a file
// may use them without declaring them (nocmodl then warns "v undefined",
// but the C it writes compiles).
var neuronVars = map[string]bool{
	"v": true, "t": true, "dt": true, "celsius": true, "diam": true, "area": true,
	"secondorder": true,
}

// specialVars are the NEURON variables a mechanism may read but not set
// (nocpout.cpp, nrn_var_assigned).
var specialVars = map[string]bool{"area": true, "diam": true, "t": true, "dt": true, "celsius": true}

// Block kinds a SOLVE method applies to (init.cpp, methods[]).
const (
	forDeriv = 1 << iota
	forKinetic
	forLinear
	forNonlinear
	forAny // after_cvode, cvode_t, cvode_t_v: nocmodl drops them before the check
)

// methods are the integration methods nocmodl 8.2.2 knows, with the blocks
// each can solve. A METHOD not in this list is a syntax error in nocmodl
// ("Illegal SOLVE statement"), matexp and stochastic among them.
var methods = map[string]int{
	"adams": forDeriv | forKinetic, "runge": forDeriv | forKinetic, "euler": forDeriv | forKinetic,
	"adeuler": forDeriv | forKinetic, "heun": forDeriv | forKinetic, "adrunge": forDeriv | forKinetic,
	"gear": forDeriv | forKinetic, "clsoda": forDeriv | forKinetic,
	"newton": forNonlinear, "simplex": forNonlinear,
	"simeq": forLinear, "seidel": forLinear,
	"_advance": forKinetic, "sparse": forKinetic,
	"derivimplicit": forDeriv, "cnexp": forDeriv,
	"after_cvode": forAny, "cvode_t": forAny, "cvode_t_v": forAny,
}

// keywords are nocmodl's keywords (init.cpp); none can be used as a name.
// The parser already refuses most of them; the legacy ones (STEP, FIRST,
// DEL, ...) it takes for names.
var keywords = map[string]bool{}

func init() {
	for _, k := range []string{"VERBATIM", "COMMENT", "TITLE", "CONSTANT", "PARAMETER",
		"INDEPENDENT", "ASSIGNED", "INITIAL", "TERMINAL", "DERIVATIVE", "EQUATION", "BREAKPOINT",
		"CONDUCTANCE", "SOLVE", "STATE", "STEPPED", "LINEAR", "NONLINEAR", "DISCRETE", "FUNCTION",
		"FUNCTION_TABLE", "PROCEDURE", "PARTIAL", "INT", "DEL2", "DEL", "LOCAL", "METHOD",
		"STEADYSTATE", "SENS", "STEP", "WITH", "FROM", "FORALL", "TO", "BY", "if", "else", "while",
		"IF", "ELSE", "WHILE", "START", "DEFINE", "KINETIC", "CONSERVE", "PLOT", "VS", "LAG",
		"RESET", "MATCH", "MODEL_LEVEL", "SWEEP", "FIRST", "LAST", "COMPARTMENT",
		"LONGITUDINAL_DIFFUSION", "PUTQ", "GETQ", "IFERROR", "SOLVEFOR", "UNITS", "UNITSON",
		"UNITSOFF", "TABLE", "DEPEND", "NEURON", "SUFFIX", "POINT_PROCESS", "ARTIFICIAL_CELL",
		"NONSPECIFIC_CURRENT", "ELECTRODE_CURRENT", "SECTION", "RANGE", "USEION", "READ", "WRITE",
		"VALENCE", "CHARGE", "GLOBAL", "POINTER", "BBCOREPOINTER", "EXTERNAL", "INCLUDE",
		"CONSTRUCTOR", "DESTRUCTOR", "NET_RECEIVE", "BEFORE", "AFTER", "WATCH", "FOR_NETCONS",
		"THREADSAFE", "PROTECT", "MUTEXLOCK", "MUTEXUNLOCK", "REPRESENTS"} {
		keywords[k] = true
	}
}

// ionVarKinds are the variables of an ion x: ix, ex, xi, xo (nocpout.cpp,
// iontype).
func ionVarNames(ion string) [4]string {
	return [4]string{"i" + ion, "e" + ion, ion + "i", ion + "o"}
}
