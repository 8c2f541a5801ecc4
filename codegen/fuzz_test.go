package codegen

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzCompile: no file makes the compiler panic; what it accepts becomes
// gofmt-clean Go (Generate formats its output, which fails on bad syntax).
func FuzzCompile(f *testing.F) {
	for _, pattern := range []string{"../mod/*.mod", "../parser/testdata/*.mod"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, code, err := Compile("fuzz.mod", src, "")
		if err == nil && (m == nil || len(code) == 0) {
			t.Fatal("no error and no code")
		}
	})
}
