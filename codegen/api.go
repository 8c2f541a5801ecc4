package codegen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/ir"
)

// typedAPI emits what a user of the package calls besides Mechanism: its
// name, a constant of type sim.Var for each variable NEURON names (so that
// a misspelt name does not compile, and go doc lists each with its units,
// default and line), and for a point process or an artificial cell a
// constructor.
func (g *emitter) typedAPI() {
	m, f := g.m, g.f
	ns := newNamespace(packageMembers)
	f.Commentf("Name is the mechanism's name in NEURON%s.", map[bool]string{true: ", the suffix of its variables", false: ""}[m.Kind == ast.Suffix])
	f.Const().Id("Name").Op("=").Lit(m.Name)
	f.Line()

	var vars []jen.Code
	for _, v := range m.Range {
		if !v.Public {
			continue
		}
		name := v.Name
		if m.Kind == ast.Suffix {
			name += "_" + m.Name
		}
		vars = append(vars, g.varConst(ns, v, name))
	}
	if len(vars) > 0 {
		where := "a segment, for sim.Segment's Get, Set and Ref and sim.Section's Set"
		if m.Kind != ast.Suffix {
			where = "an instance, for sim.PointProcess's Get, Set and Ref"
		}
		f.Commentf("The variables of %s at %s.", m.Name, where)
		f.Const().Defs(vars...)
		f.Line()
	}
	var globals []jen.Code
	for _, v := range m.Globals {
		globals = append(globals, g.varConst(ns, v, v.Name+"_"+m.Name))
	}
	if len(globals) > 0 {
		f.Commentf("The GLOBAL variables of %s, one value per model, for sim.Model's SetGlobal and Global.", m.Name)
		f.Const().Defs(globals...)
		f.Line()
	}
	switch m.Kind {
	case ast.PointProcess:
		f.Commentf("New places a %s at seg, as NEURON's h.%s(seg).", m.Name, m.Name)
		f.Func().Id("New").Params(jen.Id("m").Op("*").Add(simQual("Model")), jen.Id("seg").Add(simQual("Segment"))).
			Params(jen.Op("*").Add(simQual("PointProcess")), jen.Error()).Block(
			jen.Return(jen.Id("m").Dot("NewPointProcess").Call(jen.Id("Mechanism").Call(), jen.Id("seg"))))
		f.Line()
	case ast.ArtificialCell:
		f.Commentf("New makes a %s in m, as NEURON's h.%s().", m.Name, m.Name)
		f.Func().Id("New").Params(jen.Id("m").Op("*").Add(simQual("Model"))).
			Params(jen.Op("*").Add(simQual("PointProcess")), jen.Error()).Block(
			jen.Return(jen.Id("m").Dot("NewArtificialCell").Call(jen.Id("Mechanism").Call())))
		f.Line()
	}
}

// varConst is the constant naming variable v, with its documentation.
func (g *emitter) varConst(ns *namespace, v *ir.Var, neuronName string) jen.Code {
	id := ns.name(exported(v.Name))
	doc := fmt.Sprintf("%s is %s %s", id, declWord(v), v.Name)
	if v.Size > 1 {
		doc += fmt.Sprintf("[%d]", v.Size)
	}
	if v.Units != "" {
		doc += " (" + v.Units + ")"
	}
	if v.Decl == ast.Parameter || v.Default != 0 {
		doc += ", default " + strconv.FormatFloat(v.Default, 'g', -1, 64)
	}
	if v.Doc != "" {
		doc += ": " + v.Doc
	}
	if v.Pos.IsValid() {
		doc += fmt.Sprintf(" (%s)", g.where(v.Pos))
	}
	return jen.Comment(doc + ".").Line().Id(id).Add(simQual("Var")).Op("=").Lit(neuronName)
}

// declWord says what kind of variable v is, as the .mod file declares it.
func declWord(v *ir.Var) string {
	switch {
	case v.Storage == ir.Shared && v.Decl == ast.Assigned:
		return "GLOBAL ASSIGNED"
	case v.Storage == ir.Shared:
		return "GLOBAL PARAMETER"
	case v.Decl == ast.Parameter:
		return "PARAMETER"
	case v.Decl == ast.State:
		return "STATE"
	}
	return "ASSIGNED"
}

// callable are the FUNCTIONs and PROCEDUREs hoc could call: those whose
// arguments are numbers.
func callable(m *ir.Mechanism) []*ir.Proc {
	var out []*ir.Proc
	for _, p := range m.Procs {
		ok := true
		for _, prm := range p.Params {
			ok = ok && prm.Size == 0
		}
		if ok {
			out = append(out, p)
		}
	}
	return out
}

// caller emits Call (impl.Caller): a FUNCTION or PROCEDURE run on one
// instance for a caller outside the phases, with v and the ion values of
// its node loaded first and the ion values it writes stored after.
func (g *emitter) caller() {
	procs := callable(g.m)
	if len(procs) == 0 {
		return
	}
	var cases []jen.Code
	for i, p := range procs {
		args := []jen.Code{jen.Id("ix")}
		for j := range p.Params {
			args = append(args, jen.Id("args").Index(jen.Lit(j)))
		}
		call := jen.Id("k").Dot(g.method[p]).Call(args...)
		if p.Result != nil {
			cases = append(cases, jen.Case(jen.Lit(i)).Block(jen.Id("r").Op("=").Add(call)))
			continue
		}
		if p.Valued {
			call = jen.Id("_").Op("=").Add(call)
		}
		cases = append(cases, jen.Case(jen.Lit(i)).Block(call, jen.Id("r").Op("=").Lit(1.0)))
	}
	h := newHoist()
	var body []jen.Code
	if g.m.Kind != ast.ArtificialCell {
		body = append(body,
			jen.Id("nd").Op(":=").Id("k").Dot("node").Index(jen.Id("ix")),
			jen.Id("k").Dot("v").Op("=").Add(h.ctx("V")).Index(jen.Id("nd")))
		body = append(body, g.ionLoads(h, nil)...)
	}
	body = append(body, jen.Var().Id("r").Float64(), jen.Switch(jen.Id("proc")).Block(cases...))
	if g.m.Kind != ast.ArtificialCell {
		body = append(body, g.ionStores(h)...)
	}
	body = append(body, jen.Return(jen.Id("r")))
	g.f.Comment("Call runs FUNCTION or PROCEDURE number proc of Info().Procs on instance ix,")
	g.f.Comment("as hoc calls it (impl.Caller).")
	g.f.Add(g.recv()).Id("Call").Params(jen.List(jen.Id("proc"), jen.Id("ix")).Int(), jen.Id("args").Index().Float64()).Float64().Block(h.declared(body...)...)
	g.f.Line()
}

// hasGoBodies reports a mechanism with a FUNCTION or PROCEDURE whose body
// is Go that the program gives.
func hasGoBodies(m *ir.Mechanism) bool {
	for _, p := range m.Procs {
		if p.GoBody != "" {
			return true
		}
	}
	return false
}

// goBodies emits GoBodies: a field for each FUNCTION or PROCEDURE whose
// body nmodlgo does not compile, for the program to set to a Go function.
func (g *emitter) goBodies() {
	if !hasGoBodies(g.m) {
		return
	}
	ns := newNamespace()
	var fields []jen.Code
	for _, p := range g.m.Procs {
		if p.GoBody == "" {
			continue
		}
		name := ns.name(exported(p.Name))
		g.goBody[p] = name
		params := newNamespace(predeclared, packageNames, []string{"in"})
		args := []jen.Code{jen.Id("in").Add(simQual("Instance"))}
		var names []string
		for _, prm := range p.Params {
			args = append(args, jen.Id(params.name(prm.Name)).Float64())
			names = append(names, prm.Name)
		}
		typ := jen.Func().Params(args...)
		if p.Result != nil {
			typ.Float64()
		}
		fields = append(fields,
			jen.Commentf("%s is %s %s(%s) (%s), whose body nmodlgo does not compile: %s.",
				name, p.Kind, p.Name, strings.Join(names, ", "), g.where(p.Pos), p.GoBody),
			jen.Id(name).Add(typ))
	}
	g.f.Commentf("GoBodies are Go bodies for the FUNCTIONs and PROCEDUREs of %s whose bodies nmodlgo", g.m.Source)
	g.f.Comment("does not compile (VERBATIM C it does not translate, say), for the program to give")
	g.f.Comment("before the model runs: each gets the instance, whose variables it reads and writes")
	g.f.Comment("by their .mod names, and the arguments, and runs where NEURON would run the C. A")
	g.f.Comment("call of one left nil stops the run with the reason.")
	g.f.Var().Id("GoBodies").Struct(fields...)
	g.f.Line()
}
