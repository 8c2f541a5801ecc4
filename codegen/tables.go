package codegen

import (
	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ir"
)

// tableChecks emits what (re)builds the TABLEs when a DEPEND value
// changed: CheckTables for a thread-safe mechanism, which the simulator
// calls where NEURON calls nrn_thread_table_check (at the start of
// finitialize and of every step), with instance 0's values; for one that is
// not, a check per table, which its PROCEDURE or FUNCTION calls first, as
// nocmodl's _check_<name>, with the calling instance's values.
func (g *emitter) tableChecks() {
	var eager []jen.Code
	for _, t := range g.m.Tables {
		build := g.tableBuild(t)
		if t.Lazy {
			g.f.Commentf("%s rebuilds the TABLE of %s %s if a DEPEND value changed, as NEURON", g.check[t], t.Proc.Kind, t.Proc.Name)
			g.f.Comment("does at each call in a mechanism that is not thread safe.")
			g.f.Add(g.recv()).Id(g.check[t]).Params(jen.Id("ix").Int()).Block(
				jen.If(jen.Id("k").Dot("usetable").Op("==").Lit(0.0)).Block(jen.Return()),
				build,
			)
			g.f.Line()
			continue
		}
		eager = append(eager, build)
	}
	if len(eager) == 0 {
		return
	}
	body := []jen.Code{
		jen.If(jen.Id("k").Dot("usetable").Op("==").Lit(0.0)).Block(jen.Return()),
		jen.Id("ix").Op(":=").Lit(0).Comment("NEURON builds them with the first instance's values"),
	}
	body = append(body, eager...)
	g.f.Comment("CheckTables rebuilds the TABLEs whose DEPEND values changed.")
	g.f.Add(g.recv()).Id("CheckTables").Params().Block(body...)
	g.f.Line()
}

// tableBuild is the test of a table's DEPEND values and the loop that
// fills it, for instance ix.
func (g *emitter) tableBuild(t *ir.Table) jen.Code {
	fs := newFnScope()
	var deps []jen.Code
	for _, d := range t.Depend {
		deps = append(deps, g.num(d, fs))
	}
	p := t.Proc
	var fill []jen.Code
	if p.Result != nil {
		fill = append(fill, jen.Id("row").Index(jen.Lit(0)).Op("=").Id("k").Dot(g.compute[p]).Call(jen.Id("ix"), jen.Id("x")))
	} else {
		fill = append(fill, jen.Id("k").Dot(g.compute[p]).Call(jen.Id("ix"), jen.Id("x")))
		for c, col := range g.tableColumns(t, nil) {
			fill = append(fill, jen.Id("row").Index(jen.Lit(c)).Op("=").Add(col))
		}
	}
	var build []jen.Code
	_, loConst := ir.ConstValue(t.From)
	_, hiConst := ir.ConstValue(t.To)
	if !loConst || !hiConst {
		// FROM and TO are evaluated when the table is built, as nocmodl does.
		build = append(build, jen.Id("k").Dot(g.table[t]).Dot("SetRange").Call(g.num(t.From, fs), g.num(t.To, fs)))
	}
	build = append(build, jen.Id("k").Dot(g.table[t]).Dot("Fill").Call(
		jen.Func().Params(jen.Id("x").Float64(), jen.Id("row").Index().Float64()).Block(fill...)))
	return jen.If(jen.Id("k").Dot(g.table[t]).Dot("Stale").Call(deps...)).Block(build...)
}

// tableColumns lists where each value of a TABLE's point comes from and
// goes to (instance ix's value, the GLOBAL, or the local fs keeps it in),
// one per array element.
func (g *emitter) tableColumns(t *ir.Table, fs *fnScope) []*jen.Statement {
	var cols []*jen.Statement
	for _, v := range t.Vars {
		if fs != nil {
			if name, ok := fs.columns[v]; ok {
				cols = append(cols, jen.Id(name))
				continue
			}
		}
		field := jen.Id("k").Dot(g.field[v])
		for j := range v.Size {
			switch {
			case v.Storage != ir.PerInstance && v.Size == 1:
				cols = append(cols, field.Clone())
			case v.Storage != ir.PerInstance:
				cols = append(cols, field.Clone().Index(jen.Lit(j)))
			case v.Size == 1:
				cols = append(cols, field.Clone().Index(jen.Id("ix")))
			default:
				cols = append(cols, field.Clone().Index(jen.Id("ix").Op("*").Lit(v.Size).Op("+").Lit(j)))
			}
		}
	}
	return cols
}

// inlinable reports whether call c may be written out by tableCall: of a
// PROCEDURE (with no value) of one argument with a TABLE checked once per
// step.
func inlinable(c *ir.Call) bool {
	p := c.Proc
	return p.Table != nil && !p.Table.Lazy && p.Result == nil && !p.Valued && len(p.Table.Vars) > 0 && len(c.Args) == 1
}

// tableCall is a call of an inlinable PROCEDURE written out: what its
// method (tableLookup) does, in the caller.
func (g *emitter) tableCall(c *ir.Call, fs *fnScope) jen.Code {
	p, t := c.Proc, c.Proc.Table
	x := g.num(c.Args[0], fs)
	var compute []jen.Code
	if fs.direct != nil {
		// the computation reads v and the ions in the kernel (batchDirect)
		compute = append(compute, jen.Id("k").Dot("v").Op("=").Id(fs.direct.v))
		compute = append(compute, g.ionLoads(fs.direct.h, nil)...)
	}
	compute = append(compute, jen.Id("k").Dot(g.compute[p]).Call(jen.Id("ix"), x))
	for _, v := range t.Vars {
		if name, ok := fs.columns[v]; ok {
			compute = append(compute, jen.Id(name).Op("=").Id("k").Dot(g.field[v]))
		}
	}
	fs.tableWritten = true
	comment := jen.Commentf("%s %s, its TABLE written out", p.Kind, p.Name).Line()
	switch fs.tableBranch {
	case computeBranch:
		return comment.Block(compute...)
	case lookupBranch:
		return comment.Block(g.interpolateColumns(t, x.Clone(), fs)...)
	}
	return comment.If(jen.Id("k").Dot("usetable").Op("==").Lit(0.0)).Block(compute...).
		Else().Block(g.interpolateColumns(t, x.Clone(), fs)...)
}

// lookupRows finds x in t's table: rows and frac as Table.At returns
// them, rows cut to its known length so that the compiler checks no index.
func (g *emitter) lookupRows(t *ir.Table, x jen.Code) jen.Code {
	return jen.List(jen.Id("rows"), jen.Id("frac")).Op(":=").Id("k").Dot(g.table[t]).Dot("At").Call(x).Line().
		Id("rows").Op("=").Id("rows").Index(jen.Op(":").Lit(2 * t.Columns()))
}

// interpolated is quantity c of the table at x, after lookupRows: lo[c] +
// frac·(hi[c] - lo[c]), as nocmodl interpolates.
func interpolated(t *ir.Table, c int) jen.Code {
	lo, hi := jen.Id("rows").Index(jen.Lit(c)), jen.Id("rows").Index(jen.Lit(t.Columns()+c))
	return lo.Clone().Op("+").Id("frac").Op("*").Parens(hi.Op("-").Add(lo))
}

// interpolateColumns looks x up in t's table and assigns each tabulated
// variable its value there.
func (g *emitter) interpolateColumns(t *ir.Table, x jen.Code, fs *fnScope) []jen.Code {
	out := []jen.Code{g.lookupRows(t, x)}
	for c, col := range g.tableColumns(t, fs) {
		out = append(out, col.Op("=").Add(interpolated(t, c)))
	}
	return out
}

// tableLookup emits the PROCEDURE or FUNCTION with a TABLE: the value by
// linear interpolation in the table (nocmodl's _n_<name>), or computed
// when usetable is 0.
func (g *emitter) tableLookup(p *ir.Proc, t *ir.Table, params []jen.Code) {
	name := g.method[p]
	impl := g.compute[p]
	var args []jen.Code
	for _, prm := range p.Params {
		args = append(args, jen.Id(g.locals[prm]))
	}
	callArgs := append([]jen.Code{jen.Id("ix")}, args...)
	var lookup []jen.Code
	if t.Lazy {
		lookup = append(lookup, jen.Id("k").Dot(g.check[t]).Call(jen.Id("ix")))
	}
	lookup = append(lookup,
		jen.If(jen.Id("k").Dot("usetable").Op("==").Lit(0.0)).BlockFunc(func(gr *jen.Group) {
			if p.Result != nil || p.Valued {
				gr.Return(jen.Id("k").Dot(impl).Call(callArgs...))
			} else {
				gr.Id("k").Dot(impl).Call(callArgs...)
				gr.Return()
			}
		}),
	)
	if p.Result != nil {
		lookup = append(lookup, g.lookupRows(t, args[0]), jen.Return(interpolated(t, 0)))
	} else {
		lookup = append(lookup, g.interpolateColumns(t, args[0], nil)...)
		if p.Valued {
			lookup = append(lookup, jen.Return(jen.Lit(0.0)))
		}
	}
	g.f.Commentf("%s is %s %s (%s): by linear interpolation in its TABLE, or computed when usetable is 0.", name, p.Kind, p.Name, g.where(p.Pos))
	fn := g.f.Add(g.recv()).Id(name).Params(params...)
	if p.Result != nil || p.Valued {
		fn.Float64()
	}
	fn.Block(lookup...)
	g.f.Line()
}
