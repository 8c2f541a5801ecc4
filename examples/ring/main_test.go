package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/scenario"
)

var p4 = filepath.Join("..", "..", "tests", "testdata", "perf", "P4_ring100")

// TestRingOnRanks: the ring on 1, 2 and 3 ranks gives, to the bit, the
// trace and spikes of the one-model scenario P4_ring100 with plain
// NetCons, and NEURON's trace of it within the scenario's tolerance.
func TestRingOnRanks(t *testing.T) {
	s, err := scenario.Load(p4)
	if err != nil {
		t.Fatal(err)
	}
	bm, err := s.Build(builtin.Mechanisms())
	if err != nil {
		t.Fatal(err)
	}
	bm.Threads = 1
	one, err := bm.Run()
	if err != nil {
		t.Fatal(err)
	}
	neuron, err := scenario.ReadCSVFile(filepath.Join(p4, "trace.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ranks := []int{1, 2, 3}
	if testing.Short() {
		ranks = []int{2}
	}
	for _, n := range ranks {
		got, err := run(n, s.Run.Tstop)
		if err != nil {
			t.Fatalf("%d ranks: %v", n, err)
		}
		for _, col := range got.Columns {
			if !slices.Equal(got.Column(col), one.Column(col)) {
				t.Errorf("%d ranks: %s differs from the one-model run", n, col)
			}
		}
		for _, want := range one.Spikes {
			i := slices.IndexFunc(got.Spikes, func(g scenario.Spikes) bool { return g.Name == want.Name })
			if i < 0 || !slices.Equal(got.Spikes[i].Times, want.Times) {
				t.Errorf("%d ranks: the spikes of %s differ from the one-model run", n, want.Name)
			}
		}
		d, err := scenario.MaxDiff(got, neuron)
		if err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for _, diff := range d {
			worst = max(worst, diff.Max)
		}
		t.Logf("%d ranks: max |Δ| from NEURON %.3g", n, worst)
		if worst > s.Tolerance {
			t.Errorf("%d ranks: differs from NEURON by %.3g", n, worst)
		}
	}
}

// TestRingAgainstNEURONOnMPIRanks: NEURON runs the same ring as a
// ParallelContext script on two MPI ranks (tools/neuron/ring_parallel.py),
// when NEURON and mpiexec are installed; the trace and every cell's
// spikes on two ranks here are the same.
func TestRingAgainstNEURONOnMPIRanks(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not starting NEURON")
	}
	mpiexec, err := exec.LookPath("mpiexec")
	if err != nil {
		t.Skip("mpiexec is not installed (apt-get install openmpi-bin): NEURON cannot run on MPI ranks here")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "from neuron import h").Run(); err != nil {
		t.Skip("NEURON is not installed (apt-get install neuron python3-neuron)")
	}
	dir := t.TempDir()
	trace, spikes := filepath.Join(dir, "trace.csv"), filepath.Join(dir, "spikes.csv")
	cmd := exec.Command(mpiexec, "--oversubscribe", "-n", "2", "/usr/bin/python3",
		filepath.Join("..", "..", "tools", "neuron", "ring_parallel.py"), trace, spikes)
	// Open MPI refuses to run as root unless told; CI containers are root.
	cmd.Env = append(os.Environ(), "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("NEURON on 2 MPI ranks: %v\n%s", err, out)
	}
	neuron, err := scenario.ReadCSVFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(spikes)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	neuronSpikes, err := scenario.ReadSpikesCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := run(2, 100)
	if err != nil {
		t.Fatal(err)
	}
	d, err := scenario.MaxDiff(got, neuron)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := scenario.SpikeDiff(got.Spikes, neuronSpikes)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sp := range neuronSpikes {
		n += len(sp.Times)
	}
	worst, worstSpike := 0.0, 0.0
	for _, diff := range d {
		worst = max(worst, diff.Max)
	}
	for _, diff := range ds {
		worstSpike = max(worstSpike, diff.Max)
	}
	t.Logf("against NEURON on 2 MPI ranks: max |Δ| %.3g over the trace, %.3g ms over %d spikes of %d cells", worst, worstSpike, n, len(neuronSpikes))
	if worst > 1e-6 || worstSpike > 1e-6 || len(neuronSpikes) != ncell {
		t.Errorf("differs from NEURON on MPI ranks")
	}
}

// TestMainWrites: the program writes the trace and the spikes where -o and -spikes say.
func TestMainWrites(t *testing.T) {
	dir := t.TempDir()
	out, spikes := filepath.Join(dir, "trace.csv"), filepath.Join(dir, "spikes.csv")
	if err := mainErr(2, 5, out, spikes); err != nil {
		t.Fatal(err)
	}
	tr, err := scenario.ReadCSVFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Rows() != 201 || len(tr.Columns) != 7 {
		t.Errorf("%d rows of %v", tr.Rows(), tr.Columns)
	}
	data, err := os.ReadFile(spikes)
	if err != nil || !strings.HasPrefix(string(data), "name,t\ns0,2.0000000000999947\n") {
		t.Errorf("spikes: %v\n%.60s", err, data)
	}
}
