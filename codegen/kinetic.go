package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ir"
)

// kineticMethods emits, for a KINETIC block, the method that evaluates it
// as nocmodl's code for sparse does (Eval) and the method that takes one
// backward Euler step of it for an instance.
func (g *emitter) kineticMethods(k *ir.Kinetic) {
	where := fmt.Sprintf("(%s)", g.where(k.Pos))
	fs := newFnScope()
	g.locals[k.FFlux], g.locals[k.BFlux] = "f_flux", "b_flux"
	n := len(k.States)
	body := []jen.Code{
		jen.Var().List(jen.Id("f_flux"), jen.Id("b_flux"), jen.Id("term")).Float64(),
		jen.List(jen.Id("_"), jen.Id("_"), jen.Id("_")).Op("=").List(jen.Id("f_flux"), jen.Id("b_flux"), jen.Id("term")),
		jen.Comment("the backward Euler step of each state's equation, times its volume"),
		jen.Id("dt1").Op(":=").Lit(1.0).Op("/").Id("dt"),
		jen.For(jen.Id("i").Op(":=").Lit(k.Ncons), jen.Id("i").Op("<").Lit(n), jen.Id("i").Op("++")).Block(
			jen.Id("rhs").Index(jen.Id("i")).Op("=").Op("-").Id("dt1").Op("*").Parens(jen.Id("s").Index(jen.Id("i")).Op("-").Id("old").Index(jen.Id("i"))),
			jen.Id("a").Index(jen.Id("i")).Op("=").Id("dt1"),
		),
	}
	for i := k.Ncons; i < n; i++ {
		if vol := k.Volumes[i]; vol != nil {
			body = append(body,
				jen.Id("rhs").Index(jen.Lit(i)).Op("*=").Add(g.num(vol, fs)),
				jen.Id("a").Index(jen.Lit(i)).Op("*=").Add(g.num(vol, fs)))
		}
	}
	body = append(body, g.stmts(k.Body, fs)...)
	g.f.Commentf("%s evaluates KINETIC %s %s at the states s, old at the start of the", g.eval[k], k.Name, where)
	g.f.Comment("step, as nocmodl's code for sparse: the right-hand sides into rhs, the")
	g.f.Comment("matrix into a (impl.KineticSystem).")
	params := []jen.Code{jen.Id("ix").Int(), jen.List(jen.Id("s"), jen.Id("old"), jen.Id("rhs"), jen.Id("a")).Index().Float64(), jen.Id("dt").Float64()}
	g.f.Add(g.recv()).Id(g.eval[k]).Params(params...).Block(body...)
	g.f.Line()

	var load, store []jen.Code
	for i, kv := range k.States {
		ref := g.unknown(kv, fs)
		load = append(load, jen.Id("s").Index(jen.Lit(i)).Op("=").Add(ref))
		store = append(store, g.unknown(kv, fs).Op("=").Id("s").Index(jen.Lit(i)))
	}
	sys := jen.Id("k").Dot(g.system[k])
	step := []jen.Code{jen.Id("s").Op(":=").Add(sys).Dot("States").Call(jen.Lit(n))}
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
		// with secondorder, nocmodl's code adds dt times the derivative
		// over the last sparse step (in the state update, its dt is
		// Context.Dt here, then half the model's)
		jen.If(jen.Id("second").Op("&&").Id("steady")).Block(
			sys.Clone().Dot("SecondOrder").Call(jen.Id("s"), implQual("SteadyStateDt"), jen.Id("k").Dot("ctx").Dot("Dt")),
		).Else().If(jen.Id("second")).Block(
			sys.Clone().Dot("SecondOrder").Call(jen.Id("s"), jen.Id("k").Dot("ctx").Dot("Dt"), jen.Id("k").Dot("ctx").Dot("Dt")),
		),
	)
	step = append(step, store...)
	g.f.Commentf("%s advances KINETIC %s %s by one backward Euler step of dt (NEURON's", g.step[k], k.Name, where)
	g.f.Comment("sparse method), or finds its steady state (STEADYSTATE sparse); second: in the state")
	g.f.Comment("update with secondorder.")
	g.f.Add(g.recv()).Id(g.step[k]).Params(jen.Id("ix").Int(), jen.List(jen.Id("steady"), jen.Id("second")).Bool()).Block(step...)
	g.f.Line()
}

// reaction emits a reaction as nocmodl's genderivterms and genmatterms:
// its rates into f_flux and b_flux, their difference into the equations
// of its states, the derivatives of the rates into the matrix.
func (g *emitter) reaction(r *ir.Reaction, fs *fnScope) []jen.Code {
	out := []jen.Code{
		jen.Id("f_flux").Op("=").Add(g.num(r.Forward, fs)),
		jen.Id("b_flux").Op("=").Add(g.num(r.Backward, fs)),
	}
	for _, t := range r.Rhs {
		x := jen.Parens(jen.Id("f_flux").Op("-").Id("b_flux"))
		if t.Num != 1 {
			x = jen.Lit(float64(t.Num)).Op("*").Add(x)
		}
		out = append(out, jen.Id("rhs").Index(jen.Lit(t.State)).Op(t.Sign+"=").Add(x))
	}
	for _, c := range r.Jacobian {
		out = append(out, jen.Id("term").Op("=").Add(g.num(c.D, fs)))
		for _, e := range c.Elems {
			x := jen.Id("term")
			if e.Num != 1 {
				x = jen.Lit(float64(e.Num)).Op("*").Id("term")
			}
			out = append(out, jen.Id("a").Index(jen.Lit(e.Elem)).Op(e.Sign+"=").Add(x))
		}
	}
	return out
}

// flux emits ~ x << (f): f into x's equation, as nocmodl's genfluxterm.
func (g *emitter) flux(f *ir.Flux, fs *fnScope) []jen.Code {
	return []jen.Code{
		jen.List(jen.Id("f_flux"), jen.Id("b_flux")).Op("=").List(jen.Lit(0.0), g.num(f.Rate, fs)),
		jen.Id("rhs").Index(jen.Lit(f.State)).Op("+=").Id("b_flux"),
	}
}

// conserve emits a CONSERVE's equation as nocmodl's genconservterms.
func (g *emitter) conserve(c *ir.Conserve, fs *fnScope) []jen.Code {
	out := []jen.Code{jen.Id("rhs").Index(jen.Lit(c.Row)).Op("=").Add(g.num(c.Total, fs))}
	for _, t := range c.Terms {
		coef := jen.Lit(float64(t.Num))
		state := jen.Id("s").Index(jen.Lit(t.State))
		if t.Volume != nil {
			coef = coef.Op("*").Add(g.num(t.Volume, fs))
			state = state.Op("*").Add(g.num(t.Volume, fs))
		}
		if t.Num != 1 {
			state = state.Op("*").Lit(float64(t.Num))
		}
		out = append(out,
			jen.Id("a").Index(jen.Lit(t.Elem)).Op("=").Add(coef),
			jen.Id("rhs").Index(jen.Lit(c.Row)).Op("-=").Add(state))
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
