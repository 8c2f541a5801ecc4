package ir

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/parser"
)

// TestCnexp checks the linear analysis that turns x' = f into cnexp's
// exact step: f = a*x + b, simplified as nocmodl simplifies it; a block
// with an equation that is not linear is integrated by derivimplicit, as
// nocmodl does.
func TestCnexp(t *testing.T) {
	tests := []struct {
		f, a, b string // a == "" means not linear
	}{
		{"(minf-m)/mtau", "-1.0/mtau", "minf/mtau"},
		{"(1-m)*alpha - m*beta", "-alpha-beta", "alpha"},
		{"-m/tau", "-1.0/tau", "0.0"},
		{"alpha", "0.0", "alpha"},
		{"alpha*(beta - 2*m)", "alpha*-2.0", "alpha*beta"},
		{"m*m", "", ""},
		{"exp(m)", "", ""},
		{"1/m", "", ""},
		{"m^2", "", ""},
		{"f(m)", "", ""},
		{"alpha*N - m", "-1.0", "alpha*3"}, // a DEFINE is a value, written as it is
	}
	for _, tt := range tests {
		t.Run(tt.f, func(t *testing.T) {
			src := "NEURON { SUFFIX x }\nDEFINE N 3\nSTATE { m }\nASSIGNED { minf mtau alpha beta tau }\n" +
				"BREAKPOINT { SOLVE d METHOD cnexp }\nDERIVATIVE d { m' = " + tt.f + " }\nFUNCTION f(x) { f = x }\n"
			file, err := parser.Parse("x.mod", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			m, ds := Lower(file)
			if tt.a == "" {
				if m == nil || m.Derivs[0].Method != DerivImplicit {
					t.Errorf("%s is not linear in m, but the block is not integrated by derivimplicit (%v)", tt.f, ds)
				}
				return
			}
			if m == nil {
				t.Fatalf("%s: %v", tt.f, ds)
			}
			step, ok := m.Derivs[0].Body[0].(*CnexpStep)
			if !ok {
				t.Fatalf("the block is %T, not a cnexp step", m.Derivs[0].Body[0])
			}
			if got := ExprString(step.A); got != tt.a {
				t.Errorf("a = %s, want %s", got, tt.a)
			}
			if got := ExprString(step.B); got != tt.b {
				t.Errorf("b = %s, want %s", got, tt.b)
			}
		})
	}
}
