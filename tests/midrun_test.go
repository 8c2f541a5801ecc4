package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/sim"
)

// goldenAndLive returns the golden trace (CSV text) of a test of the Go
// API, and, when NEURON is installed and the run is not short, the trace
// that tools/neuron/<script> makes now, by the names "golden" and
// "NEURON".
func goldenAndLive(t *testing.T, golden, script string) map[string][]byte {
	t.Helper()
	text, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	wants := map[string][]byte{"golden": text}
	if testing.Short() || exec.Command("/usr/bin/python3", "-c", "from neuron import h").Run() != nil {
		return wants
	}
	path, err := filepath.Abs(filepath.Join("..", "tools", "neuron", script))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/bin/python3", path)
	cmd.Dir = t.TempDir() // NEURON must not start in a folder holding an x86_64/ build
	live, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	wants["NEURON"] = live[strings.Index(string(live), "t,"):]
	return wants
}

// TestStructureChangedMidRun: an IClamp placed and a dendrite connected
// after 5 ms of a run, which then goes on without a new Finitialize, as
// NEURON's does (tools/neuron/midrun.py made the golden trace, and makes
// it again here when NEURON is installed).
func TestStructureChangedMidRun(t *testing.T) {
	wants := goldenAndLive(t, filepath.Join("testdata", "midrun", "trace.csv"), "midrun.py")

	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.SetL(20)
	soma.SetDiam(20)
	soma.Insert(hh.Mechanism())
	tv, _ := m.Record(m.TimeRef())
	v, _ := m.Record(soma.At(0.5).Ref("v"))
	if err := m.Run(-65, 5); err != nil {
		t.Fatal(err)
	}
	stim, _ := iclamp.New(m, soma.At(0.5))
	stim.Set(iclamp.Del, 6)
	stim.Set(iclamp.Dur, 1)
	stim.Set(iclamp.Amp, 0.5)
	dend, _ := m.NewSection("dend")
	dend.SetL(200)
	dend.SetDiam(1)
	dend.SetNseg(5)
	dend.Insert(pas.Mechanism())
	dend.Connect(soma, 1)
	vd, _ := m.Record(dend.At(0.5).Ref("v"))
	if err := m.ContinueRun(20); err != nil {
		t.Fatal(err)
	}
	got := &scenario.Trace{Columns: []string{"t", "soma_v"}, Data: [][]float64{tv.Values(), v.Values()}}

	for name, text := range wants {
		table, tail, _ := strings.Cut(string(text), "#")
		want, err := scenario.ReadCSV(strings.NewReader(table))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(tail, "samples of a vector recorded mid-run,0") || vd.Len() != 0 {
			t.Errorf("%s: a vector recorded mid-run: %d samples here; NEURON: %q", name, vd.Len(), tail)
		}
		t.Run(name, func(t *testing.T) { compare(t, got, want, 1e-6) })
	}
}
