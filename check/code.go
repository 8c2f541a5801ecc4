package check

import (
	"github.com/nmodlgo/nmodlgo/verbatim"
	"slices"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

// checkProc checks one top-level block of code.
func (c *checker) checkProc(p *ast.Proc, order int) {
	c.proc, c.sc = p, nil
	c.tables, c.netInits, c.equations = 0, 0, 0
	defer func() { c.proc, c.sc = nil, nil }()

	switch {
	case p.Kind == ast.NetReceive && c.info.Mech != nil && c.info.Mech.Kind == ast.Suffix:
		// nocmodl: "NET_RECEIVE can only exist in a POINT_PROCESS"
		c.errorf(p.At, "NET_RECEIVE is allowed only in a POINT_PROCESS or ARTIFICIAL_CELL, not in a SUFFIX mechanism")
	case p.Kind == ast.NetReceive && len(p.Params) == 0:
		// nocmodl: "NET_RECEIVE block must have at least one argument"
		c.errorf(p.At, "NET_RECEIVE must have at least one argument (the weight)")
	case p.Kind == ast.FunctionTable && len(p.Params) == 0:
		// nocmodl: "FUNCTION_TABLE declaration must have one or more
		// arguments: tau"
		c.errorf(p.At, "FUNCTION_TABLE %s must have at least one argument", procName(p))
	case (p.Kind == ast.Before || p.Kind == ast.After) && !baTypes[p.Kind.String()+" "+p.When]:
		// nocmodl: silent; NEURON: "bad BA type" when it loads the
		// mechanism (hoc_reg_ba).
		c.errorf(p.At, "NEURON has no %s %s block: it runs BEFORE INITIAL, AFTER INITIAL, BEFORE BREAKPOINT, AFTER SOLVE and BEFORE STEP", p.Kind, p.When)
	case p.Kind == ast.Destructor && c.info.Mech != nil && c.info.Mech.Kind == ast.Suffix:
		// nocmodl: "DESTRUCTOR only permitted for POINT_PROCESS"
		c.errorf(p.At, "DESTRUCTOR is allowed only in a POINT_PROCESS or ARTIFICIAL_CELL")
	}

	c.push()
	params := map[string]bool{}
	for _, prm := range p.Params {
		n := prm.Name.Name
		switch {
		case c.checkName(prm.Name.At, n, false):
		case params[n]:
			// nocmodl: silent; C: "redefinition of parameter '_lx'"
			c.errorf(prm.Name.At, "argument %s appears twice", n)
		case p.Name != nil && n == p.Name.Name && p.Kind == ast.Function:
			// nocmodl: silent; C: "'_lf' redeclared as different kind of
			// symbol"
			c.errorf(prm.Name.At, "argument %s has the name of its FUNCTION", n)
		}
		params[n] = true
		c.local(prm, n, prm.Size != nil)
	}
	if p.Body != nil {
		c.block(p.Body, params, order)
	}
	c.pop()

	if p.Name == nil || p.Body == nil {
		return
	}
	switch p.Kind {
	case ast.Derivative:
		if c.equations == 0 {
			// nocmodl: "No derivative equations in DERIVATIVE block"
			c.errorf(p.Name.At, "DERIVATIVE %s has no derivative equation (x' = ...)", p.Name.Name)
		}
	case ast.Kinetic:
		if c.equations == 0 {
			// nocmodl: "KINETIC contains no reactions"
			c.errorf(p.Name.At, "KINETIC %s has no reaction (~ A <-> B (kf, kb))", p.Name.Name)
		}
	case ast.Linear, ast.NonLinear:
		if c.equations == 0 {
			// nocmodl: "l has no equations", "NONLINEAR contains no
			// equations"
			c.errorf(p.Name.At, "%s %s has no equation (~ lhs = rhs)", p.Kind, p.Name.Name)
		}
	}
}

// baTypes are the BEFORE and AFTER blocks NEURON runs.
var baTypes = map[string]bool{
	"BEFORE INITIAL": true, "AFTER INITIAL": true, "BEFORE BREAKPOINT": true, "AFTER SOLVE": true, "BEFORE STEP": true,
}

// procName is the name of a block, or its kind if it has none.
func procName(p *ast.Proc) string {
	if p.Name != nil {
		return p.Name.Name
	}
	return p.Kind.String()
}

// block checks a { … } block. params are the arguments of the enclosing
// FUNCTION or PROCEDURE when b is its body, else nil.
func (c *checker) block(b *ast.StmtBlock, params map[string]bool, order int) {
	if b == nil {
		return
	}
	c.push()
	defer c.pop()
	var cond verbatim.Cond // C's #if across this block's VERBATIM texts
	var firstVerbatim *ast.Verbatim
	for i, s := range b.Stmts {
		if v, ok := s.(*ast.Verbatim); ok {
			if firstVerbatim == nil {
				firstVerbatim = v
			}
			c.verbatim(v, order, c.proc != nil && b == c.proc.Body && i == len(b.Stmts)-1, &cond)
			continue
		}
		if !cond.Active() {
			c.info.Inactive[s] = true
			continue
		}
		l, ok := s.(*ast.Local)
		if !ok {
			c.stmt(s, order)
			continue
		}
		if i > 0 || c.commentBefore(b.At, l.At) {
			// nocmodl: "syntax error: Illegal statement" (its grammar has
			// one LOCAL list, right after the brace)
			c.errorf(l.At, "LOCAL must come first in its block, before any other statement (one LOCAL statement per block)")
		}
		seen := map[string]bool{}
		for _, prm := range l.Names {
			n := prm.Name.Name
			switch {
			case c.checkName(prm.Name.At, n, false):
			case seen[n]:
				// nocmodl: silent; C: "redeclaration of '_la'"
				c.errorf(prm.Name.At, "LOCAL %s is declared twice", n)
			case params[n]:
				// nocmodl: silent; C: "'_lx' redeclared as different kind
				// of symbol"
				c.errorf(prm.Name.At, "LOCAL %s has the name of an argument", n)
			}
			seen[n] = true
			c.local(prm, n, prm.Size != nil)
		}
	}
	if at, open := cond.Open(); open && firstVerbatim != nil {
		c.info.VerbatimRefused[firstVerbatim] = Refusal{at, "C #if without its #endif in the block"}
		delete(c.info.Verbatim, firstVerbatim)
	}
}

// commentBefore reports whether a COMMENT … ENDCOMMENT block lies between
// from and to in the current file.
func (c *checker) commentBefore(from, to ast.Pos) bool {
	for _, cm := range c.cur.file.Comments {
		if cm.Block && before(from, cm.At) && before(cm.At, to) {
			return true
		}
	}
	return false
}

func before(a, b ast.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

func (c *checker) in(kinds ...ast.ProcKind) bool {
	for _, k := range kinds {
		if c.proc.Kind == k {
			return true
		}
	}
	return false
}

func (c *checker) stmt(s ast.Stmt, order int) {
	switch s := s.(type) {
	case *ast.StmtBlock:
		c.block(s, nil, order)
	case *ast.Assign:
		c.assign(s)
	case *ast.ExprStmt:
		c.expr(s.X)
	case *ast.If:
		c.expr(s.Cond)
		c.block(s.Then, nil, order)
		if s.Else != nil {
			c.stmt(s.Else, order)
		}
	case *ast.While:
		c.expr(s.Cond)
		c.loops++
		c.block(s.Body, nil, order)
		c.loops--
	case *ast.Break:
		if c.loops == 0 {
			c.errorf(s.At, "break outside a loop")
		}
	case *ast.For:
		c.expr(s.From)
		c.expr(s.To)
		c.expr(s.By)
		c.push()
		// nocmodl declares the loop variable itself.
		c.local(s.Var, s.Var.Name, false)
		c.loops++
		c.block(s.Body, nil, order)
		c.loops--
		c.pop()
	case *ast.Solve:
		c.solves = append(c.solves, solveUse{stmt: s, file: c.cur, order: order, in: c.proc.Kind})
		c.block(s.IfError, nil, order)
	case *ast.Table:
		c.table(s)
	case *ast.Conserve:
		c.conserve(s)
	case *ast.Compartment:
		c.compartment("COMPARTMENT", s.At, s.Index, s.Volume, s.States)
	case *ast.LongDiffusion:
		c.compartment("LONGITUDINAL_DIFFUSION", s.At, s.Index, s.Rate, s.States)
	case *ast.Reaction:
		c.reaction(s)
	case *ast.LinEq:
		c.linEq(s)
	case *ast.Watch:
		if !c.in(ast.NetReceive) {
			// nocmodl: "\"WATCH\" statement only allowed in NET_RECEIVE
			// block"
			c.errorf(s.At, "WATCH is allowed only in a NET_RECEIVE block")
		}
		for _, w := range s.Conds {
			c.expr(w.Cond)
			c.expr(w.Flag)
		}
	case *ast.ForNetcons:
		c.forNetcons(s, order)
	case *ast.Protect:
		c.stmt(s.Stmt, order)
	case *ast.Mutex:
		switch {
		case s.Lock && c.locked:
			// nocmodl: "MUTEXLOCK invoked after MUTEXLOCK"
			c.errorf(s.At, "MUTEXLOCK again before MUTEXUNLOCK")
		case !s.Lock && !c.locked:
			// nocmodl: "MUTEXUNLOCK invoked with no earlier MUTEXLOCK"
			c.errorf(s.At, "MUTEXUNLOCK without an earlier MUTEXLOCK")
		}
		c.locked = s.Lock
	case *ast.InitialStmt:
		switch {
		case !c.in(ast.NetReceive):
			// nocmodl: "INITIAL not allowed in this kind of block"
			c.errorf(s.At, "an INITIAL block inside another block is allowed only in NET_RECEIVE")
		case c.netInits > 0:
			// nocmodl: "NET_RECEIVE block can contain only one INITIAL
			// block"
			c.errorf(s.At, "NET_RECEIVE can contain only one INITIAL block")
		}
		c.netInits++
		c.block(s.Body, nil, order)
	case *ast.Keyword:
		for _, a := range s.Args {
			c.expr(a)
		}
		c.block(s.Body, nil, order)
	case *ast.Forall:
		c.push()
		c.local(s.Var, s.Var.Name, false) // FORALL declares its index, as FROM does
		c.block(s.Body, nil, order)
		c.pop()
	case *ast.Match:
		for _, it := range s.Items {
			c.useWhole(it.State, it.State.At, it.State.Name)
			c.push()
			if it.Index != nil {
				c.local(it.Index, it.Index.Name, false)
			}
			c.expr(it.Arg)
			c.expr(it.Value)
			c.pop()
		}
	case *ast.PartialEq:
		c.useWhole(s.State, s.State.At, s.State.Name)
		for _, id := range []*ast.Ident{s.Coef, s.Del2Of, s.Source} {
			c.useWhole(id, id.At, id.Name)
		}
	case *ast.PartialBoundary:
		c.useWhole(s.State, s.State.At, s.State.Name)
		c.expr(s.Value)
	}
}

// ref says what a name refers to.
type ref int

const (
	refUnknown  ref = iota // not declared anywhere
	refLocal               // LOCAL, argument, loop variable
	refSelf                // a FUNCTION's own name, its result
	refGlobal              // a top-level declaration (symbol)
	refNeuron              // v, t, dt, celsius, ... supplied by NEURON
	refNeuronBk            // named in the NEURON block only (reported there)
	refContext             // flag in NET_RECEIVE, f_flux in KINETIC, error
	refBuiltin             // a built-in function used as a variable
)

// resolve finds what a name used in code refers to: the kind of
// reference, the top-level symbol for refGlobal, and the object the name
// denotes (nil for refUnknown).
func (c *checker) resolve(name string) (ref, *symbol, *Object) {
	if o := c.sc.lookup(name); o != nil {
		return refLocal, nil, o
	}
	if o := c.topLocals[name]; o != nil {
		return refLocal, nil, o
	}
	if c.proc != nil && c.proc.Kind == ast.Function && c.proc.Name != nil && c.proc.Name.Name == name {
		return refSelf, nil, c.result(c.proc)
	}
	switch name {
	case "flag":
		if c.proc != nil && c.proc.Kind == ast.NetReceive {
			return refContext, nil, c.supplied(Special, name)
		}
	case "f_flux", "b_flux":
		if c.proc != nil && c.proc.Kind == ast.Kinetic {
			return refContext, nil, c.supplied(Special, name)
		}
	case "error":
		return refContext, nil, c.supplied(Special, name)
	}
	if s := c.syms[name]; s != nil {
		return refGlobal, s, s.obj
	}
	if x, ok := strings.CutPrefix(name, "_p_"); ok {
		if c.holdsObject(x) {
			// nocmodl's name for the slot of BBCOREPOINTER x, which
			// VERBATIM text reaches (package verbatim)
			return c.resolve(x)
		}
	}
	if neuronVars[name] {
		return refNeuron, nil, c.supplied(Neuron, name)
	}
	if c.implicit[name] {
		return refContext, nil, c.supplied(Implicit, name)
	}
	if nn, ok := c.neuronDeclared[name]; ok {
		return refNeuronBk, nil, c.listed(nn.id)
	}
	for _, k := range []ast.NameListKind{ast.External, ast.Global, ast.Pointer, ast.BbcorePointer, ast.Random} {
		if nn, ok := c.lists[k][name]; ok {
			return refNeuronBk, nil, c.listed(nn.id)
		}
	}
	if nn, ok := c.lists[ast.Range][name]; ok && c.tableVars[name] {
		return refNeuronBk, nil, c.listed(nn.id)
	}
	if _, ok := builtinArity[name]; ok {
		return refBuiltin, nil, c.supplied(Builtin, name)
	}
	return refUnknown, nil, nil
}

// result returns the object of a FUNCTION's own name inside it.
func (c *checker) result(p *ast.Proc) *Object {
	key := objKey{Result, p.Name.Name}
	if o := c.suppliedObjs[key]; o != nil && o.Decl == p {
		return o
	}
	o := &Object{Name: p.Name.Name, Kind: Result, Decl: p}
	c.suppliedObjs[key] = o
	return o
}

// listed returns the object of a name declared only by the NEURON block
// statement that lists it.
func (c *checker) listed(id *ast.Ident) *Object {
	key := objKey{Listed, id.Name}
	if o := c.suppliedObjs[key]; o != nil {
		return o
	}
	o := &Object{Name: id.Name, Kind: Listed, Decl: id}
	c.suppliedObjs[key] = o
	return o
}

// use checks a name read in an expression; indexed says it is x[i].
// useWhole is a use of a name as a whole, array or not: the legacy PARTIAL
// equations and MATCH items name arrays without an index. node is the
// name's node, which Info.Uses records.
func (c *checker) useWhole(node ast.Node, pos ast.Pos, name string) {
	_, _, o := c.resolve(name)
	c.use(node, pos, name, o != nil && o.Array)
}

func (c *checker) use(node ast.Node, pos ast.Pos, name string, indexed bool) {
	if c.reservedDeriv(pos, name) || c.randomVar(pos, name) {
		return
	}
	r, s, o := c.resolve(name)
	c.record(node, o)
	switch r {
	case refUnknown:
		c.undeclared(pos, name)
	case refBuiltin:
		if !c.extdef2 {
			// nocmodl: silent; C: "incompatible types when assigning to
			// type 'double' from type 'double (*)(double)'"
			c.once(name, func() { c.errorf(pos, "%s is a function: call it, %s(...)", name, name) })
		}
	case refNeuron:
		if name == "v" && c.vUse == nil {
			c.vUse = &nameAt{name, pos, c.cur, "used"}
		}
	case refGlobal:
		switch {
		case s.kind == symBlock:
			if !c.extdef2 {
				// nocmodl: "f used as both variable and function"
				c.once(name, func() { c.errorf(pos, "%s is %s, not a variable", name, s.what()) })
			}
			return
		case s.kind == symDefine && indexed:
			// nocmodl: a syntax error (DEFINE replaces the name by its
			// number).
			c.errorf(pos, "%s is a DEFINE constant, not an array", name)
			return
		}
	}
	if r == refLocal || r == refGlobal {
		c.checkIndex(pos, name, o.Array, indexed)
	}
}

// reservedDeriv reports (once) a use of Dm when m is a STATE.
func (c *checker) reservedDeriv(pos ast.Pos, name string) bool {
	if _, ok := c.derivName(name); !ok {
		return false
	}
	c.checkName(pos, name, false)
	return true
}

// checkIndex reports an array used without an index, or a scalar with one.
func (c *checker) checkIndex(pos ast.Pos, name string, array, indexed bool) {
	switch {
	case array && !indexed && !c.extdef2:
		// nocmodl: "variable needs an index"
		c.errorf(pos, "%s is an array: give an index, %s[i]", name, name)
	case !array && indexed:
		// nocmodl: "variable is not an array"
		c.errorf(pos, "%s is not an array", name)
	}
}

// once runs report the first time it is called for name.
func (c *checker) once(name string, report func()) {
	if c.reported[name] {
		return
	}
	c.reported[name] = true
	report()
}

// undeclared reports the first use of a name that is declared nowhere.
func (c *checker) undeclared(pos ast.Pos, name string) {
	c.once(name, func() {
		switch name {
		case "celcius":
			c.checkName(pos, name, false)
			return
		case "flag":
			// nocmodl: "Warning: flag undefined"; C: "'flag' undeclared"
			c.errorf(pos, "flag is defined only in NET_RECEIVE")
			return
		case "f_flux", "b_flux":
			// nocmodl: silent; C: "'f_flux' undeclared"
			c.errorf(pos, "%s is defined only in a KINETIC block", name)
			return
		}
		if c.hasVerbatim {
			// nocmodl: "Warning: erev undefined. (declared within
			// VERBATIM?)"; the C compiles if VERBATIM text declares it.
			c.warnf(pos, "undeclared name %s (unless VERBATIM text declares it)", name)
			return
		}
		// nocmodl: "Warning: erev undefined. (declared within
		// VERBATIM?)", and the C it writes does not compile: "'erev'
		// undeclared".
		c.errorf(pos, "undeclared name %s (%s)", name, c.declareHint(name))
	})
}

// declareHint says how to declare a name: an ion variable wants USEION.
func (c *checker) declareHint(name string) string {
	for _, ion := range c.knownIons() {
		for i, v := range ionVarNames(ion) {
			if v != name {
				continue
			}
			if i == 0 {
				return "declare it in ASSIGNED and WRITE it with USEION " + ion
			}
			return "declare it in ASSIGNED and READ it with USEION " + ion
		}
	}
	return "declare it in PARAMETER or ASSIGNED, or READ it with USEION"
}

// knownIons are the ions of the file's USEION statements and NEURON's
// usual ones.
func (c *checker) knownIons() []string {
	ions := append([]string(nil), c.ionOrder...)
	for _, ion := range []string{"na", "k", "ca", "cl"} {
		if c.ions[ion] == nil {
			ions = append(ions, ion)
		}
	}
	return ions
}

func (c *checker) expr(e ast.Expr) {
	switch e := e.(type) {
	case nil:
	case *ast.Name:
		c.use(e, e.At, e.Name, false)
	case *ast.Index:
		c.use(e.X, e.X.At, e.X.Name, true)
		c.expr(e.Index)
	case *ast.Call:
		c.call(e)
	case *ast.Unary:
		if e.Op == "+" {
			// nocmodl: "syntax error: Illegal expression"
			c.errorf(e.At, "unary + is not NMODL: NEURON rejects it, drop the +")
		}
		c.expr(e.X)
	case *ast.Binary:
		c.expr(e.X)
		c.expr(e.Y)
	case *ast.Paren:
		c.expr(e.X)
	case *ast.LagRef:
		c.use(e.Name, e.Name.At, e.Name.Name, e.Index != nil)
		c.expr(e.Index)
	}
}

// randomVar reports, as an error, a RANDOM variable used as a value or
// assigned: only the random_* functions take one.
func (c *checker) randomVar(pos ast.Pos, name string) bool {
	if _, ok := c.lists[ast.Random][name]; !ok || c.syms[name] != nil {
		return false
	}
	c.errorf(pos, "%s is a RANDOM variable: only the random_* functions take it, as their first argument (random_negexp(%s), …)", name, name)
	return true
}

// randomFuncs are NEURON 9's functions of a RANDOM variable, with the
// numbers of arguments each takes, the variable included.
var randomFuncs = map[string][]int{
	"random_setseq": {2}, "random_setids": {4}, "random_uniform": {1, 3}, "random_negexp": {1, 2},
	"random_normal": {1, 3}, "random_ipick": {1}, "random_dpick": {1},
}

// randomCall checks a call of a random_* function in a file with RANDOM
// variables: its first argument names one of them.
func (c *checker) randomCall(e *ast.Call, arities []int) {
	name, n := e.Fun.Name, len(e.Args)
	c.record(e.Fun, c.supplied(Builtin, name))
	if !slices.Contains(arities, n) {
		want := make([]string, len(arities))
		for i, a := range arities {
			want[i] = strconv.Itoa(a)
		}
		c.errorf(e.At, "%s takes %s arguments, not %d", name, strings.Join(want, " or "), n)
	}
	for i, a := range e.Args {
		if i > 0 {
			c.expr(a)
			continue
		}
		id, ok := a.(*ast.Name)
		nn, listed := c.lists[ast.Random][idName(id)]
		if !ok || !listed || c.syms[id.Name] != nil {
			c.errorf(a.Pos(), "the first argument of %s must be a RANDOM variable", name)
			c.expr(a)
			continue
		}
		c.record(id, c.listed(nn.id))
	}
}

func idName(id *ast.Name) string {
	if id == nil {
		return ""
	}
	return id.Name
}

// call checks a function or procedure call.
func (c *checker) call(e *ast.Call) {
	name, n := e.Fun.Name, len(e.Args)
	if arities, ok := randomFuncs[name]; ok && len(c.lists[ast.Random]) > 0 && c.syms[name] == nil {
		c.randomCall(e, arities)
		return
	}
	ext2 := name == "romberg" || name == "legendre" || name == "deflate"
	saved := c.extdef2
	c.extdef2 = ext2
	for _, a := range e.Args {
		c.expr(a)
	}
	c.extdef2 = saved

	plural := func(k int) string {
		if k == 1 {
			return "1 argument"
		}
		return strconv.Itoa(k) + " arguments"
	}
	if s := c.syms[name]; s != nil {
		c.record(e.Fun, s.obj)
		switch {
		case s.isCallable():
			if want := len(s.proc.Params); n != want {
				// nocmodl: silent; C: "too many arguments to function
				// 'f_x'"
				c.errorf(e.At, "%s %s takes %s, not %d", s.proc.Kind, name, plural(want), n)
			}
		case s.kind == symBlock:
			// A DERIVATIVE, KINETIC, ... block called by name: nocmodl
			// lets it through; SOLVE is the way to run it.
		default:
			// nocmodl: "b used as both variable and function"
			c.once(name, func() { c.errorf(e.At, "%s is %s, not a function", name, s.what()) })
		}
		return
	}
	want, builtin := builtinArity[name]
	if builtin || name == "erand" {
		c.record(e.Fun, c.supplied(Builtin, name))
	}
	if !builtin && name == "erand" {
		// nmodlgo's runtime supplies erand(), which NEURON's netstim.mod
		// writes in VERBATIM; a file that defines its own never gets here.
		if n != 0 {
			c.errorf(e.At, "erand takes no arguments, not %d", n)
		}
		return
	}
	if !builtin {
		if c.hasVerbatim {
			return // VERBATIM text may define it
		}
		// nocmodl: "Warning: foo undefined. (declared within VERBATIM?)";
		// the C compiler declares it implicitly and NEURON fails to load
		// the mechanism ("undefined symbol").
		c.once(name, func() { c.warnf(e.At, "unknown function %s (define it with FUNCTION or PROCEDURE)", name) })
		return
	}
	if threadUnsafe[name] && c.unsafeCall == "" {
		c.unsafeCall = name
	}
	switch {
	case want >= 0 && n != want:
		// nocmodl: silent; C: "too many arguments to function 'hoc_Exp'"
		c.errorf(e.At, "%s takes %s, not %d", name, plural(want), n)
	case name == "printf" && n == 0:
		// nocmodl: silent; C: "too few arguments to function 'printf'"
		c.errorf(e.At, "printf needs a format string")
	}
	switch name {
	case "net_send":
		if !c.in(ast.Initial, ast.NetReceive) {
			// nocmodl: "net_send allowed only in INITIAL and NET_RECEIVE
			// blocks"
			c.errorf(e.At, "net_send can be called only in INITIAL and NET_RECEIVE blocks")
		}
		if c.netSend == nil {
			c.netSend, c.netSendFile = e, c.cur
		}
	case "net_event", "net_move":
		if !c.in(ast.NetReceive) {
			// nocmodl: "net_event only allowed in NET_RECEIVE block"
			c.errorf(e.At, "%s can be called only in a NET_RECEIVE block", name)
		}
	}
}

// lhs returns the name, primes and position of an assignment target.
func (c *checker) lhs(e ast.Expr) (node *ast.Name, indexed bool) {
	switch l := e.(type) {
	case *ast.Name:
		return l, false
	case *ast.Index:
		c.expr(l.Index)
		return l.X, true
	}
	return nil, false
}

// assign checks lhs = rhs.
func (c *checker) assign(s *ast.Assign) {
	c.expr(s.Rhs)
	node, indexed := c.lhs(s.Lhs)
	if node == nil {
		return
	}
	name, pos := node.Name, node.At
	if c.randomVar(pos, name) {
		return
	}
	if node.Primes > 0 {
		c.derivative(node, indexed)
		if c.in(ast.Derivative) {
			c.noComparison(s.Rhs)
		}
		return
	}
	if c.reservedDeriv(pos, name) {
		return
	}
	r, sym, o := c.resolve(name)
	c.record(node, o)
	switch r {
	case refUnknown:
		c.undeclared(pos, name)
		return
	case refBuiltin:
		// nocmodl: silent; C: "lvalue required as left operand of
		// assignment"
		c.errorf(pos, "cannot assign to %s: it is a built-in function", name)
		return
	case refNeuron:
		if specialVars[name] {
			// nocmodl: "t is a special NEURON variable that should not be
			// assigned a value in a model description file"
			c.errorf(pos, "cannot assign to %s: NEURON sets it, a mechanism may only read it", name)
		}
		return
	case refNeuronBk:
		c.ionWrites = append(c.ionWrites, nameAt{name, pos, c.cur, "assigned"})
		return
	case refGlobal:
	default:
		if r == refLocal {
			c.checkIndex(pos, name, o.Array, indexed)
		}
		return
	}
	switch sym.kind {
	case symBlock:
		// nocmodl: "f used as both variable and function"
		c.errorf(pos, "cannot assign to %s: it is %s", name, sym.what())
		return
	case symDefine:
		// nocmodl: "syntax error: Illegal statement" (DEFINE replaces the
		// name by its number)
		c.errorf(pos, "cannot assign to %s: DEFINE made it the constant %s", name, sym.def.Value.Text)
		return
	}
	c.checkIndex(pos, name, o.Array, indexed)
	if specialVars[name] {
		// nocmodl: "celsius is a special NEURON variable that should not
		// be assigned a value in a model description file"
		c.errorf(pos, "cannot assign to %s: NEURON sets it, a mechanism may only read it", name)
		return
	}
	if sym.kind == symState {
		if c.proc.Kind != ast.Initial {
			c.assignedOut[name] = true
		}
		switch c.proc.Kind {
		case ast.Derivative:
			// nocmodl: "WARNING: n (a STATE) is assigned a value in a
			// DERIVATIVE block. Multistep integrators (such as Runge) may
			// not work correctly."
			c.warnf(pos, "STATE %s is assigned in a DERIVATIVE block; multistep integrators (such as runge) may not work correctly", name)
		case ast.NetReceive:
			c.netrecStates = append(c.netrecStates, nameAt{name, pos, c.cur, "assigned"})
		}
	}
	c.ionWrites = append(c.ionWrites, nameAt{name, pos, c.cur, "assigned"})
}

// derivative checks the target of x' = … .
func (c *checker) derivative(node *ast.Name, indexed bool) {
	name, pos := node.Name, node.At
	s := c.syms[name]
	if s != nil && s.kind == symState {
		c.record(node, s.obj)
	}
	if c.proc.Kind == ast.Derivative {
		c.equations++
	}
	if c.proc.Kind != ast.Derivative {
		// nocmodl: silent; the equation only sets the variable Dx.
		if s == nil || s.kind != symState {
			c.undeclaredOrNotState(pos, name)
			return
		}
		if !c.in(ast.Kinetic) {
			c.warnf(pos, "%s' = ... outside a DERIVATIVE block only sets the value of D%s; NEURON integrates %s only from a DERIVATIVE block", name, name, name)
		}
		return
	}
	if s == nil || s.kind != symState {
		c.undeclaredOrNotState(pos, name)
		return
	}
	c.checkIndex(pos, name, s.array, indexed)
	c.odes[name] = true
	c.ionWrites = append(c.ionWrites, nameAt{name, pos, c.cur, "given a derivative"})
}

// noComparison reports a comparison or logical operator in the right side
// of a derivative equation: nocmodl's equation parser (diffeq.ypp) cannot
// take them and aborts ("Assertion `0' failed").
func (c *checker) noComparison(rhs ast.Expr) {
	var bad ast.Expr
	inspectExprs(rhs, func(e ast.Expr) {
		if bad != nil {
			return
		}
		switch e := e.(type) {
		case *ast.Binary:
			switch e.Op {
			case "<", "<=", ">", ">=", "==", "!=", "&&", "||":
				bad = e
			}
		case *ast.Unary:
			if e.Op == "!" {
				bad = e
			}
		}
	})
	if bad != nil {
		// nocmodl: "diffeq.ypp:218: void difeq_yyerror(char*): Assertion
		// `0' failed."
		c.errorf(bad.Pos(), "nocmodl cannot translate a comparison or logical operator in a derivative equation (it aborts): compute the value into a variable first, or use if/else")
	}
}

// undeclaredOrNotState reports x' for an x that is not a STATE.
func (c *checker) undeclaredOrNotState(pos ast.Pos, name string) {
	// nocmodl: "a must be declared as a state variable"
	c.once(name+"'", func() { c.errorf(pos, "%s' is a derivative, but %s is not a STATE", name, name) })
}

// table checks TABLE vars DEPEND deps FROM lo TO hi WITH n.
func (c *checker) table(t *ast.Table) {
	p := c.proc
	switch {
	case !c.in(ast.Function, ast.Procedure):
		// nocmodl: "TABLE valid only for FUNCTION or PROCEDURE"
		c.errorf(t.At, "TABLE is allowed only in a FUNCTION or PROCEDURE")
	case c.tables > 0:
		// nocmodl: "only one TABLE per function"
		c.errorf(t.At, "only one TABLE per %s", p.Kind)
	case p.Kind == ast.Function && len(t.Vars) > 0:
		// nocmodl: "TABLE stmt in FUNCTION cannot have a table name list"
		c.errorf(t.At, "TABLE in a FUNCTION tabulates its value and cannot name variables")
	case p.Kind == ast.Procedure && len(t.Vars) == 0:
		// nocmodl: "TABLE stmt in PROCEDURE must have a table name list"
		c.errorf(t.At, "TABLE in a PROCEDURE must name the variables it tabulates")
	case len(p.Params) != 1:
		// nocmodl: "FUNCTION or PROCEDURE containing a TABLE stmt must have
		// exactly one argument" (and with none it crashes)
		c.errorf(t.At, "a %s with a TABLE must have exactly one argument, not %d", p.Kind, len(p.Params))
	}
	c.tables++
	// The names may be arrays: TABLE tabulates them whole.
	c.extdef2 = true
	for _, id := range t.Vars {
		c.use(id, id.At, id.Name, false)
	}
	for _, id := range t.Depend {
		c.use(id, id.At, id.Name, false)
	}
	c.extdef2 = false
	c.expr(t.From)
	c.expr(t.To)
	c.expr(t.With)
}

// notInKinetic reports a KINETIC-only statement elsewhere.
func (c *checker) kineticOnly(what string, pos ast.Pos) bool {
	if c.in(ast.Kinetic) {
		return true
	}
	// nocmodl: "CONSERVE not allowed in this kind of block"
	c.errorf(pos, "%s is allowed only in a KINETIC block", what)
	return false
}

// species1 returns the name node of a species term (A or A[i]) and
// whether it has an index.
func (c *checker) species1(e ast.Expr) (*ast.Name, bool) {
	switch x := e.(type) {
	case *ast.Name:
		return x, false
	case *ast.Index:
		c.expr(x.Index)
		return x.X, true
	}
	return nil, false
}

// reaction checks ~ A + B <-> C (kf, kb) and its kin.
func (c *checker) reaction(r *ast.Reaction) {
	if !c.in(ast.Kinetic) {
		// nocmodl: "equations can't occur in this type of block", or a
		// syntax error
		c.errorf(r.At, "a reaction (~ ... <-> ...) is allowed only in a KINETIC block")
	}
	if r.Op == ast.Flux && len(r.Lhs) > 1 {
		// nocmodl: "flux equations involve only one state"
		c.errorf(r.At, "a flux (~ x << (f)) involves only one STATE")
	}
	c.equations++
	for _, side := range [][]*ast.ReactTerm{r.Lhs, r.Rhs} {
		for _, t := range side {
			node, indexed := c.species1(t.State)
			if node == nil {
				continue
			}
			name, pos := node.Name, node.At
			s := c.syms[name]
			if o := c.sc.lookup(name); o != nil {
				c.record(node, o)
				c.checkIndex(pos, name, o.Array, indexed)
				continue
			}
			if s == nil || !s.isVar() {
				// nocmodl: "zz must be a STATE, CONSTANT, ASSIGNED, STEPPED,
				// or INDEPENDENT"
				c.once(name, func() {
					if s == nil {
						c.errorf(pos, "undeclared name %s in a reaction (declare it as a STATE)", name)
					} else {
						c.errorf(pos, "%s is %s; a reaction takes variables, normally STATEs", name, s.what())
					}
				})
				continue
			}
			c.record(node, s.obj)
			c.checkIndex(pos, name, s.array, indexed)
			if s.kind == symState {
				c.species[name] = true
				c.ionWrites = append(c.ionWrites, nameAt{name, pos, c.cur, "changed by a reaction"})
			}
		}
	}
	c.expr(r.Kf)
	c.expr(r.Kb)
}

// conserve checks CONSERVE A + B = total.
func (c *checker) conserve(s *ast.Conserve) {
	c.kineticOnly("CONSERVE", s.At)
	c.equations++
	inspectExprs(s.Lhs, func(e ast.Expr) {
		x, ok := e.(*ast.Name)
		if !ok {
			return
		}
		name, pos := x.Name, x.At
		if sym := c.syms[name]; sym == nil || sym.kind != symState {
			if o := c.sc.lookup(name); o != nil {
				c.record(x, o)
				return
			}
			// nocmodl: "a: only (solved) STATE are allowed in CONSERVE
			// equations."
			c.errorf(pos, "%s in CONSERVE is not a STATE: only STATEs may be conserved", name)
			return
		}
		c.record(x, c.syms[name].obj)
		c.species[name] = true
	})
	c.expr(s.Rhs)
}

// compartment checks COMPARTMENT [i,] vol { states } and
// LONGITUDINAL_DIFFUSION.
func (c *checker) compartment(what string, pos ast.Pos, index *ast.Ident, size ast.Expr, states []*ast.Ident) {
	c.kineticOnly(what, pos)
	c.push()
	if index != nil {
		c.local(index, index.Name, false)
	}
	c.expr(size)
	c.pop()
	for _, id := range states {
		s := c.syms[id.Name]
		if s == nil {
			// nocmodl: silent; the name gets no volume.
			c.warnf(id.At, "%s in %s is not declared; NEURON ignores it", id.Name, what)
			continue
		}
		c.record(id, s.obj)
	}
}

// linEq checks ~ lhs = rhs in LINEAR and NONLINEAR blocks.
func (c *checker) linEq(e *ast.LinEq) {
	if !c.in(ast.Linear, ast.NonLinear) {
		// nocmodl: "equations can't occur in this type of block"
		c.errorf(e.At, "an equation (~ lhs = rhs) is allowed only in a LINEAR or NONLINEAR block")
	}
	c.equations++
	c.expr(e.Lhs)
	c.expr(e.Rhs)
	hasState := false
	for _, side := range []ast.Expr{e.Lhs, e.Rhs} {
		inspectExprs(side, func(x ast.Expr) {
			var name string
			switch n := x.(type) {
			case *ast.Name:
				name = n.Name
			case *ast.Index:
				name = n.X.Name
			default:
				return
			}
			if c.sc.lookup(name) != nil {
				return
			}
			if s := c.syms[name]; s != nil && s.kind == symState {
				hasState = true
				c.species[name] = true
			}
		})
	}
	if !hasState && c.in(ast.Linear, ast.NonLinear) {
		// nocmodl: "previous equation contains no state variables"
		c.errorf(e.At, "this equation has no STATE in it")
	}
}

// forNetcons checks FOR_NETCONS(args) { … }.
func (c *checker) forNetcons(s *ast.ForNetcons, order int) {
	switch {
	case !c.in(ast.NetReceive):
		// nocmodl: "\"FOR_NETCONS\" statement only allowed in NET_RECEIVE
		// block"
		c.errorf(s.At, "FOR_NETCONS is allowed only in a NET_RECEIVE block")
	case len(s.Params) != len(c.proc.Params):
		// nocmodl: "FOR_NETCONS and NET_RECEIVE do not have same number of
		// arguments"
		c.errorf(s.At, "FOR_NETCONS and NET_RECEIVE must have the same number of arguments (%d and %d here)", len(s.Params), len(c.proc.Params))
	}
	c.push()
	for _, p := range s.Params {
		c.local(p, p.Name.Name, p.Size != nil)
	}
	c.block(s.Body, nil, order)
	c.pop()
}

// plainName strips the article from symbol.what.
func plainName(w string) string {
	return strings.TrimPrefix(strings.TrimPrefix(w, "a "), "an ")
}
