package sim

import (
	"github.com/nmodlgo/nmodlgo/mechimpl"

	"container/heap"
	"fmt"
	"math"
	"slices"
)

// initNetCons is NEURON's init_events: for every NetCon in creation
// order, the target's NET_RECEIVE INITIAL block runs on its weights, or,
// without one, the weights after the first are zeroed.
func (m *Model) initNetCons() {
	for _, w := range m.watches {
		w.active = false
		w.gen++
	}
	m.watches = m.watches[:0]
	for _, nc := range m.netcons {
		if src := nc.spikeSource(); *src != nil {
			(*src).data = (*src).data[:0] // NEURON's PreSyn::init
		}
		if nc.target == nil {
			continue
		}
		if ni, ok := nc.target.mt.kernel.(mechimpl.NetIniter); ok {
			ni.NetInit(nc.target.idx, nc.Weight)
			continue
		}
		clear(nc.Weight[1:])
	}
}

// watch is one WATCH condition of one instance (NEURON's WatchCondition).
type watch struct {
	in     *instance
	slot   int
	flag   float64
	active bool
	above  bool // the condition held when last checked
	gen    int  // bumped when removed, to cancel its pending event
}

// Watch is WATCH (cond) flag: from now on, when the condition slot of
// instance ix becomes true, an event with flag reaches its NET_RECEIVE.
// The first WATCH a NET_RECEIVE call runs removes the instance's earlier
// ones, and their pending events, as NEURON's _nrn_watch_activate does.
func (s *eventSink) Watch(ix, slot int, flag float64) {
	m, in := s.m, s.mt.insts[ix]
	if in.watchCall != m.receiveCall {
		in.watchCall = m.receiveCall
		for _, w := range in.watches {
			if w != nil && w.active {
				w.active = false
				w.gen++
			}
		}
	}
	for len(in.watches) <= slot {
		in.watches = append(in.watches, nil)
	}
	w := in.watches[slot]
	if w == nil {
		w = &watch{in: in, slot: slot}
		in.watches[slot] = w
	}
	// NEURON's WatchCondition::activate: a condition already true (within
	// hoc_epsilon) does not fire until it has been false.
	w.flag, w.active, w.above = flag, true, in.mt.kernel.(mechimpl.Watcher).WatchValue(ix, slot) >= -1e-11
	m.watches = slices.DeleteFunc(m.watches, func(x *watch) bool { return x == w || !x.active })
	m.watches = append(m.watches, w)
}

// eventSink is how a kernel sends events: NMODL's net_send (to itself) and
// net_event (to the NetCons whose source it is).
type eventSink struct {
	m  *Model
	mt *mechType
}

// Send is net_send: an event with flag to instance ix at time te, carrying
// weights (those of the event being handled, or nil).
func (s *eventSink) Send(ix int, weights []float64, te, flag float64) {
	in := s.mt.insts[ix]
	e := s.m.schedule(event{t: te, target: in, weight: weights, flag: flag})
	if flag == 1 {
		in.movable = e // what net_move moves, as NEURON's _tqitem
	}
}

// Event is net_event: instance ix fires at time t; every NetCon from it
// delivers after its delay.
func (s *eventSink) Event(ix int, t float64) {
	in := s.mt.insts[ix]
	if in.spikes != nil {
		in.spikes.data = append(in.spikes.data, t)
	}
	if s.m.pc != nil {
		s.m.pc.fired(in, t)
	}
	for _, nc := range in.outgoing {
		nc.fire(t)
	}
}

// ForNetCons is FOR_NETCONS: f runs on the weights of every NetCon to
// instance ix, in creation order.
func (s *eventSink) ForNetCons(ix int, f func(weights []float64)) {
	for _, nc := range s.mt.insts[ix].incoming {
		f(nc.Weight)
	}
}

// event is one scheduled delivery.
type event struct {
	t      float64
	seq    int // insertion order, so that simultaneous events keep it
	index  int // in the queue, or -1 once delivered
	target *instance
	weight []float64
	flag   float64
	watch  *watch          // the WATCH that sent it, or nil
	gen    int             // and its generation then
	do     func(t float64) // a Vector.play or .record(&x, Dt) event: what to do at t, instead of a NET_RECEIVE
}

type eventQueue []*event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	return q[i].t < q[j].t || q[i].t == q[j].t && q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *eventQueue) Push(x any) {
	e := x.(*event)
	e.index = len(*q)
	*q = append(*q, e)
}
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	e.index = -1
	*q = old[:len(old)-1]
	return e
}

func (m *Model) schedule(e event) *event {
	m.eventSeq++
	e.seq = m.eventSeq
	p := &e
	heap.Push(&m.events, p)
	return p
}

// pointName is the NEURON-style name of a point process's instance, for
// messages.
func (m *Model) pointName(in *instance) string {
	for _, pp := range m.points {
		if pp.in == in {
			return pp.Name()
		}
	}
	return in.mt.info.Name
}

// Move is net_move: the instance's pending self-event with flag 1 (the
// last one net_send sent) moves to time te, as if sent anew.
func (s *eventSink) Move(ix int, te float64) {
	m, in := s.m, s.mt.insts[ix]
	e := in.movable
	switch {
	case e == nil || e.index < 0:
		m.ctx.Fail(fmt.Sprintf("net_move in %s: no pending self-event with flag 1 to move", m.pointName(in)))
	case te < m.ctx.T:
		m.ctx.Fail(fmt.Sprintf("net_move in %s: to t = %g, before the current t", m.pointName(in), te))
	default:
		m.eventSeq++
		e.t, e.seq = te, m.eventSeq
		heap.Fix(&m.events, e.index)
	}
}

// deliver delivers, in time order, every event due by tmax, with t set to
// each event's time while its NET_RECEIVE runs, as NEURON does.
func (m *Model) deliver(tmax float64) {
	saved := m.ctx.T
	for len(m.events) > 0 && m.events[0].t <= tmax {
		e := heap.Pop(&m.events).(*event)
		if e.do != nil {
			e.do(e.t)
			continue
		}
		if e.target.dead || e.watch != nil && e.watch.gen != e.gen {
			continue
		}
		r, ok := e.target.mt.kernel.(mechimpl.NetReceiver)
		if !ok {
			continue
		}
		m.ctx.T = e.t
		m.receiveCall++
		r.NetReceive(e.target.idx, e.weight, e.flag)
	}
	m.ctx.T = saved
}

// NetCon connects a source (a point process that calls net_event, a
// spike detector on v, or a gid of a ParallelContext) to a target point
// process with a NET_RECEIVE block, as NEURON's NetCon. A NetCon without
// a target only watches its source, for RecordSpikes.
type NetCon struct {
	m      *Model
	source *instance // an artificial cell or point process, or nil
	det    *detector // the spike detector, or nil
	srcGid int       // the gid it listens to when source and det are nil (ParallelContext.GidConnect)
	target *instance
	Weight []float64
	Delay  float64
}

// detector is a threshold test on v at a node, NEURON's PreSyn: the
// NetCons watching the same v share it, and so its threshold.
type detector struct {
	seg       Segment
	node      int // seg's node, renumbered by Finitialize
	threshold float64
	armed     bool
	netcons   []*NetCon
	spikes    *Vector // the times it fired, if recorded
}

// NewNetCon connects the point process source to target (nil: none, to
// record the source's spikes).
func (m *Model) NewNetCon(source, target *PointProcess, weight, delay float64) (_ *NetCon, err error) {
	defer m.note(&err)
	if source == nil {
		return nil, fmt.Errorf("new netcon: the source must be a point process")
	}
	return m.newNetCon(&NetCon{source: source.in}, target, weight, delay)
}

// NewNetConFromV connects a spike detector on v at seg to target: it fires
// when v rises above the detector's threshold, 10 mV unless set with
// SetThreshold. As in NEURON, NetCons on the same v share one detector.
// target may be nil, to record the spikes only.
func (m *Model) NewNetConFromV(seg Segment, target *PointProcess, weight, delay float64) (_ *NetCon, err error) {
	defer m.note(&err)
	if err := seg.check(); err != nil {
		return nil, fmt.Errorf("new netcon: %w", err)
	}
	if seg.sec.model != m {
		return nil, fmt.Errorf("new netcon: %s belongs to another model", seg)
	}
	// The node numbers of a tree not laid out since the last change are
	// stale: all the detectors of new sections would look alike.
	if err := m.build(); err != nil {
		return nil, fmt.Errorf("new netcon: %w", err)
	}
	node := seg.node()
	var det *detector
	for _, d := range m.detectors {
		if d.node == node {
			det = d
		}
	}
	nc, err := m.newNetCon(&NetCon{}, target, weight, delay)
	if err != nil {
		return nil, err
	}
	if det == nil {
		// Armed, as NEURON's new PreSyn: its first crossing counts.
		det = &detector{seg: seg, node: node, threshold: 10, armed: true}
		m.detectors = append(m.detectors, det)
		m.rebind = true
	}
	nc.det = det
	det.netcons = append(det.netcons, nc)
	return nc, nil
}

// Threshold is the threshold (mV) of the NetCon's spike detector, or NaN
// when its source is a point process or a gid.
func (nc *NetCon) Threshold() float64 {
	if nc == nil || nc.det == nil {
		return math.NaN()
	}
	return nc.det.threshold
}

// SetThreshold sets the threshold (mV) of the NetCon's spike detector, and
// so of every NetCon that shares it (NEURON's nc.threshold = th).
func (nc *NetCon) SetThreshold(th float64) (err error) {
	if nc == nil {
		return errNilNetCon
	}
	defer nc.m.note(&err)
	switch {
	case nc.source != nil:
		return fmt.Errorf("netcon threshold: the source is a point process, not v")
	case nc.det == nil:
		return fmt.Errorf("netcon threshold: the source is gid %d; set the threshold of the NetCon given to ParallelContext.Cell on its rank", nc.srcGid)
	}
	if math.IsNaN(th) || math.IsInf(th, 0) {
		return fmt.Errorf("netcon threshold must be a finite number, got %g", th)
	}
	nc.det.threshold = th
	return nil
}

func (m *Model) newNetCon(nc *NetCon, target *PointProcess, weight, delay float64) (*NetCon, error) {
	if target != nil && target.in.mt.m != m || nc.source != nil && nc.source.mt.m != m {
		return nil, fmt.Errorf("new netcon: the source and target must belong to this model")
	}
	if target != nil {
		if _, ok := target.in.mt.kernel.(mechimpl.NetReceiver); !ok {
			return nil, fmt.Errorf("new netcon: %s has no NET_RECEIVE block", target.Name())
		}
	}
	if math.IsNaN(weight) || math.IsInf(weight, 0) {
		return nil, fmt.Errorf("new netcon: weight must be a finite number, got %g", weight)
	}
	if math.IsNaN(delay) || math.IsInf(delay, 0) || delay < 0 {
		return nil, fmt.Errorf("new netcon: delay must be a non-negative number, got %g", delay)
	}
	// The weight vector holds every NET_RECEIVE argument: the ones after
	// the first are per-NetCon state the block keeps between events.
	n := 1
	if target != nil {
		n = max(1, target.in.mt.info.NetReceiveArgs)
		nc.target = target.in
		nc.target.incoming = append(nc.target.incoming, nc)
	}
	nc.m, nc.Weight, nc.Delay = m, make([]float64, n), delay
	nc.Weight[0] = weight
	m.netcons = append(m.netcons, nc)
	if nc.source != nil {
		nc.source.outgoing = append(nc.source.outgoing, nc)
	}
	return nc, nil
}

// fire schedules the delivery of a spike at t to the target.
func (nc *NetCon) fire(t float64) {
	if nc.target != nil {
		nc.m.schedule(event{t: t + nc.Delay, target: nc.target, weight: nc.Weight})
	}
}

// RecordSpikes records the times at which the NetCon's source fires, from
// the next Finitialize on, as NEURON's nc.record(vec): for a detector on
// v, t + 1e-10 at the start of the step in which v is first seen above the
// threshold (NEURON's teps); for a point process, the time of its
// net_event; for a gid (ParallelContext.GidConnect), the time of each of
// its spikes as the exchange brings it. A source has one record, shared
// by the NetCons from it.
func (nc *NetCon) RecordSpikes() *Vector {
	if nc == nil {
		return nil
	}
	src := nc.spikeSource()
	if *src == nil {
		var name string
		switch {
		case nc.source != nil:
			name = "spikes of " + nc.m.pointName(nc.source)
		case nc.det != nil:
			name = "spikes of v at " + nc.det.seg.String()
		default:
			name = fmt.Sprintf("spikes of gid %d", nc.srcGid)
		}
		*src = &Vector{ref: Ref{desc: name}}
	}
	return *src
}

// spikeSource is where the spike record of the NetCon's source is kept.
func (nc *NetCon) spikeSource() **Vector {
	switch {
	case nc.source != nil:
		return &nc.source.spikes
	case nc.det != nil:
		return &nc.det.spikes
	}
	return &nc.m.pc.in[nc.srcGid].spikes
}

// detect is NEURON's threshold detection at the start of a step
// (ConditionEvent::check): a detector fires when v is above threshold and
// it is armed, and re-arms when v is at or below it. The spike is sent at
// t + 1e-10, NEURON's teps for the fixed-step method. Then each active
// WATCH whose condition has become true sends its event, at t.
func (m *Model) detect() {
	const teps = 1e-10
	for _, d := range m.detectors {
		v := m.ctx.V[d.node]
		switch {
		case v > d.threshold && d.armed:
			d.armed = false
			if d.spikes != nil {
				d.spikes.data = append(d.spikes.data, m.ctx.T+teps)
			}
			if m.pc != nil {
				m.pc.fired(d, m.ctx.T+teps)
			}
			for _, nc := range d.netcons {
				nc.fire(m.ctx.T + teps)
			}
		case v <= d.threshold:
			d.armed = true
		}
	}
	for _, w := range m.watches {
		if !w.active || w.in.dead {
			continue
		}
		switch val := w.in.mt.kernel.(mechimpl.Watcher).WatchValue(w.in.idx, w.slot); {
		case val > 0 && !w.above:
			w.above = true
			m.schedule(event{t: m.ctx.T, target: w.in, flag: w.flag, watch: w, gen: w.gen})
		case val <= 0:
			w.above = false
		}
	}
}
