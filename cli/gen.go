package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nmodlgo/nmodlgo/codegen"
	"github.com/nmodlgo/nmodlgo/ir"
)

// gen writes one Go package per mechanism; if any file has errors it
// writes none.
func (c *command) gen(args []string) error {
	fs := c.flags("gen", `usage: nmodlgo gen [-o dir] [-pkg name] [-registry name] [-gobodies] file.mod...

Gen compiles each .mod file (with the files it INCLUDEs) to a Go package,
dir/<pkg>/<pkg>.go, where pkg is the mechanism's name in lower case: its
Mechanism() is what sim.Section.Insert or the point-process constructor
takes, and it declares every public variable as a typed constant with its
units and default. It prints problems as nmodlgo check does; if any file
has an error or a feature nmodlgo cannot compile, it writes nothing.

With -gobodies, a FUNCTION or PROCEDURE whose body nmodlgo cannot compile
(VERBATIM C it does not translate) no longer stops the mechanism: the
package's GoBodies has a field for it, which the program sets to a Go
function before the model runs (see README, "Go bodies").
`)
	out := fs.String("o", ".", "write each package to `dir`/<pkg>/")
	pkg := fs.String("pkg", "", "the Go package's `name` (one file only; default: the mechanism's name in lower case)")
	registry := fs.String("registry", "", "also write package `name`, whose Mechanisms() lists every generated mechanism")
	goBodies := fs.Bool("gobodies", false, "compile FUNCTIONs and PROCEDUREs whose bodies nmodlgo cannot compile to call Go bodies the program gives")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return c.usageError(fs, "no .mod files given")
	}
	if *pkg != "" && len(files) > 1 {
		return c.usageError(fs, "-pkg needs exactly one .mod file")
	}
	type pkgFile struct {
		path string
		code []byte
	}
	var written []pkgFile
	var imports, sources []string
	failed := false
	for _, file := range files {
		m, ok := lowerFile(file, c.stderr, ir.Options{GoBodies: *goBodies})
		if !ok {
			failed = true
			continue
		}
		name := *pkg
		if name == "" {
			name = codegen.PackageName(m.Name)
		}
		dir := filepath.Join(*out, name)
		written = append(written, pkgFile{filepath.Join(dir, name+".go"), codegen.Generate(m, name)})
		if *registry != "" {
			path, err := importPath(dir)
			if err != nil {
				return err
			}
			imports = append(imports, path)
			sources = append(sources, filepath.Base(file))
		}
	}
	if failed {
		return errReported
	}
	if *registry != "" {
		written = append(written, pkgFile{filepath.Join(*out, *registry, *registry+".go"), codegen.Registry(*registry, imports, sources)})
	}
	for _, f := range written {
		if err := writeFile(f.path, f.code); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// importPath finds the Go import path of dir from the go.mod above it.
func importPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if f, err := os.Open(filepath.Join(d, "go.mod")); err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if mod, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
					rel, err := filepath.Rel(d, abs)
					if err != nil {
						return "", err
					}
					return strings.Trim(mod, `"`) + strings.TrimSuffix("/"+filepath.ToSlash(rel), "/."), nil
				}
			}
			return "", fmt.Errorf("%s/go.mod has no module line", d)
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("-registry: no go.mod above %s", dir)
		}
	}
}
