package morph

import (
	"fmt"
	"slices"

	"github.com/nmodlgo/nmodlgo/sim"
)

// Build makes the cell's sections in m, as Import3d_GUI.instantiate makes
// them in NEURON: created type by type (soma, axon, dend, apic, others by
// type number), each connected to its parent and given its 3-D points, in
// the file's order. The names are prefix followed by the section's name
// ("" for NEURON's top-level names, "cell3." to build several cells in one
// model). It returns the sections in the order of c.Sections.
//
// The sections keep NEURON's defaults otherwise (nseg 1, Ra 35.4 Ω·cm,
// cm 1 µF/cm²); DLambda chooses nseg as NEURON's d_lambda rule does.
func (c *Cell) Build(m *sim.Model, prefix string) ([]*sim.Section, error) {
	out := make([]*sim.Section, len(c.Sections))
	byType := map[int][]int{}
	var types []int
	for i, s := range c.Sections {
		if byType[s.Type] == nil {
			types = append(types, s.Type)
		}
		byType[s.Type] = append(byType[s.Type], i)
	}
	slices.Sort(types)
	for _, t := range types {
		for _, i := range byType[t] {
			sec, err := m.NewSection(prefix + c.Sections[i].Name)
			if err != nil {
				return nil, err
			}
			out[i] = sec
		}
	}
	for i, s := range c.Sections {
		if s.Parent >= 0 {
			if err := out[i].Connect(out[s.Parent], s.ParentX); err != nil {
				return nil, err
			}
		}
		for _, p := range s.Points {
			if err := out[i].Pt3dAdd(p.X, p.Y, p.Z, p.Diam); err != nil {
				return nil, fmt.Errorf("%s (line %d): %w", s.Name, s.Line, err)
			}
		}
	}
	return out, nil
}
