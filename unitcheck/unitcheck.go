// Package unitcheck checks the units of a .mod file as NEURON's modlunit
// does: that every unit the file writes is one NEURON's units
// database knows (with the units the file's UNITS blocks define), and
// that the variables NEURON shares with a mechanism are declared in
// NEURON's units — v in millivolt, t and dt in ms, celsius in degC, diam
// in micron, area in micron2, ion and other membrane currents in
// milliamp/cm2 (nanoamp in a point process), concentrations in
// milli/liter, reversal potentials in millivolt — equal, as modlunit
// compares them, in dimension and within 1e-5 in factor — and the units
// of expressions and KINETIC blocks, as modlunit's third pass and
// kinunit.cpp compute them (expr.go, kinetic.go), where this package
// models them.
//
// modlunit stops at the first problem; Check reports each, as warnings:
// NEURON builds a file whatever its units.
package unitcheck

import (
	"math"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/unitdb"
)

// Check checks the units of f, the files it INCLUDEs spliced in where
// they are included (as parser.ParseFile reads them).
func Check(f *ast.File) diag.List {
	var ds diag.List
	db, err := unitdb.NEURON()
	if err != nil {
		ds.Errorf(f.Pos(), "NEURON's units database: %v", err)
		return ds
	}
	c := &checker{units: db.Extend(), decls: map[string]*ast.VarDecl{}, named: map[string]bool{}, first: map[string]ast.Pos{}, ds: &ds}
	blocks := spliced(f)
	// The UNITS definitions first, in their order, as the units they name
	// may be written anywhere.
	for _, b := range blocks {
		if ub, ok := b.(*ast.UnitsBlock); ok {
			for _, d := range ub.Defs {
				if d.Name == nil && d.Alias != nil && d.From != nil {
					if err := c.units.Define(d.Alias.Text, d.From.Text); err != nil {
						c.warn(d.Alias.At, "(%s) = (%s): %v", d.Alias.Text, d.From.Text, err)
					}
				}
			}
		}
	}
	for _, b := range blocks {
		ast.Inspect(b, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.UnitsBlock:
				for _, d := range n.Defs {
					for _, u := range []*ast.Unit{d.From, d.To} {
						if d.Name != nil && u != nil {
							c.known(u)
						}
					}
				}
				return false
			case *ast.Unit:
				c.known(n)
			case *ast.Ident:
				c.name(n.Name, n.At)
			case *ast.Name:
				c.name(n.Name, n.At)
			case *ast.DeclBlock:
				for _, d := range n.Decls {
					if c.decls[d.Name.Name] == nil {
						c.decls[d.Name.Name] = d
					}
				}
			case *ast.NeuronBlock:
				c.neuron(n)
			case *ast.Proc:
				if n.Kind == ast.Breakpoint && n.Body != nil {
					for _, s := range n.Body.Stmts {
						if _, ok := s.(*ast.Local); ok {
							c.breakpointLocal = true
						}
					}
				}
			case *ast.Keyword:
				if n.Word == "CONDUCTANCE" {
					c.conductance = true
				}
			}
			return true
		})
	}
	c.neuronUnits()
	c.checkExprs(blocks)
	return ds
}

type checker struct {
	units *unitdb.Table
	decls map[string]*ast.VarDecl // the first declaration of each name
	named map[string]bool         // every name the file writes, declared or not
	first map[string]ast.Pos      // where each is first written
	ds    *diag.List
	seen  map[ast.Pos]bool

	pointProcess                   bool
	currents, concentrations, revs []string // NEURON's names of the mechanism, as modlunit lists them
	breakpointLocal, conductance   bool
}

func (c *checker) name(name string, at ast.Pos) {
	if !c.named[name] {
		c.named[name], c.first[name] = true, at
	}
}

func (c *checker) warn(pos ast.Pos, format string, args ...any) {
	if c.seen == nil {
		c.seen = map[ast.Pos]bool{}
	}
	if !c.seen[pos] {
		c.seen[pos] = true
		c.ds.Warnf(pos, format, args...)
	}
}

// known warns about a unit the database cannot evaluate (modlunit: "Need
// declaration in UNITS block of the form: (mM) (units)").
func (c *checker) known(u *ast.Unit) {
	if _, err := c.units.Eval(u.Text); err != nil {
		c.warn(u.At, "units (%s): %v", u.Text, err)
	}
}

// neuron reads what the NEURON block says of the variables NEURON shares.
func (c *checker) neuron(nb *ast.NeuronBlock) {
	for _, s := range nb.Stmts {
		switch s := s.(type) {
		case *ast.MechName:
			c.pointProcess = c.pointProcess || s.Kind == ast.PointProcess || s.Kind == ast.ArtificialCell
		case *ast.NameList:
			if s.Kind == ast.NonspecificCurrent || s.Kind == ast.ElectrodeCurrent {
				for _, id := range s.Names {
					c.currents = append(c.currents, id.Name)
				}
			}
		case *ast.UseIon:
			ion := s.Name.Name
			for _, id := range append(append([]*ast.Ident{}, s.Read...), s.Write...) {
				switch id.Name {
				case "i" + ion:
					c.currents = append(c.currents, id.Name)
				case "e" + ion:
					c.revs = append(c.revs, id.Name)
				case ion + "i", ion + "o":
					c.concentrations = append(c.concentrations, id.Name)
				}
			}
		}
	}
}

// neuronUnits is modlunit's nrn_unit_chk.
func (c *checker) neuronUnits() {
	for _, x := range [][2]string{{"v", "millivolt"}, {"t", "ms"}, {"dt", "ms"}, {"celsius", "degC"}, {"diam", "micron"}, {"area", "micron2"}} {
		c.must(x[0], x[1])
	}
	if !c.breakpointLocal || !c.conductance {
		current := "milliamp/cm2"
		if c.pointProcess {
			current = "nanoamp"
		}
		for _, name := range c.currents {
			c.must(name, current)
		}
	}
	for _, name := range c.concentrations {
		c.must(name, "milli/liter")
	}
	for _, name := range c.revs {
		c.must(name, "millivolt")
	}
}

// must warns if name is declared in units other than want, or written
// but not declared (modlunit's unit_chk: the same dimensions, the factors
// within 1e-5; a name it has read anywhere is a symbol, without units
// until declared with them).
func (c *checker) must(name, want string) {
	if !c.named[name] || name == "t" && c.decls[name] == nil {
		return // NEURON's INDEPENDENT t is in ms unless the file declares it
	}
	text := ""
	if d := c.decls[name]; d != nil && d.Units != nil {
		text = d.Units.Text
	}
	have, err := c.units.Eval(text)
	if err != nil {
		return // said where the unit is written
	}
	w, err := c.units.Eval(want)
	if err != nil { // NEURON's own units are in its database
		c.ds.Errorf(c.where(name), "internal error: NEURON's unit %s: %v", want, err)
		return
	}
	if have.Dim != w.Dim || math.Abs(w.Factor/have.Factor-1) > 1e-5 {
		shown := "no units"
		if text != "" {
			shown = "(" + strings.TrimSpace(text) + ")"
		}
		c.warn(c.where(name), "%s must have the units (%s), as NEURON has it, not %s: NEURON's modlunit refuses the file", name, want, shown)
	}
}

// where is the place to report name at: its declaration, or where it is
// first written.
func (c *checker) where(name string) ast.Pos {
	if d := c.decls[name]; d != nil {
		return d.Name.At
	}
	return c.first[name]
}

// spliced returns the blocks of f with those of the files it INCLUDEs in
// their place.
func spliced(f *ast.File) []ast.Block {
	var out []ast.Block
	for _, b := range f.Blocks {
		if inc, ok := b.(*ast.Include); ok && inc.File != nil {
			out = append(out, spliced(inc.File)...)
			continue
		}
		out = append(out, b)
	}
	return out
}
