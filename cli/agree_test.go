package cli

import (
	"path/filepath"
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
)

// TestCheckAgreesWithGen: on every file of the shared corpus that nocmodl
// translates, `nmodlgo check` succeeds exactly when `nmodlgo gen`
// compiles the file, and a file gen refuses gets a diagnostic from check.
func TestCheckAgreesWithGen(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the whole corpus")
	}
	dir := corpus.Dir
	entries, err := corpus.Manifest(dir)
	if err != nil {
		t.Skipf("no corpus at %s: %v", dir, err)
	}
	out := t.TempDir()
	n := 0
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		n++
		path := filepath.Join(dir, e.Path)
		checkCode, _, checkErr := runCLI("check", path)
		genCode, _, _ := runCLI("gen", "-o", out, "-pkg", "m", path)
		if checkCode != genCode {
			t.Errorf("%s: check exits %d, gen %d", e.Path, checkCode, genCode)
		}
		if genCode != 0 && checkErr == "" {
			t.Errorf("%s: gen refuses it, check says nothing", e.Path)
		}
	}
	if n < 700 {
		t.Errorf("only %d files", n)
	}
}
