package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ir"
)

// kineticMethods emits, for a KINETIC block, the method that evaluates it
// (Eval: fluxes, volumes, conservation totals at states s) and the method
// that takes one backward Euler step of it for an instance.
func (g *emitter) kineticMethods(k *ir.Kinetic) {
	where := fmt.Sprintf("(%s)", g.where(k.Pos))
	fs := newFnScope()
	fs.kinN = len(k.States)
	g.locals[k.FFlux], g.locals[k.BFlux] = "f_flux", "b_flux"
	body := []jen.Code{jen.Var().Id("f_flux").Op(",").Id("b_flux").Float64(), jen.Id("_").Op(",").Id("_").Op("=").Id("f_flux").Op(",").Id("b_flux")}
	body = append(body, g.stmts(k.Body, fs)...)
	g.f.Commentf("%s evaluates KINETIC %s %s at the states s: the reactions' fluxes into F", g.eval[k], k.Name, where)
	g.f.Comment("and their derivatives into J (row-major), the compartment volumes into vol, the")
	g.f.Comment("CONSERVE totals into total.")
	g.f.Add(g.recv()).Id(g.eval[k]).Params(jen.Id("ix").Int(), jen.List(jen.Id("s"), jen.Id("F"), jen.Id("J"), jen.Id("vol"), jen.Id("total")).Index().Float64()).Block(body...)
	g.f.Line()

	var load, store []jen.Code
	for i, v := range k.States {
		load = append(load, jen.Id("s").Index(jen.Lit(i)).Op("=").Add(g.varRef(&ir.VarRef{Var: v}, fs)))
		store = append(store, g.varRef(&ir.VarRef{Var: v}, fs).Op("=").Id("s").Index(jen.Lit(i)))
	}
	sys := jen.Id("k").Dot(g.system[k])
	step := []jen.Code{jen.Id("s").Op(":=").Add(sys).Dot("States").Call(jen.Lit(len(k.States)))}
	step = append(step, load...)
	step = append(step,
		jen.Id("k").Dot("kinIx").Op("=").Id("ix"),
		jen.Id("ok").Op(":=").False(),
		jen.If(jen.Id("steady")).Block(
			jen.Id("ok").Op("=").Add(sys).Dot("SteadyState").Call(jen.Id("s")),
		).Else().Block(
			jen.Id("ok").Op("=").Add(sys).Dot("Step").Call(jen.Id("s"), jen.Id("k").Dot("ctx").Dot("Dt")),
		),
		jen.If(jen.Op("!").Id("ok")).Block(
			jen.Id("k").Dot("ctx").Dot("Fail").Call(jen.Lit(fmt.Sprintf("KINETIC %s %s: the Newton iteration did not converge", k.Name, where))),
		),
	)
	step = append(step, store...)
	g.f.Commentf("%s advances KINETIC %s %s by one backward Euler step of dt (NEURON's", g.step[k], k.Name, where)
	g.f.Comment("sparse method), or finds its steady state (STEADYSTATE sparse).")
	g.f.Add(g.recv()).Id(g.step[k]).Params(jen.Id("ix").Int(), jen.Id("steady").Bool()).Block(step...)
	g.f.Line()
}

// reaction emits a reaction: its rates into f_flux and b_flux, their
// difference into the fluxes of its states, its derivatives into J.
func (g *emitter) reaction(r *ir.Reaction, n int, fs *fnScope) []jen.Code {
	out := []jen.Code{jen.List(jen.Id("f_flux"), jen.Id("b_flux")).Op("=").List(g.num(r.Forward, fs), g.num(r.Backward, fs))}
	for _, t := range r.Flux {
		out = append(out, jen.Id("F").Index(jen.Lit(t.State)).Op(t.Sign+"=").Lit(t.Coef).Op("*").Parens(jen.Id("f_flux").Op("-").Id("b_flux")))
	}
	return append(out, g.jacobian(r.Jacobian, n, fs)...)
}

// flux emits ~ x << (f).
func (g *emitter) flux(f *ir.Flux, n int, fs *fnScope) []jen.Code {
	out := []jen.Code{jen.Id("F").Index(jen.Lit(f.State)).Op("+=").Add(g.num(f.Rate, fs))}
	return append(out, g.jacobian(f.Jacobian, n, fs)...)
}

func (g *emitter) jacobian(terms []ir.JacobianTerm, n int, fs *fnScope) []jen.Code {
	var out []jen.Code
	for _, t := range terms {
		out = append(out, jen.Id("J").Index(jen.Lit(t.Row*n+t.Col)).Op(t.Sign+"=").Lit(t.Coef).Op("*").Parens(g.num(t.D, fs)))
	}
	return out
}
