//go:build nmodlgo_bootstrap

package main

import (
	"errors"
	"io"
)

// The bootstrap build is what `go generate` runs in generated/: it must
// not need the packages it is about to regenerate, so it has no sim.
func sim(args []string, stdout, stderr io.Writer) error {
	return errors.New("this nmodlgo was built with -tags nmodlgo_bootstrap, without the built-in mechanisms; build it without that tag to run scenarios")
}
