package sim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// NEURON's defaults (membdef.h).
const (
	DefaultL       = 100.0 // µm
	DefaultDiam    = 500.0 // µm
	DefaultRa      = 35.4  // Ω·cm
	DefaultCm      = 1.0   // µF/cm²
	DefaultDt      = 0.025 // ms
	DefaultCelsius = 6.3   // °C
	DefaultV       = -65.0 // mV
)

// Model is one simulation: its sections, mechanisms, ions, point processes,
// recordings and clock. The zero value is not usable; call NewModel.
type Model struct {
	// Dt is the time step in ms, Celsius the temperature in °C, and
	// SecondOrder 0 (backward Euler) or 2 (Crank–Nicolson, with ion
	// currents corrected), as NEURON's h.dt, h.celsius and h.secondorder.
	// They are read at Finitialize and at every step.
	Dt          float64
	Celsius     float64
	SecondOrder int
	// UseMCellRan4 is NEURON's use_mcell_ran4(1): scop_random, and so
	// normrand, exprand, poisrand and a NetStim's noise without a Random
	// of its own, draw from MCellRan4 (mcell_ran4a) on stream
	// MCellRan4Low (mcell_ran4_init), not from the linear congruential
	// generator. Read at Finitialize and at every step.
	UseMCellRan4 bool
	MCellRan4Low uint32
	// Threads is how many threads a run may use: 0 for one per CPU
	// (GOMAXPROCS), or one while that is faster (when other programs keep
	// the CPUs busy: threadTuner). A model too small to gain runs on one.
	// The trace is the same, to the bit, for every number.
	Threads int

	ctx           mechimpl.Context
	sections      []*Section
	sectionNamed  map[string]*Section
	types         []*mechType
	byName        map[string]*mechType
	ions          []*ionState
	points        []*PointProcess
	records       []*Vector // sampled after every step
	everyRecords  []*Vector // sampled every interval, by events
	plays         []*play
	netcons       []*NetCon
	detectors     []*detector
	baTypes       []*mechType // those with BEFORE/AFTER blocks, in registration order
	watches       []*watch    // active WATCH conditions, in activation order
	receiveCall   int         // counts NET_RECEIVE calls, for Watch
	randomStreams int         // the RANDOM streams made, for the next one's id
	events        eventQueue
	eventSeq      int
	plan          *plan // how a step is split among threads, or nil
	pool          *pool // the threads of the run under way, or nil
	// serial: the tuner (Threads 0) has the run on one thread for now;
	// threadsUsed is the most threads a step of the last run used.
	serial      bool
	tuner       threadTuner
	threadsUsed int
	pc          *ParallelContext // the model's, or nil

	dirty       bool  // structure changed since the last tree build
	layouts     int   // tree builds so far, to tell a layout from the last
	initialized bool  // Finitialize has run (and no kernel has failed since)
	rebind      bool  // recordings, plays or detectors must find their variables again
	err         error // the first error a method returned (Err)
	setupErr    error // the first error of a call that builds the model, which stops runs

	// The tree, in node order: roots first, then each section's centres
	// and its x = 1 end; parent[i] < i for every non-root node.
	nroot  int
	parent []int
	cells  [][2]int // the other nodes of root i's tree: cells[i], as [lo, hi)
	// The children of node p are kids[firstKid[p]:firstKid[p+1]], in
	// ascending order (axialEliminate).
	firstKid, kids []int
	a, b           []float64 // axial coefficients to and from the parent
	rinv           []float64 // 1/ri per node (µS), for Segment.Ri
	cm             []float64 // µF/cm² per node, 0 at the ends
}

// NewModel returns an empty model with NEURON's defaults.
func NewModel() *Model {
	return &Model{
		Dt:           DefaultDt,
		Celsius:      DefaultCelsius,
		byName:       map[string]*mechType{},
		sectionNamed: map[string]*Section{},
		dirty:        true,
	}
}

// Err returns the first error that any method of the model, or of its
// sections, segments, point processes or NetCons, has returned since the
// model was made or ClearErr was called (a run stopped through its
// context excepted). A program may build a model without checking every
// call and check Err once: Finitialize, ContinueRun and Fadvance refuse
// to run a model that a call failed to build, so an error ignored is
// never a run of a model other than the one written.
func (m *Model) Err() error { return m.err }

// ClearErr forgets the model's errors, for a program that has handled
// them (tried a value, got an error, set another).
func (m *Model) ClearErr() { m.err, m.setupErr = nil, nil }

// note keeps *err as the model's error if it is the first, and as the
// error that stops runs.
func (m *Model) note(err *error) {
	if *err != nil && m.setupErr == nil {
		m.setupErr = *err
	}
	m.noteRun(err)
}

// noteRun keeps the error of a run as the model's error if it is the
// first; a run stopped through its context is not an error of the model.
func (m *Model) noteRun(err *error) {
	if *err != nil && m.err == nil && !errors.Is(*err, context.Canceled) && !errors.Is(*err, context.DeadlineExceeded) {
		m.err = *err
	}
}

// The errors of methods called on nil, as they are when the call that
// should have made the object failed: that error is the model's Err.
var (
	errNilSection      = errors.New("the section is nil: the call that made it failed (see Model.Err)")
	errNilPointProcess = errors.New("the point process is nil: the call that made it failed (see Model.Err)")
	errNilNetCon       = errors.New("the NetCon is nil: the call that made it failed (see Model.Err)")
)

// T returns the simulation time in ms.
func (m *Model) T() float64 { return m.ctx.T }

// changed marks the structure changed: the tree is laid out again before
// the next step, keeping the values of what was there (NEURON's
// tree_changed and v_structure_change), and a run goes on from where it
// was, as NEURON's does.
func (m *Model) changed() {
	m.dirty = true
	m.rebind = true
}

// refresh lays the tree out again if the structure changed, and finds
// again what recordings, plays and spike detectors point at, keeping what
// they hold (NEURON's playrec_setup after a structure change).
func (m *Model) refresh() error {
	if !m.rebind && !m.dirty {
		return nil
	}
	if err := m.build(); err != nil {
		return err
	}
	for _, r := range append(m.records, m.everyRecords...) {
		if r.live {
			if err := r.bind(); err != nil {
				return err
			}
		}
	}
	for _, p := range m.plays {
		if err := p.bind(); err != nil {
			return err
		}
	}
	for _, d := range m.detectors {
		d.node = d.seg.node()
	}
	m.rebind = false
	return nil
}

// NewSection creates a root section with NEURON's default geometry
// (L 100 µm, diam 500 µm, Ra 35.4 Ω·cm, cm 1 µF/cm², nseg 1).
func (m *Model) NewSection(name string) (_ *Section, err error) {
	defer m.note(&err)
	if name == "" || strings.ContainsAny(name, " \t\n()") {
		return nil, fmt.Errorf("new section: invalid name %q", name)
	}
	if m.Section(name) != nil {
		return nil, fmt.Errorf("new section: a section named %q already exists", name)
	}
	s := &Section{model: m, name: name, l: DefaultL, segDiam: []float64{DefaultDiam}, ra: DefaultRa, cm: DefaultCm, nseg: 1}
	m.sections = append(m.sections, s)
	m.sectionNamed[name] = s
	m.changed()
	return s, nil
}

// Section returns the section called name, or nil.
func (m *Model) Section(name string) *Section { return m.sectionNamed[name] }

// Sections returns all sections in creation order.
func (m *Model) Sections() []*Section { return append([]*Section(nil), m.sections...) }

// Register makes mechanism types known to the model by name, so that
// InsertByName, NewPointProcessByName and SetGlobal can find them. Types
// are also registered on first use. Their order is the order in which
// their currents are summed at a node.
func (m *Model) Register(mechs ...Mechanism) (err error) {
	defer m.note(&err)
	for _, mech := range mechs {
		if _, err := m.register(mech); err != nil {
			return err
		}
	}
	return nil
}

func (m *Model) register(mech Mechanism) (*mechType, error) {
	if mech.Info == nil || mech.New == nil {
		return nil, fmt.Errorf("register: mechanism has no description (not made by nmodlgo?)")
	}
	if mt, ok := m.byName[mech.Info.Name]; ok {
		if mt.info != mech.Info && mt.info.Source != mech.Info.Source {
			return nil, fmt.Errorf("register: two different mechanisms are named %q (from %s and %s)",
				mech.Info.Name, mt.info.Source, mech.Info.Source)
		}
		return mt, nil
	}
	mt := newMechType(m, mech)
	m.types = insertType(m.types, mt)
	if _, ok := mt.kernel.(mechimpl.BeforeAfterer); ok {
		m.baTypes = insertType(m.baTypes, mt)
	}
	m.byName[mech.Info.Name] = mt
	for _, u := range mech.Info.Ions {
		ion := m.ion(u.Name, u.Valence)
		for _, r := range u.Read {
			if r == ion.Name+"i" || r == ion.Name+"o" {
				ion.concUsed = true
			}
		}
		for _, w := range u.Write {
			switch w {
			case ion.Name + "i", ion.Name + "o":
				ion.concUsed, ion.concWritten = true, true
			case "e" + ion.Name:
				ion.eWritten = true
			}
		}
	}
	return mt, nil
}

// insertType puts a type among the others in the order of NEURON's type
// numbers: NEURON's own mechanisms first, in its order, then the others
// in the order they were registered. Each phase goes through the types in
// this order, so that a node's currents add up as in NEURON.
func insertType(types []*mechType, mt *mechType) []*mechType {
	rank := func(t *mechType) int {
		if o := t.info.NEURONOrder; o > 0 {
			return o
		}
		return math.MaxInt
	}
	i := len(types)
	for i > 0 && rank(types[i-1]) > rank(mt) {
		i--
	}
	return slices.Insert(types, i, mt)
}

// Mechanisms returns the mechanism types the model knows, in the order
// its phases run them (NEURON's type order).
func (m *Model) Mechanisms() []*MechInfo {
	out := make([]*MechInfo, len(m.types))
	for i, mt := range m.types {
		out[i] = mt.info
	}
	return out
}

func (m *Model) mechType(name string) (*mechType, error) {
	if mt, ok := m.byName[name]; ok {
		return mt, nil
	}
	var known []string
	for n := range m.byName {
		known = append(known, n)
	}
	if len(known) == 0 {
		return nil, fmt.Errorf("unknown mechanism %q (no mechanisms are registered)", name)
	}
	return nil, fmt.Errorf("unknown mechanism %q (registered: %s)", name, nameList(known))
}

// ion returns the model's ion of that name, creating it if needed.
func (m *Model) ion(name string, valence float64) *ionState {
	for _, ion := range m.ions {
		if ion.Name == name {
			return ion
		}
	}
	ion := newIon(name, valence)
	m.ions = append(m.ions, ion)
	m.changed()
	return ion
}

// SetGlobal sets a global variable by its NEURON name: a mechanism GLOBAL
// with its suffix ("usetable_hh", "minf_hh") or an ion default
// ("nai0_na_ion", "cao0_ca_ion").
func (m *Model) SetGlobal(name Var, value float64) (err error) {
	defer m.note(&err)
	p, err := m.global(string(name))
	if err != nil {
		return err
	}
	if !finite(value) {
		return fmt.Errorf("%s must be a finite number, got %g", name, value)
	}
	*p = value
	return nil
}

// Global returns a global variable by its NEURON name.
func (m *Model) Global(name Var) (_ float64, err error) {
	defer m.note(&err)
	p, err := m.global(string(name))
	if err != nil {
		return 0, err
	}
	return *p, nil
}

func (m *Model) global(name string) (*float64, error) {
	switch name {
	case "celsius":
		return &m.Celsius, nil
	case "dt":
		return &m.Dt, nil
	}
	for _, mt := range m.types {
		suffix := "_" + mt.info.Name
		if strings.HasSuffix(name, suffix) {
			if p := mt.global(strings.TrimSuffix(name, suffix)); p != nil {
				return p, nil
			}
		}
	}
	for _, ion := range m.ions {
		if p := ion.global(name); p != nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("unknown global variable %q", name)
}

// Finitialize initializes the model at membrane potential v (mV), as
// NEURON's finitialize(v): t = 0, v everywhere, ions, every INITIAL block,
// the currents once (so that assigned currents are defined at t = 0) and
// the first sample of every recording.
func (m *Model) Finitialize(v float64) (err error) {
	defer m.noteRun(&err)
	if m.setupErr != nil {
		return fmt.Errorf("finitialize: not run: an earlier call failed to build the model, and its error was not cleared (Model.ClearErr): %w", m.setupErr)
	}
	if err := m.checkClock(); err != nil {
		return err
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("finitialize: v must be a finite number, got %g", v)
	}
	if err := m.build(); err != nil {
		return err
	}
	m.ctx.T = 0
	m.ctx.Inits++ // NEURON's _ninits: LAG forgets its history
	m.ctx.ClearErr()
	m.syncClock()
	m.checkTables()
	for _, e := range m.events {
		e.index = -1 // no longer pending, for net_move
	}
	m.events = m.events[:0]
	// Played values for t = 0 are set first, before v and the INITIAL
	// blocks, as NEURON's nrn_play_init and the events it delivers.
	for _, p := range m.plays {
		if err := p.init(m); err != nil {
			return err
		}
	}
	m.deliver(0)
	for i := range m.ctx.V {
		m.ctx.V[i] = v
	}
	for _, ion := range m.ions {
		ion.init(m.Celsius)
	}
	m.beforeAfter(mechimpl.BeforeInitial)
	for _, mt := range m.types {
		if len(mt.insts) > 0 {
			mt.resetStates()
			mt.kernel.Init()
		}
	}
	m.initNetCons()
	m.beforeAfter(mechimpl.AfterInitial)
	m.deliver(0) // the events INITIAL blocks sent for t = 0
	for _, d := range m.detectors {
		d.node = d.seg.node()
		d.armed = true // NEURON's PreSyn flag_ = false: the first crossing counts
	}
	m.ctx.DisconAllowed = false
	m.setupTreeMatrix()
	m.ctx.DisconAllowed = true
	m.beforeAfter(mechimpl.BeforeStep) // NEURON's fixed_record_continuous at t = 0
	if err := m.ctx.Err(); err != nil {
		m.initialized = false
		return fmt.Errorf("finitialize: %w", err)
	}
	for _, r := range m.records {
		if err := r.start(); err != nil {
			return err
		}
	}
	// Interval recordings take their t = 0 sample from an event, as
	// NEURON's VecRecordDt does, delivered last.
	for _, r := range m.everyRecords {
		if err := r.start(); err != nil {
			return err
		}
		m.schedule(event{t: 0, do: r.sampleEvery(m)})
	}
	m.deliver(0)
	if m.pc != nil {
		if err := m.pc.init(); err != nil {
			return fmt.Errorf("finitialize: %w", err)
		}
	}
	m.rebind = false
	m.initialized = true
	return nil
}

func (m *Model) checkClock() error {
	if !(m.Dt > 0) || math.IsInf(m.Dt, 0) {
		return fmt.Errorf("dt must be a positive number of ms, got %g", m.Dt)
	}
	if math.IsNaN(m.Celsius) || math.IsInf(m.Celsius, 0) {
		return fmt.Errorf("celsius must be a finite number, got %g", m.Celsius)
	}
	if m.SecondOrder != 0 && m.SecondOrder != 1 && m.SecondOrder != 2 {
		return fmt.Errorf("secondorder must be 0, 1 or 2, got %d", m.SecondOrder)
	}
	return nil
}

func (m *Model) syncClock() {
	m.ctx.Dt, m.ctx.Celsius, m.ctx.SecondOrder = m.Dt, m.Celsius, m.SecondOrder
	m.ctx.UseMCellRan4, m.ctx.MCellRan4Low = m.UseMCellRan4, m.MCellRan4Low
}

// checkTables is NEURON's nrn_thread_table_check: the TABLEs of the
// thread-safe mechanisms are rebuilt if a DEPEND value changed, at the
// start of finitialize and of every step, for the types that have
// instances. (Those of the other mechanisms are checked at every call.)
func (m *Model) checkTables() {
	for _, mt := range m.types {
		if len(mt.insts) == 0 {
			continue
		}
		for _, k := range mt.kernels {
			if tc, ok := k.(mechimpl.TableChecker); ok {
				tc.CheckTables()
			}
		}
	}
}

// resetStates gives every STATE its start value before INITIAL, as NEURON
// does with the m0-style globals.
func (mt *mechType) resetStates() {
	for k, vi := range mt.info.Vars {
		if vi.Kind == mechimpl.State {
			for j := range mt.data.Vars[k] {
				mt.data.Vars[k][j] = vi.Default
			}
		}
	}
}

// Fadvance advances the model by one step of Dt, as NEURON's fadvance.
func (m *Model) Fadvance() (err error) {
	defer m.noteRun(&err)
	if m.setupErr != nil {
		return fmt.Errorf("fadvance: not run: an earlier call failed to build the model, and its error was not cleared (Model.ClearErr): %w", m.setupErr)
	}
	if !m.initialized {
		return fmt.Errorf("fadvance: the model is not initialized; call Finitialize first")
	}
	if err := m.checkClock(); err != nil {
		return err
	}
	if err := m.refresh(); err != nil {
		return fmt.Errorf("fadvance: %w", err)
	}
	m.step()
	if err := m.failure("fadvance"); err != nil {
		return err
	}
	if m.pc != nil {
		if err := m.pc.afterStep(); err != nil {
			return fmt.Errorf("fadvance: %w", err)
		}
	}
	return nil
}

// failure returns what a kernel reported during a step, and stops the
// model until it is initialized again.
func (m *Model) failure(op string) error {
	if err := m.ctx.Err(); err != nil {
		m.initialized = false
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// Run initializes the model at v (mV) and runs it to tstop (ms), as
// NEURON's run() with v_init and tstop: Finitialize, then ContinueRun.
func (m *Model) Run(v, tstop float64) error {
	if err := m.Finitialize(v); err != nil {
		return err
	}
	return m.ContinueRun(tstop)
}

// ContinueRun advances the model until t reaches tstop (ms), as NEURON's
// continuerun(tstop): steps while t < tstop - dt/2, so that a t summed a
// little short of tstop does not make one step more.
func (m *Model) ContinueRun(tstop float64) error {
	return m.ContinueRunContext(context.Background(), tstop, nil)
}

// ContinueRunContext is ContinueRun that a caller can watch and stop. It
// calls progress (if not nil) with t after every step, and stops at the
// end of the step during which ctx is done, returning an error that wraps
// ctx's: the model is then as it was after that step, recorded vectors
// hold every step made, and a later ContinueRun goes on from there.
func (m *Model) ContinueRunContext(ctx context.Context, tstop float64, progress func(t float64)) (err error) {
	defer m.noteRun(&err)
	if m.setupErr != nil {
		return fmt.Errorf("continuerun: not run: an earlier call failed to build the model, and its error was not cleared (Model.ClearErr): %w", m.setupErr)
	}
	if !m.initialized {
		return fmt.Errorf("continuerun: the model is not initialized; call Finitialize first")
	}
	if err := m.checkClock(); err != nil {
		return err
	}
	if math.IsNaN(tstop) || math.IsInf(tstop, 0) {
		return fmt.Errorf("continuerun: tstop must be a finite number, got %g", tstop)
	}
	done := ctx.Done() // nil, never ready, for context.Background
	defer m.stopThreads()
	planned, tune := false, false
	m.tuner, m.serial, m.threadsUsed = threadTuner{}, false, 0
	for m.ctx.T < tstop-m.Dt/2 { // stdrun.hoc's continuerun
		replan := m.rebind || !planned // the structure changed, before or during the run
		if replan {
			if err := m.refresh(); err != nil {
				return fmt.Errorf("continuerun: %w", err)
			}
			tune = m.Threads == 0 && m.planThreads(runtime.GOMAXPROCS(0)) > 1
			planned = true
		}
		if tune {
			if serial := m.tuner.before(); serial != m.serial {
				m.serial, replan = serial, true
			}
		}
		if replan {
			m.stopThreads()
			m.makePlan()
			if m.plan != nil {
				m.startThreads()
				m.threadsUsed = max(m.threadsUsed, len(m.plan.workers))
			}
		}
		m.tuner.count(m.plan == nil)
		m.step()
		if err := m.failure("continuerun"); err != nil {
			return err
		}
		if m.pc != nil {
			if err := m.pc.afterStep(); err != nil {
				return fmt.Errorf("continuerun: %w", err)
			}
		}
		if progress != nil {
			progress(m.ctx.T)
		}
		select {
		case <-done:
			return fmt.Errorf("continuerun: stopped at t = %g ms: %w", m.ctx.T, context.Cause(ctx))
		default:
		}
	}
	return nil
}

// step is one fixed step (nrn_fixed_step): currents at t+dt/2 with the
// old v, the tree solved for Δv, v updated, then states with the new v at
// t+dt, then recording.
func (m *Model) step() {
	m.syncClock()
	if m.pool != nil {
		m.syncGlobals()
	}
	m.checkTables()
	c := &m.ctx
	if len(m.detectors) > 0 || len(m.watches) > 0 || len(m.events) > 0 {
		m.detect()
		m.deliver(c.T + 0.5*c.Dt)
	}
	c.T += 0.5 * c.Dt
	if len(m.plays) > 0 {
		m.playContinuous()
	}
	pipelined := m.pipelined()
	switch {
	case pipelined:
		m.pipelineStep() // through the states, t moved on
	case m.pool != nil:
		m.matrixThreads()
	case m.nroot == 1: // one tree: capacitance, axial terms and v as it is solved
		m.setupCurrents()
		m.axialSolve()
	default:
		m.setupTreeMatrix()
		m.solve()
		m.updateVIn(0, len(c.V))
	}
	if !pipelined {
		c.T += 0.5 * c.Dt
		if len(m.plays) > 0 {
			m.playContinuous()
		}
		m.phase(true)
	}
	m.diffuse()
	m.beforeAfter(mechimpl.AfterSolve)
	m.beforeAfter(mechimpl.BeforeStep)
	for _, r := range m.records {
		if r.live {
			r.sample()
		}
	}
	if len(m.events) > 0 {
		m.deliver(c.T) // NEURON's nrn_fixed_step_lastpart: events due by the new t
	}
}

// updateVIn adds the solution Δv to v at nodes lo to hi-1 (twice it for
// Crank–Nicolson), and with secondorder 2 corrects the ion currents to the
// middle of the step.
func (m *Model) updateVIn(lo, hi int) {
	c := &m.ctx
	if c.SecondOrder == 2 {
		for _, ion := range m.ions {
			for i := lo; i < hi; i++ {
				if ion.Present[i] {
					ion.Cur[i] += ion.DCurDv[i] * c.RHS[i]
				}
			}
		}
	}
	v, rhs := c.V[lo:hi], c.RHS[lo:hi]
	if c.SecondOrder != 0 {
		for i := range v {
			v[i] += 2 * rhs[i]
		}
	} else {
		for i := range v {
			v[i] += rhs[i]
		}
	}
}

// setupTreeMatrix assembles the tree matrix (NEURON's nrn_rhs + nrn_lhs):
// membrane currents and their conductances from every mechanism,
// capacitance, and axial coupling. The unknown is Δv.
func (m *Model) setupTreeMatrix() {
	n := len(m.ctx.V)
	m.setupCurrents()
	m.capacitanceIn(0, n)
	m.axialIn(m.nroot, n, 0, nil)
}

// setupCurrents is setupTreeMatrix's start: the equations cleared and the
// mechanisms' currents added.
func (m *Model) setupCurrents() {
	m.beforeAfter(mechimpl.BeforeBreakpoint)
	m.clearIn(0, len(m.ctx.V))
	m.phase(false)
}

// clearIn starts the equations of nodes lo to hi-1 afresh: no current, no
// conductance, the ions' reversal potentials from their concentrations.
func (m *Model) clearIn(lo, hi int) {
	c := &m.ctx
	clear(c.RHS[lo:hi])
	clear(c.D[lo:hi])
	for _, ion := range m.ions {
		ion.currentIn(c.Celsius, lo, hi)
	}
}

// capacitanceIn adds cm/dt (2cm/dt with the second order) to the
// diagonal of nodes lo to hi-1.
func (m *Model) capacitanceIn(lo, hi int) {
	cj, d := m.cj(), m.ctx.D
	for i, cm := range m.cm[lo:hi] {
		d[lo+i] += 1e-3 * cm * cj
	}
}

// cj is what the capacitance of a node is multiplied by on the diagonal:
// 1/dt, 2/dt with the second order (NEURON's cj).
func (m *Model) cj() float64 {
	if m.ctx.SecondOrder != 0 {
		return 2 / m.ctx.Dt
	}
	return 1 / m.ctx.Dt
}

// axialIn adds the axial coupling of nodes lo to hi-1 (none of them a
// root) with their parents: for a parent below low only the node's own
// terms (the parent's thread adds the others, pipelineStep); then the
// parent terms of the nodes in (ascending, above hi), whose parents are
// this thread's. Each node gets its terms in the order of one loop over
// all nodes: its own, then its children's in ascending order.
func (m *Model) axialIn(lo, hi, low int, in []int) {
	c := &m.ctx
	// cut to one length, and i kept in 0 … n-1 (as hi ≤ n already), so
	// that the compiler checks only the parents' indices in the loop
	n := len(c.V)
	v, rhs, d, a, b, parent := c.V[:n], c.RHS[:n], c.D[:n], m.a[:n], m.b[:n], m.parent[:n]
	// The last node's rhs and d stay in registers (rI, dI) for its child,
	// the next node along a section, instead of a store and a reload.
	var rI, dI float64
	for i := max(lo, 0); i < hi && i < n; i++ {
		p := parent[i]
		dv := v[p] - v[i]
		r, dd := rhs[i]-b[i]*dv, d[i]-b[i]
		switch {
		case p == i-1 && i > lo:
			rI += a[i] * dv
			dI -= a[i]
		case p >= low:
			rhs[p] += a[i] * dv
			d[p] -= a[i]
		}
		if i > lo {
			rhs[i-1], d[i-1] = rI, dI
		}
		rI, dI = r, dd
	}
	if hi > lo {
		rhs[hi-1], d[hi-1] = rI, dI
	}
	for _, i := range in {
		p := parent[i]
		dv := v[p] - v[i]
		rhs[p] += a[i] * dv
		d[p] -= a[i]
	}
}

// solve is Hines elimination on the tree (NEURON's triang and bksub):
// leaves to roots, then roots to leaves. rhs becomes Δv.
func (m *Model) solve() {
	m.hinesCells([2]int{0, m.nroot}, [2]int{m.nroot, len(m.ctx.RHS)})
}

// hinesCells is the Hines solve of the whole trees of roots [lo, hi),
// whose other nodes are secs: NEURON's triang and bksub, the same
// operations in the same order within each tree. Each node's elimination
// waits for its child's (a division, a multiply and a subtraction), and
// each back-substitution for its parent's, so a tree is solved as fast as
// those chains go. The trees are independent: small ones (a few nodes
// each) go one after the other, and the CPU overlaps their short chains by
// itself; larger ones go four (then two) at a time, so that it can
// overlap their long chains (P4's 52-node cells on one thread: 14.1 ->
// 11.4 ns per compartment-step two at a time, 11.8 -> 9.3 four at a
// time, each an A/B run).
func (m *Model) hinesCells(roots, secs [2]int) {
	if secs[1]-secs[0] < 16*(roots[1]-roots[0]) {
		m.eliminate(secs, 0, nil)
		m.divideRoots(roots)
		m.backSubstitute(secs)
		return
	}
	cells := m.cells[roots[0]:roots[1]]
	k := 0
	for ; k+3 < len(cells); k += 4 {
		m.eliminate4(cells[k : k+4 : k+4])
	}
	for ; k+1 < len(cells); k += 2 {
		m.eliminate2(cells[k], cells[k+1])
	}
	if k < len(cells) {
		m.eliminate(cells[k], 0, nil)
	}
	m.divideRoots(roots)
	for k = 0; k+3 < len(cells); k += 4 {
		m.backSubstitute4(cells[k : k+4 : k+4])
	}
	for ; k+1 < len(cells); k += 2 {
		m.backSubstitute2(cells[k], cells[k+1])
	}
	if k < len(cells) {
		m.backSubstitute(cells[k])
	}
}

// axialSolve is capacitanceIn, axialIn, solve and updateVIn over every
// node of a model of one tree, fused: axialEliminate, then one pass back
// that updates v as it goes (secondorder 0; 2 keeps updateVIn for its
// ion currents). Every value is the same to the bit.
func (m *Model) axialSolve() {
	c := &m.ctx
	v, rhs, d, b, parent := c.V, c.RHS, c.D, m.b, m.parent
	n := len(v)
	m.axialEliminate([2]int{0, m.nroot}, [2]int{m.nroot, n}, 0)
	m.divideRoots([2]int{0, m.nroot})
	if c.SecondOrder != 0 {
		m.backSubstitute([2]int{m.nroot, n})
		m.updateVIn(0, n)
		return
	}
	m.updateVIn(0, m.nroot)
	rI := m.solvedBefore([2]int{m.nroot, n})
	for i := m.nroot; i < n; i++ {
		rI = backNode(rhs, d, b, parent, i, rI)
		v[i] += rI
	}
}

// axialEliminate is capacitanceIn and axialIn for nodes roots and secs,
// then eliminate, fused into one pass from the last node to the first. A
// node gets its capacitance and axial terms (its own, then its children's
// in ascending order, as axialIn adds them) when its last child is
// eliminated into it, or as a leaf when its own turn comes; then it is
// eliminated into its parent, unless the parent is below low (another
// thread's, which eliminates it as one of its in: pipelineShare). The
// terms do not wait on the elimination's chain of divisions, so the CPU
// computes them in its shadow; every value is the same to the bit.
func (m *Model) axialEliminate(roots, secs [2]int, low int) {
	c := &m.ctx
	v, rhs, d, a, b, parent, cm := c.V, c.RHS, c.D, m.a, m.b, m.parent, m.cm
	first, kids, cj := m.firstKid, m.kids, m.cj()
	var dI, rI float64 // node i's d and rhs, complete, when carried over from i+1
	carried := false
	for i := secs[1] - 1; i >= secs[0]; i-- {
		p := parent[i]
		switch {
		case carried:
		case first[i] == first[i+1]: // a leaf: its terms now
			dv := v[p] - v[i]
			rI, dI = rhs[i]-b[i]*dv, d[i]+1e-3*cm[i]*cj-b[i]
			rhs[i], d[i] = rI, dI
		default: // complete in memory since its last child
			dI, rI = d[i], rhs[i]
		}
		if p < low {
			carried = false
			continue
		}
		dP, rP := d[p], rhs[p]
		if kids[first[p+1]-1] == i { // p's last child: p's terms now
			dP += 1e-3 * cm[p] * cj
			if p >= m.nroot {
				dv := v[parent[p]] - v[p]
				rP, dP = rP-b[p]*dv, dP-b[p]
			}
			for _, k := range kids[first[p]:first[p+1]] {
				rP += a[k] * (v[p] - v[k])
				dP -= a[k]
			}
		}
		f := a[i] / dI
		dP, rP = dP-f*b[i], rP-f*rI
		d[p], rhs[p] = dP, rP
		dI, rI, carried = dP, rP, p == i-1
	}
	for i := roots[0]; i < roots[1]; i++ {
		if first[i] == first[i+1] { // a root alone: its capacitance only
			d[i] += 1e-3 * cm[i] * cj
		}
	}
}

// eliminate4 is eliminate for four trees' nodes at once, as long as all
// four have nodes left; then two and two. (Every value elimStep passes on
// is stored too, so the pairs start again from memory.)
func (m *Model) eliminate4(c [][2]int) {
	rhs, d, a, b, parent := m.ctx.RHS, m.ctx.D, m.a, m.b, m.parent
	n := min(c[0][1]-c[0][0], c[1][1]-c[1][0], c[2][1]-c[2][0], c[3][1]-c[3][0])
	i0, i1, i2, i3 := c[0][1]-1, c[1][1]-1, c[2][1]-1, c[3][1]-1
	d0, r0 := d[i0], rhs[i0]
	d1, r1 := d[i1], rhs[i1]
	d2, r2 := d[i2], rhs[i2]
	d3, r3 := d[i3], rhs[i3]
	for range n {
		d0, r0 = elimStep(d, rhs, a, b, parent, i0, c[0][0], d0, r0)
		d1, r1 = elimStep(d, rhs, a, b, parent, i1, c[1][0], d1, r1)
		d2, r2 = elimStep(d, rhs, a, b, parent, i2, c[2][0], d2, r2)
		d3, r3 = elimStep(d, rhs, a, b, parent, i3, c[3][0], d3, r3)
		i0, i1, i2, i3 = i0-1, i1-1, i2-1, i3-1
	}
	m.eliminate2([2]int{c[0][0], i0 + 1}, [2]int{c[1][0], i1 + 1})
	m.eliminate2([2]int{c[2][0], i2 + 1}, [2]int{c[3][0], i3 + 1})
}

// backSubstitute4 is backSubstitute for four trees' nodes at once, as
// long as all four have nodes left; then two and two.
func (m *Model) backSubstitute4(c [][2]int) {
	rhs, d, b, parent := m.ctx.RHS, m.ctx.D, m.b, m.parent
	n := min(c[0][1]-c[0][0], c[1][1]-c[1][0], c[2][1]-c[2][0], c[3][1]-c[3][0])
	r0, r1, r2, r3 := m.solvedBefore(c[0]), m.solvedBefore(c[1]), m.solvedBefore(c[2]), m.solvedBefore(c[3])
	i0, i1, i2, i3 := c[0][0], c[1][0], c[2][0], c[3][0]
	for range n {
		r0 = backNode(rhs, d, b, parent, i0, r0)
		r1 = backNode(rhs, d, b, parent, i1, r1)
		r2 = backNode(rhs, d, b, parent, i2, r2)
		r3 = backNode(rhs, d, b, parent, i3, r3)
		i0, i1, i2, i3 = i0+1, i1+1, i2+1, i3+1
	}
	m.backSubstitute2([2]int{i0, c[0][1]}, [2]int{i1, c[1][1]})
	m.backSubstitute2([2]int{i2, c[2][1]}, [2]int{i3, c[3][1]})
}

// eliminate is the elimination of hines (triang) for nodes secs: first
// the terms of the nodes in (descending, above secs, eliminated already)
// with their parents here, then secs from the last node to the first,
// leaving a parent below low to its thread (pipelineStep).
func (m *Model) eliminate(secs [2]int, low int, in []int) {
	rhs, d, a, b, parent := m.ctx.RHS, m.ctx.D, m.a, m.b, m.parent
	for j := len(in) - 1; j >= 0; j-- {
		i := in[j]
		elimStep(d, rhs, a, b, parent, i, i, d[i], rhs[i])
	}
	s0, s1 := secs[0], secs[1]
	if s1 <= s0 {
		return
	}
	dI, rI := d[s1-1], rhs[s1-1]
	for i := s1 - 1; i >= s0; i-- {
		if parent[i] >= low {
			dI, rI = elimStep(d, rhs, a, b, parent, i, s0, dI, rI)
		} else if i > s0 {
			dI, rI = d[i-1], rhs[i-1]
		}
	}
}

// eliminate2 is eliminate for two trees' nodes x and y at once, as long
// as both have nodes left; then the rest of the longer.
func (m *Model) eliminate2(x, y [2]int) {
	rhs, d, a, b, parent := m.ctx.RHS, m.ctx.D, m.a, m.b, m.parent
	n := min(x[1]-x[0], y[1]-y[0])
	i, j := x[1]-1, y[1]-1
	var dI, rI, dJ, rJ float64
	if n > 0 {
		dI, rI, dJ, rJ = d[i], rhs[i], d[j], rhs[j]
	}
	for range n {
		dI, rI = elimStep(d, rhs, a, b, parent, i, x[0], dI, rI)
		dJ, rJ = elimStep(d, rhs, a, b, parent, j, y[0], dJ, rJ)
		i, j = i-1, j-1
	}
	m.eliminate([2]int{x[0], i + 1}, 0, nil)
	m.eliminate([2]int{y[0], j + 1}, 0, nil)
}

// elimStep eliminates node i, whose d and rhs (its children's terms in)
// are dI and rI, into its parent, and returns the d and rhs of node i-1
// (if i-1 ≥ lo): from registers when that is the parent, as along an
// unbranched section, so that the chain of divisions does not go through
// memory, else from memory. Every value it computes is stored too.
func elimStep(d, rhs, a, b []float64, parent []int, i, lo int, dI, rI float64) (float64, float64) {
	pi := parent[i]
	p := a[i] / dI
	dI, rI = d[pi]-p*b[i], rhs[pi]-p*rI
	d[pi], rhs[pi] = dI, rI
	if pi != i-1 && i > lo {
		return d[i-1], rhs[i-1]
	}
	return dI, rI
}

// divideRoots starts the back-substitution at the roots.
func (m *Model) divideRoots(roots [2]int) {
	rhs, d := m.ctx.RHS, m.ctx.D
	for i := roots[0]; i < roots[1]; i++ {
		rhs[i] /= d[i]
	}
}

// backSubstitute is the back-substitution of hines (bksub) for nodes
// secs, their parents below secs solved already.
func (m *Model) backSubstitute(secs [2]int) {
	rhs, d, b, parent := m.ctx.RHS, m.ctx.D, m.b, m.parent
	rI := m.solvedBefore(secs)
	for i := secs[0]; i < secs[1]; i++ {
		rI = backNode(rhs, d, b, parent, i, rI)
	}
}

// backSubstitute2 is backSubstitute for two trees' nodes x and y at
// once, as long as both have nodes left; then the rest of the longer.
func (m *Model) backSubstitute2(x, y [2]int) {
	rhs, d, b, parent := m.ctx.RHS, m.ctx.D, m.b, m.parent
	n := min(x[1]-x[0], y[1]-y[0])
	rI, rJ := m.solvedBefore(x), m.solvedBefore(y)
	i, j := x[0], y[0]
	for range n {
		rI = backNode(rhs, d, b, parent, i, rI)
		rJ = backNode(rhs, d, b, parent, j, rJ)
		i, j = i+1, j+1
	}
	m.backSubstitute([2]int{i, x[1]})
	m.backSubstitute([2]int{j, y[1]})
}

// solvedBefore is rhs of the node before secs, solved, if it is the
// parent of the first (else unused).
func (m *Model) solvedBefore(secs [2]int) float64 {
	if s0 := secs[0]; s0 > 0 && s0 < secs[1] && m.parent[s0] == s0-1 {
		return m.ctx.RHS[s0-1]
	}
	return 0
}

// backNode solves node i from its parent, whose rhs is rPrev when the
// parent is node i-1 (in a register, not reloaded), and returns its rhs.
func backNode(rhs, d, b []float64, parent []int, i int, rPrev float64) float64 {
	rp := rPrev
	if pi := parent[i]; pi != i-1 {
		rp = rhs[pi]
	}
	r := (rhs[i] - b[i]*rp) / d[i]
	rhs[i] = r
	return r
}

// SetOutput sends the output of the mechanisms' printf to w (standard
// output by default; io.Discard silences it).
func (m *Model) SetOutput(w io.Writer) { m.ctx.Output = w }
