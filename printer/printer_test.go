package printer_test

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
	"github.com/nmodlgo/nmodlgo/printer"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden prints each testdata/*.mod and compares with its .golden.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.mod")
	if len(files) == 0 {
		t.Fatal("no testdata/*.mod")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			got := format(t, file)
			golden := strings.TrimSuffix(file, ".mod") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("printed:\n%s\nwant (%s):\n%s", got, golden, want)
			}
		})
	}
}

func format(t *testing.T, file string) []byte {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return printer.Format(f)
}

// roundTrip checks that printing is faithful (the reparsed tree is the
// tree, positions aside) and idempotent (printing it again changes nothing).
func roundTrip(t *testing.T, name string, src []byte) {
	t.Helper()
	f, err := parser.Parse(name, src)
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	out := printer.Format(f)
	g, err := parser.Parse(name, out)
	if err != nil {
		t.Fatalf("%s: the printed file does not parse: %v\n%s", name, err, numbered(out))
	}
	if d := diff(f, g); d != "" {
		t.Fatalf("%s: reparsing the printed file gives another tree: %s\n%s", name, d, numbered(out))
	}
	if again := printer.Format(g); !bytes.Equal(again, out) {
		t.Fatalf("%s: printing is not idempotent:\n%s\nthen\n%s", name, out, again)
	}
}

func numbered(src []byte) string {
	var b strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(src))
	for i := 1; sc.Scan(); i++ {
		fmt.Fprintf(&b, "%4d  %s\n", i, sc.Text())
	}
	return b.String()
}

// diff compares two trees ignoring positions; "" if equal.
func diff(a, b *ast.File) string {
	return diffValue(reflect.ValueOf(a.Blocks), reflect.ValueOf(b.Blocks), "Blocks") +
		diffComments(a.Comments, b.Comments)
}

func diffComments(a, b []*ast.Comment) string {
	var ta, tb []string
	for _, c := range a {
		ta = append(ta, strings.TrimRight(c.Text, " \t"))
	}
	for _, c := range b {
		tb = append(tb, strings.TrimRight(c.Text, " \t"))
	}
	if !reflect.DeepEqual(ta, tb) {
		return fmt.Sprintf("comments differ:\n%q\n%q", ta, tb)
	}
	return ""
}

var posType = reflect.TypeOf(ast.Pos{})

func diffValue(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path + ": kinds differ"
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": one is nil"
			}
			return ""
		}
		if a.Elem().Type() != b.Elem().Type() {
			return fmt.Sprintf("%s: %s vs %s", path, a.Elem().Type(), b.Elem().Type())
		}
		return diffValue(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		if a.Type() == posType {
			return ""
		}
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if f.Name == "File" { // an INCLUDE's parsed file
				continue
			}
			if d := diffValue(a.Field(i), b.Field(i), path+"."+f.Name); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d vs %d elements", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := diffValue(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	default:
		if a.Interface() != b.Interface() {
			return fmt.Sprintf("%s: %v vs %v", path, a.Interface(), b.Interface())
		}
	}
	return ""
}

// TestRoundTrip: our own files, covering every construct.
func TestRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../parser/testdata/*.mod")
	more, _ := filepath.Glob("../mod/*.mod")
	tdata, _ := filepath.Glob("testdata/*.mod")
	for _, file := range append(append(files, more...), tdata...) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(file, func(t *testing.T) { roundTrip(t, file, src) })
	}
}

// TestCorpusRoundTrip: every corpus file NEURON accepts prints, reparses to
// the same tree and prints the same again.
func TestCorpusRoundTrip(t *testing.T) {
	entries, err := corpus.Manifest(corpus.Dir)
	if err != nil {
		t.Skipf("no corpus at %s (it is beside the project, not in it): %v", corpus.Dir, err)
	}
	n, failed := 0, 0
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		src, err := os.ReadFile(filepath.Join(corpus.Dir, e.Path))
		if err != nil {
			t.Fatal(err)
		}
		n++
		if !t.Run(e.Path, func(t *testing.T) { roundTrip(t, e.Path, src) }) {
			failed++
		}
	}
	t.Logf("round trip: %d of %d nocmodl-accepted corpus files", n-failed, n)
}
