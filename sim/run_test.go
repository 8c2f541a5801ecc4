package sim_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
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
