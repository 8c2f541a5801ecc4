package sim_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/expsyn"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/netstim"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/sim"
)

// threadModels are models that exercise every way a step is split: many
// small cells (each thread its cells, the solve too), one branched cell
// (shares of its nodes, the solve serial), and cells with synapses, events
// and an artificial cell (a type that runs on one thread between others).
var threadModels = map[string]func(t *testing.T, m *sim.Model) []*sim.Vector{
	"cells": func(t *testing.T, m *sim.Model) []*sim.Vector {
		var rec []*sim.Vector
		for i := range 7 {
			c, _ := m.NewSection(fmt.Sprint("c", i))
			c.SetL(20)
			c.SetDiam(20)
			c.SetNseg(1 + i%3)
			c.Insert(hh.Mechanism())
			stim, _ := iclamp.New(m, c.At(0.5))
			stim.Set(iclamp.Del, 1+0.3*float64(i))
			stim.Set(iclamp.Dur, 5)
			stim.Set(iclamp.Amp, 0.2+0.05*float64(i))
			v, _ := m.Record(c.At(0.5).Ref("v"))
			rec = append(rec, v)
		}
		return rec
	},
	"tree": func(t *testing.T, m *sim.Model) []*sim.Vector {
		soma, _ := m.NewSection("soma")
		soma.SetL(20)
		soma.SetDiam(20)
		soma.Insert(hh.Mechanism())
		var rec []*sim.Vector
		parent := soma
		for i := range 5 {
			d, _ := m.NewSection(fmt.Sprint("d", i))
			d.SetL(100)
			d.SetDiam(2)
			d.SetNseg(7)
			d.Insert(pas.Mechanism())
			if i%2 == 0 {
				d.Insert(hh.Mechanism())
			}
			d.Connect(parent, 1)
			if i == 2 {
				parent = soma
			} else {
				parent = d
			}
			v, _ := m.Record(d.At(0.9).Ref("v"))
			rec = append(rec, v)
		}
		stim, _ := iclamp.New(m, soma.At(0.5))
		stim.Set(iclamp.Del, 1)
		stim.Set(iclamp.Dur, 1)
		stim.Set(iclamp.Amp, 1)
		v, _ := m.Record(soma.At(0.5).Ref("v"))
		return append(rec, v)
	},
	"network": func(t *testing.T, m *sim.Model) []*sim.Vector {
		ns, _ := netstim.New(m)
		ns.Set(netstim.Start, 1)
		ns.Set(netstim.Interval, 3)
		ns.Set(netstim.Number, 4)
		var rec []*sim.Vector
		var prev *sim.Section
		for i := range 5 {
			c, _ := m.NewSection(fmt.Sprint("c", i))
			c.SetL(20)
			c.SetDiam(20)
			c.Insert(hh.Mechanism())
			syn, _ := expsyn.New(m, c.At(0.5))
			if prev == nil {
				m.NewNetCon(ns, syn, 0.01, 1)
			} else {
				m.NewNetConFromV(prev.At(0.5), syn, 0.01, 2)
			}
			prev = c
			v, _ := m.Record(c.At(0.5).Ref("v"))
			g, _ := m.Record(syn.Ref(expsyn.G))
			rec = append(rec, v, g)
		}
		return rec
	},
}

func init() {
	for seed := range 4 {
		threadModels[fmt.Sprint("random tree ", seed)] = randomTree(uint64(seed))
	}
}

// randomTree builds one or two cells of random shape (sections of 1 to 9
// segments connected at random points, so that nodes have several
// children and the threads' shares split branches), hh or pas, and an
// IClamp at each soma; it records v in every section.
func randomTree(seed uint64) func(t *testing.T, m *sim.Model) []*sim.Vector {
	return func(t *testing.T, m *sim.Model) []*sim.Vector {
		r := rand.New(rand.NewPCG(seed, 7))
		var rec []*sim.Vector
		for c := range 1 + int(seed%2) {
			soma, _ := m.NewSection(fmt.Sprint("soma", c))
			soma.SetL(20)
			soma.SetDiam(20)
			soma.Insert(hh.Mechanism())
			stim, _ := iclamp.New(m, soma.At(0.5))
			stim.Set(iclamp.Del, 1)
			stim.Set(iclamp.Dur, 2)
			stim.Set(iclamp.Amp, 0.5)
			secs := []*sim.Section{soma}
			for i := range 12 {
				s, _ := m.NewSection(fmt.Sprint("c", c, "s", i))
				s.SetL(50 + 200*r.Float64())
				s.SetDiam(0.5 + 2*r.Float64())
				s.SetNseg(1 + r.IntN(9))
				if r.IntN(2) == 0 {
					s.Insert(hh.Mechanism())
				} else {
					s.Insert(pas.Mechanism())
				}
				if err := s.Connect(secs[r.IntN(len(secs))], []float64{0, 0.3, 0.5, 1}[r.IntN(4)]); err != nil {
					t.Fatal(err)
				}
				secs = append(secs, s)
			}
			for _, s := range secs {
				v, _ := m.Record(s.At(0.5).Ref("v"))
				rec = append(rec, v)
			}
		}
		return rec
	}
}

// TestThreadsGiveTheSameTrace: every number of threads gives the trace of
// one thread, to the bit, whichever way the step is split.
func TestThreadsGiveTheSameTrace(t *testing.T) {
	defer sim.SplitSmallModels()()
	for name, build := range threadModels {
		t.Run(name, func(t *testing.T) {
			var want [][]float64
			for _, threads := range []int{1, 2, 3, 5} {
				m := sim.NewModel()
				m.Threads = threads
				rec := build(t, m)
				for _, secondOrder := range []int{0, 2} {
					m.SecondOrder = secondOrder
					if err := m.Run(-65, 15); err != nil {
						t.Fatal(err)
					}
					var got [][]float64
					for _, v := range rec {
						got = append(got, append([]float64(nil), v.Values()...))
					}
					if threads == 1 {
						want = append(want, got...)
						continue
					}
					for i, col := range got {
						w := want[len(rec)*secondOrder/2+i]
						for r := range col {
							if col[r] != w[r] && !(math.IsNaN(col[r]) && math.IsNaN(w[r])) {
								t.Fatalf("%d threads, secondorder %d: %s row %d: %v, one thread %v", threads, secondOrder, rec[i].Name(), r, col[r], w[r])
							}
						}
					}
				}
			}
		})
	}
}

// TestTunedThreadsGiveTheSameTrace: with Threads 0 a run moves between
// its threads and one thread as one or the other is faster; made to move
// every few steps, it must give the one-thread trace to the bit (a
// network too, whose events fall between the switches).
func TestTunedThreadsGiveTheSameTrace(t *testing.T) {
	defer sim.SplitSmallModels()()
	defer sim.TuneQuickly()()
	defer runtime.GOMAXPROCS(max(runtime.GOMAXPROCS(0), 2))
	runtime.GOMAXPROCS(max(runtime.GOMAXPROCS(0), 2))
	for _, name := range []string{"tree", "cells", "network", "random tree 0"} {
		t.Run(name, func(t *testing.T) {
			var want [][]float64
			for _, threads := range []int{1, 0} {
				m := sim.NewModel()
				m.Threads = threads
				rec := threadModels[name](t, m)
				if err := m.Run(-65, 15); err != nil {
					t.Fatal(err)
				}
				used, oneThread := m.ThreadsUsed()
				if threads == 1 {
					for _, v := range rec {
						want = append(want, append([]float64(nil), v.Values()...))
					}
					continue
				}
				if used < 2 || oneThread < 0.2 || oneThread > 0.8 {
					t.Fatalf("ThreadsUsed: %d threads, %.2f of the steps on one: the run did not move between them", used, oneThread)
				}
				for i, v := range rec {
					for r, x := range v.Values() {
						if x != want[i][r] && !(math.IsNaN(x) && math.IsNaN(want[i][r])) {
							t.Fatalf("%s row %d: %v, one thread %v", v.Name(), r, x, want[i][r])
						}
					}
				}
			}
		})
	}
}

// TestTabulatedGlobalsAfterState: hh's state update keeps the GLOBALs its
// TABLE gives (minf, mtau, …) in locals and stores them once, after the
// loop; NEURON leaves in them what the last instance computed. A call of
// rates at that instance's v must leave the same values.
func TestTabulatedGlobalsAfterState(t *testing.T) {
	m := sim.NewModel()
	cable, _ := m.NewSection("cable")
	cable.SetNseg(5)
	cable.SetL(500)
	cable.Insert(hh.Mechanism())
	stim, _ := iclamp.New(m, cable.At(0))
	stim.Set(iclamp.Del, 0)
	stim.Set(iclamp.Dur, 1)
	stim.Set(iclamp.Amp, 2)
	if err := m.Finitialize(-65); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if err := m.Fadvance(); err != nil {
			t.Fatal(err)
		}
	}
	names := []sim.Var{"minf_hh", "mtau_hh", "hinf_hh", "htau_hh", "ninf_hh", "ntau_hh"}
	var after []float64
	for _, name := range names {
		x, err := m.Global(name)
		if err != nil {
			t.Fatal(err)
		}
		after = append(after, x)
	}
	last := cable.At(0.9) // the last instance
	v, _ := last.Get("v")
	if first, _ := cable.At(0.1).Get("v"); v == -65 || v == first {
		t.Fatalf("v = %g at the last segment: the test needs it moved, and different from the first", v)
	}
	if _, err := last.Call("hh", "rates", v); err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		if x, _ := m.Global(name); x != after[i] {
			t.Errorf("%s after the steps: %v; rates(v) at the last instance: %v", name, after[i], x)
		}
	}
}
