// Package morph reads neuron morphologies into the sections NEURON makes
// of them: an SWC file (NeuroMorpho.org's format) becomes, section for
// section and point for point, what NEURON 8.2's Import3D makes of it
// (Import3d_SWC_read, then Import3d_GUI(reader, 0).instantiate(None)):
// the same names (soma[0], dend[12], apic[3], axon[0]), the same
// connections and the same 3-D points, so that a model built on it has
// NEURON's geometry to the bit.
//
// Where NEURON reads a malformed file anyway (a line that is not a point,
// a parent that is not there, a second tree, ids out of order) and makes
// something of it that the file does not say, ReadSWC refuses it with the
// line.
package morph

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/diag"
)

// Cell is a morphology as NEURON's Import3D lays it out.
type Cell struct {
	// Sections in Import3D's order: the order of their first points in the
	// file, which is the order they are connected in.
	Sections []*Section
	// Warnings are what NEURON does to the file that its author may not
	// expect: sections it drops, sections of no length.
	Warnings diag.List
}

// Section is one unbranched section.
type Section struct {
	Name    string  // soma[0], axon[0], dend[3], apic[1], dend_5[0], minus_2[0]
	Type    int     // the SWC type: 1 soma, 2 axon, 3 basal dendrite, 4 apical dendrite, …
	Parent  int     // index in Cell.Sections, or -1 for the root
	ParentX float64 // where on the parent its 0 end is connected: 0, 0.5 or 1
	// Points are its 3-D points (µm), as NEURON keeps them: every value
	// read in single precision, printed with 8 significant digits by
	// Import3D's hoc, read back and stored in single precision.
	Points []Point
	// Logical, for a section that starts away from its parent (a dendrite
	// on a soma), is the point where it logically connects (NEURON's
	// pt3dstyle), which the geometry does not use.
	Logical *[3]float64
	Line    int // the file line of its first point
}

// Point is a 3-D point: position and diameter, µm.
type Point struct{ X, Y, Z, Diam float64 }

// point is one line of an SWC file.
type point struct {
	id, typ, pid int
	x, y, z, d   float64 // as NEURON reads them: single precision; d = 2r
	line         int
}

// ReadSWC reads an SWC file (name is for messages). The error is a
// diag.List, every problem at its line.
func ReadSWC(name string, data []byte) (*Cell, error) {
	file := diag.NewFile(name, data)
	var errs diag.List
	if bytes.IndexByte(data, 0) >= 0 {
		errs.Errorf(diag.NewFile(name, nil).Whole(), "a binary file (it holds NUL bytes), not SWC")
		return nil, errs
	}
	pts := parseSWC(file, &errs)
	if errs.HasErrors() {
		return nil, firstErrors(errs)
	}
	if len(pts) == 0 {
		errs.Errorf(file.Start(), "no points: an SWC file has lines of id type x y z radius parent")
		return nil, errs
	}
	index := map[int]int{}
	for i, p := range pts {
		at := lineOf(file, p.line)
		switch {
		case i > 0 && p.id <= pts[i-1].id:
			if _, dup := index[p.id]; dup {
				errs.Errorf(at, "id %d is used twice (also at line %d)", p.id, pts[index[p.id]].line)
			} else {
				errs.Errorf(at, "id %d comes after id %d: the ids must increase, as NEURON needs them to", p.id, pts[i-1].id)
			}
		case p.pid >= p.id:
			errs.Errorf(at, "point %d has parent %d: a parent must come before its children", p.id, p.pid)
		case p.pid < 0 && i > 0:
			errs.Errorf(at, "point %d is a second root (parent %d): one tree per file (the first is at line %d)", p.id, p.pid, pts[0].line)
		case p.pid >= 0 && i == 0:
			errs.Errorf(at, "the first point has parent %d: it must be the root (parent -1)", p.pid)
		case p.pid >= 0:
			if _, ok := index[p.pid]; !ok {
				errs.Errorf(at, "point %d has parent %d, which no line defines", p.id, p.pid)
			}
		}
		if p.d < 0 {
			errs.Errorf(at, "point %d has a negative radius, %g", p.id, p.d/2)
		}
		index[p.id] = i
	}
	if errs.HasErrors() {
		return nil, firstErrors(errs)
	}
	return importSWC(file, pts, index), nil
}

// firstErrors keeps the first ten errors: a file that is not SWC at all
// would otherwise give one per line.
func firstErrors(errs diag.List) diag.List {
	const most = 10
	if len(errs) <= most {
		return errs
	}
	more := len(errs) - most
	errs = errs[:most:most]
	errs.Errorf(errs[most-1].Pos, "and %d more errors", more)
	return errs
}

// parseSWC reads the points: seven numbers a line (more are ignored, as
// NEURON does), each read in single precision, as NEURON's sscanf("%f")
// reads it; comments start with #.
func parseSWC(file *diag.File, errs *diag.List) []point {
	var pts []point
	for n := 1; ; n++ {
		raw, ok := file.Line(n)
		if !ok {
			break
		}
		line := strings.TrimSpace(string(raw))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		at := diag.Pos{File: file, Line: n, Col: 1}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i] // a comment after the columns
		}
		fields := strings.Fields(line)
		if len(pts) == 0 && strings.HasPrefix(line, "(") {
			errs.Errorf(at, "this looks like a Neurolucida file (it starts with \"(\"); nmodlgo reads SWC files")
			return nil
		}
		if len(fields) < 7 {
			errs.Errorf(at, "%d fields; a point is id type x y z radius parent", len(fields))
			continue
		}
		var v [7]float64
		bad := false
		for k := range v {
			x, err := strconv.ParseFloat(fields[k], 32)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				errs.Errorf(at, "field %d, %q, is not a finite number", k+1, fields[k])
				bad = true
				break
			}
			v[k] = float64(float32(x))
		}
		if bad {
			continue
		}
		for _, k := range []int{0, 1, 6} {
			if v[k] != math.Trunc(v[k]) {
				errs.Errorf(at, "%s %s is not a whole number", [...]string{0: "id", 1: "type", 6: "parent"}[k], fields[k])
				bad = true
			}
		}
		if bad {
			continue
		}
		pts = append(pts, point{id: int(v[0]), typ: int(v[1]), x: v[2], y: v[3], z: v[4], d: v[5] * 2, pid: int(v[6]), line: n})
	}
	return pts
}

// eps is hoc's float_epsilon: Import3D's hoc compares with it.
const eps = 1e-11

func near(a, b float64) bool { return math.Abs(a-b) < eps }

// section is Import3D's Import3d_Section while it is being built.
type section struct {
	first   int // index of its first own point
	pts     []Point
	parent  *section
	parentX float64
	wire    bool // pts[0] is only the logical connection point (pt3dstyle)
	typ     int
}

// importSWC groups the points into sections as Import3d_SWC_read does
// (mark_branch, sectionify, mksection) and then prunes and names them as
// Import3d_GUI.instantiate does (chk_valid, set_nameindex). The points are
// well formed: ids increase, every parent is an earlier point, only the
// first is a root.
func importSWC(file *diag.File, pts []point, index map[int]int) *Cell {
	n := len(pts)
	parent := make([]int, n) // index of the parent point, -1 for the root
	for i, p := range pts {
		parent[i] = -1
		if p.pid >= 0 {
			parent[i] = index[p.pid]
		}
	}
	typ := func(i int) float64 { return float64(pts[i].typ) }

	// mark_branch: a point ends a section unless it has exactly one child,
	// which follows it in the file and has its type.
	nchild := make([]float64, n)
	connect2prox := make([]bool, n)
	for i := range pts {
		p := parent[i]
		if p < 0 {
			continue
		}
		nchild[p]++
		if p != i-1 {
			nchild[p] += 0.01
			if p > 1 {
				if !near(typ(p), 1) && near(typ(parent[p]), 1) {
					connect2prox[i] = true
					nchild[p] = 1
				}
			} else if p == 0 && !near(typ(p), 1) {
				connect2prox[i] = true
				nchild[p] = 1
			}
		}
		if !near(typ(p), typ(i)) {
			nchild[p] += 0.01
		}
	}

	// sectionify: a run of soma points stays one section.
	nchildSoma := make([]int, n)
	nsoma := 0
	for i := range pts {
		if near(typ(i), 1) {
			nsoma++
			if i > 0 && parent[i] >= 0 && near(typ(parent[i]), 1) {
				nchildSoma[parent[i]]++
			}
		}
	}
	sphere := nsoma == 3 && neuromorphSoma(pts, parent, nchild)
	if sphere {
		parent[2] = 1 // Import3D's pid[2] = id[1]
	}
	for i := 0; i < n-1; i++ {
		if near(typ(i), 1) && near(typ(i+1), 1) && parent[i+1] == i && !(i != 0 && nchildSoma[i] > 1) {
			nchild[i] = 1
		}
	}
	var ends []int // the last point of each section
	for i := range pts {
		if !near(nchild[i], 1) {
			ends = append(ends, i)
		}
	}
	point2sec := make([]int, n)
	for i, si := 1, 0; i < n; i++ {
		if i > ends[si] {
			si++
		}
		point2sec[i] = si
	}

	// mksection
	pt := func(k int) Point { return Point{pts[k].x, pts[k].y, pts[k].z, pts[k].d} }
	var secs []*section
	mksection := func(isec, first, end int) {
		sec := &section{first: first, parentX: 1}
		if isec == 0 {
			if sphere {
				end = 1
			}
			for k := first; k < end; k++ {
				sec.pts = append(sec.pts, pt(k))
			}
		} else {
			pix := parent[first]
			psec := secs[point2sec[pix]]
			sec.parent = psec
			own := end - first
			conSoma := near(float64(psec.typ), 1)
			denConSoma := conSoma && !near(typ(first), 1)
			handled := false
			if psec == secs[0] {
				handled = true
				switch {
				case denConSoma && len(psec.pts) == 1:
					sec.parentX = 0.5
					sec.wire = own > 1
				case pix == psec.first:
					sec.parentX = 0
					sec.wire = !near(typ(first), 1) && nchildSoma[pix] > 1
				default:
					handled = false
				}
			}
			if !handled && conSoma {
				offset := -2
				if psec.first == 0 {
					offset = -1
				}
				if pix < psec.first+len(psec.pts)+offset {
					sec.parentX = 0.5
					sec.wire = denConSoma && own > 1
				} else if own > 1 && nchildSoma[pix] > 1 && !near(typ(first), 1) {
					sec.wire = true
				}
			}
			sec.pts = append(sec.pts, pt(pix))
			for k := first; k < end; k++ {
				sec.pts = append(sec.pts, pt(k))
			}
		}
		sec.typ = pts[first].typ
		secs = append(secs, sec)
		if sec.parent != nil && near(float64(sec.parent.typ), 1) && !near(float64(sec.typ), 1) {
			sec.pts[0].Diam = sec.pts[1].Diam // a dendrite leaves the soma with its own diameter
		}
		if connect2prox[first] {
			sec.parentX = 0
		}
	}
	first := 0
	for i := range pts {
		if point2sec[i] > len(secs) {
			mksection(len(secs), first, i)
			first = i
		}
	}
	mksection(len(secs), first, n)

	// chk_valid: a section left with one point, or two at one place, goes;
	// its children take its place on its parent.
	var warnings diag.List
	for i := len(secs) - 1; i >= 0; i-- {
		sec := secs[i]
		if sec.parent == nil {
			continue
		}
		usable := sec.pts
		if sec.wire {
			usable = usable[1:]
		}
		if len(usable) > 2 || len(usable) == 2 && !(near(usable[0].X, usable[1].X) && near(usable[0].Y, usable[1].Y) && near(usable[0].Z, usable[1].Z)) {
			continue
		}
		secs = append(secs[:i], secs[i+1:]...)
		children := 0
		for _, s := range secs[i:] {
			if s.parent == sec {
				s.parent, s.parentX = sec.parent, sec.parentX
				children++
			}
		}
		what := "one point"
		if len(usable) == 2 {
			what = "two points at one place"
		}
		warnings.Warnf(lineOf(file, pts[sec.first].line), "a section of %s, dropped as NEURON drops it (%d child sections moved to its parent)", what, children)
	}
	cell := name(secs, pts)
	for _, s := range cell.Sections {
		if len(s.Points) > 2 && allAtOnePlace(s.Points) {
			warnings.Warnf(lineOf(file, s.Line), "%s: its %d points are at one place, so NEURON makes it 1e-9 µm long; its axial resistance is then near 0 and the cable equations ill-conditioned", s.Name, len(s.Points))
		}
	}
	slices.SortStableFunc(warnings, func(a, b diag.Diagnostic) int { return a.Pos.Line - b.Pos.Line })
	cell.Warnings = warnings
	return cell
}

func lineOf(file *diag.File, line int) diag.Pos { return diag.Pos{File: file, Line: line, Col: 1} }

func allAtOnePlace(pts []Point) bool {
	for _, p := range pts[1:] {
		if p.X != pts[0].X || p.Y != pts[0].Y || p.Z != pts[0].Z {
			return false
		}
	}
	return true
}

// neuromorphSoma reports whether the three soma points are NeuroMorpho.org's
// sphere: a centre and two points one radius away on either side, all of
// one diameter (Import3D's neuromorph_3point_soma).
func neuromorphSoma(pts []point, parent []int, nchild []float64) bool {
	if parent[1] != 0 || parent[2] != 0 || !near(nchild[1], 0) || !near(nchild[2], 0) {
		return false
	}
	if !near(pts[1].d, pts[0].d) || !near(pts[2].d, pts[0].d) {
		return false
	}
	length := 0.0
	for _, i := range []int{1, 2} {
		dx, dy, dz := pts[i].x-pts[0].x, pts[i].y-pts[0].y, pts[i].z-pts[0].z
		length += math.Sqrt(dx*dx + dy*dy + dz*dz)
	}
	return math.Abs(length/pts[0].d-1) < 0.01-eps
}

// name gives the sections Import3D's names (soma[0], dend[4], …, numbered
// per type in list order) and makes their points what hoc receives.
func name(secs []*section, pts []point) *Cell {
	index := map[int]int{}
	at := map[*section]int{}
	cell := &Cell{}
	for i, s := range secs {
		at[s] = i
		out := &Section{Name: fmt.Sprintf("%s[%d]", typeName(s.typ), index[s.typ]), Type: s.typ, Parent: -1, ParentX: s.parentX, Line: pts[s.first].line}
		index[s.typ]++
		if s.parent != nil {
			out.Parent = at[s.parent]
		}
		points := s.pts
		if s.wire {
			out.Logical = &[3]float64{hocNumber(points[0].X), hocNumber(points[0].Y), hocNumber(points[0].Z)}
			points = points[1:]
		}
		if len(points) == 1 { // sphere_rep: a cylinder as long as it is wide
			p := points[0]
			points = []Point{{p.X - p.Diam/2, p.Y, p.Z, p.Diam}, p, {p.X + p.Diam/2, p.Y, p.Z, p.Diam}}
		}
		for _, p := range points {
			out.Points = append(out.Points, Point{hocNumber(p.X), hocNumber(p.Y), hocNumber(p.Z), hocNumber(p.Diam)})
		}
		cell.Sections = append(cell.Sections, out)
	}
	return cell
}

// hocNumber is v as NEURON keeps it after Import3D has handed it to hoc:
// printed with %.8g, read back, stored in single precision.
func hocNumber(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 8, 64), 64)
	return float64(float32(r))
}

// typeName is Import3D's name for an SWC type.
func typeName(t int) string {
	switch {
	case t == 1:
		return "soma"
	case t == 2:
		return "axon"
	case t == 3:
		return "dend"
	case t == 4:
		return "apic"
	case t < 0:
		return fmt.Sprintf("minus_%d", -t)
	}
	return fmt.Sprintf("dend_%d", t)
}
