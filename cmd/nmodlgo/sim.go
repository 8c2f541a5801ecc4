//go:build !nmodlgo_bootstrap

package main

import (
	"fmt"
	"io"
	"os"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/scenario"
)

func sim(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sim", stderr)
	out := fs.String("o", "", "write the trace to `file` (default: standard output)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "nmodlgo sim: give one scenario folder or scenario.json")
		return errUsage
	}
	s, err := scenario.Load(fs.Arg(0))
	if err != nil {
		return err
	}
	tr, err := s.Simulate(builtin.Mechanisms())
	if err != nil {
		return err
	}
	if *out == "" {
		return tr.WriteCSV(stdout)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := tr.WriteCSV(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
