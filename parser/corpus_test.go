package parser

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real .mod files (see its README.md),
// beside the repository: ../shared/corpus from the repository root.
const corpusDir = "../../shared/corpus"

// corpusEntry is one row of corpus/manifest.tsv.
type corpusEntry struct {
	relpath   string
	nocmodlOK bool
	kind      string
}

func readManifest(t *testing.T) []corpusEntry {
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
		out = append(out, corpusEntry{relpath: get("relpath"), nocmodlOK: get("nocmodl_ok") == "true", kind: get("kind")})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpus parses every .mod file of the shared corpus that NEURON's
// nocmodl accepts, with the files it INCLUDEs. It skips when the corpus is
// absent.
func TestCorpus(t *testing.T) {
	entries := readManifest(t)
	var total, failed int
	for _, e := range entries {
		if !e.nocmodlOK || e.kind != "mod" {
			continue
		}
		total++
		path := filepath.Join(corpusDir, e.relpath)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", e.relpath, err)
			failed++
			continue
		}
		// With its INCLUDEs, found beside it as nocmodl finds them.
		if _, err := ParseWithIncludes(path, src); err != nil {
			failed++
			msg := err.Error()
			if l, ok := err.(ErrorList); ok {
				msg = l.Format(src)
			}
			t.Errorf("nocmodl accepts %s, but:\n%s", e.relpath, msg)
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
		if e.nocmodlOK || e.kind != "mod" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(corpusDir, e.relpath))
		if err != nil {
			continue
		}
		total++
		_, err = Parse(e.relpath, src)
		if err == nil {
			parsed++
		} else if strings.Contains(err.Error(), "internal error") {
			t.Errorf("%s: %v", e.relpath, err)
		}
	}
	t.Logf("corpus: %d of the %d files that nocmodl rejects parse (they may fail later checks)", parsed, total)
}
