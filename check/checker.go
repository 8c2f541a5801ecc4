package check

import (
	"github.com/nmodlgo/nmodlgo/ast"
)

// checker holds what the checks learn about one file.
type checker struct {
	info         *Info
	suppliedObjs map[objKey]*Object // v, flag, exp, …: see supplied

	files []*srcFile
	items []item // top-level blocks in nocmodl's order
	cur   *srcFile
	diags []fileDiag

	hasVerbatim bool
	threadsafe  bool // THREADSAFE in the NEURON block
	// unnamedPointers are the POINTERs no NMODL code names (holdsObject)
	unnamedPointers map[string]bool
	syms            map[string]*symbol
	states          map[string]bool // STATE names (for Dm)
	topLocals       map[string]*Object
	implicit        map[string]bool // x0 for each STATE x, lag_x_y for LAG x BY y
	ions            map[string]*ionUse
	ionOrder        []string
	// neuronDeclared are the ion variables and currents named in the
	// NEURON block: NEURON needs them declared in ASSIGNED as well.
	neuronDeclared map[string]neuronName
	lists          map[ast.NameListKind]map[string]neuronName
	neuronBlocks   []item
	netReceive     []item
	tableVars      map[string]bool // names in a TABLE list

	// state of the walk through one top-level block
	proc      *ast.Proc
	loops     int // the loops around the statement being checked
	sc        *scope
	extdef2   bool // in the arguments of romberg, legendre or deflate
	tables    int
	netInits  int
	locked    bool // after MUTEXLOCK: nocmodl keeps this over the whole file
	equations int  // derivative equations, reactions or ~ equations in the block

	// facts gathered by the walk, for the checks that need the whole file
	reported     map[string]bool // names already reported as undeclared or misused
	solves       []solveUse
	odes         map[string]bool // STATEs with a derivative equation in a DERIVATIVE block
	species      map[string]bool // STATEs in a reaction, CONSERVE or ~ equation
	assignedOut  map[string]bool // STATEs assigned outside INITIAL
	netrecStates []nameAt        // STATEs assigned in NET_RECEIVE
	ionWrites    []nameAt        // ion variables given a value
	netSend      *ast.Call       // the first net_send, for "no NET_RECEIVE"
	netSendFile  *srcFile
	vUse         *nameAt // the first use of v when it is not declared
	unsafeCall   string  // a function that is not thread safe, if one is called
}

// nameAt is a name at a position in a file.
type nameAt struct {
	name string
	pos  ast.Pos
	file *srcFile
	what string // how it got its value: "assigned", "given a derivative", ...
}

// solveUse is one SOLVE statement with where it is.
type solveUse struct {
	stmt  *ast.Solve
	file  *srcFile
	order int          // index of the enclosing top-level block in c.items
	loops int          // the loops around the statement being checked
	in    ast.ProcKind // kind of the enclosing block
}

func newChecker(f *ast.File) *checker {
	c := &checker{
		info: &Info{Decls: map[string]*Object{}, Uses: map[ast.Node]*Object{}, Defs: map[ast.Node]*Object{},
			Verbatim: map[*ast.Verbatim][]ast.Stmt{}, VerbatimRefused: map[*ast.Verbatim]Refusal{}, VerbatimIons: map[*ast.Name]bool{},
			Inactive: map[ast.Stmt]bool{}, Macros: map[string]ast.Pos{}},
		suppliedObjs:   map[objKey]*Object{},
		syms:           map[string]*symbol{},
		states:         map[string]bool{},
		topLocals:      map[string]*Object{},
		implicit:       map[string]bool{},
		ions:           map[string]*ionUse{},
		neuronDeclared: map[string]neuronName{},
		lists:          map[ast.NameListKind]map[string]neuronName{},
		tableVars:      map[string]bool{},
		reported:       map[string]bool{},
		odes:           map[string]bool{},
		species:        map[string]bool{},
		assignedOut:    map[string]bool{},
	}
	c.addFile(f)
	return c
}

// addFile appends f's blocks to c.items, splicing in the files it
// INCLUDEs, as nocmodl reads them.
func (c *checker) addFile(f *ast.File) {
	sf := &srcFile{name: f.Name, index: len(c.files), file: f}
	c.files = append(c.files, sf)
	c.info.Files = append(c.info.Files, f)
	for _, b := range f.Blocks {
		if inc, ok := b.(*ast.Include); ok && inc.File != nil {
			c.addFile(inc.File)
			continue
		}
		c.items = append(c.items, item{b, sf})
		c.info.Blocks = append(c.info.Blocks, b)
	}
}

// run makes every check.
func (c *checker) run() {
	c.hasVerbatim = c.findVerbatim()
	c.info.HasVerbatim = c.hasVerbatim
	c.lexical()
	c.collect()
	c.collectImplicit()
	c.resolveSizes()
	c.neuronChecks()
	c.topVerbatim()
	for i, it := range c.items {
		c.cur = it.file
		if p, ok := it.block.(*ast.Proc); ok {
			c.checkProc(p, i)
		}
	}
	c.cur = nil
	c.solveChecks()
	c.stateChecks()
	c.ionWriteChecks()
	c.netReceiveChecks()
}

// findVerbatim reports whether the file has VERBATIM text anywhere: C in
// it may declare names that the NMODL text does not.
func (c *checker) findVerbatim() bool {
	found := false
	for _, it := range c.items {
		ast.Inspect(it.block, func(n ast.Node) bool {
			if _, ok := n.(*ast.Verbatim); ok {
				found = true
			}
			return !found
		})
	}
	return found
}

// collectImplicit records the names that statements declare: those of
// TABLE lists, x0 for each STATE x (its initial value, a PARAMETER that
// nocmodl makes), lag_x_y for LAG x BY y.
func (c *checker) collectImplicit() {
	for _, it := range c.items {
		switch b := it.block.(type) {
		case *ast.DeclBlock:
			if b.Kind == ast.State {
				for _, d := range b.Decls {
					c.implicit[d.Name.Name+"0"] = true
				}
			}
		case *ast.Proc:
			ast.Inspect(b.Body, func(n ast.Node) bool {
				switch s := n.(type) {
				case *ast.Table:
					c.implicit["usetable"] = true // nocmodl makes the PARAMETER usetable
					for _, id := range s.Vars {
						c.tableVars[id.Name] = true
					}
				case *ast.Keyword:
					if s.Word == "LAG" && len(s.Args) == 2 {
						x, ok1 := s.Args[0].(*ast.Name)
						y, ok2 := s.Args[1].(*ast.Name)
						if ok1 && ok2 {
							c.implicit["lag_"+x.Name+"_"+y.Name] = true
						}
					}
				}
				return true
			})
		}
	}
}

// resolveSizes notes what the names in array sizes denote (DEFINEs, in
// files nocmodl accepts): sizes are constants, not uses in code, but the
// later phases need their values.
func (c *checker) resolveSizes() {
	for _, it := range c.items {
		ast.Inspect(it.block, func(n ast.Node) bool {
			var size ast.Expr
			switch d := n.(type) {
			case *ast.VarDecl:
				size = d.Size
			case *ast.Param:
				size = d.Size
			default:
				return true
			}
			inspectExprs(size, func(e ast.Expr) {
				if x, ok := e.(*ast.Name); ok {
					if s := c.syms[x.Name]; s != nil {
						c.record(x, s.obj)
					}
				}
			})
			return true
		})
	}
}

// inspectExprs calls fn for every expression in e, e included.
func inspectExprs(e ast.Expr, fn func(ast.Expr)) {
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok {
			fn(x)
		}
		return true
	})
}

// scope is one level of local names: a block's LOCALs, a function's
// arguments, a FROM loop's variable.
type scope struct {
	names  map[string]*Object
	parent *scope
}

// lookup finds a local name, or returns nil.
func (s *scope) lookup(name string) *Object {
	for ; s != nil; s = s.parent {
		if o, ok := s.names[name]; ok {
			return o
		}
	}
	return nil
}

func (c *checker) push() { c.sc = &scope{names: map[string]*Object{}, parent: c.sc} }
func (c *checker) pop()  { c.sc = c.sc.parent }
