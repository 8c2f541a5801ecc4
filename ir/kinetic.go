package ir

import (
	"cmp"
	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
	"slices"
)

// kinetic lowers a KINETIC block for sparse, once: its states are the
// STATEs its reactions and CONSERVEs name, in nocmodl's order.
func (l *lowerer) kinetic(p *ast.Proc) *Kinetic {
	if k, ok := l.kins[p]; ok {
		return k
	}
	l.kins[p] = nil // a block that fails is refused once
	solveFor := map[*Var]bool{}
	for _, id := range p.SolveFor {
		if v := l.byName[id.Name]; v != nil {
			solveFor[v] = true
		}
	}
	// isState is nocmodl's isstate: a STATE it solves for (all of them
	// without SOLVEFOR); other names in a reaction only scale its rates.
	isState := func(v *Var) bool {
		return v != nil && v.Decl == ast.State && (len(p.SolveFor) == 0 || solveFor[v])
	}
	used := map[*Var]bool{}
	var conserves []*ast.Conserve
	linear := true
	ast.Inspect(p.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.Reaction:
			for _, side := range [][]*ast.ReactTerm{s.Lhs, s.Rhs} {
				terms, states := 0, 0
				for _, t := range side {
					terms += t.Coef
					if isState(l.reactVar(t)) {
						states++
						used[l.reactVar(t)] = true
					}
				}
				if states > 0 && terms > 1 {
					linear = false
				}
			}
		case *ast.Conserve:
			conserves = append(conserves, s)
			for _, v := range l.conserveVars(s) {
				if isState(v) {
					used[v] = true
				}
			}
		}
		return true
	})
	k := &Kinetic{Name: p.Name.Name, Pos: p.At, FFlux: &Local{Name: "f_flux"}, BFlux: &Local{Name: "b_flux"}, Linear: linear}
	// nocmodl's numbering (massagekinetic): first the state each CONSERVE
	// replaces the equation of, CONSERVEs from the last, each its last
	// scalar state not yet numbered; then the other states in the order of
	// its symbol table.
	index := map[*Var]int{}
	rows := map[*ast.Conserve]int{}
	number := func(v *Var) {
		index[v] = len(k.States)
		for e := range v.Size {
			k.States = append(k.States, KinVar{Var: v, Elem: e})
		}
	}
	for c := len(conserves) - 1; c >= 0; c-- {
		vars := l.conserveVars(conserves[c])
		found := false
		for j := len(vars) - 1; j >= 0; j-- {
			if v := vars[j]; used[v] && v.Size == 1 {
				if _, done := index[v]; !done {
					rows[conserves[c]] = len(k.States)
					number(v)
					found = true
					break
				}
			}
		}
		if !found {
			l.refuse(conserves[c].At, "CONSERVE in KINETIC %s: no state of it is left to take its equation (nocmodl: \"Failed to diagonalize the Kinetic matrix\")", k.Name)
			return nil
		}
	}
	k.Ncons = len(k.States)
	var others []*Var
	for v := range used {
		if _, done := index[v]; !done {
			others = append(others, v)
		}
	}
	l.symbolOrder(others)
	for _, v := range others {
		number(v)
	}
	k.Volumes = make([]Expr, len(k.States))
	cx := &context{kind: ctxKinetic, kin: k, kinIndex: index, consts: map[*check.Object]float64{}, kinBody: p.Body, consRows: rows}
	k.Body = l.withContext(cx, func() []Stmt {
		// nocmodl knows every COMPARTMENT before it writes the block: the
		// volumes multiply the equations at its start.
		cx.compartments = map[*ast.Compartment]bool{}
		for _, st := range p.Body.Stmts {
			if c, ok := st.(*ast.Compartment); ok {
				l.compartment(c)
				cx.compartments[c] = true
			}
		}
		return l.stmts(p.Body)
	})
	l.kins[p] = k
	return k
}

// conserveVars are the variables CONSERVE sums, in source order.
func (l *lowerer) conserveVars(s *ast.Conserve) []*Var {
	var vars []*Var
	for _, t := range conserveTerms(s.Lhs) {
		vars = append(vars, l.vars[l.info.Uses[t.name]])
	}
	return vars
}

type conserveTerm struct {
	name *ast.Name
	num  int
}

// conserveTerms reads the sum CONSERVE adds: names, each perhaps after an
// integer coefficient; nil for anything else.
func conserveTerms(e ast.Expr) []conserveTerm {
	switch e := e.(type) {
	case *ast.Binary:
		if e.Op == "+" {
			x, y := conserveTerms(e.X), conserveTerms(e.Y)
			if x == nil || y == nil {
				return nil
			}
			return append(x, y...)
		}
		n, isNum := e.X.(*ast.Number)
		name, isName := e.Y.(*ast.Name)
		if e.Op == "*" && isNum && isName && n.Value == float64(int(n.Value)) && n.Value > 0 {
			return []conserveTerm{{name, int(n.Value)}}
		}
	case *ast.Name:
		return []conserveTerm{{e, 1}}
	}
	return nil
}

// symbolOrder sorts variables in the order nocmodl's symbol table lists
// them (SYMITER): by first letter, then the name the file mentions last
// first, as each name goes to the head of its letter's list when first
// seen.
func (l *lowerer) symbolOrder(vars []*Var) {
	first := map[string]int{}
	seen := 0
	ast.Inspect(l.f, func(n ast.Node) bool {
		var name string
		switch n := n.(type) {
		case *ast.Ident:
			name = n.Name
		case *ast.Name:
			name = n.Name
		}
		if _, ok := first[name]; !ok && name != "" {
			first[name] = seen
		}
		seen++
		return true
	})
	slices.SortFunc(vars, func(x, y *Var) int {
		if c := cmp.Compare(x.Name[0], y.Name[0]); c != 0 {
			return c
		}
		return cmp.Compare(first[y.Name], first[x.Name])
	})
}

// reaction lowers ~ lhs <-> rhs (kf, kb), ~ lhs -> (k) and ~ x << (flux)
// as nocmodl's genderivterms and genmatterms write them: the species of
// each side taken last to first, the rates as C reads nocmodl's text
// (rate * s1 * s2 …).
func (l *lowerer) reaction(r *ast.Reaction) []Stmt {
	k := l.cx.kin
	side := func(ts []*ast.ReactTerm) (terms []reactTerm) {
		for i := len(ts) - 1; i >= 0; i-- {
			t := ts[i]
			x := l.expr(t.State)
			ks, isState := x.(*KinState)
			terms = append(terms, reactTerm{x: x, num: t.Coef, state: ks, isState: isState})
		}
		return terms
	}
	lhs, rhs := side(r.Lhs), side(r.Rhs)
	if r.Op == ast.Flux {
		if len(lhs) != 1 || !lhs[0].isState || lhs[0].num != 1 {
			l.refuse(r.At, "~ x << (flux): x must be one STATE of the block")
			return nil
		}
		if lhs[0].state.Index < k.Ncons {
			l.refuse(r.At, "~ x << (flux): x is conserved and has a flux (nocmodl refuses it)")
			return nil
		}
		return []Stmt{&Flux{State: lhs[0].state.Index, Rate: l.expr(r.Kf)}}
	}
	sides := [2][]reactTerm{lhs, rhs}
	rates := [2]Expr{l.expr(r.Kf), nil}
	if r.Op == ast.Reversible {
		rates[1] = l.expr(r.Kb)
	}
	st := &Reaction{}
	for j, rate := range rates {
		x := rate
		if x == nil {
			x = &Num{Value: 0, Text: "0."}
		}
		for _, t := range sides[j] {
			for range t.num {
				x = cMul(x, t.x)
			}
		}
		if j == 0 {
			st.Forward = x
		} else {
			st.Backward = x
		}
	}
	for j, sign := range [2]string{"-", "+"} {
		for _, t := range sides[j] {
			if t.isState && t.state.Index >= k.Ncons {
				st.Rhs = append(st.Rhs, RhsTerm{State: t.state.Index, Sign: sign, Num: t.num})
			}
		}
	}
	// genmatterms: for each state of each side, the derivative of that
	// side's rate in it, into the row of every state of the reaction.
	for j := range 2 {
		if rates[j] == nil {
			continue
		}
		for _, col := range sides[j] {
			if !col.isState {
				continue
			}
			d := rates[j]
			if col.num != 1 {
				d = cMul(d, num(float64(col.num)))
			}
			for _, t := range sides[j] {
				n := t.num
				if t.state == col.state && t.x == col.x {
					n--
				}
				for range n {
					d = cMul(d, t.x)
				}
			}
			term := JacobianColumn{D: d}
			for j1 := range 2 {
				for _, row := range sides[j1] {
					if !row.isState || row.state.Index < k.Ncons {
						continue
					}
					sign := "-"
					if j1 == j {
						sign = "+"
					}
					term.Elems = append(term.Elems, MatTerm{Elem: k.Elem(row.state.Index, col.state.Index), Sign: sign, Num: row.num})
				}
			}
			st.Jacobian = append(st.Jacobian, term)
		}
	}
	return []Stmt{st}
}

type reactTerm struct {
	x       Expr
	num     int
	state   *KinState
	isState bool
}

// cMul is x * y as C parses the text "x * y": y multiplies the last
// operand of a sum, difference or comparison in x (nocmodl pastes a rate's
// text before "*state" without parentheses).
func cMul(x, y Expr) Expr {
	if b, ok := x.(*Binary); ok {
		switch b.Op {
		case "+", "-", "<", "<=", ">", ">=", "==", "!=", "&&", "||":
			return &Binary{Op: b.Op, X: b.X, Y: cMul(b.Y, y)}
		}
	}
	return bin("*", x, y)
}

// conserve lowers CONSERVE lhs = total as nocmodl's genconservterms: the
// equation of its row, the species last to first, each with its
// COMPARTMENT volume.
func (l *lowerer) conserve(s *ast.Conserve) []Stmt {
	k := l.cx.kin
	terms := conserveTerms(s.Lhs)
	if terms == nil {
		l.refuse(s.At, "CONSERVE: only sums of STATEs of the block, with integer coefficients, are supported")
		return nil
	}
	st := &Conserve{Row: l.cx.consRows[s], Total: l.expr(s.Rhs)}
	for i := len(terms) - 1; i >= 0; i-- {
		ks, ok := l.expr(terms[i].name).(*KinState)
		if !ok {
			l.refuse(terms[i].name.At, "CONSERVE: %s is not a STATE of the block (nocmodl: \"only (solved) STATE are allowed in CONSERVE equations\")", terms[i].name.Name)
			return nil
		}
		st.Terms = append(st.Terms, ConserveTerm{State: ks.Index, Num: terms[i].num, Volume: k.Volumes[ks.Index], Elem: k.Elem(st.Row, ks.Index)})
	}
	return []Stmt{st}
}

// compartment lowers COMPARTMENT [i,] volume { states }: the volume of
// each of the block's states it names (the others it does not concern);
// over an index, the volume of element i of an array state is the volume
// with i that number. A later COMPARTMENT for a state replaces an earlier
// one, as in nocmodl.
func (l *lowerer) compartment(s *ast.Compartment) {
	k := l.cx.kin
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
			k.Volumes[base+e] = &Paren{X: l.expr(s.Volume)}
		}
	}
	if index != nil {
		delete(l.cx.consts, index)
	}
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
