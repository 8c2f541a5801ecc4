package ir

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/parser"
)

// TestVerbatimRefusals: VERBATIM whose C translates but means what NMODL
// code could not, or stands where its return or _ion_ value would mean
// something else, is refused at the C construct.
func TestVerbatimRefusals(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"undeclared", "NEURON { SUFFIX x }\nPROCEDURE p() {\nVERBATIM\n  z = 1;\nENDVERBATIM\n}\nINITIAL { p() }\n",
			"4:3: not supported: z: not declared"},
		{"return before the end of the block", "NEURON { SUFFIX x }\nASSIGNED { y }\nPROCEDURE p() {\nVERBATIM\n  return 0;\nENDVERBATIM\ny = 1\n}\nBREAKPOINT { p() }\n",
			"5:3: not supported: VERBATIM: C return: a return that does not end a FUNCTION or PROCEDURE"},
		{"return in INITIAL", "NEURON { SUFFIX x }\nINITIAL {\nVERBATIM\n  return 0;\nENDVERBATIM\n}\n",
			"4:3: not supported: VERBATIM: C return: a return that does not end a FUNCTION or PROCEDURE"},
		{"an ion value in NET_RECEIVE", "NEURON { POINT_PROCESS x USEION ca READ cai }\nASSIGNED { cai y }\nNET_RECEIVE(w) {\nVERBATIM\n  y = 2*_ion_cai;\nENDVERBATIM\n}\n",
			"5:9: not supported: VERBATIM: C _ion_cai: the value of no ion variable, or read in NET_RECEIVE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parser.Parse("x.mod", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			_, ds := Lower(f)
			if got := ds.Format(); !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a diagnostic with %q", got, tt.want)
			}
		})
	}
}
