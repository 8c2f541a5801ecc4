package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
)

func TestParseFileIncludes(t *testing.T) {
	f, err := ParseFile("testdata/decls.mod")
	if err != nil {
		t.Fatal(err)
	}
	var inc *ast.Include
	for _, b := range f.Blocks {
		if i, ok := b.(*ast.Include); ok {
			inc = i
		}
	}
	if inc == nil || inc.Path != "decls.inc" || inc.File == nil {
		t.Fatalf("INCLUDE = %s", dump(inc))
	}
	if inc.File.Name != filepath.Join("testdata", "decls.inc") {
		t.Errorf("included File.Name = %q", inc.File.Name)
	}
	all := f.AllBlocks()
	if len(all) != len(f.Blocks)-1+len(inc.File.Blocks) {
		t.Errorf("AllBlocks has %d blocks, want %d", len(all), len(f.Blocks)-1+len(inc.File.Blocks))
	}
	found := false
	for _, b := range all {
		if p, ok := b.(*ast.Proc); ok && p.Name != nil && p.Name.Name == "fromInclude" {
			found = true
		}
		if _, ok := b.(*ast.Include); ok {
			t.Errorf("AllBlocks kept the INCLUDE")
		}
	}
	if !found {
		t.Errorf("AllBlocks lacks the included PROCEDURE")
	}
}

func TestParseFileIncludeErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, file, text, want string
	}{
		{"missing", "a.mod", "NEURON { SUFFIX a }\nINCLUDE \"nowhere.inc\"\n", `a.mod:2:1: error: cannot find the included file "nowhere.inc"`},
		{"cycle", "b.mod", "INCLUDE \"b.inc\"\n", `b.inc:1:1: error: "b.mod" includes itself`},
		{"error inside", "c.mod", "INCLUDE \"c.inc\"\n", `c.inc:2:7: error: expected a number, found 'x'`},
	}
	write("b.inc", "INCLUDE \"b.mod\"\n")
	write("c.inc", "PARAMETER {\n  a = x\n}\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile(write(tt.file, tt.text))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasSuffix(err.Error(), tt.want) {
				t.Errorf("error %q, want suffix %q", err.Error(), tt.want)
			}
		})
	}
	// The error in c.inc is shown with c.inc's line.
	_, err := ParseFile(filepath.Join(dir, "c.mod"))
	if got := err.(diag.List).Format(); !strings.Contains(got, "  a = x\n") {
		t.Errorf("Format does not show the included line:\n%s", got)
	}
}
