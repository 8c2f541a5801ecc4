package tests

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/codegen"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/internal/typecheck"
	"github.com/nmodlgo/nmodlgo/ir"
	"github.com/nmodlgo/nmodlgo/parser"
)

// minCompiled is the fewest files of the public corpus that nmodlgo must
// compile: it may grow, never shrink.
const minCompiled = 706

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
	}
	var lines []string
	for r, n := range reasons {
		lines = append(lines, fmt.Sprintf("%4d  %s", n, r))
	}
	t.Logf("%d of %d files nocmodl translates compile; the others, by their first refusal:\n%s", compiled, total, strings.Join(sortDesc(lines), "\n"))
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
