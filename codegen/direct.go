package codegen

import (
	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/ir"
)

// direct lets the current loop keep what the BREAKPOINT block works on in
// Go locals rather than in the kernel: each per-instance array as a slice
// loaded before the loop; each per-instance scalar as a local, loaded from
// its slice before the two evaluations of the block (unless the block
// assigns it before anything reads it) and stored after them if the block
// assigns it; v and the ion values it reads as locals. The arithmetic is
// the same, and so is what each evaluation sees (the second the first's
// assignments), but the values stay in registers instead of going through
// memory after each store. It applies only when the block calls no
// FUNCTION or PROCEDURE (they read v and the ion values from the kernel).
type direct struct {
	h      *hoist
	ns     *namespace
	slices map[*ir.Var]string // per-instance variable → its slice
	locals map[*ir.Var]string // per-instance scalar → its local
	ions   map[*ir.Var]string // ion value read → its local
	v      string             // the v the block sees
	usesV  bool               // whether the block reads v at all
	reads  map[*ir.Var]bool   // the variables it reads or writes
	order  []*ir.Var          // the same, in the order the block first names them
	writes map[*ir.Var]bool   // the variables it assigns
	fresh  map[*ir.Var]bool   // those it assigns before reading them, unconditionally
}

// newDirect returns the direct scope for body, or nil if body is not
// plain arithmetic (calls, events, KINETIC statements). The names of the
// body's locals are taken first, so that none of the new names can hide
// them.
func (g *emitter) newDirect(body []ir.Stmt, h *hoist, fs *fnScope) *direct {
	p := plain{vars: map[*ir.Var]bool{}, writes: map[*ir.Var]bool{}}
	if !p.stmts(body) {
		return nil
	}
	for _, lc := range p.locals {
		fs.ns.used[g.local(lc, fs)] = true
	}
	// and the names the current loop itself declares
	for _, name := range []string{"v", "g", "rhs", "node", "V", "RHS", "D", "Area", "nNodes"} {
		fs.ns.used[name] = true
	}
	for _, ion := range g.m.Ions {
		for _, f := range ionFieldNames {
			fs.ns.used[g.ionField[ion]+f] = true
		}
		fs.ns.used[g.ionField[ion]+"DCurDv"] = true
		for _, v := range ion.Write {
			fs.ns.used["d"+v.Name] = true
		}
	}
	d := &direct{h: h, ns: fs.ns, slices: map[*ir.Var]string{}, locals: map[*ir.Var]string{}, ions: map[*ir.Var]string{},
		v: fs.ns.name("vb"), usesV: p.usesV, reads: p.vars, order: p.order, writes: p.writes, fresh: freshWrites(body)}
	for _, v := range p.order {
		if v.Storage == ir.PerInstance && v.Size <= 1 {
			d.locals[v] = fs.ns.name(g.field[v])
		}
	}
	return d
}

// freshWrites returns the variables body assigns at its top level before
// anything in it reads or assigns them: their locals need no load.
func freshWrites(body []ir.Stmt) map[*ir.Var]bool {
	fresh := map[*ir.Var]bool{}
	seen := plain{vars: map[*ir.Var]bool{}, writes: map[*ir.Var]bool{}}
	for _, s := range body {
		if a, ok := s.(*ir.Assign); ok {
			seen.expr(a.Rhs)
			if r, ok := a.Lhs.(*ir.VarRef); ok && r.Index == nil && !seen.vars[r.Var] {
				fresh[r.Var] = true
			}
			seen.expr(a.Lhs)
			continue
		}
		seen.stmts([]ir.Stmt{s})
	}
	return fresh
}

// loadLocals declares the locals of the per-instance scalars, loaded from
// their slices where the block may read them before it assigns them.
func (d *direct) loadLocals(g *emitter) []jen.Code {
	var out []jen.Code
	for _, v := range d.order {
		name, ok := d.locals[v]
		switch {
		case !ok:
		case d.fresh[v] || v.Ion != nil && fromIon(v.Ion, v): // assigned first, by the block or from the ion
			out = append(out, jen.Var().Id(name).Float64())
		default:
			out = append(out, jen.Id(name).Op(":=").Add(d.slice(g, v)).Index(jen.Id("ix")))
		}
	}
	return out
}

// storeLocals stores the locals the block assigned (and those an ion
// value was copied into) back into their slices.
func (d *direct) storeLocals(g *emitter) []jen.Code {
	var out []jen.Code
	for _, v := range d.order {
		if name, ok := d.locals[v]; ok && (d.writes[v] || v.Ion != nil) {
			out = append(out, d.slice(g, v).Index(jen.Id("ix")).Op("=").Id(name))
		}
	}
	return out
}

// slice is the hoisted slice of a per-instance variable.
func (d *direct) slice(g *emitter, v *ir.Var) *jen.Statement {
	name, ok := d.slices[v]
	if !ok {
		name = d.ns.name(g.field[v])
		d.slices[v] = name
	}
	src := jen.Id("k").Dot(g.field[v])
	if g.m.Parallel {
		src.Index(jen.Op(":").Id("hi")) // the loop runs to hi: no bounds checks
	}
	return d.h.slice(name, src)
}

// ion is the local holding an ion value the block reads.
func (d *direct) ion(g *emitter, v *ir.Var) string {
	name, ok := d.ions[v]
	if !ok {
		name = d.ns.name(g.field[v])
		d.ions[v] = name
	}
	return name
}

// plain checks that code is assignments, ifs, loops, blocks and builtin
// calls only, over plain expressions, and collects the locals and
// variables it uses and whether it reads v.
type plain struct {
	locals []*ir.Local
	usesV  bool
	vars   map[*ir.Var]bool
	order  []*ir.Var // vars, in the order first met
	writes map[*ir.Var]bool
}

func (p *plain) stmts(list []ir.Stmt) bool {
	for _, s := range list {
		ok := true
		switch s := s.(type) {
		case *ir.Assign:
			ok = p.expr(s.Lhs) && p.expr(s.Rhs)
			if r, isVar := s.Lhs.(*ir.VarRef); isVar {
				p.writes[r.Var] = true
			}
		case *ir.ExprStmt:
			_, isCall := s.X.(*ir.Call)
			ok = !isCall && p.expr(s.X)
		case *ir.If:
			ok = p.expr(s.Cond) && p.stmts(s.Then) && (s.Else == nil || p.stmts([]ir.Stmt{s.Else}))
		case *ir.While:
			ok = p.expr(s.Cond) && p.stmts(s.Body)
		case *ir.For:
			p.locals = append(p.locals, s.Var)
			ok = p.expr(s.From) && p.expr(s.To) && (s.By == nil || p.expr(s.By)) && p.stmts(s.Body)
		case *ir.Block:
			ok = p.stmts(s.Body)
		case *ir.LocalDecl:
			p.locals = append(p.locals, s.Locals...)
		default:
			ok = false
		}
		if !ok {
			return false
		}
	}
	return true
}

func (p *plain) expr(e ir.Expr) bool {
	switch e := e.(type) {
	case *ir.Num:
		return true
	case *ir.Special:
		p.usesV = p.usesV || e.Kind == ir.SpecialV
		return true
	case *ir.VarRef:
		if !p.vars[e.Var] {
			p.order = append(p.order, e.Var)
		}
		p.vars[e.Var] = true
		return e.Index == nil || p.expr(e.Index)
	case *ir.LocalRef:
		p.locals = append(p.locals, e.Local)
		return e.Index == nil || p.expr(e.Index)
	case *ir.Unary:
		return p.expr(e.X)
	case *ir.Binary:
		return p.expr(e.X) && p.expr(e.Y)
	case *ir.Paren:
		return p.expr(e.X)
	case *ir.Builtin:
		return e.Stream == nil && p.exprs(e.Args) // a stream is the kernel's
	case *ir.Printf:
		return p.exprs(e.Args)
	}
	return false
}

func (p *plain) exprs(list []ir.Expr) bool {
	for _, e := range list {
		if !p.expr(e) {
			return false
		}
	}
	return true
}
