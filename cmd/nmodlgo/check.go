package main

import (
	"fmt"
	"io"
	"os"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
	"github.com/nmodlgo/nmodlgo/parser"
)

// checkCmd parses each file with the files it INCLUDEs (found beside it,
// as nocmodl finds them) and runs the semantic checks, printing syntax
// errors, then errors and warnings, like a compiler. Warnings alone do not
// fail.
func checkCmd(args []string, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "nmodlgo check: no .mod files given")
		return errUsage
	}
	failed := false
	for _, file := range fs.Args() {
		if _, _, ok := checkFile(file, stderr); !ok {
			failed = true
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// checkFile parses and checks one file, prints what it finds, and returns
// the tree, the source, and whether there were no errors.
func checkFile(file string, stderr io.Writer) (*ast.File, []byte, bool) {
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, nil, false
	}
	f, err := parser.ParseWithIncludes(file, src)
	if err != nil {
		report(stderr, err)
		return nil, src, false
	}
	_, diags := check.File(f)
	fmt.Fprint(stderr, diags.Format())
	return f, src, !diags.HasErrors()
}
