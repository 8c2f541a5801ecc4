package ast_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/parser"
)

// TestInspectVisitsEveryNode: every node reachable from a file through its
// fields (found by reflection) is visited by Inspect, once, so that no
// phase that walks with it misses a kind of statement or expression. The
// files are the parser's test files, which hold every construct of the
// grammar, the legacy ones included.
func TestInspectVisitsEveryNode(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "parser", "testdata", "*.mod"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.Parse(filepath.Base(path), src)
			if err != nil {
				t.Fatal(err)
			}
			want := map[ast.Node]bool{}
			for _, b := range f.Blocks {
				reachable(reflect.ValueOf(b), want)
			}
			visited := map[ast.Node]int{}
			depth := 0
			ast.Inspect(f, func(n ast.Node) bool {
				if n == nil {
					depth--
					return false
				}
				depth++
				visited[n]++
				return true
			})
			if depth != 0 {
				t.Errorf("f(nil) calls do not balance: depth %d", depth)
			}
			for n := range want {
				if visited[n] == 0 {
					t.Errorf("%T at %v is never visited", n, n.Pos())
				}
			}
			for n, k := range visited {
				if k > 1 {
					t.Errorf("%T at %v is visited %d times", n, n.Pos(), k)
				}
			}
		})
	}
}

var nodeType = reflect.TypeOf((*ast.Node)(nil)).Elem()

// reachable adds every non-nil node under v to set.
func reachable(v reflect.Value, set map[ast.Node]bool) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			reachable(v.Elem(), set)
		}
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if _, isFile := v.Interface().(*ast.File); isFile {
			return // an INCLUDEd file is a tree of its own
		}
		if v.Type().Implements(nodeType) {
			n := v.Interface().(ast.Node)
			if set[n] {
				return
			}
			set[n] = true
		}
		if v.Elem().Kind() == reflect.Struct && v.Elem().Type().PkgPath() == reflect.TypeOf(ast.File{}).PkgPath() {
			reachable(v.Elem(), set)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			reachable(v.Field(i), set)
		}
	case reflect.Slice:
		for i := range v.Len() {
			reachable(v.Index(i), set)
		}
	}
}
