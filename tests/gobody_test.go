package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/gobody"
	"github.com/nmodlgo/nmodlgo/tests/internal/gobodyref"
)

// goBodyModel is a 3-segment section with mech and a current pulse; it
// returns the model, the section and the recorded v at 0.5.
func goBodyModel(t *testing.T, mech sim.Mechanism) (*sim.Model, *sim.Section, *sim.Vector) {
	t.Helper()
	m := sim.NewModel()
	s, _ := m.NewSection("s")
	s.SetL(100)
	s.SetDiam(2)
	s.SetNseg(3)
	s.Insert(mech)
	stim, _ := iclamp.New(m, s.At(0.1))
	stim.Set(iclamp.Del, 1)
	stim.Set(iclamp.Dur, 2)
	stim.Set(iclamp.Amp, 0.05)
	v, err := m.Record(s.At(0.5).Ref("v"))
	if err != nil {
		t.Fatal(err)
	}
	return m, s, v
}

// TestGoBodies: with nmodlgo gen -gobodies, the FUNCTION and PROCEDURE of
// gobody.mod whose C nmodlgo does not translate call the Go bodies the
// program gives; given the same arithmetic as gobodyref.mod's NMODL, the
// trace is the same to the bit, and so is what the PROCEDURE wrote into
// each instance. Without a body, the run stops with the reason; a name
// the mechanism does not have stops it with the names it has.
func TestGoBodies(t *testing.T) {
	defer func() { gobody.GoBodies.Scale, gobody.GoBodies.Count = nil, nil }()

	ref, refSec, refV := goBodyModel(t, gobodyref.Mechanism())
	if err := ref.Run(-65, 10); err != nil {
		t.Fatal(err)
	}

	m, sec, v := goBodyModel(t, gobody.Mechanism())
	err := m.Run(-65, 10)
	if err == nil || !strings.Contains(err.Error(), "PROCEDURE count (") || !strings.Contains(err.Error(), "gave no Go body") {
		t.Fatalf("without Go bodies: %v", err)
	}

	gobody.GoBodies.Count = func(in sim.Instance) {
		in.Set("calls", in.Get("calls")+1)
	}
	gobody.GoBodies.Scale = func(in sim.Instance, x, h float64) float64 {
		return 1 / (1 + (x+h)*(x+h)/100)
	}
	m.ClearErr()
	m, sec, v = goBodyModel(t, gobody.Mechanism())
	if err := m.Run(-65, 10); err != nil {
		t.Fatal(err)
	}
	if len(v.Values()) != len(refV.Values()) {
		t.Fatalf("%d samples, the NMODL twin %d", len(v.Values()), len(refV.Values()))
	}
	for i, x := range v.Values() {
		if x != refV.Values()[i] {
			t.Fatalf("v[%d] = %.17g, the NMODL twin's %.17g", i, x, refV.Values()[i])
		}
	}
	if peak := slices.Max(v.Values()); peak < -60 {
		t.Errorf("v peaks at %g mV: too little for the test to see a difference", peak)
	}
	for _, x := range []float64{1. / 6, 0.5, 5. / 6} {
		got, _ := sec.At(x).Get("calls_gobody")
		want, _ := refSec.At(x).Get("calls_gobodyref")
		if got != want || got == 0 {
			t.Errorf("calls at %g = %g, the twin's %g", x, got, want)
		}
	}

	gobody.GoBodies.Count = func(in sim.Instance) { in.Set("cals", 1) }
	m, _, _ = goBodyModel(t, gobody.Mechanism())
	err = m.Run(-65, 1)
	if err == nil || !strings.Contains(err.Error(), "Go body of gobody: no variable cals (it has g, e, i, calls)") {
		t.Errorf("a misspelt name: %v", err)
	}
}
