package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// tableTiming is a golden scenario that brings its own .mod file, with
// NEURON's trace.
var tableTiming = filepath.Join("..", "tests", "testdata", "golden", "table_timing")

// matchesNEURON fails the test unless the CSV at path is the scenario's
// NEURON trace within its tolerance.
func matchesNEURON(t *testing.T, path, dir string) {
	t.Helper()
	s, err := scenario.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, want := readCSV(t, path), readCSV(t, filepath.Join(dir, "trace.csv"))
	diffs, err := scenario.MaxDiff(got, want)
	if err != nil {
		t.Fatal(err)
	}
	for col, d := range diffs {
		if !(d.Max <= s.Tolerance) {
			t.Errorf("%s: max |Δ| %.3g from NEURON at row %d", col, d.Max, d.Row)
		}
	}
}

// TestSimBuildsOwnMechanisms: `nmodlgo sim` on a scenario with its own
// .mod files compiles them, builds a simulator with them (with the Go
// toolchain only), runs it, and matches NEURON; the second run takes the
// simulator from the cache and builds nothing.
func TestSimBuildsOwnMechanisms(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a simulator with the go command")
	}
	t.Setenv("NMODLGO_CACHE", t.TempDir())
	for run := 1; run <= 2; run++ {
		out := filepath.Join(t.TempDir(), "trace.csv")
		code, _, stderr := runCLI("sim", "-o", out, tableTiming)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, stderr)
		}
		built := strings.Contains(stderr, "building a simulator with kt")
		if built != (run == 1) {
			t.Errorf("run %d: built = %v; stderr: %s", run, built, stderr)
		}
		matchesNEURON(t, out, tableTiming)
	}
}

// TestBuild: `nmodlgo build` makes a binary with the mechanisms built in,
// whose sim runs the scenario without building; a file it cannot compile
// makes it write nothing.
func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a simulator with the go command")
	}
	t.Setenv("NMODLGO_CACHE", t.TempDir()) // a build would land here
	bin := filepath.Join(t.TempDir(), "mysim")
	code, _, stderr := runCLI("build", "-o", bin, filepath.Join(tableTiming, "tabletime.mod"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "trace.csv")
	cmd := exec.Command(bin, "sim", "-o", out, tableTiming)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s sim: %v\n%s", bin, err, msg)
	}
	if strings.Contains(string(msg), "building") {
		t.Errorf("the built binary built again: %s", msg)
	}
	matchesNEURON(t, out, tableTiming)

	refused := filepath.Join(t.TempDir(), "refused")
	expectCLI(t, []string{"build", "-o", refused, "testdata/undeclared.mod"}, 1, []string{"undeclared.mod:12:16: error: undeclared name erev"})
	if _, err := os.Stat(refused); err == nil {
		t.Error("build wrote a binary for a file it refused")
	}
}
