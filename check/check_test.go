package check

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/parser"
)

var update = flag.Bool("update", false, "rewrite the expectations in testdata/diagnostics.txt from what File reports")

// expectRE matches an expectation written on the offending line, in a
// comment: ERROR @25 "undeclared name erev (...)".
var expectRE = regexp.MustCompile(` ?:? (ERROR|WARNING) @(\d+) "(.*)"$`)

// TestDiagnostics runs File on each case of testdata/diagnostics.txt. The
// cases are small .mod files separated by lines "---", each starting with a
// ": title" line; a line that should get a diagnostic says so at its end:
//
//	BREAKPOINT { i = g*(v - erev) } : ERROR @25 "undeclared name erev (...)"
//
// with the column and the exact message. Lines without an expectation must
// get none. Each case was run through nocmodl 8.2.2 too (see the titles).
// go test -update rewrites the expectations from what File reports.
func TestDiagnostics(t *testing.T) {
	const path = "testdata/diagnostics.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := strings.Split(string(data), "\n---\n")
	if len(cases) < 30 {
		t.Errorf("only %d cases", len(cases))
	}
	var out []string
	for i, src := range cases {
		title := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(src, "\n", 2)[0], ":"))
		name := fmt.Sprintf("case%02d", i)
		t.Run(name, func(t *testing.T) {
			f, err := parser.Parse(name+".mod", []byte(src+"\n"))
			if err != nil {
				t.Fatalf("%s: does not parse: %v", title, err)
			}
			_, got := File(f)
			if *update {
				out = append(out, rewrite(src, got))
				return
			}
			want := expectations(src)
			var gotS []string
			for _, d := range got {
				gotS = append(gotS, fmt.Sprintf("%d:%d %s %q", d.Pos.Line, d.Pos.Col, strings.ToUpper(d.Severity.String()), d.Msg))
			}
			if strings.Join(gotS, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", title, strings.Join(gotS, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(out, "\n---\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// expectations returns the expected diagnostics of a case as
// "line:col SEVERITY \"msg\"".
func expectations(src string) []string {
	var want []string
	for i, line := range strings.Split(src, "\n") {
		if m := expectRE.FindStringSubmatch(line); m != nil {
			want = append(want, fmt.Sprintf("%d:%s %s %q", i+1, m[2], m[1], m[3]))
		}
	}
	return want
}

// rewrite replaces the expectations of a case by the diagnostics got.
func rewrite(src string, got diag.List) string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		lines[i] = expectRE.ReplaceAllString(l, "")
	}
	for _, d := range got {
		i := d.Pos.Line - 1
		sep := " : "
		if strings.Contains(lines[i], ":") {
			sep = " "
		}
		lines[i] += sep + strings.ToUpper(d.Severity.String()) + " @" + strconv.Itoa(d.Pos.Col) + " \"" + d.Msg + "\""
	}
	return strings.Join(lines, "\n")
}

// TestFormat prints a diagnostic like a compiler, with the line and a caret.
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
