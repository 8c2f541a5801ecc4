package printer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nmodlgo/nmodlgo/parser"
)

// FuzzPrint: whatever parses prints, reparses to the same tree and prints
// the same again.
func FuzzPrint(f *testing.F) {
	for _, pattern := range []string{"../mod/*.mod", "../parser/testdata/*.mod", "testdata/*.mod"} {
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
		if _, err := parser.Parse("fuzz.mod", src); err != nil {
			return
		}
		roundTrip(t, "fuzz.mod", src)
	})
}
