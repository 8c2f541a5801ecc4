package mechimpl

import (
	"fmt"
	"strings"
)

// Instance is one instance of a mechanism as a Go body sees it: the Go
// that a program gives, in a generated package's GoBodies, for a FUNCTION
// or PROCEDURE whose body nmodlgo cannot compile (VERBATIM C it does not
// translate). It reads and writes the instance's variables by their names
// in the .mod file: PARAMETERs, ASSIGNEDs and STATEs, per instance or
// GLOBAL. A name the mechanism does not have, or an index outside an
// array, stops the run with the name, as a failed run does.
//
// A Go body runs where NEURON would run the C: in the thread that owns
// the instance. It may change the instance's variables; a GLOBAL it
// writes is shared by every thread (Model.Threads(1) runs on one).
type Instance struct {
	k  Kernel
	d  *MechData
	ix int
}

// NewInstance is instance ix of the kernel k, bound to d.
func NewInstance(k Kernel, d *MechData, ix int) Instance {
	return Instance{k, d, ix}
}

// T, Dt and Celsius are the model's time (ms), time step (ms) and
// temperature (degC).
func (in Instance) T() float64       { return in.d.Ctx.T }
func (in Instance) Dt() float64      { return in.d.Ctx.Dt }
func (in Instance) Celsius() float64 { return in.d.Ctx.Celsius }

// Get is the value of the variable name (element 0 of an array).
func (in Instance) Get(name string) float64 { return *in.ref(name, 0) }

// Set sets the variable name (element 0 of an array).
func (in Instance) Set(name string, v float64) { *in.ref(name, 0) = v }

// GetAt is element i of the array variable name.
func (in Instance) GetAt(name string, i int) float64 { return *in.ref(name, i) }

// SetAt sets element i of the array variable name.
func (in Instance) SetAt(name string, i int, v float64) { *in.ref(name, i) = v }

// Fail stops the run with msg, as NEURON's hoc_execerror does.
func (in Instance) Fail(msg string) { in.d.Ctx.Fail(msg) }

// ref is the address of element i of name, or, after failing the run, of
// a scratch value.
func (in Instance) ref(name string, i int) *float64 {
	info := in.d.Info
	for j, v := range info.Vars {
		if v.Name == name {
			if i < 0 || i >= v.Size {
				in.Fail(fmt.Sprintf("Go body of %s: %s[%d]: the index is outside 0..%d", info.Name, name, i, v.Size-1))
				return new(float64)
			}
			return &in.d.Vars[j][in.ix*v.Size+i]
		}
	}
	for _, v := range info.Globals {
		if p := in.k.Global(name); v.Name == name && p != nil {
			if i != 0 {
				in.Fail(fmt.Sprintf("Go body of %s: %s[%d]: only the first element of a GLOBAL array is reachable", info.Name, name, i))
				return new(float64)
			}
			return p
		}
	}
	var names []string
	for _, v := range info.Vars {
		names = append(names, v.Name)
	}
	for _, v := range info.Globals {
		names = append(names, v.Name)
	}
	in.Fail(fmt.Sprintf("Go body of %s: no variable %s (it has %s)", info.Name, name, strings.Join(names, ", ")))
	return new(float64)
}
