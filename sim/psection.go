package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// PSection describes a section as NEURON's sec.psection() does. It
// marshals to JSON with the same keys, in the same order; NEURON's sets
// become sorted lists and its objects their names.
type PSection struct {
	PointProcesses  Fields     `json:"point_processes"` // name → ["IClamp[0]", …]
	DensityMechs    Groups     `json:"density_mechs"`   // suffix → variable → value per segment
	Ions            Groups     `json:"ions"`            // ion → variable → value per segment
	Morphology      Morphology `json:"morphology"`
	Nseg            int        `json:"nseg"`
	Ra              float64    `json:"Ra"`
	Cm              []float64  `json:"cm"`
	Regions         []string   `json:"regions"`
	Species         []string   `json:"species"`
	Name            string     `json:"name"`
	HocInternalName string     `json:"hoc_internal_name"`
	Cell            *string    `json:"cell"`
}

// Morphology is psection's "morphology" entry.
type Morphology struct {
	L          float64     `json:"L"`
	Diam       []float64   `json:"diam"`
	Pts3d      [][]float64 `json:"pts3d"`
	Parent     *string     `json:"parent"`     // "soma(1)" or null
	TrueParent *string     `json:"trueparent"` // likewise
}

// Field is one named list of values.
type Field struct {
	Name   string
	Values any
}

// Fields is an ordered JSON object.
type Fields []Field

// Group is one named, ordered set of fields (a mechanism or an ion).
type Group struct {
	Name   string
	Fields Fields
}

// Groups is an ordered JSON object of objects.
type Groups []Group

// MarshalJSON writes the fields as a JSON object, in order.
func (fs Fields) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Name)
		v, err := json.Marshal(f.Values)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes the groups as a JSON object of objects, in order.
func (gs Groups) MarshalJSON() ([]byte, error) {
	fs := make(Fields, len(gs))
	for i, g := range gs {
		fs[i] = Field{g.Name, g.Fields}
	}
	return fs.MarshalJSON()
}

// Get returns the values of a field by name, or nil.
func (fs Fields) Get(name string) any {
	for _, f := range fs {
		if f.Name == name {
			return f.Values
		}
	}
	return nil
}

// PSection returns the section's description.
func (s *Section) PSection() PSection {
	m := s.model
	segs := s.Segments()
	per := func(f func(Segment) float64) []float64 {
		vals := make([]float64, len(segs))
		for i, g := range segs {
			vals[i] = f(g)
		}
		return vals
	}
	ps := PSection{
		PointProcesses: Fields{},
		DensityMechs:   Groups{},
		Ions:           Groups{},
		Morphology: Morphology{
			L:     s.l,
			Diam:  per(func(Segment) float64 { return s.diam }),
			Pts3d: [][]float64{},
		},
		Nseg:            s.nseg,
		Ra:              s.ra,
		Cm:              per(func(Segment) float64 { return s.cm }),
		Regions:         []string{},
		Species:         []string{},
		Name:            s.name,
		HocInternalName: "__nrnsec_" + s.name,
	}
	if s.parent != nil {
		p := Segment{sec: s.parent, x: s.parentX}.String()
		ps.Morphology.Parent, ps.Morphology.TrueParent = &p, &p
	}
	for _, mt := range m.types {
		var names []string
		for _, pp := range m.points {
			if pp.in.mt == mt && pp.in.sec == s {
				names = append(names, pp.Name())
			}
		}
		if names != nil {
			ps.PointProcesses = append(ps.PointProcesses, Field{mt.info.Name, names})
		}
	}
	usesIon := map[string]bool{}
	for _, di := range s.mechs {
		g := Group{Name: di.mt.info.Name}
		for _, name := range di.mt.publicNames() {
			g.Fields = append(g.Fields, Field{name, per(func(seg Segment) float64 {
				return *di.inst[seg.index()].addr(name)
			})})
		}
		ps.DensityMechs = append(ps.DensityMechs, g)
		for _, u := range di.mt.info.Ions {
			usesIon[u.Name] = true
		}
	}
	if len(usesIon) > 0 && m.build() == nil {
		for _, ion := range m.ions {
			if !usesIon[ion.Name] {
				continue
			}
			at := func(vals []float64) func(Segment) float64 {
				return func(g Segment) float64 { return vals[g.node()] }
			}
			n := ion.Name
			ps.Ions = append(ps.Ions, Group{Name: n, Fields: Fields{
				{"e" + n, per(at(ion.E))},
				{n + "i", per(at(ion.Ci))},
				{n + "o", per(at(ion.Co))},
				{"i" + n, per(at(ion.Cur))},
				{"d" + "i" + n + "_dv_", per(at(ion.DCurDv))},
			}})
		}
	}
	return ps
}

// String formats the description as indented JSON.
func (ps PSection) String() string {
	b, err := json.MarshalIndent(ps, "", " ")
	if err != nil {
		return fmt.Sprintf("psection: %v", err)
	}
	return strings.TrimSpace(string(b))
}
