package check

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/parser"
)

// corpusDir is the shared corpus of real .mod files (see its README.md),
// beside the repository: ../shared/corpus from the repository root.
const corpusDir = "../../shared/corpus"

type corpusEntry struct {
	relpath   string
	nocmodlOK bool
}

// readCorpus returns the .mod files of the corpus manifest, or skips.
func readCorpus(t *testing.T) []corpusEntry {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "manifest.tsv"))
	if err != nil {
		t.Skipf("corpus not available (%v); it lives beside the repository at ../shared/corpus", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var col map[string]int
	var out []corpusEntry
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, name := range fields {
				col[name] = i
			}
			for _, need := range []string{"relpath", "nocmodl_ok", "kind"} {
				if _, ok := col[need]; !ok {
					t.Fatalf("manifest.tsv has no %q column", need)
				}
			}
			continue
		}
		get := func(name string) string {
			if i := col[name]; i < len(fields) {
				return fields[i]
			}
			return ""
		}
		if get("kind") == "mod" {
			out = append(out, corpusEntry{get("relpath"), get("nocmodl_ok") == "true"})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkCorpusFile parses a corpus file with its INCLUDEs (found beside it,
// as nocmodl finds them) and checks it. It returns the parse error or the
// diagnostics.
func checkCorpusFile(rel string) ([]Diagnostic, error) {
	f, err := parser.ParseFile(filepath.Join(corpusDir, rel))
	if err != nil {
		return nil, err
	}
	return File(f), nil
}

// TestCorpus: every .mod file that NEURON 8.2.2's nocmodl translates gets
// no error (warnings are fine).
func TestCorpus(t *testing.T) {
	var total, clean, warned int
	for _, e := range readCorpus(t) {
		if !e.nocmodlOK {
			continue
		}
		total++
		ds, err := checkCorpusFile(e.relpath)
		if err != nil {
			t.Errorf("nocmodl accepts %s, but it does not parse: %v", e.relpath, err)
			continue
		}
		if HasErrors(ds) {
			var sb strings.Builder
			for _, d := range ds {
				sb.WriteString("\n\t" + d.String())
			}
			t.Errorf("nocmodl accepts %s, but:%s", e.relpath, sb.String())
			continue
		}
		clean++
		if len(ds) > 0 {
			warned++
		}
	}
	t.Logf("corpus: %d of the %d files that nocmodl accepts check without errors (%d with warnings)", clean, total, warned)
}

// TestCorpusRejected counts the files that nocmodl rejects that we reject
// too, by a syntax error or a check error, and lists the others.
func TestCorpusRejected(t *testing.T) {
	var total, bySyntax, byCheck int
	var accepted []string
	for _, e := range readCorpus(t) {
		if e.nocmodlOK {
			continue
		}
		total++
		ds, err := checkCorpusFile(e.relpath)
		var list parser.ErrorList
		switch {
		case errors.As(err, &list):
			bySyntax++
		case err != nil:
			t.Errorf("%s: %v", e.relpath, err)
		case HasErrors(ds):
			byCheck++
		default:
			accepted = append(accepted, e.relpath)
		}
		for _, d := range ds {
			if strings.Contains(d.Msg, "internal error") {
				t.Errorf("%s: %v", e.relpath, d)
			}
		}
	}
	t.Logf("corpus: we reject %d of the %d files that nocmodl rejects (%d by a syntax error, %d by a check)", bySyntax+byCheck, total, bySyntax, byCheck)
	for _, a := range accepted {
		t.Logf("nocmodl rejects %s, we accept it", a)
	}
}
