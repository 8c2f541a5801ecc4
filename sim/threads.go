package sim

import (
	"runtime"
	"sort"
	"sync/atomic"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// minNodesPerThread is the least work worth a thread: below it, the
// handing over of a phase costs more than it saves. (A variable, for the
// tests that split small models.)
var minNodesPerThread = 250

// plan is how the work of a step is split among threads. Each thread owns
// whole nodes, so what it adds to a node's equation, currents and
// concentrations no other thread touches, and every node sums its terms
// in the order one thread would: a trace is the same for every number of
// threads, to the bit.
type plan struct {
	workers []workerPlan
	// cells: each thread owns whole cells, so the tree is solved in
	// parallel too; otherwise (fewer cells than threads) each owns a
	// stretch of nodes, and the solve passes from thread to thread
	// (pipelineStep).
	cells bool
	// seq counts the pipelined steps; elimDone[w] and backDone[w] are the
	// step whose elimination and back-substitution thread w has done.
	// pipeline: the steps may go through pipelineStep (pipelined).
	pipeline           bool
	seq                int64
	elimDone, backDone []paddedSeq
	share              func(w int) // pipelineShare, as one func value
}

// paddedSeq is an atomic step count on a cache line of its own, so that a
// thread waiting on one does not slow the thread writing another.
type paddedSeq struct {
	atomic.Int64
	_ [56]byte
}

// await spins until x reaches seq, as the pool's threads wait for a phase.
func await(x *paddedSeq, seq int64) {
	for i := 0; x.Load() < seq; i++ {
		if i%1024 == 1023 {
			runtime.Gosched()
		}
	}
}

// workerPlan is one thread's share.
type workerPlan struct {
	roots, secs [2]int                 // its root nodes and its other nodes, as [lo, hi)
	inst        map[*mechType][][2]int // the instances at its nodes, per parallel type
	// For shares of one cell (pipelineStep): low is the first node of the
	// share (0 for the first); a node whose parent is below it hands its
	// parent's terms to the parent's thread. in are the nodes of later
	// shares whose parent is in this one, in ascending order.
	low int
	in  []int
}

// ThreadsUsed is how the last run used threads: the most it used (1 for a
// model too small to gain from more), and with Threads 0 the fraction of
// its steps it took on one thread, as that was faster then.
func (m *Model) ThreadsUsed() (threads int, oneThread float64) {
	t := m.tuner
	if steps := t.serialSteps + t.threadSteps; steps > 0 && m.threadsUsed > 1 {
		oneThread = float64(t.serialSteps) / float64(steps)
	}
	return max(m.threadsUsed, 1), oneThread
}

// threads is the number of threads a step may use.
func (m *Model) threads() int {
	switch {
	case m.serial:
		return 1
	case m.Threads > 0:
		return m.Threads
	}
	return runtime.GOMAXPROCS(0)
}

// planThreads is the number of threads makePlan gives a step when it may
// use this many: fewer for a small model.
func (m *Model) planThreads(threads int) int {
	return min(threads, len(m.ctx.V)/minNodesPerThread)
}

// makePlan splits the nodes among the threads after the tree was laid
// out, or leaves the model serial when it is too small to gain.
func (m *Model) makePlan() {
	m.plan = nil
	n := len(m.ctx.V)
	threads := m.planThreads(m.threads())
	if threads < 2 {
		return
	}
	p := &plan{cells: m.nroot >= threads}
	if p.cells {
		// Whole cells: consecutive roots, and the consecutive sections
		// that hang from them, in shares of about n/threads nodes.
		cellEnd := make([]int, m.nroot) // end of each cell's section nodes
		for _, s := range m.sections {
			r := s
			for r.parent != nil {
				r = r.parent
			}
			cellEnd[r.startNode] = max(cellEnd[r.startNode], s.firstNode+s.nseg+1)
		}
		nodesUpTo := func(r int) int { return r + 1 + cellEnd[r] - m.nroot } // of cells 0…r
		r0 := 0
		for w := range threads {
			target := n * (w + 1) / threads
			r1 := r0
			for r1 < m.nroot && (r1 == r0 || nodesUpTo(r1) <= target) {
				r1++
			}
			if w == threads-1 {
				r1 = m.nroot
			}
			s0, s1 := m.nroot, m.nroot
			if r0 > 0 {
				s0 = cellEnd[r0-1]
			}
			s1 = s0
			if r1 > r0 {
				s1 = cellEnd[r1-1]
			}
			p.workers = append(p.workers, workerPlan{roots: [2]int{r0, r1}, secs: [2]int{s0, s1}})
			r0 = r1
		}
	} else {
		// One or a few large cells: the other nodes in shares, the roots
		// with the first. The steps go through pipelineStep, where the
		// last share's thread waits longest (for the elimination and the
		// back-substitution of all the others): the first share is half
		// as large again as the others, which on P2 with two threads
		// (60 % against 40 %) is 5-10 % faster than halves.
		span := n - m.nroot
		weight := func(w int) int { return 2*w + min(w, 1) } // 0, 3, 5, 7, …: the first 3 halves, the others 2
		total := weight(threads)
		for w := range threads {
			lo, hi := m.nroot+span*weight(w)/total, m.nroot+span*weight(w+1)/total
			var roots [2]int
			if w == 0 {
				roots = [2]int{0, m.nroot}
			}
			p.workers = append(p.workers, workerPlan{roots: roots, secs: [2]int{lo, hi}})
		}
	}
	for w := range p.workers {
		p.workers[w].inst = map[*mechType][][2]int{}
	}
	if !p.cells {
		for w := range p.workers {
			wp := &p.workers[w]
			if w > 0 {
				wp.low = wp.secs[0]
			}
			for i := wp.secs[1]; i < n; i++ {
				if pi := m.parent[i]; pi >= wp.low && pi < wp.secs[1] {
					wp.in = append(wp.in, i)
				}
			}
		}
		p.elimDone = make([]paddedSeq, threads)
		p.backDone = make([]paddedSeq, threads)
		p.pipeline = true
		for _, mt := range m.types {
			// a POINTER may read another thread's node, whose v may not
			// be updated yet when this thread advances its states
			if len(mt.insts) > 0 && (!mt.parallel() || len(mt.info.Pointers) > 0) {
				p.pipeline = false
			}
		}
	}
	for _, mt := range m.types {
		if !mt.parallel() {
			continue
		}
		for len(mt.kernels) < threads {
			k := mt.newKernel()
			k.Bind(&mt.data)
			mt.kernels = append(mt.kernels, k)
		}
		node := mt.data.Node
		at := func(nd int) int { return sort.SearchInts(node, nd) } // the instances are in node order
		for w := range p.workers {
			wp := &p.workers[w]
			for _, r := range [][2]int{wp.roots, wp.secs} {
				if lo, hi := at(r[0]), at(r[1]); lo < hi {
					wp.inst[mt] = append(wp.inst[mt], [2]int{lo, hi})
				}
			}
		}
	}
	m.plan = p
}

// parallel reports whether the type's instances may be split among
// threads: its kernel is Ranged, every instance has a node, and its
// state update does not halve dt (secondorder).
func (mt *mechType) parallel() bool {
	if _, ok := mt.kernel.(mechimpl.Ranged); !ok || len(mt.insts) == 0 {
		return false
	}
	if mt.info.StateDtHalved && mt.m.SecondOrder != 0 {
		return false // its state update halves the shared dt (phase)
	}
	return len(mt.data.Node) == 0 || mt.data.Node[0] >= 0
}

// pool runs a phase on every thread: f(0) on the caller's goroutine, the
// others on goroutines that live as long as the run and wait for the next
// phase spinning, since a phase lasts microseconds: waking a parked
// goroutine would cost as much.
type pool struct {
	threads int
	job     func(int)
	gen     atomic.Uint64 // counts the phases started
	pending atomic.Int64  // threads still running the current one
	quit    atomic.Bool
}

func newPool(threads int) *pool {
	p := &pool{threads: threads}
	for w := 1; w < threads; w++ {
		go p.work(w)
	}
	return p
}

func (p *pool) work(w int) {
	var seen uint64
	for {
		for i := 0; p.gen.Load() == seen; i++ {
			if p.quit.Load() {
				return
			}
			if i%1024 == 1023 {
				runtime.Gosched() // let others run if threads outnumber CPUs
			}
		}
		seen++
		p.job(w)
		p.pending.Add(-1)
	}
}

func (p *pool) run(f func(w int)) {
	p.job = f
	p.pending.Store(int64(p.threads - 1))
	p.gen.Add(1) // publishes job
	f(0)
	for i := 0; p.pending.Load() != 0; i++ {
		if i%1024 == 1023 {
			runtime.Gosched()
		}
	}
}

func (p *pool) stop() { p.quit.Store(true) }

// phase runs Current (state false) or State of every type with instances,
// in type order: the parallel types of a run of them on every thread at
// once, the others on this one.
func (m *Model) phase(state bool) {
	types := m.types
	for i := 0; i < len(types); {
		mt := types[i]
		if m.pool == nil || !mt.parallel() {
			if len(mt.insts) > 0 {
				switch {
				case state && mt.info.StateDtHalved && m.ctx.SecondOrder != 0:
					// nocmodl's nrn_state: dt/2 for this type's whole update
					dt := m.ctx.Dt
					m.ctx.Dt = 0.5 * dt
					mt.kernel.State()
					m.ctx.Dt = dt
				case state:
					mt.kernel.State()
				default:
					mt.kernel.Current()
				}
			}
			i++
			continue
		}
		j := i + 1
		for j < len(types) && (types[j].parallel() || len(types[j].insts) == 0) {
			j++
		}
		run := types[i:j]
		m.pool.run(func(w int) {
			wp := &m.plan.workers[w]
			for _, mt := range run {
				if !mt.parallel() {
					continue
				}
				k := mt.kernels[w].(mechimpl.Ranged)
				for _, r := range wp.inst[mt] {
					if state {
						k.StateIn(r[0], r[1])
					} else {
						k.CurrentIn(r[0], r[1])
					}
				}
			}
		})
		i = j
	}
}

// syncGlobals gives every thread's kernel the GLOBALs of the first: the
// parameters a user set and what INITIAL computed (the first kernel runs
// Init for all instances).
func (m *Model) syncGlobals() {
	for _, mt := range m.types {
		if len(mt.kernels) < 2 {
			continue
		}
		for _, g := range mt.info.Globals {
			src := mt.kernel.Global(g.Name)
			if src == nil {
				continue
			}
			for _, k := range mt.kernels[1:] {
				if dst := k.Global(g.Name); dst != nil {
					*dst = *src
				}
			}
		}
	}
}

// matrixThreads is setupTreeMatrix, solve and the update of v on the
// threads: each its own nodes, in the order the serial step takes them.
// With whole cells a thread goes through to the new v; with shares of one
// cell the axial terms, the solve and v are this thread's.
func (m *Model) matrixThreads() {
	c := &m.ctx
	n := len(c.V)
	m.beforeAfter(mechimpl.BeforeBreakpoint)
	if !m.allParallel() {
		m.clearIn(0, n)
		m.phase(false)
		m.capacitanceIn(0, n)
		m.axialIn(m.nroot, n, 0, nil)
		if m.plan.cells {
			m.pool.run(m.solveCell)
		} else {
			m.solve()
		}
		m.updateVIn(0, n)
		return
	}
	cells := m.plan.cells
	m.pool.run(func(w int) {
		wp := &m.plan.workers[w]
		m.setupOwn(w)
		if !cells {
			return
		}
		m.axialIn(wp.secs[0], wp.secs[1], 0, nil)
		m.solveCell(w)
		m.updateVIn(wp.roots[0], wp.roots[1])
		m.updateVIn(wp.secs[0], wp.secs[1])
	})
	if !cells {
		m.axialIn(m.nroot, n, 0, nil)
		m.solve()
		m.updateVIn(0, n)
	}
}

// pipelined reports whether a step may run as pipelineStep: the threads
// share one or a few cells, every type is parallel and has no POINTER
// (plan.pipeline), and nothing is played into the model between the solve
// and the states.
func (m *Model) pipelined() bool {
	return m.pool != nil && m.plan.pipeline && len(m.plays) == 0
}

// pipelineStep is the step from the currents to the states when the
// threads share one or a few cells, each a stretch of consecutive nodes:
// each thread sets up its nodes' equations, the elimination runs from the
// last stretch to the first (each thread its own nodes, as soon as the
// stretches after it are done), the back-substitution from the first to
// the last, and each thread updates v and the states of its nodes as soon
// as it has their Δv. Every value is computed by the same operations in
// the same order as in the serial step; a node's terms from a child in a
// later stretch (the axial coupling, the elimination) are added by the
// node's thread, after its own children's, as the serial loops order them.
// Little but those boundary nodes passes between the threads' caches.
func (m *Model) pipelineStep() {
	m.beforeAfter(mechimpl.BeforeBreakpoint)
	m.plan.seq++
	if m.plan.share == nil {
		m.plan.share = m.pipelineShare // one closure for the run, not one per step
	}
	m.pool.run(m.plan.share)
}

// pipelineShare is thread w's part of pipelineStep.
func (m *Model) pipelineShare(w int) {
	c, p := &m.ctx, m.plan
	seq, last, wp := p.seq, len(p.workers)-1, &p.workers[w]
	if w < last {
		// the terms before waiting for the later stretches' elimination
		m.setupOwn(w)
		m.axialIn(max(wp.secs[0], m.nroot), wp.secs[1], wp.low, wp.in)
		await(&p.elimDone[w+1], seq)
		m.eliminate(wp.secs, wp.low, wp.in)
	} else {
		// the last waits for none: its terms in its elimination's shadow
		m.currentsOwn(w)
		m.axialEliminate(wp.roots, wp.secs, wp.low)
	}
	m.divideRoots(wp.roots)
	p.elimDone[w].Store(seq)
	if w > 0 {
		await(&p.backDone[w-1], seq)
	}
	m.backSubstitute(wp.secs)
	if w == 0 {
		c.T += 0.5 * c.Dt // the states see t+dt
	}
	p.backDone[w].Store(seq)
	m.updateVIn(wp.roots[0], wp.roots[1])
	m.updateVIn(wp.secs[0], wp.secs[1])
	m.kernelsOwn(w, true)
}

// setupOwn starts the equations of thread w's nodes: currentsOwn, then
// the capacitance.
func (m *Model) setupOwn(w int) {
	wp := &m.plan.workers[w]
	m.currentsOwn(w)
	m.capacitanceIn(wp.roots[0], wp.roots[1])
	m.capacitanceIn(wp.secs[0], wp.secs[1])
}

// currentsOwn clears the equations of thread w's nodes and adds the
// currents of every type's instances there.
func (m *Model) currentsOwn(w int) {
	wp := &m.plan.workers[w]
	m.clearIn(wp.roots[0], wp.roots[1])
	m.clearIn(wp.secs[0], wp.secs[1])
	m.kernelsOwn(w, false)
}

// kernelsOwn runs Current (state false) or State of every type, in type
// order, for the instances at thread w's nodes.
func (m *Model) kernelsOwn(w int, state bool) {
	for _, mt := range m.types {
		if len(mt.insts) == 0 {
			continue
		}
		k := mt.kernels[w].(mechimpl.Ranged)
		for _, r := range m.plan.workers[w].inst[mt] {
			if state {
				k.StateIn(r[0], r[1])
			} else {
				k.CurrentIn(r[0], r[1])
			}
		}
	}
}

// allParallel reports whether every type with instances is parallel.
func (m *Model) allParallel() bool {
	for _, mt := range m.types {
		if len(mt.insts) > 0 && !mt.parallel() {
			return false
		}
	}
	return true
}

// solveCell is the Hines solve of thread w's cells: the nodes of a cell
// are eliminated in the order the whole-tree solve takes them, so the
// result is the same to the bit.
func (m *Model) solveCell(w int) {
	wp := &m.plan.workers[w]
	m.hinesCells(wp.roots, wp.secs)
}

// startThreads starts the threads of a run, each kernel given the first's
// GLOBALs.
func (m *Model) startThreads() {
	m.pool = newPool(len(m.plan.workers))
	m.syncGlobals()
}

// stopThreads ends them, at the end of a run.
func (m *Model) stopThreads() {
	if m.pool != nil {
		m.pool.stop()
		m.pool = nil
	}
}
