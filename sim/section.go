package sim

import (
	"github.com/nmodlgo/nmodlgo/mechimpl"
	"slices"

	"fmt"
	"math"
)

// Section is an unbranched cylinder of membrane, discretised into nseg
// segments of equal length. Sections are made by Model.NewSection.
type Section struct {
	model    *Model
	name     string
	l        float64   // µm
	segDiam  []float64 // µm, per segment (NEURON's MORPHOLOGY param)
	pts      []pt3d    // 3-D points, if any
	ra, cm   float64   // Ω·cm, µF/cm²
	nseg     int
	parent   *Section
	parentX  float64
	children []*Section
	mechs    []*densityInsert // inserted density mechanisms, in order

	// Set by the tree build.
	firstNode  int  // node of segment 0; segment i is firstNode+i, x=1 is firstNode+nseg
	placed     bool // laid out by a build, with placedNseg segments then
	placedNseg int
	startNode  int // node at x = 0 (the parent's node, or this root's own)
}

// densityInsert is one density mechanism inserted in a section: an
// instance per segment.
type densityInsert struct {
	mt   *mechType
	inst []*instance // per segment
}

// Name returns the section's name.
func (s *Section) Name() string {
	if s == nil {
		return ""
	}
	return s.name
}

// L returns the length in µm (from the 3-D points, if it has them).
func (s *Section) L() float64 {
	if s == nil {
		return math.NaN()
	}
	return s.length()
}

// Diam returns the diameter in µm of the segment at x = 0.5, as NEURON's
// sec.diam (with 3-D points, the mean diameter of that segment).
func (s *Section) Diam() float64 {
	if s == nil {
		return math.NaN()
	}
	s.model.build() // an error stays for the next run to report
	return s.segDiam[s.At(0.5).index()]
}

// Ra returns the axial resistivity in Ω·cm.
func (s *Section) Ra() float64 {
	if s == nil {
		return math.NaN()
	}
	return s.ra
}

// Cm returns the specific membrane capacitance in µF/cm².
func (s *Section) Cm() float64 {
	if s == nil {
		return math.NaN()
	}
	return s.cm
}

// Nseg returns the number of segments.
func (s *Section) Nseg() int {
	if s == nil {
		return 0
	}
	return s.nseg
}

// Parent returns the section this one is connected to, or nil for a root.
func (s *Section) Parent() *Section {
	if s == nil {
		return nil
	}
	return s.parent
}

// ParentX returns where on its parent the section's 0 end is connected (0
// for a root), as NEURON's sec.parentseg().x.
func (s *Section) ParentX() float64 {
	if s == nil {
		return 0
	}
	return s.parentX
}

// Children returns the sections connected to this one, in the order they
// were connected.
func (s *Section) Children() []*Section {
	if s == nil {
		return nil
	}
	return slices.Clone(s.children)
}

func positive(sec, what string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return errorf("section "+sec, "%s must be a positive number, got %g", what, v)
	}
	return nil
}

// SetL sets the length in µm.
func (s *Section) SetL(l float64) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	if err := positive(s.name, "L", l); err != nil {
		return err
	}
	if len(s.pts) > 1 {
		s.scalePoints(l) // as NEURON's nrn_length_change
	}
	s.l = l
	s.model.changed()
	return nil
}

// SetDiam sets the diameter in µm of every segment; 3-D points, if the
// section has them, all take that diameter, as in NEURON.
func (s *Section) SetDiam(d float64) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	if err := positive(s.name, "diam", d); err != nil {
		return err
	}
	for i := range s.segDiam {
		s.segDiam[i] = d
	}
	s.diamsToPoints()
	s.model.changed()
	return nil
}

// SetRa sets the axial resistivity in Ω·cm.
func (s *Section) SetRa(ra float64) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	if err := positive(s.name, "Ra", ra); err != nil {
		return err
	}
	s.ra = ra
	s.model.changed()
	return nil
}

// SetCm sets the specific membrane capacitance in µF/cm².
func (s *Section) SetCm(cm float64) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	if math.IsNaN(cm) || math.IsInf(cm, 0) || cm < 0 {
		return errorf("section "+s.name, "cm must be a non-negative number, got %g", cm)
	}
	s.cm = cm
	s.model.changed()
	return nil
}

// SetNseg sets the number of segments. Mechanism values of a new segment
// are taken from the old segment that contained its centre, as NEURON does.
func (s *Section) SetNseg(n int) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	if n < 1 {
		return errorf("section "+s.name, "nseg must be at least 1, got %d", n)
	}
	if n > maxNseg {
		return errorf("section "+s.name, "nseg %d is more than NEURON's limit of %d", n, maxNseg)
	}
	if n == s.nseg {
		return nil
	}
	for _, di := range s.mechs {
		old := di.inst
		di.inst = make([]*instance, n)
		for i := range di.inst {
			src := old[min(int((float64(i)+0.5)/float64(n)*float64(len(old))), len(old)-1)]
			di.inst[i] = di.mt.clone(src, s, segX(i, n))
		}
		for _, o := range old {
			di.mt.remove(o)
		}
	}
	old := s.segDiam
	s.segDiam = make([]float64, n)
	for i := range s.segDiam {
		s.segDiam[i] = old[min(int((float64(i)+0.5)/float64(n)*float64(len(old))), len(old)-1)]
	}
	s.nseg = n
	s.model.changed()
	return nil
}

// maxNseg is NEURON's largest nseg.
const maxNseg = 32767

// segX is the centre of segment i of n.
func segX(i, n int) float64 { return (float64(i) + 0.5) / float64(n) }

// Connect attaches this section's x = 0 end to the parent at parentX, as
// NEURON's child.connect(parent(parentX)).
func (s *Section) Connect(parent *Section, parentX float64) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	if parent == nil {
		return errorf("section "+s.name, "connect: parent section is nil")
	}
	if parent.model != s.model {
		return errorf("section "+s.name, "connect: %s belongs to another model", parent.name)
	}
	if err := checkX(parent.name, parentX); err != nil {
		return fmt.Errorf("connect %s: %w", s.name, err)
	}
	for p := parent; p != nil; p = p.parent {
		if p == s {
			return errorf("section "+s.name, "connect to %s would make a loop", parent.name)
		}
	}
	if s.parent != nil {
		s.parent.children = removeSection(s.parent.children, s)
	}
	s.parent, s.parentX = parent, parentX
	parent.children = append(parent.children, s)
	s.model.changed()
	return nil
}

func removeSection(list []*Section, s *Section) []*Section {
	for i, c := range list {
		if c == s {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return list
}

func checkX(sec string, x float64) error {
	if !(x >= 0 && x <= 1) {
		return errorf("section "+sec, "x must be in [0, 1], got %g", x)
	}
	return nil
}

// Insert adds a density mechanism to every segment of the section, with
// its default parameters. Inserting one already present does nothing, as
// in NEURON.
func (s *Section) Insert(mech Mechanism) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	mt, err := s.model.register(mech)
	if err != nil {
		return err
	}
	if mt.info.Kind != mechimpl.KindDensity {
		return errorf("section "+s.name, "cannot insert %s: it is a %s; place it with NewPointProcess", mt.info.Name, mt.info.Kind)
	}
	return s.insert(mt)
}

// InsertByName inserts the density mechanism registered under name.
func (s *Section) InsertByName(name string) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	mt, err := s.model.mechType(name)
	if err != nil {
		return errorf("section "+s.name, "insert: %v", err)
	}
	if mt.info.Kind != mechimpl.KindDensity {
		return errorf("section "+s.name, "cannot insert %s: it is a %s; place it with NewPointProcess", name, mt.info.Kind)
	}
	return s.insert(mt)
}

func (s *Section) insert(mt *mechType) error {
	if s.mechanism(mt.info.Name) != nil {
		return nil
	}
	di := &densityInsert{mt: mt, inst: make([]*instance, s.nseg)}
	mt.reserve(s.nseg)
	for i := range di.inst {
		di.inst[i] = mt.add(s, segX(i, s.nseg))
	}
	s.mechs = append(s.mechs, di)
	s.model.changed()
	return nil
}

// Uninsert removes a density mechanism from the section.
func (s *Section) Uninsert(name string) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	for i, di := range s.mechs {
		if di.mt.info.Name == name {
			for _, in := range di.inst {
				di.mt.remove(in)
			}
			s.mechs = append(s.mechs[:i:i], s.mechs[i+1:]...)
			s.model.changed()
			return nil
		}
	}
	return errorf("section "+s.name, "uninsert: mechanism %q is not inserted here", name)
}

// Has reports whether the density mechanism name is inserted.
func (s *Section) Has(name string) bool { return s != nil && s.mechanism(name) != nil }

func (s *Section) mechanism(name string) *densityInsert {
	for _, di := range s.mechs {
		if di.mt.info.Name == name {
			return di
		}
	}
	return nil
}

// At returns the segment containing x (0 ≤ x ≤ 1), as NEURON's sec(x).
// An x outside [0, 1] is reported by whatever uses the segment.
func (s *Section) At(x float64) Segment { return Segment{sec: s, x: x} }

// Segments returns the nseg segments, from x = 0 to x = 1.
func (s *Section) Segments() []Segment {
	if s == nil {
		return nil
	}
	segs := make([]Segment, s.nseg)
	for i := range segs {
		segs[i] = Segment{sec: s, x: segX(i, s.nseg)}
	}
	return segs
}

// Set sets a variable on every segment, as NEURON's sec.gnabar_hh = 0.1:
// soma.Set(hh.Gnabar, 0.1).
func (s *Section) Set(name Var, value float64) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	for _, seg := range s.Segments() {
		if err := seg.Set(name, value); err != nil {
			return err
		}
	}
	return nil
}

// Segment is a location on a section, as NEURON's sec(x).
type Segment struct {
	sec *Section
	x   float64
}

// Section returns the segment's section.
func (g Segment) Section() *Section { return g.sec }

// X returns the location along the section, 0 … 1.
func (g Segment) X() float64 { return g.x }

// String names the segment as NEURON prints it: soma(0.166667).
func (g Segment) String() string { return fmt.Sprintf("%s(%.6g)", g.sec.Name(), g.x) }

func (g Segment) check() error {
	if g.sec == nil {
		return fmt.Errorf("segment of a nil section")
	}
	return checkX(g.sec.name, g.x)
}

// index is the segment that holds x; x = 0 and x = 1 map to the end
// segments (their mechanisms), as NEURON does for range variables.
func (g Segment) index() int {
	return min(int(g.x*float64(g.sec.nseg)), g.sec.nseg-1)
}

// node is the tree node of x: the x = 0 or x = 1 end node, or the centre of
// the segment that contains x. Valid after a tree build.
func (g Segment) node() int {
	switch {
	case g.x == 0:
		return g.sec.startNode
	case g.x == 1:
		return g.sec.firstNode + g.sec.nseg
	}
	return g.sec.firstNode + g.index()
}

// Area returns the membrane area of the segment in µm².
func (g Segment) Area() float64 {
	if g.check() != nil || g.sec.model.build() != nil {
		return math.NaN()
	}
	if g.x == 0 || g.x == 1 {
		return 0
	}
	return g.sec.model.ctx.Area[g.node()]
}

// Ri returns the axial resistance (MΩ) between the segment's node and the
// node before it, as NEURON's seg.ri(): from the previous segment's centre
// (for the first segment, from the section's x = 0 end); at x = 0 the
// parent's node's (1e30 for a root); at x = 1 from the last centre.
func (g Segment) Ri() float64 {
	if g.check() != nil || g.sec.model.build() != nil {
		return math.NaN()
	}
	rinv := g.sec.model.rinv[g.node()]
	if rinv == 0 {
		return 1e30
	}
	return 1. / rinv
}

// Get returns a variable of the segment by its NEURON name: "v",
// "diam", "cm", a mechanism variable "m_hh", or an ion variable "ena".
func (g Segment) Get(name Var) (_ float64, err error) {
	if g.sec == nil {
		return 0, errNilSection
	}
	defer g.sec.model.note(&err)
	p, err := g.addr(string(name))
	if err != nil {
		return 0, err
	}
	return *p, nil
}

// Has reports whether the segment has the variable (m_hh only where hh
// is inserted).
func (g Segment) Has(name Var) bool {
	if g.sec == nil || g.check() != nil {
		return false
	}
	_, err := g.addr(string(name))
	return err == nil
}

// Set sets a variable of the segment by its NEURON name.
func (g Segment) Set(name Var, value float64) (err error) {
	if g.sec == nil {
		return errNilSection
	}
	defer g.sec.model.note(&err)
	p, err := g.addr(string(name))
	if err != nil {
		return err
	}
	if !finite(value) {
		return fmt.Errorf("%s: %s must be a finite number, got %g", g, name, value)
	}
	if name == "v" || name == "diam" || name == "cm" {
		return g.setSpecial(string(name), value)
	}
	*p = value
	return nil
}

func (g Segment) setSpecial(name string, value float64) error {
	switch name {
	case "diam":
		// One segment's, as NEURON's seg.diam = d; the 3-D points take the
		// diameters of their segments.
		if err := positive(g.sec.name, "diam", value); err != nil {
			return err
		}
		g.sec.segDiam[g.index()] = value
		g.sec.diamsToPoints()
		g.sec.model.changed()
		return nil
	case "cm":
		return g.sec.SetCm(value)
	}
	m := g.sec.model
	if err := m.build(); err != nil {
		return err
	}
	m.ctx.V[g.node()] = value
	return nil
}

// addr finds the storage of a named variable of the segment.
func (g Segment) addr(name string) (*float64, error) {
	if err := g.check(); err != nil {
		return nil, err
	}
	m := g.sec.model
	switch name {
	case "v":
		if err := m.build(); err != nil {
			return nil, err
		}
		return &m.ctx.V[g.node()], nil
	case "diam":
		if err := m.build(); err != nil { // the mean diameter of 3-D points
			return nil, err
		}
		return &g.sec.segDiam[g.index()], nil
	case "cm":
		return &g.sec.cm, nil
	}
	for _, di := range g.sec.mechs {
		suffix := "_" + di.mt.info.Name
		if len(name) > len(suffix) && name[len(name)-len(suffix):] == suffix {
			if p := di.inst[g.index()].addr(name[:len(name)-len(suffix)]); p != nil {
				return p, nil
			}
		}
	}
	for _, ion := range m.ions {
		if _, ok := ion.variable(name); ok {
			// (before the first layout the ion has no values yet)
			if err := m.build(); err != nil {
				return nil, err
			}
			n := g.node()
			if !ion.Present[n] {
				return nil, errorf(g.String(), "ion %s is not used by any mechanism here", ion.Name)
			}
			values, _ := ion.variable(name)
			return &values[n], nil
		}
	}
	return nil, errorf(g.String(), "no variable %q (known: %s)", name, nameList(g.names()))
}

// names lists what Get and Set accept at this segment.
func (g Segment) names() []string {
	names := []string{"v", "diam", "cm"}
	ions := map[string]bool{}
	for _, di := range g.sec.mechs {
		for _, vi := range di.mt.info.Vars {
			if vi.Public {
				names = append(names, vi.Name+"_"+di.mt.info.Name)
			}
		}
		for _, u := range di.mt.info.Ions {
			if n := u.Name; !ions[n] { // once, however many mechanisms use it
				ions[n] = true
				names = append(names, "e"+n, n+"i", n+"o", "i"+n)
			}
		}
	}
	return names
}

// SetPointer points POINTER name of the density mechanism mech in the
// segment at ref, as NEURON's h.setpointer(ref, name, seg.mech).
func (g Segment) SetPointer(mech, name string, ref Ref) (err error) {
	if g.sec == nil {
		return errNilSection
	}
	defer g.sec.model.note(&err)
	if err := g.check(); err != nil {
		return fmt.Errorf("setpointer %s: %w", name, err)
	}
	di := g.sec.mechanism(mech)
	if di == nil {
		return fmt.Errorf("setpointer %s: %s is not inserted in %s", name, mech, g.sec.name)
	}
	return di.inst[g.index()].setPointer(name, ref)
}
