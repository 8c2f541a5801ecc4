// Command nmodlgo compiles NMODL .mod files to Go and runs simulations;
// see package cli for its commands.
package main

import (
	"os"

	"github.com/nmodlgo/nmodlgo/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, standard()))
}
