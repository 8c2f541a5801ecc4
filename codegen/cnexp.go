package codegen

import (
	"github.com/nmodlgo/nmodlgo/ast"
)

// cnexp solves a derivative equation x' = f the way nocmodl does
// (deriv.cpp): if f = a*x + b with a and b free of x, the state takes the
// exact step of the linear ODE over dt,
//
//	x = x + (1 - exp(dt*a))*(-b/a - x)
//
// and when a is 0, x = x + dt*b. It returns a and b, or ok = false if f
// is not linear in x.
func cnexp(f ast.Expr, x string) (a, b ast.Expr, ok bool) {
	a = simplify(deriv(f, x))
	if dependsOn(a, x) {
		return nil, nil, false
	}
	b = simplify(subst(f, x, num(0)))
	return a, b, true
}

func num(v float64) *ast.Number {
	return &ast.Number{Value: v, Text: formatNum(v)}
}

func formatNum(v float64) string {
	lit := numberLit(&ast.Number{Value: v})
	return lit
}

func isNum(e ast.Expr, v float64) bool {
	n, ok := e.(*ast.Number)
	return ok && n.Value == v
}

// dependsOn reports whether e mentions the variable x.
func dependsOn(e ast.Expr, x string) bool {
	switch e := e.(type) {
	case *ast.Name:
		return e.Name == x
	case *ast.Index:
		return e.X.Name == x || dependsOn(e.Index, x)
	case *ast.Call:
		for _, arg := range e.Args {
			if dependsOn(arg, x) {
				return true
			}
		}
	case *ast.Unary:
		return dependsOn(e.X, x)
	case *ast.Binary:
		return dependsOn(e.X, x) || dependsOn(e.Y, x)
	case *ast.Paren:
		return dependsOn(e.X, x)
	}
	return false
}

// nonlinear is what deriv returns for a term it cannot differentiate: a
// call of x itself, which dependsOn then reports.
func nonlinear(x string) ast.Expr {
	return &ast.Call{Fun: &ast.Ident{Name: "nonlinear"}, Args: []ast.Expr{&ast.Name{Name: x}}}
}

// deriv is the derivative of e with respect to x.
func deriv(e ast.Expr, x string) ast.Expr {
	if !dependsOn(e, x) {
		return num(0)
	}
	switch e := e.(type) {
	case *ast.Name:
		return num(1)
	case *ast.Paren:
		return deriv(e.X, x)
	case *ast.Unary:
		if e.Op == "-" {
			return neg(deriv(e.X, x))
		}
		if e.Op == "+" {
			return deriv(e.X, x)
		}
	case *ast.Binary:
		du, dv := deriv(e.X, x), deriv(e.Y, x)
		u, v := e.X, e.Y
		switch e.Op {
		case "+", "-":
			return bin(e.Op, du, dv)
		case "*":
			return bin("+", bin("*", du, v), bin("*", u, dv))
		case "/":
			if !dependsOn(v, x) {
				return bin("/", du, paren(v))
			}
			return bin("/", bin("-", bin("*", du, v), bin("*", u, dv)), bin("*", paren(v), paren(v)))
		case "^":
			if !dependsOn(v, x) {
				return bin("*", bin("*", paren(v), bin("^", paren(u), paren(bin("-", v, num(1))))), du)
			}
		}
	}
	return nonlinear(x)
}

func bin(op string, x, y ast.Expr) ast.Expr { return &ast.Binary{Op: op, X: x, Y: y} }
func neg(x ast.Expr) ast.Expr               { return &ast.Unary{Op: "-", X: x} }
func paren(x ast.Expr) ast.Expr {
	switch x.(type) {
	case *ast.Name, *ast.Number, *ast.Paren, *ast.Call, *ast.Index:
		return x
	}
	return &ast.Paren{X: x}
}

// subst replaces the variable x by r.
func subst(e ast.Expr, x string, r ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.Name:
		if e.Name == x && e.Primes == 0 {
			return r
		}
	case *ast.Paren:
		return &ast.Paren{At: e.At, X: subst(e.X, x, r)}
	case *ast.Unary:
		return &ast.Unary{At: e.At, Op: e.Op, X: subst(e.X, x, r)}
	case *ast.Binary:
		return &ast.Binary{At: e.At, Op: e.Op, X: subst(e.X, x, r), Y: subst(e.Y, x, r)}
	case *ast.Call:
		c := &ast.Call{At: e.At, Fun: e.Fun}
		for _, arg := range e.Args {
			c.Args = append(c.Args, subst(arg, x, r))
		}
		return c
	}
	return e
}

// simplify removes the zeros and ones that differentiation leaves behind,
// so that the emitted update reads like nocmodl's.
func simplify(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.Paren:
		x := simplify(e.X)
		switch x.(type) {
		case *ast.Name, *ast.Number, *ast.Paren, *ast.Call, *ast.Index:
			return x
		}
		return &ast.Paren{At: e.At, X: x}
	case *ast.Unary:
		x := simplify(e.X)
		if e.Op == "-" {
			if n, ok := x.(*ast.Number); ok {
				return num(-n.Value)
			}
		}
		return &ast.Unary{At: e.At, Op: e.Op, X: x}
	case *ast.Binary:
		x, y := simplify(e.X), simplify(e.Y)
		nx, xok := x.(*ast.Number)
		ny, yok := y.(*ast.Number)
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
		return &ast.Binary{At: e.At, Op: e.Op, X: x, Y: y}
	}
	return e
}
