//go:build !nmodlgo_bootstrap

package main

import (
	"github.com/nmodlgo/nmodlgo/cli"
	"github.com/nmodlgo/nmodlgo/generated/builtin"
)

// standard are the mechanisms nmodlgo has built in.
func standard() cli.Mechanisms {
	return cli.Mechanisms{Standard: builtin.Mechanisms()}
}
