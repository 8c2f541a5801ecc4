package ast

// Inspect traverses the tree rooted at n in depth-first order, as go/ast's
// Inspect does: it calls f(n); if f returns true, it inspects each child of
// n in source order, then calls f(nil). It is the one walker of the tree:
// every phase that looks at all statements or expressions of a block goes
// through it, so that none forgets a kind of statement (FOR_NETCONS,
// PROTECT, the INITIAL of NET_RECEIVE, …).
//
// An Include is a leaf: its File is a separate tree.
func Inspect(n Node, f func(Node) bool) {
	if isNil(n) || !f(n) {
		return
	}
	walkChildren(n, f)
	f(nil)
}

// isNil reports whether n is nil or a typed nil pointer.
func isNil(n Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case *StmtBlock:
		return n == nil
	case *Ident:
		return n == nil
	case *Name:
		return n == nil
	case *Number:
		return n == nil
	case *Unit:
		return n == nil
	case *Param:
		return n == nil
	case *PlotVar:
		return n == nil
	}
	return false
}

func walkChildren(n Node, f func(Node) bool) {
	walk := func(children ...Node) {
		for _, c := range children {
			Inspect(c, f)
		}
	}
	exprs := func(es []Expr) {
		for _, e := range es {
			Inspect(e, f)
		}
	}
	idents := func(ids []*Ident) {
		for _, id := range ids {
			Inspect(id, f)
		}
	}
	params := func(ps []*Param) {
		for _, p := range ps {
			Inspect(p, f)
		}
	}
	switch n := n.(type) {
	// Top-level blocks.
	case *File:
		for _, b := range n.Blocks {
			Inspect(b, f)
		}
	case *Define:
		walk(n.Name, n.Value)
	case *UnitsBlock:
		for _, d := range n.Defs {
			Inspect(d, f)
		}
	case *UnitDef:
		walk(n.Name, n.Alias, n.Value, n.From, n.To)
	case *NeuronBlock:
		for _, s := range n.Stmts {
			Inspect(s, f)
		}
	case *MechName:
		walk(n.Name)
	case *UseIon:
		walk(n.Name)
		idents(n.Read)
		idents(n.Write)
		if n.Valence != nil {
			walk(n.Valence)
		}
	case *NameList:
		idents(n.Names)
	case *DeclBlock:
		for _, d := range n.Decls {
			Inspect(d, f)
		}
	case *VarDecl:
		walk(n.Name)
		exprs([]Expr{n.Size, n.Value})
		walk(n.Units)
		exprs([]Expr{n.Lo, n.Hi, n.From, n.To, n.With, n.Start, n.Abstol})
	case *Proc:
		walk(n.Name)
		params(n.Params)
		walk(n.Units, n.Solver)
		idents(n.SolveFor)
		walk(n.Body)
	case *Param:
		walk(n.Name)
		exprs([]Expr{n.Size})
		walk(n.Units)
	case *Plot:
		for _, v := range n.Vars {
			Inspect(v, f)
		}
		Inspect(n.Vs, f)
	case *PlotVar:
		walk(n.Name, n.Index)
	case *Stepped:
		for _, it := range n.Items {
			Inspect(it, f)
		}
	case *SteppedItem:
		walk(n.Name)
		exprs(n.Values)
		walk(n.Units)
	case *ModelLevel:
		walk(n.Level)

	// Statements.
	case *StmtBlock:
		for _, s := range n.Stmts {
			Inspect(s, f)
		}
	case *Local:
		params(n.Names)
	case *Assign:
		exprs([]Expr{n.Lhs, n.Rhs})
	case *ExprStmt:
		exprs([]Expr{n.X})
	case *If:
		exprs([]Expr{n.Cond})
		walk(n.Then)
		if n.Else != nil {
			walk(n.Else)
		}
	case *While:
		exprs([]Expr{n.Cond})
		walk(n.Body)
	case *For:
		walk(n.Var)
		exprs([]Expr{n.From, n.To, n.By})
		walk(n.Body)
	case *Solve:
		walk(n.Block, n.Method, n.SteadyState, n.IfError)
	case *Table:
		idents(n.Vars)
		idents(n.Depend)
		exprs([]Expr{n.From, n.To, n.With})
	case *Conserve:
		exprs([]Expr{n.Lhs, n.Rhs})
	case *Compartment:
		walk(n.Index)
		exprs([]Expr{n.Volume})
		idents(n.States)
	case *LongDiffusion:
		walk(n.Index)
		exprs([]Expr{n.Rate})
		idents(n.States)
	case *Reaction:
		for _, t := range n.Lhs {
			Inspect(t, f)
		}
		for _, t := range n.Rhs {
			Inspect(t, f)
		}
		exprs([]Expr{n.Kf, n.Kb})
	case *ReactTerm:
		exprs([]Expr{n.State})
	case *LinEq:
		exprs([]Expr{n.Lhs, n.Rhs})
	case *Watch:
		for _, c := range n.Conds {
			Inspect(c, f)
		}
	case *WatchCond:
		exprs([]Expr{n.Cond, n.Flag})
	case *ForNetcons:
		params(n.Params)
		walk(n.Body)
	case *Protect:
		if n.Stmt != nil {
			walk(n.Stmt)
		}
	case *InitialStmt:
		walk(n.Body)
	case *Keyword:
		exprs(n.Args)
		walk(n.Body)
	case *Match:
		for _, it := range n.Items {
			Inspect(it, f)
		}
	case *MatchItem:
		walk(n.State, n.Index)
		exprs([]Expr{n.Arg, n.Value})
	case *Forall:
		walk(n.Var, n.Body)
	case *PartialEq:
		walk(n.State, n.Coef, n.Del2Of, n.Source)
	case *PartialBoundary:
		walk(n.State)
		exprs([]Expr{n.Value})

	// Expressions.
	case *Number:
		walk(n.Units)
	case *Index:
		walk(n.X)
		exprs([]Expr{n.Index})
	case *Call:
		walk(n.Fun)
		exprs(n.Args)
	case *Unary:
		exprs([]Expr{n.X})
	case *Binary:
		exprs([]Expr{n.X, n.Y})
	case *Paren:
		exprs([]Expr{n.X})
	case *LagRef:
		walk(n.Name, n.Lag)
		exprs([]Expr{n.Index})
	}
}
