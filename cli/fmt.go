package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/nmodlgo/nmodlgo/parser"
	"github.com/nmodlgo/nmodlgo/printer"
)

// fmt prints .mod files in canonical form, as gofmt does for Go.
func (c *command) fmt(args []string) error {
	stdout, stderr := c.stdout, c.stderr
	fs := c.flags("fmt", `usage: nmodlgo fmt [-l] [-w] file.mod...

Fmt prints each .mod file in NMODL's canonical layout, as gofmt does for
Go: one statement per line, blocks indented by four spaces, comments kept.
It changes layout only; the file means what it meant.
`)
	write := fs.Bool("w", false, "write the result back to the file instead of printing it")
	list := fs.Bool("l", false, "only list the files whose layout differs")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return c.usageError(fs, "no .mod files given")
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
