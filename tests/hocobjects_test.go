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

// TestCallWithRefuses: hoc objects handed to the wrong argument, or not
// hoc's at all, are refused with the argument named; nothing runs on.
func TestCallWithRefuses(t *testing.T) {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	syn, _ := rsyn.New(m, soma.At(0.5))
	vs, _ := vecstim.New(m)
	rec, _ := m.Record(soma.At(0.5).Ref("v"))
	for _, tt := range []struct {
		pp   *sim.PointProcess
		name string
		args []any
		want string
	}{
		{vs, "play", []any{1.5}, "vector_arg(1): argument 1 is the number 1.5, not a Vector"},
		{vs, "play", []any{"spikes.txt"}, "argument 1 is a string: hoc's arguments are numbers, a *sim.Vector or a Random"},
		{vs, "play", []any{rec}, "argument 1 is a Vector that records soma(0.5).v"},
		{vs, "play", []any{(*sim.Vector)(nil)}, "argument 1 is a nil *Vector"},
		{syn, "setRandom", []any{(*random.Random)(nil)}, "argument 1 is a nil *random.Random"},
		{syn, "setRandom", []any{sim.NewVector(nil)}, "nrn_random_arg(1): argument 1 is a *mechimpl.Vector, not a Random"},
		{syn, "scale", []any{1}, "call scale of RSyn: 1 arguments given, it takes 0"},
	} {
		_, err := tt.pp.CallWith(tt.name, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s(%v): %v, want %q", tt.name, tt.args, err, tt.want)
		}
		m.ClearErr()
	}
}
