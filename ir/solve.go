package ir

import (
	"slices"

	"github.com/nmodlgo/nmodlgo/ast"
)

// solve lowers a SOLVE of BREAKPOINT (check has matched its method to its
// block): the state phase runs it.
func (l *lowerer) solve(sv *ast.Solve) {
	o := l.info.Uses[sv.Block]
	p := o.Proc()
	method := ""
	if sv.Method != nil {
		method = sv.Method.Name
	}
	if sv.SteadyState != nil && (p.Kind != ast.Kinetic || sv.SteadyState.Name != "sparse") {
		l.refuse(sv.SteadyState.At, "SOLVE … STEADYSTATE %s of a %s block in BREAKPOINT: not supported", sv.SteadyState.Name, p.Kind)
		return
	}
	s := &Solve{Pos: sv.At}
	switch p.Kind {
	case ast.Procedure:
		// With no METHOD, or after_cvode and its kin, which mean the same in
		// the fixed step: called after the voltage update, as nrn_state does.
		switch method {
		case "", "after_cvode", "cvode_t", "cvode_t_v":
		default:
			l.refuse(sv.Method.At, "SOLVE of a PROCEDURE with METHOD %s: not supported", method)
			return
		}
		pr := l.procs[p]
		if pr == nil || len(p.Params) > 0 {
			l.refuse(sv.Block.At, "SOLVE of a PROCEDURE with arguments: not supported")
			return
		}
		s.Method, s.Proc = ProcedureCall, pr
	case ast.Kinetic:
		if sv.SteadyState != nil {
			// nrn_state finds the steady state at every step
			method, s.SteadyState = "sparse", true
		}
		if method != "sparse" {
			if method == "" {
				method = "none (nocmodl's advance, which NEURON does not provide)"
			}
			l.refuse(sv.At, "SOLVE of a KINETIC block with METHOD %s: only sparse is supported", method)
			return
		}
		s.Method, s.Kinetic = Sparse, l.kinetic(p)
		if s.Kinetic == nil {
			return
		}
	case ast.Derivative:
		m, ok := l.derivMethod(p, sv)
		if !ok {
			return
		}
		s.Method, s.Deriv = m, l.derivative(p, m, sv)
		if s.Deriv == nil {
			return
		}
		s.Method = s.Deriv.Method // cnexp may have become derivimplicit
	case ast.Linear, ast.NonLinear:
		if !algebraicMethod(p.Kind, method) {
			l.refuse(sv.Method.At, "METHOD %s for a %s block: nocmodl solves it with %s", method, p.Kind, algebraicMethods[p.Kind])
			return
		}
		s.Method, s.Algebraic = AlgebraicSolve, l.algebraic(p)
		if s.Algebraic == nil {
			return
		}
	default:
		l.refuse(sv.Block.At, "SOLVE of a %s block: not supported", p.Kind)
		return
	}
	switch s.Method {
	case DerivImplicit, Sparse, Euler, Runge:
		l.m.StateDtHalved = true
	}
	l.m.Solves = append(l.m.Solves, s)
}

// derivMethod is the method a SOLVE names for a DERIVATIVE block.
func (l *lowerer) derivMethod(p *ast.Proc, sv *ast.Solve) (Method, bool) {
	method := ""
	if sv.Method != nil {
		method = sv.Method.Name
	}
	switch method {
	case "cnexp":
		return Cnexp, true
	case "derivimplicit":
		return DerivImplicit, true
	case "euler":
		return Euler, true
	case "runge":
		return Runge, true
	case "":
		l.refuse(sv.At, "SOLVE %s without METHOD: NEURON integrates a DERIVATIVE block with adrunge (scopmath's adaptive Runge-Kutta) then, which nmodlgo does not support yet", p.Name.Name)
	default:
		l.refuse(sv.Method.At, "METHOD %s: nmodlgo supports cnexp, derivimplicit, euler and runge for a DERIVATIVE block", method)
	}
	return 0, false
}

// algebraicMethods are the methods of scopmath that solve LINEAR and
// NONLINEAR blocks, the default when SOLVE names none.
var algebraicMethods = map[ast.ProcKind]string{ast.Linear: "simeq", ast.NonLinear: "newton"}

func algebraicMethod(kind ast.ProcKind, method string) bool {
	return method == "" || method == algebraicMethods[kind]
}

// derivative lowers a DERIVATIVE block for its method, once.
func (l *lowerer) derivative(p *ast.Proc, m Method, sv *ast.Solve) *Deriv {
	if d := l.derivs[p]; d != nil {
		if d.Method != m && !(m == Cnexp && d.Method == DerivImplicit) {
			l.refuse(sv.At, "DERIVATIVE %s solved by two methods: not supported", p.Name.Name)
			return nil
		}
		return d
	}
	d := &Deriv{Name: p.Name.Name, Method: m, Pos: p.At}
	l.derivs[p] = d
	l.m.Derivs = append(l.m.Derivs, d)
	d.Body = l.withContext(&context{kind: ctxDeriv}, func() []Stmt {
		body := l.stmts(p.Body)
		d.States = equationStates(body)
		if m == Cnexp && !allLinear(body) {
			// nocmodl: "Could not translate using cnexp method; using
			// derivimplicit"
			l.diags.Warnf(sv.At, "cnexp cannot integrate DERIVATIVE %s (an equation is not linear in its state): NEURON uses derivimplicit for it, and so does nmodlgo", d.Name)
			m, d.Method = DerivImplicit, DerivImplicit
		}
		if m != Cnexp {
			for _, v := range d.States {
				d.DStates = append(d.DStates, &Local{Name: "D" + v.Name})
			}
		}
		l.derivReads(body, d)
		return l.steps(body, d)
	})
	return d
}

// primeRef is x' read as a value in a DERIVATIVE block, before the
// block's method gives it its storage (derivReads).
type primeRef struct {
	state *Var
	pos   ast.Pos
}

func (*primeRef) exprNode() {}

// derivReads gives each x' read as a value the derivative the block just
// computed (nocmodl's Dx), where x's equation comes before it at the top
// of the block; otherwise, and with cnexp, which computes no Dx, it is
// refused.
func (l *lowerer) derivReads(body []Stmt, d *Deriv) {
	given := map[*Var]bool{}
	for _, s := range body {
		inspectStmts([]Stmt{s}, func(s Stmt) {
			mapStmtExprs(s, func(e Expr) Expr {
				return mapExpr(e, func(e Expr) Expr {
					p, ok := e.(*primeRef)
					if !ok {
						return e
					}
					i := slices.Index(d.States, p.state)
					switch {
					case d.Method == Cnexp:
						l.refuse(p.pos, "%s' read as a value with cnexp, which computes no derivative: use derivimplicit", p.state.Name)
					case i >= 0 && !given[p.state] && d.Method == DerivImplicit:
						l.keepDeriv(d, i, p.pos)
						return &LocalRef{Local: d.DStates[i]}
					case i < 0 || !given[p.state]:
						l.refuse(p.pos, "%s' read before its equation in the block: nocmodl reads the value of the evaluation before, which nmodlgo keeps with derivimplicit only", p.state.Name)
					default:
						return &LocalRef{Local: d.DStates[i]}
					}
					return zero()
				})
			})
		})
		if eq, ok := s.(*equation); ok {
			given[eq.state.Var] = true
		}
	}
}

// keepDeriv gives Dx of state i of d per-instance storage (Deriv.Kept).
func (l *lowerer) keepDeriv(d *Deriv, i int, pos ast.Pos) {
	if d.Kept == nil {
		d.Kept = make([]*Var, len(d.States))
	}
	if d.Kept[i] != nil {
		return
	}
	x := d.States[i]
	name := "D" + x.Name
	for l.byName[name] != nil {
		name += "_"
	}
	v := &Var{Name: name, Decl: ast.Assigned, Storage: PerInstance, Hidden: true, Size: 1, Pos: pos,
		Doc: x.Name + "' of the evaluation before, which DERIVATIVE " + d.Name + " reads before its equation"}
	l.byName[name] = v
	l.m.Vars = append(l.m.Vars, v)
	d.Kept[i] = v
}

// allLinear reports whether every equation of body is linear in its
// state, as cnexp needs.
func allLinear(body []Stmt) bool {
	ok := true
	inspectStmts(body, func(s Stmt) {
		if eq, isEq := s.(*equation); isEq {
			if _, _, lin := linear(eq.rhs, variable{v: eq.state.Var}); !lin {
				ok = false
			}
		}
	})
	return ok
}

// equationStates lists the states that equations in body give a
// derivative, in order, once each.
func equationStates(body []Stmt) []*Var {
	var out []*Var
	inspectStmts(body, func(s Stmt) {
		if eq, ok := s.(*equation); ok && !contains(out, eq.state.Var) {
			out = append(out, eq.state.Var)
		}
	})
	return out
}

func contains(list []*Var, v *Var) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// steps replaces each equation of body by its method's statement.
func (l *lowerer) steps(body []Stmt, d *Deriv) []Stmt {
	out := make([]Stmt, 0, len(body))
	for _, s := range body {
		switch s := s.(type) {
		case *equation:
			if st := l.step(s, d); st != nil {
				out = append(out, st)
			}
			continue
		case *If:
			s.Then = l.steps(s.Then, d)
			if s.Else != nil {
				s.Else = l.steps([]Stmt{s.Else}, d)[0]
			}
		case *Block:
			s.Body = l.steps(s.Body, d)
		case *While:
			s.Body = l.steps(s.Body, d)
		case *For:
			s.Body = l.steps(s.Body, d)
		}
		out = append(out, s)
	}
	return out
}

// step turns x' = f into the statement of the block's method: for cnexp
// the exact step of a linear equation, for the others the assignment of
// the derivative, which their integrator uses.
func (l *lowerer) step(eq *equation, d *Deriv) Stmt {
	if d.Method != Cnexp {
		for i, v := range d.States {
			if v == eq.state.Var {
				return &DerivAssign{D: d.DStates[i], Rhs: eq.rhs}
			}
		}
	}
	x := variable{v: eq.state.Var}
	a, b, ok := linear(eq.rhs, x)
	if !ok {
		l.refuse(eq.pos, "cnexp: the equation for %s' is not linear in %s: nmodlgo does not reproduce nocmodl's step for it yet", x.v.Name, x.v.Name)
		return nil
	}
	return &CnexpStep{State: eq.state, A: a, B: b}
}
