package check

import (
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

// neuronChecks checks the NEURON block: USEION, the name lists, RANDOM.
func (c *checker) neuronChecks() {
	for _, it := range c.neuronBlocks {
		c.cur = it.file
		for _, s := range it.block.(*ast.NeuronBlock).Stmts {
			switch s := s.(type) {
			case *ast.UseIon:
				c.useIon(s)
			case *ast.NameList:
				c.nameList(s)
			}
		}
	}
	// NEURON sets these; a PARAMETER default for them means nothing.
	for _, name := range []string{"v", "t", "dt", "celsius", "diam", "area"} {
		if s := c.syms[name]; s != nil && s.kind == symParameter {
			c.ignoredDefault(s)
		}
	}
	// Ion variables and currents named in the NEURON block must be
	// declared too.
	for name, nn := range c.neuronDeclared {
		if s := c.syms[name]; s != nil && s.isVar() || neuronVars[name] {
			continue
		}
		c.cur = nn.file
		// nocmodl: silent when the name is not used in code, "Warning: ica
		// undefined. (declared within VERBATIM?)" when it is; either way
		// the C it writes does not compile ("'ica' undeclared"). A warning
		// only: some files nocmodl accepts do this.
		c.warnf(nn.id.At, "%s is not declared: add it to ASSIGNED (NEURON needs it there as well as in %s; the C that nocmodl writes does not compile without it)", name, nn.kind)
	}
	c.cur = nil
}

// useIon checks USEION ion READ … WRITE … VALENCE z.
func (c *checker) useIon(u *ast.UseIon) {
	// The parser already refuses WRITE before READ and a VALENCE that is
	// not a number, as nocmodl does.
	ion := u.Name.Name
	names := ionVarNames(ion)
	for _, list := range []struct {
		ids   []*ast.Ident
		write bool
	}{{u.Read, false}, {u.Write, true}} {
		for _, id := range list.ids {
			c.recordListed(id)
			i := indexOf(names[:], id.Name)
			if i < 0 {
				// nocmodl: "ek is not a valid ionic variable for ca"
				c.errorf(id.At, "%s is not a variable of ion %s (its variables are %s)", id.Name, ion, strings.Join(names[:], ", "))
				continue
			}
			s := c.syms[id.Name]
			switch {
			case s == nil:
			case list.write && i == 0 && s.kind == symState:
				// nocmodl: "WARNING: WRITE ica with it a STATE may not be
				// translated correctly"
				c.warnf(id.At, "%s is a STATE: NEURON may not translate WRITE %s correctly (make it ASSIGNED)", id.Name, id.Name)
			case !list.write && i == 0 && c.info.Mech != nil && c.info.Mech.Kind != ast.Suffix:
				// nocmodl: "WARNING: Dimensions may be wrong for READ ica
				// with POINT_PROCESS"
				c.warnf(id.At, "READ %s in a POINT_PROCESS: NEURON gives the current density (mA/cm2), not a current", id.Name)
			}
			if s != nil && s.kind == symParameter && i > 0 {
				c.ignoredDefault(s)
			}
		}
	}
}

// ignoredDefault warns about the default of a PARAMETER that NEURON sets.
func (c *checker) ignoredDefault(s *symbol) {
	d := c.declOf(s)
	if d == nil || d.Value == nil || isZero(d.Value) {
		return
	}
	saved := c.cur
	c.cur = s.file
	// nocmodl: "Warning: Default 120 of PARAMETER eca will be ignored and
	// set by NEURON."
	c.warnf(s.at, "the value %s given to PARAMETER %s is ignored: NEURON sets %s", numText(d.Value), s.name, s.name)
	c.cur = saved
}

// declOf finds the VarDecl of a symbol.
func (c *checker) declOf(s *symbol) *ast.VarDecl {
	for _, it := range c.items {
		if b, ok := it.block.(*ast.DeclBlock); ok && it.file == s.file {
			for _, d := range b.Decls {
				if d.Name.At == s.at {
					return d
				}
			}
		}
	}
	return nil
}

func numText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Number:
		return e.Text
	case *ast.Unary:
		return e.Op + numText(e.X)
	}
	return "?"
}

func isZero(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Number:
		return e.Value == 0
	case *ast.Unary:
		return isZero(e.X)
	}
	return false
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// nameList checks RANGE, GLOBAL, POINTER, … lists.
func (c *checker) nameList(l *ast.NameList) {
	if l.Kind == ast.Random {
		// NEURON 9: each name is a Random123 stream per instance, which
		// only the random_* functions take. NEURON 8.2's nocmodl does
		// not know RANDOM ("syntax error: Illegal block").
		c.warnf(l.At, "RANDOM is NEURON 9 syntax, which NEURON 8.2 refuses; nmodlgo runs it as NEURON 9 does")
		for _, id := range l.Names {
			if s := c.syms[id.Name]; s != nil {
				c.errorf(id.At, "%s is a RANDOM variable and also %s", id.Name, s.what())
			}
			c.record(id, c.listed(id))
		}
		return
	}
	for _, id := range l.Names {
		s := c.syms[id.Name]
		c.recordListed(id)
		switch l.Kind {
		case ast.Range, ast.Global:
			if id.Name == "diam" || id.Name == "area" {
				// nocmodl: "diam cannot be a RANGE or GLOBAL variable for
				// this mechanism"
				c.errorf(id.At, "%s belongs to the section: it cannot be a %s variable of a mechanism", id.Name, l.Kind)
				continue
			}
		}
		if l.Kind == ast.Global && s != nil && s.kind == symState {
			// nocmodl: "m is a STATE variable and hence cannot be declared as
			// GLOBAL"
			c.errorf(id.At, "%s is a STATE, so it cannot be GLOBAL", id.Name)
		}
		switch l.Kind {
		case ast.Global, ast.Pointer, ast.BbcorePointer:
			if (s == nil || !s.isVar()) && !neuronVars[id.Name] && !c.tableVars[id.Name] && !c.implicit[id.Name] {
				if _, ion := c.neuronDeclared[id.Name]; ion {
					continue // reported as an undeclared ion variable
				}
				// nocmodl: "gg does not have a proper declaration"
				c.errorf(id.At, "%s %s is not declared (declare it in %s)", l.Kind, id.Name, declBlockFor(l.Kind))
			}
		}
	}
}

func declBlockFor(k ast.NameListKind) string {
	if k == ast.Global {
		return "PARAMETER or ASSIGNED"
	}
	return "ASSIGNED"
}

// ionWriteChecks warns about ion variables given a value without WRITE.
func (c *checker) ionWriteChecks() {
	done := map[string]bool{}
	for _, w := range c.ionWrites {
		if done[w.name] {
			continue
		}
		for _, ion := range c.ionOrder {
			u := c.ions[ion]
			names := ionVarNames(ion)
			if indexOf(names[:], w.name) < 0 || u.write[w.name] != nil {
				continue
			}
			done[w.name] = true
			c.cur = w.file
			// nocmodl: silent; NEURON then never sees the value.
			if u.read[w.name] != nil {
				c.warnf(w.pos, "%s is %s, but USEION %s only READs it, so NEURON never sees the new value (add WRITE %s)", w.name, w.what, ion, w.name)
			} else {
				c.warnf(w.pos, "%s is %s, but USEION %s does not WRITE it, so NEURON never sees the value (add WRITE %s)", w.name, w.what, ion, w.name)
			}
		}
	}
	c.cur = nil
}

// undeclaredV reports v used without a declaration in a mechanism that is
// not thread safe: nocmodl then declares v itself in a way that fails.
func (c *checker) undeclaredV() {
	if c.vUse == nil || c.threadsafe {
		return
	}
	why := ""
	switch {
	case c.hasVerbatim:
		why = "it has VERBATIM text"
	case c.unsafeCall != "":
		why = "it calls " + c.unsafeCall
	default:
		return // nocmodl: "Warning: v undefined", and all is well
	}
	c.cur = c.vUse.file
	// nocmodl: "Warning: v undefined. (declared within VERBATIM?)", then "v
	// does not have a proper declaration"
	c.errorf(c.vUse.pos, "v is used but not declared: add v (mV) to ASSIGNED (nocmodl needs the declaration in a mechanism that is not thread safe, and %s)", why)
}

// netReceiveChecks checks the NET_RECEIVE block against the mechanism.
func (c *checker) netReceiveChecks() {
	for i, it := range c.netReceive {
		if i > 0 {
			c.cur = it.file
			// nocmodl: "Only one NET_RECEIVE block allowed"
			c.errorf(it.block.Pos(), "only one NET_RECEIVE block is allowed (the first is at %s)", c.whereAt(c.netReceive[0].file, c.netReceive[0].block.Pos()))
		}
	}
	c.undeclaredV()
	if c.netSend != nil && len(c.netReceive) == 0 {
		c.cur = c.netSendFile
		// nocmodl: "can't use net_send if there is no NET_RECEIVE block"
		c.errorf(c.netSend.At, "net_send needs a NET_RECEIVE block to receive the event")
	}
	// A STATE given a value in NET_RECEIVE must be integrated by the
	// BREAKPOINT's SOLVE.
	done := map[string]bool{}
	for _, w := range c.netrecStates {
		if done[w.name] || c.integrated(w.name) {
			continue
		}
		done[w.name] = true
		c.cur = w.file
		// nocmodl: "s not really a STATE; Ie. No differential equation for
		// it."
		c.errorf(w.pos, "STATE %s is assigned in NET_RECEIVE but has no differential equation or reaction: it is not really a STATE (make it ASSIGNED)", w.name)
	}
	c.cur = nil
}

// recordListed notes what a name in a NEURON-block statement denotes: its
// declaration, a variable NEURON supplies, or the listing itself.
func (c *checker) recordListed(id *ast.Ident) {
	switch s := c.syms[id.Name]; {
	case s != nil:
		c.record(id, s.obj)
	case neuronVars[id.Name]:
		c.record(id, c.supplied(Neuron, id.Name))
	case c.implicit[id.Name]:
		c.record(id, c.supplied(Implicit, id.Name))
	default:
		c.record(id, c.listed(id))
	}
}
