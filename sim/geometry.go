package sim

import (
	"fmt"
	"math"
)

// pt3d is a 3-D point as NEURON keeps it (section.h): position and
// diameter in single precision, the arc length from the first point in
// double. The geometry is computed from these values, so that it is
// NEURON's to the bit.
type pt3d struct {
	x, y, z, d float32
	arc        float64
}

// Point3D is a 3-D point of a section: its position and its diameter, in
// µm, as NEURON stores them (in single precision).
type Point3D struct {
	X, Y, Z, Diam float64
}

// Pt3dAdd appends a 3-D point (µm), as NEURON's sec.pt3dadd(x, y, z,
// diam). With two or more points the section's length is the path length
// through them, and the area and axial resistance of each segment are
// integrated over the frusta between them; its diameters follow.
func (s *Section) Pt3dAdd(x, y, z, diam float64) (err error) {
	if s == nil {
		return errNilSection
	}
	defer s.model.note(&err)
	for _, c := range []struct {
		name string
		v    float64
	}{{"x", x}, {"y", y}, {"z", z}, {"diam", diam}} {
		if !finite(c.v) {
			return errorf("section "+s.name, "pt3dadd: %s must be a finite number, got %g", c.name, c.v)
		}
	}
	if diam < 0 {
		return errorf("section "+s.name, "pt3dadd: diam %g is negative, which marks a spine in NEURON; nmodlgo does not support spines", diam)
	}
	s.pts = append(s.pts, pt3d{x: float32(x), y: float32(y), z: float32(z), d: float32(diam)})
	s.arcsFrom(len(s.pts) - 1)
	s.model.changed()
	return nil
}

// Pt3dClear removes the section's 3-D points, as NEURON's pt3dclear: the
// section is a chain of cylinders again, with the length and the segment
// diameters the points last gave it.
func (s *Section) Pt3dClear() {
	if s == nil {
		return
	}
	s.pts = s.pts[:0]
	s.model.changed()
}

// Points returns the section's 3-D points.
func (s *Section) Points() []Point3D {
	if s == nil {
		return nil
	}
	out := make([]Point3D, len(s.pts))
	for i, p := range s.pts {
		out[i] = Point3D{float64(p.x), float64(p.y), float64(p.z), float64(p.d)}
	}
	return out
}

// Arc3d returns the path length (µm) from the first 3-D point to point i,
// as NEURON's sec.arc3d(i).
func (s *Section) Arc3d(i int) (float64, error) {
	if s == nil {
		return 0, errNilSection
	}
	if i < 0 || i >= len(s.pts) {
		return 0, fmt.Errorf("section %s: arc3d(%d): it has %d 3-D points", s.name, i, len(s.pts))
	}
	return s.pts[i].arc, nil
}

// arcsFrom recomputes the arc lengths from point i on, and L, as NEURON's
// nrn_pt3dmodified: each coordinate difference in single precision.
func (s *Section) arcsFrom(i int) {
	if i == 0 {
		s.pts[0].arc = 0
		i = 1
	}
	for ; i < len(s.pts); i++ {
		p, q := &s.pts[i-1], &s.pts[i]
		t1 := float64(q.x - p.x)
		t2 := float64(q.y - p.y)
		t3 := float64(q.z - p.z)
		q.arc = p.arc + math.Sqrt(t1*t1+t2*t2+t3*t3)
	}
	s.l = s.pts[len(s.pts)-1].arc
}

// length is NEURON's section_length: L, and at least 1e-9 µm.
func (s *Section) length() float64 {
	if len(s.pts) > 0 {
		s.l = s.pts[len(s.pts)-1].arc
	}
	return max(s.l, 1e-9)
}

// scalePoints gives the 3-D points the length l, as NEURON's
// nrn_length_change: about the first point, the arcs scaled with them
// (not recomputed).
func (s *Section) scalePoints(l float64) {
	first := s.pts[0]
	x0, y0, z0 := float64(first.x), float64(first.y), float64(first.z)
	fac := l / s.pts[len(s.pts)-1].arc
	for i := range s.pts {
		p := &s.pts[i]
		p.arc *= fac
		p.x = float32(x0 + (float64(p.x)-x0)*fac)
		p.y = float32(y0 + (float64(p.y)-y0)*fac)
		p.z = float32(z0 + (float64(p.z)-z0)*fac)
	}
}

// diamsToPoints gives each 3-D point the diameter of the segment it lies
// in, as NEURON's nrn_diam_change does after a diameter is set.
func (s *Section) diamsToPoints() {
	if len(s.pts) == 0 {
		return
	}
	l := s.length()
	if math.Abs(l-s.pts[len(s.pts)-1].arc) > .001 {
		s.scalePoints(l)
	}
	for i := range s.pts {
		x := min(s.pts[i].arc/l, 1.0)
		j := min(int(float64(s.nseg)*x), s.nseg-1)
		s.pts[i].d = float32(s.segDiam[j])
	}
}

// geometry computes the area (µm²) and the inverse axial resistance (µS)
// of each of the section's nodes, its nseg centres then its x = 1 end, as
// NEURON's nrn_area_ri: cylinders of the segment diameters, or, with two
// or more 3-D points, the integral over the frusta between them
// (diam_from_list), which also sets the segment diameters.
func (s *Section) geometry(area, rinv []float64) {
	if len(s.pts) > 1 {
		s.geometry3d(area, rinv)
		return
	}
	dx := s.length() / float64(s.nseg)
	rright := 0.0
	for j, diam := range s.segDiam {
		area[j] = math.Pi * diam * dx
		rleft := 1e-2 * s.ra * (dx / 2) / (math.Pi * diam * diam / 4.)
		rinv[j] = 1. / (rleft + rright)
		rright = rleft
	}
	area[s.nseg] = 1e2 // the end node has no membrane: NEURON's placeholder
	rinv[s.nseg] = 1. / rright
}

// geometry3d is diam_from_list for every segment, operation for operation:
// each segment in two halves, each half over the frusta it spans, the
// diameter interpolated linearly at the half-segment boundaries.
func (s *Section) geometry3d(area, rinv []float64) {
	pts, n := s.pts, len(s.pts)
	s.l = pts[n-1].arc
	d := func(k int) float64 { return math.Abs(float64(pts[k].d)) }
	j := 0
	x1, y1 := pts[0].arc, d(0)
	ds := pts[n-1].arc / float64(s.nseg)
	rparent := 0.0
	for inode := range s.nseg {
		si := float64(inode) * ds
		diam, ar, rleft, ri := 0.0, 0.0, 0.0, 0.0
		for ihalf := range 2 {
			ri = 0
			sip := si + ds/2.
			for {
				jp := j + 1
				xj, xjp := pts[j].arc, pts[jp].arc
				var x2, y2 float64
				jnext := jp
				if xjp > sip || jp == n-1 {
					frac := 1.0
					if !(math.Abs(xjp-xj) < 1e-10) {
						frac = (sip - xj) / (xjp - xj)
					}
					x2 = sip
					y2 = (1.-frac)*d(j) + frac*d(jp)
					jnext = j
				} else {
					x2, y2 = xjp, d(jp)
				}
				delta := x2 - x1
				diam += (y2 + y1) * delta
				if delta < 1e-15 {
					delta = 1e-15
				}
				temp := y2 * y1 / delta
				if temp == 0 {
					temp = 1e-15
				}
				ri += 1 / temp
				temp = .5 * (y2 - y1)
				temp = math.Sqrt(delta*delta + temp*temp)
				ar += (y2 + y1) * temp
				x1, y1 = x2, y2
				if j == jnext {
					break
				}
				j = jnext
			}
			if ihalf == 0 {
				rleft = ri * s.ra / math.Pi * (4. * .01)
			} else {
				ri = ri * s.ra / math.Pi * (4. * .01)
			}
			si = sip
		}
		rinv[inode] = 1. / (rparent + rleft)
		diam *= .5 / ds
		if math.Abs(diam-s.segDiam[inode]) > 1e-9 || diam < 1e-5 {
			s.segDiam[inode] = diam
		}
		area[inode] = ar * .5 * math.Pi
		rparent = ri
	}
	area[s.nseg] = 1e2
	rinv[s.nseg] = 1. / rparent
}
