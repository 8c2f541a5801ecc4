// Package check finds the mistakes in a parsed NMODL file that the grammar
// cannot see, and reports them as diagnostics with positions, as a
// compiler's type checker does: so that "nmodlgo check" (and code
// generation after it) can say what is wrong with a .mod file in words,
// instead of NEURON failing later or codegen guessing.
//
// The reference is NEURON 8.2.2. Each check was decided by running its
// nocmodl on small files, and, where nocmodl stays silent, the C compiler
// on what nocmodl writes; the comment beside each check quotes what NEURON
// said. The rule:
//
//   - error where nocmodl rejects the file, or where it translates the
//     file but the C it writes does not compile (an undeclared variable, a
//     call with the wrong number of arguments): NEURON cannot build the
//     mechanism either way;
//   - warning where nocmodl warns, or where NEURON builds the file but it
//     almost certainly does not do what it says (an ion current assigned
//     without WRITE, a DERIVATIVE block that nothing SOLVEs);
//   - nothing where NEURON accepts the file (assigning a PARAMETER, say).
//
// One exception to the rule: every file of the shared corpus of real
// models that nocmodl translates must check without errors
// (check/corpus_test.go), so three mistakes that only the C compiler or
// the loader catch stay warnings because such files exist: ion variables
// and currents named in the NEURON block but not declared, calls of
// functions defined nowhere, and KINETIC blocks solved without a METHOD. A
// file with VERBATIM text may declare names in C, so there undeclared
// names are warnings too. testdata/diagnostics.txt holds a case for each
// check; TestAgainstNocmodl compares them with NEURON when it is
// installed.
//
// The checks:
//
//   - names: undeclared names, knowing what NEURON supplies (v, t, dt,
//     celsius, diam, area, secondorder; flag in NET_RECEIVE; f_flux and
//     b_flux in KINETIC; x0 for each STATE x; usetable with a TABLE) and
//     what the file declares anywhere (declaration blocks, UNITS factors,
//     DEFINE, top-level and block LOCALs, arguments, FROM loop variables,
//     a FUNCTION's own name, the NEURON block's lists). PI, FARADAY and R
//     are not predefined: NEURON needs them in UNITS.
//   - declarations: a name declared twice, two blocks of one name, a
//     variable and a block of one name, a declared name that is a
//     built-in function, a method or a keyword, Dm beside STATE m,
//     celcius; LOCALs first in their block, once each.
//   - assignments: to t, dt, celsius, diam, area (NEURON sets them), to a
//     DEFINE or a FUNCTION; a STATE assigned in a DERIVATIVE block.
//   - SOLVE: a missing block, a block that cannot be solved, an unknown
//     METHOD, a METHOD that does not fit the block, cnexp twice in one
//     file, the SOLVE after its DERIVATIVE block, derivimplicit mixed with
//     other methods; blocks never SOLVEd; DERIVATIVE, KINETIC, LINEAR and
//     NONLINEAR blocks without equations; derivatives of non-STATEs,
//     comparisons in derivative equations, reactions and CONSERVE outside
//     KINETIC or on non-STATEs, STATEs that nothing changes.
//   - ions: USEION variables that are not the ion's, USEION twice for one
//     ion, ion variables and currents not declared, ion variables given a
//     value without WRITE, PARAMETER defaults NEURON overrides, WRITE of a
//     STATE current, READ of a current in a POINT_PROCESS.
//   - the NEURON block: GLOBAL, POINTER and BBCOREPOINTER names not
//     declared, a STATE made GLOBAL, diam or area made RANGE or GLOBAL,
//     NEURON 9's RANDOM.
//   - events: NET_RECEIVE outside a point process, without arguments, or
//     twice; net_send without NET_RECEIVE or outside INITIAL and
//     NET_RECEIVE, net_event and net_move outside NET_RECEIVE, WATCH and
//     FOR_NETCONS outside it, FOR_NETCONS with other arguments, two
//     INITIAL blocks in it, a STATE set in it without an equation;
//     DESTRUCTOR in a density mechanism.
//   - calls: FUNCTIONs, PROCEDUREs, FUNCTION_TABLEs and built-ins with the
//     wrong number of arguments, variables called, functions used as
//     variables, arrays without an index and scalars with one.
//   - TABLE: only in a FUNCTION or PROCEDURE of one argument, once, naming
//     variables in a PROCEDURE and none in a FUNCTION.
//   - text nocmodl 8.2 does not take but the parser does (see
//     grammar/NMODL.g4): non-ASCII outside a top-level COMMENT block,
//     COMMENT blocks in declaration blocks, signed limits, unary plus;
//     v undeclared in a mechanism that is not thread safe; MUTEXLOCK
//     pairs.
//
// File reports at most MaxDiagnostics diagnostics, at most one per line,
// sorted by position, and each misused name once, so that one mistake
// does not cascade.
package check

import (
	"fmt"
	"sort"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
)

// MaxDiagnostics is the most diagnostics File reports for one file.
const MaxDiagnostics = 10

// File checks a parsed file, with the files it INCLUDEs when they were
// parsed (parser.ParseFile), and returns what it resolved and its
// diagnostics sorted by position: the main file's first, then each
// included file's. The Info is complete only when the diagnostics hold no
// error. File never panics on a tree the parser made.
func File(f *ast.File) (info *Info, ds diag.List) {
	c := newChecker(f)
	defer func() {
		if r := recover(); r != nil {
			// A bug in a check must not take the caller down: say so.
			c.diags = append(c.diags, fileDiag{Diagnostic: diag.Diagnostic{Pos: f.Source.Start(),
				Severity: diag.Error, Msg: fmt.Sprintf("internal error in the checks: %v", r)}})
			info, ds = c.info, c.finish()
		}
	}()
	c.run()
	return c.info, c.finish()
}

// fileDiag is a diagnostic with the order of its file, for sorting.
type fileDiag struct {
	diag.Diagnostic
	fileIndex int
}

// errorf reports an error at pos in the file being checked.
func (c *checker) errorf(pos ast.Pos, format string, args ...any) {
	c.report(diag.Error, c.cur, pos, format, args...)
}

// warnf reports a warning at pos in the file being checked.
func (c *checker) warnf(pos ast.Pos, format string, args ...any) {
	c.report(diag.Warning, c.cur, pos, format, args...)
}

func (c *checker) report(sev diag.Severity, in *srcFile, pos ast.Pos, format string, args ...any) {
	if in == nil {
		in = c.files[0]
	}
	if pos.File == nil {
		pos.File = in.file.Source
	}
	c.diags = append(c.diags, fileDiag{diag.Diagnostic{Pos: pos, Severity: sev, Msg: fmt.Sprintf(format, args...)}, in.index})
}

// finish sorts the diagnostics by file and position and keeps one per
// line (an error rather than a warning) and at most MaxDiagnostics: the
// first errors, then the first warnings, so that warnings never hide an
// error.
func (c *checker) finish() diag.List {
	byPos := func(ds []fileDiag) {
		sort.SliceStable(ds, func(i, j int) bool {
			a, b := ds[i], ds[j]
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
	}
	byPos(c.diags)
	var kept, warnings []fileDiag
	for i, d := range c.diags {
		if i > 0 && d.fileIndex == c.diags[i-1].fileIndex && d.Pos.Line == c.diags[i-1].Pos.Line {
			continue
		}
		if d.Severity != diag.Warning {
			kept = append(kept, d)
		} else {
			warnings = append(warnings, d)
		}
	}
	if len(kept) > MaxDiagnostics {
		kept = kept[:MaxDiagnostics]
	}
	if room := MaxDiagnostics - len(kept); len(warnings) > room {
		warnings = warnings[:room]
	}
	kept = append(kept, warnings...)
	byPos(kept)
	out := make(diag.List, len(kept))
	for i, d := range kept {
		out[i] = d.Diagnostic
	}
	return out
}
