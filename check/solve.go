package check

import (
	"github.com/nmodlgo/nmodlgo/ast"
)

// solveChecks checks every SOLVE statement against the block it names.
func (c *checker) solveChecks() {
	var cnexp *solveUse
	solved := map[string]bool{}
	failed := false // a SOLVE was wrong: then "never SOLVEd" would be a cascade
	defer func() { c.cur = nil }()
	type derivSolve struct {
		su       solveUse
		implicit bool // METHOD derivimplicit or cnexp
	}
	derivSolves := map[string][]derivSolve{}
	var derivOrder []string

	for i := range c.solves {
		su := c.solves[i]
		c.cur = su.file
		s := su.stmt
		name := s.Block.Name
		method := s.Method
		if s.SteadyState != nil {
			method = s.SteadyState
		}
		mask := 0
		if method != nil {
			var ok bool
			if mask, ok = methods[method.Name]; !ok {
				// nocmodl: "syntax error: Illegal SOLVE statement"
				c.errorf(method.At, "unknown METHOD %s (NEURON 8.2 knows cnexp, derivimplicit, euler, runge, sparse, simeq and newton, among others)", method.Name)
				failed = true
				continue
			}
			if method.Name == "cnexp" {
				if cnexp != nil {
					// nocmodl renames the method cnexp after its first use,
					// so a second "METHOD cnexp" is "syntax error: Illegal
					// SOLVE statement".
					c.errorf(method.At, "METHOD cnexp is used a second time (first at %s): nocmodl 8.2 accepts it once per file; use derivimplicit here, or put the equations in one DERIVATIVE block", c.whereAt(cnexp.file, cnexp.stmt.At))
					failed = true
					continue
				}
				cnexp = &c.solves[i]
			}
		}
		sym := c.syms[name]
		if sym == nil {
			// nocmodl: "Illegal or unimplemented SOLVE type: nosuch", or
			// "Method cnexp can't be used with Block nosuch"
			failed = true
			if near := c.nearBlock(name); near != "" {
				c.errorf(s.Block.At, "SOLVE %s: there is no block named %s (did you mean %s?)", name, name, near)
			} else {
				c.errorf(s.Block.At, "SOLVE %s: there is no block named %s (SOLVE takes a DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block)", name, name)
			}
			continue
		}
		c.record(s.Block, sym.obj)
		var kind int
		if sym.kind == symBlock {
			switch sym.proc.Kind {
			case ast.Derivative:
				kind = forDeriv
			case ast.Kinetic:
				kind = forKinetic
			case ast.Linear:
				kind = forLinear
			case ast.NonLinear:
				kind = forNonlinear
			case ast.Procedure, ast.Discrete, ast.Partial:
				kind = -1 // solvable, but by no METHOD
			}
		}
		if kind == 0 {
			// nocmodl: "Illegal or unimplemented SOLVE type: f"
			c.errorf(s.Block.At, "cannot SOLVE %s: it is %s (SOLVE takes a DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block)", name, sym.what())
			failed = true
			continue
		}
		solved[name] = true
		p := sym.proc
		if method != nil && mask&forAny == 0 && (kind < 0 || mask&kind == 0) {
			// nocmodl: "Method sparse can't be used with Block d"
			c.errorf(method.At, "METHOD %s cannot solve %s %s%s", method.Name, p.Kind, name, methodHint(p.Kind))
			continue
		}
		// nocmodl has "STEADYSTATE only valid for SOLVEing a KINETIC or
		// DERIVATIVE block", but it accepts SOLVE l STEADYSTATE simeq on a
		// LINEAR block: no check.
		if kind == forKinetic && method == nil && su.in == ast.Breakpoint {
			// nocmodl: silent; the C calls _advance_thread, which NEURON does
			// not have, so the mechanism does not load.
			c.warnf(s.At, "SOLVE %s without METHOD uses the advance method, which NEURON does not provide (use METHOD sparse)", name)
		}
		if kind == forDeriv {
			if order := c.itemIndex(p); su.order > order {
				// nocmodl: "The SOLVE statement must be before the
				// DERIVATIVE block for d"
				c.errorf(s.At, "SOLVE %s must come before DERIVATIVE %s (at %s): nocmodl needs the SOLVE statement first", name, name, c.whereAt(c.items[order].file, p.At))
				continue
			}
			if len(derivSolves[name]) == 0 {
				derivOrder = append(derivOrder, name)
			}
			implicit := method != nil && (method.Name == "derivimplicit" || method.Name == "cnexp")
			derivSolves[name] = append(derivSolves[name], derivSolve{su, implicit})
		}
	}

	// nocmodl translates a DERIVATIVE block once, for derivimplicit or
	// for the other methods.
	for _, name := range derivOrder {
		list := derivSolves[name]
		implicit := false
		for _, d := range list {
			implicit = implicit || d.implicit
		}
		if !implicit {
			continue
		}
		for _, d := range list {
			if !d.implicit {
				c.cur = d.su.file
				// nocmodl: "To use the derivimplicit method the SOLVE
				// statement must precede the DERIVATIVE block and all
				// SOLVEs using that block must use the derivimplicit
				// method"
				c.errorf(d.su.stmt.At, "every SOLVE of DERIVATIVE %s must use METHOD derivimplicit or cnexp, since one of them does", name)
				break
			}
		}
	}

	// Blocks that nothing solves do nothing.
	if failed {
		return
	}
	for _, it := range c.items {
		p, ok := it.block.(*ast.Proc)
		if !ok || p.Name == nil || p.Body == nil || solved[p.Name.Name] || c.syms[p.Name.Name].proc != p {
			continue
		}
		switch p.Kind {
		case ast.Derivative, ast.Kinetic, ast.Linear, ast.NonLinear:
			c.cur = it.file
			// nocmodl: silent.
			c.warnf(p.Name.At, "%s %s is never SOLVEd, so its equations do nothing (SOLVE it in BREAKPOINT or INITIAL)", p.Kind, p.Name.Name)
		}
	}
	c.cur = nil
}

// nearBlock returns the name of a DERIVATIVE, KINETIC, LINEAR, NONLINEAR
// or PROCEDURE block spelled like name (at most two edits away), or "".
func (c *checker) nearBlock(name string) string {
	best, bestD := "", 3
	for _, it := range c.items {
		p, ok := it.block.(*ast.Proc)
		if !ok || p.Name == nil {
			continue
		}
		switch p.Kind {
		case ast.Derivative, ast.Kinetic, ast.Linear, ast.NonLinear, ast.Procedure:
			if d := editDistance(name, p.Name.Name); d < bestD {
				best, bestD = p.Name.Name, d
			}
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// methodHint suggests the methods for a kind of block.
func methodHint(k ast.ProcKind) string {
	switch k {
	case ast.Derivative:
		return " (use cnexp or derivimplicit)"
	case ast.Kinetic:
		return " (use sparse)"
	case ast.Linear:
		return " (use simeq, or no METHOD)"
	case ast.NonLinear:
		return " (use newton, or no METHOD)"
	case ast.Procedure:
		return " (SOLVE a PROCEDURE without METHOD)"
	}
	return ""
}

// itemIndex returns the index of a top-level block in c.items.
func (c *checker) itemIndex(b ast.Block) int {
	for i, it := range c.items {
		if it.block == b {
			return i
		}
	}
	return -1
}

// integrated reports whether a STATE gets a value from an equation: a
// derivative, a reaction, CONSERVE, a ~ equation.
func (c *checker) integrated(name string) bool {
	return c.odes[name] || c.species[name]
}

// stateChecks warns about STATEs that nothing changes.
func (c *checker) stateChecks() {
	for _, it := range c.items {
		b, ok := it.block.(*ast.DeclBlock)
		if !ok || b.Kind != ast.State {
			continue
		}
		for _, d := range b.Decls {
			name := d.Name.Name
			if c.integrated(name) || c.assignedOut[name] || c.reported[name] {
				continue
			}
			if _, ion := c.neuronDeclared[name]; ion {
				continue // NEURON sets it
			}
			c.cur = it.file
			// nocmodl: silent.
			c.warnf(d.Name.At, "STATE %s never changes: no derivative equation or reaction integrates it, and only INITIAL assigns it (declare it ASSIGNED, or give it an equation)", name)
		}
	}
	c.cur = nil
}
