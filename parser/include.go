package parser

import (
	"os"
	"path/filepath"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
)

// maxIncludeDepth bounds nested INCLUDEs (a cycle is reported before).
const maxIncludeDepth = 20

// ParseFile reads and parses the .mod file at path, then the files its
// INCLUDE statements name, recursively: each *ast.Include gets the parsed
// file in its File field (ast.File.AllBlocks splices them in). An included
// file is looked for as nocmodl 8.2 does: an absolute path as it is;
// otherwise in the directory of the including file, then in the working
// directory, then in its parent, then in each directory of the
// colon-separated MODL_INCLUDE environment variable.
//
// Errors in an included file carry that file's name. An INCLUDE that cannot
// be opened, or that includes a file being included, is an error at the
// INCLUDE.
func ParseFile(path string) (*ast.File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseWithIncludes(path, src)
}

// ParseWithIncludes is ParseFile for a file already read: filename names
// it (INCLUDEs are looked for beside it) and src is its text.
func ParseWithIncludes(filename string, src []byte) (*ast.File, error) {
	r := &includer{active: map[string]bool{}}
	f := r.parse(filename, src, 0)
	if len(r.errs) > 0 {
		if len(r.errs) > MaxErrors {
			r.errs = r.errs[:MaxErrors]
		}
		return nil, r.errs
	}
	return f, nil
}

type includer struct {
	active map[string]bool // files being parsed, by absolute path
	errs   diag.List
}

func (r *includer) parse(filename string, src []byte, depth int) *ast.File {
	f, err := Parse(filename, src)
	if err != nil {
		if l, ok := err.(diag.List); ok {
			r.errs = append(r.errs, l...)
		} else {
			r.errs.Errorf(diag.NewFile(filename, src).Start(), "%v", err)
		}
		return nil
	}
	abs, _ := filepath.Abs(filename)
	r.active[abs] = true
	defer delete(r.active, abs)
	for _, b := range f.Blocks {
		inc, ok := b.(*ast.Include)
		if !ok {
			continue
		}
		path, ok := findInclude(inc.Path, filepath.Dir(filename))
		if !ok {
			r.errs.Errorf(inc.At, "cannot find the included file %q", inc.Path)
			continue
		}
		iabs, _ := filepath.Abs(path)
		if r.active[iabs] || depth >= maxIncludeDepth {
			r.errs.Errorf(inc.At, "%q includes itself", inc.Path)
			continue
		}
		isrc, err := os.ReadFile(path)
		if err != nil {
			r.errs.Errorf(inc.At, "cannot read the included file: %v", err)
			continue
		}
		inc.File = r.parse(path, isrc, depth+1)
	}
	return f
}

// findInclude returns the path of an included file, searched for as
// nocmodl does.
func findInclude(name, dir string) (string, bool) {
	var candidates []string
	if filepath.IsAbs(name) {
		candidates = []string{name}
	} else {
		candidates = []string{filepath.Join(dir, name), name, filepath.Join("..", name)}
		for _, d := range filepath.SplitList(os.Getenv("MODL_INCLUDE")) {
			if d != "" {
				candidates = append(candidates, filepath.Join(d, name))
			}
		}
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c, true
		}
	}
	return "", false
}
