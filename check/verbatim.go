package check

import (
	"fmt"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/verbatim"
)

// verbatim translates VERBATIM text inside a block of code (package
// verbatim) and checks what it becomes as if the file had it; Info records
// the statements, or why there are none. last says that the text ends the
// body of the FUNCTION or PROCEDURE, where a C return may stand.
func (c *checker) verbatim(v *ast.Verbatim, order int, last bool, cond *verbatim.Cond) {
	refuse := func(pos ast.Pos, format string, args ...any) {
		c.info.VerbatimRefused[v] = Refusal{pos, fmt.Sprintf(format, args...)}
	}
	text, err := cond.Filter(v.Text, textStart(v))
	if err != nil {
		c.info.VerbatimRefused[v] = refusal(v, err)
		return
	}
	// FROM counters are ints in nocmodl's C
	loopCounter := func(name string) bool {
		o := c.sc.lookup(name)
		if o == nil || o.Kind != Local {
			return false
		}
		_, isIdent := o.Decl.(*ast.Ident)
		return isIdent
	}
	handles := c.holdsObject
	r, err := verbatim.Translate(text, v.At, verbatim.Env{IsInt: loopCounter, Macros: c.info.Macros, Handles: handles})
	if err != nil {
		c.info.VerbatimRefused[v] = refusal(v, err)
		return
	}
	stmts := r.Stmts
	if ret := r.Return; ret != nil {
		switch {
		case !last || c.proc == nil || (c.proc.Kind != ast.Function && c.proc.Kind != ast.Procedure):
			refuse(ret.At, "C return: a return that does not end a FUNCTION or PROCEDURE (NMODL has no return statement)")
			return
		case c.proc.Kind == ast.Function && ret.Value == nil:
			refuse(ret.At, "C return: a FUNCTION's return without a value")
			return
		case c.proc.Kind == ast.Function:
			// the value the FUNCTION returns, as return does at its end
			stmts = append(stmts, &ast.Assign{At: ret.At, Lhs: &ast.Name{At: ret.At, Name: c.proc.Name.Name}, Rhs: ret.Value})
		case ret.Value != nil:
			if n, ok := ret.Value.(*ast.Number); !ok || n.Value != 0 {
				refuse(ret.At, "C return: a PROCEDURE's C value other than 0 (nocmodl's PROCEDUREs return 0)")
				return
			}
		}
	}
	for _, n := range r.Ions {
		c.info.VerbatimIons[n] = true
	}
	// Checked as NMODL: an error there is C that means something NMODL
	// code could not (an undeclared name, say), and the text is refused.
	saved := c.diags
	c.diags = nil
	for _, s := range stmts {
		c.stmt(s, order)
	}
	found := c.diags
	c.diags = saved
	for _, d := range found {
		if d.Severity == diag.Error {
			refuse(d.Pos, "C that means what NMODL code could not: %s", d.Msg)
			return
		}
	}
	c.info.Verbatim[v] = stmts
}

// textStart is where VERBATIM's text starts: the line after the keyword.
func textStart(v *ast.Verbatim) ast.Pos {
	return ast.Pos{File: v.At.File, Line: v.At.Line + 1, Col: 1}
}

// refusal is the Refusal for a translation error: at the C construct,
// or at the VERBATIM keyword if the error has no position.
func refusal(v *ast.Verbatim, err error) Refusal {
	if e, ok := err.(*verbatim.Error); ok && e.Pos.IsValid() {
		return Refusal{e.Pos, e.Error()}
	}
	return Refusal{v.At, err.Error()}
}

// holdsObject reports whether _p_x of a name x is a slot for a hoc object
// that VERBATIM text reaches: a BBCOREPOINTER, or a POINTER that NMODL
// code never names (Info.ObjectPointers).
func (c *checker) holdsObject(name string) bool {
	if _, ok := c.lists[ast.BbcorePointer][name]; ok {
		return true
	}
	if _, ok := c.lists[ast.Pointer][name]; !ok {
		return false
	}
	if c.unnamedPointers == nil {
		c.unnamedPointers = map[string]bool{}
		for p := range c.lists[ast.Pointer] {
			c.unnamedPointers[p] = true
		}
		for _, b := range c.info.Blocks {
			ast.Inspect(b, func(n ast.Node) bool {
				if n, ok := n.(*ast.Name); ok {
					delete(c.unnamedPointers, n.Name)
				}
				return true
			})
		}
	}
	if !c.unnamedPointers[name] {
		return false
	}
	if c.info.ObjectPointers == nil {
		c.info.ObjectPointers = map[string]bool{}
	}
	c.info.ObjectPointers[name] = true
	return true
}
