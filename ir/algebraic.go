package ir

import (
	"slices"

	"github.com/nmodlgo/nmodlgo/ast"
)

// algebraic lowers a LINEAR or NONLINEAR block where a SOLVE names it,
// once: its unknowns in nocmodl's order and its equations.
func (l *lowerer) algebraic(p *ast.Proc) *Algebraic {
	if a, ok := l.algs[p]; ok {
		return a
	}
	l.algs[p] = nil // a block that fails is refused once
	a := &Algebraic{Name: p.Name.Name, Linear: p.Kind == ast.Linear, Pos: p.At}
	solveFor := map[*Var]bool{}
	for _, id := range p.SolveFor {
		if v := l.byName[id.Name]; v != nil {
			solveFor[v] = true
		}
	}
	// unknown reports whether the name is one the block solves for: a
	// STATE, in SOLVEFOR when the block has one (the others are only
	// values there, as in nocmodl).
	unknown := func(e ast.Expr) *Var {
		var n *ast.Name
		switch e := e.(type) {
		case *ast.Name:
			n = e
		case *ast.Index:
			n = e.X
		default:
			return nil
		}
		v := l.vars[l.info.Uses[n]]
		if v == nil || v.Decl != ast.State || (len(p.SolveFor) > 0 && !solveFor[v]) {
			return nil
		}
		return v
	}
	cx := &context{kind: ctxPlain, alg: a, unknown: unknown, algIndex: map[*Var]int{}}
	if !a.Linear {
		l.nonlinearUnknowns(p, a, unknown)
		for i, kv := range a.Unknowns {
			if kv.Elem == 0 {
				cx.algIndex[kv.Var] = i
			}
		}
	}
	ok := true
	a.Body = l.withContext(cx, func() []Stmt {
		before := len(l.diags)
		body := l.stmts(p.Body)
		ok = len(l.diags) == before
		return body
	})
	if !ok {
		return nil
	}
	rows, static := countEquations(a.Body)
	if !static {
		l.refuse(p.At, "%s %s: an equation inside a statement (a FROM loop over an array): not supported yet", p.Kind, a.Name)
		return nil
	}
	if rows != len(a.Unknowns) {
		l.refuse(p.At, "%s %s has %d equations in %d unknowns (nocmodl: \"Number of equations ... does not equal number of states\")", p.Kind, a.Name, rows, len(a.Unknowns))
		return nil
	}
	if len(a.Unknowns) == 0 {
		l.refuse(p.At, "%s %s has no equations", p.Kind, a.Name)
		return nil
	}
	l.algs[p] = a
	l.m.Algebraics = append(l.m.Algebraics, a)
	return a
}

// nonlinearUnknowns orders the unknowns of a NONLINEAR block as nocmodl's
// _slist: the STATEs its equations name, in the order of nocmodl's symbol
// table (by first letter, then the name seen last in the file first),
// each array with all its elements.
func (l *lowerer) nonlinearUnknowns(p *ast.Proc, a *Algebraic, unknown func(ast.Expr) *Var) {
	used := map[*Var]bool{}
	ast.Inspect(p.Body, func(n ast.Node) bool {
		if eq, ok := n.(*ast.LinEq); ok {
			for _, side := range []ast.Expr{eq.Lhs, eq.Rhs} {
				ast.Inspect(side, func(n ast.Node) bool {
					if e, ok := n.(ast.Expr); ok {
						if v := unknown(e); v != nil {
							used[v] = true
						}
					}
					return true
				})
			}
			return false
		}
		return true
	})
	var vars []*Var
	for v := range used {
		vars = append(vars, v)
	}
	l.symbolOrder(vars)
	for _, v := range vars {
		for e := range v.Size {
			a.Unknowns = append(a.Unknowns, KinVar{Var: v, Elem: e})
		}
	}
}

// countEquations counts the equations of a block, if it has them all at
// its top level.
func countEquations(body []Stmt) (rows int, static bool) {
	static = true
	for _, s := range body {
		switch s.(type) {
		case *Residual, *LinearEquation:
			rows++
		case *If, *While, *For, *Block:
			inspectStmts([]Stmt{s}, func(s Stmt) {
				switch s.(type) {
				case *Residual, *LinearEquation:
					static = false
				}
			})
		}
	}
	return rows, static
}

// linEq lowers ~ lhs = rhs in a LINEAR or NONLINEAR block.
func (l *lowerer) linEq(s *ast.LinEq) []Stmt {
	a := l.cx.alg
	if a == nil {
		l.refuse(s.At, "an equation (~ lhs = rhs) outside a LINEAR or NONLINEAR block that a SOLVE names")
		return nil
	}
	if !a.Linear {
		// nocmodl: _dlist[++_counte] = -(lhs) + (rhs)
		return []Stmt{&Residual{Lhs: l.expr(s.Lhs), Rhs: l.expr(s.Rhs)}}
	}
	eq := &LinearEquation{}
	ok := l.linSide(s.Lhs, -1, eq) && l.linSide(s.Rhs, 1, eq)
	if !ok {
		return nil
	}
	return []Stmt{eq}
}

// linSide lowers one side of a linear equation as nocmodl's grammar reads
// it (linexpr): primaries joined by + and -, the first perhaps negated;
// each primary a product of terms of which at most one is an unknown,
// not in a denominator, a call or parentheses. side is -1 on the left.
func (l *lowerer) linSide(e ast.Expr, side int, eq *LinearEquation) bool {
	type primary struct {
		x    ast.Expr
		sign int
	}
	var prims []primary
	for {
		b, ok := e.(*ast.Binary)
		if !ok || (b.Op != "+" && b.Op != "-") {
			break
		}
		sign := 1
		if b.Op == "-" {
			sign = -1
		}
		prims = append(prims, primary{b.Y, sign})
		e = b.X
	}
	prims = append(prims, primary{e, 1})
	slices.Reverse(prims)
	// A leading minus: Unary binds tighter than * in the tree, so it is
	// on the first factor of the first primary.
	first := &prims[0]
	if u, ok := leftFactor(first.x).(*ast.Unary); ok && u.Op == "-" {
		first.x, first.sign = stripLeftUnary(first.x), -1
	}
	for _, pr := range prims {
		factors, ops := flattenProduct(pr.x)
		col, base := -1, (*Var)(nil)
		var index ast.Expr
		var coef Expr
		for i, f := range factors {
			var x Expr
			switch f := f.(type) {
			case *ast.Unary:
				l.refuse(f.At, "a sign inside a term of a LINEAR equation: nocmodl's grammar does not allow it; use parentheses")
				return false
			case *ast.Paren, *ast.Call:
				if l.hasUnknown(f) {
					l.refuse(f.Pos(), "a STATE inside parentheses or a call in a LINEAR equation (nocmodl: \"states not permitted\" there)")
					return false
				}
			case *ast.Binary:
				l.refuse(f.At, "the operator %s in a term of a LINEAR equation: nocmodl allows it only inside parentheses", f.Op)
				return false
			}
			if v := l.cx.unknown(f); v != nil {
				if col >= 0 {
					l.refuse(f.Pos(), "a term with two unknowns in a LINEAR equation: the block is not linear")
					return false
				}
				if i > 0 && ops[i-1] == "/" {
					l.refuse(f.Pos(), "an unknown in a denominator in a LINEAR equation: the block is not linear")
					return false
				}
				base = v
				col = l.linUnknown(v)
				if ix, isIndex := f.(*ast.Index); isIndex {
					index = ix.Index
				} else if v.Size > 1 {
					l.refuse(f.Pos(), "%s: an array STATE needs an index", v.Name)
					return false
				}
				x = &Num{Value: 1, Text: "1.0"}
			} else {
				x = l.expr(f)
			}
			if i == 0 {
				coef = x
			} else {
				coef = bin(ops[i-1], coef, x)
			}
		}
		sign := side * pr.sign
		t := LinearTerm{Col: col, Coef: coef}
		if col < 0 {
			sign = -sign // a known term moves to the right-hand side
		}
		if base != nil && index != nil {
			t.Index = l.expr(index)
		}
		t.Sign = "+"
		if sign < 0 {
			t.Sign = "-"
		}
		eq.Terms = append(eq.Terms, t)
	}
	return true
}

// linUnknown is the column of unknown v in the LINEAR block being lowered,
// given at its first use as nocmodl gives it (an array takes one column
// per element).
func (l *lowerer) linUnknown(v *Var) int {
	if c, ok := l.cx.algIndex[v]; ok {
		return c
	}
	a := l.cx.alg
	c := len(a.Unknowns)
	l.cx.algIndex[v] = c
	for e := range v.Size {
		a.Unknowns = append(a.Unknowns, KinVar{Var: v, Elem: e})
	}
	return c
}

// hasUnknown reports whether e names an unknown of the block.
func (l *lowerer) hasUnknown(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && l.cx.unknown(x) != nil {
			found = true
		}
		return !found
	})
	return found
}

// flattenProduct splits a * b / c into its factors and operators.
func flattenProduct(e ast.Expr) (factors []ast.Expr, ops []string) {
	b, ok := e.(*ast.Binary)
	if !ok || (b.Op != "*" && b.Op != "/") {
		return []ast.Expr{e}, nil
	}
	factors, ops = flattenProduct(b.X)
	return append(factors, b.Y), append(ops, b.Op)
}

// leftFactor is the first factor of a product.
func leftFactor(e ast.Expr) ast.Expr {
	for {
		b, ok := e.(*ast.Binary)
		if !ok || (b.Op != "*" && b.Op != "/") {
			return e
		}
		e = b.X
	}
}

// stripLeftUnary returns e with the unary minus on its first factor
// removed.
func stripLeftUnary(e ast.Expr) ast.Expr {
	if b, ok := e.(*ast.Binary); ok && (b.Op == "*" || b.Op == "/") {
		c := *b
		c.X = stripLeftUnary(b.X)
		return &c
	}
	return e.(*ast.Unary).X
}
