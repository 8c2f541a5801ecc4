package printer

import (
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

var (
	prec      = ast.Precedence
	unaryPrec = ast.UnaryPrecedence
)

// Expr returns an expression as NMODL source. Parentheses the author wrote
// are kept (they are Paren nodes); others are added only where the tree
// needs them.
func Expr(e ast.Expr) string {
	var b strings.Builder
	expr(&b, e)
	return b.String()
}

func expr(b *strings.Builder, e ast.Expr) {
	switch e := e.(type) {
	case nil:
	case *ast.Number:
		b.WriteString(e.Text)
		if e.Units != nil {
			b.WriteString(" (" + e.Units.Text + ")")
		}
	case *ast.Name:
		b.WriteString(e.Name)
		b.WriteString(strings.Repeat("'", e.Primes))
	case *ast.Ident:
		b.WriteString(e.Name)
	case *ast.String:
		b.WriteString(`"` + e.Value + `"`)
	case *ast.Unit:
		b.WriteString("(" + e.Text + ")")
	case *ast.LagRef:
		b.WriteString(e.Name.Name + "@" + e.Lag.Text)
		if e.Index != nil {
			b.WriteByte('[')
			expr(b, e.Index)
			b.WriteByte(']')
		}
	case *ast.Index:
		expr(b, e.X)
		b.WriteByte('[')
		expr(b, e.Index)
		b.WriteByte(']')
	case *ast.Call:
		b.WriteString(e.Fun.Name)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			expr(b, a)
		}
		b.WriteByte(')')
	case *ast.Paren:
		b.WriteByte('(')
		expr(b, e.X)
		b.WriteByte(')')
	case *ast.Unary:
		b.WriteString(e.Op)
		operand(b, e.X, unaryPrec, false)
	case *ast.Binary:
		p := prec(e.Op)
		right := e.Op == "^"
		operand(b, e.X, p, right)
		if p <= prec("+") {
			b.WriteString(" " + e.Op + " ")
		} else {
			b.WriteString(e.Op)
		}
		if _, ok := e.Y.(*ast.Unary); ok {
			expr(b, e.Y) // a prefix operator can start any right operand
		} else {
			operand(b, e.Y, p, !right)
		}
	}
}

// operand prints x as an operand of an operator of precedence p, in
// parentheses if the tree's grouping needs them. strict is set for the
// side where an equal precedence would regroup (the right of a
// left-associative operator, the left of ^).
func operand(b *strings.Builder, x ast.Expr, p int, strict bool) {
	inner := 0
	switch x := x.(type) {
	case *ast.Binary:
		inner = prec(x.Op)
	case *ast.Unary:
		inner = unaryPrec
	}
	if inner != 0 && (inner < p || inner == p && strict) {
		b.WriteByte('(')
		expr(b, x)
		b.WriteByte(')')
		return
	}
	expr(b, x)
}
