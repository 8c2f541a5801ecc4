package sim_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/sim"
)

// tutorialModel is the tutorial's soma, recording v.
func tutorialModel(t *testing.T) (*sim.Model, *sim.Vector) {
	t.Helper()
	m := sim.NewModel()
	soma, err := m.NewSection("soma")
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{soma.SetL(20), soma.SetDiam(20), soma.Insert(hh.Mechanism())} {
		if err != nil {
			t.Fatal(err)
		}
	}
	stim, err := iclamp.New(m, soma.At(0.5))
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{stim.Set(iclamp.Del, 2), stim.Set(iclamp.Dur, 0.1), stim.Set(iclamp.Amp, 0.9)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	v, err := m.Record(soma.At(0.5).Ref("v"))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Finitialize(-65); err != nil {
		t.Fatal(err)
	}
	return m, v
}

// TestContinueRunContext: a run stopped through its context stops at a
// step boundary, keeps what it recorded, and goes on from there to the
// very trace of a run that was never stopped.
func TestContinueRunContext(t *testing.T) {
	whole, wv := tutorialModel(t)
	if err := whole.ContinueRun(10); err != nil {
		t.Fatal(err)
	}

	m, v := tutorialModel(t)
	ctx, cancel := context.WithCancel(context.Background())
	steps := 0
	err := m.ContinueRunContext(ctx, 10, func(t float64) {
		if steps++; t >= 2.5 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped run: %v", err)
	}
	if got := len(v.Values()); got != steps+1 || steps != 100 {
		t.Fatalf("%d steps, %d rows recorded; want 100 steps (to t = 2.5) and 101 rows", steps, got)
	}
	if err := m.ContinueRun(10); err != nil {
		t.Fatal(err)
	}
	a, b := v.Values(), wv.Values()
	if len(a) != len(b) {
		t.Fatalf("%d rows after resuming, want %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("row %d: v %v after resuming, %v without stopping", i, a[i], b[i])
		}
	}
}

// TestStickyError: a model built without checking each call keeps the
// first error, refuses to run with it, and nothing panics on the nil
// section a failed call returned.
func TestStickyError(t *testing.T) {
	m := sim.NewModel()
	soma, err := m.NewSection("so ma")
	if soma != nil || err == nil {
		t.Fatalf("NewSection with a space: %v, %v", soma, err)
	}
	soma.SetL(20)
	soma.Insert(hh.Mechanism())
	soma.At(0.5).Set("gnabar_hh", 0.1)
	stim, _ := iclamp.New(m, soma.At(0.5))
	stim.Set(iclamp.Amp, 1)
	v, _ := m.Record(soma.At(0.5).Ref("v"))
	if v != nil {
		t.Errorf("a record of a nil section")
	}
	var nc *sim.NetCon
	_ = []any{soma.Name(), soma.L(), soma.Nseg(), soma.Parent(), soma.Has("hh"), soma.Segments(), soma.PSection().String(),
		soma.At(0.5).String(), soma.At(0.5).Area(), stim.Name(), stim.Info(), stim.Segment(), nc.Threshold(),
		nc.RecordSpikes().Values(), v.Len(), nc.SetThreshold(0)} // none of them panics
	const first = `new section: invalid name "so ma"`
	if err := m.Err(); err == nil || err.Error() != first {
		t.Fatalf("Err() = %v, want the first error, %s", err, first)
	}
	dend, _ := m.NewSection("dend")
	if err := m.Run(-65, 1); err == nil || !strings.Contains(err.Error(), "finitialize: not run: an earlier call failed to build the model") || !strings.HasSuffix(err.Error(), first) {
		t.Fatalf("Run: %v", err)
	}
	m.ClearErr()
	if err := m.Run(-65, 1); err != nil || dend == nil {
		t.Fatalf("Run after ClearErr: %v", err)
	}
}

// TestNsegChangedMidRun: when nseg changes during a run, each new segment
// takes v from the old segment holding its centre, and the ends keep
// theirs, as in NEURON. The numbers are NEURON 8.2.2's for
//
//	s = h.Section(name="s"); s.L = 100; s.diam = 2; s.nseg = 3
//	s.insert("pas"); s.insert("hh")
//	ic = h.IClamp(s(0)); ic.dur = 100; ic.amp = 0.1
//	h.finitialize(-65); h.continuerun(2); s.nseg = 5   # then s.nseg = 2
//	[seg.v for seg in s.allseg()]
func TestNsegChangedMidRun(t *testing.T) {
	m := sim.NewModel()
	s, _ := m.NewSection("s")
	s.SetL(100)
	s.SetDiam(2)
	s.SetNseg(3)
	s.Insert(pas.Mechanism())
	s.Insert(hh.Mechanism())
	ic, _ := iclamp.New(m, s.At(0))
	ic.Set(iclamp.Dur, 100)
	ic.Set(iclamp.Amp, 0.1)
	if err := m.Run(-65, 2); err != nil {
		t.Fatal(err)
	}
	allseg := func() []float64 {
		var vs []float64
		xs := []float64{0}
		for _, g := range s.Segments() {
			xs = append(xs, g.X())
		}
		for _, x := range append(xs, 1) {
			v, err := s.At(x).Get("v")
			if err != nil {
				t.Fatal(err)
			}
			vs = append(vs, v)
		}
		return vs
	}
	a, b, c, d := -52.95422283583172, -53.142025668680155, -53.39749425957105, -53.52665535445556
	for _, step := range []struct {
		nseg int
		want []float64
	}{
		{3, []float64{a, b, c, d, d}},
		{5, []float64{a, b, b, c, d, d, d}},
		{2, []float64{a, b, d, d}},
	} {
		s.SetNseg(step.nseg)
		if got := allseg(); !slices.Equal(got, step.want) {
			t.Errorf("nseg %d: v %v, NEURON's %v", step.nseg, got, step.want)
		}
	}
	if err := m.ContinueRun(3); err != nil {
		t.Errorf("the run does not go on: %v", err)
	}
}
