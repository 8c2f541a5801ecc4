// Package diagtest runs files of many small .mod cases with their expected
// diagnostics written on the offending lines, for the tests of the phases
// that report them (check, ir), as go/types' testdata and starlark's
// tests do.
//
// A file holds cases separated by lines "---"; each case starts with a
// ": title" line. A line that should get a diagnostic says so at its end,
// in a comment, with the column and the exact message:
//
//	BREAKPOINT { i = g*(v - erev) } : ERROR @25 "undeclared name erev (...)"
//
// The severity is ERROR, WARNING or NOT SUPPORTED; the message is a Go
// string literal; a line may hold several. Lines without an expectation
// must get none.
package diagtest

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/diag"
)

// The expectations at the end of a line, and one of them: the message is
// a Go string literal.
var (
	expectsRE = regexp.MustCompile(` ?:?((?: (?:ERROR|WARNING|NOT SUPPORTED) @\d+ "(?:[^"\\]|\\.)*")+)$`)
	expectRE  = regexp.MustCompile(` (ERROR|WARNING|NOT SUPPORTED) @(\d+) ("(?:[^"\\]|\\.)*")`)
)

// Case is one case of a file.
type Case struct {
	Title string
	Src   string // the .mod text, expectations included (they are comments)
}

// Run runs report on every case of the file at path and compares what it
// reports with the expectations; with update it rewrites the expectations
// from what it reports instead. min is the fewest cases the file must
// hold, so that a broken separator cannot make the test vacuous.
func Run(t *testing.T, path string, min int, update bool, report func(name, src string) (diag.List, error)) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := Split(string(data))
	if len(cases) < min {
		t.Errorf("%s: only %d cases", path, len(cases))
	}
	out := make([]string, len(cases))
	for i, c := range cases {
		name := fmt.Sprintf("case%02d", i)
		out[i] = c.Src
		t.Run(name, func(t *testing.T) {
			got, err := report(name+".mod", c.Src+"\n")
			if err != nil {
				t.Fatalf("%s: %v", c.Title, err)
			}
			if update {
				out[i] = Rewrite(c.Src, got)
				return
			}
			want := Expectations(c.Src)
			var gotS []string
			for _, d := range got {
				gotS = append(gotS, fmt.Sprintf("%d:%d %s %q", d.Pos.Line, d.Pos.Col, strings.ToUpper(d.Severity.String()), d.Msg))
			}
			if strings.Join(gotS, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", c.Title, strings.Join(gotS, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
	if update {
		if err := os.WriteFile(path, []byte(strings.Join(out, "\n---\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Split splits a file into its cases.
func Split(data string) []Case {
	var cases []Case
	for _, src := range strings.Split(data, "\n---\n") {
		title := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(src, "\n", 2)[0], ":"))
		cases = append(cases, Case{Title: title, Src: src})
	}
	return cases
}

// Expectations returns the expected diagnostics of a case as
// "line:col SEVERITY \"msg\"".
func Expectations(src string) []string {
	var want []string
	for i, line := range strings.Split(src, "\n") {
		all := expectsRE.FindStringSubmatch(line)
		if all == nil {
			continue
		}
		for _, m := range expectRE.FindAllStringSubmatch(all[1], -1) {
			msg, err := strconv.Unquote(m[3])
			if err != nil {
				msg = m[3]
			}
			want = append(want, fmt.Sprintf("%d:%s %s %q", i+1, m[2], m[1], msg))
		}
	}
	return want
}

// Rewrite replaces the expectations of a case by the diagnostics got.
func Rewrite(src string, got diag.List) string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		lines[i] = expectsRE.ReplaceAllString(l, "")
	}
	for _, d := range got {
		i := d.Pos.Line - 1
		if i < 0 || i >= len(lines) {
			continue
		}
		sep := " : "
		if strings.Contains(lines[i], ":") {
			sep = " "
		}
		lines[i] += sep + strings.ToUpper(d.Severity.String()) + " @" + strconv.Itoa(d.Pos.Col) + " " + strconv.QuoteToASCII(d.Msg)
	}
	return strings.Join(lines, "\n")
}
