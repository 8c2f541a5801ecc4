package sim_test

import (
	"math"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/expsyn"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/netstim"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/sim"
)

// synapse is a passive soma with an ExpSyn.
func synapse(t *testing.T) (*sim.Model, *sim.Section, *sim.PointProcess) {
	t.Helper()
	m := sim.NewModel()
	soma, err := m.NewSection("soma")
	if err != nil {
		t.Fatal(err)
	}
	if err := soma.Insert(pas.Mechanism()); err != nil {
		t.Fatal(err)
	}
	syn, err := m.NewPointProcess(expsyn.Mechanism(), soma.At(0.5))
	if err != nil {
		t.Fatal(err)
	}
	return m, soma, syn
}

// TestNetStimDrivesSynapse: a NetStim's spikes reach an ExpSyn at start +
// k*interval + delay, each one at the end of the step that reaches it, as
// in NEURON, and only number of them.
func TestNetStimDrivesSynapse(t *testing.T) {
	m, _, syn := synapse(t)
	ns, err := netstim.New(m)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[sim.Var]float64{netstim.Start: 2, netstim.Interval: 5, netstim.Number: 3, netstim.Noise: 0} {
		if err := ns.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := m.NewNetCon(ns, syn, 0.01, 1); err != nil {
		t.Fatal(err)
	}
	tv, _ := m.Record(m.TimeRef())
	gv, err := m.Record(syn.Ref("g"))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Finitialize(-65); err != nil {
		t.Fatal(err)
	}
	if err := m.ContinueRun(30); err != nil {
		t.Fatal(err)
	}
	var jumps []float64
	ts, gs := tv.Values(), gv.Values()
	for i := 1; i < len(gs); i++ {
		if gs[i] > gs[i-1] {
			jumps = append(jumps, ts[i])
		}
	}
	want := []float64{3.025, 8.025, 13.025} // delivered at 3, 8, 13: seen from the next sample
	if len(jumps) != len(want) {
		t.Fatalf("g rises at %v, want %v", jumps, want)
	}
	for i := range want {
		if math.Abs(jumps[i]-want[i]) > 1e-9 {
			t.Errorf("g rises at %v, want %v", jumps, want)
		}
	}
}

// TestDetectorsAreShared: NetCons watching the same v share one detector,
// and so one threshold, as NEURON's PreSyn.
func TestDetectorsAreShared(t *testing.T) {
	m, soma, syn := synapse(t)
	a, err := m.NewNetConFromV(soma.At(0.5), syn, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.NewNetConFromV(soma.At(0.4), syn, 1, 2) // the same node at nseg 1
	if err != nil {
		t.Fatal(err)
	}
	if a.Threshold() != 10 {
		t.Errorf("default threshold %g, want 10", a.Threshold())
	}
	if err := a.SetThreshold(-20); err != nil {
		t.Fatal(err)
	}
	if b.Threshold() != -20 {
		t.Errorf("the other NetCon's threshold is %g, want -20", b.Threshold())
	}
}

// TestEventErrors: impossible connections get errors that name them.
func TestEventErrors(t *testing.T) {
	m, soma, syn := synapse(t)
	if err := soma.Insert(hh.Mechanism()); err != nil {
		t.Fatal(err)
	}
	clamp, err := m.NewPointProcess(iclamp.Mechanism(), soma.At(0.5))
	if err != nil {
		t.Fatal(err)
	}
	ns, err := netstim.New(m)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := m.NewNetCon(ns, syn, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _, otherSyn := synapse(t)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"target in another model", first(m.NewNetCon(ns, otherSyn, 1, 0)), "new netcon: the source and target must belong to this model"},
		{"target without NET_RECEIVE", first(m.NewNetCon(ns, clamp, 1, 0)), "new netcon: IClamp[0] has no NET_RECEIVE block"},
		{"negative delay", first(m.NewNetCon(ns, syn, 1, -1)), "new netcon: delay must be a non-negative number, got -1"},
		{"NaN delay", first(m.NewNetConFromV(soma.At(0.5), syn, 1, math.NaN())), "new netcon: delay must be a non-negative number, got NaN"},
		{"x outside", first(m.NewNetConFromV(soma.At(2), syn, 1, 0)), "new netcon: section soma: x must be in [0, 1], got 2"},
		{"no source", first(m.NewNetCon(nil, syn, 1, 0)), "new netcon: the source must be a point process"},
		{"NaN weight", first(m.NewNetCon(ns, syn, math.NaN(), 0)), "new netcon: weight must be a finite number, got NaN"},
		{"threshold of a NetStim", nc.SetThreshold(0), "netcon threshold: the source is a point process, not v"},
		{"density as cell", first(m.NewArtificialCell(hh.Mechanism())), "new artificial cell: hh is a"},
		{"cell as point process", first(m.NewPointProcess(netstim.Mechanism(), soma.At(0.5))), "new point process: NetStim is a"},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, tt.err, tt.want)
		}
	}
	if !math.IsNaN(nc.Threshold()) {
		t.Errorf("a NetStim NetCon's threshold is %g, want NaN", nc.Threshold())
	}
}

// TestDetectorsOfNewSections: NetCons from v in sections made and not yet
// laid out get a detector each (they once shared one: the node numbers of
// a tree not yet built all looked alike, and every cell fired with the
// first).
func TestDetectorsOfNewSections(t *testing.T) {
	m := sim.NewModel()
	a, _ := m.NewSection("a")
	nc1, err := m.NewNetConFromV(a.At(0.5), nil, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := m.NewSection("b")
	nc2, err := m.NewNetConFromV(b.At(0.5), nil, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	nc1.SetThreshold(-20)
	if nc2.Threshold() != 10 {
		t.Errorf("the NetCon on b has threshold %g: it shares a's detector", nc2.Threshold())
	}
	nc3, _ := m.NewNetConFromV(b.At(0.5), nil, 0, 0)
	if nc3.SetThreshold(0); nc2.Threshold() != 0 {
		t.Errorf("two NetCons on b's v do not share a detector")
	}
}
