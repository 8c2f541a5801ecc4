package cli

import (
	"strings"
	"testing"
)

// TestCheck: check prints syntax errors, then the semantic errors and
// warnings with their source lines (an INCLUDEd file's own line), and
// exits 1 only for errors.
func TestCheck(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want []string // lines that stderr must contain, in order
	}{
		{[]string{"check", "testdata/check/warnings.mod"}, 0, []string{
			"testdata/check/warnings.mod:10:5: warning: the value 36 given to PARAMETER celsius is ignored: NEURON sets celsius",
			"    celsius = 36 (degC)",
			"    ^",
		}},
		{[]string{"check", "testdata/check/include.mod"}, 1, []string{
			"testdata/check/channel.inc:7:5: error: undeclared name minf (declare it in PARAMETER or ASSIGNED, or READ it with USEION)",
			"    minf = 1/(1 + exp(-(v + 40)/9))",
			"    ^",
		}},
		{[]string{"check", "testdata/check/solve.mod", "testdata/check/warnings.mod"}, 1, []string{
			"testdata/check/solve.mod:10:25: error: METHOD sparse cannot solve DERIVATIVE states (use cnexp or derivimplicit)",
			"testdata/check/warnings.mod:10:5: warning:",
		}},
		{[]string{"check", "testdata/undeclared.mod"}, 1, []string{
			"testdata/undeclared.mod:3:25: warning: i is not declared: add it to ASSIGNED",
			"testdata/undeclared.mod:12:16: error: undeclared name erev",
			"    i = g*(v - erev)",
			"               ^",
		}},
		{[]string{"check", "testdata/bad_units.mod", "testdata/check/solve.mod"}, 1, []string{
			"testdata/bad_units.mod:7:",
			"testdata/check/solve.mod:10:25: error:",
		}},
		{[]string{"check", "testdata/check/nonexistent.mod"}, 1, []string{"nonexistent.mod"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) { expectCLI(t, tt.args, tt.code, tt.want) })
	}
}
