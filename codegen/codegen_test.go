package codegen

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/parser"
)

// printExpr writes an expression back as NMODL, for comparing.
func printExpr(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Number:
		return e.Text
	case *ast.Name:
		return e.Name
	case *ast.Paren:
		return "(" + printExpr(e.X) + ")"
	case *ast.Unary:
		return e.Op + printExpr(e.X)
	case *ast.Binary:
		return printExpr(e.X) + e.Op + printExpr(e.Y)
	case *ast.Call:
		var args []string
		for _, a := range e.Args {
			args = append(args, printExpr(a))
		}
		return e.Fun.Name + "(" + strings.Join(args, ",") + ")"
	}
	return "?"
}

func parseExpr(t *testing.T, src string) ast.Expr {
	t.Helper()
	f, err := parser.Parse("expr.mod", []byte("NEURON { SUFFIX x }\nINITIAL { z = "+src+" }\n"))
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	for _, b := range f.Blocks {
		if p, ok := b.(*ast.Proc); ok {
			return p.Body.Stmts[0].(*ast.Assign).Rhs
		}
	}
	t.Fatalf("%s: no INITIAL", src)
	return nil
}

// TestCnexp checks the linear analysis that turns x' = f into the exact
// exponential step: f = a*x + b.
func TestCnexp(t *testing.T) {
	tests := []struct {
		f, a, b string // a == "" means not linear
	}{
		{"(minf-m)/mtau", "-1.0/mtau", "minf/mtau"},
		{"(1-m)*alpha - m*beta", "-alpha-beta", "alpha"},
		{"-m/tau", "-1.0/tau", "0.0"},
		{"k", "0.0", "k"},
		{"a*(b - 2*m)", "a*-2.0", "a*b"},
		{"m*m", "", ""},
		{"exp(m)", "", ""},
		{"1/m", "", ""},
		{"m^2", "", ""},
		{"rate(m)", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.f, func(t *testing.T) {
			a, b, ok := cnexp(parseExpr(t, tt.f), "m")
			if tt.a == "" {
				if ok {
					t.Errorf("%s is not linear in m, but cnexp gave a = %s", tt.f, printExpr(a))
				}
				return
			}
			if !ok {
				t.Fatalf("%s: not found linear", tt.f)
			}
			if got := printExpr(a); got != tt.a {
				t.Errorf("a = %s, want %s", got, tt.a)
			}
			if got := printExpr(b); got != tt.b {
				t.Errorf("b = %s, want %s", got, tt.b)
			}
		})
	}
}

// TestAnalyzeErrors: each mistake in a .mod file, and each construct code
// generation does not support yet, gets its own message at its own position.
func TestAnalyzeErrors(t *testing.T) {
	const head = "NEURON { SUFFIX test RANGE g NONSPECIFIC_CURRENT i }\nPARAMETER { g = 1 }\nASSIGNED { i }\n"
	tests := []struct {
		name, src, want string
	}{
		// Found by package check, which Analyze runs first.
		{"no NEURON block", "PARAMETER { g = 1 }\n", "t.mod:1:1:"},
		{"undeclared", head + "BREAKPOINT { i = g*(v - e) }\n", "t.mod:4:25: error: undeclared name e"},
		{"double declaration", head + "STATE { g }\n", "t.mod:4:9: error: g is declared twice"},
		{"solve unknown", head + "BREAKPOINT { SOLVE states METHOD cnexp i = g }\n", "t.mod:4:20: error: SOLVE states: there is no block named states"},
		{"assign to t", head + "BREAKPOINT { t = 1 i = g }\n", "t.mod:4:14: error: cannot assign to t"},
		// What code generation does not support yet.
		{"nonlinear cnexp", head + "STATE { m }\nBREAKPOINT { SOLVE d METHOD cnexp i = g }\nDERIVATIVE d { m' = m*m }\n", "t.mod:6:16: not supported: cnexp: the equation for m' is not linear in m"},
		{"unsupported method", head + "STATE { m }\nBREAKPOINT { SOLVE d METHOD adrunge i = g }\nDERIVATIVE d { m' = -m }\n", "t.mod:5:14: not supported: SOLVE d METHOD adrunge: only cnexp, derivimplicit, euler and runge are supported yet"},
		{"kinetic arrays", head + "STATE { a[2] }\nBREAKPOINT { SOLVE k METHOD sparse i = g }\nKINETIC k { ~ a[0] <-> a[1] (1, 2) }\n", "t.mod:6:15: not supported: KINETIC with array states is not supported yet"},
		{"solve in procedure", "NEURON { SUFFIX t }\nSTATE { x }\nBREAKPOINT { p() }\nLINEAR l { ~ x = 1 }\nPROCEDURE p() { SOLVE l }\n", "t.mod:5:17: not supported: SOLVE inside PROCEDURE p is not supported yet"},
		{"after breakpoint", "NEURON { SUFFIX t }\nAFTER BREAKPOINT { }\n", "t.mod:2:1: not supported: NEURON has no AFTER BREAKPOINT block; it runs BEFORE INITIAL, AFTER INITIAL, BEFORE BREAKPOINT, AFTER SOLVE and BEFORE STEP"},
		{"lag", "NEURON { SUFFIX t }\nASSIGNED { x }\nINITIAL { LAG v BY x }\n", "t.mod:3:11: not supported: LAG is not supported yet"},
		{"two initials in net_receive", "NEURON { POINT_PROCESS syn }\nNET_RECEIVE(w) { INITIAL { w = 1 } INITIAL { w = 2 } }\n", "t.mod:2:36: error: NET_RECEIVE can contain only one INITIAL block"},
		{"verbatim", head + "VERBATIM\nreturn 0;\nENDVERBATIM\n", "t.mod:4:1: not supported: VERBATIM blocks hold C code, which nmodlgo cannot compile to Go"},
		{"legacy", head + "STEPPED { amp = 1, 2 }\n", "t.mod:4:1: not supported: STEPPED is a legacy construct that nmodlgo reads but does not compile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Compile("t.mod", []byte(tt.src), "")
			if err == nil {
				t.Fatalf("no error; want %s", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestPackageName checks the default Go package names of mechanisms.
func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{"hh": "hh", "IClamp": "iclamp", "Na_v1.6": "na_v16", "3d": "mech3d", "range": "rangemech"} {
		if got := PackageName(in); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEmittedCode: NMODL constructs become the Go they should.
func TestEmittedCode(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"not of a number", "if (!x) { y = 1 }", "if !((k.x[ix]) != 0.0) {"},
		{"not of a comparison", "if (!(x > 1)) { y = 1 }", "if !(k.x[ix] > 1.0) {"},
		{"not in arithmetic", "y = !x + 1", "rt.Bool(!((k.x[ix]) != 0.0)) + 1.0"},
		{"printf", `printf("x=%g\n", x)`, `rt.Printf(k.ctx, "x=%g\n", k.x[ix])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "NEURON { SUFFIX t RANGE x, y }\nASSIGNED { x y }\nINITIAL { " + tt.body + " }\n"
			_, code, err := Compile("t.mod", []byte(src), "")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(code), tt.want) {
				t.Errorf("want %q in\n%s", tt.want, code)
			}
		})
	}
}
