package check

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/diagtest"
	"github.com/nmodlgo/nmodlgo/parser"
)

var update = flag.Bool("update", false, "rewrite the expectations in testdata/diagnostics.txt from what File reports")

// TestDiagnostics runs File on each case of testdata/diagnostics.txt
// (the format is package diagtest's). Each case was run through nocmodl
// 8.2.2 too (see the titles, and TestAgainstNocmodl). go test -update
// rewrites the expectations from what File reports.
func TestDiagnostics(t *testing.T) {
	diagtest.Run(t, "testdata/diagnostics.txt", 30, *update, func(name, src string) (diag.List, error) {
		f, err := parser.Parse(name, []byte(src))
		if err != nil {
			return nil, fmt.Errorf("does not parse: %v", err)
		}
		_, ds := File(f)
		return ds, nil
	})
}

func TestFormat(t *testing.T) {
	src := []byte("NEURON { SUFFIX leak }\nASSIGNED { i }\nBREAKPOINT {\n\ti = g*(v - erev)\n}\n")
	f, err := parser.Parse("leak.mod", src)
	if err != nil {
		t.Fatal(err)
	}
	_, ds := File(f)
	if len(ds) != 1 {
		t.Fatalf("got %v, want one diagnostic", ds)
	}
	want := "leak.mod:4:6: error: undeclared name g (declare it in PARAMETER or ASSIGNED, or READ it with USEION)\n" +
		"\ti = g*(v - erev)\n" +
		"\t    ^\n"
	if got := ds[0].Format(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !ds.HasErrors() {
		t.Error("HasErrors = false")
	}
	if got, want := ds[0].String(), "leak.mod:4:6: error: undeclared name g (declare it in PARAMETER or ASSIGNED, or READ it with USEION)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestInclude reports problems in an INCLUDEd file with that file's name,
// after the main file's, and knows the names the included file declares.
func TestInclude(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("decl.inc", "PARAMETER { gbar = 1 }\nASSIGNED { a }\nPROCEDURE p() { a = zz }\n")
	main := write("main.mod", "NEURON { SUFFIX x }\nINCLUDE \"decl.inc\"\nASSIGNED { i }\nBREAKPOINT { i = gbar*q p() }\n")
	f, err := parser.ParseFile(main)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diagsOf(f) {
		got = append(got, strings.TrimPrefix(d.String(), dir+"/"))
	}
	want := []string{
		"main.mod:4:23: error: undeclared name q (declare it in PARAMETER or ASSIGNED, or READ it with USEION)",
		"decl.inc:3:21: error: undeclared name zz (declare it in PARAMETER or ASSIGNED, or READ it with USEION)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLimits keeps at most one diagnostic per line and MaxDiagnostics in
// all; warnings never push out an error.
func TestLimits(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("NEURON { SUFFIX x }\nASSIGNED { a }\nBREAKPOINT {\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&sb, "    a = u%d + w%d\n", i, i)
	}
	sb.WriteString("}\n")
	f, err := parser.Parse("many.mod", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	_, ds := File(f)
	if len(ds) != MaxDiagnostics {
		t.Fatalf("got %d diagnostics, want %d", len(ds), MaxDiagnostics)
	}
	for i, d := range ds {
		if d.Pos.Line != 4+i || !strings.Contains(d.Msg, fmt.Sprintf("u%d ", i)) {
			t.Errorf("diagnostic %d: %v", i, d)
		}
	}

	// Twelve warnings (STATEs that never change), then an error.
	sb.Reset()
	sb.WriteString("NEURON { SUFFIX x }\nSTATE {\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&sb, "    s%d\n", i)
	}
	sb.WriteString("}\nASSIGNED { a }\nBREAKPOINT { a = erev }\n")
	f, err = parser.Parse("warn.mod", []byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	_, ds = File(f)
	if len(ds) != MaxDiagnostics || !ds.HasErrors() || ds[len(ds)-1].Severity != diag.Error {
		t.Errorf("the error is not kept last among %d diagnostics:\n%v", len(ds), ds)
	}
}

// TestNoPanic checks trees that the parser may make but that are odd.
func TestNoPanic(t *testing.T) {
	files := []*ast.File{
		{Name: "empty.mod"},
		{Name: "nil.mod", Blocks: []ast.Block{
			&ast.Proc{Kind: ast.Breakpoint},
			&ast.Proc{Kind: ast.Derivative, Name: &ast.Ident{Name: "d"}},
			&ast.Include{Path: "missing.inc"},
		}},
	}
	for _, f := range files {
		for _, d := range diagsOf(f) {
			if strings.Contains(d.Msg, "internal error") {
				t.Errorf("%s: %v", f.Name, d)
			}
		}
	}
}

// diagsOf returns the diagnostics of f.
func diagsOf(f *ast.File) diag.List {
	_, ds := File(f)
	return ds
}
