package tests

import (
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/tests/internal/testmechs"
)

// goldenDirs are the scenarios with NEURON traces: the reference set's
// (testdata/golden) and the performance anchors (testdata/perf).
func goldenDirs(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	perf, _ := filepath.Glob(filepath.Join("testdata", "perf", "*"))
	dirs = append(dirs, perf...)
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden scenarios in testdata/golden: %v", err)
	}
	sort.Strings(dirs)
	return dirs
}

func loadTrace(t *testing.T, path string) *scenario.Trace {
	t.Helper()
	tr, err := scenario.ReadCSVFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// simulate runs the scenario in dir with the built-in mechanisms and
// those of the golden scenarios (internal/testmechs).
func simulate(t *testing.T, dir string) (*scenario.Scenario, *scenario.Trace, error) {
	t.Helper()
	s, err := scenario.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := s.Simulate(append(builtin.Mechanisms(), testmechs.Mechanisms()...))
	return s, tr, err
}

// compare fails the test if any column differs by more than tol, and logs
// the largest difference of each.
func compare(t *testing.T, got, want *scenario.Trace, tol float64) {
	t.Helper()
	diffs, err := scenario.MaxDiff(got, want)
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range want.Columns[1:] {
		d := diffs[col]
		t.Logf("%-12s max |Δ| = %.3g (row %d)", col, d.Max, d.Row)
		if !(d.Max <= tol) {
			t.Errorf("%s differs from NEURON by %.3g at row %d (t = %g), more than %g",
				col, d.Max, d.Row, want.Data[0][d.Row], tol)
		}
	}
}

// TestGoldenTraces runs every golden scenario and compares it with the
// trace NEURON 8.2.2 made, within the scenario's tolerance (1e-6 mV).
func TestGoldenTraces(t *testing.T) {
	for _, dir := range goldenDirs(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			s, got, err := simulate(t, dir)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, got, loadTrace(t, filepath.Join(dir, "trace.csv")), s.Tolerance)
		})
	}
}

// TestAgainstLiveNEURON reruns the golden scenarios in NEURON, when it is
// installed, and compares with nmodlgo's runs.
func TestAgainstLiveNEURON(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not starting NEURON")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "from neuron import h").Run(); err != nil {
		t.Skip("NEURON is not installed (apt-get install neuron python3-neuron); the golden traces still stand in for it")
	}
	out := t.TempDir()
	script, err := filepath.Abs(filepath.Join("..", "tools", "neuron", "golden.py"))
	if err != nil {
		t.Fatal(err)
	}
	args := []string{script, "-o", out}
	dirs := goldenDirs(t)
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, abs)
	}
	cmd := exec.Command("/usr/bin/python3", args...)
	cmd.Dir = out // NEURON must not start in a folder holding an x86_64/ build
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("golden.py: %v\n%s", err, msg)
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			s, got, err := simulate(t, dir)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, got, loadTrace(t, filepath.Join(out, name, "trace.csv")), s.Tolerance)
		})
	}
}
