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
