//go:build nmodlgo_bootstrap

package main

import "github.com/nmodlgo/nmodlgo/cli"

// The bootstrap build is what `go generate` runs to make generated/: it
// must not need the packages it is about to regenerate, so it has no
// mechanisms, and its sim refuses to run.
func standard() cli.Mechanisms { return cli.Mechanisms{} }
