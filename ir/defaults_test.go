package ir

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/parser"
)

// TestDefaultsAsNEURON checks the start values NEURON 8.2 gives: PARAMETER
// defaults and START values printed with %g (six digits), CONSTANTs
// exact, a global PARAMETER assigned in a thread-safe mechanism starting
// at 0 (with a warning) unless an assignment is PROTECTed, and a STATE
// started from the PARAMETER named after it. (Each was a silent
// difference from NEURON, found on reference mechanisms: na8st, nakpump1,
// cabpump.)
func TestDefaultsAsNEURON(t *testing.T) {
	src := `NEURON { SUFFIX d RANGE r GLOBAL g THREADSAFE }
CONSTANT { c = 1.23456789 }
PARAMETER { r = 1.23456789 g = 2.34567891 p = 3.45678912 q = 5 w = 7 pump0 = 0.25 }
STATE { s START 4.56789123 pump }
INITIAL { p = 1 PROTECT w = 2 }
BREAKPOINT { q = c }
`
	f, err := parser.Parse("d.mod", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m, ds := Lower(f)
	if m == nil {
		t.Fatalf("not lowered: %v", ds)
	}
	want := map[string]float64{"c": 1.23456789, "r": 1.23457, "g": 2.34568, "p": 0, "q": 0, "w": 7, "s": 4.56789}
	for _, v := range m.Vars {
		if x, ok := want[v.Name]; ok && v.Default != x {
			t.Errorf("%s starts at %.17g, NEURON at %.17g", v.Name, v.Default, x)
		}
	}
	warned := ds.Format()
	for _, name := range []string{"PARAMETER p is assigned", "PARAMETER q is assigned"} {
		if !strings.Contains(warned, name) {
			t.Errorf("no warning %q in:\n%s", name, warned)
		}
	}
	if strings.Contains(warned, "PARAMETER w") {
		t.Errorf("a PROTECTed assignment warned:\n%s", warned)
	}
	var start string
	for _, st := range m.Initial.Body {
		if a, ok := st.(*Assign); ok {
			start = a.Lhs.(*VarRef).Var.Name + " = " + ExprString(a.Rhs)
			break
		}
	}
	if start != "pump = pump0" {
		t.Errorf("INITIAL starts with %q, want pump = pump0", start)
	}
}
