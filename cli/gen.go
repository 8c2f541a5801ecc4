package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nmodlgo/nmodlgo/codegen"
)

func gen(args []string, stderr io.Writer) error {
	fs := newFlags("gen", stderr)
	out := fs.String("o", ".", "output `dir`ectory: each package goes to dir/<pkg>/")
	pkg := fs.String("pkg", "", "Go package `name` (only with one file; default: the mechanism name in lower case)")
	registry := fs.String("registry", "", "also write package `name` listing every generated mechanism")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		fmt.Fprintln(stderr, "nmodlgo gen: no .mod files given")
		return errUsage
	}
	if *pkg != "" && len(files) > 1 {
		fmt.Fprintln(stderr, "nmodlgo gen: -pkg needs exactly one .mod file")
		return errUsage
	}
	var imports, sources []string
	failed := false
	for _, file := range files {
		m, ok := lowerFile(file, stderr)
		if !ok {
			failed = true
			continue
		}
		name := *pkg
		if name == "" {
			name = codegen.PackageName(m.Name)
		}
		code := codegen.Generate(m, name)
		dir := filepath.Join(*out, name)
		if err := writeFile(filepath.Join(dir, name+".go"), code); err != nil {
			return err
		}
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
		return writeFile(filepath.Join(*out, *registry, *registry+".go"), codegen.Registry(*registry, imports, sources))
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
