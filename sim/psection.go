package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/mechimpl"
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

	hoc string // what String returns
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
	if s == nil {
		return PSection{hoc: "<nil section>"}
	}
	m := s.model
	segs := s.Segments()
	per := func(f func(Segment) float64) []float64 {
		vals := make([]float64, len(segs))
		for i, g := range segs {
			vals[i] = f(g)
		}
		return vals
	}
	m.build() // for the diameters of 3-D points; an error stays for the run
	pts3d := [][]float64{}
	for _, p := range s.Points() {
		pts3d = append(pts3d, []float64{p.X, p.Y, p.Z, p.Diam})
	}
	ps := PSection{
		PointProcesses: Fields{},
		DensityMechs:   Groups{},
		Ions:           Groups{},
		Morphology: Morphology{
			L:     s.length(),
			Diam:  per(func(g Segment) float64 { return s.segDiam[g.index()] }),
			Pts3d: pts3d,
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
	ps.hoc = s.hocPSection()
	return ps
}

// hocPSection is hoc's psection() of the section.
func (s *Section) hocPSection() string {
	var b strings.Builder
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
	fmt.Fprintf(&b, "%s { nseg=%d  L=%s  Ra=%s\n", s.name, s.nseg, g(s.length()), g(s.ra))
	if s.parent == nil {
		cell := 0
		for _, r := range s.model.sections {
			if r == s {
				break
			}
			if r.parent == nil {
				cell++
			}
		}
		fmt.Fprintf(&b, "\t/*location 0 attached to cell %d*/\n", cell)
	} else {
		fmt.Fprintf(&b, "\t%s connect %s (0), %s\n", s.parent.name, s.name, g(s.parentX))
	}
	b.WriteString("\t/* First segment only */\n")
	fmt.Fprintf(&b, "\tinsert morphology { diam=%s}\n", g(s.segDiam[0]))
	fmt.Fprintf(&b, "\tinsert capacitance { cm=%s}\n", g(s.cm))
	params := func(info *MechInfo, value func(name string) float64, suffix string) string {
		var fs []string
		for _, v := range info.Vars {
			if v.Public && v.Kind == mechimpl.Parameter {
				fs = append(fs, v.Name+suffix+"="+g(value(v.Name)))
			}
		}
		return strings.Join(fs, " ")
	}
	ions := map[string]bool{}
	for _, di := range s.mechs {
		in := di.inst[0]
		fmt.Fprintf(&b, "\tinsert %s { %s}\n", di.mt.info.Name, params(di.mt.info, func(n string) float64 { return *in.addr(n) }, "_"+di.mt.info.Name))
		for _, u := range di.mt.info.Ions {
			ions[u.Name] = true
		}
	}
	if len(ions) > 0 && s.model.build() == nil {
		node := Segment{sec: s, x: 0.5 / float64(s.nseg)}.node()
		for _, ion := range s.model.ions {
			if ions[ion.Name] {
				fmt.Fprintf(&b, "\tinsert %s_ion { e%s=%s}\n", ion.Name, ion.Name, g(ion.E[node]))
			}
		}
	}
	for _, pp := range s.model.points {
		if pp.in.sec == s {
			fmt.Fprintf(&b, "\tinsert %s { %s}\n", pp.in.mt.info.Name, params(pp.in.mt.info, func(n string) float64 { x, _ := pp.Get(Var(n)); return x }, ""))
		}
	}
	b.WriteString("}")
	return b.String()
}

// JSON returns the description as indented JSON, NEURON's
// sec.psection() dict.
func (ps PSection) JSON() string {
	b, err := json.MarshalIndent(ps, "", " ")
	if err != nil {
		return fmt.Sprintf("psection: %v", err)
	}
	return string(b)
}

// String returns the description as hoc's psection() prints it: the
// geometry, the connection, and the PARAMETERs of every mechanism, ion
// and point process in the first segment.
//
//	soma { nseg=1  L=20  Ra=35.4
//		/*location 0 attached to cell 0*/
//		/* First segment only */
//		insert morphology { diam=20}
//		insert capacitance { cm=1}
//		insert hh { gnabar_hh=0.12 gkbar_hh=0.036 gl_hh=0.0003 el_hh=-54.3}
//		insert na_ion { ena=50}
//		insert k_ion { ek=-77}
//		insert IClamp { del=2 dur=0.1 amp=0.9}
//	}
func (ps PSection) String() string { return ps.hoc }
