package codegen

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/internal/typecheck"
)

// FuzzCompile: no file makes the compiler panic; what it refuses gets
// diagnostics with positions; what it accepts becomes Go that type-checks.
func FuzzCompile(f *testing.F) {
	seeds, err := corpus.Seeds("../mod/*.mod", "../parser/testdata/*.mod")
	if err != nil {
		f.Fatal(err)
	}
	for _, src := range seeds {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, code, err := Compile("fuzz.mod", src, "m")
		if err != nil {
			list, ok := err.(diag.List)
			if !ok || len(list) == 0 {
				t.Fatalf("error %T %v, want a non-empty diag.List", err, err)
			}
			for _, d := range list {
				// A position names a line, or at least the file (a binary
				// file is reported as a whole).
				if strings.Contains(d.Msg, "internal error") || !d.Pos.IsValid() && d.Pos.Filename() == "" {
					t.Fatalf("%v", d)
				}
			}
			return
		}
		if m == nil || len(code) == 0 {
			t.Fatal("no error and no code")
		}
		if err := typecheck.Check("m", map[string][]byte{"m.go": code}); err != nil {
			t.Fatalf("the generated code does not type-check: %v\n%s", err, code)
		}
	})
}
