// Package mechimpl is the contract between the Go code that nmodlgo
// generates from .mod files and the simulator (package sim), as
// protobuf-go's protoimpl is between generated messages and its runtime.
// It is not an API for users: what it declares, generated code and the
// simulator use, and it changes with them (Version1 makes a mismatch fail
// to compile).
//
// A generated package hands the simulator a Mechanism: its description
// (MechInfo: names, units, kinds, ions) and a constructor for a Kernel,
// the code of all instances of the mechanism in one model, which works on
// dense per-variable slices (MechData) and the model's node values
// (Context). The helpers beside them are what NMODL code needs at run
// time: NEURON's exp and printf, TABLE lookup, the sparse solver of
// KINETIC blocks, at_time, erand.
package mechimpl

import (
	"fmt"
	"io"
	"math"
	"sync"
)

// Version1 is referred to by generated code so that code made for a
// contract this package no longer supports fails to compile rather than
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
	// StateDtHalved: with secondorder, its state update steps with dt/2,
	// as nocmodl's nrn_state does for a SOLVE by derivimplicit, euler,
	// runge or sparse: the simulator halves Context.Dt while it runs State.
	StateDtHalved bool
	// SelfEvents: it sends events to its own instances (net_send,
	// net_move, WATCH). A NetCon's event that falls at the same time as
	// one of those is delivered in the order the two were sent, so a
	// simulator that delays sending NetCon events (a spike exchange)
	// could change that order.
	SelfEvents bool
	// FuncTables are its FUNCTION_TABLEs, in the order of MechData.FuncTables.
	FuncTables []FuncTableInfo
	// Pointers are its POINTERs' names, in the order of MechData.Pointers.
	Pointers []string
	// Randoms are its RANDOM variables' names (NEURON 9), in the order of
	// MechData.Randoms.
	Randoms []string
	// Procs are the FUNCTIONs and PROCEDUREs hoc can call (Caller), in
	// source order.
	Procs []ProcInfo
	// Externals are the hoc names of the GLOBALs of other mechanisms its
	// EXTERNAL statement names, in the order of MechData.Externals.
	Externals []string
	// NEURONOrder is the type's place among the mechanisms built into
	// NEURON, or 0: the simulator puts those types first, in that order,
	// as NEURON's type numbers do.
	NEURONOrder int
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

// Mechanism is what a generated package hands to the simulator: the
// description of the type and a constructor for the per-model kernel.
type Mechanism struct {
	Info *MechInfo
	New  func() Kernel
}

// Kernel is the generated code of one mechanism type inside one model. It
// works on all instances at once (structure of arrays); the simulator calls
// each phase once per step, never once per instance.
type Kernel interface {
	// Bind points the kernel at the instance storage after the simulator
	// (re)built it. It is called before any phase that follows a change of
	// the model's structure.
	Bind(d *MechData)
	// Init runs INITIAL for every instance (after the simulator has reset the
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

// ProcInfo is a FUNCTION or PROCEDURE of the mechanism that can be called
// from outside, as hoc calls name_suffix() after setdata, or pp.name().
type ProcInfo struct {
	Name     string
	Function bool     // a FUNCTION (it has a value)
	Params   []string // its arguments' names
	// Variadic says that hoc may give it more arguments than Params, which
	// its VERBATIM code reads (ifarg, *getarg, vector_arg, nrn_random_arg):
	// VecStim's play(vec).
	Variadic bool
}

// Caller is implemented by the kernels of mechanisms with FUNCTIONs or
// PROCEDUREs: Call runs MechInfo.Procs[proc] on instance ix, with v and
// the ion values of the instance's node, and returns the FUNCTION's value,
// or 1 for a PROCEDURE (as hoc does).
type Caller interface {
	Call(proc, ix int, args []float64) float64
}

// Constructor is implemented by the kernels of point processes and
// artificial cells with a CONSTRUCTOR: Construct runs it for instance ix
// when the instance is made.
type Constructor interface {
	Construct(ix int)
}

// Ranged is implemented by the kernels of mechanisms whose instances the
// simulator may split among threads (ir's Mechanism.Parallel): Current and
// State over the instances lo to hi-1. Each thread has a kernel of its own
// bound to the same MechData, so the per-call values a kernel keeps (v,
// the assigned GLOBALs) are per thread, as NEURON's THREADSAFE makes them.
type Ranged interface {
	CurrentIn(lo, hi int)
	StateIn(lo, hi int)
}

// Diffuser is implemented by the kernels of mechanisms with
// LONGITUDINAL_DIFFUSION: the simulator diffuses each state element along
// the cable after the states, as NEURON's ldifus.cpp does.
type Diffuser interface {
	// Diffusions is the number of diffusing state elements.
	Diffusions() int
	// Diffusion returns, for diffusing element d of instance ix, its rate
	// (diffusion constant times cross-section), its volume (its
	// COMPARTMENT's) and the state itself.
	Diffusion(d, ix int) (rate, vol float64, state *float64)
}

// TableChecker is implemented by the kernels of thread-safe mechanisms
// with TABLEs.
type TableChecker interface {
	// CheckTables rebuilds the tables whose DEPEND values changed.
	CheckTables()
}

// MechData is the instance storage of one mechanism type in one model,
// owned by the simulator and shared with the kernel.
type MechData struct {
	Info *MechInfo
	Ctx  *Context
	Node []int       // node index of each instance
	Vars [][]float64 // one slice per MechInfo.Vars entry, Size values per instance
	Ions []*Ion      // one per MechInfo.Ions entry
	Sink EventSink   // net_send and net_event
	// FuncTables are the tables of the FUNCTION_TABLEs (nil until given),
	// shared by the type's kernels: the simulator sets the elements.
	FuncTables []*FuncTable
	// Pointers are, for each POINTER, each instance's target (nil until
	// set), resolved by the simulator after every layout.
	Pointers [][]*float64
	// Randoms are, for each RANDOM variable, each instance's stream; the
	// simulator makes one for each new instance.
	Randoms [][]*Random123
	// Externals are the addresses of the EXTERNALs, resolved by the
	// simulator after every layout.
	Externals []*float64
}

// Ptr is a POINTER's target, or, for one never set, a scratch value after
// failing the run with the POINTER's name (NEURON would read through a
// null pointer).
func Ptr(c *Context, p *float64, what string) *float64 {
	if p == nil {
		c.Fail(fmt.Sprintf("POINTER %s was never set (Segment.SetPointer, PointProcess.SetPointer; NEURON's setpointer)", what))
		return new(float64)
	}
	return p
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

	// Inits counts the calls of Finitialize (NEURON's _ninits).
	Inits int

	// Output is where printf writes; nil is standard output.
	Output io.Writer

	mu  sync.Mutex // guards err
	err error      // the first failure a kernel reported, see Fail

	// objects are the hoc objects handed to the model's mechanisms, by
	// handle - 1 (objects.go); args are the arguments of the hoc call
	// being made (SetCallArgs).
	objMu   sync.RWMutex
	objects []any
	args    []any

	// scop is the state of NEURON's scop_random: one stream per model, as
	// NEURON has one per process; zero stands for NEURON's start, 1.
	scop    uint32
	scopSet bool
	// UseMCellRan4 is NEURON's use_mcell_ran4(1): scop_random draws from
	// MCellRan4 instead, the same state as its sequence number and
	// MCellRan4Low (mcell_ran4_init) as its stream.
	UseMCellRan4 bool
	MCellRan4Low uint32
}

// Fail lets a kernel report a numerical failure (a KINETIC step whose
// Newton iteration did not converge, say). The model stops and returns it
// from Finitialize, Fadvance or ContinueRun; later failures are dropped.
// Kernels of several threads may fail at once.
func (c *Context) Fail(msg string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = fmt.Errorf("t = %.6g ms: %s", c.T, msg)
	}
}

// Err returns the first failure reported since ClearErr.
func (c *Context) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// ClearErr forgets the failures reported so far.
func (c *Context) ClearErr() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = nil
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

// ScopRandom is NEURON's scop_random(): a number in [0, 1] from the
// linear congruential generator of NEURON's scoprand.cpp (x ← a·x + c
// modulo 2^32, divided by 2^32 - 1), starting from 1 or from set_seed's
// seed, so that a model draws NEURON's numbers in NEURON's order; with
// UseMCellRan4, NEURON's mcell_ran4a on the same state.
func ScopRandom(c *Context) float64 {
	if !c.scopSet {
		c.scop, c.scopSet = 1, true
	}
	if c.UseMCellRan4 {
		return float64(Ran4(&c.scop, c.MCellRan4Low)) / 4294967296
	}
	const a, inc, m = 2147437301, 453816981, 1<<32 - 1
	c.scop = a*c.scop + inc
	return math.Abs(float64(c.scop) / m)
}

// SetSeed is NEURON's set_seed(seed): scop_random starts again from seed
// (converted as C converts a double to uint32_t). Its value is 0.
func SetSeed(c *Context, seed float64) float64 {
	c.scop, c.scopSet = uint32(int64(seed)), true
	return 0
}

// ExpRand is scopmath's exprand(mean): -mean·log(scop_random()).
func ExpRand(c *Context, mean float64) float64 {
	return -mean * math.Log(ScopRandom(c))
}

// NormRand is scopmath's normrand(mean, sd): the polar method on pairs of
// scop_random numbers.
func NormRand(c *Context, mean, sd float64) float64 {
	var v1, v2 float64
	for s := 1.0; ; {
		v1 = 2*ScopRandom(c) - 1
		v2 = 2*ScopRandom(c) - 1
		if s = v1*v1 + v2*v2; s < 1 {
			v2 = v1 * math.Sqrt(-2*math.Log(s)/s)
			break
		}
	}
	return v2*sd + mean
}

// PoisRand is scopmath's poisrand(mean): the number of scop_random
// factors whose product stays at least e^-mean, less one.
func PoisRand(c *Context, mean float64) float64 {
	n := 0
	s := fastExp(-mean)
	for q := 1.0; q >= s; n++ {
		q *= ScopRandom(c)
	}
	return float64(n - 1)
}

// ERand is netstim.mod's erand() as NEURON runs it when no Random object
// is attached: exprand(1), from the model's scop_random stream.
func ERand(c *Context) float64 { return ExpRand(c, 1) }

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

// NetReceiver is implemented by the kernels of mechanisms with a
// NET_RECEIVE block.
type NetReceiver interface {
	// NetReceive delivers an event to instance ix: the weights of the
	// NetCon that sent it (for a self-event, those of the event that sent
	// it; nil from INITIAL or a WATCH) and its flag.
	NetReceive(ix int, weights []float64, flag float64)
}

// NetIniter is implemented by the kernels whose NET_RECEIVE has an
// INITIAL block.
type NetIniter interface {
	// NetInit initializes the weights of one NetCon to instance ix.
	NetInit(ix int, weights []float64)
}

// Watcher is implemented by the kernels whose NET_RECEIVE has WATCH
// statements.
type Watcher interface {
	// WatchValue is the value of WATCH condition slot of instance ix:
	// above 0 when the condition holds.
	WatchValue(ix, slot int) float64
}

// EventSink is how a kernel sends events: NMODL's net_send (to itself),
// net_move, net_event (to the NetCons whose source it is), WATCH and
// FOR_NETCONS. The simulator implements it.
type EventSink interface {
	// Send is net_send: an event with flag to instance ix at time te,
	// carrying weights (those of the event being handled, or nil).
	Send(ix int, weights []float64, te, flag float64)
	// Move is net_move: the instance's pending self-event with flag 1
	// moves to time te.
	Move(ix int, te float64)
	// Event is net_event: instance ix fires at time t.
	Event(ix int, t float64)
	// Watch is WATCH (cond) flag for condition slot of instance ix.
	Watch(ix, slot int, flag float64)
	// ForNetCons runs f on the weights of every NetCon to instance ix.
	ForNetCons(ix int, f func(weights []float64))
}

// Ion is the per-node state of one ion species as kernels see it
// (NEURON's <ion>_ion mechanism): reversal potential, inside and outside
// concentrations, and the total current and its derivative that the
// mechanisms writing it add to each step. Slices are indexed by node.
type Ion struct {
	E      []float64 // mV
	Ci, Co []float64 // mM
	Cur    []float64 // mA/cm², summed over the mechanisms that write it
	DCurDv []float64 // d Cur / d v, for secondorder = 2
}
