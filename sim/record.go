package sim

import (
	"fmt"
	"slices"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// Ref names a value of the model to record or play into: v or a variable
// at a segment, a point-process variable, or t.
type Ref struct {
	desc string
	addr func() (*float64, error)
	time bool // t, which an interval record samples as the event's time
}

func (r Ref) String() string { return r.desc }

// TimeRef refers to the simulation time t (ms).
func (m *Model) TimeRef() Ref {
	return Ref{desc: "t", addr: func() (*float64, error) { return &m.ctx.T, nil }, time: true}
}

// Ref refers to a variable of the segment by its NEURON name ("v",
// "m_hh", "ina"), as NEURON's seg._ref_<name>.
func (g Segment) Ref(name Var) Ref {
	return Ref{desc: g.String() + "." + string(name), addr: func() (*float64, error) { return g.addr(string(name)) }}
}

// Vector holds the samples of one recording, as NEURON's Vector.record:
// one at Finitialize and one after every step, or one every interval;
// or the spike times of a NetCon's source (NetCon.RecordSpikes).
type Vector struct {
	ref      Ref
	data     []float64
	resolved *float64
	interval float64 // > 0: sampled every interval ms (RecordEvery)
	live     bool    // started by a Finitialize: a Record made mid-run waits for the next
	// given holds the values of a Vector made by NewVector, which
	// mechanisms read and write (VERBATIM's vector_vec); nil for a
	// recording.
	given *mechimpl.Vector
}

// NewVector returns a Vector of the values given (copied), as hoc's
// Vector, to hand to a mechanism's VERBATIM code (PointProcess.CallWith):
// the spike times a VecStim plays, or an empty Vector that APCount's
// record fills.
func NewVector(values []float64) *Vector {
	return &Vector{given: &mechimpl.Vector{X: slices.Clone(values)}, ref: Ref{desc: "values"}}
}

// Record starts recording ref at every step from the next Finitialize (as
// in NEURON, a recording made during a run holds nothing until then).
func (m *Model) Record(ref Ref) (_ *Vector, err error) {
	defer m.note(&err)
	if err := m.checkRef("record", ref); err != nil {
		return nil, err
	}
	vec := &Vector{ref: ref}
	m.records = append(m.records, vec)
	return vec, nil
}

// RecordEvery starts recording ref every interval ms from the next
// Finitialize, as NEURON's Vector.record(&x, Dt): a sample at t = 0, then
// one for each interval (t = k·Dt, summed as NEURON sums it), taken when
// the event for it is delivered: at the start of the step whose midpoint
// it does not pass, or at the end of a step that reaches it. A recording of
// t holds those times themselves.
func (m *Model) RecordEvery(ref Ref, interval float64) (_ *Vector, err error) {
	defer m.note(&err)
	if err := m.checkRef("record", ref); err != nil {
		return nil, err
	}
	if !(interval >= 1e-9 && interval <= 1e10) {
		return nil, fmt.Errorf("record %s: the interval must be between 1e-9 and 1e10 ms, as in NEURON, got %g", ref.desc, interval)
	}
	vec := &Vector{ref: ref, interval: interval}
	m.everyRecords = append(m.everyRecords, vec)
	return vec, nil
}

func (m *Model) checkRef(op string, ref Ref) error {
	if ref.addr == nil {
		return fmt.Errorf("%s: empty reference", op)
	}
	if _, err := ref.addr(); err != nil {
		return fmt.Errorf("%s %s: %w", op, ref.desc, err)
	}
	return nil
}

// bind finds the vector's variable again, keeping its samples.
func (vec *Vector) bind() error {
	p, err := vec.ref.addr()
	if err != nil {
		return fmt.Errorf("record %s: %w", vec.ref.desc, err)
	}
	vec.resolved = p
	return nil
}

// start clears the vector and finds its variable; a vector recorded at
// every step takes the t = 0 sample.
func (vec *Vector) start() error {
	if err := vec.bind(); err != nil {
		return err
	}
	vec.live = true
	vec.data = vec.data[:0]
	if vec.interval == 0 {
		vec.sample()
	}
	return nil
}

// sampleEvery is the event of an interval recording at time tt (NEURON's
// VecRecordDt::deliver): a sample, and the event for the next.
func (vec *Vector) sampleEvery(m *Model) func(tt float64) {
	var do func(tt float64)
	do = func(tt float64) {
		if vec.ref.time {
			vec.data = append(vec.data, tt)
		} else {
			vec.sample()
		}
		m.schedule(event{t: tt + vec.interval, do: do})
	}
	return do
}

func (vec *Vector) sample() { vec.data = append(vec.data, *vec.resolved) }

// Values returns the samples, or the values of a Vector of NewVector's
// (shared, not copied).
func (vec *Vector) Values() []float64 {
	switch {
	case vec == nil:
		return nil
	case vec.given != nil:
		return vec.given.X
	}
	return vec.data
}

// Len returns the number of samples.
func (vec *Vector) Len() int { return len(vec.Values()) }

// Name returns what the vector records.
func (vec *Vector) Name() string {
	if vec == nil {
		return ""
	}
	return vec.ref.desc
}
