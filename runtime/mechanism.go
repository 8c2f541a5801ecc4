package runtime

import (
	"fmt"
	"io"
	"math/rand/v2"
)

// Version1 is referred to by generated code so that code made for a
// runtime this package no longer supports fails to compile rather than
// misbehave (the protoimpl.EnforceVersion idea).
const Version1 = 1

// MechKind says how a mechanism attaches to a cell.
type MechKind int

const (
	KindDensity    MechKind = iota // SUFFIX: one instance per segment of a section
	KindPoint                      // POINT_PROCESS: placed at one location
	KindArtificial                 // ARTIFICIAL_CELL: a point process with no membrane current
)

func (k MechKind) String() string {
	return [...]string{"density mechanism", "point process", "artificial cell"}[k]
}

// VarKind is the declaration block a variable comes from.
type VarKind int

const (
	Parameter VarKind = iota
	Assigned
	State
)

func (k VarKind) String() string { return [...]string{"PARAMETER", "ASSIGNED", "STATE"}[k] }

// VarInfo describes one variable of a mechanism.
type VarInfo struct {
	Name    string
	Units   string // as written in the .mod file, without parentheses
	Kind    VarKind
	Default float64
	Size    int  // array length; 1 for a scalar
	Public  bool // RANGE (or implicitly range, like a STATE): visible by name
}

// IonUse is one USEION statement.
type IonUse struct {
	Name    string   // "na", "k", "ca", …
	Read    []string // READ names: ena, nai, nao, …
	Write   []string // WRITE names: ina, cai, …
	Valence float64  // 0 if not given
}

// MechInfo is the generated description of a mechanism type: what the
// runtime needs to create, inspect and name its instances without
// reflection.
type MechInfo struct {
	Name      string // SUFFIX or POINT_PROCESS name
	Kind      MechKind
	Source    string // the .mod file it came from
	Title     string
	Electrode bool      // ELECTRODE_CURRENT: the current enters the cell
	Vars      []VarInfo // per-instance variables, in storage order
	Globals   []VarInfo // variables shared by all instances in one model
	Ions      []IonUse
	// NetReceiveArgs is the number of NET_RECEIVE arguments: the size of
	// the weight vector of a NetCon that targets the mechanism.
	NetReceiveArgs int
}

// VarIndex returns the index of the per-instance variable name in Vars, or -1.
func (mi *MechInfo) VarIndex(name string) int {
	for i := range mi.Vars {
		if mi.Vars[i].Name == name {
			return i
		}
	}
	return -1
}

// Mechanism is what a generated package hands to the runtime: the
// description of the type and a constructor for the per-model kernel.
type Mechanism struct {
	Info *MechInfo
	New  func() Kernel
}

// Kernel is the generated code of one mechanism type inside one model. It
// works on all instances at once (structure of arrays); the runtime calls
// each phase once per step, never once per instance.
type Kernel interface {
	// Bind points the kernel at the instance storage after the runtime
	// (re)built it. It is called before any phase that follows a change of
	// the model's structure.
	Bind(d *MechData)
	// Init runs INITIAL for every instance (after the runtime has reset the
	// states and set the ions).
	Init()
	// Current evaluates BREAKPOINT at v and v+0.001 for every instance and
	// adds the currents and conductances to the node's rhs and diagonal and
	// the ion currents to the ions.
	Current()
	// State advances the SOLVE'd states by one step with the new v.
	State()
	// Global returns the address of a GLOBAL variable (including
	// usetable), or nil if the mechanism has none of that name.
	Global(name string) *float64
}

// TableChecker is implemented by the kernels of thread-safe mechanisms
// with TABLEs.
type TableChecker interface {
	// CheckTables rebuilds the tables whose DEPEND values changed.
	CheckTables()
}

// MechData is the instance storage of one mechanism type in one model,
// owned by the runtime and shared with the kernel.
type MechData struct {
	Ctx  *Context
	Node []int       // node index of each instance
	Vars [][]float64 // one slice per MechInfo.Vars entry, Size values per instance
	Ions []*Ion      // one per MechInfo.Ions entry
	Sink *EventSink  // net_send and net_event
}

// Context is the model-wide state the kernels read and write.
type Context struct {
	T, Dt, Celsius float64
	SecondOrder    int
	// DisconAllowed is NEURON's state_discon_allowed_: state_discontinuity
	// assigns only when it is set, which it is except while Finitialize
	// evaluates the currents.
	DisconAllowed bool
	V             []float64 // membrane potential per node (mV)
	RHS           []float64 // right-hand side per node
	D             []float64 // diagonal per node
	Area          []float64 // membrane area per node (µm²); 100 at section ends
	Diam          []float64 // diameter per node (µm)

	err error      // the first failure a kernel reported, see Fail
	rng *rand.Rand // for erand
	out io.Writer  // for printf; nil is standard output
}

// Fail lets a kernel report a numerical failure (a KINETIC step whose
// Newton iteration did not converge, say). The model stops and returns it
// from Finitialize, Fadvance or ContinueRun; later failures are dropped.
func (c *Context) Fail(msg string) {
	if c.err == nil {
		c.err = fmt.Errorf("t = %.6g ms: %s", c.T, msg)
	}
}

// AtTime is NMODL's at_time(te) in fixed step (NEURON's cvodestb.cpp): 1
// during the step that reaches te, that is when te - 1e-11 is in
// (t - dt, t] for the t the block sees, else 0.
func AtTime(c *Context, te float64) float64 {
	x := te - 1e-11
	if x <= c.T && x > c.T-c.Dt {
		return 1
	}
	return 0
}

// ERand is NMODL's erand(): an exponentially distributed random number
// with mean 1, from the model's own generator (seeded the same for every
// model, so runs repeat; the stream is not NEURON's).
func ERand(c *Context) float64 {
	if c.rng == nil {
		c.rng = rand.New(rand.NewPCG(1, 2))
	}
	return c.rng.ExpFloat64()
}

// Faraday and GasConstant are the 2019 SI values NEURON 8.2 uses.
const (
	Faraday     = 96485.33212331001 // C/mol
	GasConstant = 8.31446261815324  // J/(mol·K)
)
