package parser

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/corpus"
)

// FuzzParse checks that Parse never panics and always returns either a
// tree or a well-formed diag.List, whatever the input. The corpus is
// seeded with the project's mechanisms and the test files.
func FuzzParse(f *testing.F) {
	seeds, err := corpus.Seeds("../mod/*.mod", "testdata/*.mod", "testdata/*/*.mod")
	if err != nil {
		f.Fatal(err)
	}
	for _, src := range seeds {
		f.Add(src)
	}
	f.Add([]byte("COMMENT\n"))
	f.Add([]byte("NEURON { SUFFIX x }\r\nPARAMETER { a = 1 (mV) <0,1> }\r"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.mod", src)
		if err == nil {
			if file == nil {
				t.Fatal("nil file and nil error")
			}
			return
		}
		if file != nil {
			t.Fatal("a file and an error")
		}
		l, ok := err.(diag.List)
		if !ok || len(l) == 0 || len(l) > MaxErrors {
			t.Fatalf("error %T with %d entries: %v", err, len(l), err)
		}
		lines := strings.Count(string(src), "\n") + strings.Count(string(src), "\r") + 1
		for _, e := range l {
			if strings.Contains(e.Msg, "internal error") {
				t.Fatalf("%v", e)
			}
			if !e.Pos.IsValid() && bytes.IndexByte(src, 0) >= 0 && strings.Contains(e.Msg, "a binary file") {
				continue // named as a whole: a binary file is never echoed
			}
			if e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Line > lines || e.Pos.Col > len(src)+1 {
				t.Fatalf("bad position %v in %d lines, %d bytes: %v", e.Pos, lines, len(src), e)
			}
		}
		_ = l.Format()
	})
}
