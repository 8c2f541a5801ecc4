package ir

import (
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
	"github.com/nmodlgo/nmodlgo/verbatim"
)

// ctxKind is the kind of top-level block being lowered.
type ctxKind int

const (
	ctxPlain      ctxKind = iota // BEFORE/AFTER, a FUNCTION or PROCEDURE
	ctxInitial                   // INITIAL: SOLVE … STEADYSTATE sparse is allowed
	ctxBreakpoint                // BREAKPOINT: its SOLVEs go to the state phase
	ctxReceive                   // NET_RECEIVE: net_send carries the weights
	ctxDeriv                     // a DERIVATIVE block: its equations
	ctxKinetic                   // a KINETIC block: states are s[i]
)

// context is what lowering one top-level block needs to know.
type context struct {
	kind     ctxKind
	kin      *Kinetic
	kinIndex map[*Var]int              // a state's first element in kin.States
	consts   map[*check.Object]float64 // the counters of unrolled loops, now
	kinBody  *ast.StmtBlock            // the KINETIC block's statements
	consRows map[*ast.Conserve]int     // the row of each CONSERVE's equation
	// compartments are the KINETIC block's COMPARTMENTs, lowered first
	compartments map[*ast.Compartment]bool
	alg          *Algebraic          // the LINEAR or NONLINEAR block
	unknown      func(ast.Expr) *Var // the unknown an expression names in alg, or nil
	algIndex     map[*Var]int        // an unknown's first column in alg
	loops        int                 // the loops around the statement, kept as Go loops
	flag         *Local              // NET_RECEIVE's flag
	used         map[*Local]bool
	declared     []*Local
}

// topBlock lowers the body of a top-level block.
func (l *lowerer) topBlock(p *ast.Proc, kind ctxKind) []Stmt {
	return l.withContext(&context{kind: kind}, func() []Stmt { return l.stmts(p.Body) })
}

// withContext lowers with cx as the context, then marks the LOCALs that
// nothing read.
func (l *lowerer) withContext(cx *context, f func() []Stmt) []Stmt {
	saved := l.cx
	cx.used = map[*Local]bool{}
	l.cx = cx
	defer func() { l.cx = saved }()
	body := f()
	for _, lc := range cx.declared {
		lc.Unused = !cx.used[lc]
	}
	return body
}

// newLocal makes the Local of a declaring node.
func (l *lowerer) newLocal(decl ast.Node, name string, pos ast.Pos) *Local {
	lc := &Local{Name: name, Pos: pos}
	if o := l.info.Defs[decl]; o != nil {
		l.locals[o] = lc
	}
	if l.cx != nil {
		l.cx.declared = append(l.cx.declared, lc)
	}
	return lc
}

// proc lowers the body of a FUNCTION or PROCEDURE (declareProcs made its
// arguments).
func (l *lowerer) proc(pr *Proc, p *ast.Proc) {
	pr.Body = l.withContext(&context{kind: ctxPlain}, func() []Stmt {
		var body []Stmt
		for _, s := range p.Body.Stmts {
			if t, ok := s.(*ast.Table); ok {
				pr.Table = l.table(pr, t)
				continue
			}
			body = append(body, l.stmt(s)...)
		}
		return body
	})
}

// table lowers the TABLE of a PROCEDURE or FUNCTION (check made sure it
// has one argument, and one TABLE).
func (l *lowerer) table(pr *Proc, ts *ast.Table) *Table {
	t := &Table{Proc: pr, Pos: ts.At}
	for _, id := range ts.Vars {
		v := l.vars[l.info.Uses[id]]
		if v == nil || v.Storage == Constant || v.Storage == IonRead {
			l.refuse(id.At, "TABLE %s: only a variable of the mechanism can be tabulated", id.Name)
			continue
		}
		t.Vars = append(t.Vars, v)
	}
	for _, id := range ts.Depend {
		o := l.info.Uses[id]
		if o != nil && (o.Kind == check.Neuron || specialName(o)) {
			t.Depend = append(t.Depend, l.special(id.Name))
			continue
		}
		v := l.vars[o]
		switch {
		case v == nil:
			l.refuse(id.At, "TABLE … DEPEND %s: only variables of the mechanism and NEURON's are supported", id.Name)
		case v.Storage == IonRead:
			l.refuse(id.At, "TABLE … DEPEND %s: a table that depends on an ion variable is not supported yet", id.Name)
		case v.Storage == Constant:
			t.Depend = append(t.Depend, &Num{Value: v.Default})
		default:
			// A RANGE variable is the value of the instance the table is
			// checked for, as in NEURON: the calling one, or the first.
			t.Depend = append(t.Depend, &VarRef{Var: v})
		}
	}
	saved := l.cx
	l.cx = &context{kind: ctxPlain, used: map[*Local]bool{}}
	t.From, t.To = l.expr(ts.From), l.expr(ts.To)
	l.cx = saved
	if n, ok := l.constant(ts.With); ok && n >= 1 && n == float64(int(n)) && n <= 1<<24 {
		t.With = int(n)
	} else {
		l.refuse(ts.With.Pos(), "TABLE … WITH: only a positive integer is supported")
	}
	return t
}

// specialName reports whether o is a variable of the file that bears the
// name of one NEURON supplies (declared for its units).
func specialName(o *check.Object) bool {
	_, ok := specialOf[o.Name]
	return o.Kind == check.Var && ok
}

func (l *lowerer) special(name string) *Special {
	return &Special{Kind: specialOf[name]}
}

// breakpoint lowers BREAKPOINT: its SOLVEs become the state phase, the
// rest its body.
func (l *lowerer) breakpoint(p *ast.Proc) []Stmt {
	return l.withContext(&context{kind: ctxBreakpoint}, func() []Stmt {
		var body []Stmt
		for _, s := range p.Body.Stmts {
			if sv, ok := s.(*ast.Solve); ok {
				l.solve(sv)
				continue
			}
			body = append(body, l.stmt(s)...)
		}
		return body
	})
}

// netReceive lowers NET_RECEIVE: its arguments are the weights of the
// NetCon, flag the event's; an INITIAL block in it runs for each NetCon at
// finitialize.
func (l *lowerer) netReceive(p *ast.Proc) {
	nr := &NetReceive{Pos: p.At}
	cx := &context{kind: ctxReceive}
	nr.Body = l.withContext(cx, func() []Stmt {
		for i, prm := range p.Params {
			lc := l.newLocal(prm, prm.Name.Name, prm.Name.At)
			lc.Kind, lc.Index = Weight, i
			nr.Params = append(nr.Params, lc)
		}
		nr.Flag = &Local{Name: "flag"}
		cx.flag = nr.Flag
		var body []Stmt
		for _, s := range p.Body.Stmts {
			if is, ok := s.(*ast.InitialStmt); ok {
				nr.Init = &Code{Pos: is.At, Body: l.stmts(is.Body)}
				continue
			}
			body = append(body, l.stmt(s)...)
		}
		return body
	})
	for _, lc := range nr.Params {
		lc.Unused = false
	}
	l.m.NetReceive = nr
}

// stmts lowers the statements of a block.
func (l *lowerer) stmts(b *ast.StmtBlock) []Stmt {
	if b == nil {
		return nil
	}
	var out []Stmt
	for _, s := range b.Stmts {
		out = append(out, l.stmt(s)...)
	}
	return out
}

func (l *lowerer) stmt(s ast.Stmt) []Stmt {
	if l.info.Inactive[s] {
		return nil // dropped by C's #if around it
	}
	switch s := s.(type) {
	case *ast.Local:
		d := &LocalDecl{}
		for _, p := range s.Names {
			lc := l.newLocal(p, p.Name.Name, p.Name.At)
			if p.Size != nil {
				lc.Size = l.arraySize(p.Size, p.Name.Name)
			}
			d.Locals = append(d.Locals, lc)
		}
		return []Stmt{d}
	case *ast.Assign:
		return l.assign(s)
	case *ast.ExprStmt:
		return l.exprStmt(s)
	case *ast.If:
		return []Stmt{l.ifStmt(s)}
	case *ast.While:
		l.cx.loops++
		defer func() { l.cx.loops-- }()
		return []Stmt{&While{Cond: l.expr(s.Cond), Body: l.stmts(s.Body)}}
	case *ast.Break:
		if l.cx.loops == 0 {
			l.refuse(s.At, "break outside a loop nmodlgo keeps as a loop (a FROM loop of a KINETIC block, FOR_NETCONS)")
			return nil
		}
		return []Stmt{&Break{}}
	case *ast.StmtBlock:
		return []Stmt{&Block{Body: l.stmts(s)}}
	case *ast.For:
		if l.cx.kind == ctxKinetic {
			return l.unrolled(s)
		}
		lc := l.newLocal(s.Var, s.Var.Name, s.Var.At)
		lc.Kind = Loop
		f := &For{Var: lc, From: l.expr(s.From), To: l.expr(s.To)}
		if s.By != nil {
			f.By = l.expr(s.By)
		}
		l.cx.loops++
		f.Body = l.stmts(s.Body)
		l.cx.loops--
		return []Stmt{f}
	case *ast.Protect:
		// PROTECT guards an assignment against other threads; a model runs
		// in one goroutine.
		return l.stmt(s.Stmt)
	case *ast.Mutex:
		return nil // as PROTECT
	case *ast.UnitsOnOff:
		return nil // about units only
	case *ast.Solve:
		return l.solveIn(s)
	case *ast.Table:
		l.refuse(s.At, "TABLE: check allows it only as a statement of its FUNCTION or PROCEDURE")
		return nil
	case *ast.Verbatim:
		if stmts, ok := l.info.Verbatim[s]; ok {
			return l.stmts(&ast.StmtBlock{At: s.At, Stmts: stmts})
		}
		r := l.info.VerbatimRefused[s]
		l.refuse(r.Pos, "VERBATIM: %s", r.Msg)
		return nil
	case *ast.Reaction:
		if l.cx.kin == nil {
			l.refuse(s.At, "a reaction outside a KINETIC block solved by sparse")
			return nil
		}
		return l.reaction(s)
	case *ast.Conserve:
		if l.cx.kin == nil {
			l.refuse(s.At, "CONSERVE outside a KINETIC block solved by sparse")
			return nil
		}
		return l.conserve(s)
	case *ast.Compartment:
		if l.cx.kin == nil {
			l.refuse(s.At, "COMPARTMENT outside a KINETIC block solved by sparse")
		} else if !l.cx.compartments[s] {
			l.refuse(s.At, "COMPARTMENT inside a statement of a KINETIC block: not supported")
		}
		return nil
	case *ast.LongDiffusion:
		if l.cx.kin == nil {
			l.refuse(s.At, "LONGITUDINAL_DIFFUSION outside a KINETIC block solved by sparse")
			return nil
		}
		l.longDiffusion(s)
		return nil
	case *ast.LinEq:
		return l.linEq(s)
	case *ast.Watch:
		return l.watch(s)
	case *ast.ForNetcons:
		f := &ForNetcons{}
		for i, p := range s.Params {
			lc := l.newLocal(p, p.Name.Name, p.Name.At)
			lc.Kind, lc.Index, lc.ForNetcons = Weight, i, true
			f.Params = append(f.Params, lc)
		}
		saved := l.cx.loops
		l.cx.loops = 0 // its body is a Go closure
		f.Body = l.stmts(s.Body)
		l.cx.loops = saved
		return []Stmt{f}
	case *ast.InitialStmt:
		l.refuse(s.At, "INITIAL inside a block other than NET_RECEIVE")
		return nil
	case *ast.Keyword:
		if s.Word == "LAG" && len(s.Args) == 2 {
			return l.lag(s)
		}
		l.refuse(s.At, "%s: not supported yet", s.Word)
		return nil
	case *ast.Match:
		l.refuse(s.At, "MATCH: a legacy construct that nmodlgo does not compile")
	case *ast.Forall:
		l.refuse(s.At, "FORALL: a legacy construct that nmodlgo does not compile")
	case *ast.PartialEq, *ast.PartialBoundary:
		l.refuse(s.Pos(), "PARTIAL equations: a legacy construct that nmodlgo does not compile")
	default:
		l.refuse(s.Pos(), "this statement: not supported yet")
	}
	return nil
}

func (l *lowerer) ifStmt(s *ast.If) *If {
	st := &If{Cond: l.expr(s.Cond), Then: l.stmts(s.Then)}
	switch e := s.Else.(type) {
	case *ast.If:
		st.Else = l.ifStmt(e)
	case *ast.StmtBlock:
		st.Else = &Block{Body: l.stmts(e)}
	}
	return st
}

// lag lowers LAG x BY y, which sets nocmodl's lag_x_y: a variable shared
// by the instances (a static double in nocmodl's C), set just before it is
// read.
func (l *lowerer) lag(s *ast.Keyword) []Stmt {
	x, y := s.Args[0].(*ast.Name), s.Args[1].(*ast.Name)
	name := "lag_" + x.Name + "_" + y.Name
	v := l.lagVars[name]
	if v == nil {
		v = &Var{Name: name, Decl: ast.Assigned, Storage: Shared, Hidden: true, Size: 1, Pos: s.At,
			Doc: "LAG " + x.Name + " BY " + y.Name + ": " + x.Name + " " + y.Name + " ago"}
		l.lagVars[name] = v
		l.m.Vars = append(l.m.Vars, v)
	}
	st := &LagStmt{Result: &VarRef{Var: v}, X: l.expr(x), By: l.expr(y), Index: l.m.Lags}
	l.m.Lags++
	return []Stmt{st}
}

// solveIn lowers a SOLVE that is not a top-level statement of BREAKPOINT:
// in INITIAL, a FUNCTION, a PROCEDURE or a BEFORE/AFTER block, a LINEAR or
// NONLINEAR block is solved there, and a KINETIC block's steady state
// found there, as nocmodl's C does.
func (l *lowerer) solveIn(s *ast.Solve) []Stmt {
	o := l.info.Uses[s.Block]
	p := o.Proc()
	method := ""
	if s.Method != nil {
		method = s.Method.Name
	}
	inBlock := l.cx.kind == ctxInitial || l.cx.kind == ctxPlain
	switch {
	case p == nil:
		l.refuse(s.At, "SOLVE of something that is not a block")
	case inBlock && p != nil && p.Kind == ast.Kinetic && s.SteadyState != nil && s.SteadyState.Name == "sparse":
		if k := l.kinetic(p); k != nil {
			return []Stmt{&KineticSteadyState{Kinetic: k}}
		}
		return nil
	case inBlock && p != nil && p.Kind == ast.Derivative && s.SteadyState != nil && s.SteadyState.Name == "derivimplicit":
		if d := l.derivative(p, DerivImplicit, s); d != nil {
			l.diags.Warnf(s.SteadyState.At, "STEADYSTATE derivimplicit: NEURON takes one derivimplicit step of 1e-9 ms here, which does not bring the states of DERIVATIVE %s to their steady state: its Newton iteration converges only from states already there, and stops the run otherwise; nmodlgo does the same", p.Name.Name)
			d.Steady = true
			return []Stmt{&SolveDeriv{Deriv: d, Steady: true}}
		}
		return nil
	case inBlock && p != nil && p.Kind == ast.Derivative && s.SteadyState == nil:
		// one step of dt, as the state phase takes (nocmodl calls the
		// integrator there too)
		m, ok := l.derivMethod(p, s)
		if !ok {
			return nil
		}
		if d := l.derivative(p, m, s); d != nil {
			return []Stmt{&SolveDeriv{Deriv: d}}
		}
		return nil
	case inBlock && p != nil && (p.Kind == ast.Linear || p.Kind == ast.NonLinear) && s.SteadyState == nil:
		if !algebraicMethod(p.Kind, method) {
			l.refuse(s.Method.At, "METHOD %s for a %s block: nocmodl solves it with %s", method, p.Kind, algebraicMethods[p.Kind])
			return nil
		}
		if a := l.algebraic(p); a != nil {
			return []Stmt{&SolveAlgebraic{Block: a}}
		}
		return nil
	case l.cx.kind == ctxInitial:
		l.refuse(s.At, "SOLVE in INITIAL: only a DERIVATIVE block (one step, or STEADYSTATE derivimplicit), a LINEAR or NONLINEAR block, or a KINETIC block STEADYSTATE sparse, is supported yet")
	case l.cx.kind == ctxBreakpoint:
		// nocmodl takes every SOLVE out of BREAKPOINT into nrn_state, where
		// it runs at every step whatever statement held it.
		l.diags.Warnf(s.At, "SOLVE inside a statement of BREAKPOINT: NEURON solves %s at every step, whatever the statement around it says; nmodlgo does the same", s.Block.Name)
		l.solve(s)
	case l.cx.kind == ctxPlain:
		l.refuse(s.At, "SOLVE of a %s block in a FUNCTION or PROCEDURE: only DERIVATIVE, LINEAR, NONLINEAR and KINETIC ... STEADYSTATE sparse are supported yet", p.Kind)
	default:
		l.refuse(s.At, "SOLVE inside a block that is itself solved: NEURON does not run it")
	}
	return nil
}

// assign lowers lhs = rhs, and x' = f in a DERIVATIVE block.
func (l *lowerer) assign(s *ast.Assign) []Stmt {
	lhs := s.Lhs
	name, _ := lhs.(*ast.Name)
	if ix, ok := lhs.(*ast.Index); ok && ix.X.Primes > 0 {
		l.refuse(ix.At, "the derivative of an array element, %s[…]': not supported yet", ix.X.Name)
		return nil
	}
	if name != nil && name.Primes == 1 && l.cx.kind == ctxKinetic {
		// nocmodl writes Dx = e, and sparse keeps x's value at the start
		// of the step there: the equation changes that copy, not x'.
		v := l.vars[l.info.Uses[name]]
		i, ok := l.cx.kinIndex[v]
		if !ok || v.Size != 1 {
			l.refuse(name.At, "%s' = … in KINETIC %s, of which %s is not a scalar state: not supported", name.Name, l.cx.kin.Name, name.Name)
			return nil
		}
		return []Stmt{&Assign{Lhs: &KinOld{Index: i}, Rhs: l.expr(s.Rhs)}}
	}
	if name != nil && name.Primes > 0 {
		if l.cx.kind != ctxDeriv {
			l.refuse(name.At, "%s' = … outside a DERIVATIVE block: not supported", name.Name)
			return nil
		}
		if name.Primes > 1 {
			l.refuse(name.At, "%s: higher derivatives are not supported yet", name.Name+strings.Repeat("'", name.Primes))
			return nil
		}
		v := l.vars[l.info.Uses[name]]
		if v == nil || v.Decl != ast.State || v.Size != 1 {
			l.refuse(name.At, "%s' = …: only a scalar STATE is supported", name.Name)
			return nil
		}
		return []Stmt{&equation{state: &VarRef{Var: v}, rhs: l.expr(s.Rhs), pos: name.At}}
	}
	rhs := l.expr(s.Rhs)
	target := l.lvalue(lhs)
	if target == nil {
		return nil
	}
	return []Stmt{&Assign{Lhs: target, Rhs: rhs}}
}

// equation is x' = f while a DERIVATIVE block is lowered; the block's
// method then turns each into a step (see deriv).
type equation struct {
	state *VarRef
	rhs   Expr
	pos   ast.Pos
}

func (*equation) stmtNode() {}

// lvalue lowers the target of an assignment.
func (l *lowerer) lvalue(e ast.Expr) Expr {
	var n *ast.Name
	var index ast.Expr
	switch x := e.(type) {
	case *ast.Name:
		n = x
	case *ast.Index:
		n, index = x.X, x.Index
	default:
		l.refuse(e.Pos(), "assignment to this expression: not supported")
		return nil
	}
	o := l.info.Uses[n]
	if o == nil {
		l.refuse(n.At, "%s: not declared (VERBATIM text may declare it, but nmodlgo cannot read C)", n.Name)
		return nil
	}
	switch {
	case o.Kind == check.Neuron && n.Name == "v", specialName(o) && n.Name == "v":
		// v is the mechanism's copy of the membrane potential, as in nocmodl.
		return &Special{Kind: SpecialV}
	case o.Kind == check.Local && !o.TopLevel || o.Kind == check.Result:
		ref := l.localRef(n, o)
		if ref == nil {
			return nil
		}
		if index != nil {
			ref.Index = l.index(index)
			l.cx.used[ref.Local] = true // Go counts an element assignment as a use
		}
		return ref
	}
	v := l.vars[o]
	switch {
	case v == nil:
		l.refuse(n.At, "assignment to %s (%s): not supported", n.Name, o.Kind)
		return nil
	case v.Storage == Constant:
		l.refuse(n.At, "assignment to %s, a constant: not supported", n.Name)
		return nil
	case v.Handle && !isSlot(n.Name):
		l.refuse(n.At, "%s: a BBCOREPOINTER holds a hoc object (a Vector, a Random) for VERBATIM code; NMODL code cannot use it", n.Name)
		return nil
	}
	ref := &VarRef{Var: v}
	if index != nil {
		ref.Index = l.index(index)
	}
	return ref
}

// index lowers an array index.
func (l *lowerer) index(e ast.Expr) Expr { return l.expr(e) }

// localRef returns the reference of a local name.
func (l *lowerer) localRef(n *ast.Name, o *check.Object) *LocalRef {
	if o.Kind == check.Result {
		pr := l.procs[o.Proc()]
		if pr == nil || pr.Result == nil {
			l.refuse(n.At, "%s: the value of this FUNCTION is not supported here", n.Name)
			return nil
		}
		return &LocalRef{Local: pr.Result}
	}
	lc := l.locals[o]
	if lc == nil {
		l.refuse(n.At, "%s: a local name nmodlgo cannot place", n.Name)
		return nil
	}
	return &LocalRef{Local: lc}
}

// exprStmt lowers a call used as a statement, and NEURON's statement-like
// functions.
func (l *lowerer) exprStmt(s *ast.ExprStmt) []Stmt {
	c, ok := s.X.(*ast.Call)
	if !ok {
		return []Stmt{&ExprStmt{X: l.expr(s.X)}}
	}
	o := l.info.Uses[c.Fun]
	if o != nil && o.Kind == check.Builtin {
		args := func() []Expr {
			var out []Expr
			for _, a := range c.Args {
				out = append(out, l.expr(a))
			}
			return out
		}
		switch c.Fun.Name {
		case "state_discontinuity":
			if len(c.Args) != 2 {
				break
			}
			lhs := l.lvalue(c.Args[0])
			if lhs == nil {
				return nil
			}
			return []Stmt{&StateDiscontinuity{Lhs: lhs, Rhs: l.expr(c.Args[1])}}
		case "net_send":
			if a := args(); len(a) == 2 {
				l.m.SelfEvents = true
				return []Stmt{&NetSend{Delay: a[0], Flag: a[1], FromReceive: l.cx.kind == ctxReceive}}
			}
		case "net_move":
			if a := args(); len(a) == 1 {
				l.m.SelfEvents = true
				return []Stmt{&NetMove{Time: a[0]}}
			}
		case "net_event":
			if a := args(); len(a) == 1 {
				return []Stmt{&NetEvent{Time: a[0]}}
			}
		}
	}
	return []Stmt{&ExprStmt{X: l.call(c, false)}}
}

// watch lowers WATCH (a > b) flag, …: each condition gets a slot.
func (l *lowerer) watch(s *ast.Watch) []Stmt {
	var out []Stmt
	for _, w := range s.Conds {
		e := w.Cond
		for {
			p, ok := e.(*ast.Paren)
			if !ok {
				break
			}
			e = p.X
		}
		b, ok := e.(*ast.Binary)
		if !ok || b.Op != ">" && b.Op != "<" && b.Op != ">=" && b.Op != "<=" {
			l.refuse(w.At, "WATCH: only a condition comparing two values with >, <, >= or <= is supported")
			continue
		}
		x, y := l.expr(b.X), l.expr(b.Y)
		if b.Op[0] == '<' {
			x, y = y, x
		}
		slot := len(l.m.Watches)
		l.m.SelfEvents = true
		l.m.Watches = append(l.m.Watches, &Watch{Above: x, Below: y, Pos: w.At})
		out = append(out, &WatchStmt{Slot: slot, Flag: l.expr(w.Flag)})
	}
	return out
}

// expr lowers an expression.
func (l *lowerer) expr(e ast.Expr) Expr {
	switch e := e.(type) {
	case *ast.Number:
		return &Num{Value: e.Value, Text: numberText(e.Text, e.Value)}
	case *ast.Name:
		if e.Primes == 1 && l.cx.kind == ctxDeriv {
			if v := l.vars[l.info.Uses[e]]; v != nil && v.Decl == ast.State {
				return &primeRef{state: v, pos: e.At}
			}
		}
		if e.Primes > 0 {
			l.refuse(e.At, "%s' can only appear on the left of a derivative equation", e.Name)
			return zero()
		}
		return l.name(e, nil)
	case *ast.Index:
		if e.X.Primes > 0 {
			l.refuse(e.At, "%s' can only appear on the left of a derivative equation", e.X.Name)
			return zero()
		}
		return l.name(e.X, e.Index)
	case *ast.Paren:
		return &Paren{X: l.expr(e.X)}
	case *ast.Unary:
		return &Unary{Op: e.Op, X: l.expr(e.X)}
	case *ast.Binary:
		return &Binary{Op: e.Op, X: l.expr(e.X), Y: l.expr(e.Y)}
	case *ast.Call:
		return l.call(e, true)
	case *ast.LagRef:
		l.refuse(e.At, "LAG: not supported yet")
	case *ast.String:
		l.refuse(e.At, "a string is supported only as the format of printf")
	default:
		l.refuse(e.Pos(), "this expression: not supported yet")
	}
	return zero()
}

func zero() *Num { return &Num{Value: 0, Text: "0.0"} }

// kinState is state v of the kinetic system, element index of an array:
// the index must be a constant once loops are unrolled.
func (l *lowerer) kinState(n *ast.Name, v *Var, base int, index ast.Expr) Expr {
	switch {
	case index == nil && v.Size > 1:
		l.refuse(n.At, "%s: an array STATE in a KINETIC block needs an index", n.Name)
		return zero()
	case index == nil:
		return &KinState{Index: base}
	}
	x, ok := fold(l.expr(index))
	e := int(x)
	switch {
	case !ok:
		l.refuse(index.Pos(), "%s[...]: the index of an array state in a KINETIC block must be a constant or the counter of a FROM loop with constant bounds", n.Name)
		return zero()
	case e < 0 || e >= v.Size:
		l.refuse(index.Pos(), "%s[%d]: out of its bounds (0 to %d)", n.Name, e, v.Size-1)
		return zero()
	}
	return &KinState{Index: base + e}
}

// name lowers a name read in code, x or x[index].
func (l *lowerer) name(n *ast.Name, index ast.Expr) Expr {
	o := l.info.Uses[n]
	if o == nil {
		l.refuse(n.At, "%s: not declared (VERBATIM text may declare it, but nmodlgo cannot read C)", n.Name)
		return zero()
	}
	if l.cx != nil {
		if x, ok := l.cx.consts[o]; ok {
			return &Num{Value: x}
		}
	}
	if l.cx.kin != nil {
		if v := l.vars[o]; v != nil {
			if base, ok := l.cx.kinIndex[v]; ok {
				return l.kinState(n, v, base, index)
			}
		}
	}
	switch o.Kind {
	case check.Neuron:
		return l.special(n.Name)
	case check.Define:
		return &Num{Value: l.defines[n.Name]}
	case check.Local, check.Result:
		if o.TopLevel {
			break // a Var, shared by the instances
		}
		ref := l.localRef(n, o)
		if ref == nil {
			return zero()
		}
		l.cx.used[ref.Local] = true
		if index != nil {
			ref.Index = l.index(index)
		}
		return ref
	case check.Special:
		switch {
		case n.Name == "flag" && l.cx.flag != nil:
			l.cx.used[l.cx.flag] = true
			return &LocalRef{Local: l.cx.flag}
		case (n.Name == "f_flux" || n.Name == "b_flux") && l.cx.kin != nil:
			if n.Name == "f_flux" {
				return &LocalRef{Local: l.cx.kin.FFlux}
			}
			return &LocalRef{Local: l.cx.kin.BFlux}
		}
		l.refuse(n.At, "%s: not supported here", n.Name)
		return zero()
	case check.Implicit:
		if v := l.lagVars[n.Name]; v != nil {
			return &VarRef{Var: v}
		}
		if n.Name == "usetable" {
			return &VarRef{Var: l.useTable()}
		}
		l.refuse(n.At, "%s: a variable nocmodl makes (the start value of a STATE, or LAG's before its LAG) is not supported yet", n.Name)
		return zero()
	case check.Var:
		if specialName(o) {
			return l.special(n.Name)
		}
	}
	v := l.vars[o]
	if v == nil {
		l.refuse(n.At, "%s (%s): not supported here", n.Name, o.Kind)
		return zero()
	}
	if v.Handle && !isSlot(n.Name) {
		l.refuse(n.At, "%s: a BBCOREPOINTER holds a hoc object (a Vector, a Random) for VERBATIM code; NMODL code cannot use it", n.Name)
		return zero()
	}
	if l.info.VerbatimIons[n] {
		switch {
		case v.Ion == nil || l.cx.kind == ctxReceive || index != nil:
			l.refuse(n.At, "VERBATIM: C _ion_%s: the value of no ion variable, or read in NET_RECEIVE, where it may differ from the mechanism's copy", n.Name)
			return zero()
		case v.Storage != IonRead:
			// the mechanism writes it: the ion's value, not its copy
			return &IonValue{Var: v}
		}
	}
	if v.Storage == Constant {
		return &Num{Value: v.Default}
	}
	ref := &VarRef{Var: v}
	if index != nil {
		ref.Index = l.index(index)
	}
	return ref
}

// builtins are the functions NEURON provides that nmodlgo supports, with
// their number of arguments.
var builtins = map[string]int{
	"exp": 1, "fabs": 1, "pow": 2, "log": 1, "log10": 1, "sqrt": 1, "sin": 1, "cos": 1, "tan": 1,
	"asin": 1, "acos": 1, "atan": 1, "atan2": 2, "sinh": 1, "cosh": 1, "tanh": 1, "floor": 1,
	"ceil": 1, "fmod": 2, "at_time": 1, "erand": 0, "nrn_ghk": 4,
	"scop_random": 0, "set_seed": 1, "exprand": 1, "normrand": 2, "poisrand": 1, "erf": 1,
	// scopmath's (mechimpl/scopmath.go)
	"factorial": 1, "gauss": 3, "poisson": 2, "sigmoid": 4, "revsigmoid": 4, "hyperbol": 3,
	"revhyperbol": 3, "harmonic": 4, "squarewave": 3, "sawtooth": 3, "revsawtooth": 3, "ramp": 4,
	"pulse": 4, "perpulse": 5, "perstep": 4,
	// hoc objects by handle and a hoc call's arguments (package verbatim)
	"ifarg": 1, "getarg": 1, "vector_arg": 1, "nrn_random_arg": 1, "vector_capacity": 1,
	"nrn_random_pick": 1, verbatim.VectorElement: 2, verbatim.Truncate: 1,
	"vector_resize": 2, verbatim.VectorSetElement: 3,
	"nrnran123_newstream": 2, "nrnran123_newstream3": 3, "nrnran123_setseq": 3,
	"nrnran123_dblpick": 1, "nrnran123_negexp": 1, "nrnran123_normal": 1,
}

// argFuncs read the arguments of the hoc call being made.
var argFuncs = map[string]bool{"ifarg": true, "getarg": true, "vector_arg": true, "nrn_random_arg": true}

// isSlot reports whether a name is nocmodl's _p_x, the slot of a
// BBCOREPOINTER x, which VERBATIM code reaches.
func isSlot(name string) bool { return strings.HasPrefix(name, "_p_") }

// call lowers a call; asValue says that its value is used.
func (l *lowerer) call(c *ast.Call, asValue bool) Expr {
	o := l.info.Uses[c.Fun]
	if o != nil && o.Kind == check.Builtin && c.Fun.Name == "printf" {
		return l.printf(c)
	}
	if o != nil && o.Kind == check.Builtin && (c.Fun.Name == "hoc_execerror" || c.Fun.Name == "hoc_execerr_ext") {
		return l.execError(c)
	}
	if o != nil && o.Kind == check.Builtin && c.Fun.Name == "nrn_pointing" {
		// 1 when the POINTER has been set (setpointer), else 0
		if len(c.Args) == 1 {
			if n, ok := c.Args[0].(*ast.Name); ok {
				if v := l.vars[l.info.Uses[n]]; v != nil && v.Storage == Pointer {
					return &PointerSet{Var: v}
				}
			}
		}
		l.refuse(c.At, "nrn_pointing takes one POINTER of the mechanism")
		return zero()
	}
	if o != nil && o.Kind == check.Builtin && randomFuncs[c.Fun.Name] {
		return l.randomCall(c)
	}
	var args []Expr
	for _, a := range c.Args {
		args = append(args, l.expr(a))
	}
	switch {
	case o != nil && o.Kind == check.Builtin && c.Fun.Name == "step":
		l.refuse(c.Fun.At, "call of step: NEURON 8.2.2 crashes (a segmentation fault) when a mechanism calls scopmath's step, so there is no trace of NEURON's to give; write it as (t >= jumpt)*jump")
	case o == nil && arborBuiltins[c.Fun.Name]:
		l.refuse(c.Fun.At, "call of %s: a built-in function of Arbor's modcc, not of NEURON's (NEURON cannot load a mechanism that calls it; define it as a FUNCTION)", c.Fun.Name)
	case o == nil:
		l.refuse(c.Fun.At, "call of %s: a function defined nowhere (VERBATIM text may define it, but nmodlgo cannot read C)", c.Fun.Name)
	case o.Kind == check.Block:
		p := o.Proc()
		if pr := l.procs[p]; pr != nil {
			if len(args) != len(pr.Params) {
				l.refuse(c.Fun.At, "call of %s with %d arguments: it takes %d", c.Fun.Name, len(args), len(pr.Params))
				break
			}
			if asValue && pr.Result == nil {
				pr.Valued = true // a PROCEDURE's value is 0, as in nocmodl's C
			}
			return &Call{Proc: pr, Args: args}
		}
		if ft := l.ftabs[p]; ft != nil {
			if len(args) != ft.Args {
				l.refuse(c.Fun.At, "call of FUNCTION_TABLE %s with %d arguments: it takes %d", c.Fun.Name, len(args), ft.Args)
				break
			}
			return &TableCall{Table: ft, Args: args}
		}
		l.refuse(c.Fun.At, "call of %s %s: not supported", p.Kind, c.Fun.Name)
	case o.Kind == check.Builtin:
		name := c.Fun.Name
		n, ok := builtins[name]
		switch {
		case !ok && isRandom(name):
			l.refuse(c.Fun.At, "%s: NEURON's random numbers are not supported yet", name)
		case !ok && (name == "net_send" || name == "net_move" || name == "net_event" || name == "state_discontinuity"):
			l.refuse(c.Fun.At, "%s: supported only as a statement", name)
		case !ok:
			l.refuse(c.Fun.At, "%s: this function of NEURON's is not supported yet", name)
		case n != len(args):
			l.refuse(c.Fun.At, "%s takes %d arguments, not %d", name, n, len(args))
		default:
			if argFuncs[name] {
				l.variadic = true
			}
			return &Builtin{Name: name, Args: args}
		}
	default:
		l.refuse(c.Fun.At, "call of %s (%s): not supported", c.Fun.Name, o.Kind)
	}
	return zero()
}

// randomFuncs are NEURON 9's functions of a RANDOM variable (check
// has checked their arguments).
var randomFuncs = map[string]bool{
	"random_setseq": true, "random_setids": true, "random_uniform": true, "random_negexp": true,
	"random_normal": true, "random_ipick": true, "random_dpick": true,
}

// randomCall lowers random_negexp(r, …) and kin: the stream of RANDOM r.
func (l *lowerer) randomCall(c *ast.Call) Expr {
	if n, ok := c.Args[0].(*ast.Name); ok {
		for _, r := range l.m.Randoms {
			if r.Name == n.Name {
				b := &Builtin{Name: c.Fun.Name, Stream: r}
				for _, a := range c.Args[1:] {
					b.Args = append(b.Args, l.expr(a))
				}
				return b
			}
		}
	}
	l.refuse(c.At, "%s: its first argument must be a RANDOM variable", c.Fun.Name)
	return zero()
}

// arborBuiltins are functions Arbor's modcc provides that NEURON does not.
var arborBuiltins = map[string]bool{"exprelr": true, "min": true, "max": true, "signum": true}

// isRandom reports whether name is one of NEURON's random-number
// functions.
func isRandom(name string) bool {
	switch name {
	case "normrand", "exprand", "unirand", "poisrand", "poisson", "gauss", "set_seed", "setseed", "scop_random", "nrn_random_play":
		return true
	}
	return false
}

// execError lowers hoc_execerror(s1, s2) and hoc_execerr_ext(format,
// args…): the run stops with the message (s1 and s2 with a space, as
// hoc prints them; s2 may be 0).
func (l *lowerer) execError(c *ast.Call) Expr {
	text := func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.String:
			s, err := strconv.Unquote(`"` + e.Value + `"`)
			return s, err == nil
		case *ast.Number:
			return "", e.Value == 0 // a null pointer
		}
		return "", false
	}
	if c.Fun.Name == "hoc_execerror" {
		s1, ok1 := text(c.Args[0])
		s2, ok2 := text(c.Args[1])
		if !ok1 || !ok2 {
			l.refuse(c.At, "hoc_execerror takes two strings (the second may be 0)")
			return zero()
		}
		msg := s1
		if s2 != "" {
			msg += " " + s2
		}
		return &Fail{Format: strings.ReplaceAll(msg, "%", "%%")}
	}
	format, ok := text(c.Args[0])
	if len(c.Args) == 0 || !ok {
		l.refuse(c.At, "hoc_execerr_ext takes a format string first")
		return zero()
	}
	f := &Fail{Format: format}
	for _, a := range c.Args[1:] {
		f.Args = append(f.Args, l.expr(a))
	}
	return f
}

// printf lowers printf(format, args…).
func (l *lowerer) printf(c *ast.Call) Expr {
	if len(c.Args) == 0 {
		l.refuse(c.At, "printf needs a format string")
		return zero()
	}
	lit, ok := c.Args[0].(*ast.String)
	if !ok {
		l.refuse(c.Args[0].Pos(), "printf: only a string literal is supported as the format")
		return zero()
	}
	format, err := strconv.Unquote(`"` + lit.Value + `"`)
	if err != nil {
		l.refuse(lit.At, "printf format: %v", err)
		return zero()
	}
	pf := &Printf{Format: format}
	for _, a := range c.Args[1:] {
		pf.Args = append(pf.Args, l.expr(a))
	}
	return pf
}

// numberText writes a number so that Go reads it as the same float64.
func numberText(text string, value float64) string {
	if text == "" {
		text = strconv.FormatFloat(value, 'g', -1, 64)
	}
	if strings.HasPrefix(text, ".") {
		text = "0" + text
	}
	if strings.HasSuffix(text, ".") {
		text += "0"
	}
	if !strings.ContainsAny(text, ".eE") {
		text += ".0"
	}
	return text
}
