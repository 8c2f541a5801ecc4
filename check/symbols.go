package check

import (
	"fmt"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

// srcFile is the main file or one it INCLUDEs.
type srcFile struct {
	name  string
	index int // 0 for the main file, then in the order nocmodl reads them
	file  *ast.File
}

// item is a top-level block with its file, in the order nocmodl reads the
// blocks (INCLUDEs spliced in): order matters for "SOLVE before
// DERIVATIVE" and for "METHOD cnexp only once".
type item struct {
	block ast.Block
	file  *srcFile
}

type symKind int

const (
	symParameter symKind = iota
	symAssigned
	symState
	symConstant
	symIndependent
	symDependent
	symUnitFactor // FARADAY = (faraday) (coulomb) in UNITS
	symDefine     // DEFINE N 3
	symBlock      // FUNCTION, PROCEDURE, DERIVATIVE, KINETIC, ... with its name
)

// symbol is a name declared at the top level of the file.
type symbol struct {
	name  string
	kind  symKind
	at    ast.Pos
	file  *srcFile
	array bool
	proc  *ast.Proc // symBlock
	def   *ast.Define
	decl  ast.Node // the declaring node, for Object.Decl
	obj   *Object  // what uses of the name resolve to
}

// object makes the Object of a top-level declaration.
func (s *symbol) object() *Object {
	o := &Object{Name: s.name, Array: s.array, Decl: s.decl}
	switch s.kind {
	case symUnitFactor:
		o.Kind = UnitFactor
	case symDefine:
		o.Kind = Define
	case symBlock:
		o.Kind = Block
	default:
		o.Kind = Var
		o.DeclKind = map[symKind]ast.DeclKind{symParameter: ast.Parameter, symAssigned: ast.Assigned,
			symState: ast.State, symConstant: ast.Constant, symIndependent: ast.Independent,
			symDependent: ast.Dependent}[s.kind]
	}
	return o
}

// what names the kind of a symbol as nocmodl does: "a PARAMETER", "a
// FUNCTION".
func (s *symbol) what() string {
	switch s.kind {
	case symParameter:
		return "a PARAMETER"
	case symAssigned:
		return "an ASSIGNED variable"
	case symState:
		return "a STATE"
	case symConstant:
		return "a CONSTANT"
	case symIndependent:
		return "the INDEPENDENT variable"
	case symDependent:
		return "a DEPENDENT variable"
	case symUnitFactor:
		return "a UNITS factor"
	case symDefine:
		return "a DEFINE"
	}
	return article(s.proc.Kind.String())
}

func article(w string) string {
	if strings.ContainsRune("AEIOU", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}

// where says where a symbol is declared: "line 4" or "line 4 of x.inc".
func (c *checker) where(s *symbol) string {
	return c.whereAt(s.file, s.at)
}

func (c *checker) whereAt(f *srcFile, p ast.Pos) string {
	if f != c.cur && f != nil {
		return fmt.Sprintf("line %d of %s", p.Line, f.name)
	}
	return fmt.Sprintf("line %d", p.Line)
}

// isVar reports whether s is a variable (not a block, not a DEFINE).
func (s *symbol) isVar() bool { return s.kind != symBlock && s.kind != symDefine }

// isCallable reports whether s can be called: FUNCTION, PROCEDURE,
// FUNCTION_TABLE.
func (s *symbol) isCallable() bool {
	if s.kind != symBlock {
		return false
	}
	switch s.proc.Kind {
	case ast.Function, ast.Procedure, ast.FunctionTable:
		return true
	}
	return false
}

// ionUse is what a USEION statement reads and writes.
type ionUse struct {
	read  map[string]*ast.Ident
	write map[string]*ast.Ident
}

// neuronName is a name listed in the NEURON block.
type neuronName struct {
	id   *ast.Ident
	file *srcFile
	kind string // "USEION ca", "NONSPECIFIC_CURRENT", ...
}

// declare adds a top-level declaration, reporting a name declared twice.
func (c *checker) declare(s *symbol) {
	bad := c.checkName(s.at, s.name, true)
	s.obj = s.object()
	old, ok := c.syms[s.name]
	if !ok {
		c.syms[s.name] = s
		c.info.Decls[s.name] = s.obj
		return
	}
	if bad {
		return
	}
	switch {
	case old.kind == symBlock && s.kind == symBlock && old.proc.Kind == s.proc.Kind:
		// nocmodl: "p declared as PROCEDURE twice", "f declared as FUNCTION
		// twice", "DERIVATIVE merging not implemented", "Merging kinetic
		// blocks not implemented".
		c.errorf(s.at, "%s %s is defined twice (first at %s)", s.proc.Kind, s.name, c.where(old))
	case old.kind == symBlock || s.kind == symBlock:
		// nocmodl: "f is a ASSIGNED / f is a FUNCTION / f used as both
		// variable and function", or "f is a FUNCTION / f is a PROCEDURE /
		// multiple uses for same variable".
		c.errorf(s.at, "%s is already %s (at %s); a name can be only one thing", s.name, old.what(), c.where(old))
	default:
		// nocmodl: "Multiple declaration of g", or for CONSTANTs and UNITS
		// factors "c is a CONSTANT / c is a PARAMETER / multiple uses for
		// same variable".
		c.errorf(s.at, "%s is declared twice (first as %s at %s)", s.name, plainName(old.what()), c.where(old))
	}
}

// checkName reports a name that nocmodl cannot take as a name: a keyword,
// an integration method, a built-in function (when global is true:
// LOCALs and arguments may reuse those), celcius. It reports whether the
// name was bad.
func (c *checker) checkName(pos ast.Pos, name string, global bool) bool {
	switch {
	case keywords[name]:
		// nocmodl: a syntax error ("name = number", "Illegal LOCAL
		// declaration").
		c.errorf(pos, "%s is an NMODL keyword and cannot be used as a name", name)
	case methods[name] != 0:
		// nocmodl: a syntax error; the methods are keywords to its lexer.
		c.errorf(pos, "%s is the name of an integration method and cannot be used as a name", name)
	case name == "celcius":
		// nocmodl: "celcius should be spelled celsius"
		c.errorf(pos, "celcius should be spelled celsius")
	case global && isBuiltin(name):
		// nocmodl: "exp is a RESERVED WORD / exp is a PARAMETER / multiple
		// uses for same variable"
		c.errorf(pos, "%s is a built-in name of NMODL and cannot be declared", name)
	default:
		if st, ok := c.derivName(name); ok && !c.reported[name] {
			// nocmodl: "Dm being used as derivative variable"
			c.errorf(pos, "%s cannot be used as a name: NMODL reserves it for %s', the derivative of STATE %s", name, st, st)
		} else {
			return ok
		}
	}
	c.reported[name] = true
	return true
}

// derivName reports whether name is nocmodl's name for the derivative of
// a STATE: Dm for m', D2m for m”.
func (c *checker) derivName(name string) (state string, ok bool) {
	if len(name) < 2 || name[0] != 'D' {
		return "", false
	}
	rest := name[1:]
	for len(rest) > 1 && rest[0] >= '0' && rest[0] <= '9' {
		rest = rest[1:]
	}
	if c.states[rest] {
		return rest, true
	}
	return "", false
}

// collect reads the declarations: the blocks in order, the symbol table,
// the NEURON block.
func (c *checker) collect() {
	// STATEs first: Dm is reserved as soon as m is a STATE.
	for _, it := range c.items {
		if b, ok := it.block.(*ast.DeclBlock); ok && b.Kind == ast.State {
			for _, d := range b.Decls {
				c.states[d.Name.Name] = true
			}
		}
	}
	for _, it := range c.items {
		c.cur = it.file
		switch b := it.block.(type) {
		case *ast.DeclBlock:
			kind := map[ast.DeclKind]symKind{ast.Parameter: symParameter, ast.Assigned: symAssigned,
				ast.State: symState, ast.Constant: symConstant, ast.Independent: symIndependent,
				ast.Dependent: symDependent}[b.Kind]
			for _, d := range b.Decls {
				c.declare(&symbol{name: d.Name.Name, kind: kind, at: d.Name.At, file: it.file, array: d.Size != nil, decl: d})
			}
		case *ast.UnitsBlock:
			for _, d := range b.Defs {
				if d.Name != nil {
					c.declare(&symbol{name: d.Name.Name, kind: symUnitFactor, at: d.Name.At, file: it.file, decl: d})
				}
			}
		case *ast.Define:
			c.declare(&symbol{name: b.Name.Name, kind: symDefine, at: b.Name.At, file: it.file, def: b, decl: b})
		case *ast.Stepped:
			// nocmodl declares STEPPED variables like PARAMETERs.
			for _, st := range b.Items {
				c.declare(&symbol{name: st.Name.Name, kind: symParameter, at: st.Name.At, file: it.file, decl: st})
			}
		case *ast.Local:
			for _, p := range b.Names {
				c.checkName(p.Name.At, p.Name.Name, false)
				if c.topLocals[p.Name.Name] == nil {
					o := &Object{Name: p.Name.Name, Kind: Local, Array: p.Size != nil, Decl: p, TopLevel: true}
					c.topLocals[p.Name.Name] = o
					c.info.Defs[p] = o
				}
			}
		case *ast.Proc:
			if b.Name != nil {
				c.declare(&symbol{name: b.Name.Name, kind: symBlock, at: b.Name.At, file: it.file, proc: b, decl: b})
			}
			if b.Kind == ast.NetReceive {
				c.netReceive = append(c.netReceive, it)
			}
		case *ast.NeuronBlock:
			c.neuronBlocks = append(c.neuronBlocks, it)
			for _, s := range b.Stmts {
				switch s := s.(type) {
				case *ast.MechName:
					c.mechName(s)
				case *ast.UseIon:
					c.collectIon(s, it.file)
				case *ast.NameList:
					if s.Kind == ast.Threadsafe {
						c.threadsafe = true
					}
					for _, id := range s.Names {
						if c.lists[s.Kind] == nil {
							c.lists[s.Kind] = map[string]neuronName{}
						}
						if _, dup := c.lists[s.Kind][id.Name]; !dup {
							c.lists[s.Kind][id.Name] = neuronName{id, it.file, s.Kind.String()}
						}
						if s.Kind == ast.NonspecificCurrent || s.Kind == ast.ElectrodeCurrent {
							if _, dup := c.neuronDeclared[id.Name]; !dup {
								c.neuronDeclared[id.Name] = neuronName{id, it.file, s.Kind.String()}
							}
						}
					}
				}
			}
		}
	}
	c.cur = nil
}

// collectIon records a USEION statement.
func (c *checker) collectIon(s *ast.UseIon, f *srcFile) {
	u := &ionUse{read: map[string]*ast.Ident{}, write: map[string]*ast.Ident{}}
	for _, id := range s.Read {
		u.read[id.Name] = id
	}
	for _, id := range s.Write {
		u.write[id.Name] = id
	}
	if old, dup := c.ions[s.Name.Name]; dup {
		// nocmodl: "mergeing of neuron models not supported yet"
		c.cur = f
		c.errorf(s.At, "USEION %s appears twice; name all the variables of %s in one USEION statement", s.Name.Name, s.Name.Name)
		for n, id := range u.read {
			old.read[n] = id
		}
		for n, id := range u.write {
			old.write[n] = id
		}
		return
	}
	c.ions[s.Name.Name] = u
	c.ionOrder = append(c.ionOrder, s.Name.Name)
	for _, list := range [][]*ast.Ident{s.Read, s.Write} {
		for _, id := range list {
			if _, dup := c.neuronDeclared[id.Name]; !dup {
				c.neuronDeclared[id.Name] = neuronName{id, f, "USEION " + s.Name.Name}
			}
		}
	}
}

// lookup finds a top-level declaration.
func (c *checker) lookup(name string) *symbol { return c.syms[name] }

// mechName records SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL as nocmodl
// does: the last name counts, and the mechanism is a point process if any
// of the statements says POINT_PROCESS or ARTIFICIAL_CELL.
func (c *checker) mechName(s *ast.MechName) {
	m := c.info.Mech
	if m == nil {
		c.info.Mech = &Mech{Name: s.Name.Name, Kind: s.Kind, At: s}
		return
	}
	kind := m.Kind
	switch {
	case s.Kind == ast.ArtificialCell || kind == ast.ArtificialCell:
		kind = ast.ArtificialCell
	case s.Kind == ast.PointProcess || kind == ast.PointProcess:
		kind = ast.PointProcess
	}
	// nocmodl: silent.
	c.warnf(s.At, "the mechanism is named a second time (first %s %s at %s): NEURON takes the last name, %s, for a %s",
		m.At.Kind, m.Name, c.whereAt(nil, m.At.At), s.Name.Name, kindName(kind))
	c.info.Mech = &Mech{Name: s.Name.Name, Kind: kind, At: s}
}

// kindName names a kind of mechanism in words.
func kindName(k ast.MechKind) string {
	return [...]string{"density mechanism", "point process", "artificial cell"}[k]
}
