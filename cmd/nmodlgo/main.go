// Command nmodlgo compiles NMODL .mod files to Go and runs simulations.
//
// Usage:
//
//	nmodlgo gen [-o dir] [-pkg name] [-registry name] file.mod…
//	nmodlgo check file.mod…
//	nmodlgo fmt [-l] [-w] file.mod…
//	nmodlgo sim [-o trace.csv] scenario-folder|scenario.json
//
// gen writes one Go package per mechanism, dir/<pkg>/<pkg>.go, where pkg
// is the mechanism's name in lower case unless -pkg says otherwise (one
// file only); -registry also writes dir/<name>/<name>.go listing them all.
// check parses and checks files and prints problems like a compiler. fmt
// prints files in NMODL's canonical layout (-w rewrites them, -l lists
// those that differ). sim
// runs a NEURON reference scenario with the built-in mechanisms and writes
// its trace as CSV.
//
// Exit status: 0 on success, 1 if a file has errors or a run fails, 2 for
// bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/nmodlgo/nmodlgo/diag"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  nmodlgo gen [-o dir] [-pkg name] [-registry name] file.mod...
  nmodlgo check file.mod...
  nmodlgo fmt [-l] [-w] file.mod...
  nmodlgo sim [-o trace.csv] scenario-folder|scenario.json
`

// errUsage marks bad usage, for exit status 2.
var errUsage = errors.New("bad usage")

func run(args []string, stdout, stderr io.Writer) int {
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
	case "sim":
		err = sim(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "nmodlgo: unknown command %q\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	}
	fmt.Fprintf(stderr, "nmodlgo %s: %v\n", args[0], err)
	return 1
}

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
