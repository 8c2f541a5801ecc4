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
//	nmodlgo version
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
// Exit status: 0 on success; 1 if a file has errors, a scenario is refused
// or a run fails; 2 for bad usage; 130 for a run stopped by Ctrl-C.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

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

const usage = `usage: nmodlgo <command> [flags] [arguments]

Commands:
  gen      compile .mod files to Go packages, one per mechanism
  check    check .mod files as gen would and print every problem
  fmt      print .mod files in NMODL's canonical layout
  build    build a simulator with the mechanisms of .mod files built in
  sim      run a scenario and write its trace
  version  print nmodlgo's version
  help     print this, or a command's help: nmodlgo help sim

Exit status: 0 on success; 1 if a file has errors, a scenario is refused
or a run fails; 2 for bad usage; 130 for a run stopped by Ctrl-C.
`

// errUsage marks bad usage, for exit status 2; errHelp, help asked for.
var (
	errUsage = errors.New("bad usage")
	errHelp  = errors.New("help")
)

func (c *command) run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "gen":
		err = c.gen(args[1:])
	case "check":
		err = c.check(args[1:])
	case "fmt":
		err = c.fmt(args[1:])
	case "build":
		err = c.build(args[1:])
	case "sim":
		err = c.sim(args[1:])
	case "version", "-version", "--version":
		c.version()
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[1] != "help" && args[1] != "version" {
			return c.run([]string{args[1], "-h"})
		}
		fmt.Fprint(c.stdout, usage)
	default:
		fmt.Fprintf(c.stderr, "nmodlgo: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	var exit exitStatus
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	case errors.As(err, &exit):
		return int(exit)
	}
	fmt.Fprintf(c.stderr, "nmodlgo %s: %v\n", args[0], err)
	return 1
}

// version prints the version of nmodlgo and the Go that built it, from the
// build information Go records in every binary.
func (c *command) version() {
	v, rev, modified, goVersion := "(unknown)", "", false, runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	line := "nmodlgo " + v
	if rev != "" {
		line += ", commit " + rev[:min(12, len(rev))]
		if modified {
			line += " with changes"
		}
	}
	fmt.Fprintf(c.stdout, "%s, built with %s\n", line, goVersion)
}

// exitStatus is an error that ends the command with a given status, what
// was to say having been said (a built binary's own exit status).
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errReported says the errors were already printed.
var errReported = errors.New("errors reported")

// flags returns the flag set of a subcommand, whose help is doc (its
// usage line and what it does) followed by its flags.
func (c *command) flags(name, doc string) *flag.FlagSet {
	fs := flag.NewFlagSet("nmodlgo "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse says what is wrong, where it belongs
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), doc)
		some := false
		fs.VisitAll(func(*flag.Flag) { some = true })
		if some {
			fmt.Fprint(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses a subcommand's flags: -h prints its help on stdout, a bad
// flag the problem and the help on stderr.
func (c *command) parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(c.stdout)
		fs.Usage()
		return errHelp
	}
	fmt.Fprintf(c.stderr, "%s: %v\n\n", fs.Name(), err)
	fs.SetOutput(c.stderr)
	fs.Usage()
	return errUsage
}

// usageError says what is wrong with a command line and where help is.
func (c *command) usageError(fs *flag.FlagSet, msg string) error {
	fmt.Fprintf(c.stderr, "%s: %s (see %s -h)\n", fs.Name(), msg, fs.Name())
	return errUsage
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
