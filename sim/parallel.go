package sim

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// Spike is one spike of a cell with a global id (gid): what the ranks of
// a parallel run exchange.
type Spike struct {
	Gid int
	T   float64 // ms
}

// Transport carries what the ranks of a parallel run exchange. It is
// MPI's Allgatherv, which NEURON's spike exchange uses, so that one
// implementation can join goroutines of one process (RunRanks) and
// another processes on many machines.
//
// Every rank calls Allgather the same number of times, in the same
// order: at each Finitialize (the gids each rank owns and wants, its dt
// and least delay), and once every exchange interval of a run (the
// spikes since the last). A rank that stops early must make the others'
// calls fail, not wait for ever: RunRanks does so when a rank's function
// returns.
type Transport interface {
	Rank() int // this rank, 0 to Size()-1
	Size() int
	// Allgather sends local to every rank and returns what each rank
	// sent, indexed by rank. It may keep no reference to local.
	Allgather(local []byte) ([][]byte, error)
}

// ParallelContext joins a model, one rank of a network, to the models of
// the other ranks, as NEURON's ParallelContext: cells have global ids
// (gids), a NetCon may listen to a gid on any rank (GidConnect), and
// spikes pass between ranks once every exchange interval, the least
// delay of those NetCons rounded down to whole steps. Between exchanges
// each rank runs on its own, so ranks in goroutines use the cores with
// no lockstep per step.
//
// The trace is the same, to the bit, for every number of ranks: a
// spike reaches the NetCons of GidConnect only through the exchange,
// also on its own rank, and the spikes of an interval are delivered in
// the order of their times, then gids (for a rank, in the order its
// NetCons were made). A model run on one rank gives NEURON's trace of
// the same network with plain NetCons when the cells' gids follow the
// order in which NEURON's detectors check them (the order in which their
// first NetCons were made).
//
// Make the gids' cells and connections, then call the model's
// Finitialize and ContinueRun (or Run) on every rank, with the same dt
// and tstop: they exchange at Finitialize and during the run.
type ParallelContext struct {
	m       *Model
	tr      Transport
	mine    map[int]bool      // gids set to this rank (SetGid2Node)
	out     map[any]int       // the spike source (*detector or *instance) of each gid of Cell
	outGids map[int]bool      // and those gids
	in      map[int]*gidInput // the GidConnect NetCons by the gid they listen to
	maxStep float64

	// Set by Finitialize.
	interval int     // steps between exchanges; 0: no GidConnect anywhere
	steps    int     // since Finitialize
	stale    bool    // gids or connections changed since
	outbox   []Spike // this rank's spikes since the last exchange
	spikes   []Spike // and since Finitialize
}

// gidInput is what listens on a rank to a gid: its NetCons in creation
// order and the record of its spikes (NetCon.RecordSpikes), or nil.
type gidInput struct {
	netcons []*NetCon
	spikes  *Vector
}

// NewParallelContext joins m to the other ranks through tr. A model has
// at most one.
func NewParallelContext(m *Model, tr Transport) (*ParallelContext, error) {
	switch {
	case m == nil || tr == nil:
		return nil, errors.New("new parallel context: the model and the transport must not be nil")
	case m.pc != nil:
		return nil, errors.New("new parallel context: the model already has one")
	case tr.Size() < 1 || tr.Rank() < 0 || tr.Rank() >= tr.Size():
		return nil, fmt.Errorf("new parallel context: rank %d of %d is not a rank", tr.Rank(), tr.Size())
	}
	pc := &ParallelContext{m: m, tr: tr, mine: map[int]bool{}, out: map[any]int{}, outGids: map[int]bool{},
		in: map[int]*gidInput{}, maxStep: math.Inf(1)}
	m.pc = pc
	return pc, nil
}

// errNilParallelContext is the error of a method called on a nil
// *ParallelContext.
var errNilParallelContext = errors.New("the ParallelContext is nil: NewParallelContext failed")

// Model is the rank's model (nil for a nil ParallelContext).
func (pc *ParallelContext) Model() *Model {
	if pc == nil {
		return nil
	}
	return pc.m
}

// Rank is this rank's number, 0 to Size()-1 (NEURON's pc.id()).
func (pc *ParallelContext) Rank() int {
	if pc == nil {
		return 0
	}
	return pc.tr.Rank()
}

// Size is the number of ranks (NEURON's pc.nhost()); 0 for a nil
// ParallelContext.
func (pc *ParallelContext) Size() int {
	if pc == nil {
		return 0
	}
	return pc.tr.Size()
}

// SetGid2Node says that gid's cell is on rank (NEURON's
// pc.set_gid2node); every rank may say it of every gid, and only the
// rank named keeps it.
func (pc *ParallelContext) SetGid2Node(gid, rank int) (err error) {
	if pc == nil {
		return errNilParallelContext
	}
	defer pc.m.note(&err)
	if gid < 0 {
		return fmt.Errorf("set gid2node: gid must not be negative, got %d", gid)
	}
	if rank < 0 || rank >= pc.Size() {
		return fmt.Errorf("set gid2node: gid %d: rank %d is not one of 0 to %d", gid, rank, pc.Size()-1)
	}
	if rank == pc.Rank() {
		pc.mine[gid] = true
		pc.stale = true
	}
	return nil
}

// Cell makes the source of nc (a spike detector on v, or a point process
// that calls net_event) the spike source of gid, which must have been set
// to this rank (NEURON's pc.cell(gid, nc)). nc may have no target.
func (pc *ParallelContext) Cell(gid int, nc *NetCon) (err error) {
	if pc == nil {
		return errNilParallelContext
	}
	defer pc.m.note(&err)
	var src any
	switch {
	case nc == nil:
		return fmt.Errorf("cell %d: %w", gid, errNilNetCon)
	case nc.m != pc.m:
		return fmt.Errorf("cell %d: the NetCon belongs to another model", gid)
	case !pc.mine[gid]:
		return fmt.Errorf("cell %d: gid %d is not set to this rank (%d); call SetGid2Node first", gid, gid, pc.Rank())
	case pc.outGids[gid]:
		return fmt.Errorf("cell %d: gid %d already has a spike source", gid, gid)
	case nc.det != nil:
		src = nc.det
	case nc.source != nil:
		src = nc.source
	default:
		return fmt.Errorf("cell %d: the NetCon listens to gid %d, it is no spike source", gid, nc.srcGid)
	}
	if g, ok := pc.out[src]; ok {
		return fmt.Errorf("cell %d: the NetCon's source is already the source of gid %d", gid, g)
	}
	pc.out[src] = gid
	pc.outGids[gid] = true
	pc.stale = true
	return nil
}

// GidConnect makes a NetCon from gid, whose cell may be on any rank, to
// target on this one (NEURON's pc.gid_connect). Its delay must be at
// least dt: spikes reach it through the exchange.
func (pc *ParallelContext) GidConnect(gid int, target *PointProcess, weight, delay float64) (_ *NetCon, err error) {
	if pc == nil {
		return nil, errNilParallelContext
	}
	defer pc.m.note(&err)
	if gid < 0 {
		return nil, fmt.Errorf("gid connect: gid must not be negative, got %d", gid)
	}
	if target == nil {
		return nil, fmt.Errorf("gid connect %d: %w", gid, errNilPointProcess)
	}
	nc, err := pc.m.newNetCon(&NetCon{srcGid: gid}, target, weight, delay)
	if err != nil {
		return nil, fmt.Errorf("gid connect %d: %w", gid, err)
	}
	gi := pc.in[gid]
	if gi == nil {
		gi = &gidInput{}
		pc.in[gid] = gi
	}
	gi.netcons = append(gi.netcons, nc)
	pc.stale = true
	return nc, nil
}

// SetMaxStep bounds the exchange interval by ms (NEURON's
// pc.set_maxstep); the least over the ranks counts. Without it, the
// interval is the least delay of the GidConnect NetCons.
func (pc *ParallelContext) SetMaxStep(ms float64) (err error) {
	if pc == nil {
		return errNilParallelContext
	}
	defer pc.m.note(&err)
	if !(ms > 0) {
		return fmt.Errorf("set maxstep: must be a positive number of ms, got %g", ms)
	}
	pc.maxStep = ms
	pc.stale = true
	return nil
}

// MinDelay is the exchange interval in ms found by the last Finitialize:
// the least delay of every rank's GidConnect NetCons and max step,
// rounded down to whole steps; +Inf when no rank has such a NetCon.
func (pc *ParallelContext) MinDelay() float64 {
	if pc == nil || pc.interval == 0 {
		return math.Inf(1)
	}
	return float64(pc.interval) * pc.m.Dt
}

// Spikes returns the spikes of this rank's gids since the last
// Finitialize, in the order they fired (NEURON's pc.spike_record(-1,
// tvec, idvec)): for a detector on v, t + 1e-10 at the start of the step
// in which v is first seen above threshold, as NetCon.RecordSpikes.
func (pc *ParallelContext) Spikes() []Spike {
	if pc == nil {
		return nil
	}
	return slices.Clone(pc.spikes)
}

// fired is called when the source of a spike fires at t: if it is a
// gid's source, the spike waits for the next exchange.
func (pc *ParallelContext) fired(src any, t float64) {
	if gid, ok := pc.out[src]; ok {
		s := Spike{Gid: gid, T: t}
		pc.outbox = append(pc.outbox, s)
		pc.spikes = append(pc.spikes, s)
	}
}

// init is the exchange at Finitialize: every rank learns the others'
// gids, dt and least delay, and every rank checks the whole network
// alike, so that an error stops them all.
func (pc *ParallelContext) init() error {
	pc.steps, pc.outbox, pc.spikes, pc.stale = 0, pc.outbox[:0], nil, false
	minDelay := pc.maxStep
	var wants []int
	for gid, gi := range pc.in {
		for _, nc := range gi.netcons {
			minDelay = min(minDelay, nc.Delay)
		}
		wants = append(wants, gid)
	}
	slices.Sort(wants) // so that every rank words an error alike
	msg := setupMsg{dt: pc.m.Dt, minDelay: minDelay, has: sortedKeys(pc.outGids), wants: wants}
	all, err := pc.tr.Allgather(msg.encode())
	if err != nil {
		return fmt.Errorf("parallel context: %w", err)
	}
	if len(all) != pc.Size() {
		return fmt.Errorf("parallel context: the transport returned %d messages for %d ranks", len(all), pc.Size())
	}
	owner := map[int]int{}
	ranks := make([]setupMsg, len(all))
	for r, b := range all {
		if err := ranks[r].decode(b); err != nil {
			return fmt.Errorf("parallel context: from rank %d: %w", r, err)
		}
		msg := &ranks[r]
		if msg.dt != ranks[0].dt {
			return fmt.Errorf("parallel context: rank %d has dt = %g ms, rank 0 %g: every rank must step alike", r, msg.dt, ranks[0].dt)
		}
		minDelay = min(minDelay, msg.minDelay)
		for _, gid := range msg.has {
			if o, ok := owner[gid]; ok {
				return fmt.Errorf("parallel context: gid %d is a cell on rank %d and on rank %d", gid, o, r)
			}
			owner[gid] = r
		}
	}
	for r := range ranks {
		for _, gid := range ranks[r].wants {
			if _, ok := owner[gid]; !ok {
				return fmt.Errorf("parallel context: rank %d connects to gid %d (GidConnect), but no rank has a cell with that gid (SetGid2Node and Cell)", r, gid)
			}
		}
	}
	pc.interval = 0
	if !math.IsInf(minDelay, 1) {
		// NEURON's usable_mindelay_: whole steps, with its slack for
		// delays that are multiples of dt.
		pc.interval = int(math.Floor(minDelay/pc.m.Dt + 1e-9))
		if pc.interval < 1 {
			return fmt.Errorf("parallel context: the least delay of a NetCon between gids (or max step) is %g ms, less than dt = %g ms; spikes could not reach it in time", minDelay, pc.m.Dt)
		}
	}
	return nil
}

// afterStep exchanges the spikes at the end of every interval and
// schedules the deliveries to this rank's GidConnect NetCons.
func (pc *ParallelContext) afterStep() error {
	if pc.stale {
		return errors.New("parallel context: gids or connections changed since Finitialize; call Finitialize on every rank")
	}
	pc.steps++
	if pc.interval == 0 {
		pc.outbox = pc.outbox[:0] // no rank listens
		return nil
	}
	if pc.steps%pc.interval != 0 {
		return nil
	}
	all, err := pc.tr.Allgather(encodeSpikes(pc.outbox))
	pc.outbox = pc.outbox[:0]
	if err != nil {
		return fmt.Errorf("parallel context: spike exchange at t = %g ms: %w", pc.m.ctx.T, err)
	}
	var spikes []Spike
	for r, b := range all {
		var err error
		if spikes, err = decodeSpikes(spikes, b); err != nil {
			return fmt.Errorf("parallel context: spikes from rank %d: %w", r, err)
		}
	}
	slices.SortFunc(spikes, func(a, b Spike) int {
		return cmp.Or(cmp.Compare(a.T, b.T), cmp.Compare(a.Gid, b.Gid))
	})
	now := pc.m.ctx.T
	for _, s := range spikes {
		gi := pc.in[s.Gid]
		if gi == nil {
			continue
		}
		if gi.spikes != nil {
			gi.spikes.data = append(gi.spikes.data, s.T)
		}
		for _, nc := range gi.netcons {
			te := s.T + nc.Delay
			if te <= now {
				// Delivered late, the trace would be wrong: a delay was
				// shortened after Finitialize.
				return fmt.Errorf("parallel context: a spike of gid %d at t = %g ms reached a NetCon with delay %g ms at the exchange at t = %g ms, after it was due; the delay is shorter than the exchange interval (%g ms) found at Finitialize", s.Gid, s.T, nc.Delay, now, pc.MinDelay())
			}
			if nc.target != nil {
				pc.m.schedule(event{t: te, target: nc.target, weight: nc.Weight})
			}
		}
	}
	return nil
}

// setupMsg is what a rank says of itself at Finitialize.
type setupMsg struct {
	dt, minDelay float64
	has, wants   []int // gids
}

func (s *setupMsg) encode() []byte {
	b := binary.LittleEndian.AppendUint64(nil, math.Float64bits(s.dt))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.minDelay))
	for _, gids := range [][]int{s.has, s.wants} {
		b = binary.LittleEndian.AppendUint64(b, uint64(len(gids)))
		for _, g := range gids {
			b = binary.LittleEndian.AppendUint64(b, uint64(g))
		}
	}
	return b
}

func (s *setupMsg) decode(b []byte) error {
	words, err := words(b)
	if err != nil {
		return err
	}
	if len(words) < 3 {
		return errors.New("setup message truncated")
	}
	s.dt, s.minDelay = math.Float64frombits(words[0]), math.Float64frombits(words[1])
	words = words[2:]
	for _, gids := range []*[]int{&s.has, &s.wants} {
		if len(words) == 0 || uint64(len(words)-1) < words[0] {
			return errors.New("setup message truncated")
		}
		n := int(words[0])
		for _, w := range words[1 : 1+n] {
			*gids = append(*gids, int(int64(w)))
		}
		words = words[1+n:]
	}
	return nil
}

// encodeSpikes writes spikes as pairs of little-endian words: gid, and
// the bits of t.
func encodeSpikes(spikes []Spike) []byte {
	b := make([]byte, 0, 16*len(spikes))
	for _, s := range spikes {
		b = binary.LittleEndian.AppendUint64(b, uint64(s.Gid))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.T))
	}
	return b
}

func decodeSpikes(spikes []Spike, b []byte) ([]Spike, error) {
	words, err := words(b)
	if err != nil || len(words)%2 != 0 {
		return spikes, fmt.Errorf("%d bytes are not whole spikes of 16", len(b))
	}
	for i := 0; i < len(words); i += 2 {
		spikes = append(spikes, Spike{Gid: int(int64(words[i])), T: math.Float64frombits(words[i+1])})
	}
	return spikes, nil
}

func words(b []byte) ([]uint64, error) {
	if len(b)%8 != 0 {
		return nil, fmt.Errorf("%d bytes are not whole words of 8", len(b))
	}
	w := make([]uint64, len(b)/8)
	for i := range w {
		w[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return w, nil
}

func sortedKeys(set map[int]bool) []int {
	keys := make([]int, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// RunRanks runs body on n ranks at once, each in a goroutine of its own
// with a new model joined to the others' by a ParallelContext, as n MPI
// ranks of NEURON run one script. Each model runs on GOMAXPROCS/n
// threads (at least one) unless body sets its Threads. When a body
// returns an error, the others' exchanges fail, so no rank waits for
// ever; RunRanks returns the errors of the ranks that failed first,
// each named by its rank.
func RunRanks(n int, body func(pc *ParallelContext) error) error {
	if n < 1 {
		return fmt.Errorf("run ranks: need at least one rank, got %d", n)
	}
	hub := &localHub{n: n, in: make([][]byte, n)}
	hub.cond = sync.NewCond(&hub.mu)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for r := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := runRank(r, hub, body)
			errs[r] = err
			hub.leave(r, err)
		}()
	}
	wg.Wait()
	var first []error
	for r, err := range errs {
		if err != nil && !errors.Is(err, errRankLeft) {
			first = append(first, fmt.Errorf("rank %d: %w", r, err))
		}
	}
	if len(first) == 0 { // only ranks that found others gone: say so
		for r, err := range errs {
			if err != nil {
				first = append(first, fmt.Errorf("rank %d: %w", r, err))
			}
		}
	}
	return errors.Join(first...)
}

// runRank is one rank of RunRanks; a panic in body is its error, not the
// process's end with the other ranks waiting.
func runRank(r int, hub *localHub, body func(pc *ParallelContext) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	m := NewModel()
	m.Threads = max(1, runtime.GOMAXPROCS(0)/hub.n)
	pc, err := NewParallelContext(m, &localTransport{hub: hub, rank: r})
	if err != nil {
		return err
	}
	return body(pc)
}

// errRankLeft is the error of an exchange that another rank has left.
var errRankLeft = errors.New("another rank stopped")

// localHub is the meeting point of RunRanks' ranks: Allgather waits
// until every rank has brought its message.
type localHub struct {
	mu      sync.Mutex
	cond    *sync.Cond
	n       int
	round   int      // rounds completed
	arrived int      // ranks in the current round
	in      [][]byte // the current round's messages
	out     [][]byte // the last round's
	gone    error    // set when a rank has left
}

func (h *localHub) leave(rank int, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gone == nil {
		why := "finished"
		if err != nil {
			why = "failed"
		}
		h.gone = fmt.Errorf("%w: rank %d %s while this one was still exchanging (do all ranks run to the same tstop?)", errRankLeft, rank, why)
		h.cond.Broadcast()
	}
}

type localTransport struct {
	hub  *localHub
	rank int
}

func (t *localTransport) Rank() int { return t.rank }
func (t *localTransport) Size() int { return t.hub.n }

func (t *localTransport) Allgather(local []byte) ([][]byte, error) {
	h := t.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gone != nil {
		return nil, h.gone
	}
	round := h.round
	h.in[t.rank] = slices.Clone(local)
	h.arrived++
	if h.arrived == h.n {
		h.out, h.in, h.arrived = h.in, make([][]byte, h.n), 0
		h.round++
		h.cond.Broadcast()
		return h.out, nil
	}
	for h.round == round && h.gone == nil {
		h.cond.Wait()
	}
	if h.round == round {
		return nil, h.gone
	}
	return h.out, nil
}

// CellsSeparable returns nil if the model's cells could run as models of
// their own (on ranks, RunRanks) with the trace they have together, or
// why not: a mechanism in use whose instances share what they assign
// during a run (not THREADSAFE, an artificial cell, a random stream or
// printf: the kernels that do not split among threads), or whose RANDOM
// streams are numbered across the model.
func (m *Model) CellsSeparable() error {
	for _, mt := range m.types {
		if len(mt.insts) == 0 {
			continue
		}
		if _, ok := mt.kernel.(mechimpl.Ranged); !ok {
			return fmt.Errorf("mechanism %s keeps values shared by its instances during a run (it is not THREADSAFE, is an artificial cell, draws random numbers or prints)", mt.info.Name)
		}
		if len(mt.info.Randoms) > 0 {
			return fmt.Errorf("mechanism %s has RANDOM variables, whose streams are numbered in the order the model makes its instances", mt.info.Name)
		}
	}
	return nil
}
