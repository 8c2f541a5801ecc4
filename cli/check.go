package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/nmodlgo/nmodlgo/ir"
	"github.com/nmodlgo/nmodlgo/parser"
	"github.com/nmodlgo/nmodlgo/unitcheck"
)

// checkCmd parses each file with the files it INCLUDEs (found beside it,
// as nocmodl finds them), checks it, and lowers it as code generation
// would, printing syntax errors, errors, warnings and what nmodlgo cannot
// compile yet, like a compiler. It fails exactly when gen would: on an
// error or a refusal; warnings alone do not fail.
func (c *command) check(args []string) error {
	fs := c.flags("check", `usage: nmodlgo check file.mod...

Check parses each .mod file (with the files it INCLUDEs), checks it as
NEURON's nocmodl would, and lowers it as code generation would. It prints
every problem as file:line:col with the offending line:

  error          NEURON cannot build the file either
  not supported  valid NMODL that nmodlgo cannot compile yet
  warning        NEURON builds the file, but it probably does not do what it says

With -units it also checks units as NEURON's modlunit does: every unit
written is one NEURON's units database knows; NEURON's variables (v, t,
dt, celsius, diam, area, currents, concentrations, reversal potentials)
are declared in NEURON's units; and the units of expressions and of
KINETIC blocks agree (sums, assignments, comparisons, conversion
factors, dimensionless arguments and exponents, reaction rates against
the flux, CONSERVE, LONGITUDINAL_DIFFUSION). Those are warnings, each with
the units on both sides as modlunit writes them.

Exit status: 0 when nmodlgo gen would compile every file, 1 otherwise, 2
for bad usage.
`)
	units := fs.Bool("units", false, "also check units as NEURON's modlunit does; warnings")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return c.usageError(fs, "no .mod files given")
	}
	failed := false
	for _, file := range fs.Args() {
		if *units {
			if f, err := parser.ParseFile(file); err == nil {
				fmt.Fprint(c.stderr, unitcheck.Check(f).Format())
			}
		}
		if _, ok := lowerFile(file, c.stderr, ir.Options{}); !ok {
			failed = true
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// lowerFile parses, checks and lowers one file, prints what it finds, and
// returns the mechanism, or false when there were errors or refusals.
func lowerFile(file string, stderr io.Writer, opts ir.Options) (*ir.Mechanism, bool) {
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, false
	}
	f, err := parser.ParseWithIncludes(file, src)
	if err != nil {
		report(stderr, err)
		return nil, false
	}
	m, diags := ir.LowerWith(f, opts)
	fmt.Fprint(stderr, diags.Format())
	return m, m != nil
}
