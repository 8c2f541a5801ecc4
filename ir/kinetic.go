package ir

import (
	"github.com/nmodlgo/nmodlgo/ast"
)

// kinetic lowers a KINETIC block for sparse, once: its states are the
// STATEs its reactions name, in declaration order.
func (l *lowerer) kinetic(p *ast.Proc) *Kinetic {
	if k, ok := l.kins[p]; ok {
		return k
	}
	l.kins[p] = nil // a block that fails is refused once
	used := map[*Var]bool{}
	ok := true
	linear := true
	ast.Inspect(p.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.Reaction:
			for _, side := range [][]*ast.ReactTerm{s.Lhs, s.Rhs} {
				terms, states := 0, 0
				for _, t := range side {
					terms += t.Coef
					if v := l.reactVar(t); v != nil && v.Decl == ast.State {
						states++
					}
				}
				if states > 0 && terms > 1 {
					linear = false
				}
			}
		case *ast.ReactTerm:
			switch e := s.State.(type) {
			case *ast.Name:
				if v := l.vars[l.info.Uses[e]]; v != nil && v.Decl == ast.State {
					used[v] = true
				}
			case *ast.Index:
				if v := l.vars[l.info.Uses[e.X]]; v != nil && v.Decl == ast.State {
					l.refuse(e.At, "KINETIC with array states: not supported yet")
					ok = false
				}
			}
		case *ast.Compartment:
			if s.Index != nil {
				l.refuse(s.At, "COMPARTMENT over an index: not supported yet")
				ok = false
			}
		case *ast.Assign:
			if n, isName := s.Lhs.(*ast.Name); isName && n.Primes > 0 {
				l.refuse(n.At, "a derivative equation in a KINETIC block: not supported yet")
				ok = false
			}
		}
		return true
	})
	if !ok {
		return nil
	}
	k := &Kinetic{Name: p.Name.Name, Pos: p.At, FFlux: &Local{Name: "f_flux"}, BFlux: &Local{Name: "b_flux"}, Linear: linear}
	index := map[*Var]int{}
	for _, v := range l.m.Vars {
		if used[v] {
			index[v] = len(k.States)
			k.States = append(k.States, v)
		}
	}
	cx := &context{kind: ctxKinetic, kin: k, kinIndex: index}
	k.Body = l.withContext(cx, func() []Stmt { return l.stmts(p.Body) })
	l.conservations(k)
	l.kins[p] = k
	return k
}

// reaction lowers ~ lhs <-> rhs (kf, kb) and ~ lhs -> (k): mass-action
// rates, fluxes and the Jacobian.
func (l *lowerer) reaction(r *ast.Reaction) []Stmt {
	states := func(side []*ast.ReactTerm) (terms []Expr) {
		for _, t := range side {
			terms = append(terms, l.expr(t.State))
		}
		return terms
	}
	lhs, rhs := states(r.Lhs), states(r.Rhs)
	if r.Op == ast.Flux {
		ks, isState := lhs[0].(*KinState)
		if len(r.Lhs) != 1 || !isState {
			l.refuse(r.At, "~ x << (flux): x must be a STATE of the block")
			return nil
		}
		rate := l.expr(r.Kf)
		f := &Flux{State: ks.Index, Rate: rate}
		f.Jacobian = l.jacobian(r, rate, []*ast.ReactTerm{{Coef: 1}}, []Expr{ks}, "+")
		return []Stmt{f}
	}
	// The rate of a side, mass action: k·Π state^coef.
	rate := func(k Expr, side []*ast.ReactTerm, terms []Expr) Expr {
		x := paren(k)
		for i, t := range side {
			for range t.Coef {
				x = bin("*", x, terms[i])
			}
		}
		return x
	}
	fwd := rate(l.expr(r.Kf), r.Lhs, lhs)
	bwd := Expr(num(0))
	if r.Op == ast.Reversible {
		bwd = rate(l.expr(r.Kb), r.Rhs, rhs)
	}
	net := bin("-", fwd, bwd)
	st := &Reaction{Forward: fwd, Backward: bwd}
	flux := func(side []*ast.ReactTerm, terms []Expr, sign string) {
		for i, t := range side {
			if ks, ok := terms[i].(*KinState); ok {
				st.Flux = append(st.Flux, FluxTerm{State: ks.Index, Coef: float64(t.Coef), Sign: sign})
			}
			// A term that is not a state of the block only scales the rate.
		}
	}
	flux(r.Lhs, lhs, "-")
	flux(r.Rhs, rhs, "+")
	st.Jacobian = append(l.jacobian(r, net, r.Lhs, lhs, "-"), l.jacobian(r, net, r.Rhs, rhs, "+")...)
	return []Stmt{st}
}

// jacobian returns the terms d(net)/d(state) for the rows of a side's
// states, state by state.
func (l *lowerer) jacobian(r *ast.Reaction, net Expr, side []*ast.ReactTerm, terms []Expr, sign string) []JacobianTerm {
	var out []JacobianTerm
	for col := range l.cx.kin.States {
		x := variable{kin: col}
		if !dependsOn(net, x) {
			continue
		}
		d, ok := deriv(net, x)
		if !ok {
			l.refuse(r.At, "the rate of this reaction is not differentiable in %s by nmodlgo yet", l.cx.kin.States[col].Name)
			return nil
		}
		d = simplify(d)
		for i, t := range side {
			if ks, ok := terms[i].(*KinState); ok {
				out = append(out, JacobianTerm{Row: ks.Index, Col: col, Coef: float64(t.Coef), Sign: sign, D: d})
			}
		}
	}
	return out
}

// conserve lowers CONSERVE lhs = total: the total, each time the block is
// evaluated; the equation itself is read by conservations.
func (l *lowerer) conserve(s *ast.Conserve) []Stmt {
	k := l.cx.kin
	idx := len(k.Cons)
	cons := &Conservation{}
	k.Cons = append(k.Cons, cons)
	var walk func(e ast.Expr) bool
	walk = func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.Binary:
			if e.Op == "+" {
				return walk(e.X) && walk(e.Y)
			}
			if n, ok := e.X.(*ast.Number); ok && e.Op == "*" {
				if ks, ok := l.expr(e.Y).(*KinState); ok {
					cons.State = append(cons.State, ks.Index)
					cons.Coef = append(cons.Coef, n.Value)
					return true
				}
			}
		case *ast.Name:
			if ks, ok := l.expr(e).(*KinState); ok {
				cons.State = append(cons.State, ks.Index)
				cons.Coef = append(cons.Coef, 1)
				return true
			}
		}
		l.refuse(e.Pos(), "CONSERVE: only sums of STATEs of the block, with number coefficients, are supported")
		return false
	}
	walk(s.Lhs)
	return []Stmt{&ConserveTotal{Index: idx, Total: l.expr(s.Rhs)}}
}

// conservations chooses, for each CONSERVE, the state whose equation it
// replaces, as nocmodl's kinetic.cpp does: going through the CONSERVEs from
// last to first, and through each one's terms from last to first, the
// first state not yet taken.
func (l *lowerer) conservations(k *Kinetic) {
	taken := map[int]bool{}
	for c := len(k.Cons) - 1; c >= 0; c-- {
		cons := k.Cons[c]
		cons.Diag = -1
		for j := len(cons.State) - 1; j >= 0; j-- {
			if !taken[cons.State[j]] {
				cons.Diag = cons.State[j]
				taken[cons.Diag] = true
				break
			}
		}
		if cons.Diag < 0 {
			l.refuse(k.Pos, "CONSERVE in KINETIC %s: every state of one already has a conservation equation", k.Name)
		}
	}
}

// compartment lowers COMPARTMENT volume { states }: the volume of each of
// the block's states it names (the others it does not concern).
func (l *lowerer) compartment(s *ast.Compartment) []Stmt {
	var out []Stmt
	for _, id := range s.States {
		v := l.vars[l.info.Uses[id]]
		if i, ok := l.cx.kinIndex[v]; ok && v != nil {
			out = append(out, &CompartmentVolume{State: i, Volume: l.expr(s.Volume)})
		}
	}
	return out
}

// reactVar is the variable a reaction term names, or nil.
func (l *lowerer) reactVar(t *ast.ReactTerm) *Var {
	switch e := t.State.(type) {
	case *ast.Name:
		return l.vars[l.info.Uses[e]]
	case *ast.Index:
		return l.vars[l.info.Uses[e.X]]
	}
	return nil
}
