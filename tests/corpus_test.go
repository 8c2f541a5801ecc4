package tests

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/codegen"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/internal/typecheck"
	"github.com/nmodlgo/nmodlgo/ir"
	"github.com/nmodlgo/nmodlgo/parser"
)

// minCompiled is the fewest files of the public corpus that nmodlgo must
// compile: it may grow, never shrink.
const minCompiled = 715

// TestCorpusCompiles: every file of the shared corpus that NEURON's
// nocmodl translates either compiles to Go that type-checks, or is refused
// with diagnostics that have a position; none makes the compiler panic.
// It logs how many compile and why the others do not, by first reason.
func TestCorpusCompiles(t *testing.T) {
	entries, err := corpus.Manifest(corpus.Dir)
	if err != nil {
		t.Skipf("no corpus at %s: %v", corpus.Dir, err)
	}
	total, compiled := 0, 0
	reasons := map[string]int{}
	using, unlocked := map[string]int{}, map[string]int{}
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		total++
		f, err := parser.ParseFile(filepath.Join(corpus.Dir, e.Path))
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		feats := corpusFeatures(f)
		for ft := range feats {
			using[ft]++
		}
		m, ds := ir.Lower(f)
		for _, d := range ds {
			if !d.Pos.IsValid() || d.Pos.File == nil || strings.Contains(d.Msg, "internal error") {
				t.Errorf("%s: %v", e.Path, d)
			}
		}
		if m == nil {
			first := ds.Errors()[0]
			reasons[feature(first)]++
			continue
		}
		code := codegen.Generate(m, "m")
		if err := typecheck.Check("m", map[string][]byte{"m.go": code}); err != nil {
			t.Errorf("%s: the generated Go does not compile: %v", e.Path, err)
			continue
		}
		compiled++
		for ft := range feats {
			unlocked[ft]++
		}
	}
	var lines []string
	for r, n := range reasons {
		lines = append(lines, fmt.Sprintf("%4d  %s", n, r))
	}
	t.Logf("%d of %d files nocmodl translates compile; the others, by their first refusal:\n%s", compiled, total, strings.Join(sortDesc(lines), "\n"))
	var table []string
	for ft, n := range using {
		table = append(table, fmt.Sprintf("%4d of %4d  %s", unlocked[ft], n, ft))
	}
	t.Logf("files that use a feature, and of them those that compile:\n%s", strings.Join(sortDesc(table), "\n"))
	if compiled < minCompiled {
		t.Errorf("%d files compile, fewer than the %d that did", compiled, minCompiled)
	}
}

// feature is a diagnostic's message up to its first colon: the feature's
// name.
func feature(d diag.Diagnostic) string {
	msg := d.Msg
	if i := strings.Index(msg, ": "); i > 0 {
		msg = msg[:i]
	}
	return d.Severity.String() + ": " + msg
}

func sortDesc(lines []string) []string {
	for i := range lines {
		for j := i + 1; j < len(lines); j++ {
			if lines[j] > lines[i] {
				lines[i], lines[j] = lines[j], lines[i]
			}
		}
	}
	return lines
}

// corpusFeatures names the features of issue 7's ranked table that a file
// uses, itself or in the files it INCLUDEs.
func corpusFeatures(f *ast.File) map[string]bool {
	fs := map[string]bool{}
	var stack []ast.Node // the nodes around the one visited
	inProc := func(kinds ...ast.ProcKind) bool {
		for _, n := range stack {
			if p, ok := n.(*ast.Proc); ok && slices.Contains(kinds, p.Kind) {
				return true
			}
		}
		return false
	}
	hasName := false
	var visit func(f *ast.File)
	visit = func(f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			switch n := n.(type) {
			case *ast.Include:
				if n.File != nil {
					visit(n.File)
				}
			case *ast.Verbatim:
				fs["VERBATIM"] = true
			case *ast.MechName:
				hasName = true
			case *ast.NameList:
				switch n.Kind {
				case ast.Pointer, ast.BbcorePointer:
					fs["POINTER, BBCOREPOINTER"] = true
				case ast.External:
					fs["EXTERNAL"] = true
				}
			case *ast.Call:
				switch n.Fun.Name {
				case "normrand", "exprand", "set_seed", "scop_random", "unirand", "poisrand":
					fs["NEURON's random built-ins"] = true
				case "nrn_ghk", "ghk", "exprelr", "stepforce", "nrn_pointing":
					fs["other NEURON built-ins (nrn_ghk, exprelr, stepforce, nrn_pointing)"] = true
				}
			case *ast.Proc:
				switch n.Kind {
				case ast.FunctionTable:
					fs["FUNCTION_TABLE"] = true
				case ast.Constructor, ast.Destructor:
					fs["CONSTRUCTOR/DESTRUCTOR"] = true
				case ast.Linear, ast.NonLinear:
					fs["LINEAR, NONLINEAR"] = true
				case ast.Kinetic:
					fs["KINETIC"] = true
				}
			case *ast.Solve:
				if inProc(ast.Initial, ast.Function, ast.Procedure) {
					fs["SOLVE in INITIAL, FUNCTION or PROCEDURE"] = true
				}
				if n.Method != nil && n.Method.Name == "derivimplicit" {
					fs["derivimplicit"] = true
				}
			case *ast.LongDiffusion:
				fs["LONGITUDINAL_DIFFUSION"] = true
			case *ast.Compartment:
				if n.Index != nil {
					fs["COMPARTMENT over an index"] = true
				}
			case *ast.Mutex:
				fs["MUTEXLOCK"] = true
			case *ast.Keyword:
				if n.Word == "LAG" {
					fs["LAG"] = true
				}
			}
			return true
		})
	}
	visit(f)
	if !hasName {
		fs["no SUFFIX (named after the file)"] = true
	}
	return fs
}
