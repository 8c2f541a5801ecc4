package printer_test

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

// FuzzPrint: whatever parses prints, reparses to the same tree and prints
// the same again.
func FuzzPrint(f *testing.F) {
	seeds, err := corpus.Seeds("../mod/*.mod", "../parser/testdata/*.mod", "testdata/*.mod")
	if err != nil {
		f.Fatal(err)
	}
	for _, src := range seeds {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := parser.Parse("fuzz.mod", src); err != nil {
			return
		}
		roundTrip(t, "fuzz.mod", src)
	})
}
