package sim

import "fmt"

// Distance returns the path length (µm) along the tree between two
// locations, as NEURON's h.distance(a, b): each location is taken at its
// node (the centre of the segment holding it, or an end), and the lengths
// are added in NEURON's order, so that a value set as a function of
// distance is NEURON's to the bit. Locations on different cells are
// 1e20 µm apart, as in NEURON.
func (m *Model) Distance(a, b Segment) (_ float64, err error) {
	defer m.note(&err)
	for _, g := range []Segment{a, b} {
		if err := g.check(); err != nil {
			return 0, fmt.Errorf("distance: %w", err)
		}
		if g.sec.model != m {
			return 0, fmt.Errorf("distance: %s belongs to another model", g)
		}
	}
	if err := m.build(); err != nil {
		return 0, err
	}
	// NEURON's topol_distance: move the location whose section comes later
	// in the node order to its parent's node until both are on one
	// section (or past the roots).
	type loc struct {
		sec  *Section
		node int // node_exact's: -1 for the x = 0 end, nseg for x = 1, else a segment
	}
	here := func(g Segment) loc { return loc{g.sec, attachIndex(g.sec, g.x)} }
	up := func(l loc) loc {
		if l.sec.parent == nil {
			return loc{}
		}
		return loc{l.sec.parent, attachIndex(l.sec.parent, l.sec.parentX)}
	}
	// nodeDist is NEURON's node_dist: from the section's 0 end.
	nodeDist := func(l loc) float64 {
		switch {
		case l.sec == nil || l.node < 0:
			return 0
		case l.node == l.sec.nseg:
			return l.sec.length()
		}
		return l.sec.length() * ((float64(l.node) + .5) / float64(l.sec.nseg))
	}
	p, q := here(a), here(b)
	d := 0.0
	for p.sec != q.sec {
		if q.sec == nil || p.sec != nil && p.sec.firstNode > q.sec.firstNode {
			d += nodeDist(p)
			p = up(p)
		} else {
			d += nodeDist(q)
			q = up(q)
		}
	}
	switch {
	case p.sec == nil:
		if a.rootOf() != b.rootOf() {
			return 1e20, nil
		}
	case p.node != q.node:
		if x1, x2 := nodeDist(p), nodeDist(q); x1 < x2 {
			d += x2 - x1
		} else {
			d += x1 - x2
		}
	}
	return d, nil
}

// rootOf is the root section of the segment's tree.
func (g Segment) rootOf() *Section {
	s := g.sec
	for s.parent != nil {
		s = s.parent
	}
	return s
}
