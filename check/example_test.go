package check_test

import (
	"fmt"

	"github.com/nmodlgo/nmodlgo/check"
	"github.com/nmodlgo/nmodlgo/parser"
)

func ExampleFile() {
	src := []byte(`NEURON { SUFFIX leak NONSPECIFIC_CURRENT i }
PARAMETER { g = .001 (S/cm2) }
ASSIGNED { i (mA/cm2) v (mV) }
BREAKPOINT { SOLVE states METHOD cnexp  i = g*(v - erev) }
`)
	f, err := parser.Parse("leak.mod", src)
	if err != nil {
		fmt.Print(err)
		return
	}
	_, ds := check.File(f)
	for _, d := range ds {
		fmt.Print(d.Format())
	}
	fmt.Println("errors:", ds.HasErrors())
	// Output:
	// leak.mod:4:20: error: SOLVE states: there is no block named states (SOLVE takes a DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE block)
	// BREAKPOINT { SOLVE states METHOD cnexp  i = g*(v - erev) }
	//                    ^
	// errors: true
}
