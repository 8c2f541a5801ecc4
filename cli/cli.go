// Package cli is the nmodlgo command as a library: cmd/nmodlgo is Main
// with the standard mechanisms, and a binary that `nmodlgo build` makes is
// Main with more mechanisms compiled in, as NEURON's nrnivmodl makes
// special.
//
// Usage:
//
//	nmodlgo gen [-o dir] [-pkg name] [-registry name] file.mod…
//	nmodlgo check file.mod…
//	nmodlgo fmt [-l] [-w] file.mod…
//	nmodlgo build [-o file] file.mod…
//	nmodlgo sim [-o trace.csv] scenario-folder|scenario.json
//
// gen writes one Go package per mechanism, dir/<pkg>/<pkg>.go, where pkg
// is the mechanism's name in lower case unless -pkg says otherwise (one
// file only); -registry also writes dir/<name>/<name>.go listing them all.
// check parses, checks and lowers files as gen would and prints problems
// like a compiler. fmt prints files in NMODL's canonical layout (-w
// rewrites them, -l lists those that differ). build makes a binary of
// nmodlgo with the mechanisms of the files built in, with the Go toolchain
// only. sim runs a scenario (scenario.json, with its own .mod files if it
// lists any: they are compiled, built in and cached) and writes its trace
// as CSV.
//
// Exit status: 0 on success, 1 if a file has errors or a run fails, 2 for
// bad usage.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/sim"
)

// Mechanisms are the mechanisms a binary of nmodlgo has built in.
type Mechanisms struct {
	// Standard are the mechanisms every scenario can name: hh, pas,
	// IClamp, …; none in the binary that go generate runs.
	Standard []sim.Mechanism
	// Compiled are the mechanisms that `nmodlgo build` compiled in, by
	// CodeHash of their generated Go: a scenario's .mod file whose Go
	// has that hash is this mechanism.
	Compiled map[string]sim.Mechanism
}

// Main runs nmodlgo with args (without the program's name), writing to
// stdout and stderr, and returns the exit status.
func Main(args []string, stdout, stderr io.Writer, mechs Mechanisms) int {
	return (&command{stdout: stdout, stderr: stderr, mechs: mechs}).run(args)
}

// command is one run of nmodlgo.
type command struct {
	stdout, stderr io.Writer
	mechs          Mechanisms
}

const usage = `usage:
  nmodlgo gen [-o dir] [-pkg name] [-registry name] file.mod...
  nmodlgo check file.mod...
  nmodlgo fmt [-l] [-w] file.mod...
  nmodlgo build [-o file] file.mod...
  nmodlgo sim [-o trace.csv] scenario-folder|scenario.json
`

// errUsage marks bad usage, for exit status 2.
var errUsage = errors.New("bad usage")

func (c *command) run(args []string) int {
	stdout, stderr := c.stdout, c.stderr
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "gen":
		err = gen(args[1:], stderr)
	case "check":
		err = checkCmd(args[1:], stderr)
	case "fmt":
		err = fmtCmd(args[1:], stdout, stderr)
	case "build":
		err = c.build(args[1:])
	case "sim":
		err = c.sim(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "nmodlgo: unknown command %q\n%s", args[0], usage)
		return 2
	}
	var exit exitStatus
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	case errors.As(err, &exit):
		return int(exit)
	}
	fmt.Fprintf(stderr, "nmodlgo %s: %v\n", args[0], err)
	return 1
}

// exitStatus is an error that ends the command with a given status, what
// was to say having been said (a built binary's own exit status).
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errReported says the errors were already printed.
var errReported = errors.New("errors reported")

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("nmodlgo "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	return nil
}

// report prints an error; source errors get their line and a caret.
func report(stderr io.Writer, err error) {
	var list diag.List
	if errors.As(err, &list) {
		fmt.Fprint(stderr, list.Format())
		return
	}
	fmt.Fprintln(stderr, err)
}
