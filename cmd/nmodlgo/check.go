package main

import (
	"errors"
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
		var list parser.ErrorList
		if errors.As(err, &list) {
			// Errors in included files carry their own text.
			fmt.Fprint(stderr, list.Format(src))
		} else {
			fmt.Fprintln(stderr, err)
		}
		return nil, src, false
	}
	srcs := map[string][]byte{file: src}
	diags := check.File(f)
	for _, d := range diags {
		text, ok := srcs[d.File]
		if !ok {
			text, _ = os.ReadFile(d.File) // an INCLUDEd file; without its text, no source line
			srcs[d.File] = text
		}
		fmt.Fprint(stderr, d.Format(text))
	}
	return f, src, !check.HasErrors(diags)
}
