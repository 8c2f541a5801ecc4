package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ir"
)

// algebraic emits a LINEAR or NONLINEAR block as the method that solves it
// for an instance: the LINEAR block fills its matrix and simeq solves it;
// the NONLINEAR block is the residual function of newton's iteration.
// Both leave the solution in the unknowns' storage.
func (g *emitter) algebraic(a *ir.Algebraic) {
	fs := newFnScope(solverLocals)
	where := fmt.Sprintf("%s (%s)", a.Name, g.where(a.Pos))
	space := jen.Id("k").Dot(g.algebra[a])
	var cases []jen.Code
	for i, kv := range a.Unknowns {
		cases = append(cases, jen.Case(jen.Lit(i)).Block(jen.Return(jen.Op("&").Add(g.unknown(kv, fs)))))
	}
	x := jen.Func().Params(jen.Id("j").Int()).Op("*").Float64().Block(
		jen.Switch(jen.Id("j")).Block(cases...),
		jen.Panic(jen.Lit("nmodlgo bug: no such unknown")),
	)
	var body []jen.Code
	if a.Linear {
		body = append(body,
			jen.Id("coef").Op(":=").Add(space.Clone()).Dot("Zero").Call(),
			jen.Id("row").Op(":=").Lit(-1),
		)
		body = append(body, g.stmts(a.Body, fs)...)
		body = append(body,
			jen.Id("_").Op("=").Id("row"),
			jen.If(jen.Err().Op(":=").Add(space.Clone()).Dot("Solve").Call(x), jen.Err().Op("!=").Nil()).Block(
				jen.Id("k").Dot("ctx").Dot("Fail").Call(jen.Lit("LINEAR "+where+": ").Op("+").Err().Dot("Error").Call()),
			),
		)
		g.f.Commentf("%s solves LINEAR %s by scopmath's simeq.", g.method[a], where)
	} else {
		eval := append([]jen.Code{jen.Id("row").Op(":=").Lit(-1)}, g.stmts(a.Body, fs)...)
		body = append(body,
			jen.Id("eval").Op(":=").Func().Params(jen.Id("value").Index().Float64()).Block(eval...),
			jen.If(jen.Err().Op(":=").Add(space.Clone()).Dot("Solve").Call(x, jen.Id("eval")), jen.Err().Op("!=").Nil()).Block(
				jen.Id("k").Dot("ctx").Dot("Fail").Call(jen.Lit("NONLINEAR "+where+": ").Op("+").Err().Dot("Error").Call()),
			),
		)
		g.f.Commentf("%s solves NONLINEAR %s by scopmath's newton.", g.method[a], where)
	}
	g.f.Add(g.recv()).Id(g.method[a]).Params(jen.Id("ix").Int()).Block(body...)
	g.f.Line()
}

// unknown is the storage of an unknown at instance ix.
func (g *emitter) unknown(kv ir.KinVar, fs *fnScope) *jen.Statement {
	if kv.Var.Size > 1 {
		return jen.Id("k").Dot(g.field[kv.Var]).Index(jen.Id("ix").Op("*").Lit(kv.Var.Size).Op("+").Lit(kv.Elem))
	}
	return g.varRef(&ir.VarRef{Var: kv.Var}, fs)
}

// linearEquation emits the next equation of a LINEAR block into coef, as
// nocmodl's _coef[_counte][col] and _RHS(_counte).
func (g *emitter) linearEquation(eq *ir.LinearEquation, fs *fnScope) []jen.Code {
	out := []jen.Code{jen.Id("row").Op("++")}
	for _, t := range eq.Terms {
		var col jen.Code
		switch {
		case t.Col < 0:
			col = jen.Len(jen.Id("coef")) // the right-hand side
		case t.Index != nil:
			col = jen.Lit(t.Col).Op("+").Int().Call(g.num(t.Index, fs))
		default:
			col = jen.Lit(t.Col)
		}
		out = append(out, jen.Id("coef").Index(jen.Id("row")).Index(col).Op(t.Sign+"=").Add(g.num(t.Coef, fs)))
	}
	return out
}
