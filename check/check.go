// Package check finds the mistakes in a parsed NMODL file that the grammar
// cannot see, and reports them as diagnostics, like a compiler's type
// checker: undeclared and doubly declared names, SOLVE statements that name
// a missing block or a method that does not fit it, ion variables that are
// not declared or are written without WRITE, NET_RECEIVE rules, calls with
// the wrong number of arguments, TABLE rules, and the other restrictions of
// NEURON 8.2.2's nocmodl that cost little to detect.
//
// The reference is NEURON itself: each check was decided by running
// nocmodl 8.2.2 on a small file (and, where nocmodl stays silent, the C
// compiler on what it writes), and the comment beside the check quotes what
// NEURON said. The rule is:
//
//   - error where nocmodl rejects the file, or where nocmodl translates it
//     but the C it writes cannot compile (an undeclared variable, a call with
//     the wrong number of arguments), so that NEURON cannot build the
//     mechanism either way;
//   - warning where nocmodl warns, or where the file builds but almost
//     certainly does not do what it says (an ion current assigned without
//     WRITE, a DERIVATIVE block that is never solved);
//   - nothing where NEURON accepts the file (assigning a PARAMETER, say).
//
// Every file that nocmodl 8.2.2 translates in the shared corpus of real
// models gets no errors (check/corpus_test.go), so a few mistakes that the
// C compiler would catch are only warnings because such files exist: ion
// variables and currents named in the NEURON block but not declared, and
// calls of functions that are nowhere defined. A file with VERBATIM text may
// declare names in C, so undeclared names are warnings there.
//
// File reports at most MaxDiagnostics diagnostics, at most one per line,
// sorted by position, and reports each undeclared name once, so that one
// mistake does not cascade.
package check

import (
	"fmt"
	"sort"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/parser"
)

// Severity says whether a diagnostic stops translation.
type Severity int

const (
	Warning Severity = iota // NEURON builds the file, but something is probably wrong
	Error                   // NEURON cannot build the file
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem at a position in a file.
type Diagnostic struct {
	File     string  // the file's name as parsed (an INCLUDEd file's path for problems in it)
	Pos      ast.Pos // 1-based line and byte column
	Severity Severity
	Msg      string // what is wrong, in words, without position
}

// String returns "file:line:col: severity: msg".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Pos.Line, d.Pos.Col, d.Severity, d.Msg)
}

// Format prints the diagnostic like a compiler, with the source line and a
// caret under the column; src is the text of d.File. It ends with a
// newline.
func (d Diagnostic) Format(src []byte) string {
	return parser.FormatMessage(d.File, d.Pos, d.Severity.String(), d.Msg, src)
}

// MaxDiagnostics is the most diagnostics File reports for one file.
const MaxDiagnostics = 10

// HasErrors reports whether any of ds is an error.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// File checks a parsed file, with the files it INCLUDEs when they were
// parsed (parser.ParseFile), and returns its diagnostics sorted by
// position: the main file's first, then each included file's. It never
// panics on a tree the parser made.
func File(f *ast.File) (ds []Diagnostic) {
	c := newChecker(f)
	defer func() {
		if r := recover(); r != nil {
			// A bug in a check must not take the caller down: say so.
			c.diags = append(c.diags, diag{Diagnostic: Diagnostic{File: f.Name, Pos: ast.Pos{Line: 1, Col: 1},
				Severity: Error, Msg: fmt.Sprintf("internal error in the checks: %v", r)}})
			ds = c.finish()
		}
	}()
	c.run()
	return c.finish()
}

// diag is a Diagnostic with the order of its file, for sorting.
type diag struct {
	Diagnostic
	fileIndex int
}

// errorf reports an error at pos in the file being checked.
func (c *checker) errorf(pos ast.Pos, format string, args ...any) {
	c.report(Error, c.cur, pos, format, args...)
}

// warnf reports a warning at pos in the file being checked.
func (c *checker) warnf(pos ast.Pos, format string, args ...any) {
	c.report(Warning, c.cur, pos, format, args...)
}

func (c *checker) report(sev Severity, in *srcFile, pos ast.Pos, format string, args ...any) {
	if in == nil {
		in = c.files[0]
	}
	c.diags = append(c.diags, diag{Diagnostic{File: in.name, Pos: pos, Severity: sev, Msg: fmt.Sprintf(format, args...)}, in.index})
}

// finish sorts the diagnostics by file and position, keeps one per line
// (an error rather than a warning), and at most MaxDiagnostics.
func (c *checker) finish() []Diagnostic {
	sort.SliceStable(c.diags, func(i, j int) bool {
		a, b := c.diags[i], c.diags[j]
		if a.fileIndex != b.fileIndex {
			return a.fileIndex < b.fileIndex
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Pos.Col < b.Pos.Col
	})
	var out []Diagnostic
	for i, d := range c.diags {
		if i > 0 && d.fileIndex == c.diags[i-1].fileIndex && d.Pos.Line == c.diags[i-1].Pos.Line {
			continue
		}
		if len(out) == MaxDiagnostics {
			break
		}
		out = append(out, d.Diagnostic)
	}
	return out
}
