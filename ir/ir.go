// Package ir is a mechanism after lowering: what a checked .mod file means
// to NEURON, with every decision that code generation needs already made.
//
// Lower takes the resolved file from package check and builds a
// Mechanism: its variables with their storage (one value per instance,
// per model, or loaded from an ion), its ions by their exact names, the
// blocks NEURON runs in each phase of a step (INITIAL; BREAKPOINT at v and
// v + 0.001 for the currents, or after the states when it sets no current;
// the SOLVEs of the state phase; NET_RECEIVE; the BEFORE and AFTER
// blocks), each SOLVE with its method as a typed kind and its equations
// already solved (cnexp's exact step, the Jacobian of a KINETIC scheme),
// and TABLEs with the moment NEURON builds them. Code is lowered into a
// small tree of its own (Stmt and Expr) whose names are resolved objects,
// not strings.
//
// Every refusal is made here, once: what nmodlgo cannot compile yet is a
// diag.Unsupported diagnostic with the position and the name of the
// feature, so that `nmodlgo check` and `nmodlgo gen` always agree and code
// generation (package codegen) only emits, and cannot fail.
package ir

import (
	"fmt"

	"github.com/nmodlgo/nmodlgo/ast"
)

// Mechanism is one .mod file, lowered.
type Mechanism struct {
	Name   string       // the SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL name
	Kind   ast.MechKind //
	Source string       // the .mod file's base name
	Title  string       // TITLE text, trimmed
	// Threadsafe is nocmodl's VECTORIZED: a thread-safe mechanism has its
	// TABLEs checked once per step (and at finitialize), others on every
	// call of the tabulated PROCEDURE or FUNCTION.
	Threadsafe bool
	// Parallel says the simulator may split the instances among threads,
	// each with its own kernel: thread safe (so its assigned GLOBALs are
	// per thread, as NEURON's), with a membrane, and calling nothing whose
	// effect depends on the order of the instances (erand, printf).
	Parallel  bool
	Electrode bool // ELECTRODE_CURRENT: the current flows into the cell
	// NEURONOrder is the mechanism's place among those built into NEURON
	// (src/nrnoc/cabvars.h), which NEURON registers in that order before
	// any of a user's, or 0. Currents at a node add up in the order of the
	// types, so the simulator orders its types the same way.
	NEURONOrder int

	// Vars are every variable of the mechanism in declaration order: the
	// file's, then those the NEURON block implies (ion variables and
	// currents it names but the file does not declare), then usetable.
	Vars []*Var
	// Range are the per-instance variables in the order NEURON lists them
	// (psection): public PARAMETERs, ASSIGNEDs and STATEs, then the hidden
	// ones. It is the storage order of the simulator's MechInfo.Vars.
	Range []*Var
	// Globals are the variables with one value per model that NEURON
	// names (GLOBALs, non-RANGE PARAMETERs, usetable), in declaration order.
	Globals  []*Var
	Ions     []*Ion
	Currents []*Var // summed into the membrane current, in the NEURON block's order

	Procs      []*Proc      // FUNCTIONs and PROCEDUREs, in source order
	FuncTables []*FuncTable // FUNCTION_TABLEs, in source order
	Pointers   []*Var       // POINTERs, in the order the NEURON block names them
	Randoms    []*Random    // RANDOM variables (NEURON 9), in the order the NEURON block names them
	Externals  []*Var       // EXTERNALs, in the order the NEURON block names them
	Initial    *Code        // INITIAL, or nil
	// Constructor is CONSTRUCTOR, run when an instance is made, or nil.
	Constructor *Code
	Breakpoint  *Code        // BREAKPOINT without its SOLVEs, or nil
	Solves      []*Solve     // the SOLVEs of BREAKPOINT, in order: the state phase
	Derivs      []*Deriv     // DERIVATIVE blocks that are solved, in order
	Kinetics    []*Kinetic   // KINETIC blocks that are solved, in source order
	Algebraics  []*Algebraic // LINEAR and NONLINEAR blocks that are solved, in the order first solved
	Tables      []*Table     // in the order of their PROCEDUREs and FUNCTIONs
	NetReceive  *NetReceive
	Watches     []*Watch // the WATCH conditions, by slot
	// StateDtHalved: a SOLVE of BREAKPOINT uses derivimplicit, euler,
	// runge or sparse, so that with secondorder nocmodl's nrn_state steps
	// with dt/2 (and each such SOLVE then adds dt/2 times its derivative).
	StateDtHalved bool
	// SelfEvents: some block sends the instance events of its own
	// (net_send, net_move, WATCH), which may fall at the time of a
	// NetCon's event, so the order of the two counts.
	SelfEvents bool
	BA         []*BABlock // BEFORE and AFTER blocks, in source order
	UseTable   *Var       // usetable, when there are TABLEs
	Lags       int        // the number of LAG statements
}

// CurrentsInBreakpoint reports whether BREAKPOINT sets currents, and so
// runs in the current phase (twice, at v + 0.001 and at v, as nocmodl's
// nrn_cur); without currents it runs in the state phase after the SOLVEs,
// with the new v, as nocmodl's nrn_state.
func (m *Mechanism) CurrentsInBreakpoint() bool { return len(m.Currents) > 0 }

// Events reports whether the mechanism sends or receives events.
func (m *Mechanism) Events() bool {
	return m.NetReceive != nil || m.Kind == ast.ArtificialCell
}

// Storage says where a variable lives.
type Storage int

const (
	PerInstance Storage = iota // Size values per instance
	Shared                     // one value per model: GLOBAL, a non-RANGE PARAMETER, a top-level LOCAL
	IonRead                    // an ion variable only READ: taken from the ion for the instance being computed
	Constant                   // CONSTANT, UNITS factor: its Default, compiled in
	Pointer                    // a POINTER: per instance, the address of a value elsewhere in the model
	External                   // EXTERNAL: a GLOBAL of another mechanism, by its hoc name
)

// Var is one variable of the mechanism.
type Var struct {
	Name    string
	Decl    ast.DeclKind // PARAMETER, ASSIGNED, STATE or CONSTANT
	Units   string       // as written, without parentheses
	Default float64
	Size    int // array length; 1 for a scalar
	Storage Storage
	Public  bool // visible by name: RANGE, STATE, a current
	Hidden  bool // a top-level LOCAL: shared, but not a GLOBAL by name
	// Handle marks a BBCOREPOINTER: per instance, the handle of the hoc
	// object (a Vector, a Random) its slot holds, 0 for none. Only
	// VERBATIM code reaches it, as _p_x (package verbatim).
	Handle bool
	Ion    *Ion    // for an ion variable: its ion
	Pos    ast.Pos // the declaration; invalid for variables the NEURON block implies
	Doc    string  // the comment on the declaration's line, if any
}

// IonField says which of an ion's per-node values an ion variable is.
type IonField int

const (
	IonCur IonField = iota // ix: the current, summed over the mechanisms that write it
	IonE                   // ex: the reversal potential
	IonCi                  // xi: the inside concentration
	IonCo                  // xo: the outside concentration
)

// Field returns which value of its ion v is; v must be an ion variable.
func (v *Var) Field() IonField {
	switch v.Name {
	case "e" + v.Ion.Name:
		return IonE
	case v.Ion.Name + "i":
		return IonCi
	case v.Ion.Name + "o":
		return IonCo
	}
	return IonCur
}

// Ion is one USEION statement. Name is the ion's exact name: NEURON tells
// ca from Ca.
type Ion struct {
	Name    string
	Read    []*Var // in the order of READ
	Write   []*Var // in the order of WRITE
	Valence float64
	HasZ    bool // VALENCE given
}

// WritesCurrent returns the ion's current when the mechanism writes it.
func (ion *Ion) WritesCurrent() *Var {
	for _, v := range ion.Write {
		if v.Field() == IonCur {
			return v
		}
	}
	return nil
}

// Code is a lowered block of statements with where it came from.
type Code struct {
	Pos  ast.Pos
	Body []Stmt
}

// Proc is a FUNCTION or a PROCEDURE.
type Proc struct {
	Name   string
	Kind   ast.ProcKind // Function or Procedure
	Params []*Local
	Result *Local // the FUNCTION's value; nil for a PROCEDURE
	Body   []Stmt
	Table  *Table // its TABLE, or nil
	Pos    ast.Pos
	// Valued reports a PROCEDURE whose call is used as a value: as in
	// nocmodl's C, where a PROCEDURE returns the int 0, the value is 0.
	Valued bool
	// Variadic reports a FUNCTION or PROCEDURE whose VERBATIM code reads
	// the arguments of the hoc call after its own (ifarg, *getarg,
	// vector_arg, nrn_random_arg): hoc may give it more than Params.
	Variadic bool
	// GoBody, if not "", is why nmodlgo cannot compile the body (a
	// position and a reason): a call runs the Go body the program gives
	// (the generated package's GoBodies), or Body, which stops the run
	// with the reason, if it gives none.
	GoBody string
}

// Random is a RANDOM variable (NEURON 9): a Random123 stream per
// instance, which only the random_* functions (Builtin.Stream) use.
type Random struct {
	Name  string
	Index int // its place in Mechanism.Randoms and MechInfo.Randoms
	Pos   ast.Pos
}

// FuncTable is a FUNCTION_TABLE: a function whose values come from a
// table given at run time (NEURON's table_<name>_<suffix> from hoc).
type FuncTable struct {
	Name  string
	Args  int // its number of arguments
	Index int // its place in Mechanism.FuncTables
	Pos   ast.Pos
}

// LocalKind says what a local name is.
type LocalKind int

const (
	Plain  LocalKind = iota // a LOCAL or an argument: a float64 (or an array)
	Loop                    // a FROM loop counter: an int
	Weight                  // an argument of NET_RECEIVE or FOR_NETCONS: an element of the NetCon's weight vector
)

// Local is a name local to a block.
type Local struct {
	Name string
	Kind LocalKind
	Size int // array length for a LOCAL array, else 0
	// Index is a Weight's position in its weight vector; ForNetcons tells
	// which vector: the event's, or the one FOR_NETCONS is visiting.
	Index      int
	ForNetcons bool
	Pos        ast.Pos
	// Unused reports a LOCAL that nothing reads (Go wants it used).
	Unused bool
}

// Method is how a SOLVE integrates its block.
type Method int

const (
	Cnexp          Method = iota // the exact step of an equation linear in its state
	DerivImplicit                // backward Euler (nmodlgo: equations linear in their state, uncoupled)
	Euler                        // forward Euler, as scopmath's euler
	Runge                        // scopmath's fourth-order Runge-Kutta
	Sparse                       // KINETIC: backward Euler by Newton's method
	ProcedureCall                // SOLVE of a PROCEDURE: called in the state phase
	AlgebraicSolve               // SOLVE of a LINEAR (simeq) or NONLINEAR (newton) block
)

var methodNames = [...]string{"cnexp", "derivimplicit", "euler", "runge", "sparse", "procedure", "algebraic"}

func (m Method) String() string { return methodNames[m] }

// Solve is one SOLVE of BREAKPOINT, run in the state phase: exactly one of
// Deriv, Kinetic, Proc and Algebraic is set.
type Solve struct {
	Method  Method
	Deriv   *Deriv
	Kinetic *Kinetic
	// SteadyState: SOLVE k STEADYSTATE sparse, the steady state of the
	// KINETIC block found at every step.
	SteadyState bool
	Proc        *Proc
	Algebraic   *Algebraic
	Pos         ast.Pos
}

// Algebraic is a LINEAR or NONLINEAR block: as many equations as unknowns
// (its STATEs, or those SOLVEFOR names), solved where a SOLVE names it. A
// LINEAR block fills the matrix of its system (LinearEquation statements)
// for scopmath's simeq (Gaussian elimination with partial pivoting); a
// NONLINEAR block evaluates its residuals (Residual statements) for
// scopmath's newton, which moves the unknowns in place.
type Algebraic struct {
	Name     string
	Linear   bool
	Unknowns []KinVar // in nocmodl's _slist order
	Body     []Stmt   // the equations at its top level, one per unknown
	Pos      ast.Pos
}

// Deriv is a DERIVATIVE block lowered for its method: for cnexp each
// equation is its exact step (CnexpStep); for derivimplicit, euler and
// runge each sets its state's derivative (DerivAssign to DStates[i]) and
// the method's integrator runs the block.
type Deriv struct {
	Name    string
	Method  Method
	States  []*Var   // the states it gives a derivative, in order
	DStates []*Local // derivimplicit, euler and runge: Dx for each state
	// Kept, for derivimplicit, is for each state nil, or the per-instance
	// storage of its Dx when the block reads Dx before its equation: as in
	// nocmodl's C, where Dx lives in the instance's data, each evaluation
	// starts from the Dx the evaluation before left.
	Kept []*Var
	Body []Stmt
	Pos  ast.Pos
	// Steady: a SOLVE … STEADYSTATE derivimplicit takes it too (SolveDeriv).
	Steady bool
}

// Kinetic is a KINETIC block solved by sparse: a system of the states its
// reactions and CONSERVEs name, numbered as nocmodl numbers them (the
// states whose equations CONSERVEs replace first), evaluated as nocmodl's
// code for scopmath's sparse evaluates it.
type Kinetic struct {
	Name   string
	States []KinVar // every element of an array STATE, in nocmodl's order
	// Ncons is the number of CONSERVEs: the equations of states 0 to
	// Ncons-1 are theirs.
	Ncons int
	// Volumes are the COMPARTMENT volume of each state, nil for none: at
	// the start of each evaluation they multiply its equation (the states
	// from Ncons on).
	Volumes []Expr
	// Body evaluates the block's equations at the states s (KinState):
	// Reaction, Flux and Conserve statements and the block's others.
	Body  []Stmt
	FFlux *Local // f_flux
	BFlux *Local // b_flux
	// Linear is nocmodl's _linmat: no side of a reaction that holds a state
	// has two or more terms (counting a coefficient as that many).
	Linear bool
	// OffDiag are the matrix elements off the diagonal that the equations
	// name, as (row, column), in the order first named: element Ns+i is
	// OffDiag[i], element i < Ns the diagonal of row i (Ns the number of
	// states).
	OffDiag [][2]int
	// Diffusions are its LONGITUDINAL_DIFFUSIONs, one per state element,
	// in nocmodl's order (statement, state, element).
	Diffusions []*Diffusion
	Pos        ast.Pos
}

// Elem is the number of the matrix element at row, col.
func (k *Kinetic) Elem(row, col int) int {
	if row == col {
		return row
	}
	for i, rc := range k.OffDiag {
		if rc == [2]int{row, col} {
			return len(k.States) + i
		}
	}
	k.OffDiag = append(k.OffDiag, [2]int{row, col})
	return len(k.States) + len(k.OffDiag) - 1
}

// Diffusion is longitudinal diffusion of one state element between the
// segments of a cable that have the mechanism: NEURON's implicit step
// after the states (ldifus.cpp), with the rate (diffusion constant times
// cross-section) and the state's COMPARTMENT volume at each segment.
type Diffusion struct {
	State  KinVar
	Rate   Expr
	Volume Expr // 1 without a COMPARTMENT for the state
}

// KinVar is one state of a kinetic system: a STATE, or one element of an
// array STATE.
type KinVar struct {
	Var  *Var
	Elem int // 0 for a scalar
}

// String names the state as the .mod file would: ca, or ca[2].
func (kv KinVar) String() string {
	if kv.Var.Size > 1 {
		return fmt.Sprintf("%s[%d]", kv.Var.Name, kv.Elem)
	}
	return kv.Var.Name
}

// Table is a TABLE statement of a PROCEDURE or FUNCTION of one argument.
type Table struct {
	Proc   *Proc
	Vars   []*Var // the tabulated variables; empty for a FUNCTION (its value)
	Depend []Expr // the DEPEND values
	From   Expr   // FROM and TO, evaluated when the table is built
	To     Expr
	With   int
	// Lazy is NEURON's timing for a mechanism that is not thread safe: the
	// table is checked (and rebuilt if a DEPEND value changed) at every
	// call of its PROCEDURE or FUNCTION, after whatever the caller
	// assigned before it. A thread-safe mechanism's tables are checked at
	// the start of finitialize and of every step.
	Lazy bool
	Pos  ast.Pos
}

// Columns is the number of values at each point of the table: one per
// element of each tabulated variable, or one for a FUNCTION.
func (t *Table) Columns() int {
	if len(t.Vars) == 0 {
		return 1
	}
	n := 0
	for _, v := range t.Vars {
		n += v.Size
	}
	return n
}

// ConstValue reports the value of e if it is a number known when the file
// is compiled.
func ConstValue(e Expr) (float64, bool) {
	switch e := e.(type) {
	case *Num:
		return e.Value, true
	case *Unary:
		if x, ok := ConstValue(e.X); ok && e.Op == "-" {
			return -x, true
		}
	case *Paren:
		return ConstValue(e.X)
	}
	return 0, false
}

// NetReceive is the NET_RECEIVE block: Params are the weights of the
// NetCon that delivers an event; Init is its INITIAL block, run for each
// NetCon at finitialize, or nil.
type NetReceive struct {
	Params []*Local
	Flag   *Local // flag, the event's flag
	Init   *Code
	Body   []Stmt
	Pos    ast.Pos
}

// Watch is a WATCH condition: it holds when Above - Below > 0, which
// NEURON tests at the start of each step.
type Watch struct {
	Above, Below Expr
	Pos          ast.Pos
}

// BAType is one of the five points where NEURON runs BEFORE and AFTER
// blocks.
type BAType int

const (
	BeforeInitial BAType = iota
	AfterInitial
	BeforeBreakpoint
	AfterSolve
	BeforeStep
)

var baNames = [...]string{"BEFORE INITIAL", "AFTER INITIAL", "BEFORE BREAKPOINT", "AFTER SOLVE", "BEFORE STEP"}

func (t BAType) String() string { return baNames[t] }

// BABlock is a BEFORE or AFTER block.
type BABlock struct {
	When BAType
	Body []Stmt
	Pos  ast.Pos
}
