package ir

// inspectExpr calls f for e and, while f returns true, for each
// subexpression.
func inspectExpr(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	switch e := e.(type) {
	case *VarRef:
		inspectExpr(e.Index, f)
	case *LocalRef:
		inspectExpr(e.Index, f)
	case *Unary:
		inspectExpr(e.X, f)
	case *Binary:
		inspectExpr(e.X, f)
		inspectExpr(e.Y, f)
	case *Paren:
		inspectExpr(e.X, f)
	case *Call:
		for _, a := range e.Args {
			inspectExpr(a, f)
		}
	case *TableCall:
		for _, a := range e.Args {
			inspectExpr(a, f)
		}
	case *Builtin:
		for _, a := range e.Args {
			inspectExpr(a, f)
		}
	case *Printf:
		for _, a := range e.Args {
			inspectExpr(a, f)
		}
	case *Fail:
		for _, a := range e.Args {
			inspectExpr(a, f)
		}
	}
}

// inspectStmts calls f for every statement of body, nested ones included,
// in source order.
func inspectStmts(body []Stmt, f func(Stmt)) {
	for _, s := range body {
		f(s)
		switch s := s.(type) {
		case *If:
			inspectStmts(s.Then, f)
			if s.Else != nil {
				inspectStmts([]Stmt{s.Else}, f)
			}
		case *While:
			inspectStmts(s.Body, f)
		case *For:
			inspectStmts(s.Body, f)
		case *Block:
			inspectStmts(s.Body, f)
		case *ForNetcons:
			inspectStmts(s.Body, f)
		}
	}
}

// inspectStmtExprs calls inspectExpr(e, f) for each expression of s itself
// (not of the statements nested in it).
func inspectStmtExprs(s Stmt, f func(Expr) bool) {
	var list []Expr
	switch s := s.(type) {
	case *Assign:
		list = []Expr{s.Lhs, s.Rhs}
	case *ExprStmt:
		list = []Expr{s.X}
	case *If:
		list = []Expr{s.Cond}
	case *While:
		list = []Expr{s.Cond}
	case *For:
		list = []Expr{s.From, s.To, s.By}
	case *StateDiscontinuity:
		list = []Expr{s.Lhs, s.Rhs}
	case *NetSend:
		list = []Expr{s.Delay, s.Flag}
	case *NetMove:
		list = []Expr{s.Time}
	case *NetEvent:
		list = []Expr{s.Time}
	case *WatchStmt:
		list = []Expr{s.Flag}
	case *CnexpStep:
		list = []Expr{s.State, s.A, s.B}
	case *DerivAssign:
		list = []Expr{s.Rhs}
	case *Residual:
		list = []Expr{s.Lhs, s.Rhs}
	case *LagStmt:
		list = []Expr{s.X, s.By}
	case *LinearEquation:
		for _, t := range s.Terms {
			list = append(list, t.Coef, t.Index)
		}
	case *Reaction:
		list = []Expr{s.Forward, s.Backward}
		for _, c := range s.Jacobian {
			list = append(list, c.D)
		}
	case *Flux:
		list = []Expr{s.Rate}
	case *Conserve:
		list = []Expr{s.Total}
		for _, t := range s.Terms {
			list = append(list, t.Volume)
		}
	}
	for _, e := range list {
		inspectExpr(e, f)
	}
}

// mapExpr rebuilds e bottom-up with f applied to every subexpression.
func mapExpr(e Expr, f func(Expr) Expr) Expr {
	list := func(args []Expr) {
		for i, a := range args {
			args[i] = mapExpr(a, f)
		}
	}
	switch e := e.(type) {
	case nil:
		return nil
	case *VarRef:
		e.Index = mapExpr(e.Index, f)
	case *LocalRef:
		e.Index = mapExpr(e.Index, f)
	case *Unary:
		e.X = mapExpr(e.X, f)
	case *Binary:
		e.X, e.Y = mapExpr(e.X, f), mapExpr(e.Y, f)
	case *Paren:
		e.X = mapExpr(e.X, f)
	case *Call:
		list(e.Args)
	case *TableCall:
		list(e.Args)
	case *Builtin:
		list(e.Args)
	case *Printf:
		list(e.Args)
	case *Fail:
		list(e.Args)
	}
	return f(e)
}

// mapStmtExprs replaces each expression of s itself (not of the
// statements nested in it) by f of it.
func mapStmtExprs(s Stmt, f func(Expr) Expr) {
	switch s := s.(type) {
	case *Assign:
		s.Rhs = f(s.Rhs)
		if r, ok := s.Lhs.(*VarRef); ok {
			r.Index = f(r.Index)
		}
	case *ExprStmt:
		s.X = f(s.X)
	case *If:
		s.Cond = f(s.Cond)
	case *While:
		s.Cond = f(s.Cond)
	case *For:
		s.From, s.To, s.By = f(s.From), f(s.To), f(s.By)
	case *equation:
		s.rhs = f(s.rhs)
	}
}
