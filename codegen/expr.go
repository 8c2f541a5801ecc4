package codegen

import (
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ast"
)

// prec is NMODL's operator precedence, which for the operators other than
// ^ (emitted as math.Pow) is also Go's.
var prec = ast.Precedence

func isCompare(op string) bool { return prec(op) == 3 }
func isLogic(op string) bool   { return op == "&&" || op == "||" }

// num translates an expression used as a number.
func (g *emitter) num(e ast.Expr, sc *scope) *jen.Statement {
	code, isBool := g.expr(e, sc)
	if isBool {
		return rtQual("Bool").Call(code)
	}
	return code
}

// cond translates an expression used as a condition.
func (g *emitter) cond(e ast.Expr, sc *scope) *jen.Statement {
	code, isBool := g.expr(e, sc)
	if isBool {
		return code
	}
	return jen.Parens(code).Op("!=").Lit(0.0)
}

// operand translates a binary operator's operand, in parentheses where the
// tree's grouping would otherwise be lost.
func (g *emitter) operand(e ast.Expr, parent string, right bool, sc *scope, wantBool bool) *jen.Statement {
	var code *jen.Statement
	if wantBool {
		code = g.cond(e, sc)
	} else {
		code = g.num(e, sc)
	}
	if b, ok := e.(*ast.Binary); ok && b.Op != "^" {
		if p, q := prec(b.Op), prec(parent); p < q || (p == q && right) {
			return jen.Parens(code)
		}
	}
	return code
}

func (g *emitter) expr(e ast.Expr, sc *scope) (*jen.Statement, bool) {
	switch e := e.(type) {
	case *ast.Number:
		if e.Value < 0 {
			return jen.Parens(jen.Id(numberLit(e))), false
		}
		return jen.Id(numberLit(e)), false
	case *ast.Name:
		if e.Primes > 0 {
			g.errorf(e.At, "%s' can only appear on the left of a derivative equation", e.Name)
			return jen.Lit(0.0), false
		}
		return g.nameRef(e, sc), false
	case *ast.Index:
		return g.indexRef(e, sc), false
	case *ast.Paren:
		code, isBool := g.expr(e.X, sc)
		return jen.Parens(code), isBool
	case *ast.Unary:
		switch e.Op {
		case "!":
			x, isBool := g.expr(e.X, sc)
			if !isBool {
				x = jen.Parens(x).Op("!=").Lit(0.0)
			}
			if _, ok := e.X.(*ast.Binary); ok || !isBool {
				x = jen.Parens(x) // !(a != 0), not (!a) != 0
			}
			return jen.Op("!").Add(x), true
		case "-":
			x := g.num(e.X, sc)
			switch e.X.(type) {
			case *ast.Binary, *ast.Unary:
				x = jen.Parens(x)
			case *ast.Number:
				if e.X.(*ast.Number).Value < 0 {
					x = jen.Parens(x)
				}
			}
			return jen.Op("-").Add(x), false
		default:
			return g.num(e.X, sc), false
		}
	case *ast.Binary:
		switch {
		case e.Op == "^":
			return jen.Qual("math", "Pow").Call(g.num(e.X, sc), g.num(e.Y, sc)), false
		case isLogic(e.Op):
			return g.operand(e.X, e.Op, false, sc, true).Op(e.Op).Add(g.operand(e.Y, e.Op, true, sc, true)), true
		case isCompare(e.Op):
			return g.operand(e.X, e.Op, false, sc, false).Op(e.Op).Add(g.operand(e.Y, e.Op, true, sc, false)), true
		default:
			return g.operand(e.X, e.Op, false, sc, false).Op(e.Op).Add(g.operand(e.Y, e.Op, true, sc, false)), false
		}
	case *ast.Call:
		return g.call(e, sc), false
	}
	g.errorf(e.Pos(), "this expression is not supported yet")
	return jen.Lit(0.0), false
}

// nameRef is where a name's value lives: a local, a per-instance slice, a
// GLOBAL field, or the simulator.
func (g *emitter) nameRef(n *ast.Name, sc *scope) *jen.Statement {
	if id, isInt, ok := sc.lookupInt(n.Name); ok {
		if isInt {
			return jen.Float64().Call(jen.Id(id))
		}
		return jen.Id(id)
	}
	if g.kin != nil {
		if i, ok := g.kin.index[n.Name]; ok {
			return jen.Id("s").Index(jen.Lit(i))
		}
		if n.Name == "f_flux" || n.Name == "b_flux" {
			return jen.Id(n.Name)
		}
	}
	k := jen.Id("k")
	switch n.Name {
	case "v":
		return k.Dot("v")
	case "t":
		return k.Dot("ctx").Dot("T")
	case "dt":
		return k.Dot("ctx").Dot("Dt")
	case "celsius":
		return k.Dot("ctx").Dot("Celsius")
	case "area":
		return k.Dot("ctx").Dot("Area").Index(jen.Id("k").Dot("node").Index(jen.Id("ix")))
	case "diam":
		return k.Dot("ctx").Dot("Diam").Index(jen.Id("k").Dot("node").Index(jen.Id("ix")))
	}
	if x, ok := g.m.Defines[n.Name]; ok {
		return jen.Lit(x)
	}
	v := g.m.Var(n.Name)
	if v == nil {
		g.errorf(n.At, "undeclared name %s", n.Name)
		return jen.Lit(0.0)
	}
	switch v.Storage {
	case PerInstance:
		if v.Size > 1 {
			return k.Dot(g.fields[v.Name]).Index(jen.Id("ix").Op("*").Lit(v.Size))
		}
		return k.Dot(g.fields[v.Name]).Index(jen.Id("ix"))
	case Loaded:
		return k.Dot(g.fields[v.Name])
	case Shared:
		if v.Size > 1 {
			return k.Dot(g.fields[v.Name]).Index(jen.Lit(0))
		}
		return k.Dot(g.fields[v.Name])
	}
	return jen.Lit(v.Default)
}

func (g *emitter) indexRef(e *ast.Index, sc *scope) *jen.Statement {
	if sc.isArray(e.X.Name) {
		id, _ := sc.lookup(e.X.Name)
		return jen.Id(id).Index(jen.Int().Call(g.num(e.Index, sc)))
	}
	v := g.m.Var(e.X.Name)
	if v == nil || v.Size <= 1 {
		g.errorf(e.At, "%s is not an array", e.X.Name)
		return jen.Lit(0.0)
	}
	i := jen.Int().Call(g.num(e.Index, sc))
	if v.Storage == PerInstance {
		return jen.Id("k").Dot(g.fields[v.Name]).Index(jen.Id("ix").Op("*").Lit(v.Size).Op("+").Add(i))
	}
	return jen.Id("k").Dot(g.fields[v.Name]).Index(i)
}

func (g *emitter) lvalue(e ast.Expr, sc *scope) *jen.Statement {
	switch e := e.(type) {
	case *ast.Name:
		return g.nameRef(&ast.Name{At: e.At, Name: e.Name}, sc)
	case *ast.Index:
		return g.indexRef(e, sc)
	}
	g.errorf(e.Pos(), "cannot assign to this expression")
	return jen.Id("_")
}

func (g *emitter) call(c *ast.Call, sc *scope) *jen.Statement {
	if c.Fun.Name == "printf" && g.m.Proc("printf") == nil {
		return g.printf(c, sc)
	}
	var args []jen.Code
	for _, a := range c.Args {
		args = append(args, g.num(a, sc))
	}
	name := c.Fun.Name
	if p := g.m.Proc(name); p != nil {
		return jen.Id("k").Dot(fieldName(name)).Call(append([]jen.Code{jen.Id("ix")}, args...)...)
	}
	switch name {
	case "net_send": // an event to this instance, delay ms from now
		if len(args) == 2 {
			// From NET_RECEIVE the self-event carries the weights of the
			// event being handled, as in NEURON; from INITIAL none.
			weights := jen.Nil()
			if g.netReceiving {
				weights = jen.Id("weights")
			}
			return jen.Id("k").Dot("sink").Dot("Send").Call(jen.Id("ix"), weights, jen.Id("k").Dot("ctx").Dot("T").Op("+").Add(args[0]), args[1])
		}
	case "net_move": // the pending self-event with flag 1, to a new time
		if len(args) == 1 {
			return jen.Id("k").Dot("sink").Dot("Move").Call(jen.Id("ix"), args[0])
		}
	case "net_event": // a spike, to the NetCons from this instance
		if len(args) == 1 {
			return jen.Id("k").Dot("sink").Dot("Event").Call(jen.Id("ix"), args[0])
		}
	}
	if b, ok := builtins[name]; ok {
		if name == "at_time" || name == "erand" {
			args = append([]jen.Code{jen.Id("k").Dot("ctx")}, args...)
		}
		return jen.Qual(b.pkg, b.fn).Call(args...)
	}
	g.errorf(c.Fun.At, "call to undefined function %s", name)
	return jen.Lit(0.0)
}

// printf is C's printf on the model's output: a format string literal,
// with C's escapes, and numbers.
func (g *emitter) printf(c *ast.Call, sc *scope) *jen.Statement {
	var format string
	if len(c.Args) > 0 {
		if lit, ok := c.Args[0].(*ast.String); ok {
			f, err := strconv.Unquote(`"` + lit.Value + `"`)
			if err != nil {
				g.errorf(lit.At, "printf format: %v", err)
			}
			format = f
		} else {
			g.errorf(c.Args[0].Pos(), "printf needs a format string literal first")
		}
	}
	args := []jen.Code{jen.Id("k").Dot("ctx"), jen.Lit(format)}
	for _, a := range c.Args[min(1, len(c.Args)):] {
		args = append(args, g.num(a, sc))
	}
	return jen.Qual(runtimePath, "Printf").Call(args...)
}
