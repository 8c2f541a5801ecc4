package unitcheck

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/parser"
)

// FuzzCheck: checking units never panics and puts every warning at a real
// position.
func FuzzCheck(f *testing.F) {
	// small seeds: the parser under the fuzzer's coverage runs a few
	// inputs a second on whole .mod files
	for _, tc := range exprCases {
		f.Add([]byte(exprHead + tc.body + "\n"))
	}
	f.Add([]byte("NEURON { SUFFIX x }\nUNITS { F = (faraday) (coulomb) (mV) = (millivolt) }\nASSIGNED { v (mV) a (ms) }\n" +
		"FUNCTION f(x (mV)) (ms) { f = x^2 / (1000) }\nINITIAL { LOCAL y\n y = v * F\n a = f(y) + at_time(t) }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := parser.Parse("fuzz.mod", src)
		if err != nil {
			return
		}
		for _, d := range Check(file) {
			if d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Fatalf("bad position: %v", d)
			}
		}
	})
}
