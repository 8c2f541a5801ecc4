package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/nmodlgo/nmodlgo/parser"
	"github.com/nmodlgo/nmodlgo/printer"
)

// fmtCmd prints .mod files in canonical form, as gofmt does for Go.
func fmtCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fmt", stderr)
	write := fs.Bool("w", false, "write the result back to the file instead of printing it")
	list := fs.Bool("l", false, "only list the files whose formatting differs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "nmodlgo fmt: no .mod files given")
		return errUsage
	}
	failed := false
	for _, file := range fs.Args() {
		src, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(stderr, err)
			failed = true
			continue
		}
		f, err := parser.Parse(file, src)
		if err != nil {
			report(stderr, err)
			failed = true
			continue
		}
		out := printer.Format(f)
		switch {
		case *list:
			if !bytes.Equal(src, out) {
				fmt.Fprintln(stdout, file)
			}
		case *write:
			if !bytes.Equal(src, out) {
				if err := os.WriteFile(file, out, 0o644); err != nil {
					return err
				}
			}
		default:
			stdout.Write(out)
		}
	}
	if failed {
		return errReported
	}
	return nil
}
