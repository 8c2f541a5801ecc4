package sim

import (
	"slices"
	"strings"
)

// Topology returns the text NEURON's h.topology() prints: a blank line,
// one line per section drawn as its segments, children indented under the
// point where they attach, and a blank line.
func (m *Model) Topology() string {
	var b strings.Builder
	b.WriteByte('\n')
	var draw func(s *Section, offset int)
	draw = func(s *Section, offset int) {
		if s.parent == nil {
			b.WriteByte('|')
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Repeat(" ", offset))
		if s.parent == nil {
			b.WriteByte('-')
		} else {
			b.WriteByte('`')
		}
		b.WriteString(strings.Repeat("-", s.nseg-1))
		b.WriteString("|       ")
		b.WriteString(s.name)
		b.WriteString("(0-1)\n")
		// NEURON lists children by decreasing attachment x, ties in
		// connection order.
		kids := slices.Clone(s.children)
		slices.SortStableFunc(kids, func(p, q *Section) int {
			switch {
			case p.parentX > q.parentX:
				return -1
			case p.parentX < q.parentX:
				return 1
			}
			return 0
		})
		for _, c := range kids {
			draw(c, offset+attachIndex(s, c.parentX)+1)
		}
	}
	for _, s := range m.sections {
		if s.parent == nil {
			draw(s, 0)
		}
	}
	b.WriteByte('\n')
	return b.String()
}

// attachIndex is NEURON's node_index_exact: -1 at x = 0, nseg at x = 1,
// else the segment holding x.
func attachIndex(s *Section, x float64) int {
	switch x {
	case 0:
		return -1
	case 1:
		return s.nseg
	}
	return min(int(float64(s.nseg)*x), s.nseg-1)
}
