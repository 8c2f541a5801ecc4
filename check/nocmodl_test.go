package check

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nmodlgo/nmodlgo/parser"
)

// TestAgainstNocmodl runs NEURON's nocmodl on every case of
// testdata/diagnostics.txt, and the C compiler on what it writes when
// NEURON's headers are installed, and checks that we agree with NEURON:
// where we report an error, nocmodl or the C compiler rejects the file;
// where we report none, nocmodl accepts it. The C compiler may still reject
// a file we only warn about: ion variables named in USEION but not
// declared, unknown functions and KINETIC blocks solved without a METHOD
// are warnings on purpose (files nocmodl accepts do this); those are
// logged. Cases whose title says "NEURON does not load it" are errors that
// only NEURON's loader reports; those whose title says "NEURON 9" are
// NEURON 9's syntax, which nmodlgo reads and NEURON 8.2 does not. It skips when nocmodl is not installed
// (apt-get install neuron).
func TestAgainstNocmodl(t *testing.T) {
	nocmodl, err := exec.LookPath("nocmodl")
	if err != nil {
		t.Skip("nocmodl is not installed (apt-get install neuron); the cases are not compared with NEURON")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	cc, include := cCompiler(nocmodl)
	if cc == "" {
		t.Log("no C compiler or no NEURON headers: only nocmodl's verdict is compared")
	}
	data, err := os.ReadFile("testdata/diagnostics.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i, src := range strings.Split(string(data), "\n---\n") {
		title := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(src, "\n", 2)[0], ":"))
		t.Run(strings.ReplaceAll(title, " ", "_"), func(t *testing.T) {
			t.Parallel()
			f, err := parser.Parse("m.mod", []byte(src+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			_, ds := File(f)
			ours := ds.HasErrors()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "m.mod"), []byte(src+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			out, nocErr := run(dir, nocmodl, "m.mod")
			var ccOut string
			var ccErr error
			if nocErr == nil && cc != "" {
				ccOut, ccErr = run(dir, cc, "-fsyntax-only", "-Werror=implicit-function-declaration", "-I"+include, "m.c")
			}
			switch {
			case !ours && nocErr != nil && strings.Contains(title, "NEURON 9"):
				// NEURON 9's syntax, which nmodlgo reads on purpose (with
				// a warning) and NEURON 8.2's nocmodl refuses.
			case ours && nocErr == nil && strings.Contains(title, "NEURON does not load it"):
				// nocmodl and the C compiler accept it; NEURON refuses it
				// when it loads the mechanism (checked by hand with
				// nrnivmodl, as the title says).
			case ours && nocErr == nil && ccErr == nil && cc != "":
				t.Errorf("case %d: we report an error, NEURON builds it; nocmodl says:\n%s", i, out)
			case !ours && nocErr != nil:
				t.Errorf("case %d: nocmodl rejects it (%v), we report no error; nocmodl says:\n%s", i, nocErr, out)
			case !ours && ccErr != nil:
				t.Logf("case %d: a warning for us, the C compiler rejects nocmodl's output:\n%s", i, firstLines(ccOut, 3))
			}
		})
	}
}

// cCompiler finds a C compiler and the directory of NEURON's headers
// (md1redef.h) beside nocmodl.
func cCompiler(nocmodl string) (cc, include string) {
	cc, err := exec.LookPath("cc")
	if err != nil {
		return "", ""
	}
	if real, err := filepath.EvalSymlinks(nocmodl); err == nil {
		nocmodl = real
	}
	base := filepath.Dir(filepath.Dir(nocmodl))
	for _, dir := range []string{filepath.Join(base, "include"), filepath.Join(base, "include", "nrn"), "/usr/include", "/usr/include/nrn"} {
		if _, err := os.Stat(filepath.Join(dir, "md1redef.h")); err == nil {
			return cc, dir
		}
	}
	return "", ""
}

// run runs a command in dir with a time limit and returns its output.
func run(dir, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
