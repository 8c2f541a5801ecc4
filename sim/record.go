package sim

import "fmt"

// Ref names a value of the model to record: v or a variable at a segment,
// a point-process variable, or t.
type Ref struct {
	desc string
	addr func() (*float64, error)
}

func (r Ref) String() string { return r.desc }

// TimeRef refers to the simulation time t (ms).
func (m *Model) TimeRef() Ref {
	return Ref{desc: "t", addr: func() (*float64, error) { return &m.ctx.T, nil }}
}

// Ref refers to a variable of the segment by its NEURON name ("v",
// "m_hh", "ina"), as NEURON's seg._ref_<name>.
func (g Segment) Ref(name Var) Ref {
	return Ref{desc: g.String() + "." + string(name), addr: func() (*float64, error) { return g.addr(string(name)) }}
}

// Vector holds the samples of one recording: one at Finitialize and one
// after every step, as NEURON's Vector.record.
type Vector struct {
	ref      Ref
	data     []float64
	resolved *float64
}

// Record starts recording ref at every step from the next Finitialize.
func (m *Model) Record(ref Ref) (*Vector, error) {
	if ref.addr == nil {
		return nil, fmt.Errorf("record: empty reference")
	}
	if _, err := ref.addr(); err != nil {
		return nil, fmt.Errorf("record %s: %w", ref.desc, err)
	}
	vec := &Vector{ref: ref}
	m.records = append(m.records, vec)
	return vec, nil
}

// start clears the vector and takes the t = 0 sample.
func (vec *Vector) start() error {
	p, err := vec.ref.addr()
	if err != nil {
		return fmt.Errorf("record %s: %w", vec.ref.desc, err)
	}
	vec.resolved = p
	vec.data = vec.data[:0]
	vec.sample()
	return nil
}

func (vec *Vector) sample() { vec.data = append(vec.data, *vec.resolved) }

// Values returns the samples (shared, not copied).
func (vec *Vector) Values() []float64 { return vec.data }

// Len returns the number of samples.
func (vec *Vector) Len() int { return len(vec.data) }

// Name returns what the vector records.
func (vec *Vector) Name() string { return vec.ref.desc }
