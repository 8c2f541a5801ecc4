package unitcheck

import (
	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/internal/unitdb"
)

// The units of a KINETIC block, as modlunit's kinunit.cpp checks them: a
// reaction's species all count the same quantity (a state's units times
// its COMPARTMENT volume); that quantity per unit of time is the flux; a
// forward rate times its reactants (the product of the left side's
// units, each to its coefficient's power) is the flux, a backward rate
// times the right side too, and a << term is a flux itself. f_flux and
// b_flux have the flux's units. modlunit checks these whatever UNITSOFF
// says, and reads the block's COMPARTMENT and LONGITUDINAL_DIFFUSION
// statements before its reactions. CONSERVE's terms count one quantity
// too.

// kinetic checks the KINETIC block p.
func (e *exprChecker) kinetic(p *ast.Proc) {
	e.volumes = map[string]uval{}
	on := e.on // as at the block's start: modlunit's unitflagsave
	ast.Inspect(p.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Compartment:
			e.on = false // modlunit reads them with its checks off
			v := e.indexed(n.Index, n.Volume)
			for _, s := range n.States {
				if _, ok := e.volumes[s.Name]; ok {
					e.warn(s.At, "%s is in a COMPARTMENT already: modlunit refuses the file", s.Name)
				}
				e.volumes[s.Name] = v
			}
		case *ast.LongDiffusion:
			e.on = on
			e.longDiffusion(n)
		}
		return true
	})
	e.on = on
	e.block(p.Body)
	e.volumes = nil
}

// indexed is the units of x, within COMPARTMENT i, x or
// LONGITUDINAL_DIFFUSION i, x.
func (e *exprChecker) indexed(i *ast.Ident, x ast.Expr) uval {
	scope := map[string]*uval{}
	if i != nil {
		scope[i.Name] = &uval{u: plain.u}
	}
	e.locals = append(e.locals, scope)
	defer func() { e.locals = e.locals[:len(e.locals)-1] }()
	return e.expr(x)
}

// longDiffusion is modlunit's unit_ldifuslist: the rate in micron4/ms
// (area times diffusion constant), each state in a COMPARTMENT whose
// volume is per micron of length, in micron2.
func (e *exprChecker) longDiffusion(n *ast.LongDiffusion) {
	rate := e.indexed(n.Index, n.Rate)
	micron4PerMs, micron2 := e.unitOf("micron4/ms"), e.unitOf("micron2")
	for _, s := range n.States {
		vol, ok := e.volumes[s.Name]
		if !ok {
			e.warn(s.At, "LONGITUDINAL_DIFFUSION of %s, which is in no COMPARTMENT before it: modlunit refuses the file", s.Name)
			continue
		}
		if !e.on {
			continue
		}
		if !rate.wild && !micron4PerMs.wild && !same(rate.u, micron4PerMs.u) {
			e.warn(n.Rate.Pos(), "LONGITUDINAL_DIFFUSION of %s: the rate, in %s, must be in micron4/ms %s (area times diffusion constant): modlunit refuses the file", s.Name, show(rate.u), show(micron4PerMs.u))
		}
		if !vol.wild && !micron2.wild && !same(vol.u, micron2.u) {
			e.warn(s.At, "LONGITUDINAL_DIFFUSION of %s: its COMPARTMENT volume, in %s, must be per micron of length, micron3/micron %s: modlunit refuses the file", s.Name, show(vol.u), show(micron2.u))
		}
	}
}

// same is modlunit's unit_cmp_exact: the same dimensions, factors within
// 1e-5.
func same(a, b unitdb.Unit) bool { return a.Dim == b.Dim && !outTolerance(a.Factor, b.Factor) }

// reaction is modlunit's kinunits.
func (e *exprChecker) reaction(r *ast.Reaction) {
	kf := e.expr(r.Kf)
	var kb uval
	if r.Kb != nil {
		kb = e.expr(r.Kb)
	}
	// the quantity every species counts: the first's, which all others
	// must have
	quantity := uval{u: plain.u, isnum: true}
	side := func(terms []*ast.ReactTerm) uval {
		prod := uval{u: plain.u, isnum: true}
		for _, t := range terms {
			name := stateName(t.State)
			v := e.expr(t.State)
			prod = mul(prod, pow(v, t.Coef))
			q := v
			if vol, ok := e.volumes[name]; ok {
				q = mul(v, vol)
			}
			if !agree(quantity, q) {
				e.warn(t.At, "%s counts a quantity in %s, the reaction's first species in %s (units times COMPARTMENT volume): modlunit refuses the file (\"Inconsistent material quantity units\")", name, show(q.u), show(quantity.u))
			} else if quantity.isnum {
				quantity = q
			}
		}
		return prod
	}
	left := side(r.Lhs)
	right := side(r.Rhs)
	flux := div(quantity, e.time)
	flux.isnum = false
	e.flux = &flux
	switch r.Op {
	case ast.Flux:
		if !agree(kf, flux) {
			e.warn(r.Kf.Pos(), "this flux, in %s, must be in %s (the quantity of its species per unit of time): modlunit refuses the file (\"Inconsistent flux units\")", show(kf.u), show(flux.u))
		}
	default:
		if want := div(flux, left); !agree(kf, want) {
			e.warn(r.Kf.Pos(), "this forward rate, in %s, must be in %s, so that times its reactants, %s, it is the flux, %s: modlunit refuses the file (\"inconsistent reaction units\")", show(kf.u), show(want.u), show(left.u), show(flux.u))
		}
		if r.Kb != nil {
			if want := div(flux, right); !agree(kb, want) {
				e.warn(r.Kb.Pos(), "this backward rate, in %s, must be in %s, so that times its products, %s, it is the flux, %s: modlunit refuses the file (\"inconsistent reaction units\")", show(kb.u), show(want.u), show(right.u), show(flux.u))
			}
		}
	}
}

// agree is modlunit's unit_diff: whether a and b are the same units, or
// either is wild or a plain number.
func agree(a, b uval) bool {
	return a.wild || b.wild || a.isnum || b.isnum || same(a.u, b.u)
}

// conserve is modlunit's CONSERVE: every term counts the quantity of the
// first (its state's units times its COMPARTMENT volume; a coefficient
// has none), and the right side is in those units too.
func (e *exprChecker) conserve(c *ast.Conserve) {
	var sum *uval
	var term func(x ast.Expr)
	term = func(x ast.Expr) {
		if b, ok := x.(*ast.Binary); ok {
			switch b.Op {
			case "+":
				term(b.X)
				term(b.Y)
				return
			case "*": // a coefficient and its state
				term(b.Y)
				return
			}
		}
		q := e.expr(x)
		if vol, ok := e.volumes[stateName(x)]; ok {
			q = mul(q, vol)
		}
		if sum == nil {
			sum = &q
			return
		}
		*sum = e.cmp(*sum, q, x.Pos())
	}
	term(c.Lhs)
	if rhs := e.expr(c.Rhs); sum != nil {
		e.cmp(*sum, rhs, c.Rhs.Pos())
	}
}

// stateName is the name of a reaction's or CONSERVE's state, x or x[i].
func stateName(x ast.Expr) string {
	switch s := x.(type) {
	case *ast.Name:
		return s.Name
	case *ast.Index:
		return s.X.Name
	}
	return ""
}
