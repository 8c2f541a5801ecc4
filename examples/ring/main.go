// Command ring is NEURON's performance anchor P4 — 100 cells, each an hh
// soma and a 50-segment passive dendrite, in a ring of ExpSyn synapses
// (i -> i+1, weight 0.05 µS) with links i -> i+37 (0.01 µS), all with
// delay 1 ms, and a 1 nA kick to cell 0 — written as NEURON's
// ParallelContext scripts are: every rank runs the same code, makes the
// cells whose gids it owns (gid i on rank i mod ranks) and connects their
// synapses to the other cells by gid. Between spike exchanges, every
// 1 ms, each rank runs on its own.
//
//	go run ./examples/ring [-ranks n] [-tstop ms] [-o trace.csv] [-spikes spikes.csv]
//
// The ranks are goroutines (sim.RunRanks); the same code would run on MPI
// ranks with an MPI sim.Transport. The trace is the same, to the bit, for
// every number of ranks, and NEURON's (the scenario
// tests/testdata/perf/P4_ring100, made by NEURON with plain NetCons).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/nmodlgo/nmodlgo/generated/expsyn"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/sim"
)

// ncell is the number of cells in the ring.
const ncell = 100

func main() {
	ranks := flag.Int("ranks", runtime.GOMAXPROCS(0), "run on `n` ranks")
	tstop := flag.Float64("tstop", 100, "run to `ms`")
	out := flag.String("o", "", "write the trace (CSV) to `file` instead of standard output")
	spikes := flag.String("spikes", "", "write every cell's spikes (CSV: name,t) to `file`")
	flag.Parse()
	if err := mainErr(*ranks, *tstop, *out, *spikes); err != nil {
		fmt.Fprintln(os.Stderr, "ring:", err)
		os.Exit(1)
	}
}

func mainErr(ranks int, tstop float64, out, spikes string) error {
	tr, err := run(ranks, tstop)
	if err != nil {
		return err
	}
	w := io.Writer(os.Stdout)
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := tr.WriteCSV(w); err != nil {
		return err
	}
	if spikes != "" {
		f, err := os.Create(spikes)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := tr.WriteSpikesCSV(f); err != nil {
			return err
		}
	}
	return nil
}

// cell is one cell of the ring.
type cell struct {
	soma, dend *sim.Section
	syn        *sim.PointProcess
}

func newCell(m *sim.Model, i int) *cell {
	soma, _ := m.NewSection(fmt.Sprintf("s%d", i))
	soma.SetL(20)
	soma.SetDiam(20)
	soma.Insert(hh.Mechanism())
	dend, _ := m.NewSection(fmt.Sprintf("d%d", i))
	dend.SetL(500)
	dend.SetDiam(2)
	dend.SetNseg(50)
	dend.Insert(pas.Mechanism())
	dend.Set(pas.G, 1e-4)
	dend.Set(pas.E, -65)
	dend.Connect(soma, 1)
	syn, _ := expsyn.New(m, dend.At(0.1))
	syn.Set(expsyn.Tau, 2)
	syn.Set(expsyn.E, 0)
	return &cell{soma, dend, syn}
}

// build makes the rank's part of the ring: its cells, each the spike
// source of its gid (threshold 0 mV at the soma), and its synapses'
// connections from the cells before them in the ring and 37 before.
func build(pc *sim.ParallelContext) map[int]*cell {
	m := pc.Model()
	cells := map[int]*cell{}
	for gid := range ncell {
		pc.SetGid2Node(gid, gid%pc.Size())
		if gid%pc.Size() != pc.Rank() {
			continue
		}
		c := newCell(m, gid)
		cells[gid] = c
		nc, _ := m.NewNetConFromV(c.soma.At(0.5), nil, 0, 1)
		nc.SetThreshold(0)
		pc.Cell(gid, nc)
		if gid == 0 {
			stim, _ := iclamp.New(m, c.soma.At(0.5))
			stim.Set(iclamp.Del, 1)
			stim.Set(iclamp.Dur, 1)
			stim.Set(iclamp.Amp, 1)
		}
	}
	for gid, c := range cells {
		pc.GidConnect((gid+ncell-1)%ncell, c.syn, 0.05, 1)
		pc.GidConnect((gid+ncell-37)%ncell, c.syn, 0.01, 1)
	}
	return cells
}

// column is one recorded quantity: the cell it is on and where.
type column struct {
	name string
	gid  int
	ref  func(c *cell) sim.Ref
}

// columns are those of the scenario P4_ring100.
var columns = []column{
	{"s0_v", 0, somaV}, {"s1_v", 1, somaV}, {"s37_v", 37, somaV}, {"s99_v", 99, somaV},
	{"d50_v", 50, func(c *cell) sim.Ref { return c.dend.At(0.1).Ref("v") }},
	{"syn50_g", 50, func(c *cell) sim.Ref { return c.syn.Ref("g") }},
}

func somaV(c *cell) sim.Ref { return c.soma.At(0.5).Ref("v") }

// run runs the ring on the ranks to tstop and returns the columns and
// every cell's spikes.
func run(ranks int, tstop float64) (*scenario.Trace, error) {
	tr := &scenario.Trace{Columns: []string{"t"}, Data: make([][]float64, 1+len(columns))}
	for _, col := range columns {
		tr.Columns = append(tr.Columns, col.name)
	}
	spikes := make([][]float64, ncell)
	var mu sync.Mutex
	err := sim.RunRanks(ranks, func(pc *sim.ParallelContext) error {
		m := pc.Model()
		cells := build(pc)
		vecs := map[int]*sim.Vector{}
		if pc.Rank() == 0 {
			vecs[0], _ = m.Record(m.TimeRef())
		}
		for i, col := range columns {
			if c := cells[col.gid]; c != nil {
				vecs[i+1], _ = m.Record(col.ref(c))
			}
		}
		if err := m.Err(); err != nil {
			return err
		}
		if err := m.Run(-65, tstop); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for i, v := range vecs {
			tr.Data[i] = v.Values()
		}
		for _, s := range pc.Spikes() {
			spikes[s.Gid] = append(spikes[s.Gid], s.T)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for gid, times := range spikes {
		tr.Spikes = append(tr.Spikes, scenario.Spikes{Name: fmt.Sprintf("s%d", gid), Times: times})
	}
	return tr, nil
}
