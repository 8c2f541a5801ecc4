package ir

import (
	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
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
			// an array STATE takes part with all its elements, as in nocmodl
			if v := l.reactVar(s); v != nil && v.Decl == ast.State {
				used[v] = true
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
	index := map[*Var]int{} // of a STATE's first element
	for _, v := range l.m.Vars {
		if used[v] {
			index[v] = len(k.States)
			for e := range v.Size {
				k.States = append(k.States, KinVar{Var: v, Elem: e})
			}
		}
	}
	cx := &context{kind: ctxKinetic, kin: k, kinIndex: index, consts: map[*check.Object]float64{}, kinBody: p.Body}
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
		// nocmodl puts no flux into the Jacobian, whatever its rate reads.
		return []Stmt{&Flux{State: ks.Index, Rate: l.expr(r.Kf)}}
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
	kf, kb := l.expr(r.Kf), Expr(nil)
	fwd := rate(kf, r.Lhs, lhs)
	bwd := Expr(num(0))
	if r.Op == ast.Reversible {
		kb = l.expr(r.Kb)
		bwd = rate(kb, r.Rhs, rhs)
	}
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
	st.Jacobian = jacobian([2][]*ast.ReactTerm{r.Lhs, r.Rhs}, [2][]Expr{lhs, rhs}, [2]Expr{kf, kb})
	return []Stmt{st}
}

// jacobian is nocmodl's genmatterms: the derivative of each side's mass
// action k·Π term^coef in each of its states, with the rate constant k
// held constant (whatever states it reads), added into the row of every
// state of the reaction: with a minus sign on the same side, a plus on the
// other, times the row state's coefficient. A side with no rate (the back
// of ->) has none.
func jacobian(sides [2][]*ast.ReactTerm, terms [2][]Expr, k [2]Expr) []JacobianTerm {
	var out []JacobianTerm
	for j := range 2 {
		if k[j] == nil {
			continue
		}
		for c, rt := range sides[j] {
			col, isState := terms[j][c].(*KinState)
			if !isState {
				continue
			}
			d := paren(k[j])
			if rt.Coef != 1 {
				d = bin("*", d, num(float64(rt.Coef)))
			}
			for i, rt1 := range sides[j] {
				n := rt1.Coef
				if i == c {
					n--
				}
				for range n {
					d = bin("*", d, terms[j][i])
				}
			}
			for j1 := range 2 {
				for i, rt1 := range sides[j1] {
					row, isState := terms[j1][i].(*KinState)
					if !isState {
						continue
					}
					sign := "+"
					if j1 == j {
						sign = "-"
					}
					out = append(out, JacobianTerm{Row: row.Index, Col: col.Index, Coef: float64(rt1.Coef), Sign: sign, D: d})
				}
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

// compartment lowers COMPARTMENT [i,] volume { states }: the volume of
// each of the block's states it names (the others it does not concern);
// over an index, the volume of element i of an array state is the volume
// with i that number.
func (l *lowerer) compartment(s *ast.Compartment) []Stmt {
	var out []Stmt
	var index *check.Object
	if s.Index != nil {
		index = l.info.Defs[s.Index]
	}
	for _, id := range s.States {
		v := l.vars[l.info.Uses[id]]
		base, ok := l.cx.kinIndex[v]
		if !ok || v == nil {
			continue
		}
		for e := range v.Size {
			if index != nil {
				l.cx.consts[index] = float64(e)
			}
			out = append(out, &CompartmentVolume{State: base + e, Volume: l.expr(s.Volume)})
		}
	}
	if index != nil {
		delete(l.cx.consts, index)
	}
	return out
}

// unrolled lowers a FROM loop of a KINETIC block once for each value of
// its counter, which must have constant bounds, so that every array state
// it names is one state of the system (nocmodl's loop does the same
// arithmetic at run time).
func (l *lowerer) unrolled(s *ast.For) []Stmt {
	bound := func(e ast.Expr) (int, bool) {
		x, ok := fold(l.expr(e))
		return int(x), ok
	}
	from, ok1 := bound(s.From)
	to, ok2 := bound(s.To)
	by, ok3 := 1, true
	if s.By != nil {
		by, ok3 = bound(s.By)
	}
	if !ok1 || !ok2 || !ok3 || by <= 0 {
		l.refuse(s.At, "FROM in a KINETIC block: the bounds must be constants (numbers, DEFINEs), with a positive step")
		return nil
	}
	o := l.info.Defs[s.Var]
	var out []Stmt
	for i := from; i <= to; i += by {
		l.cx.consts[o] = float64(i)
		out = append(out, l.stmts(s.Body)...)
	}
	delete(l.cx.consts, o)
	return out
}

// fold is the value of a constant expression: numbers and + - * / of them.
func fold(e Expr) (float64, bool) {
	switch e := e.(type) {
	case *Num:
		return e.Value, true
	case *Paren:
		return fold(e.X)
	case *Unary:
		x, ok := fold(e.X)
		return -x, ok && e.Op == "-"
	case *Binary:
		x, ok1 := fold(e.X)
		y, ok2 := fold(e.Y)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch e.Op {
		case "+":
			return x + y, true
		case "-":
			return x - y, true
		case "*":
			return x * y, true
		case "/":
			return x / y, true
		}
	}
	return 0, false
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

// longDiffusion lowers LONGITUDINAL_DIFFUSION [i,] rate { states }: for
// each element of each state, the rate and the state's COMPARTMENT volume
// with i that element, as nocmodl's _difcoef functions have them. They may
// read the mechanism's variables and NEURON's (diam, area), not ion values.
func (l *lowerer) longDiffusion(s *ast.LongDiffusion) {
	k := l.cx.kin
	set := map[*check.Object]bool{} // the indices given values here
	index := func(id *ast.Ident, e int) {
		if id != nil {
			o := l.info.Defs[id]
			l.cx.consts[o], set[o] = float64(e), true
		}
	}
	for _, id := range s.States {
		v := l.vars[l.info.Uses[id]]
		base, ok := l.cx.kinIndex[v]
		if !ok || v == nil {
			l.refuse(id.At, "LONGITUDINAL_DIFFUSION of %s: only a state of the block diffuses", id.Name)
			continue
		}
		comp := l.compartmentOf(v)
		for e := range v.Size {
			d := &Diffusion{State: k.States[base+e], Volume: num(1)}
			index(s.Index, e)
			d.Rate = l.expr(s.Rate)
			if comp != nil {
				index(comp.Index, e)
				d.Volume = l.expr(comp.Volume)
			}
			if readsIon(d.Rate) || readsIon(d.Volume) {
				l.refuse(s.At, "LONGITUDINAL_DIFFUSION of %s: a rate or volume that reads an ion's value is not supported", id.Name)
			}
			k.Diffusions = append(k.Diffusions, d)
		}
	}
	for o := range set {
		delete(l.cx.consts, o)
	}
}

// compartmentOf is the COMPARTMENT statement of the KINETIC block being
// lowered that gives v its volume, or nil.
func (l *lowerer) compartmentOf(v *Var) *ast.Compartment {
	var found *ast.Compartment
	ast.Inspect(l.cx.kinBody, func(n ast.Node) bool {
		if c, ok := n.(*ast.Compartment); ok {
			for _, id := range c.States {
				if l.vars[l.info.Uses[id]] == v {
					found = c
				}
			}
		}
		return true
	})
	return found
}

// readsIon reports whether x reads a value taken from an ion.
func readsIon(x Expr) bool {
	found := false
	inspectExpr(x, func(e Expr) bool {
		if r, ok := e.(*VarRef); ok && r.Var.Storage == IonRead {
			found = true
		}
		return !found
	})
	return found
}
