package codegen

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
)

// FuzzCompile: no file makes the compiler panic; what it accepts becomes
// gofmt-clean Go (Generate formats its output, which fails on bad syntax).
func FuzzCompile(f *testing.F) {
	seeds, err := corpus.Seeds("../mod/*.mod", "../parser/testdata/*.mod")
	if err != nil {
		f.Fatal(err)
	}
	for _, src := range seeds {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, code, err := Compile("fuzz.mod", src, "")
		if err == nil && (m == nil || len(code) == 0) {
			t.Fatal("no error and no code")
		}
	})
}
