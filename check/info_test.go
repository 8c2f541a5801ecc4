package check

import (
	"path/filepath"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/parser"
)

// TestInfoResolvesEveryName: in every corpus file that checks without
// errors, each name (read, assigned, primed, called, SOLVEd, tabulated,
// listed, an array size) is in Info.Uses, so that the phases after check
// never look a name up again.
func TestInfoResolvesEveryName(t *testing.T) {
	entries := readCorpus(t)
	checked := 0
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		f, err := parser.ParseFile(filepath.Join(corpusDir, e.Path))
		if err != nil {
			continue
		}
		info, ds := File(f)
		if ds.HasErrors() {
			continue
		}
		checked++
		// Unresolved names are allowed where check only warns: in a file
		// with VERBATIM text (which may declare them), and calls of
		// functions defined nowhere.
		warned := func(name string) bool { return info.HasVerbatim }
		for _, b := range info.Blocks {
			ast.Inspect(b, func(n ast.Node) bool {
				var name string
				switch n := n.(type) {
				case *ast.Name:
					name = n.Name
				case *ast.Call:
					if info.Uses[n.Fun] == nil && (info.Decls[n.Fun.Name] != nil || isBuiltin(n.Fun.Name)) {
						t.Errorf("%v: call of %s is not resolved", n.Fun.At, n.Fun.Name)
					}
					return true
				case *ast.Solve:
					if info.Uses[n.Block] == nil {
						t.Errorf("%v: SOLVE %s is not resolved", n.Block.At, n.Block.Name)
					}
					return true
				case *ast.Keyword, *ast.Match, *ast.PartialEq, *ast.PartialBoundary, *ast.Plot, *ast.Stepped:
					return false // legacy statements: code generation refuses them
				default:
					return true
				}
				if info.Uses[n] == nil && !warned(name) {
					t.Errorf("%v: %s is not resolved", n.Pos(), name)
				}
				return true
			})
		}
	}
	if checked == 0 {
		t.Skip("no corpus files")
	}
}

// TestInfoObjects: what some names denote, and that one declaration is one
// object.
func TestInfoObjects(t *testing.T) {
	src := `NEURON { POINT_PROCESS syn USEION ca READ cai RANGE g }
PARAMETER { g = 1 }
ASSIGNED { cai (mM) }
STATE { s }
LOCAL top
INITIAL { s = s0 top = 1 }
BREAKPOINT { SOLVE d METHOD cnexp g = f(v) + top }
DERIVATIVE d { s' = -s }
FUNCTION f(x) { LOCAL y y = x f = y + exp(x) }
NET_RECEIVE (w) { g = w + flag }
`
	f, err := parser.Parse("syn.mod", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	info, ds := File(f)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if info.Mech == nil || info.Mech.Name != "syn" || info.Mech.Kind != ast.PointProcess {
		t.Errorf("Mech = %+v", info.Mech)
	}
	// Collect the objects of every Name by spelling and position.
	objs := map[string][]*Object{}
	for _, b := range info.Blocks {
		ast.Inspect(b, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Name:
				objs[n.Name] = append(objs[n.Name], info.Uses[n])
			case *ast.Call:
				objs[n.Fun.Name+"()"] = append(objs[n.Fun.Name+"()"], info.Uses[n.Fun])
			}
			return true
		})
	}
	tests := []struct {
		name     string
		kind     ObjKind
		declKind ast.DeclKind
	}{
		{"s", Var, ast.State},
		{"g", Var, ast.Parameter},
		{"s0", Implicit, 0},
		{"top", Local, 0},
		{"v", Neuron, 0},
		{"x", Local, 0},
		{"y", Local, 0},
		{"f", Result, 0},
		{"w", Local, 0},
		{"flag", Special, 0},
		{"f()", Block, 0},
		{"exp()", Builtin, 0},
	}
	for _, tt := range tests {
		list := objs[tt.name]
		if len(list) == 0 {
			t.Errorf("%s: no uses", tt.name)
			continue
		}
		for _, o := range list {
			if o != list[0] {
				t.Errorf("%s: two objects for one declaration", tt.name)
			}
		}
		o := list[0]
		if o == nil || o.Kind != tt.kind || o.Kind == Var && o.DeclKind != tt.declKind {
			t.Errorf("%s = %+v, want %v %v", tt.name, o, tt.kind, tt.declKind)
		}
	}
	if o := objs["s"][0]; !o.IsDecl(ast.State) || o.Pos().Line != 4 {
		t.Errorf("s declared at %v", o.Pos())
	}
	if o := objs["top"][0]; !o.TopLevel {
		t.Error("top is not a top-level LOCAL")
	}
}
