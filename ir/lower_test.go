package ir

import (
	"flag"
	"fmt"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/diagtest"
	"github.com/nmodlgo/nmodlgo/parser"
)

var update = flag.Bool("update", false, "rewrite the expectations in testdata/lower.txt from what Lower reports")

// TestLower runs Lower on each case of testdata/lower.txt (package
// diagtest's format): each refusal, with its position and the feature's
// name. go test -update rewrites the expectations.
func TestLower(t *testing.T) {
	diagtest.Run(t, "testdata/lower.txt", 25, *update, func(name, src string) (diag.List, error) {
		f, err := parser.Parse(name, []byte(src))
		if err != nil {
			return nil, fmt.Errorf("does not parse: %v", err)
		}
		m, ds := Lower(f)
		if (m == nil) != ds.HasErrors() {
			return nil, fmt.Errorf("Lower returned a mechanism %v with diagnostics %v", m != nil, ds)
		}
		return ds, nil
	})
}

// mustCheck checks f, which must have no errors, and returns its Info.
func mustCheck(t *testing.T, f *ast.File) *check.Info {
	t.Helper()
	info, ds := check.File(f)
	if ds.HasErrors() {
		t.Fatalf("check: %v", ds)
	}
	return info
}
