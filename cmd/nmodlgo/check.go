package main

import (
	"errors"
	"fmt"
	"io"
	"os"

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
		if !checkFile(file, stderr) {
			failed = true
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// checkFile checks one file and reports whether it has no errors.
func checkFile(file string, stderr io.Writer) bool {
	src, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return false
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
		return false
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
	return !check.HasErrors(diags)
}
