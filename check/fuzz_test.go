package check

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

// FuzzCheck: the checks never panic, keep to MaxDiagnostics, and put every
// diagnostic at a real position.
func FuzzCheck(f *testing.F) {
	seeds, err := corpus.Seeds("../mod/*.mod", "../parser/testdata/*.mod")
	if err != nil {
		f.Fatal(err)
	}
	for _, src := range seeds {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := parser.Parse("fuzz.mod", src)
		if err != nil {
			return
		}
		_, diags := File(file)
		if len(diags) > MaxDiagnostics {
			t.Fatalf("%d diagnostics", len(diags))
		}
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Fatalf("bad position: %v", d)
			}
			_ = d.Format()
		}
	})
}
