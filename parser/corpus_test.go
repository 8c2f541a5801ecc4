package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/corpus"
)

const corpusDir = corpus.Dir

// readManifest returns the corpus manifest, or skips when the corpus is absent.
func readManifest(t *testing.T) []corpus.Entry {
	t.Helper()
	entries, err := corpus.Manifest(corpusDir)
	if err != nil {
		t.Skipf("corpus not available (%v); it lives beside the repository at ../shared/corpus", err)
	}
	return entries
}

// TestCorpus parses every .mod file of the shared corpus that NEURON's
// nocmodl accepts, with the files it INCLUDEs. It skips when the corpus is
// absent.
func TestCorpus(t *testing.T) {
	entries := readManifest(t)
	var total, failed int
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		total++
		path := filepath.Join(corpusDir, e.Path)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			failed++
			continue
		}
		// With its INCLUDEs, found beside it as nocmodl finds them.
		if _, err := ParseWithIncludes(path, src); err != nil {
			failed++
			msg := err.Error()
			if l, ok := err.(diag.List); ok {
				msg = l.Format()
			}
			t.Errorf("nocmodl accepts %s, but:\n%s", e.Path, msg)
		}
	}
	t.Logf("corpus: parsed %d of %d files that nocmodl accepts", total-failed, total)
}

// TestCorpusRejected parses the files that nocmodl rejects, only to check
// that the parser neither panics nor reports an internal error on them.
func TestCorpusRejected(t *testing.T) {
	entries := readManifest(t)
	var total, parsed int
	for _, e := range entries {
		if e.NocmodlOK || !e.Mod {
			continue
		}
		src, err := os.ReadFile(filepath.Join(corpusDir, e.Path))
		if err != nil {
			continue
		}
		total++
		_, err = Parse(e.Path, src)
		if err == nil {
			parsed++
		} else if strings.Contains(err.Error(), "internal error") {
			t.Errorf("%s: %v", e.Path, err)
		}
	}
	t.Logf("corpus: %d of the %d files that nocmodl rejects parse (they may fail later checks)", parsed, total)
}
