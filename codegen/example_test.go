package codegen_test

import (
	"fmt"
	"strings"

	"github.com/nmodlgo/nmodlgo/codegen"
)

// Compile turns a .mod file into a Go package; here, the part of the
// generated Current that holds a leak's BREAKPOINT.
func ExampleCompile() {
	src := `NEURON { SUFFIX leak NONSPECIFIC_CURRENT i RANGE g, e }
PARAMETER { g = .0002 (S/cm2) e = -65 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
`
	m, code, err := codegen.Compile("leak.mod", []byte(src), "leak")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Name, len(m.Currents), m.Currents[0].Name)
	for _, line := range strings.Split(string(code), "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "i = ") || strings.HasPrefix(l, "i_[ix] = ") {
			fmt.Println(strings.TrimSpace(line))
		}
	}
	// Output:
	// leak 1 i
	// i = g_ * (vb - e)
	// i = g_ * (vb - e)
	// i_[ix] = i
}
