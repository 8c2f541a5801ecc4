package ir

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/parser"
)

// TestCnexpBatch: the cnexp steps that end a block are batched when their
// a and b do not read a state an earlier step set, nor call anything.
func TestCnexpBatch(t *testing.T) {
	const head = "NEURON { SUFFIX x RANGE tau }\nPARAMETER { tau = 2 }\nSTATE { m h }\nASSIGNED { v minf }\nBREAKPOINT { SOLVE d METHOD cnexp }\n"
	for _, tt := range []struct {
		name, deriv string
		want        int
	}{
		{"two steps after an assignment", "DERIVATIVE d { minf = v/100 m' = (minf - m)/tau h' = (1 - h)/tau }", 1},
		{"steps only", "DERIVATIVE d { m' = -m/tau h' = (1 - h)/tau }", 0},
		{"b reads the state an earlier step set", "DERIVATIVE d { m' = -m/tau h' = (m - h)/tau }", -1},
		{"b calls a FUNCTION", "DERIVATIVE d { m' = -m/tau h' = (f(v) - h)/tau }\nFUNCTION f(x) { f = x }", -1},
		{"no exponential", "DERIVATIVE d { m' = 1 h' = 2 }", -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parser.Parse("x.mod", []byte(head+tt.deriv+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			m, ds := Lower(f)
			if m == nil {
				t.Fatal(ds)
			}
			if got := m.Derivs[0].CnexpBatch(); got != tt.want {
				t.Errorf("CnexpBatch = %d, want %d", got, tt.want)
			}
		})
	}
}
