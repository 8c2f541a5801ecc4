package check

import (
	"github.com/nmodlgo/nmodlgo/ast"
)

// checker holds what the checks learn about one file.
type checker struct {
	files []*srcFile
	items []item // top-level blocks in nocmodl's order
	cur   *srcFile
	diags []fileDiag

	hasVerbatim bool
	threadsafe  bool // THREADSAFE in the NEURON block
	mech        *ast.MechName
	syms        map[string]*symbol
	states      map[string]bool // STATE names (for Dm)
	topLocals   map[string]bool // name → is an array
	implicit    map[string]bool // x0 for each STATE x, lag_x_y for LAG x BY y
	ions        map[string]*ionUse
	ionOrder    []string
	// neuronDeclared are the ion variables and currents named in the
	// NEURON block: NEURON needs them declared in ASSIGNED as well.
	neuronDeclared map[string]neuronName
	lists          map[ast.NameListKind]map[string]neuronName
	neuronBlocks   []item
	netReceive     []item
	tableVars      map[string]bool // names in a TABLE list

	// state of the walk through one top-level block
	proc      *ast.Proc
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
	in    ast.ProcKind // kind of the enclosing block
}

func newChecker(f *ast.File) *checker {
	c := &checker{
		syms:           map[string]*symbol{},
		states:         map[string]bool{},
		topLocals:      map[string]bool{},
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
	for _, b := range f.Blocks {
		if inc, ok := b.(*ast.Include); ok && inc.File != nil {
			c.addFile(inc.File)
			continue
		}
		c.items = append(c.items, item{b, sf})
	}
}

// run makes every check.
func (c *checker) run() {
	c.hasVerbatim = c.findVerbatim()
	c.lexical()
	c.collect()
	c.collectImplicit()
	c.neuronChecks()
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
		switch b := it.block.(type) {
		case *ast.Verbatim:
			found = true
		case *ast.Proc:
			if b.Body != nil {
				walkStmts(b.Body, func(s ast.Stmt) {
					if _, ok := s.(*ast.Verbatim); ok {
						found = true
					}
				})
			}
		}
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
			walkStmts(b.Body, func(s ast.Stmt) {
				switch s := s.(type) {
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
			})
		}
	}
}

// walkStmts calls fn for every statement in b, nested ones included.
func walkStmts(b *ast.StmtBlock, fn func(ast.Stmt)) {
	if b == nil {
		return
	}
	for _, s := range b.Stmts {
		walkStmt(s, fn)
	}
}

func walkStmt(s ast.Stmt, fn func(ast.Stmt)) {
	if s == nil {
		return
	}
	fn(s)
	switch s := s.(type) {
	case *ast.StmtBlock:
		walkStmts(s, fn)
	case *ast.If:
		walkStmts(s.Then, fn)
		walkStmt(s.Else, fn)
	case *ast.While:
		walkStmts(s.Body, fn)
	case *ast.For:
		walkStmts(s.Body, fn)
	case *ast.Solve:
		walkStmts(s.IfError, fn)
	case *ast.ForNetcons:
		walkStmts(s.Body, fn)
	case *ast.Protect:
		walkStmt(s.Stmt, fn)
	case *ast.InitialStmt:
		walkStmts(s.Body, fn)
	case *ast.Keyword:
		walkStmts(s.Body, fn)
	case *ast.Forall:
		walkStmts(s.Body, fn)
	}
}

// walkExpr calls fn for every expression in e, e included.
func walkExpr(e ast.Expr, fn func(ast.Expr)) {
	if e == nil {
		return
	}
	fn(e)
	switch e := e.(type) {
	case *ast.Index:
		walkExpr(e.X, fn)
		walkExpr(e.Index, fn)
	case *ast.Call:
		for _, a := range e.Args {
			walkExpr(a, fn)
		}
	case *ast.Unary:
		walkExpr(e.X, fn)
	case *ast.Binary:
		walkExpr(e.X, fn)
		walkExpr(e.Y, fn)
	case *ast.Paren:
		walkExpr(e.X, fn)
	case *ast.LagRef:
		walkExpr(e.Index, fn)
	}
}

// scope is one level of local names: a block's LOCALs, a function's
// arguments, a FROM loop's variable.
type scope struct {
	names  map[string]bool // name → is an array
	parent *scope
}

func (s *scope) lookup(name string) (array, ok bool) {
	for ; s != nil; s = s.parent {
		if a, ok := s.names[name]; ok {
			return a, true
		}
	}
	return false, false
}

func (c *checker) push() { c.sc = &scope{names: map[string]bool{}, parent: c.sc} }
func (c *checker) pop()  { c.sc = c.sc.parent }
