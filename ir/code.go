package ir

// The lowered code: a small tree in which every name is resolved (a *Var,
// a *Local, a *Proc, a special of NEURON's) and every NEURON statement
// with a runtime meaning (net_send, WATCH, a cnexp step, a reaction) has
// a node of its own.

// Expr is a lowered expression.
type Expr interface{ exprNode() }

// Num is a number: a literal with its spelling (Text, which Go reads as
// the same float64), or a value the compiler worked out (Text empty: a
// DEFINE, a UNITS factor, a CONSTANT).
type Num struct {
	Value float64
	Text  string
}

// VarRef is a variable of the mechanism, or an element of one: Index is
// nil for a scalar.
type VarRef struct {
	Var   *Var
	Index Expr
}

// LocalRef is a local name, or an element of a LOCAL array.
type LocalRef struct {
	Local *Local
	Index Expr
}

// SpecialKind is a value NEURON supplies.
type SpecialKind int

const (
	SpecialV           SpecialKind = iota // v: the membrane potential of the instance (mV)
	SpecialT                              // t (ms)
	SpecialDt                             // dt (ms)
	SpecialCelsius                        // celsius (degC)
	SpecialArea                           // area: of the instance's segment (µm²)
	SpecialDiam                           // diam: of the instance's segment (µm)
	SpecialSecondOrder                    // secondorder: 0, 1 or 2
)

// Special is a value NEURON supplies.
type Special struct{ Kind SpecialKind }

// IonValue is the value of ion variable Var held by the ion at the
// instance's node, not the mechanism's copy: VERBATIM's _ion_cai where the
// mechanism writes cai.
type IonValue struct{ Var *Var }

// PointerSet is nrn_pointing(p): whether POINTER Var has been set.
type PointerSet struct{ Var *Var }

// KinState is state i of the KINETIC system being evaluated: s[i].
type KinState struct{ Index int }

// KinOld is state i's value at the start of the step, old[i]: scopmath's
// sparse keeps that copy in the state's derivative slot, so x' = e in a
// KINETIC block, which nocmodl writes as Dx = e, assigns it.
type KinOld struct{ Index int }

// Unary is -X or !X.
type Unary struct {
	Op string
	X  Expr
}

// Binary is X Op Y, Op one of + - * / ^ < <= > >= == != && ||.
type Binary struct {
	Op   string
	X, Y Expr
}

// Paren is (X): the author's grouping, kept so that the evaluation order
// (and so the rounding) is the author's.
type Paren struct{ X Expr }

// Call is a call of a FUNCTION or PROCEDURE of the file.
type Call struct {
	Proc *Proc
	Args []Expr
}

// TableCall is a call of a FUNCTION_TABLE.
type TableCall struct {
	Table *FuncTable
	Args  []Expr
}

// Builtin is a call of a function NEURON provides: Name is its NMODL
// name (exp, fabs, pow, at_time, erand, …). For a function of a RANDOM
// variable (random_negexp, …), Stream is the variable, and Args the
// arguments after it.
type Builtin struct {
	Name   string
	Args   []Expr
	Stream *Random
}

// Printf is printf(format, args…): C's printf on the model's output.
type Printf struct {
	Format string // with C's escapes already read
	Args   []Expr
}

// Fail is hoc_execerror or hoc_execerr_ext: the run stops with the
// message, C's printf of Format and Args.
type Fail struct {
	Format string
	Args   []Expr
}

func (*Fail) exprNode()       {}
func (*Num) exprNode()        {}
func (*VarRef) exprNode()     {}
func (*IonValue) exprNode()   {}
func (*PointerSet) exprNode() {}
func (*LocalRef) exprNode()   {}
func (*Special) exprNode()    {}
func (*KinState) exprNode()   {}
func (*KinOld) exprNode()     {}
func (*Unary) exprNode()      {}
func (*Binary) exprNode()     {}
func (*Paren) exprNode()      {}
func (*Call) exprNode()       {}
func (*TableCall) exprNode()  {}
func (*Builtin) exprNode()    {}
func (*Printf) exprNode()     {}

// Stmt is a lowered statement.
type Stmt interface{ stmtNode() }

// Assign is Lhs = Rhs; Lhs is a *VarRef or a *LocalRef.
type Assign struct {
	Lhs Expr
	Rhs Expr
}

// ExprStmt evaluates X for its effect: a call.
type ExprStmt struct{ X Expr }

// If is if Cond { Then } else Else; Else is nil, an *If or a *Block.
type If struct {
	Cond Expr
	Then []Stmt
	Else Stmt
}

// While is while (Cond) { Body }.
type While struct {
	Cond Expr
	Body []Stmt
}

// For is FROM Var = From TO To BY By { Body }: an integer counter, the
// bounds and step truncated to integers, as nocmodl's C.
type For struct {
	Var          *Local
	From, To, By Expr // By nil for 1
	Body         []Stmt
}

// Block is a nested { Body }.
type Block struct{ Body []Stmt }

// LocalDecl declares the LOCALs of a block, at its start.
type LocalDecl struct{ Locals []*Local }

// StateDiscontinuity is state_discontinuity(Lhs, Rhs): in the fixed step an
// assignment, which NEURON makes only in the first of BREAKPOINT's two
// evaluations, and never while finitialize evaluates the currents.
type StateDiscontinuity struct {
	Lhs Expr
	Rhs Expr
}

// NetSend is net_send(Delay, Flag): an event to this instance. From
// NET_RECEIVE it carries the weights of the event being handled; from
// INITIAL none.
type NetSend struct {
	Delay, Flag Expr
	FromReceive bool
}

// NetMove is net_move(Time): the pending self-event with flag 1 moves.
type NetMove struct{ Time Expr }

// NetEvent is net_event(Time): a spike to the NetCons from this instance.
type NetEvent struct{ Time Expr }

// WatchStmt is WATCH (cond) Flag for condition Slot of Mechanism.Watches.
type WatchStmt struct {
	Slot int
	Flag Expr
}

// ForNetcons is FOR_NETCONS(Params) { Body }: Body runs on the weights of
// each NetCon to the instance.
type ForNetcons struct {
	Params []*Local
	Body   []Stmt
}

// CnexpStep is the cnexp update of State' = A*State + B: the exact step
// over dt, State = State + (1 - exp(dt*A))*(-B/A - State), or, when A is
// the number 0, State = State + dt*B.
type CnexpStep struct {
	State *VarRef
	A, B  Expr
}

// DerivAssign is D = Rhs: the derivative of a state, for derivimplicit,
// euler and runge.
type DerivAssign struct {
	D   *Local
	Rhs Expr
}

// KineticSteadyState is SOLVE k STEADYSTATE sparse in INITIAL: NEURON's
// steady state, one backward Euler step of 1e9 ms.
type KineticSteadyState struct{ Kinetic *Kinetic }

// LagStmt is LAG x BY y: Result (nocmodl's lag_x_y) is x as it was y ms
// before, by scopmath's lag; Index numbers the mechanism's LAG statements.
type LagStmt struct {
	Result *VarRef
	X, By  Expr
	Index  int
}

// Break leaves the innermost loop (C's break, from VERBATIM).
type Break struct{}

// SolveDeriv is SOLVE of a DERIVATIVE block inside a block of code: one
// step of dt by its method, as in the state phase; Steady, for SOLVE …
// STEADYSTATE derivimplicit, one derivimplicit step of 1e-9 ms instead,
// as NEURON's _ss_derivimplicit_thread takes (mechimpl.SteadyDerivDt).
type SolveDeriv struct {
	Deriv  *Deriv
	Steady bool
}

// SolveAlgebraic is SOLVE of a LINEAR or NONLINEAR block inside a block of
// code (a FUNCTION, a PROCEDURE, INITIAL): solved there, as nocmodl's C.
type SolveAlgebraic struct{ Block *Algebraic }

// Residual is the next equation ~ Lhs = Rhs of a NONLINEAR block: its
// residual -(Lhs) + (Rhs), as nocmodl writes it.
type Residual struct{ Lhs, Rhs Expr }

// LinearEquation is the next equation of a LINEAR block, as nocmodl
// splits it: each term into the coefficient of its unknown or into the
// right-hand side.
type LinearEquation struct{ Terms []LinearTerm }

// LinearTerm adds Sign·Coef to the coefficient of unknown Col (plus Index,
// an element of an array) in the current equation, or to its right-hand
// side when Col is -1. Coef is the term with its unknown replaced by 1.0.
type LinearTerm struct {
	Col   int
	Index Expr
	Sign  string
	Coef  Expr
}

// Reaction is one reaction of a KINETIC block at the states s, as
// nocmodl writes it: the forward and backward rates (mass action) into
// f_flux and b_flux, their difference into the equations of its states,
// and the derivatives of the rates into the matrix.
type Reaction struct {
	Forward, Backward Expr
	Rhs               []RhsTerm
	Jacobian          []JacobianColumn
}

// RhsTerm adds Sign·Num·(f_flux - b_flux) to the right-hand side of the
// equation of state State.
type RhsTerm struct {
	State int
	Sign  string // "+" or "-"
	Num   int
}

// JacobianColumn is the derivative D of one side's rate in one of its
// states (nocmodl's _term), added into the matrix elements Elems.
type JacobianColumn struct {
	D     Expr
	Elems []MatTerm
}

// MatTerm adds Sign·Num·D to matrix element Elem.
type MatTerm struct {
	Elem int
	Sign string
	Num  int
}

// Flux is ~ x << (Rate): Rate into the equation of state State; nothing
// into the matrix.
type Flux struct {
	State int
	Rate  Expr
}

// Conserve is a CONSERVE's equation, in row Row: the total, and each
// state's coefficient (Num times its volume) in the matrix.
type Conserve struct {
	Row   int
	Total Expr
	Terms []ConserveTerm
}

// ConserveTerm is one state of a CONSERVE, with its COMPARTMENT volume
// (nil for none) and its matrix element in the row.
type ConserveTerm struct {
	State  int
	Num    int
	Volume Expr
	Elem   int
}

func (*Assign) stmtNode()             {}
func (*ExprStmt) stmtNode()           {}
func (*If) stmtNode()                 {}
func (*While) stmtNode()              {}
func (*For) stmtNode()                {}
func (*Block) stmtNode()              {}
func (*LocalDecl) stmtNode()          {}
func (*StateDiscontinuity) stmtNode() {}
func (*NetSend) stmtNode()            {}
func (*NetMove) stmtNode()            {}
func (*NetEvent) stmtNode()           {}
func (*WatchStmt) stmtNode()          {}
func (*ForNetcons) stmtNode()         {}
func (*CnexpStep) stmtNode()          {}
func (*DerivAssign) stmtNode()        {}
func (*KineticSteadyState) stmtNode() {}
func (*SolveAlgebraic) stmtNode()     {}
func (*SolveDeriv) stmtNode()         {}
func (*Break) stmtNode()              {}
func (*LagStmt) stmtNode()            {}
func (*Residual) stmtNode()           {}
func (*LinearEquation) stmtNode()     {}
func (*Reaction) stmtNode()           {}
func (*Flux) stmtNode()               {}
func (*Conserve) stmtNode()           {}
