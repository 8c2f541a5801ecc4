package check

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

const corpusDir = corpus.Dir

// readCorpus returns the .mod files of the corpus manifest, or skips.
func readCorpus(t *testing.T) []corpus.Entry {
	t.Helper()
	entries, err := corpus.Manifest(corpusDir)
	if err != nil {
		t.Skipf("corpus not available (%v); it lives beside the repository at ../shared/corpus", err)
	}
	var mods []corpus.Entry
	for _, e := range entries {
		if e.Mod {
			mods = append(mods, e)
		}
	}
	return mods
}

// checkCorpusFile parses a corpus file with its INCLUDEs (found beside it,
// as nocmodl finds them) and checks it. It returns the parse error or the
// diagnostics.
func checkCorpusFile(rel string) (diag.List, error) {
	f, err := parser.ParseFile(filepath.Join(corpusDir, rel))
	if err != nil {
		return nil, err
	}
	_, ds := File(f)
	return ds, nil
}

// TestCorpus: every .mod file that NEURON 8.2.2's nocmodl translates gets
// no error (warnings are fine).
func TestCorpus(t *testing.T) {
	var total, clean, warned int
	for _, e := range readCorpus(t) {
		if !e.NocmodlOK {
			continue
		}
		total++
		ds, err := checkCorpusFile(e.Path)
		if err != nil {
			t.Errorf("nocmodl accepts %s, but it does not parse: %v", e.Path, err)
			continue
		}
		if ds.HasErrors() {
			var sb strings.Builder
			for _, d := range ds {
				sb.WriteString("\n\t" + d.String())
			}
			t.Errorf("nocmodl accepts %s, but:%s", e.Path, sb.String())
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
		if e.NocmodlOK {
			continue
		}
		total++
		ds, err := checkCorpusFile(e.Path)
		var list diag.List
		switch {
		case errors.As(err, &list):
			bySyntax++
		case err != nil:
			t.Errorf("%s: %v", e.Path, err)
		case ds.HasErrors():
			byCheck++
		default:
			accepted = append(accepted, e.Path)
		}
		for _, d := range ds {
			if strings.Contains(d.Msg, "internal error") {
				t.Errorf("%s: %v", e.Path, d)
			}
		}
	}
	t.Logf("corpus: we reject %d of the %d files that nocmodl rejects (%d by a syntax error, %d by a check)", bySyntax+byCheck, total, bySyntax, byCheck)
	for _, a := range accepted {
		t.Logf("nocmodl rejects %s, we accept it", a)
	}
}
