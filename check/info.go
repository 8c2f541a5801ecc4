package check

import (
	"github.com/nmodlgo/nmodlgo/ast"
)

// Info is the resolved file, as go/types' Info: what check learned about
// every name while it checked the file. The phases after check (package
// ir) consume it instead of looking names up again, so that there is one
// resolver and one set of rules for what a name means.
type Info struct {
	// Files are the file and the files it INCLUDEs, in the order nocmodl
	// reads them.
	Files []*ast.File
	// Blocks are the top-level blocks in the order nocmodl reads them, the
	// blocks of an INCLUDEd file in place of its INCLUDE.
	Blocks []ast.Block
	// Mech is the mechanism the NEURON block names; nil if it names none.
	Mech *Mech
	// Decls are the top-level declarations by name: variables, UNITS
	// factors, DEFINEs and named blocks.
	Decls map[string]*Object
	// Uses maps each name in the file to what it denotes: every *ast.Name
	// in code (read, assigned, or primed as in m'), the *ast.Ident of
	// every call, SOLVE, TABLE list, COMPARTMENT list and NEURON-block
	// list.
	Uses map[ast.Node]*Object
	// Defs maps each node that declares a local name (an *ast.Param of a
	// LOCAL statement or of an argument list, the *ast.Ident of a FROM or
	// FORALL loop) to its object.
	Defs map[ast.Node]*Object
	// HasVerbatim reports whether the file holds VERBATIM text.
	HasVerbatim bool
	// Verbatim holds the NMODL statements that the C of a VERBATIM block
	// inside code was translated to (package verbatim), checked as if
	// the file had them; VerbatimRefused says why a block has none, or
	// why VERBATIM text at the top level is not accepted.
	Verbatim        map[*ast.Verbatim][]ast.Stmt
	VerbatimRefused map[*ast.Verbatim]Refusal
	// Inactive are the statements that C's #if in VERBATIM text around
	// them drops (NRN_VERSION_… evaluated for NEURON 8.2.2).
	Inactive map[ast.Stmt]bool
	// Macros are the macros the file's top-level C defines (or
	// undefines), by name, where: VERBATIM text inside code that uses one
	// is refused, since nmodlgo does not expand them.
	Macros map[string]ast.Pos
	// VerbatimIons are the names of translated C that read an ion's own
	// value (_ion_cai): the same as the mechanism's where it only reads it.
	VerbatimIons map[*ast.Name]bool
	// ObjectPointers are the POINTERs that NMODL code never names: older
	// files keep a hoc object (a Random) in one, which VERBATIM text
	// reaches as _p_x, as a BBCOREPOINTER's.
	ObjectPointers map[string]bool
}

// Refusal is why nmodlgo does not translate something, and where.
type Refusal struct {
	Pos ast.Pos
	Msg string
}

// Mech is the mechanism as NEURON takes it from the NEURON block: named by
// the last SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL statement, a point
// process if any of them is POINT_PROCESS, an artificial cell if any is
// ARTIFICIAL_CELL (nocmodl's parse1.ypp keeps the last name and sets its
// flags as it goes).
type Mech struct {
	Name string
	Kind ast.MechKind
	At   *ast.MechName // the statement that named it
}

// ObjKind says what kind of thing a name denotes.
type ObjKind int

const (
	Var        ObjKind = iota // declared in PARAMETER, ASSIGNED, STATE, CONSTANT, INDEPENDENT, DEPENDENT or STEPPED
	UnitFactor                // a named factor of the UNITS block: FARADAY = (faraday) (coulomb)
	Define                    // DEFINE N 3
	Block                     // a named block: FUNCTION, PROCEDURE, DERIVATIVE, KINETIC, …
	Local                     // a LOCAL (of a block, or of the file), an argument, a loop variable
	Result                    // a FUNCTION's own name inside it: its value
	Neuron                    // v, t, dt, celsius, diam, area, secondorder: supplied by NEURON
	Listed                    // named in the NEURON block only (an ion variable, a current, GLOBAL, POINTER or EXTERNAL) and declared nowhere
	Special                   // flag in NET_RECEIVE, f_flux and b_flux in KINETIC, error
	Implicit                  // made by nocmodl: x0 for each STATE x, usetable beside a TABLE, lag_x_y for LAG x BY y
	Builtin                   // a function NEURON provides: exp, fabs, net_send, …
)

var objKindNames = [...]string{"variable", "UNITS factor", "DEFINE", "block", "local", "FUNCTION result",
	"NEURON variable", "NEURON-block name", "special name", "implicit name", "built-in function"}

func (k ObjKind) String() string { return objKindNames[k] }

// Object is what a name denotes.
type Object struct {
	Name string
	Kind ObjKind
	// DeclKind is the declaration block of a Var (STEPPED variables are
	// PARAMETERs, as nocmodl declares them).
	DeclKind ast.DeclKind
	// Array reports whether the name is an array.
	Array bool
	// Decl is the declaring node: *ast.VarDecl or *ast.SteppedItem (Var),
	// *ast.UnitDef, *ast.Define, *ast.Proc (Block, and Result: the
	// FUNCTION), *ast.Param (a LOCAL or an argument), *ast.Ident (a loop
	// variable, or a Listed name). Nil for what NEURON supplies.
	Decl ast.Node
	// TopLevel reports whether a Local is a LOCAL of the file, shared by
	// its blocks, rather than of one block.
	TopLevel bool
}

// Pos is where the object is declared; invalid for what NEURON supplies.
func (o *Object) Pos() ast.Pos {
	if o.Decl == nil {
		return ast.Pos{}
	}
	switch d := o.Decl.(type) {
	case *ast.VarDecl:
		return d.Name.At
	case *ast.SteppedItem:
		return d.Name.At
	case *ast.UnitDef:
		return d.Name.At
	case *ast.Define:
		return d.Name.At
	case *ast.Proc:
		return d.Name.At
	case *ast.Param:
		return d.Name.At
	}
	return o.Decl.Pos()
}

// Proc returns the block of a Block or Result object, or nil.
func (o *Object) Proc() *ast.Proc {
	p, _ := o.Decl.(*ast.Proc)
	return p
}

// IsDecl reports whether o is a variable declared in a block of kind k.
func (o *Object) IsDecl(k ast.DeclKind) bool { return o != nil && o.Kind == Var && o.DeclKind == k }

// record notes what the name at node denotes.
func (c *checker) record(node ast.Node, o *Object) {
	if o != nil && node != nil {
		c.info.Uses[node] = o
	}
}

// supplied returns the one object of kind k for name, for the names that
// no declaration makes (v, flag, exp, …).
func (c *checker) supplied(k ObjKind, name string) *Object {
	key := objKey{k, name}
	if o := c.suppliedObjs[key]; o != nil {
		return o
	}
	o := &Object{Name: name, Kind: k}
	c.suppliedObjs[key] = o
	return o
}

type objKey struct {
	kind ObjKind
	name string
}

// local declares a local name in the current scope and notes its object.
func (c *checker) local(decl ast.Node, name string, array bool) *Object {
	o := &Object{Name: name, Kind: Local, Array: array, Decl: decl}
	c.sc.names[name] = o
	c.info.Defs[decl] = o
	return o
}
