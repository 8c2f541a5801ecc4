package scenario

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/nmodlgo/nmodlgo/sim"
)

// rankPart is what one rank of RunRanks builds: whole cells, whose spike
// sources have gids.
type rankPart struct {
	pc   *sim.ParallelContext
	keep map[string]bool // the sections of the rank's cells
	gids map[string]int  // a NetCon source's section → its gid
	rank map[string]int  // a section → the rank of its cell
}

// has reports whether the section is built: on every section without a
// part.
func (p *rankPart) has(section string) bool { return p == nil || p.keep[section] }

// connectGids makes the scenario's NetCons on a rank: each source's
// detector is the spike source of its gid on the rank of its cell, and
// each NetCon, on its target's rank, listens to that gid. A detector's
// threshold is set by the NetCons from it in their order, as in one
// model.
func (s *Scenario) connectGids(m *sim.Model, pps map[string]*sim.PointProcess, part *rankPart) error {
	pc := part.pc
	for sec, gid := range part.gids {
		if err := pc.SetGid2Node(gid, part.rank[sec]); err != nil {
			return err
		}
	}
	sources := map[int]*sim.NetCon{}
	for i, cs := range s.NetCons {
		at := fmt.Sprintf("netcons[%d]", i)
		gid := part.gids[cs.Source.Section]
		if part.has(cs.Source.Section) {
			src := sources[gid]
			if src == nil {
				var err error
				if src, err = m.NewNetConFromV(m.Section(cs.Source.Section).At(cs.Source.X), nil, 0, 1); err != nil {
					return s.errorf(at, "%v", err)
				}
				if err := pc.Cell(gid, src); err != nil {
					return s.errorf(at, "%v", err)
				}
				sources[gid] = src
			}
			if cs.Threshold != nil {
				if err := src.SetThreshold(*cs.Threshold); err != nil {
					return s.errorf(at, "%v", err)
				}
			}
		}
		if target := pps[cs.Target]; target != nil {
			if _, err := pc.GidConnect(gid, target, cs.Weight, cs.Delay); err != nil {
				return s.errorf(at, "%v", err)
			}
		}
	}
	return nil
}

// CanRunOnRanks returns nil if RunRanks can run the scenario on ranks
// with the trace Run gives, to the bit, or why not. It needs at least as
// many cells as ranks; NetCons only from v, at one place of a section,
// with delays of a step or more, to mechanisms that send themselves no
// events; every mechanism's instances independent (sim's
// CellsSeparable); and none of NetStims, plays, POINTERs, FUNCTION_TABLEs,
// setup calls, a recording interval, a morphology or an axon velocity.
// With those, a NetCon's event can fall at the time of no other event at
// its target, so delivering it through the exchange, later than one
// model would send it, cannot change the order of two.
func (bm *Model) CanRunOnRanks(ranks int) error {
	s := bm.Scenario
	for _, f := range []struct {
		has  bool
		what string
	}{
		{s.Morphology != nil, "a morphology (one cell)"}, {len(s.NetStims) > 0, "NetStims"},
		{len(s.Play) > 0, "play"}, {len(s.Pointers) > 0, "pointers"},
		{len(s.FunctionTables) > 0, "function_tables"}, {len(s.SetupCalls) > 0, "setup_calls"},
		{s.RecordInterval > 0, "record_interval"}, {s.AxonVelocity != nil, "axon_velocity"},
		{len(s.Randoms) > 0, "randoms"}, {len(s.Vectors) > 0, "vectors"},
		{slices.ContainsFunc(s.PointProcesses, func(p PointProcess) bool { return p.Section == "" }), "artificial cells"},
	} {
		if f.has {
			return fmt.Errorf("the scenario has %s", f.what)
		}
	}
	if err := bm.CellsSeparable(); err != nil {
		return err
	}
	if cells := len(s.cells()); cells < ranks {
		return fmt.Errorf("%d cells for %d ranks", cells, ranks)
	}
	at := map[string]float64{}
	for _, cs := range s.NetCons {
		src := cs.Source
		if src.ID != "" {
			return errors.New("a NetCon from a NetStim or a point process")
		}
		if x, ok := at[src.Section]; ok && x != src.X || !(src.X > 0 && src.X < 1) {
			return fmt.Errorf("NetCons from %s at x = %g (one place per section, inside it)", src.Section, src.X)
		}
		at[src.Section] = src.X
		if math.Floor(cs.Delay/s.Run.Dt+1e-9) < 1 {
			return fmt.Errorf("a NetCon's delay, %g ms, is less than dt", cs.Delay)
		}
	}
	for _, sp := range s.Spikes {
		if sp.Source.ID != "" {
			return errors.New("spikes of a NetStim or a point process")
		}
	}
	pps := map[string]string{}
	for _, ps := range s.PointProcesses {
		pps[ps.ID] = ps.Name
	}
	for _, mech := range bm.mechs {
		for _, cs := range s.NetCons {
			if mech.Info.SelfEvents && pps[cs.Target] == mech.Info.Name {
				return fmt.Errorf("NetCons to %s, which sends itself events", mech.Info.Name)
			}
		}
	}
	return nil
}

// cells returns the scenario's cells, each as its sections' names, in
// the order of their root sections.
func (s *Scenario) cells() [][]string {
	parent := map[string]string{}
	for _, ss := range s.Sections {
		if ss.Parent != nil {
			parent[ss.Name] = *ss.Parent
		}
	}
	root := func(name string) string {
		for n := 0; n <= len(s.Sections); n++ { // a cycle is the model's error
			p, ok := parent[name]
			if !ok {
				break
			}
			name = p
		}
		return name
	}
	index := map[string]int{}
	var cells [][]string
	for _, ss := range s.Sections {
		if ss.Parent == nil {
			index[ss.Name] = len(cells)
			cells = append(cells, nil)
		}
	}
	for _, ss := range s.Sections {
		if c, ok := index[root(ss.Name)]; ok { // else on a morphology's cell
			cells[c] = append(cells[c], ss.Name)
		}
	}
	return cells
}

// partition gives each rank consecutive cells of about the same number
// of segments, and each NetCon source a gid, in the order of first use,
// which is the order in which one model's detectors check them.
func (s *Scenario) partition(ranks int) []*rankPart {
	nseg := map[string]int{}
	total := 0
	for _, ss := range s.Sections {
		nseg[ss.Name] = ss.Nseg + 1
		total += ss.Nseg + 1
	}
	parts := make([]*rankPart, ranks)
	for r := range parts {
		parts[r] = &rankPart{keep: map[string]bool{}, gids: map[string]int{}, rank: map[string]int{}}
	}
	cells := s.cells()
	r, done := 0, 0
	for c, cell := range cells {
		// Leave at least a cell for each rank after this one.
		for r < ranks-1 && (done >= total*(r+1)/ranks || len(cells)-c <= ranks-1-r) && len(parts[r].keep) > 0 {
			r++
		}
		for _, sec := range cell {
			parts[r].keep[sec] = true
			done += nseg[sec]
		}
	}
	gids, rank := map[string]int{}, map[string]int{}
	for r, p := range parts {
		for sec := range p.keep {
			rank[sec] = r
		}
	}
	for _, cs := range s.NetCons {
		if _, ok := gids[cs.Source.Section]; !ok {
			gids[cs.Source.Section] = len(gids)
		}
	}
	for _, p := range parts {
		p.gids, p.rank = gids, rank
	}
	return parts
}

// RunRanks is RunContext on ranks models, each of whole cells and on
// threads threads (0: its share of the CPUs), that exchange spikes
// (sim.RunRanks); progress is called by the first. The trace is the one
// RunContext gives, to the bit, when CanRunOnRanks says so; otherwise it
// returns that error before running. A run stopped through ctx returns
// the rows that every rank recorded, with the error.
func (bm *Model) RunRanks(ctx context.Context, ranks, threads int, progress func(t float64)) (*Trace, error) {
	s := bm.Scenario
	if err := bm.CanRunOnRanks(ranks); err != nil {
		return nil, fmt.Errorf("scenario %s: cannot run on %d ranks: %w", s.Name, ranks, err)
	}
	parts := s.partition(ranks)
	tr := &Trace{Columns: bm.Columns, Data: make([][]float64, len(bm.Columns))}
	tr.Spikes = make([]Spikes, len(s.Spikes))
	for i, sp := range s.Spikes {
		tr.Spikes[i].Name = sp.Name
	}
	var mu sync.Mutex
	rows := math.MaxInt
	err := sim.RunRanks(ranks, func(pc *sim.ParallelContext) error {
		part := parts[pc.Rank()]
		part.pc = pc
		rm, err := s.build(pc.Model(), bm.mechs, part)
		if err != nil {
			return err
		}
		if threads > 0 {
			rm.Threads = threads
		}
		report := progress
		if pc.Rank() != 0 {
			report = nil
		}
		got, err := rm.RunContext(ctx, report)
		if got == nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		rows = min(rows, got.Rows())
		if pc.Rank() == 0 {
			tr.Data[0] = got.Data[0]
		}
		for i, rec := range rm.records {
			tr.Data[1+rec] = got.Data[1+i]
		}
		for i, sp := range rm.spikeRecords {
			tr.Spikes[sp].Times = got.Spikes[i].Times
		}
		return err
	})
	if err != nil && ctx.Err() == nil {
		return nil, err // each rank's names the scenario
	}
	if rows == math.MaxInt {
		return nil, err
	}
	for i := range tr.Data {
		tr.Data[i] = tr.Data[i][:rows]
	}
	return tr, err
}

// minSegmentsPerRank is the least work worth a rank of its own.
const minSegmentsPerRank = 250

// Ranks is how many ranks a run on threads threads (0: one per CPU) is
// best split into: one per thread (at most one per cell) when the cells
// can run apart (CanRunOnRanks) with a few hundred segments or more each;
// otherwise 1, one model whose threads share each step.
func (bm *Model) Ranks(threads int) int {
	if threads == 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	segments := 0
	for _, ss := range bm.Scenario.Sections {
		segments += ss.Nseg
	}
	ranks := min(threads, segments/minSegmentsPerRank, len(bm.Scenario.cells()))
	if ranks < 2 || bm.CanRunOnRanks(ranks) != nil {
		return 1
	}
	return ranks
}
