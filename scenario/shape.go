package scenario

import (
	"fmt"
	"math"

	"github.com/nmodlgo/nmodlgo/sim"
)

// Shape is the model drawn as its segments, with a variable recorded at
// each of them, for a shape plot (NEURON's PlotShape).
type Shape struct {
	What     string // the variable: v, or a RANGE variable such as m_hh
	Quantity string // with its unit, for a colour bar: "v (mV)"
	Segments []ShapeSegment
	t        *sim.Vector
	vectors  []*sim.Vector // per segment; nil where the variable is not
}

// ShapeSegment is one segment: where it lies, and how thick it is.
type ShapeSegment struct {
	Name string        // soma[0](0.5)
	Path []sim.Point3D // from its start to its end, µm (Diam unused)
	Diam float64       // µm
}

// T returns the times (ms) of the recorded rows.
func (sh *Shape) T() []float64 { return sh.t.Values() }

// Values returns segment i's recorded values, or nil where the variable is
// not (m_hh in a section without hh).
func (sh *Shape) Values(i int) []float64 {
	if sh.vectors[i] == nil {
		return nil
	}
	return sh.vectors[i].Values()
}

// RecordShape records what (v or a RANGE variable) at every segment of the
// model, in the rows the trace has, and lays the segments out along their
// sections' 3-D points. A section without points is drawn as a straight
// line off its parent (NEURON's define_shape lays such sections out its
// own way; the plot does not claim to be its picture of them).
func (bm *Model) RecordShape(what string) (*Shape, error) {
	sh := &Shape{What: what, Quantity: what, t: bm.vectors[0]}
	if what == "v" {
		sh.Quantity = "v (mV)"
	}
	paths := map[*sim.Section][]sim.Point3D{}
	found := false
	for _, sec := range bm.Sections() {
		path := sectionPath(sec, paths)
		l := sec.L()
		for _, g := range sec.Segments() {
			n := float64(sec.Nseg())
			i := math.Round(g.X()*n - 0.5)
			seg := ShapeSegment{Name: g.String(), Path: cut(path, l, i/n*l, (i+1)/n*l)}
			seg.Diam, _ = g.Get("diam")
			var vec *sim.Vector
			if g.Has(sim.Var(what)) {
				record := bm.Record
				if bm.Scenario.RecordInterval > 0 {
					record = func(ref sim.Ref) (*sim.Vector, error) { return bm.RecordEvery(ref, bm.Scenario.RecordInterval) }
				}
				var err error
				if vec, err = record(g.Ref(sim.Var(what))); err != nil {
					return nil, err
				}
				found = true
			}
			sh.Segments = append(sh.Segments, seg)
			sh.vectors = append(sh.vectors, vec)
		}
	}
	if !found {
		return nil, fmt.Errorf("shape: no segment has %q", what)
	}
	return sh, nil
}

// sectionPath returns the section's path from its 0 end to its 1 end: its
// 3-D points, or a straight line of length L from where it joins its
// parent, turned from the parent's direction there by 30° per sibling
// without points.
func sectionPath(sec *sim.Section, paths map[*sim.Section][]sim.Point3D) []sim.Point3D {
	if p, ok := paths[sec]; ok {
		return p
	}
	var path []sim.Point3D
	if pts := sec.Points(); len(pts) >= 2 {
		path = pts
	} else {
		start, dir := sim.Point3D{}, [2]float64{1, 0}
		if parent := sec.Parent(); parent != nil {
			pp := sectionPath(parent, paths)
			start = at(pp, parent.L(), sec.ParentX()*parent.L())
			dir = direction(pp)
			turn := 0
			for _, sib := range parent.Children() {
				if sib == sec {
					break
				}
				if len(sib.Points()) < 2 {
					turn++
				}
			}
			a := float64((turn+1)/2) * math.Pi / 6
			if turn%2 == 1 {
				a = -a
			}
			dir = [2]float64{dir[0]*math.Cos(a) - dir[1]*math.Sin(a), dir[0]*math.Sin(a) + dir[1]*math.Cos(a)}
		}
		l := sec.L()
		path = []sim.Point3D{start, {X: start.X + dir[0]*l, Y: start.Y + dir[1]*l, Z: start.Z}}
	}
	paths[sec] = path
	return path
}

// direction is the unit vector, in x-y, of the path's last piece.
func direction(path []sim.Point3D) [2]float64 {
	for i := len(path) - 1; i > 0; i-- {
		dx, dy := path[i].X-path[i-1].X, path[i].Y-path[i-1].Y
		if r := math.Hypot(dx, dy); r > 0 {
			return [2]float64{dx / r, dy / r}
		}
	}
	return [2]float64{1, 0}
}

// arcs returns the path length from the start to each point, scaled so
// that the last is l.
func arcs(path []sim.Point3D, l float64) []float64 {
	a := make([]float64, len(path))
	for i := 1; i < len(path); i++ {
		p, q := path[i-1], path[i]
		a[i] = a[i-1] + math.Sqrt((q.X-p.X)*(q.X-p.X)+(q.Y-p.Y)*(q.Y-p.Y)+(q.Z-p.Z)*(q.Z-p.Z))
	}
	if total := a[len(a)-1]; total > 0 {
		for i := range a {
			a[i] *= l / total
		}
	}
	return a
}

// at is the point at arc length s along the path.
func at(path []sim.Point3D, l, s float64) sim.Point3D {
	a := arcs(path, l)
	for i := 1; i < len(path); i++ {
		if s <= a[i] || i == len(path)-1 {
			f := 0.0
			if a[i] > a[i-1] {
				f = math.Min(math.Max((s-a[i-1])/(a[i]-a[i-1]), 0), 1)
			}
			p, q := path[i-1], path[i]
			return sim.Point3D{X: p.X + f*(q.X-p.X), Y: p.Y + f*(q.Y-p.Y), Z: p.Z + f*(q.Z-p.Z)}
		}
	}
	return path[0]
}

// cut is the piece of the path from arc length s0 to s1.
func cut(path []sim.Point3D, l, s0, s1 float64) []sim.Point3D {
	a := arcs(path, l)
	out := []sim.Point3D{at(path, l, s0)}
	for i, p := range path {
		if a[i] > s0 && a[i] < s1 {
			out = append(out, p)
		}
	}
	return append(out, at(path, l, s1))
}
