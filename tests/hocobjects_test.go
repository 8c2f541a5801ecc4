package tests

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/apcount"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/random"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/rsyn"
	"github.com/nmodlgo/nmodlgo/tests/internal/vecstim"
)

// TestHocObjects: mechanisms whose VERBATIM C holds hoc objects, as NEURON
// runs them. A VecStim (NEURON's examples' vecevent.mod, unchanged) plays
// a Vector of times into RSyn (testdata/golden/hoc_objects/rsyn.mod, our own),
// which scales each event's weight by the next number of a hoc Random
// handed to it; the model runs twice, with a second Vector and the Random
// started again. An APCount (mod/APCount.mod) records the spike times
// into a Vector. tools/neuron/hocobjects.py made the golden trace, and
// makes it again here when NEURON is installed.
func TestHocObjects(t *testing.T) {
	wants := goldenAndLive(t, filepath.Join("testdata", "hocobjects", "trace.csv"), "hocobjects.py")

	m := sim.NewModel()
	m.Dt = 0.025
	soma, _ := m.NewSection("soma")
	soma.SetL(20)
	soma.SetDiam(20)
	soma.Insert(hh.Mechanism())
	syn, _ := rsyn.New(m, soma.At(0.5))
	syn.Set(rsyn.Tau, 3)
	vs, _ := vecstim.New(m)
	apc, _ := apcount.New(m, soma.At(0.5))
	spikes := sim.NewVector(nil)
	if _, err := apc.CallWith("record", spikes); err != nil {
		t.Fatal(err)
	}
	var counts []string
	if _, err := m.NewNetCon(vs, syn, 0.004, 1); err != nil {
		t.Fatal(err)
	}
	refs := []sim.Ref{m.TimeRef(), soma.At(0.5).Ref("v"), syn.Ref("g"), syn.Ref("last")}
	got := &scenario.Trace{Columns: []string{"t", "soma_v", "syn_g", "syn_last"}, Data: make([][]float64, len(refs))}
	for _, times := range [][]float64{{2, 5.5, 9, 9.025, 15, 22.2}, {1, 4, 4, 12.5}} {
		r := random.NewRandom123(7, 8, 9)
		r.Uniform(0.5, 1.5)
		if _, err := syn.CallWith("setRandom", r); err != nil {
			t.Fatal(err)
		}
		if _, err := vs.CallWith("play", sim.NewVector(times)); err != nil {
			t.Fatal(err)
		}
		var vecs []*sim.Vector
		for _, ref := range refs {
			v, err := m.Record(ref)
			if err != nil {
				t.Fatal(err)
			}
			vecs = append(vecs, v)
		}
		if err := m.Run(-65, 30); err != nil {
			t.Fatal(err)
		}
		for i, v := range vecs {
			got.Data[i] = append(got.Data[i], v.Values()...)
		}
		line := "#apcount"
		for _, x := range spikes.Values() {
			line += "," + strconv.FormatFloat(x, 'g', -1, 64)
		}
		counts = append(counts, line)
	}
	if err := m.Err(); err != nil {
		t.Fatal(err)
	}
	for name, text := range wants {
		table, tail, _ := strings.Cut(string(text), "#")
		want, err := scenario.ReadCSV(strings.NewReader(table))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) { compare(t, got, want, 0) })
		if tail = "#" + strings.TrimSpace(tail); tail != strings.Join(counts, "\n") {
			t.Errorf("%s: APCount's Vector of spike times:\n%s\nNEURON's:\n%s", name, strings.Join(counts, "\n"), tail)
		}
	}
}
