package sim

import (
	"fmt"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// PointProcess is one instance of a POINT_PROCESS mechanism placed at a
// segment, such as an IClamp.
type PointProcess struct {
	in    *instance
	index int // n-th of its type, for NEURON-style names like IClamp[0]
}

// NewPointProcess places a point process of the mechanism at seg.
func (m *Model) NewPointProcess(mech Mechanism, seg Segment) (_ *PointProcess, err error) {
	defer m.note(&err)
	mt, err := m.register(mech)
	if err != nil {
		return nil, err
	}
	return m.newPointProcess(mt, seg)
}

// NewArtificialCell makes an instance of an ARTIFICIAL_CELL mechanism (a
// NetStim, say), which lives on no section.
func (m *Model) NewArtificialCell(mech Mechanism) (_ *PointProcess, err error) {
	defer m.note(&err)
	mt, err := m.register(mech)
	if err != nil {
		return nil, err
	}
	return m.newArtificialCell(mt)
}

// NewArtificialCellByName makes an instance of the registered
// ARTIFICIAL_CELL mechanism called name.
func (m *Model) NewArtificialCellByName(name string) (_ *PointProcess, err error) {
	defer m.note(&err)
	mt, err := m.mechType(name)
	if err != nil {
		return nil, fmt.Errorf("new artificial cell: %w", err)
	}
	return m.newArtificialCell(mt)
}

func (m *Model) newArtificialCell(mt *mechType) (*PointProcess, error) {
	if mt.info.Kind != mechimpl.KindArtificial {
		return nil, fmt.Errorf("new artificial cell: %s is a %s", mt.info.Name, mt.info.Kind)
	}
	pp := &PointProcess{in: mt.add(nil, 0), index: mt.nextPoint()}
	mt.construct(pp.in)
	m.points = append(m.points, pp)
	m.changed()
	return pp, nil
}

// nextPoint numbers the type's next point process, as NEURON numbers the
// objects of a template: IClamp[0], IClamp[1], …
func (mt *mechType) nextPoint() int {
	mt.points++
	return mt.points - 1
}

// NewPointProcessByName places a point process of the registered
// mechanism called name (IClamp, …) at seg.
func (m *Model) NewPointProcessByName(name string, seg Segment) (_ *PointProcess, err error) {
	defer m.note(&err)
	mt, err := m.mechType(name)
	if err != nil {
		return nil, fmt.Errorf("new point process: %w", err)
	}
	return m.newPointProcess(mt, seg)
}

func (m *Model) newPointProcess(mt *mechType, seg Segment) (*PointProcess, error) {
	if mt.info.Kind != mechimpl.KindPoint {
		return nil, fmt.Errorf("new point process: %s is a %s, not a point process", mt.info.Name, mt.info.Kind)
	}
	if err := seg.check(); err != nil {
		return nil, fmt.Errorf("new point process %s: %w", mt.info.Name, err)
	}
	if seg.sec.model != m {
		return nil, fmt.Errorf("new point process %s: %s belongs to another model", mt.info.Name, seg)
	}
	pp := &PointProcess{in: mt.add(seg.sec, seg.x), index: mt.nextPoint()}
	mt.construct(pp.in)
	m.points = append(m.points, pp)
	m.changed()
	return pp, nil
}

// Name returns NEURON's name for the instance, like IClamp[0].
func (pp *PointProcess) Name() string {
	if pp == nil {
		return "<nil point process>"
	}
	return fmt.Sprintf("%s[%d]", pp.in.mt.info.Name, pp.index)
}

// Mechanism returns the name of the point process's type.
func (pp *PointProcess) Mechanism() string {
	if pp == nil {
		return ""
	}
	return pp.in.mt.info.Name
}

// Segment returns where the point process is.
func (pp *PointProcess) Segment() Segment {
	if pp == nil {
		return Segment{}
	}
	return Segment{sec: pp.in.sec, x: pp.in.x}
}

// Info returns the description of the point process's type.
func (pp *PointProcess) Info() *MechInfo {
	if pp == nil {
		return nil
	}
	return pp.in.mt.info
}

// Get returns a variable by name (del, dur, amp, i for an IClamp).
func (pp *PointProcess) Get(name Var) (_ float64, err error) {
	if pp == nil {
		return 0, errNilPointProcess
	}
	defer pp.in.mt.m.note(&err)
	p, err := pp.addr(string(name))
	if err != nil {
		return 0, err
	}
	return *p, nil
}

// Set sets a variable by name.
func (pp *PointProcess) Set(name Var, value float64) (err error) {
	if pp == nil {
		return errNilPointProcess
	}
	defer pp.in.mt.m.note(&err)
	p, err := pp.addr(string(name))
	if err != nil {
		return err
	}
	if !finite(value) {
		return fmt.Errorf("%s: %s must be a finite number, got %g", pp.Name(), name, value)
	}
	*p = value
	return nil
}

func (pp *PointProcess) addr(name string) (*float64, error) {
	if p := pp.in.addr(name); p != nil {
		return p, nil
	}
	if p := pp.in.mt.global(name); p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("%s: no variable %q (known: %s)", pp.Name(), name, nameList(pp.in.mt.publicNames()))
}

// Ref refers to a variable of the point process, for recording.
func (pp *PointProcess) Ref(name Var) Ref {
	return Ref{desc: pp.Name() + "." + string(name), addr: func() (*float64, error) {
		if pp == nil {
			return nil, errNilPointProcess
		}
		if err := pp.in.mt.m.build(); err != nil {
			return nil, err
		}
		return pp.addr(string(name))
	}}
}

// SetPointer points the point process's POINTER name at ref (v at a
// segment, another mechanism's variable, an ion concentration), as
// NEURON's h.setpointer(ref, name, pp). The target is found again after
// every change of the model's structure.
func (pp *PointProcess) SetPointer(name string, ref Ref) (err error) {
	if pp == nil {
		return errNilPointProcess
	}
	defer pp.in.mt.m.note(&err)
	return pp.in.setPointer(name, ref)
}
