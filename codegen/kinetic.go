package codegen

import (
	"fmt"
	"path/filepath"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ast"
)

// kinetic is a KINETIC block being compiled to a backward Euler system
// (NEURON's sparse method): its states, in STATE declaration order, and
// its CONSERVE statements.
type kinetic struct {
	proc   *ast.Proc
	states []string
	index  map[string]int
	cons   []*ast.Conserve
}

// kineticOf collects a KINETIC block's states and CONSERVEs, or reports why
// it cannot be compiled yet.
func (g *emitter) kineticOf(p *ast.Proc) *kinetic {
	kin := &kinetic{proc: p, index: map[string]int{}}
	used := map[string]bool{}
	ok := true
	stateName := func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.Name:
			if v := g.m.Var(e.Name); v != nil && v.Decl == ast.State {
				used[e.Name] = true
			}
		case *ast.Index:
			if v := g.m.Var(e.X.Name); v != nil && v.Decl == ast.State {
				g.errorf(e.At, "KINETIC with array states is not supported yet")
				ok = false
			}
		}
	}
	walkStmts(p.Body, func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.Reaction:
			for _, t := range append(append([]*ast.ReactTerm{}, s.Lhs...), s.Rhs...) {
				stateName(t.State)
			}
		case *ast.Conserve:
			kin.cons = append(kin.cons, s)
		case *ast.Compartment:
			if s.Index != nil {
				g.errorf(s.At, "COMPARTMENT over an index is not supported yet")
				ok = false
			}
		case *ast.LongDiffusion:
			g.errorf(s.At, "LONGITUDINAL_DIFFUSION is not supported yet")
			ok = false
		}
		return true
	})
	if !ok {
		return nil
	}
	for _, v := range g.m.Vars {
		if used[v.Name] {
			kin.index[v.Name] = len(kin.states)
			kin.states = append(kin.states, v.Name)
		}
	}
	return kin
}

func kineticSystem(p *ast.Proc) string { return p.Name.Name + "System" }
func kineticEval(p *ast.Proc) string   { return p.Name.Name + "Eval" }
func kineticStep(p *ast.Proc) string   { return p.Name.Name + "Step" }

// conservations returns the rt.Conservation values of the block's
// CONSERVEs. Each replaces the equation of one of its states, chosen as
// nocmodl's kinetic.cpp does: going through the CONSERVEs from last to
// first, and through each one's terms from last to first, the first state
// not yet taken.
func (g *emitter) conservations(kin *kinetic) jen.Code {
	diag := make([]int, len(kin.cons))
	taken := map[int]bool{}
	type term struct {
		state int
		coef  float64
	}
	terms := make([][]term, len(kin.cons))
	for c, cs := range kin.cons {
		var walk func(e ast.Expr) bool
		walk = func(e ast.Expr) bool {
			switch e := e.(type) {
			case *ast.Binary:
				if e.Op == "+" {
					return walk(e.X) && walk(e.Y)
				}
				if n, ok := e.X.(*ast.Number); ok && e.Op == "*" {
					if name, ok := e.Y.(*ast.Name); ok {
						if i, ok := kin.index[name.Name]; ok {
							terms[c] = append(terms[c], term{i, n.Value})
							return true
						}
					}
				}
			case *ast.Name:
				if i, ok := kin.index[e.Name]; ok {
					terms[c] = append(terms[c], term{i, 1})
					return true
				}
			}
			g.errorf(e.Pos(), "CONSERVE: only sums of STATEs of the block, with integer coefficients, are supported")
			return false
		}
		walk(cs.Lhs)
	}
	for c := len(kin.cons) - 1; c >= 0; c-- {
		diag[c] = -1
		for j := len(terms[c]) - 1; j >= 0; j-- {
			if !taken[terms[c][j].state] {
				diag[c] = terms[c][j].state
				taken[diag[c]] = true
				break
			}
		}
		if diag[c] < 0 {
			g.errorf(kin.cons[c].At, "CONSERVE: every state of it already has a conservation equation")
		}
	}
	var items []jen.Code
	for c := range kin.cons {
		var states, coefs []jen.Code
		for _, t := range terms[c] {
			states = append(states, jen.Lit(t.state))
			coefs = append(coefs, jen.Lit(t.coef))
		}
		items = append(items, jen.Values(jen.Dict{
			jen.Id("Diag"):  jen.Lit(diag[c]),
			jen.Id("State"): jen.Index().Int().Values(states...),
			jen.Id("Coef"):  jen.Index().Float64().Values(coefs...),
		}))
	}
	return jen.Index().Add(rtQual("Conservation")).Values(items...)
}

// kineticMethods emits, for a KINETIC block, the method that evaluates it
// (Eval: fluxes, volumes, conservation totals at states s) and the method
// that takes one backward Euler step of it for an instance.
func (g *emitter) kineticMethods(kin *kinetic) {
	p := kin.proc
	where := fmt.Sprintf("(%s:%d)", filepath.Base(g.m.File.Name), p.At.Line)
	g.kin = kin
	sc := newScope(nil)
	body := []jen.Code{jen.Var().Id("f_flux").Op(",").Id("b_flux").Float64(), jen.Id("_").Op(",").Id("_").Op("=").Id("f_flux").Op(",").Id("b_flux")}
	body = append(body, g.body(p, p.Body, sc)...)
	g.kin = nil
	g.f.Commentf("%s evaluates KINETIC %s %s at the states s: the reactions' fluxes into F", kineticEval(p), p.Name.Name, where)
	g.f.Comment("and their derivatives into J (row-major), the compartment volumes into vol, the")
	g.f.Comment("CONSERVE totals into total.")
	g.f.Add(g.recv()).Id(kineticEval(p)).Params(jen.Id("ix").Int(), jen.List(jen.Id("s"), jen.Id("F"), jen.Id("J"), jen.Id("vol"), jen.Id("total")).Index().Float64()).Block(body...)
	g.f.Line()

	var load, store []jen.Code
	for i, name := range kin.states {
		load = append(load, jen.Id("s").Index(jen.Lit(i)).Op("=").Add(g.lvalue(&ast.Name{Name: name}, nil)))
		store = append(store, g.lvalue(&ast.Name{Name: name}, nil).Op("=").Id("s").Index(jen.Lit(i)))
	}
	sys := jen.Id("k").Dot(kineticSystem(p))
	step := []jen.Code{jen.Id("s").Op(":=").Make(jen.Index().Float64(), jen.Lit(len(kin.states)))}
	step = append(step, load...)
	step = append(step,
		jen.Id("k").Dot("kinIx").Op("=").Id("ix"),
		jen.If(jen.Op("!").Add(sys).Dot("Step").Call(jen.Id("s"), jen.Id("dt"))).Block(
			jen.Id("k").Dot("ctx").Dot("Fail").Call(jen.Lit(fmt.Sprintf("KINETIC %s %s: the Newton iteration did not converge", p.Name.Name, where))),
		),
	)
	step = append(step, store...)
	g.f.Commentf("%s advances KINETIC %s %s by one backward Euler step of dt (NEURON's", kineticStep(p), p.Name.Name, where)
	g.f.Comment("sparse method; dt = 1e9 is its STEADYSTATE).")
	g.f.Add(g.recv()).Id(kineticStep(p)).Params(jen.Id("ix").Int(), jen.Id("dt").Float64()).Block(step...)
	g.f.Line()
}

// reaction emits a reaction of a KINETIC block: its forward and backward
// rates (mass action) into f_flux and b_flux, and their difference into
// the fluxes of its states.
func (g *emitter) reaction(r *ast.Reaction, sc *scope) []jen.Code {
	n := len(g.kin.states)
	// The rate of a side, mass action: k·Π state^coef.
	rate := func(k ast.Expr, side []*ast.ReactTerm) ast.Expr {
		x := paren(k)
		for _, t := range side {
			for range t.Coef {
				x = bin("*", x, t.State)
			}
		}
		return x
	}
	// jacobian adds d(net)/d(state) to the rows of the side's states.
	jacobian := func(net ast.Expr, rows []*ast.ReactTerm, sign string) []jen.Code {
		var out []jen.Code
		for k, st := range g.kin.states {
			if !dependsOn(net, st) {
				continue
			}
			d := simplify(deriv(net, st))
			if dependsOn(d, "nonlinear") {
				g.errorf(r.At, "the rate of this reaction is not differentiable in %s by nmodlgo yet", st)
				return nil
			}
			for _, t := range rows {
				if name, ok := t.State.(*ast.Name); ok {
					if i, ok := g.kin.index[name.Name]; ok {
						out = append(out, jen.Id("J").Index(jen.Lit(i*n+k)).Op(sign+"=").Lit(float64(t.Coef)).Op("*").Parens(g.num(d, sc)))
					}
				}
			}
		}
		return out
	}
	flux := func(side []*ast.ReactTerm, sign string) []jen.Code {
		var out []jen.Code
		for _, t := range side {
			name, ok := t.State.(*ast.Name)
			if !ok {
				continue
			}
			i, ok := g.kin.index[name.Name]
			if !ok {
				continue // not a state of the block: it only scales the rate
			}
			out = append(out, jen.Id("F").Index(jen.Lit(i)).Op(sign+"=").Lit(float64(t.Coef)).Op("*").Parens(jen.Id("f_flux").Op("-").Id("b_flux")))
		}
		return out
	}
	if r.Op == ast.Flux {
		name, ok := r.Lhs[0].State.(*ast.Name)
		i, isState := g.kin.index[name.Name]
		if !ok || !isState || len(r.Lhs) != 1 {
			g.errorf(r.At, "~ x << (flux): x must be a STATE of the block")
			return nil
		}
		out := []jen.Code{jen.Id("F").Index(jen.Lit(i)).Op("+=").Add(g.num(r.Kf, sc))}
		return append(out, jacobian(r.Kf, []*ast.ReactTerm{{Coef: 1, State: name}}, "+")...)
	}
	fwd, bwd := rate(r.Kf, r.Lhs), ast.Expr(num(0))
	if r.Op == ast.Reversible {
		bwd = rate(r.Kb, r.Rhs)
	}
	net := bin("-", fwd, bwd)
	out := []jen.Code{jen.List(jen.Id("f_flux"), jen.Id("b_flux")).Op("=").List(g.num(fwd, sc), g.num(bwd, sc))}
	out = append(out, flux(r.Lhs, "-")...)
	out = append(out, flux(r.Rhs, "+")...)
	out = append(out, jacobian(net, r.Lhs, "-")...)
	return append(out, jacobian(net, r.Rhs, "+")...)
}
