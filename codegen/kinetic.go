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
	for i, kv := range k.States {
		ref := func() *jen.Statement { return g.varRef(&ir.VarRef{Var: kv.Var}, fs) }
		if kv.Var.Size > 1 {
			ref = func() *jen.Statement {
				return jen.Id("k").Dot(g.field[kv.Var]).Index(jen.Id("ix").Op("*").Lit(kv.Var.Size).Op("+").Lit(kv.Elem))
			}
		}
		load = append(load, jen.Id("s").Index(jen.Lit(i)).Op("=").Add(ref()))
		store = append(store, ref().Op("=").Id("s").Index(jen.Lit(i)))
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

// diffusion emits Diffusions and Diffusion (mechimpl.Diffuser): for each
// diffusing state element, its rate, volume and storage at an instance.
func (g *emitter) diffusion(ds []*ir.Diffusion) {
	fs := newFnScope()
	var cases []jen.Code
	for i, d := range ds {
		state := g.varRef(&ir.VarRef{Var: d.State.Var}, fs)
		if d.State.Var.Size > 1 {
			state = jen.Id("k").Dot(g.field[d.State.Var]).Index(jen.Id("ix").Op("*").Lit(d.State.Var.Size).Op("+").Lit(d.State.Elem))
		}
		cases = append(cases, jen.Case(jen.Lit(i)).Block(
			jen.Comment(d.State.String()),
			jen.Return(g.num(d.Rate, fs), g.num(d.Volume, fs), jen.Op("&").Add(state)),
		))
	}
	g.f.Comment("Diffusions is the number of state elements that diffuse along the cable")
	g.f.Comment("(LONGITUDINAL_DIFFUSION).")
	g.f.Add(g.recv()).Id("Diffusions").Params().Int().Block(jen.Return(jen.Lit(len(ds))))
	g.f.Line()
	g.f.Comment("Diffusion is element d's diffusion rate (constant times cross-section),")
	g.f.Comment("COMPARTMENT volume and storage at instance ix.")
	g.f.Add(g.recv()).Id("Diffusion").Params(jen.List(jen.Id("d"), jen.Id("ix")).Int()).Params(jen.List(jen.Id("rate"), jen.Id("vol")).Float64(), jen.Id("state").Op("*").Float64()).Block(
		jen.Switch(jen.Id("d")).Block(cases...),
		jen.Panic(jen.Lit("nmodlgo bug: no such diffusion")),
	)
	g.f.Line()
}
