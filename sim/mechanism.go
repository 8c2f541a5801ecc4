package sim

import "github.com/nmodlgo/nmodlgo/mechimpl"

// Mechanism is a mechanism compiled from a .mod file: what the Mechanism
// function of a generated package returns, to insert in a section
// (Section.Insert) or to place at a segment (Model.NewPointProcess).
type Mechanism = mechimpl.Mechanism

// MechInfo describes a mechanism: its name, its kind, its variables with
// their units and defaults, its ions.
type MechInfo = mechimpl.MechInfo

// VarInfo describes one variable of a mechanism.
type VarInfo = mechimpl.VarInfo

// Instance is one instance of a mechanism as a Go body sees it: the Go a
// program gives, in a generated package's GoBodies, for a FUNCTION or
// PROCEDURE whose VERBATIM C nmodlgo does not translate. It reads and
// writes the instance's variables by their .mod names.
type Instance = mechimpl.Instance

// Var names a variable as NEURON does: at a segment v, diam, cm, an ion's
// ena or nai, or a mechanism's range variable with its suffix,
// gnabar_hh; of a point process its name alone, del; of the model a
// GLOBAL with its suffix, minf_hh, or an ion's default, nai0_na_ion.
// Every generated package declares its variables as constants of this
// type (hh.Gnabar is "gnabar_hh"), so that a misspelt name does not
// compile; a string constant works too.
type Var string

// MechKind says how a mechanism attaches to a cell (MechInfo.Kind).
type MechKind = mechimpl.MechKind

// The kinds of mechanism.
const (
	KindDensity    = mechimpl.KindDensity    // SUFFIX: in every segment of a section
	KindPoint      = mechimpl.KindPoint      // POINT_PROCESS: at one location
	KindArtificial = mechimpl.KindArtificial // ARTIFICIAL_CELL: no location, no membrane current
)
