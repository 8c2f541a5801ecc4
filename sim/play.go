package sim

import (
	"fmt"
	"math"
	"slices"
)

// play drives a variable from a vector, as NEURON's Vector.play: in steps
// (VecPlayStep: the variable takes y[i] when the event at t[i], or at
// i·interval, is delivered) or continuously (VecPlayContinuous: the
// variable is interpolated at every half step, and at the events at each
// t[i]).
type play struct {
	ref        Ref
	target     *float64
	y, t       []float64 // t nil: every interval
	interval   float64
	continuous bool
	next       int // a step play's next value; a continuous play's ubound_index_
	last       int // a continuous play's last_index_
}

// Play drives the variable ref from the values y at the times t (ms), from
// the next Finitialize on, as NEURON's y.play(&x, t, continuous). In steps,
// the variable takes y[i] when the event at t[i] is delivered: at the start
// of the step whose midpoint does not pass t[i] (at Finitialize, before
// the INITIAL blocks, for t[i] = 0). Continuously, it is interpolated
// linearly in t at the middle and the end of every step (held at y[0]
// before t[0], extrapolated from the last two points after the last).
func (m *Model) Play(ref Ref, t, y []float64, continuous bool) (err error) {
	defer m.note(&err)
	if err := m.checkRef("play", ref); err != nil {
		return err
	}
	if len(t) != len(y) || len(y) == 0 {
		return fmt.Errorf("play %s: %d times for %d values; give one time for each value, at least one", ref.desc, len(t), len(y))
	}
	for i := range y {
		switch {
		case !finite(t[i]) || !finite(y[i]):
			return fmt.Errorf("play %s: time %g, value %g at index %d: they must be finite numbers", ref.desc, t[i], y[i], i)
		case i > 0 && t[i] < t[i-1]:
			return fmt.Errorf("play %s: times must not decrease, but t[%d] = %g < t[%d] = %g", ref.desc, i, t[i], i-1, t[i-1])
		}
	}
	m.plays = append(m.plays, &play{ref: ref, y: slices.Clone(y), t: slices.Clone(t), continuous: continuous})
	m.rebind = true
	return nil
}

// PlayEvery drives the variable ref from the values y in steps of interval
// ms from t = 0, as NEURON's y.play(&x, Dt): y[i] from the event at
// i·interval (summed as NEURON sums it) on.
func (m *Model) PlayEvery(ref Ref, interval float64, y []float64) (err error) {
	defer m.note(&err)
	if err := m.checkRef("play", ref); err != nil {
		return err
	}
	if !(interval >= 1e-9 && interval <= 1e10) {
		return fmt.Errorf("play %s: the interval must be between 1e-9 and 1e10 ms, as in NEURON, got %g", ref.desc, interval)
	}
	if len(y) == 0 {
		return fmt.Errorf("play %s: no values", ref.desc)
	}
	for i, v := range y {
		if !finite(v) {
			return fmt.Errorf("play %s: value %g at index %d: values must be finite numbers", ref.desc, v, i)
		}
	}
	m.plays = append(m.plays, &play{ref: ref, y: slices.Clone(y), interval: interval})
	m.rebind = true
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// bind finds the variable again.
func (p *play) bind() error {
	target, err := p.ref.addr()
	if err != nil {
		return fmt.Errorf("play %s: %w", p.ref.desc, err)
	}
	p.target = target
	return nil
}

// init finds the variable and sends the first event (NEURON's play_init).
func (p *play) init(m *Model) error {
	if err := p.bind(); err != nil {
		return err
	}
	p.next, p.last = 0, 0
	first := 0.0
	if p.t != nil {
		first = p.t[0]
	}
	m.schedule(event{t: first, do: func(tt float64) { p.deliver(m, tt) }})
	return nil
}

// deliver is the event at tt (VecPlayStep::deliver and
// VecPlayContinuous::deliver without discontinuities).
func (p *play) deliver(m *Model, tt float64) {
	do := func(tt float64) { p.deliver(m, tt) }
	if p.continuous {
		p.last = p.next
		if p.next < len(p.t)-1 {
			p.next++
			m.schedule(event{t: p.t[p.next], do: do})
		}
		*p.target = p.interpolate(tt)
		return
	}
	*p.target = p.y[p.next]
	p.next++
	switch {
	case p.next >= len(p.y):
	case p.t != nil:
		m.schedule(event{t: p.t[p.next], do: do})
	default:
		m.schedule(event{t: tt + p.interval, do: do})
	}
}

// interpolate is VecPlayContinuous::interpolate: y at tt, linear between
// the points around it.
func (p *play) interpolate(tt float64) float64 {
	switch {
	case tt >= p.t[p.next]:
		p.last = p.next
		if p.last == 0 {
			return p.y[0]
		}
	case tt <= p.t[0]:
		p.last = 0
		return p.y[0]
	default:
		for tt < p.t[p.last] {
			p.last--
		}
		for tt >= p.t[p.last] {
			p.last++
		}
	}
	x0, x1 := p.y[p.last-1], p.y[p.last]
	t0, t1 := p.t[p.last-1], p.t[p.last]
	if t0 == t1 {
		return (x0 + x1) / 2
	}
	return x0 + (x1-x0)*((tt-t0)/(t1-t0))
}

// playContinuous sets every continuously played variable at the current
// t (NEURON's fixed_play_continuous).
func (m *Model) playContinuous() {
	for _, p := range m.plays {
		if p.continuous {
			*p.target = p.interpolate(m.ctx.T)
		}
	}
}
