// Package corpus reads the shared corpus of real .mod files
// (../shared/corpus beside the repository, described by its README and
// manifest.tsv) and the project's own .mod files, for tests.
package corpus

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Dir is the corpus as seen from a package directory one level below the
// repository root.
const Dir = "../../shared/corpus"

// Entry is one row of manifest.tsv.
type Entry struct {
	Path      string // relative to the corpus directory
	Part      string // nrn, debian, arbor or modeldb
	NocmodlOK bool   // NEURON 8.2.2's nocmodl translates it
	Mod       bool   // a .mod file, not an INCLUDEd one
}

// Manifest reads dir/manifest.tsv.
func Manifest(dir string) ([]Entry, error) {
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var col map[string]int
	var out []Entry
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, name := range fields {
				col[name] = i
			}
			for _, need := range []string{"relpath", "nocmodl_ok", "kind"} {
				if _, ok := col[need]; !ok {
					return nil, fmt.Errorf("manifest.tsv has no %q column", need)
				}
			}
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(fields) {
				return fields[i]
			}
			return ""
		}
		rel := get("relpath")
		part := strings.SplitN(strings.TrimPrefix(rel, "public/"), "/", 2)[0]
		out = append(out, Entry{Path: rel, Part: part, NocmodlOK: get("nocmodl_ok") == "true", Mod: get("kind") == "mod"})
	}
	return out, sc.Err()
}

// Seeds returns the contents of the project's own .mod files matching the
// patterns (relative to the caller's directory), to seed fuzz tests.
func Seeds(patterns ...string) ([][]byte, error) {
	var out [][]byte
	for _, p := range patterns {
		files, err := filepath.Glob(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			out = append(out, src)
		}
	}
	return out, nil
}

// RunInCopy runs NEURON's tool (nocmodl, modlunit) on the corpus file
// path in tmp, a copy of the folder that holds it: the tools write beside
// the file and find its INCLUDEs there. It returns the tool's output and
// error.
func RunInCopy(tmp, path, tool string) ([]byte, error) {
	if err := os.CopyFS(tmp, os.DirFS(filepath.Dir(path))); err != nil {
		return nil, err
	}
	cmd := exec.Command(tool, filepath.Base(path))
	cmd.Dir = tmp
	return cmd.CombinedOutput()
}
