package sim_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/expsyn"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/netstim"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/sim"
)

// ringCells is the size of the test network: cells 0 to ringCells-1, and
// two NetStims with gids ringCells and ringCells+1 that fire together,
// so that their spikes reach cell 6 at the same time: the order of the
// two additions to its g shows in the last bits.
const (
	ringCells = 13
	ringGids  = ringCells + 2
)

// link is one connection of the test network.
type link struct {
	from, to      int
	weight, delay float64
}

// ringLinks: i -> i+1 (strong), i -> i+5 (weak, later) and the NetStims
// to cell 6, made in the order of their targets, then sources.
func ringLinks() []link {
	var links []link
	for to := range ringCells {
		from := []link{
			{(to + ringCells - 1) % ringCells, to, 0.05, 1},
			{(to + ringCells - 5) % ringCells, to, 0.01, 1.5},
		}
		if to == 6 {
			from = append(from, link{ringCells, to, 0.02, 2}, link{ringCells + 1, to, 0.03, 2})
		}
		slices.SortFunc(from, func(a, b link) int { return a.from - b.from })
		links = append(links, from...)
	}
	return links
}

// ringCell is one cell: an hh soma and a passive dendrite with an
// ExpSyn; cell 0 has an IClamp.
type ringCell struct {
	soma *sim.Section
	syn  *sim.PointProcess
	v    *sim.Vector
}

func newRingCell(m *sim.Model, i int) (*ringCell, error) {
	soma, _ := m.NewSection(fmt.Sprintf("soma%d", i))
	dend, _ := m.NewSection(fmt.Sprintf("dend%d", i))
	soma.SetL(20)
	soma.SetDiam(20)
	soma.Insert(hh.Mechanism())
	dend.SetL(200)
	dend.SetDiam(2)
	dend.SetNseg(5)
	dend.Insert(pas.Mechanism())
	dend.Connect(soma, 1)
	syn, _ := expsyn.New(m, dend.At(0.1))
	syn.Set(expsyn.Tau, 2)
	if i == 0 {
		ic, _ := iclamp.New(m, soma.At(0.5))
		ic.Set(iclamp.Del, 1)
		ic.Set(iclamp.Dur, 1)
		ic.Set(iclamp.Amp, 1)
	}
	v, _ := m.Record(soma.At(0.5).Ref("v"))
	return &ringCell{soma, syn, v}, m.Err()
}

func newRingStim(m *sim.Model) (*sim.PointProcess, error) {
	ns, _ := netstim.New(m)
	ns.Set(netstim.Start, 12)
	ns.Set(netstim.Interval, 10)
	ns.Set(netstim.Number, 4)
	ns.Set(netstim.Noise, 0)
	return ns, m.Err()
}

// ringResult is what a run of the test network gives: each cell's v and
// the spikes of every gid.
type ringResult struct {
	v      [ringCells][]float64
	spikes []sim.Spike // by time, then gid
}

// runRingPlain runs the network in one model with plain NetCons.
func runRingPlain(tstop float64) (*ringResult, error) {
	m := sim.NewModel()
	m.Threads = 1
	cells := make([]*ringCell, ringCells)
	for i := range cells {
		var err error
		if cells[i], err = newRingCell(m, i); err != nil {
			return nil, err
		}
	}
	var stims [2]*sim.PointProcess
	for i := range stims {
		var err error
		if stims[i], err = newRingStim(m); err != nil {
			return nil, err
		}
	}
	// Sources in gid order, so that NEURON's detectors check them so.
	links := ringLinks()
	slices.SortStableFunc(links, func(a, b link) int { return a.from - b.from })
	var recs [ringGids]*sim.Vector
	for _, l := range links {
		var nc *sim.NetCon
		if l.from >= ringCells {
			nc, _ = m.NewNetCon(stims[l.from-ringCells], cells[l.to].syn, l.weight, l.delay)
		} else {
			nc, _ = m.NewNetConFromV(cells[l.from].soma.At(0.5), cells[l.to].syn, l.weight, l.delay)
			nc.SetThreshold(0)
		}
		recs[l.from] = nc.RecordSpikes()
	}
	if err := m.Run(-65, tstop); err != nil {
		return nil, err
	}
	res := &ringResult{}
	for i, c := range cells {
		res.v[i] = c.v.Values()
	}
	for gid, r := range recs {
		for _, t := range r.Values() {
			res.spikes = append(res.spikes, sim.Spike{Gid: gid, T: t})
		}
	}
	sortSpikes(res.spikes)
	return res, nil
}

func sortSpikes(s []sim.Spike) {
	slices.SortFunc(s, func(a, b sim.Spike) int {
		if a.T != b.T {
			if a.T < b.T {
				return -1
			}
			return 1
		}
		return a.Gid - b.Gid
	})
}

// runRingRanks runs the network on n ranks, gid g on rank g mod n, as
// NEURON's ParallelContext scripts place them.
func runRingRanks(n int, tstop float64) (*ringResult, error) {
	res := &ringResult{}
	var mu sync.Mutex
	err := sim.RunRanks(n, func(pc *sim.ParallelContext) error {
		m := pc.Model()
		mine := func(gid int) bool { return gid%n == pc.Rank() }
		cells := map[int]*ringCell{}
		for gid := range ringGids {
			if err := pc.SetGid2Node(gid, gid%n); err != nil {
				return err
			}
			if !mine(gid) {
				continue
			}
			var nc *sim.NetCon
			if gid >= ringCells {
				ns, err := newRingStim(m)
				if err != nil {
					return err
				}
				nc, _ = m.NewNetCon(ns, nil, 0, 1)
			} else {
				c, err := newRingCell(m, gid)
				if err != nil {
					return err
				}
				cells[gid] = c
				nc, _ = m.NewNetConFromV(c.soma.At(0.5), nil, 0, 1)
				nc.SetThreshold(0)
			}
			if err := pc.Cell(gid, nc); err != nil {
				return err
			}
		}
		for _, l := range ringLinks() {
			if mine(l.to) {
				if _, err := pc.GidConnect(l.from, cells[l.to].syn, l.weight, l.delay); err != nil {
					return err
				}
			}
		}
		if err := m.Run(-65, tstop); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for gid, c := range cells {
			res.v[gid] = c.v.Values()
		}
		res.spikes = append(res.spikes, pc.Spikes()...)
		return nil
	})
	sortSpikes(res.spikes)
	return res, err
}

// TestRanksGiveTheSameTrace: the network on 1 to 4 ranks gives, to the
// bit, the v of every cell and the spikes of one model with plain
// NetCons.
func TestRanksGiveTheSameTrace(t *testing.T) {
	want, err := runRingPlain(80)
	if err != nil {
		t.Fatal(err)
	}
	fired := map[int]bool{}
	for _, s := range want.spikes {
		fired[s.Gid] = true
	}
	if len(fired) < ringGids { // else the test shows little
		t.Fatalf("only gids %v fired", fired)
	}
	for _, n := range []int{1, 2, 3, 4} {
		got, err := runRingRanks(n, 80)
		if err != nil {
			t.Fatalf("%d ranks: %v", n, err)
		}
		if !slices.Equal(got.spikes, want.spikes) {
			t.Errorf("%d ranks: spikes\n%v\nwant\n%v", n, got.spikes, want.spikes)
		}
		for i := range want.v {
			if !slices.Equal(got.v[i], want.v[i]) {
				t.Errorf("%d ranks: v of cell %d differs", n, i)
			}
		}
	}
}

// TestParallelContextErrors: a network the ranks cannot run as NEURON
// would is refused on every rank, with what is wrong, and no rank waits
// for ever.
func TestParallelContextErrors(t *testing.T) {
	// cell gives gid a cell with an hh soma on pc's rank.
	cell := func(pc *sim.ParallelContext, gid int) (*sim.PointProcess, error) {
		m := pc.Model()
		soma, _ := m.NewSection(fmt.Sprintf("soma%d", gid))
		soma.SetL(20)
		soma.SetDiam(20)
		soma.Insert(hh.Mechanism())
		syn, _ := expsyn.New(m, soma.At(0.5))
		nc, _ := m.NewNetConFromV(soma.At(0.5), nil, 0, 1)
		pc.SetGid2Node(gid, pc.Rank())
		pc.Cell(gid, nc)
		return syn, m.Err()
	}
	for _, tc := range []struct {
		name string
		body func(pc *sim.ParallelContext) error
		want string
	}{
		{"gid on two ranks", func(pc *sim.ParallelContext) error {
			if _, err := cell(pc, 3); err != nil {
				return err
			}
			return pc.Model().Finitialize(-65)
		}, "gid 3 is a cell on rank 0 and on rank 1"},
		{"no such gid", func(pc *sim.ParallelContext) error {
			syn, err := cell(pc, pc.Rank())
			if err != nil {
				return err
			}
			if _, err := pc.GidConnect(7, syn, 0.01, 1); err != nil {
				return err
			}
			return pc.Model().Finitialize(-65)
		}, "rank 0 connects to gid 7 (GidConnect), but no rank has a cell with that gid"},
		{"delay under dt", func(pc *sim.ParallelContext) error {
			syn, err := cell(pc, pc.Rank())
			if err != nil {
				return err
			}
			if _, err := pc.GidConnect(1-pc.Rank(), syn, 0.01, 0.01); err != nil {
				return err
			}
			return pc.Model().Finitialize(-65)
		}, "least delay of a NetCon between gids (or max step) is 0.01 ms, less than dt = 0.025 ms"},
		{"dt differs", func(pc *sim.ParallelContext) error {
			if pc.Rank() == 1 {
				pc.Model().Dt = 0.0125
			}
			return pc.Model().Finitialize(-65)
		}, "rank 1 has dt = 0.0125 ms, rank 0 0.025"},
		{"cell not set to the rank", func(pc *sim.ParallelContext) error {
			m := pc.Model()
			soma, _ := m.NewSection("soma")
			nc, _ := m.NewNetConFromV(soma.At(0.5), nil, 0, 1)
			pc.SetGid2Node(5, 1-pc.Rank())
			return pc.Cell(5, nc)
		}, "gid 5 is not set to this rank"},
		{"a cell twice", func(pc *sim.ParallelContext) error {
			m := pc.Model()
			soma, _ := m.NewSection("soma")
			nc, _ := m.NewNetConFromV(soma.At(0.5), nil, 0, 1)
			pc.SetGid2Node(2*pc.Rank(), pc.Rank())
			pc.SetGid2Node(2*pc.Rank()+1, pc.Rank())
			pc.Cell(2*pc.Rank(), nc)
			return pc.Cell(2*pc.Rank()+1, nc)
		}, "the NetCon's source is already the source of gid"},
		{"one rank fails", func(pc *sim.ParallelContext) error {
			if pc.Rank() == 1 {
				return errors.New("no morphology here")
			}
			return pc.Model().Run(-65, 5)
		}, "rank 1: no morphology here"},
		{"a rank panics", func(pc *sim.ParallelContext) error {
			if pc.Rank() == 0 {
				var m map[int]int
				m[0] = 1
			}
			return pc.Model().Run(-65, 5)
		}, "rank 0: panic: assignment to entry in nil map"},
		{"tstop differs", func(pc *sim.ParallelContext) error {
			syn, err := cell(pc, pc.Rank())
			if err != nil {
				return err
			}
			pc.GidConnect(1-pc.Rank(), syn, 0.01, 1)
			return pc.Model().Run(-65, float64(5+5*pc.Rank()))
		}, "rank 0 finished while this one was still exchanging"},
		{"connected after finitialize", func(pc *sim.ParallelContext) error {
			syn, err := cell(pc, pc.Rank())
			if err != nil {
				return err
			}
			if err := pc.Model().Finitialize(-65); err != nil {
				return err
			}
			pc.GidConnect(1-pc.Rank(), syn, 0.01, 1)
			return pc.Model().ContinueRun(5)
		}, "gids or connections changed since Finitialize"},
		{"delay shortened after finitialize", func(pc *sim.ParallelContext) error {
			syn, err := cell(pc, pc.Rank())
			if err != nil {
				return err
			}
			ic, _ := iclamp.New(pc.Model(), pc.Model().Section(fmt.Sprintf("soma%d", pc.Rank())).At(0.5))
			ic.Set(iclamp.Amp, 1)
			ic.Set(iclamp.Dur, 100)
			nc, _ := pc.GidConnect(1-pc.Rank(), syn, 0.01, 5)
			if err := pc.Model().Finitialize(-65); err != nil {
				return err
			}
			nc.Delay = 0.1
			return pc.Model().ContinueRun(20)
		}, "the delay is shorter than the exchange interval (5 ms)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := sim.RunRanks(2, tc.body)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant an error with %q", err, tc.want)
			}
		})
	}
}

// TestGidSpikesRecorded: a GidConnect NetCon records the spikes of its
// gid as the exchange brings them, at the times they fired.
func TestGidSpikesRecorded(t *testing.T) {
	err := sim.RunRanks(2, func(pc *sim.ParallelContext) error {
		m := pc.Model()
		pc.SetGid2Node(0, 0)
		if pc.Rank() == 0 {
			ns, _ := newRingStim(m)
			nc, _ := m.NewNetCon(ns, nil, 0, 1)
			pc.Cell(0, nc)
		}
		var rec *sim.Vector
		if pc.Rank() == 1 {
			soma, _ := m.NewSection("soma")
			soma.Insert(pas.Mechanism())
			syn, _ := expsyn.New(m, soma.At(0.5))
			nc, _ := pc.GidConnect(0, syn, 0.01, 3)
			rec = nc.RecordSpikes()
		}
		if err := m.Err(); err != nil {
			return err
		}
		if err := m.Run(-65, 50); err != nil {
			return err
		}
		if got := pc.MinDelay(); got != 3 {
			return fmt.Errorf("min delay %g, want 3", got)
		}
		if rec != nil {
			want := []float64{12, 22, 32, 42}
			if got := rec.Values(); !slices.EqualFunc(got, want, func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }) {
				return fmt.Errorf("gid 0's spikes recorded at %v, want %v", got, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
