package codegen

import (
	"fmt"
	"slices"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/ir"
)

// ionLoads copies the ion variables the mechanism uses from the ions at
// node nd into its own storage, as nocmodl does at the start of each phase.
func (g *emitter) ionLoads(h *hoist, d *direct) []jen.Code {
	var out []jen.Code
	for _, ion := range g.m.Ions {
		for _, v := range ionVars(ion) {
			if !fromIon(ion, v) {
				continue // a written current is computed, not read
			}
			if d != nil && v.Storage == ir.IonRead && !d.reads[v] {
				continue // the block does not read it
			}
			src := h.ion(g, ion, v.Field()).Index(jen.Id("nd"))
			switch {
			case d != nil && v.Storage == ir.IonRead:
				out = append(out, jen.Id(d.ion(g, v)).Op(":=").Add(src))
				if d.writes[v] {
					// assigned (NEURON's local copy, not written back): the
					// block may never read it, which Go does not allow
					out = append(out, jen.Id("_").Op("=").Id(d.ion(g, v)))
				}
			case d != nil && v.Storage == ir.PerInstance && d.locals[v] != "":
				out = append(out, jen.Id(d.locals[v]).Op("=").Add(src))
			case d != nil && v.Storage == ir.PerInstance:
				out = append(out, d.slice(g, v).Index(jen.Id("ix")).Op("=").Add(src))
			case v.Storage == ir.PerInstance:
				out = append(out, jen.Id("k").Dot(g.field[v]).Index(jen.Id("ix")).Op("=").Add(src))
			default:
				out = append(out, jen.Id("k").Dot(g.field[v]).Op("=").Add(src))
			}
		}
	}
	return out
}

// fromIon reports whether the phases copy v from the ion: all but a
// current the mechanism writes and does not read.
func fromIon(ion *ir.Ion, v *ir.Var) bool {
	return v.Field() != ir.IonCur || slices.Contains(ion.Read, v)
}

// ionVars are the variables of an ion the mechanism uses, once each: those
// it reads, then those it only writes.
func ionVars(ion *ir.Ion) []*ir.Var {
	vars := slices.Clone(ion.Read)
	for _, v := range ion.Write {
		if !slices.Contains(vars, v) {
			vars = append(vars, v)
		}
	}
	return vars
}

// ionStores writes back the concentrations and reversal potentials the
// mechanism WRITEs.
func (g *emitter) ionStores(h *hoist) []jen.Code {
	var out []jen.Code
	for _, ion := range g.m.Ions {
		for _, v := range ion.Write {
			if v.Field() == ir.IonCur {
				continue
			}
			out = append(out, h.ion(g, ion, v.Field()).Index(jen.Id("nd")).Op("=").Id("k").Dot(g.field[v]).Index(jen.Id("ix")))
		}
	}
	return out
}

// ionFieldNames are the simulator's names of an ion's per-node values.
var ionFieldNames = map[ir.IonField]string{ir.IonCur: "Cur", ir.IonE: "E", ir.IonCi: "Ci", ir.IonCo: "Co"}

// instanceLoop runs body for every instance, with ix its index and nd its
// node; an artificial cell has no node. A ranged loop runs over the
// instances lo to hi-1 (mechimpl.Ranged).
func (g *emitter) instanceLoop(ranged bool, body ...jen.Code) jen.Code {
	switch {
	case g.m.Kind == ast.ArtificialCell:
		return jen.For(jen.Id("ix").Op(":=").Range().Id("k").Dot("node")).Block(body...)
	case ranged:
		body = append([]jen.Code{jen.Id("nd").Op(":=").Id("node").Index(jen.Id("ix"))}, body...)
		return jen.Id("node").Op(":=").Id("k").Dot("node").Index(jen.Op(":").Id("hi")).Line().
			For(jen.Id("ix").Op(":=").Id("lo"), jen.Id("ix").Op("<").Id("hi"), jen.Id("ix").Op("++")).Block(body...)
	}
	return jen.For(jen.List(jen.Id("ix"), jen.Id("nd")).Op(":=").Range().Id("k").Dot("node")).Block(body...)
}

// rangedPhase emits a phase (Current or State) with body: for a parallel
// mechanism as name+"In"(lo, hi) and name() calling it over every
// instance, else as name() alone.
func (g *emitter) rangedPhase(name string, doc []string, body []jen.Code) {
	for _, d := range doc {
		g.f.Comment(d)
	}
	if !g.m.Parallel {
		g.f.Add(g.recv()).Id(name).Params().Block(body...)
		g.f.Line()
		return
	}
	g.f.Add(g.recv()).Id(name).Params().Block(jen.Id("k").Dot(name+"In").Call(jen.Lit(0), jen.Len(jen.Id("k").Dot("node"))))
	g.f.Line()
	g.f.Commentf("%sIn is %s for the instances lo to hi-1, for one thread of several.", name, name)
	g.f.Add(g.recv()).Id(name + "In").Params(jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Block(body...)
	g.f.Line()
}

// hoist collects the slices a phase reads in its instance loop, so that
// they are loaded once before the loop rather than through k on every
// iteration (the block calls in the loop keep the compiler from doing it).
// The node slices (V, RHS, the ions' …) are cut to one length, the number
// of nodes (every one has an entry per node, mechimpl.Context and Ion), so
// that the compiler checks an instance's node index once, where it first
// indexes one of them, and not at every other.
type hoist struct {
	order []string
	decls map[string]jen.Code
	nodes bool // a node slice is declared: nNodes is needed
}

func newHoist() *hoist { return &hoist{decls: map[string]jen.Code{}} }

// slice returns the local for src, declaring it as local := src.
func (h *hoist) slice(local string, src *jen.Statement) *jen.Statement {
	if _, ok := h.decls[local]; !ok {
		h.order = append(h.order, local)
		h.decls[local] = jen.Id(local).Op(":=").Add(src)
	}
	return jen.Id(local)
}

// nodeSlice returns the local for src, a node slice, declaring it as
// local := src[:nNodes].
func (h *hoist) nodeSlice(local string, src *jen.Statement) *jen.Statement {
	h.nodes = true
	return h.slice(local, src.Index(jen.Op(":").Id("nNodes")))
}

// ctx is one of the node slices of the context: V, RHS, D, Area.
func (h *hoist) ctx(field string) *jen.Statement {
	return h.nodeSlice(field, jen.Id("k").Dot("ctx").Dot(field))
}

// ion is one of an ion's node slices: ionNaE, ionKCur, …
func (h *hoist) ion(g *emitter, ion *ir.Ion, f ir.IonField) *jen.Statement {
	return h.nodeSlice(g.ionField[ion]+ionFieldNames[f], jen.Id("k").Dot(g.ionField[ion]).Dot(ionFieldNames[f]))
}

// ionDCurDv is the slice of an ion's d(current)/dv.
func (h *hoist) ionDCurDv(g *emitter, ion *ir.Ion) *jen.Statement {
	return h.nodeSlice(g.ionField[ion]+"DCurDv", jen.Id("k").Dot(g.ionField[ion]).Dot("DCurDv"))
}

// declared returns the declarations, then the code that uses them.
func (h *hoist) declared(code ...jen.Code) []jen.Code {
	out := make([]jen.Code, 0, len(h.order)+len(code)+1)
	if h.nodes {
		out = append(out, jen.Id("nNodes").Op(":=").Len(jen.Id("k").Dot("ctx").Dot("V")))
	}
	for _, l := range h.order {
		out = append(out, h.decls[l])
	}
	return append(out, code...)
}

func (g *emitter) phases() {
	m := g.m

	// Init
	var body []jen.Code
	if m.Initial != nil {
		body = g.eachInstance(false, jen.Id("k").Dot("initial").Call(jen.Id("ix")))
	}
	g.f.Comment("Init runs the INITIAL block for every instance.")
	g.f.Add(g.recv()).Id("Init").Params().Block(body...)
	g.f.Line()

	// Current
	body = nil
	if m.Breakpoint != nil && m.CurrentsInBreakpoint() {
		h := newHoist()
		body = h.declared(g.instanceLoop(m.Parallel, g.currentLoop(h)...))
	}
	g.rangedPhase("Current", []string{
		"Current evaluates the BREAKPOINT currents at v and v+0.001 for every instance",
		"and adds them and their conductance to the node's equation and the ions.",
	}, body)

	// State. A BREAKPOINT without currents runs here, after the SOLVEs and
	// with the new v, as nocmodl puts it in nrn_state.
	body = nil
	late := m.Breakpoint != nil && !m.CurrentsInBreakpoint()
	if len(m.Solves) > 0 || late {
		var calls []jen.Code
		for _, s := range m.Solves {
			switch s.Method {
			case ir.Sparse:
				calls = append(calls, jen.Id("k").Dot(g.step[s.Kinetic]).Call(jen.Id("ix"), jen.Lit(s.SteadyState), jen.Id("k").Dot("ctx").Dot("SecondOrder").Op("!=").Lit(0)))
			case ir.ProcedureCall:
				calls = append(calls, jen.Id("k").Dot(g.method[s.Proc]).Call(jen.Id("ix")))
			case ir.AlgebraicSolve:
				calls = append(calls, jen.Id("k").Dot(g.method[s.Algebraic]).Call(jen.Id("ix")))
			default:
				calls = append(calls, jen.Id("k").Dot(g.method[s.Deriv]).Call(jen.Id("ix")))
			}
		}
		if late {
			calls = append(calls, jen.Id("k").Dot("breakpoint").Call(jen.Id("ix")))
		}
		if g.batch != nil {
			body = g.batchedState()
		} else {
			body = g.eachInstance(m.Parallel, calls...)
		}
	}
	g.rangedPhase("State", []string{"State advances the SOLVE'd states of every instance by one step."}, body)

	if len(m.Tables) > 0 {
		g.tableChecks()
	}
}

// eachInstance runs calls for every instance, with v and the ion
// variables loaded before and the ion variables stored after, the node
// slices hoisted out of the loop.
func (g *emitter) eachInstance(ranged bool, calls ...jen.Code) []jen.Code {
	h := newHoist()
	var loop []jen.Code
	if g.m.Kind != ast.ArtificialCell { // an artificial cell has no membrane
		loop = append(loop, jen.Id("k").Dot("v").Op("=").Add(h.ctx("V")).Index(jen.Id("nd")))
	}
	loop = append(loop, g.ionLoads(h, nil)...)
	loop = append(loop, calls...)
	loop = append(loop, g.ionStores(h)...)
	return h.declared(g.instanceLoop(ranged, loop...))
}

// batchable returns the DERIVATIVE block whose cnexp steps the State
// phase computes for groups of instances (ir.Deriv.CnexpBatch), and where
// they start: when it is the mechanism's one SOLVE, and the phase stores
// no ion value after it (which would have to follow the steps).
func batchable(m *ir.Mechanism) (*ir.Deriv, int) {
	if len(m.Solves) != 1 || m.Solves[0].Deriv == nil || m.Kind == ast.ArtificialCell ||
		(m.Breakpoint != nil && !m.CurrentsInBreakpoint()) {
		return nil, -1
	}
	for _, ion := range m.Ions {
		for _, v := range ion.Write {
			if v.Field() != ir.IonCur {
				return nil, -1
			}
		}
	}
	d := m.Solves[0].Deriv
	if d.Method != ir.Cnexp {
		return nil, -1
	}
	at := d.CnexpBatch()
	if at < 0 {
		return nil, -1
	}
	return d, at
}

// batchedState is the State phase of a mechanism with a batchable cnexp
// block: for each group of up to impl.StateGroup instances, the block up
// to its cnexp steps, which leaves each step's a and b as quotients in
// columns (arg and aden, cc and bden: a step's column s·StateGroup on);
// then each step for the whole group (impl.CnexpAdvance: the coefficients,
// the exponentials, eight or four at a time where the CPU can, and the
// update). The operations and their order on each value are those of
// eachInstance with the block. The block is written into the loop, and so
// is a call of a PROCEDURE with a TABLE (its lookup), so that the compiler
// keeps the loop's values in registers.
func (g *emitter) batchedState() []jen.Code {
	steps := g.batch.Body[g.batchAt:]
	h := newHoist()
	fs := newFnScope(solverLocals, g.batchNames())
	fs.inlineTables = true
	columns := g.columnLocals(g.batch.Body[:g.batchAt], fs)
	prefix := []jen.Code{jen.Id("ix").Op(":=").Id("c").Op("+").Id("j"), jen.Id("nd").Op(":=").Id("node").Index(jen.Id("ix"))}
	if columns != nil {
		// v and the ion values the block reads in locals too; the kernel
		// gets them only for the computation when usetable is 0 (tableCall).
		fs.direct = g.batchDirect(h, fs)
		prefix = append(prefix, jen.Id(fs.direct.v).Op(":=").Add(h.ctx("V")).Index(jen.Id("nd")))
		prefix = append(prefix, g.ionLoads(h, fs.direct)...)
	} else {
		prefix = append(prefix, jen.Id("k").Dot("v").Op("=").Add(h.ctx("V")).Index(jen.Id("nd")))
		prefix = append(prefix, g.ionLoads(h, nil)...)
	}
	// Each step's columns, cut to the group's length once: the compiler
	// then checks no index in the loop.
	parts := g.batchParts
	var cut []jen.Code
	for s, p := range parts {
		for c, bc := range batchColumns {
			name := bc.local
			if p.col[c] != c {
				continue // the step reads another of its columns
			}
			var lo *jen.Statement // s·StateGroup
			switch s {
			case 0:
				cut = append(cut, jen.Id(column(name, s)).Op(":=").Id(name).Index(jen.Empty(), jen.Id("ne")))
				continue
			case 1:
				lo = implQual("StateGroup")
			default:
				lo = jen.Lit(s).Op("*").Add(implQual("StateGroup"))
			}
			cut = append(cut, jen.Id(column(name, s)).Op(":=").Id(name).Index(lo, lo.Clone().Op("+").Id("ne")))
		}
	}
	pass1 := func(branch tableBranch) []jen.Code {
		fs.tableBranch = branch
		out := append(slices.Clone(prefix), g.stmts(g.batch.Body[:g.batchAt], fs)...)
		for s, p := range parts {
			for c, e := range p.expr {
				if p.col[c] == c && !p.filled[c] {
					out = append(out, jen.Id(column(batchColumns[c].local, s)).Index(jen.Id("j")).Op("=").Add(g.num(e, fs)))
				}
			}
		}
		return out
	}
	loop := func(body []jen.Code) *jen.Statement {
		return jen.For(jen.Id("j").Op(":=").Range().Id("ne")).Block(body...)
	}
	// The block written with both branches tells whether it has a TABLE
	// call; if it has, it is written again, once for each branch.
	first := loop(pass1(bothBranches))
	if fs.tableWritten {
		// usetable tested once for the group (no code can assign it): the
		// loops without the branch keep more values in registers.
		first = jen.If(jen.Id("k").Dot("usetable").Op("==").Lit(0.0)).Block(loop(pass1(computeBranch))).
			Else().Block(loop(pass1(lookupBranch)))
	}
	var advance, pass2 []jen.Code
	for s, st := range steps {
		st := st.(*ir.CnexpStep)
		if isZero(st.A) {
			// x' = b, one instance at a time: x + dt·(b/bden)
			x := g.stateSlice(st.State, h, fs).Index(jen.Id("ix"))
			col := parts[s].col
			pass2 = append(pass2, x.Clone().Op("=").Add(x.Clone()).Op("+").Id("dt").Op("*").
				Parens(jen.Id(column(batchColumns[col[2]].local, s)).Index(jen.Id("j")).Op("/").Id(column(batchColumns[col[3]].local, s)).Index(jen.Id("j"))))
			continue
		}
		var args []jen.Code
		for _, c := range parts[s].col {
			args = append(args, jen.Id(column(batchColumns[c].local, s)))
		}
		advance = append(advance, implQual("CnexpAdvance").Call(append([]jen.Code{g.stateSlice(st.State, h, fs).Index(jen.Id("c"), jen.Id("e"))}, append(args, jen.Id("dt"))...)...))
	}
	if pass2 != nil {
		advance = append(advance, loop(append([]jen.Code{jen.Id("ix").Op(":=").Id("c").Op("+").Id("j")}, pass2...)))
	}
	var colLocals, colFields []jen.Code
	for c, used := range usedColumns(parts) {
		if used {
			colLocals = append(colLocals, jen.Id(batchColumns[c].local))
			colFields = append(colFields, jen.Id("k").Dot(batchColumns[c].field))
		}
	}
	var out []jen.Code
	if !g.m.Parallel {
		out = append(out, jen.List(jen.Id("lo"), jen.Id("hi")).Op(":=").List(jen.Lit(0), jen.Len(jen.Id("k").Dot("node"))))
	}
	var locals, fields []jen.Code
	for _, v := range columns {
		locals, fields = append(locals, jen.Id(fs.columns[v])), append(fields, jen.Id("k").Dot(g.field[v]))
	}
	if len(columns) > 0 {
		out = append(out, jen.Var().List(locals...).Float64())
	}
	body := []jen.Code{
		jen.Id("e").Op(":=").Min(jen.Id("c").Op("+").Add(implQual("StateGroup")), jen.Id("hi")),
		jen.Id("ne").Op(":=").Id("e").Op("-").Id("c"),
	}
	body = append(body, cut...)
	body = append(body, first)
	body = append(body, advance...)
	out = append(out,
		jen.Id("node").Op(":=").Id("k").Dot("node").Index(jen.Op(":").Id("hi")),
		jen.List(append(colLocals, jen.Id("dt"))...).Op(":=").List(append(colFields, dt())...),
		jen.For(jen.Id("c").Op(":=").Id("lo"), jen.Id("c").Op("<").Id("hi"), jen.Id("c").Op("+=").Add(implQual("StateGroup"))).Block(body...))
	if len(columns) > 0 {
		// the GLOBALs as the last instance left them, as in NEURON
		out = append(out, jen.If(jen.Id("hi").Op(">").Id("lo")).Block(jen.List(fields...).Op("=").List(locals...)))
	}
	return h.declared(out...)
}

// batchColumns are batchedState's columns, as locals and as the kernel's
// fields: a step's a as a quotient (arg over aden), and its b (cc over
// bden).
var batchColumns = [4]struct{ local, field string }{{"arg", "cnexpArg"}, {"aden", "cnexpADen"}, {"cc", "cnexpC"}, {"bden", "cnexpBDen"}}

// usedColumns tells which of batchColumns the steps read.
func usedColumns(parts []cnexpStep) (used [4]bool) {
	for _, p := range parts {
		for c := range used {
			used[c] = used[c] || p.col[c] == c
		}
	}
	return used
}

// column is the name of step s's part of a batchedState column.
func column(name string, s int) string { return fmt.Sprintf("%s%d", name, s) }

// stateSlice is a cnexp step's state in batchedState: the slice of the
// per-instance scalar (ir.Deriv.CnexpBatch admits no other), loaded once
// (to hi, so that the compiler checks no index).
func (g *emitter) stateSlice(r *ir.VarRef, h *hoist, fs *fnScope) *jen.Statement {
	src := jen.Id("k").Dot(g.field[r.Var])
	if g.m.Parallel {
		src.Index(jen.Op(":").Id("hi"))
	}
	return h.slice(fs.ns.name(g.field[r.Var]), src)
}

// batchDirect is the direct scope of a batched state loop whose block
// columnLocals accepted (a tabulated call, then plain code): v and the ion
// values read, by the call's argument, the rest of the block or the cnexp
// coefficients, in locals; per-instance variables through slices.
func (g *emitter) batchDirect(h *hoist, fs *fnScope) *direct {
	reads := plain{vars: map[*ir.Var]bool{}, writes: map[*ir.Var]bool{}}
	body := g.batch.Body[:g.batchAt]
	for i, st := range body {
		if e, ok := st.(*ir.ExprStmt); ok { // the call, after the LOCALs (columnLocals)
			reads.expr(e.X.(*ir.Call).Args[0])
			if !reads.stmts(body[i+1:]) {
				panic("nmodlgo bug: batchDirect on a block columnLocals did not accept")
			}
			break
		}
	}
	for _, st := range g.batch.Body[g.batchAt:] {
		st := st.(*ir.CnexpStep)
		reads.expr(st.A)
		reads.expr(st.B)
	}
	return &direct{h: h, ns: fs.ns, slices: map[*ir.Var]string{}, locals: map[*ir.Var]string{}, ions: map[*ir.Var]string{},
		v: fs.ns.name("v"), usesV: true, reads: reads.vars, writes: reads.writes}
}

// columnLocals lets batchedState keep the tabulated scalar GLOBALs of a
// block that starts with a call of a PROCEDURE with a TABLE (rates(v), as
// most channels have) in locals instead of the kernel, so that they stay
// in registers: from the lookup (or the computation when usetable is 0,
// copied after it) to the cnexp steps, and stored in the kernel once, after
// the loop. Only when nothing else in the block is a call, which could
// read or write them in the kernel. It returns the variables, in the
// TABLE's order, with their locals in fs.columns.
func (g *emitter) columnLocals(body []ir.Stmt, fs *fnScope) []*ir.Var {
	for len(body) > 0 {
		if _, ok := body[0].(*ir.LocalDecl); !ok {
			break
		}
		body = body[1:]
	}
	if len(body) == 0 {
		return nil
	}
	call, ok := body[0].(*ir.ExprStmt)
	if !ok {
		return nil
	}
	c, ok := call.X.(*ir.Call)
	rest := plain{vars: map[*ir.Var]bool{}, writes: map[*ir.Var]bool{}}
	if !ok || !inlinable(c) || !rest.stmts(body[1:]) {
		return nil
	}
	arg := plain{vars: map[*ir.Var]bool{}, writes: map[*ir.Var]bool{}}
	arg.expr(c.Args[0])
	var vars []*ir.Var
	for _, v := range c.Proc.Table.Vars {
		if arg.vars[v] {
			return nil // rates(minf) would read the local before the lookup
		}
		if v.Storage == ir.Shared && v.Size == 1 {
			vars = append(vars, v)
		}
	}
	if len(vars) > 0 {
		fs.columns = map[*ir.Var]string{}
		for _, v := range vars {
			fs.columns[v] = fs.ns.name(g.field[v])
		}
	}
	return vars
}

// cnexpStep is how batchedState stores a cnexp step's coefficients a =
// aNum/aDen and b = bNum/bDen in its columns (arg, aden, cc, bden): a
// quotient x/y (the form nocmodl gives a and b of x' = (inf - x)/tau) as
// x and y, so that the division is done with the group's, anything else
// over 1, which leaves it unchanged. A number is filled in once, when the
// kernel is made (filled); b's denominator, when it is a's (a plain
// variable, as tau), is read from a's column. col is the column each part
// is read from, -1 for a's of x' = b, which has no exponential.
type cnexpStep struct {
	expr   [4]ir.Expr
	filled [4]bool
	value  [4]float64
	col    [4]int
}

// cnexpParts is how batchedState stores each of the cnexp steps.
func cnexpParts(steps []ir.Stmt) []cnexpStep {
	split := func(e ir.Expr) (ir.Expr, ir.Expr) {
		for {
			p, ok := e.(*ir.Paren)
			if !ok {
				break
			}
			e = p.X
		}
		if b, ok := e.(*ir.Binary); ok && b.Op == "/" {
			return b.X, b.Y
		}
		return e, &ir.Num{Value: 1}
	}
	var parts []cnexpStep
	for _, st := range steps {
		st := st.(*ir.CnexpStep)
		p := cnexpStep{col: [4]int{0, 1, 2, 3}}
		if isZero(st.A) {
			p.col[0], p.col[1] = -1, -1
		} else {
			p.expr[0], p.expr[1] = split(st.A)
		}
		p.expr[2], p.expr[3] = split(st.B)
		for c, e := range p.expr {
			if e != nil {
				p.value[c], p.filled[c] = ir.ConstValue(e)
			}
		}
		x, ok1 := p.expr[1].(*ir.VarRef)
		y, ok2 := p.expr[3].(*ir.VarRef)
		if ok1 && ok2 && x.Var == y.Var && x.Index == nil && y.Index == nil && !p.filled[1] {
			p.col[3] = 1
		}
		parts = append(parts, p)
	}
	return parts
}

// batchNames are the names batchedState declares around the block it
// writes into its loop, which none of the block's locals may take.
func (g *emitter) batchNames() []string {
	names := []string{"node", "arg", "aden", "cc", "bden", "dt", "c", "e", "j", "ne", "V", "nNodes"}
	for s := range len(g.batch.Body) - g.batchAt {
		for _, c := range batchColumns {
			names = append(names, column(c.local, s))
		}
	}
	for _, ion := range g.m.Ions {
		for _, f := range ionFieldNames {
			names = append(names, g.ionField[ion]+f)
		}
	}
	return names
}

// loadNodeV sets k.v to instance ix's membrane potential, for the code
// that runs on one instance outside the phase loops; an artificial cell
// has none.
func (g *emitter) loadNodeV() []jen.Code {
	if g.m.Kind == ast.ArtificialCell {
		return nil
	}
	return []jen.Code{jen.Id("k").Dot("v").Op("=").Id("k").Dot("ctx").Dot("V").Index(jen.Id("k").Dot("node").Index(jen.Id("ix")))}
}

// currentSum is the total current the BREAKPOINT block sets, summed in the
// order the NEURON block names them, as nocmodl's _nrn_current does.
func (g *emitter) currentSum(fs *fnScope) jen.Code {
	var sum *jen.Statement
	for _, c := range g.m.Currents {
		ref := g.varRef(&ir.VarRef{Var: c}, fs)
		if sum == nil {
			sum = ref
		} else {
			sum = sum.Op("+").Add(ref)
		}
	}
	return sum
}

// currentLoop is nocmodl's nrn_cur: the current at v+0.001 and at v, the
// conductance as their difference quotient, ion currents and di/dv.
func (g *emitter) currentLoop(h *hoist) []jen.Code {
	m := g.m
	fs := newFnScope()
	fs.direct = g.newDirect(m.Breakpoint.Body, h, fs)
	kv := jen.Id("k").Dot("v")
	setV := kv.Clone().Op("=")
	if fs.direct != nil {
		kv = jen.Id(fs.direct.v)
		setV = kv.Clone().Op(":=")
	}
	// v is the node's; the block sees v + 0.001, then v (unless, working
	// directly, it does not read v at all).
	usesV := fs.direct == nil || fs.direct.usesV
	var out []jen.Code
	if usesV {
		out = append(out, jen.Id("v").Op(":=").Add(h.ctx("V")).Index(jen.Id("nd")))
	}
	if fs.direct != nil {
		out = append(out, fs.direct.loadLocals(g)...)
	}
	out = append(out, g.ionLoads(h, fs.direct)...)
	if usesV {
		out = append(out, setV.Id("v").Op("+").Lit(0.001))
	}
	out = append(out,
		jen.Commentf("BREAKPOINT (%s) at v + 0.001 mV, for the conductance", g.where(m.Breakpoint.Pos)),
		jen.Block(g.stmts(m.Breakpoint.Body, fs)...),
		jen.Id("g").Op(":=").Add(g.currentSum(fs)),
	)
	type ionCur struct {
		ion *ir.Ion
		v   *ir.Var
	}
	var written []ionCur
	for _, ion := range m.Ions {
		if v := ion.WritesCurrent(); v != nil {
			written = append(written, ionCur{ion, v})
		}
	}
	cur := func(v *ir.Var) jen.Code { return g.varRef(&ir.VarRef{Var: v}, fs) }
	for _, w := range written {
		out = append(out, jen.Id("d"+w.v.Name).Op(":=").Add(cur(w.v)))
	}
	second := &fnScope{ns: fs.ns, second: true, direct: fs.direct}
	if usesV {
		out = append(out, kv.Clone().Op("=").Id("v"))
	}
	out = append(out,
		jen.Commentf("BREAKPOINT at v"),
		jen.Block(g.stmts(m.Breakpoint.Body, second)...),
		jen.Id("rhs").Op(":=").Add(g.currentSum(fs)),
	)
	if fs.direct != nil {
		out = append(out, fs.direct.storeLocals(g)...)
	}
	for _, w := range written {
		out = append(out, h.ionDCurDv(g, w.ion).Index(jen.Id("nd")).Op("+=").
			Parens(jen.Id("d"+w.v.Name).Op("-").Add(cur(w.v))).Op("/").Lit(0.001))
	}
	out = append(out, jen.Id("g").Op("=").Parens(jen.Id("g").Op("-").Id("rhs")).Op("/").Lit(0.001))
	for _, w := range written {
		out = append(out, h.ion(g, w.ion, ir.IonCur).Index(jen.Id("nd")).Op("+=").Add(cur(w.v)))
	}
	if m.Kind != ast.Suffix {
		out = append(out,
			jen.Comment("nA at the point → mA/cm² of the node's membrane"),
			jen.Id("g").Op("*=").Lit(1e2).Op("/").Add(h.ctx("Area")).Index(jen.Id("nd")),
			jen.Id("rhs").Op("*=").Lit(1e2).Op("/").Add(h.ctx("Area")).Index(jen.Id("nd")),
		)
	}
	rhs := h.ctx("RHS").Index(jen.Id("nd"))
	d := h.ctx("D").Index(jen.Id("nd"))
	if m.Electrode {
		out = append(out, jen.Comment("an electrode current flows into the cell"),
			rhs.Op("+=").Id("rhs"), d.Op("-=").Id("g"))
	} else {
		out = append(out, rhs.Op("-=").Id("rhs"), d.Op("+=").Id("g"))
	}
	return out
}

// blocks emits INITIAL, BREAKPOINT, the DERIVATIVE and KINETIC blocks,
// NET_RECEIVE, the BEFORE/AFTER blocks, PROCEDUREs and FUNCTIONs, each as a
// method on one instance.
func (g *emitter) blocks() {
	m := g.m
	if m.Initial != nil {
		g.f.Commentf("initial is the INITIAL block (%s).", g.where(m.Initial.Pos))
		g.f.Add(g.recv()).Id("initial").Params(jen.Id("ix").Int()).Block(g.stmts(m.Initial.Body, newFnScope())...)
		g.f.Line()
	}
	if m.Constructor != nil {
		g.f.Commentf("Construct is the CONSTRUCTOR block (%s), run when instance ix is made", g.where(m.Constructor.Pos))
		g.f.Comment("(impl.Constructor).")
		g.f.Add(g.recv()).Id("Construct").Params(jen.Id("ix").Int()).Block(g.stmts(m.Constructor.Body, newFnScope())...)
		g.f.Line()
	}
	if m.Breakpoint != nil && !m.CurrentsInBreakpoint() {
		// With currents, Current has the BREAKPOINT inline (twice, like a C
		// compiler inlining nocmodl's _nrn_current).
		g.f.Commentf("breakpoint is the BREAKPOINT block (%s) without its SOLVE. It sets no", g.where(m.Breakpoint.Pos))
		g.f.Comment("current, so State runs it after the states, with the new v.")
		g.f.Add(g.recv()).Id("breakpoint").Params(jen.Id("ix").Int()).Block(g.stmts(m.Breakpoint.Body, newFnScope())...)
		g.f.Line()
	}
	for _, d := range m.Derivs {
		g.deriv(d)
	}
	if len(m.BA) > 0 {
		g.beforeAfter()
	}
	if m.NetReceive != nil {
		g.netReceive(m.NetReceive)
		if len(m.Watches) > 0 {
			g.watchValue()
		}
	}
	var diffusions []*ir.Diffusion
	for _, k := range m.Kinetics {
		diffusions = append(diffusions, k.Diffusions...)
	}
	if len(diffusions) > 0 {
		g.diffusion(diffusions)
	}
	for _, k := range m.Kinetics {
		g.kineticMethods(k)
	}
	for _, a := range m.Algebraics {
		g.algebraic(a)
	}
	for _, p := range m.Procs {
		g.proc(p)
	}
}

// deriv emits a DERIVATIVE block as the method that advances its states.
func (g *emitter) deriv(d *ir.Deriv) {
	fs := newFnScope(solverLocals)
	body := g.stmts(d.Body, fs)
	// A Dx read before its equation starts from the evaluation before's.
	for i, v := range d.Kept {
		if v != nil {
			field := func() *jen.Statement { return jen.Id("k").Dot(g.field[v]).Index(jen.Id("ix")) }
			dx := g.local(d.DStates[i], fs)
			body = append([]jen.Code{jen.Id(dx).Op("=").Add(field())}, body...)
			body = append(body, field().Op("=").Id(dx))
		}
	}
	switch d.Method {
	case ir.Euler:
		// Forward Euler, as scopmath's euler: the block computes every
		// derivative from the old states, then each state steps.
		var ds, steps, second []jen.Code
		for i, x := range d.States {
			id := g.local(d.DStates[i], fs)
			ds = append(ds, jen.Id(id))
			steps = append(steps, g.varRef(&ir.VarRef{Var: x}, fs).Op("+=").Id("k").Dot("ctx").Dot("Dt").Op("*").Id(id))
			second = append(second, g.varRef(&ir.VarRef{Var: x}, fs).Op("+=").Id("k").Dot("ctx").Dot("Dt").Op("*").Id(id))
		}
		body = append(append([]jen.Code{jen.Var().List(ds...).Float64()}, body...), steps...)
		// with secondorder, nocmodl's nrn_state adds dt*Dx once more (dt
		// then being half the model's)
		body = append(body, jen.If(jen.Id("k").Dot("ctx").Dot("SecondOrder").Op("!=").Lit(0)).Block(second...))
	case ir.Runge:
		body = g.runge(d, body, fs)
	case ir.DerivImplicit:
		if d.Steady {
			steady := g.derivImplicit(d, body, fs, true)
			g.f.Commentf("%s is SOLVE %s STEADYSTATE derivimplicit (%s): as NEURON's", g.steady[d], d.Name, g.where(d.Pos))
			g.f.Comment("_ss_derivimplicit_thread, one derivimplicit step of 1e-9 ms.")
			g.f.Add(g.recv()).Id(g.steady[d]).Params(jen.Id("ix").Int()).Block(steady...)
			g.f.Line()
		}
		body = g.derivImplicit(d, body, fs, false)
	}
	g.f.Commentf("%s is DERIVATIVE %s (%s), solved by %s.", g.method[d], d.Name, g.where(d.Pos), d.Method)
	g.f.Add(g.recv()).Id(g.method[d]).Params(jen.Id("ix").Int()).Block(body...)
	g.f.Line()
}

// derivImplicit is NEURON's derivimplicit: backward Euler, the new states
// found by scopmath's Newton iteration (impl.NewtonSpace) on the residuals
// D - (x - xold)/dt, with deriv (the DERIVATIVE block) setting the D<state>
// variables; then the block once more at the solution, for what it
// assigns, and with the second order, as nocmodl's code, x += dt*Dx with
// the model's dt. steady: the step is STEADYSTATE's 1e-9 ms
// (impl.SteadyDerivDt), not the model's dt.
func (g *emitter) derivImplicit(dv *ir.Deriv, deriv []jen.Code, fs *fnScope, steady bool) []jen.Code {
	step, modelDt := jen.Id("k").Dot("ctx").Dot("Dt"), jen.Id("dt")
	if steady {
		step, modelDt = implQual("SteadyDerivDt"), jen.Id("k").Dot("ctx").Dot("Dt")
	}
	state := func(i int) *jen.Statement { return g.varRef(&ir.VarRef{Var: dv.States[i]}, fs) }
	var ds, olds, cases []jen.Code
	for i := range dv.States {
		ds = append(ds, jen.Id(g.local(dv.DStates[i], fs)))
		olds = append(olds, state(i))
		cases = append(cases, jen.Case(jen.Lit(i)).Block(jen.Return(jen.Op("&").Add(state(i)))))
	}
	d := func(i int) *jen.Statement { return jen.Id(g.local(dv.DStates[i], fs)) }
	eval := append([]jen.Code{}, deriv...)
	for i := range dv.States {
		eval = append(eval, jen.Id("value").Index(jen.Lit(i)).Op("=").Add(d(i)).Op("-").
			Parens(state(i).Op("-").Id("xold").Index(jen.Lit(i))).Op("/").Id("dt"))
	}
	ns := jen.Id("k").Dot(g.newton[dv])
	out := []jen.Code{
		jen.Var().List(ds...).Float64(),
		jen.Id("dt").Op(":=").Add(step),
		jen.Id("xold").Op(":=").Index(jen.Lit(len(dv.States))).Float64().Values(olds...),
		jen.Id("eval").Op(":=").Func().Params(jen.Id("value").Index().Float64()).Block(eval...),
		jen.Id("x").Op(":=").Func().Params(jen.Id("j").Int()).Op("*").Float64().Block(
			jen.Switch(jen.Id("j")).Block(cases...),
			jen.Panic(jen.Lit("internal error: derivimplicit has no such state")),
		),
		jen.If(jen.Err().Op(":=").Add(ns.Clone()).Dot("Solve").Call(jen.Id("x"), jen.Id("eval")), jen.Err().Op("!=").Nil()).Block(
			jen.Id("k").Dot("ctx").Dot("Fail").Call(jen.Lit(fmt.Sprintf("derivimplicit %s: ", dv.Name)).Op("+").Err().Dot("Error").Call()),
		),
		jen.Id("eval").Call(ns.Clone().Dot("Value").Call()),
		jen.If(jen.Id("k").Dot("ctx").Dot("SecondOrder").Op("!=").Lit(0)).Block(func() []jen.Code {
			var up []jen.Code
			for i := range dv.States {
				up = append(up, state(i).Op("+=").Add(modelDt.Clone()).Op("*").Add(d(i)))
			}
			return up
		}()...),
	}
	return out
}

// runge is scopmath's runge, the classical fourth-order Runge-Kutta step
// over dt, with deriv (the DERIVATIVE block) setting the D<state>
// variables. As in NEURON, t moves by dt/2 twice and back by dt, and keeps
// the rounding.
func (g *emitter) runge(dv *ir.Deriv, deriv []jen.Code, fs *fnScope) []jen.Code {
	n := len(dv.States)
	state := func(i int) *jen.Statement { return g.varRef(&ir.VarRef{Var: dv.States[i]}, fs) }
	var ds []jen.Code
	for i := range dv.States {
		ds = append(ds, jen.Id(g.local(dv.DStates[i], fs)))
	}
	d := func(i int) *jen.Statement { return jen.Id(g.local(dv.DStates[i], fs)) }
	y0 := func(i int) *jen.Statement { return jen.Id("rkY0").Index(jen.Lit(i)) }
	acc := func(i int) *jen.Statement { return jen.Id("rkAcc").Index(jen.Lit(i)) }
	t := jen.Id("k").Dot("ctx").Dot("T")
	h := jen.Id("rkH")
	out := []jen.Code{
		jen.Var().List(ds...).Float64(),
		jen.Id("deriv").Op(":=").Func().Params().Block(deriv...),
		jen.Id("rkH").Op(":=").Id("k").Dot("ctx").Dot("Dt"),
		jen.Var().List(jen.Id("rkY0"), jen.Id("rkAcc")).Index(jen.Lit(n)).Float64(),
		jen.Var().Id("rkT").Float64(),
		jen.Id("deriv").Call(),
	}
	for i := range dv.States {
		out = append(out,
			y0(i).Op("=").Add(state(i)),
			jen.Id("rkT").Op("=").Parens(h.Clone().Op("/").Lit(2.0)).Op("*").Add(d(i)),
			state(i).Op("+=").Id("rkT"),
			acc(i).Op("=").Add(y0(i)).Op("+").Id("rkT").Op("/").Lit(3.0))
	}
	out = append(out, t.Clone().Op("+=").Add(h.Clone()).Op("/").Lit(2.0), jen.Id("deriv").Call())
	for i := range dv.States {
		out = append(out,
			jen.Id("rkT").Op("=").Add(h.Clone()).Op("*").Add(d(i)),
			state(i).Op("=").Add(y0(i)).Op("+").Id("rkT").Op("/").Lit(2.0),
			acc(i).Op("+=").Id("rkT").Op("/").Lit(3.0))
	}
	out = append(out, jen.Id("deriv").Call())
	for i := range dv.States {
		out = append(out,
			jen.Id("rkT").Op("=").Add(h.Clone()).Op("*").Add(d(i)),
			state(i).Op("=").Add(y0(i)).Op("+").Id("rkT"),
			acc(i).Op("+=").Id("rkT").Op("/").Lit(3.0))
	}
	out = append(out, t.Clone().Op("+=").Add(h.Clone()).Op("/").Lit(2.0), jen.Id("deriv").Call())
	for i := range dv.States {
		out = append(out, state(i).Op("=").Add(acc(i)).Op("+").Parens(h.Clone().Op("/").Lit(6.0)).Op("*").Add(d(i)))
	}
	out = append(out, t.Clone().Op("-=").Add(h.Clone()))
	// with secondorder, nocmodl's nrn_state adds dt times the last
	// derivatives (dt then being half the model's)
	var second []jen.Code
	for i := range dv.States {
		second = append(second, state(i).Op("+=").Id("k").Dot("ctx").Dot("Dt").Op("*").Add(d(i)))
	}
	return append(out, jen.If(jen.Id("k").Dot("ctx").Dot("SecondOrder").Op("!=").Lit(0)).Block(second...))
}

// baTypes are the simulator's names of when a BEFORE/AFTER block runs.
var baTypes = map[ir.BAType]string{
	ir.BeforeInitial: "BeforeInitial", ir.AfterInitial: "AfterInitial",
	ir.BeforeBreakpoint: "BeforeBreakpoint", ir.AfterSolve: "AfterSolve", ir.BeforeStep: "BeforeStep",
}

// beforeAfter emits each BEFORE/AFTER block as a method on one instance,
// and BeforeAfter, which the simulator calls at each point of the step: each
// block runs for every instance, in source order, as nrn_ba does.
func (g *emitter) beforeAfter() {
	byWhen := map[ir.BAType][]jen.Code{}
	var order []ir.BAType
	for i, b := range g.m.BA {
		name := g.ba[i]
		g.f.Commentf("%s is the %s block (%s).", name, b.When, g.where(b.Pos))
		g.f.Add(g.recv()).Id(name).Params(jen.Id("ix").Int()).Block(g.stmts(b.Body, newFnScope())...)
		g.f.Line()
		if byWhen[b.When] == nil {
			order = append(order, b.When)
		}
		byWhen[b.When] = append(byWhen[b.When], jen.Block(g.eachInstance(false, jen.Id("k").Dot(name).Call(jen.Id("ix")))...))
	}
	var cases []jen.Code
	for _, when := range order {
		cases = append(cases, jen.Case(implQual(baTypes[when])).Block(byWhen[when]...))
	}
	g.f.Comment("BeforeAfter runs the BEFORE/AFTER blocks of when for every instance.")
	g.f.Add(g.recv()).Id("BeforeAfter").Params(jen.Id("when").Add(implQual("BAType"))).Block(jen.Switch(jen.Id("when")).Block(cases...))
	g.f.Line()
}

// netReceive emits NET_RECEIVE as the kernel's NetReceive: its arguments
// are the NetCon's weights, which it may change, flag the event's flag, t
// the event's time. An INITIAL block inside it becomes NetInit, which
// NEURON runs for every NetCon to the mechanism at initialization.
func (g *emitter) netReceive(nr *ir.NetReceive) {
	if nr.Init != nil {
		g.f.Commentf("NetInit is the INITIAL block inside NET_RECEIVE (%s), run for each NetCon.", g.where(nr.Init.Pos))
		g.f.Add(g.recv()).Id("NetInit").Params(jen.Id("ix").Int(), jen.Id("weights").Index().Float64()).Block(
			g.weightsBody(nr, nr.Init.Body, false)...)
		g.f.Line()
	}
	g.locals[nr.Flag] = "flag"
	g.f.Commentf("NetReceive is the NET_RECEIVE block (%s).", g.where(nr.Pos))
	g.f.Add(g.recv()).Id("NetReceive").Params(jen.Id("ix").Int(), jen.Id("weights").Index().Float64(), jen.Id("flag").Float64()).Block(
		g.weightsBody(nr, nr.Body, true)...)
	g.f.Line()
}

// weightsBody is body with NET_RECEIVE's arguments read and written in
// place in the weights, as NEURON's _args[i]: a FOR_NETCONS in it may
// change them.
func (g *emitter) weightsBody(nr *ir.NetReceive, body []ir.Stmt, receive bool) []jen.Code {
	n := len(nr.Params)
	out := []jen.Code{
		jen.If(jen.Len(jen.Id("weights")).Op("<").Lit(n)).Block(
			jen.Id("weights").Op("=").Make(jen.Index().Float64(), jen.Lit(n)).Comment("events from INITIAL and WATCH carry no weights")),
	}
	if receive {
		out = append(out, g.loadNodeV()...)
	}
	return append(out, g.stmts(body, newFnScope())...)
}

// watchValue emits WatchValue, the WATCH conditions by slot.
func (g *emitter) watchValue() {
	body := g.loadNodeV()
	var cases []jen.Code
	fs := newFnScope()
	for slot, w := range g.m.Watches {
		cases = append(cases, jen.Case(jen.Lit(slot)).Block(jen.Return(jen.Parens(g.num(w.Above, fs)).Op("-").Parens(g.num(w.Below, fs)))))
	}
	body = append(body, jen.Switch(jen.Id("slot")).Block(cases...), jen.Return(jen.Lit(0.0)))
	g.f.Comment("WatchValue is the value of WATCH condition slot, above 0 when it holds.")
	g.f.Add(g.recv()).Id("WatchValue").Params(jen.List(jen.Id("ix"), jen.Id("slot")).Int()).Float64().Block(body...)
	g.f.Line()
}

// proc emits a PROCEDURE or FUNCTION; with a TABLE, the method that
// computes it and the method that looks it up.
func (g *emitter) proc(p *ir.Proc) {
	name := g.method[p]
	t := p.Table
	where := fmt.Sprintf("(%s)", g.where(p.Pos))
	fs := newFnScope()
	params := []jen.Code{jen.Id("ix").Int()}
	for _, prm := range p.Params {
		params = append(params, jen.Id(g.local(prm, fs)).Float64())
	}
	impl := name
	if t != nil {
		impl = g.compute[p]
	}
	var result jen.Code
	body := g.stmts(p.Body, fs)
	var ret *jen.Statement // the return that ends the body, if it needs one
	switch {
	case p.Result != nil:
		result = jen.Parens(jen.Id(g.local(p.Result, fs)).Float64())
		ret = jen.Return()
	case p.Valued:
		result = jen.Float64()
		ret = jen.Return(jen.Lit(0.0))
	}
	if field := g.goBody[p]; field != "" {
		// Body stops the run: the program gave no Go body.
		goBody := jen.Id("GoBodies").Dot(field)
		args := []jen.Code{implQual("NewInstance").Call(jen.Id("k"), jen.Id("k").Dot("data"), jen.Id("ix"))}
		for _, prm := range p.Params {
			args = append(args, jen.Id(g.local(prm, fs)))
		}
		noBody := jen.Return()
		if ret != nil {
			noBody = ret.Clone()
		}
		body = []jen.Code{jen.If(goBody.Clone().Op("==").Nil()).Block(append(body, noBody)...)}
		call := goBody.Clone().Call(args...)
		switch {
		case p.Result != nil:
			body, ret = append(body, jen.Return(call)), nil
		default:
			body = append(body, call)
		}
	}
	if ret != nil {
		body = append(body, ret)
	}
	switch {
	case t != nil:
		g.f.Commentf("%s computes %s %s %s without its TABLE.", impl, p.Kind, p.Name, where)
	case g.goBody[p] != "":
		g.f.Commentf("%s is %s %s %s: GoBodies.%s.", name, p.Kind, p.Name, where, g.goBody[p])
	default:
		g.f.Commentf("%s is %s %s %s.", name, p.Kind, p.Name, where)
	}
	fn := g.f.Add(g.recv()).Id(impl).Params(params...)
	if result != nil {
		fn.Add(result)
	}
	fn.Block(body...)
	g.f.Line()
	if t != nil {
		g.tableLookup(p, t, params)
	}
}
