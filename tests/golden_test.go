package tests

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/mechimpl"
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
	for _, col := range want.Columns { // t too: it is summed as NEURON sums it
		d := diffs[col]
		t.Logf("%-12s max |Δ| = %.3g (row %d)", col, d.Max, d.Row)
		if !(d.Max <= tol) {
			t.Errorf("%s differs from NEURON by %.3g at row %d (t = %g), more than %g",
				col, d.Max, d.Row, want.Data[0][d.Row], tol)
		}
	}
}

// compareSpikes fails the test if the spike times in dir/spikes.csv, if
// there is one, are not those of got: the same number in each record,
// each within tol ms.
func compareSpikes(t *testing.T, got *scenario.Trace, dir string, tol float64) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "spikes.csv"))
	if errors.Is(err, fs.ErrNotExist) {
		if len(got.Spikes) > 0 {
			t.Errorf("spike times recorded, but %s has no spikes.csv", dir)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := scenario.ReadSpikesCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := scenario.SpikeDiff(got.Spikes, want)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		d := diffs[w.Name]
		t.Logf("spikes %-8s %d, max |Δt| = %.3g ms", w.Name, len(w.Times), d.Max)
		if !(d.Max <= tol) {
			t.Errorf("spikes %s: spike %d differs from NEURON's by %.3g ms", w.Name, d.Row, d.Max)
		}
	}
}

// notBitForBit are the golden scenarios that nmodlgo does not reproduce
// to the bit, and why. Every other one it must: NEURON's order of
// operations everywhere, with the C library's exp.
var notBitForBit = map[string]string{
	"warm":               "pow (the Q10 factor at 16 °C) is Go's math.Pow, not glibc's",
	"table_timing":       "pow (the Q10 factor at 16 °C) is Go's math.Pow, not glibc's",
	"netstim_random123":  "scop_random's exprand takes Go's math.Log, not glibc's log (one spike time 1.4e-14 ms off)",
	"scopmath_functions": "revsigmoid, harmonic and erf take Go's math.Pow, Sin and Erf, not glibc's (4.4e-16 at most, in f5)",
}

// TestGoldenTraces runs every golden scenario and compares it with the
// trace NEURON 8.2.2 made, within the scenario's tolerance (1e-6 mV), and
// its spike times, if it records any. On a CPU like the one NEURON made
// them on (FMA and AVX2, which selects glibc's exp), every scenario not in
// notBitForBit must be identical to the bit.
func TestGoldenTraces(t *testing.T) {
	for _, dir := range goldenDirs(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			s, got, err := simulate(t, dir)
			if err != nil {
				t.Fatal(err)
			}
			tol := s.Tolerance
			if _, inexact := notBitForBit[name]; !inexact && mechimpl.ExpFused() {
				tol = 0
			}
			compare(t, got, loadTrace(t, filepath.Join(dir, "trace.csv")), tol)
			compareSpikes(t, got, dir, tol)
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
			compareSpikes(t, got, filepath.Join(out, name), s.Tolerance)
		})
	}
}

// TestThreadsSameTrace: the performance anchors, big enough to be split,
// give the same trace on one thread and on four, to the bit.
func TestThreadsSameTrace(t *testing.T) {
	for _, name := range []string{"P2_cable1000", "P3_1000cells", "P4_ring100"} {
		t.Run(name, func(t *testing.T) {
			s, err := scenario.Load(filepath.Join("testdata", "perf", name))
			if err != nil {
				t.Fatal(err)
			}
			var traces []*scenario.Trace
			for _, threads := range []int{1, 4} {
				m, err := s.Build(builtin.Mechanisms())
				if err != nil {
					t.Fatal(err)
				}
				m.Threads = threads
				tr, err := m.Run()
				if err != nil {
					t.Fatal(err)
				}
				traces = append(traces, tr)
			}
			d, err := scenario.MaxDiff(traces[1], traces[0])
			if err != nil {
				t.Fatal(err)
			}
			for col, diff := range d {
				if diff.Max != 0 {
					t.Errorf("%s: 4 threads differ from one by %g at row %d", col, diff.Max, diff.Row)
				}
			}
		})
	}
}
