package codegen

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/typecheck"
	"github.com/nmodlgo/nmodlgo/ir"
	"github.com/nmodlgo/nmodlgo/parser"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txtar")

// TestGolden compiles each testdata/*.txtar case (as CUE's and go/types'
// test archives): its in.mod, with the other files of the archive beside
// it for INCLUDE, must give exactly the Go of its out.go section (which
// must type-check), or the diagnostics of its errors section; the warnings
// of a file that compiles are in its warnings section. go test -update
// rewrites the expected sections.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, path := range files {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ar := parseTxtar(string(data))
			dir := t.TempDir()
			for _, f := range ar.files {
				switch f.name {
				case "out.go", "errors", "warnings":
					continue
				}
				if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			in, ok := ar.get("in.mod")
			if !ok {
				t.Fatal("no in.mod section")
			}
			got := map[string]string{}
			f, err := parser.ParseWithIncludes(filepath.Join(dir, "in.mod"), []byte(in))
			var ds diag.List
			if err != nil {
				ds = err.(diag.List)
			}
			var m *ir.Mechanism
			if f != nil {
				m, ds = ir.Lower(f)
			}
			if m != nil {
				code := Generate(m, PackageName(m.Name))
				got["out.go"] = string(code)
				if err := typecheck.Check(PackageName(m.Name), map[string][]byte{"out.go": code}); err != nil {
					t.Errorf("the generated code does not type-check: %v", err)
				}
				if len(ds) > 0 {
					got["warnings"] = formatDiags(ds)
				}
			} else {
				got["errors"] = formatDiags(ds)
			}
			if *update {
				ar.set(got)
				if err := os.WriteFile(path, []byte(ar.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"out.go", "errors", "warnings"} {
				want, _ := ar.get(name)
				if got[name] != want {
					t.Errorf("%s differs (go test -update and read the diff):\ngot:\n%s\nwant:\n%s", name, got[name], want)
				}
			}
		})
	}
}

// formatDiags prints diagnostics as file:line:col: severity: msg, with
// the file's base name.
func formatDiags(ds diag.List) string {
	var sb strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&sb, "%s:%d:%d: %s: %s\n", filepath.Base(d.Pos.Filename()), d.Pos.Line, d.Pos.Col, d.Severity, d.Msg)
	}
	return sb.String()
}

// txtar is a test archive: a comment, then files, each introduced by a
// line "-- name --" (golang.org/x/tools/txtar's format).
type txtar struct {
	comment string
	files   []txtarFile
}

type txtarFile struct {
	name, data string
}

func parseTxtar(s string) *txtar {
	ar := &txtar{}
	var cur *txtarFile
	for _, line := range strings.SplitAfter(s, "\n") {
		if name, ok := txtarHeader(line); ok {
			ar.files = append(ar.files, txtarFile{name: name})
			cur = &ar.files[len(ar.files)-1]
			continue
		}
		if cur == nil {
			ar.comment += line
		} else {
			cur.data += line
		}
	}
	return ar
}

func txtarHeader(line string) (string, bool) {
	line = strings.TrimRight(line, "\n")
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

func (ar *txtar) get(name string) (string, bool) {
	for _, f := range ar.files {
		if f.name == name {
			return f.data, true
		}
	}
	return "", false
}

// set replaces the expected sections by got's, dropping the empty ones.
func (ar *txtar) set(got map[string]string) {
	var files []txtarFile
	for _, f := range ar.files {
		switch f.name {
		case "out.go", "errors", "warnings":
		default:
			files = append(files, f)
		}
	}
	for _, name := range []string{"warnings", "errors", "out.go"} {
		if got[name] != "" {
			files = append(files, txtarFile{name, got[name]})
		}
	}
	ar.files = files
}

func (ar *txtar) format() string {
	var sb strings.Builder
	sb.WriteString(ar.comment)
	for _, f := range ar.files {
		fmt.Fprintf(&sb, "-- %s --\n%s", f.name, f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}
