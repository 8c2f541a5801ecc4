// Package typecheck type-checks generated Go source with go/types, for the
// tests that insist every file nmodlgo generates compiles: gofmt sees only
// syntax; this sees undeclared and duplicate names, wrong types and
// unused variables, without a go build per file.
package typecheck

import (
	"errors"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sync"
)

var (
	mu   sync.Mutex
	fset = token.NewFileSet()
	// imp reads imported packages from source (the module's sim and
	// mechimpl, and the standard library), once each: the source importer
	// asks go/build, and so the go command, before it looks in its own
	// cache. It is not safe for concurrent use, hence mu.
	imp = &cached{from: importer.ForCompiler(fset, "source", nil).(types.ImporterFrom), pkgs: map[string]*types.Package{}}
)

// cached is an importer that imports each path once.
type cached struct {
	from types.ImporterFrom
	pkgs map[string]*types.Package
}

func (c *cached) Import(path string) (*types.Package, error) { return c.ImportFrom(path, ".", 0) }

func (c *cached) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if p, ok := c.pkgs[path]; ok {
		return p, nil
	}
	p, err := c.from.ImportFrom(path, dir, mode)
	if err == nil {
		c.pkgs[path] = p
	}
	return p, err
}

// Check type-checks one package made of the given files (name → source)
// and returns the first errors it finds, or nil.
func Check(pkg string, files map[string][]byte) error {
	mu.Lock()
	defer mu.Unlock()
	var parsed []*ast.File
	for name, src := range files {
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		parsed = append(parsed, f)
	}
	var errs []error
	conf := types.Config{
		Importer: imp,
		Error: func(err error) {
			if len(errs) < 10 {
				errs = append(errs, err)
			}
		},
	}
	conf.Check(pkg, fset, parsed, nil)
	return errors.Join(errs...)
}
