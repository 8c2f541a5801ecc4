package ir

// Symbolic differentiation of lowered expressions, for cnexp and
// derivimplicit (an equation x' = f is linear in x when df/dx does not
// depend on x; then f = a*x + b) and for the Jacobian of a KINETIC scheme.
// The results are simplified the way nocmodl's are, so that the emitted
// arithmetic, and its rounding, is NEURON's.

// variable is what an expression is differentiated by: a scalar variable
// of the mechanism, or a state of the KINETIC system being evaluated.
type variable struct {
	v   *Var // or nil
	kin int  // a KinState index, when v is nil
}

// is reports whether e is the variable itself.
func (x variable) is(e Expr) bool {
	switch e := e.(type) {
	case *VarRef:
		return x.v != nil && e.Var == x.v && e.Index == nil
	case *KinState:
		return x.v == nil && e.Index == x.kin
	}
	return false
}

// mentions reports whether e names the variable (an element of it
// included).
func (x variable) mentions(e Expr) bool {
	if r, ok := e.(*VarRef); ok && x.v != nil && r.Var == x.v {
		return true
	}
	return x.is(e)
}

// dependsOn reports whether e mentions x anywhere.
func dependsOn(e Expr, x variable) bool {
	found := false
	inspectExpr(e, func(e Expr) bool {
		if x.mentions(e) {
			found = true
		}
		return !found
	})
	return found
}

// linear splits f = a*x + b, as nocmodl's cnexp does; ok is false when f
// is not linear in x.
func linear(f Expr, x variable) (a, b Expr, ok bool) {
	d, ok := deriv(f, x)
	if !ok {
		return nil, nil, false
	}
	a = simplify(d)
	if dependsOn(a, x) {
		return nil, nil, false
	}
	return a, simplify(subst(f, x, num(0))), true
}

// num is a number the compiler made, written as Go reads it back.
func num(v float64) *Num { return &Num{Value: v, Text: numberText("", v)} }

// isNum reports whether e is the literal number v (not a DEFINE or a
// constant, which nocmodl does not fold either).
func isNum(e Expr, v float64) bool {
	n, ok := e.(*Num)
	return ok && n.Text != "" && n.Value == v
}

// literal returns e as a literal number.
func literal(e Expr) (*Num, bool) {
	n, ok := e.(*Num)
	return n, ok && n.Text != ""
}

// deriv is the derivative of e by x; ok is false where it cannot be taken
// (a call, a comparison, x to a power that depends on x).
func deriv(e Expr, x variable) (Expr, bool) {
	if !dependsOn(e, x) {
		return num(0), true
	}
	if x.is(e) {
		return num(1), true
	}
	switch e := e.(type) {
	case *Paren:
		return deriv(e.X, x)
	case *Unary:
		if e.Op == "-" {
			d, ok := deriv(e.X, x)
			return neg(d), ok
		}
	case *Binary:
		du, okU := deriv(e.X, x)
		dv, okV := deriv(e.Y, x)
		if !okU || !okV {
			return nil, false
		}
		u, v := e.X, e.Y
		switch e.Op {
		case "+", "-":
			return bin(e.Op, du, dv), true
		case "*":
			return bin("+", bin("*", du, v), bin("*", u, dv)), true
		case "/":
			if !dependsOn(v, x) {
				return bin("/", du, paren(v)), true
			}
			return bin("/", bin("-", bin("*", du, v), bin("*", u, dv)), bin("*", paren(v), paren(v))), true
		case "^":
			if !dependsOn(v, x) {
				return bin("*", bin("*", paren(v), bin("^", paren(u), paren(bin("-", v, num(1))))), du), true
			}
		}
	}
	return nil, false
}

func bin(op string, x, y Expr) Expr { return &Binary{Op: op, X: x, Y: y} }
func neg(x Expr) Expr               { return &Unary{Op: "-", X: x} }

// atomic reports whether e needs no parentheses as an operand.
func atomic(e Expr) bool {
	switch e.(type) {
	case *VarRef, *LocalRef, *Special, *KinState, *IonValue, *Num, *Paren, *Call, *Builtin, *Printf:
		return true
	}
	return false
}

// paren puts e in parentheses unless it is atomic.
func paren(e Expr) Expr {
	if atomic(e) {
		return e
	}
	return &Paren{X: e}
}

// subst replaces the variable x by r.
func subst(e Expr, x variable, r Expr) Expr {
	if x.is(e) {
		return r
	}
	switch e := e.(type) {
	case *Paren:
		return &Paren{X: subst(e.X, x, r)}
	case *Unary:
		return &Unary{Op: e.Op, X: subst(e.X, x, r)}
	case *Binary:
		return &Binary{Op: e.Op, X: subst(e.X, x, r), Y: subst(e.Y, x, r)}
	case *Call:
		c := &Call{Proc: e.Proc}
		for _, a := range e.Args {
			c.Args = append(c.Args, subst(a, x, r))
		}
		return c
	case *Builtin:
		c := &Builtin{Name: e.Name, Stream: e.Stream}
		for _, a := range e.Args {
			c.Args = append(c.Args, subst(a, x, r))
		}
		return c
	}
	return e
}

// simplify removes the zeros and ones that differentiation leaves behind,
// so that the emitted update reads (and rounds) like nocmodl's.
func simplify(e Expr) Expr {
	switch e := e.(type) {
	case *Paren:
		x := simplify(e.X)
		if atomic(x) {
			return x
		}
		return &Paren{X: x}
	case *Unary:
		x := simplify(e.X)
		if e.Op == "-" {
			if n, ok := literal(x); ok {
				return num(-n.Value)
			}
		}
		return &Unary{Op: e.Op, X: x}
	case *Binary:
		x, y := simplify(e.X), simplify(e.Y)
		nx, xok := literal(x)
		ny, yok := literal(y)
		if xok && yok {
			switch e.Op {
			case "+":
				return num(nx.Value + ny.Value)
			case "-":
				return num(nx.Value - ny.Value)
			case "*":
				return num(nx.Value * ny.Value)
			}
		}
		switch e.Op {
		case "+":
			if isNum(x, 0) {
				return y
			}
			if isNum(y, 0) {
				return x
			}
		case "-":
			if isNum(y, 0) {
				return x
			}
			if isNum(x, 0) {
				return simplify(neg(paren(y)))
			}
		case "*":
			if isNum(x, 0) || isNum(y, 0) {
				return num(0)
			}
			if isNum(x, 1) {
				return y
			}
			if isNum(y, 1) {
				return x
			}
			if isNum(x, -1) { // exact: -1*y == -y
				return neg(paren(y))
			}
		case "/":
			if isNum(x, 0) {
				return num(0)
			}
			if isNum(y, 1) {
				return x
			}
		}
		return &Binary{Op: e.Op, X: x, Y: y}
	}
	return e
}
