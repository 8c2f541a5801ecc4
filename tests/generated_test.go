package tests

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/nmodlgo/nmodlgo/codegen"
)

// TestGeneratedIsCurrent compiles every mod/*.mod in process and insists
// that generated/ holds exactly that code, so that a change to the
// compiler or a .mod file cannot land without `go generate ./...`.
func TestGeneratedIsCurrent(t *testing.T) {
	mods, err := filepath.Glob(filepath.Join("..", "mod", "*.mod"))
	if err != nil || len(mods) == 0 {
		t.Fatalf("no .mod files in ../mod: %v", err)
	}
	for _, mod := range mods {
		t.Run(filepath.Base(mod), func(t *testing.T) {
			src, err := os.ReadFile(mod)
			if err != nil {
				t.Fatal(err)
			}
			// The go:generate line names the files relative to generated/.
			m, code, err := codegen.Compile(filepath.Join("..", "mod", filepath.Base(mod)), src, "")
			if err != nil {
				t.Fatal(err)
			}
			pkg := codegen.PackageName(m.Name)
			have, err := os.ReadFile(filepath.Join("..", "generated", pkg, pkg+".go"))
			if err != nil {
				t.Fatalf("%v (run go generate ./...)", err)
			}
			if !bytes.Equal(have, code) {
				t.Errorf("generated/%s/%s.go is stale: run go generate ./...", pkg, pkg)
			}
		})
	}
}
