// Package ast declares the typed syntax tree of an NMODL file.
//
// Every node carries the position of its first token. The tree keeps what
// code generation and the printer need: declarations with their units and
// limits, blocks in source order, statements and expressions. Comments are
// kept on the File so that a printer can put them back.
package ast

import "github.com/nmodlgo/nmodlgo/diag"

// Pos is a position in a source file: the file, a 1-based line and a
// 1-based byte column. Nodes of an INCLUDEd file carry that file's
// positions.
type Pos = diag.Pos

// Node is any syntax tree node.
type Node interface {
	Pos() Pos
}

// File is one parsed .mod file. A COMMENT … ENDCOMMENT block between
// top-level blocks appears in Blocks (as a *Comment) as well as in
// Comments; other comments only in Comments.
type File struct {
	Name     string     // file name as given to the parser
	Source   *diag.File // its text, for positions and messages
	Blocks   []Block    // top-level blocks in source order
	Comments []*Comment // every comment, in source order
}

// Pos is the start of the file.
func (f *File) Pos() Pos { return f.Source.Start() }

// AllBlocks returns the top-level blocks of f with every resolved INCLUDE
// replaced by the blocks of the included file, recursively: the file as
// nocmodl sees it. Includes that were not resolved are kept as they are.
func (f *File) AllBlocks() []Block {
	var out []Block
	for _, b := range f.Blocks {
		if inc, ok := b.(*Include); ok && inc.File != nil {
			out = append(out, inc.File.AllBlocks()...)
			continue
		}
		out = append(out, b)
	}
	return out
}

// Comment is a ':' or '?' line comment or a COMMENT … ENDCOMMENT block.
type Comment struct {
	At    Pos
	Text  string // the text without its delimiters
	Block bool   // COMMENT … ENDCOMMENT
}

func (c *Comment) Pos() Pos { return c.At }

// ---------------------------------------------------------------------------
// Top-level blocks

// Block is a top-level construct of a .mod file.
type Block interface {
	Node
	blockNode()
}

// Title is TITLE text (to end of line).
type Title struct {
	At   Pos
	Text string
}

// Verbatim is a VERBATIM … ENDVERBATIM block, kept as raw text. It can be
// a top-level block or a statement.
type Verbatim struct {
	At   Pos
	Text string
}

// Include is INCLUDE "file".
type Include struct {
	At   Pos
	Path string
	File *File // the included file, parsed; set by parser.ParseFile, nil from parser.Parse
}

// Define is DEFINE NAME integer.
type Define struct {
	At    Pos
	Name  *Ident
	Value *Number
}

// UnitsOnOff is UNITSON or UNITSOFF (top level or inside a block).
type UnitsOnOff struct {
	At Pos
	On bool
}

// UnitsBlock is UNITS { … }.
type UnitsBlock struct {
	At   Pos
	Defs []*UnitDef
	End  Pos // the closing brace
}

// UnitDef is one entry of a UNITS block: `(mA) = (milliamp)` when Name is
// nil, or a named factor `FARADAY = (faraday) (coulomb)` /
// `PI = 3.14159` / `R = 8.314 (J/mol-degC)`.
type UnitDef struct {
	At    Pos
	Name  *Ident  // named factor, or nil for a unit alias
	Alias *Unit   // (mA) in `(mA) = (milliamp)`
	Value *Number // a plain number factor, if given
	From  *Unit   // (faraday) / (milliamp)
	To    *Unit   // (coulomb) in `(faraday) (coulomb)`, or nil
}

// NeuronBlock is NEURON { … }.
type NeuronBlock struct {
	At    Pos
	Stmts []NeuronStmt
	End   Pos // the closing brace
}

// NeuronStmt is one statement of the NEURON block.
type NeuronStmt interface {
	Node
	neuronStmt()
}

// MechKind tells what a mechanism is.
type MechKind int

const (
	Suffix         MechKind = iota // SUFFIX: a density mechanism
	PointProcess                   // POINT_PROCESS
	ArtificialCell                 // ARTIFICIAL_CELL
)

func (k MechKind) String() string {
	return [...]string{"SUFFIX", "POINT_PROCESS", "ARTIFICIAL_CELL"}[k]
}

// MechName is SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL with its name.
type MechName struct {
	At   Pos
	Kind MechKind
	Name *Ident
}

// UseIon is USEION name READ … WRITE … VALENCE z REPRESENTS ….
type UseIon struct {
	At         Pos
	Name       *Ident
	Read       []*Ident
	Write      []*Ident
	Valence    Expr   // nil if absent
	Represents string // ontology term, or ""
}

// NameListKind says which NEURON-block list a NameList is.
type NameListKind int

const (
	NonspecificCurrent NameListKind = iota
	ElectrodeCurrent
	Range
	Global
	Pointer
	BbcorePointer
	External
	Threadsafe
	Section // SECTION (obsolete)
	Random  // RANDOM (NEURON 9)
)

func (k NameListKind) String() string {
	return [...]string{"NONSPECIFIC_CURRENT", "ELECTRODE_CURRENT", "RANGE", "GLOBAL",
		"POINTER", "BBCOREPOINTER", "EXTERNAL", "THREADSAFE", "SECTION", "RANDOM"}[k]
}

// NameList is a NEURON-block statement that lists names (RANGE a, b).
type NameList struct {
	At    Pos
	Kind  NameListKind
	Names []*Ident
}

// Represents is REPRESENTS term in the NEURON block.
type Represents struct {
	At   Pos
	Term string
}

// DeclKind says which declaration block a DeclBlock is.
type DeclKind int

const (
	Parameter DeclKind = iota
	Assigned
	State
	Constant
	Independent
	Dependent // DEPENDENT (legacy)
)

func (k DeclKind) String() string {
	return [...]string{"PARAMETER", "ASSIGNED", "STATE", "CONSTANT", "INDEPENDENT", "DEPENDENT"}[k]
}

// DeclBlock is PARAMETER, ASSIGNED, STATE, CONSTANT or INDEPENDENT { … }.
type DeclBlock struct {
	At    Pos
	Kind  DeclKind
	Decls []*VarDecl
	End   Pos // the closing brace
}

// VarDecl declares one variable:
//
//	name[size] = value (units) <lo, hi>
//	name FROM a TO b WITH n (units)   (INDEPENDENT)
//	name (units) FROM a TO b START s  (STATE)
type VarDecl struct {
	At       Pos
	Name     *Ident
	Size     Expr // array size, nil for a scalar
	Value    Expr // default value, nil if none (a Number, possibly negated)
	Units    *Unit
	Lo, Hi   Expr // limits <lo, hi>, nil if absent
	From, To Expr // FROM … TO … (INDEPENDENT, STATE), nil if absent
	With     Expr // WITH n (INDEPENDENT)
	Start    Expr // START s (STATE)
	Sweep    bool // SWEEP (INDEPENDENT, legacy)
	Abstol   Expr // absolute tolerance <tol> (STATE), nil if absent
}

// ProcKind says what a code block is.
type ProcKind int

const (
	Initial ProcKind = iota
	Breakpoint
	Derivative
	Kinetic
	Linear
	NonLinear
	Procedure
	Function
	NetReceive
	Constructor
	Destructor
	Before
	After
	Discrete
	Partial
	Terminal
	FunctionTable
)

var procKindNames = [...]string{"INITIAL", "BREAKPOINT", "DERIVATIVE", "KINETIC", "LINEAR",
	"NONLINEAR", "PROCEDURE", "FUNCTION", "NET_RECEIVE", "CONSTRUCTOR", "DESTRUCTOR",
	"BEFORE", "AFTER", "DISCRETE", "PARTIAL", "TERMINAL", "FUNCTION_TABLE"}

func (k ProcKind) String() string { return procKindNames[k] }

// Proc is a top-level block of code: INITIAL, BREAKPOINT, DERIVATIVE name,
// KINETIC name, PROCEDURE name(args), FUNCTION name(args) (units), NET_RECEIVE
// (args), BEFORE BREAKPOINT, FUNCTION_TABLE name(args) (units) without a body,
// and so on.
type Proc struct {
	At       Pos
	Kind     ProcKind
	Name     *Ident   // nil for INITIAL, BREAKPOINT, NET_RECEIVE, …
	Params   []*Param // arguments of PROCEDURE, FUNCTION, NET_RECEIVE, …
	Units    *Unit    // FUNCTION return units
	When     string   // BEFORE/AFTER: BREAKPOINT, SOLVE, INITIAL, STEP
	Solver   *Ident   // KINETIC/LINEAR/NONLINEAR name SOLVEFOR a, b: not nil if given
	SolveFor []*Ident
	Body     *StmtBlock // nil for FUNCTION_TABLE
}

// Param is one formal argument: name (units) or name[size] (units).
type Param struct {
	At    Pos
	Name  *Ident
	Size  Expr
	Units *Unit
}

func (*Title) blockNode()       {}
func (*Verbatim) blockNode()    {}
func (*Include) blockNode()     {}
func (*Define) blockNode()      {}
func (*UnitsOnOff) blockNode()  {}
func (*UnitsBlock) blockNode()  {}
func (*NeuronBlock) blockNode() {}
func (*DeclBlock) blockNode()   {}
func (*Proc) blockNode()        {}
func (*Comment) blockNode()     {}
func (*Local) blockNode()       {} // top-level LOCAL: variables shared by the file's blocks

func (*MechName) neuronStmt()   {}
func (*UseIon) neuronStmt()     {}
func (*NameList) neuronStmt()   {}
func (*Represents) neuronStmt() {}

func (b *Title) Pos() Pos       { return b.At }
func (b *Verbatim) Pos() Pos    { return b.At }
func (b *Include) Pos() Pos     { return b.At }
func (b *Define) Pos() Pos      { return b.At }
func (b *UnitsOnOff) Pos() Pos  { return b.At }
func (b *UnitsBlock) Pos() Pos  { return b.At }
func (b *UnitDef) Pos() Pos     { return b.At }
func (b *NeuronBlock) Pos() Pos { return b.At }
func (b *MechName) Pos() Pos    { return b.At }
func (b *UseIon) Pos() Pos      { return b.At }
func (b *NameList) Pos() Pos    { return b.At }
func (b *Represents) Pos() Pos  { return b.At }
func (b *DeclBlock) Pos() Pos   { return b.At }
func (b *VarDecl) Pos() Pos     { return b.At }
func (b *Proc) Pos() Pos        { return b.At }
func (b *Param) Pos() Pos       { return b.At }

// ---------------------------------------------------------------------------
// Statements

// Stmt is a statement inside a code block.
type Stmt interface {
	Node
	stmtNode()
}

// StmtBlock is { stmts }.
type StmtBlock struct {
	At    Pos
	Stmts []Stmt
	End   Pos // the closing brace
}

// Local is LOCAL a, b[3].
type Local struct {
	At    Pos
	Names []*Param // Units always nil
}

// Assign is lhs = rhs. A derivative equation `m' = …` has a Name with
// Primes > 0 on the left.
type Assign struct {
	At  Pos
	Lhs Expr // *Name or *Index
	Rhs Expr
}

// ExprStmt is an expression used as a statement (a procedure call).
type ExprStmt struct {
	At Pos
	X  Expr
}

// If is if (cond) { … } else …; Else is nil, an *If or a *StmtBlock.
type If struct {
	At   Pos
	Cond Expr
	Then *StmtBlock
	Else Stmt
}

// While is while (cond) { … }.
type While struct {
	At   Pos
	Cond Expr
	Body *StmtBlock
}

// For is FROM i = a TO b BY c { … }.
type For struct {
	At       Pos
	Var      *Ident
	From, To Expr
	By       Expr // nil if absent
	Body     *StmtBlock
}

// Solve is SOLVE name [METHOD m | STEADYSTATE m] [IFERROR { … }].
type Solve struct {
	At          Pos
	Block       *Ident
	Method      *Ident // nil if absent
	SteadyState *Ident // nil if absent
	IfError     *StmtBlock
}

// Table is TABLE vars DEPEND deps FROM lo TO hi WITH n.
type Table struct {
	At       Pos
	Vars     []*Ident
	Depend   []*Ident
	From, To Expr
	With     Expr
}

// Conserve is CONSERVE lhs = rhs.
type Conserve struct {
	At       Pos
	Lhs, Rhs Expr
}

// Compartment is COMPARTMENT [i,] volume { states }.
type Compartment struct {
	At     Pos
	Index  *Ident // nil if absent
	Volume Expr
	States []*Ident
}

// LongDiffusion is LONGITUDINAL_DIFFUSION [i,] rate { states }.
type LongDiffusion struct {
	At     Pos
	Index  *Ident
	Rate   Expr
	States []*Ident
}

// ReactionOp is the arrow of a KINETIC reaction.
type ReactionOp int

const (
	Reversible ReactionOp = iota // <->
	Forward                      // ->
	Flux                         // <<
)

func (o ReactionOp) String() string { return [...]string{"<->", "->", "<<"}[o] }

// Reaction is `~ lhs <-> rhs (kf, kb)`, `~ lhs -> (k)` or `~ x << (flux)`.
// Lhs and Rhs are sums of terms like 2A or B[i].
type Reaction struct {
	At     Pos
	Lhs    []*ReactTerm
	Op     ReactionOp
	Rhs    []*ReactTerm // empty for -> and <<
	Kf, Kb Expr         // Kb nil for -> and <<
}

// ReactTerm is one species of a reaction with its stoichiometry.
type ReactTerm struct {
	At    Pos
	Coef  int // 1 if not written
	State Expr
}

// LinEq is `~ lhs = rhs` in LINEAR and NONLINEAR blocks.
type LinEq struct {
	At       Pos
	Lhs, Rhs Expr
}

// Break is C's break; in VERBATIM text inside a loop, as package verbatim
// translates it (NMODL itself has no break).
type Break struct {
	At Pos
}

// Watch is WATCH (cond) flag, (cond) flag.
type Watch struct {
	At    Pos
	Conds []*WatchCond
}

// WatchCond is one (cond) flag of a WATCH statement.
type WatchCond struct {
	At   Pos
	Cond Expr
	Flag Expr
}

// ForNetcons is FOR_NETCONS(args) { … }.
type ForNetcons struct {
	At     Pos
	Params []*Param
	Body   *StmtBlock
}

// Protect is PROTECT stmt.
type Protect struct {
	At   Pos
	Stmt Stmt
}

// Mutex is MUTEXLOCK or MUTEXUNLOCK.
type Mutex struct {
	At   Pos
	Lock bool
}

// InitialStmt is an INITIAL block nested in NET_RECEIVE.
type InitialStmt struct {
	At   Pos
	Body *StmtBlock
}

// Keyword is a legacy statement kept as its words (SWEEP, LAG, MATCH
// bodies, RESET, PUTQ, GETQ, …) which code generation refuses.
type Keyword struct {
	At   Pos
	Word string
	Args []Expr
	Body *StmtBlock
}

func (*StmtBlock) stmtNode()     {}
func (*Local) stmtNode()         {}
func (*Assign) stmtNode()        {}
func (*ExprStmt) stmtNode()      {}
func (*Break) stmtNode()         {}
func (*If) stmtNode()            {}
func (*While) stmtNode()         {}
func (*For) stmtNode()           {}
func (*Solve) stmtNode()         {}
func (*Table) stmtNode()         {}
func (*Conserve) stmtNode()      {}
func (*Compartment) stmtNode()   {}
func (*LongDiffusion) stmtNode() {}
func (*Reaction) stmtNode()      {}
func (*LinEq) stmtNode()         {}
func (*Watch) stmtNode()         {}
func (*ForNetcons) stmtNode()    {}
func (*Protect) stmtNode()       {}
func (*Mutex) stmtNode()         {}
func (*InitialStmt) stmtNode()   {}
func (*Keyword) stmtNode()       {}
func (*Verbatim) stmtNode()      {}
func (*UnitsOnOff) stmtNode()    {}

func (s *StmtBlock) Pos() Pos     { return s.At }
func (s *Local) Pos() Pos         { return s.At }
func (s *Assign) Pos() Pos        { return s.At }
func (s *ExprStmt) Pos() Pos      { return s.At }
func (s *Break) Pos() Pos         { return s.At }
func (s *If) Pos() Pos            { return s.At }
func (s *While) Pos() Pos         { return s.At }
func (s *For) Pos() Pos           { return s.At }
func (s *Solve) Pos() Pos         { return s.At }
func (s *Table) Pos() Pos         { return s.At }
func (s *Conserve) Pos() Pos      { return s.At }
func (s *Compartment) Pos() Pos   { return s.At }
func (s *LongDiffusion) Pos() Pos { return s.At }
func (s *Reaction) Pos() Pos      { return s.At }
func (s *ReactTerm) Pos() Pos     { return s.At }
func (s *LinEq) Pos() Pos         { return s.At }
func (s *Watch) Pos() Pos         { return s.At }
func (s *WatchCond) Pos() Pos     { return s.At }
func (s *ForNetcons) Pos() Pos    { return s.At }
func (s *Protect) Pos() Pos       { return s.At }
func (s *Mutex) Pos() Pos         { return s.At }
func (s *InitialStmt) Pos() Pos   { return s.At }
func (s *Keyword) Pos() Pos       { return s.At }

// ---------------------------------------------------------------------------
// Expressions

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// Ident is a plain name.
type Ident struct {
	At   Pos
	Name string
}

// Name is a variable reference; Primes counts trailing ' (m' is 1, m” 2).
type Name struct {
	At     Pos
	Name   string
	Primes int
}

// Number is a numeric literal, kept with its source spelling. Units are
// set when the literal is followed by a unit, as in `2 (mM)`.
type Number struct {
	At    Pos
	Text  string
	Value float64
	Units *Unit
}

// String is a string literal (in printf-like calls and INCLUDE).
type String struct {
	At    Pos
	Value string // without quotes
}

// Unit is a units expression in parentheses, kept as written inside them:
// "mV", "/ms", "mA/cm2", "1". An empty Text is "()".
type Unit struct {
	At   Pos
	Text string
}

// Index is x[i].
type Index struct {
	At    Pos
	X     *Name
	Index Expr
}

// Call is f(args).
type Call struct {
	At   Pos
	Fun  *Ident
	Args []Expr
}

// Unary is -x or !x.
type Unary struct {
	At Pos
	Op string // "-", "+" or "!"
	X  Expr
}

// Binary is x op y, with op one of + - * / ^ < <= > >= == != && ||.
type Binary struct {
	At   Pos
	Op   string
	X, Y Expr
}

// Paren is (x), kept so that the printer and code generation can keep
// the author's grouping and evaluation order.
type Paren struct {
	At Pos
	X  Expr
}

func (*Ident) exprNode()  {}
func (*Name) exprNode()   {}
func (*Number) exprNode() {}
func (*String) exprNode() {}
func (*Unit) exprNode()   {}
func (*Index) exprNode()  {}
func (*Call) exprNode()   {}
func (*Unary) exprNode()  {}
func (*Binary) exprNode() {}
func (*Paren) exprNode()  {}

func (e *Ident) Pos() Pos  { return e.At }
func (e *Name) Pos() Pos   { return e.At }
func (e *Number) Pos() Pos { return e.At }
func (e *String) Pos() Pos { return e.At }
func (e *Unit) Pos() Pos   { return e.At }
func (e *Index) Pos() Pos  { return e.At }
func (e *Call) Pos() Pos   { return e.At }
func (e *Unary) Pos() Pos  { return e.At }
func (e *Binary) Pos() Pos { return e.At }
func (e *Paren) Pos() Pos  { return e.At }

// Precedence is the binding strength of a binary operator in NMODL
// (nocmodl's parse1.ypp), from 1 for || to 7 for ^; unary - + ! bind at
// UnaryPrecedence, between * / and ^. It is 0 for anything else.
func Precedence(op string) int {
	switch op {
	case "||":
		return 1
	case "&&":
		return 2
	case "<", "<=", ">", ">=", "==", "!=":
		return 3
	case "+", "-":
		return 4
	case "*", "/":
		return 5
	case "^":
		return 7
	}
	return 0
}

// UnaryPrecedence is the binding strength of unary - + and !.
const UnaryPrecedence = 6

// ---------------------------------------------------------------------------
// Legacy constructs that nocmodl 8.2 still reads. They are parsed and
// printed; code generation refuses them.

// Plot is PLOT a, b[2] VS t.
type Plot struct {
	At   Pos
	Vars []*PlotVar
	Vs   *PlotVar
}

// PlotVar is a name with an optional constant index.
type PlotVar struct {
	At    Pos
	Name  *Ident
	Index *Number // nil if absent
}

// Stepped is a STEPPED block: each variable takes each of its values.
type Stepped struct {
	At    Pos
	Items []*SteppedItem
	End   Pos // the closing brace
}

// SteppedItem is name = v1, v2, … (units).
type SteppedItem struct {
	At     Pos
	Name   *Ident
	Values []Expr // numbers, possibly negated
	Units  *Unit
}

// ModelLevel is MODEL_LEVEL n, which nocmodl's merge step inserts.
type ModelLevel struct {
	At    Pos
	Level *Number
}

// Match is a MATCH block of initial conditions to solve for.
type Match struct {
	At    Pos
	Items []*MatchItem
}

// MatchItem is a state to find (Arg and Value nil), or state(arg) = value,
// or state[i](arg) = value over the index i.
type MatchItem struct {
	At         Pos
	State      *Name
	Index      *Ident
	Arg, Value Expr
}

// Forall is FORALL i { … }, a loop over the arrays used in its body.
type Forall struct {
	At   Pos
	Var  *Ident
	Body *StmtBlock
}

// PartialEq is ~ V' = F*DEL2(V) + G in a PARTIAL block.
type PartialEq struct {
	At     Pos
	State  *Name // V', with its prime
	Coef   *Ident
	Del2Of *Ident
	Source *Ident
}

// PartialBoundary is ~ [DEL] V[FIRST|LAST] = expr in a PARTIAL block.
type PartialBoundary struct {
	At    Pos
	Del   bool
	State *Ident
	Last  bool // LAST, else FIRST
	Value Expr
}

// LagRef is name@n or name@n[i]: a DISCRETE variable n steps back.
type LagRef struct {
	At    Pos
	Name  *Ident
	Lag   *Number
	Index Expr // nil if absent
}

func (*Plot) blockNode()       {}
func (*Stepped) blockNode()    {}
func (*ModelLevel) blockNode() {}

func (*Match) stmtNode()           {}
func (*Forall) stmtNode()          {}
func (*PartialEq) stmtNode()       {}
func (*PartialBoundary) stmtNode() {}

func (*LagRef) exprNode() {}

func (n *Plot) Pos() Pos            { return n.At }
func (n *PlotVar) Pos() Pos         { return n.At }
func (n *Stepped) Pos() Pos         { return n.At }
func (n *SteppedItem) Pos() Pos     { return n.At }
func (n *ModelLevel) Pos() Pos      { return n.At }
func (n *Match) Pos() Pos           { return n.At }
func (n *MatchItem) Pos() Pos       { return n.At }
func (n *Forall) Pos() Pos          { return n.At }
func (n *PartialEq) Pos() Pos       { return n.At }
func (n *PartialBoundary) Pos() Pos { return n.At }
func (n *LagRef) Pos() Pos          { return n.At }
