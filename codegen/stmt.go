package codegen

import (
	"slices"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ast"
)

// scope maps the NMODL names of arguments and LOCALs to Go identifiers.
type scope struct {
	names  map[string]string
	ints   map[string]bool // FROM loop counters, Go ints
	arrays map[string]bool // LOCAL arrays
	parent *scope
}

func newScope(parent *scope) *scope {
	return &scope{names: map[string]string{}, ints: map[string]bool{}, arrays: map[string]bool{}, parent: parent}
}

func (s *scope) declare(name string) string {
	id := goName(name)
	s.names[name] = id
	return id
}

func (s *scope) lookup(name string) (string, bool) {
	id, _, ok := s.lookupInt(name)
	return id, ok
}

// isArray reports whether name is a LOCAL array in scope.
func (s *scope) isArray(name string) bool {
	for ; s != nil; s = s.parent {
		if _, ok := s.names[name]; ok {
			return s.arrays[name]
		}
	}
	return false
}

// lookupInt also says whether the name is an integer loop counter.
func (s *scope) lookupInt(name string) (id string, isInt, ok bool) {
	for ; s != nil; s = s.parent {
		if id, ok := s.names[name]; ok {
			return id, s.ints[name], true
		}
	}
	return "", false, false
}

// body translates a block's statements.
func (g *emitter) body(p *ast.Proc, b *ast.StmtBlock, sc *scope) []jen.Code {
	var out []jen.Code
	for _, s := range b.Stmts {
		out = append(out, g.stmt(p, s, sc)...)
	}
	return out
}

func (g *emitter) block(p *ast.Proc, b *ast.StmtBlock, sc *scope) []jen.Code {
	return g.body(p, b, newScope(sc))
}

func (g *emitter) stmt(p *ast.Proc, s ast.Stmt, sc *scope) []jen.Code {
	switch s := s.(type) {
	case *ast.Local:
		var ids, arrays, unused []jen.Code
		for _, n := range s.Names {
			id := sc.declare(n.Name.Name)
			if n.Size != nil {
				size, ok := g.m.constant(n.Size)
				if !ok || size < 1 || size != float64(int(size)) {
					g.errorf(n.At, "the size of LOCAL %s must be a positive integer", n.Name.Name)
					continue
				}
				sc.arrays[n.Name.Name] = true
				arrays = append(arrays, jen.Var().Id(id).Index(jen.Lit(int(size))).Float64())
			} else {
				ids = append(ids, jen.Id(id))
			}
			if !readsName(p.Body, n.Name.Name) {
				unused = append(unused, jen.Id("_").Op("=").Id(id))
			}
		}
		var out []jen.Code
		if len(ids) > 0 {
			out = append(out, jen.Var().List(ids...).Float64())
		}
		return append(append(out, arrays...), unused...)
	case *ast.Assign:
		if n, ok := s.Lhs.(*ast.Name); ok && n.Primes > 0 {
			return []jen.Code{g.derivative(n, s.Rhs, sc)}
		}
		return []jen.Code{g.lvalue(s.Lhs, sc).Op("=").Add(g.num(s.Rhs, sc))}
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.Call); ok && c.Fun.Name == "state_discontinuity" && len(c.Args) == 2 {
			// In fixed step an assignment, which NEURON makes only in the
			// first of the two BREAKPOINT evaluations (state_discon_flag_)
			// and not while finitialize evaluates the currents.
			if g.secondCopy {
				return []jen.Code{jen.Comment("state_discontinuity: assigned in the evaluation at v + 0.001 only")}
			}
			return []jen.Code{jen.If(jen.Id("k").Dot("ctx").Dot("DisconAllowed")).Block(
				g.lvalue(c.Args[0], sc).Op("=").Add(g.num(c.Args[1], sc)))}
		}
		if c, ok := s.X.(*ast.Call); ok {
			return []jen.Code{g.call(c, sc)}
		}
		return []jen.Code{jen.Id("_").Op("=").Add(g.num(s.X, sc))}
	case *ast.If:
		return []jen.Code{g.ifStmt(p, s, sc)}
	case *ast.While:
		return []jen.Code{jen.For(g.cond(s.Cond, sc)).Block(g.block(p, s.Body, sc)...)}
	case *ast.StmtBlock:
		return []jen.Code{jen.Block(g.block(p, s, sc)...)}
	case *ast.For:
		// FROM i = a TO b BY c: an integer counter, bounds truncated, as
		// in nocmodl's C.
		inner := newScope(sc)
		i := inner.declare(s.Var.Name)
		inner.ints[s.Var.Name] = true
		step := jen.Id(i).Op("++")
		if s.By != nil {
			step = jen.Id(i).Op("+=").Int().Call(g.num(s.By, sc))
		}
		return []jen.Code{jen.For(
			jen.Id(i).Op(":=").Int().Call(g.num(s.From, sc)),
			jen.Id(i).Op("<=").Int().Call(g.num(s.To, sc)),
			step,
		).Block(g.body(p, s.Body, inner)...)}
	case *ast.Protect:
		// PROTECT guards an assignment against other threads; a model runs
		// in one goroutine.
		return g.stmt(p, s.Stmt, sc)
	case *ast.Solve:
		if p.Kind == ast.Initial {
			blk := g.m.Proc(s.Block.Name)
			if blk != nil && g.kinetics[blk] != nil && s.SteadyState != nil && s.SteadyState.Name == "sparse" {
				// NEURON's steady state: one backward Euler step of 1e9 ms.
				return []jen.Code{jen.Id("k").Dot(kineticStep(blk)).Call(jen.Id("ix"), jen.Lit(1e9))}
			}
			g.errorf(s.At, "SOLVE in INITIAL is supported only as SOLVE kinetic STEADYSTATE sparse yet")
			return nil
		}
		if p.Kind != ast.Breakpoint {
			where := p.Kind.String()
			if p.Name != nil {
				where += " " + p.Name.Name
			}
			g.errorf(s.At, "SOLVE inside %s is not supported yet; SOLVE it from BREAKPOINT", where)
		}
		return nil // BREAKPOINT's SOLVEs run in the state phase
	case *ast.Reaction:
		if g.kin == nil {
			g.errorf(s.At, "a reaction outside a KINETIC block")
			return nil
		}
		return g.reaction(s, sc)
	case *ast.Compartment:
		var out []jen.Code
		for _, st := range s.States {
			if i, ok := g.kin.index[st.Name]; ok {
				out = append(out, jen.Id("vol").Index(jen.Lit(i)).Op("=").Add(g.num(s.Volume, sc)))
			}
		}
		return out
	case *ast.Conserve:
		return []jen.Code{jen.Id("total").Index(jen.Lit(slices.Index(g.kin.cons, s))).Op("=").Add(g.num(s.Rhs, sc))}
	case *ast.Watch:
		var out []jen.Code
		for _, w := range s.Conds {
			slot := len(g.watches) // its condition is emitted by watchValue
			g.watches = append(g.watches, w)
			out = append(out, jen.Id("k").Dot("sink").Dot("Watch").Call(jen.Id("ix"), jen.Lit(slot), g.num(w.Flag, sc)))
		}
		return out
	case *ast.ForNetcons:
		// The body runs on the weights of every NetCon to this instance.
		inner := newScope(sc)
		bindWeights(inner, s.Params, "fw")
		fn := jen.Func().Params(jen.Id("fw").Index().Float64()).Block(g.body(p, s.Body, inner)...)
		return []jen.Code{jen.Id("k").Dot("sink").Dot("ForNetCons").Call(jen.Id("ix"), fn)}
	case *ast.Table, *ast.UnitsOnOff:
		return nil // handled by the phases, the table lookup, or only about units
	case *ast.Keyword:
		g.errorf(s.At, "%s is not supported yet", s.Word)
		return nil
	default:
		g.errorf(s.Pos(), "this statement is not supported yet")
		return nil
	}
}

func (g *emitter) ifStmt(p *ast.Proc, s *ast.If, sc *scope) *jen.Statement {
	st := jen.If(g.cond(s.Cond, sc)).Block(g.block(p, s.Then, sc)...)
	switch e := s.Else.(type) {
	case *ast.If:
		st.Else().Add(g.ifStmt(p, e, sc))
	case *ast.StmtBlock:
		st.Else().Block(g.block(p, e, sc)...)
	}
	return st
}

// derivative emits the cnexp update of x' = f.
func (g *emitter) derivative(x *ast.Name, f ast.Expr, sc *scope) jen.Code {
	if x.Primes > 1 {
		g.errorf(x.At, "%s: higher derivatives are not supported by cnexp", x.Name+"''")
		return jen.Null()
	}
	if g.method == "euler" || g.method == "runge" {
		return jen.Id(goName("D" + x.Name)).Op("=").Add(g.num(f, sc))
	}
	a, b, ok := cnexp(f, x.Name)
	if !ok {
		if g.method == "derivimplicit" {
			g.errorf(x.At, "derivimplicit: the equation for %s' is not linear in %s; nmodlgo solves only linear equations this way yet", x.Name, x.Name)
		} else {
			g.errorf(x.At, "cnexp: the equation for %s' is not linear in %s (NEURON would fall back to derivimplicit, which nmodlgo supports only for linear equations yet)", x.Name, x.Name)
		}
		return jen.Null()
	}
	xs := g.lvalue(x, sc)
	if g.method == "derivimplicit" {
		for name := range g.stateDeps {
			if name != x.Name && dependsOn(f, name) {
				g.errorf(x.At, "derivimplicit: the equation for %s' depends on %s, which depends on the states; nmodlgo solves only uncoupled linear equations this way yet", x.Name, name)
				return jen.Null()
			}
		}
		// Backward Euler, (x1 - x)/dt = a*x1 + b, which NEURON's Newton
		// iteration converges to; for a linear equation it is exact.
		return jen.Block(
			jen.Commentf("%s' = a*%s + b: a backward Euler step (derivimplicit)", x.Name, x.Name),
			jen.List(jen.Id("a"), jen.Id("b")).Op(":=").List(g.num(a, sc), g.num(b, sc)),
			xs.Clone().Op("=").Parens(g.lvalue(x, sc).Op("+").Id("k").Dot("ctx").Dot("Dt").Op("*").Id("b")).
				Op("/").Parens(jen.Lit(1.0).Op("-").Id("k").Dot("ctx").Dot("Dt").Op("*").Id("a")),
		)
	}
	if isNum(a, 0) {
		return xs.Clone().Op("=").Add(g.lvalue(x, sc)).Op("+").Id("k").Dot("ctx").Dot("Dt").Op("*").Parens(g.num(b, sc))
	}
	// x = x + (1 - exp(dt*a))*(-b/a - x), with a and b computed once.
	return jen.Block(
		jen.Commentf("%s' = a*%s + b: the exact step over dt (cnexp)", x.Name, x.Name),
		jen.List(jen.Id("a"), jen.Id("b")).Op(":=").List(g.num(a, sc), g.num(b, sc)),
		xs.Clone().Op("=").Add(g.lvalue(x, sc)).Op("+").
			Parens(jen.Lit(1.0).Op("-").Add(rtQual("Exp")).Call(jen.Id("k").Dot("ctx").Dot("Dt").Op("*").Id("a"))).
			Op("*").Parens(jen.Op("-").Id("b").Op("/").Id("a").Op("-").Add(g.lvalue(x, sc))),
	)
}

// stateDependent returns the names whose values in block b depend on the
// mechanism's states: the states, and what is assigned from them. ok is
// false if a call or a condition depends on them too, which it cannot
// follow.
func stateDependent(m *Mechanism, b *ast.StmtBlock) (deps map[string]bool, ok bool) {
	deps = map[string]bool{}
	for _, v := range m.Vars {
		if v.Decl == ast.State {
			deps[v.Name] = true
		}
	}
	uses := func(e ast.Expr) bool {
		for name := range deps {
			if dependsOn(e, name) {
				return true
			}
		}
		return false
	}
	ok = true
	walkStmts(b, func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.Assign:
			if n, isName := s.Lhs.(*ast.Name); isName && n.Primes == 0 && uses(s.Rhs) {
				deps[n.Name] = true
			}
		case *ast.ExprStmt:
			ok = ok && !uses(s.X)
		case *ast.If:
			ok = ok && !uses(s.Cond)
		}
		return true
	})
	return deps, ok
}

// walkStmts calls fn for every statement of b, nested blocks included, in
// source order; where fn returns false, it skips that statement's blocks.
func walkStmts(b *ast.StmtBlock, fn func(ast.Stmt) bool) {
	for _, s := range b.Stmts {
		if !fn(s) {
			continue
		}
		switch s := s.(type) {
		case *ast.If:
			walkStmts(s.Then, fn)
			switch e := s.Else.(type) {
			case *ast.StmtBlock:
				walkStmts(e, fn)
			case *ast.If:
				walkStmts(&ast.StmtBlock{Stmts: []ast.Stmt{e}}, fn)
			}
		case *ast.While:
			walkStmts(s.Body, fn)
		case *ast.For:
			walkStmts(s.Body, fn)
		case *ast.StmtBlock:
			walkStmts(s, fn)
		}
	}
}

// primed lists the states whose derivatives b assigns, in order, once each.
func primed(b *ast.StmtBlock) []string {
	var out []string
	seen := map[string]bool{}
	walkStmts(b, func(s ast.Stmt) bool {
		if as, ok := s.(*ast.Assign); ok {
			if n, ok := as.Lhs.(*ast.Name); ok && n.Primes == 1 && !seen[n.Name] {
				seen[n.Name] = true
				out = append(out, n.Name)
			}
		}
		return true
	})
	return out
}

// readsName reports whether name is read anywhere in b.
func readsName(b *ast.StmtBlock, name string) bool {
	found := false
	reads := func(e ast.Expr) {
		if e != nil && dependsOn(e, name) {
			found = true
		}
	}
	walkStmts(b, func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.Assign:
			if ix, ok := s.Lhs.(*ast.Index); ok {
				reads(ix.Index)
			}
			reads(s.Rhs)
		case *ast.ExprStmt:
			reads(s.X)
		case *ast.If:
			reads(s.Cond)
		case *ast.While:
			reads(s.Cond)
		case *ast.For:
			reads(s.From)
			reads(s.To)
			reads(s.By)
			return s.Var.Name != name // the body's name is the loop's own
		}
		return true
	})
	return found
}
