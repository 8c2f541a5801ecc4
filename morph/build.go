package morph

import (
	"fmt"
	"slices"

	"github.com/nmodlgo/nmodlgo/sim"
)

// Built is a cell made in a model: its sections, and NEURON's section
// lists of them.
type Built struct {
	// Sections are in the order of Cell.Sections.
	Sections []*sim.Section
	// The lists NEURON's cell templates make, in creation order: all of
	// them, and the soma, axon, basal and apical dendrite sections (SWC
	// types 1 to 4).
	All, Somatic, Axonal, Basal, Apical []*sim.Section
}

// List returns the section list called name (all, somatic, axonal, basal,
// apical), or nil.
func (b *Built) List(name string) []*sim.Section {
	switch name {
	case "all":
		return b.All
	case "somatic":
		return b.Somatic
	case "axonal":
		return b.Axonal
	case "basal":
		return b.Basal
	case "apical":
		return b.Apical
	}
	return nil
}

// Build makes the cell's sections in m, as Import3d_GUI.instantiate makes
// them in NEURON: created type by type (soma, axon, dend, apic, others by
// type number), each connected to its parent and given its 3-D points, in
// the file's order. The names are prefix followed by the section's name
// ("" for NEURON's top-level names, "cell3." to build several cells in one
// model).
//
// The sections keep NEURON's defaults otherwise (nseg 1, Ra 35.4 Ω·cm,
// cm 1 µF/cm²); DLambda chooses nseg as NEURON's d_lambda rule does.
func (c *Cell) Build(m *sim.Model, prefix string) (*Built, error) {
	b := &Built{Sections: make([]*sim.Section, len(c.Sections))}
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
			b.Sections[i] = sec
			b.All = append(b.All, sec)
			if l := b.typeList(t); l != nil {
				*l = append(*l, sec)
			}
		}
	}
	for i, s := range c.Sections {
		if s.Parent >= 0 {
			if err := b.Sections[i].Connect(b.Sections[s.Parent], s.ParentX); err != nil {
				return nil, err
			}
		}
		for _, p := range s.Points {
			if err := b.Sections[i].Pt3dAdd(p.X, p.Y, p.Z, p.Diam); err != nil {
				return nil, fmt.Errorf("%s (line %d): %w", s.Name, s.Line, err)
			}
		}
	}
	return b, nil
}

func (b *Built) typeList(t int) *[]*sim.Section {
	switch t {
	case 1:
		return &b.Somatic
	case 2:
		return &b.Axonal
	case 3:
		return &b.Basal
	case 4:
		return &b.Apical
	}
	return nil
}
