package sim

import (
	"cmp"
	"fmt"
	"slices"
)

// build lays out the tree of nodes after a structure change (NEURON's
// v_setup_vectors and connection_coef): roots' x = 0 nodes first, then
// each cell's sections breadth-first, each section's nseg centres followed
// by its x = 1 end.
// Values living on nodes (v, ion state) are carried over for nodes that
// still exist; a section whose nseg changed maps its segments as
// NEURON does; new sections' nodes start at DefaultV.
func (m *Model) build() error {
	if !m.dirty {
		return nil
	}
	var roots, order []*Section
	for _, s := range m.sections {
		if s.parent == nil {
			roots = append(roots, s)
		}
	}
	for _, r := range roots {
		// Breadth first, as NEURON's reorder_secorder, so that the Hines
		// solve adds up children in NEURON's order. (NEURON goes breadth
		// first through all cells at once; the arithmetic within a cell is
		// the same cell by cell, and this keeps each cell's nodes together.)
		for queue := []*Section{r}; len(queue) > 0; queue = queue[1:] {
			order = append(order, queue[0])
			queue = append(queue, queue[0].siblingOrder()...)
		}
	}
	if len(order) != len(m.sections) {
		return fmt.Errorf("internal error: %d of %d sections reachable from a root", len(order), len(m.sections))
	}

	// Old node of each new node, to keep v and ion values.
	type placement struct{ first, start, nseg int }
	oldPlace := map[*Section]placement{}
	for _, s := range m.sections {
		if s.placed { // laid out by an earlier build: its nodes have values
			oldPlace[s] = placement{s.firstNode, s.startNode, s.placedNseg}
		}
	}

	n := len(roots)
	for _, s := range order {
		n += s.nseg + 1
	}
	old := make([]int, n)
	for i := range old {
		old[i] = -1
	}
	m.nroot = len(roots)
	m.parent = make([]int, n)
	arrays := staggered(9, n)
	m.a, m.b, m.cm = arrays[0], arrays[1], arrays[2]
	area, diam, rinv := arrays[3], arrays[4], arrays[5]
	m.rinv = rinv
	v, rhs, d := arrays[6], arrays[7], arrays[8]
	for i, r := range roots {
		m.parent[i] = -1
		area[i] = 100
		r.startNode = i
		if p, ok := oldPlace[r]; ok && p.start < m.nroot {
			old[i] = p.start
		}
	}
	next := len(roots)
	m.cells = m.cells[:0]
	for _, s := range order {
		if s.parent != nil {
			s.startNode = Segment{sec: s.parent, x: s.parentX}.node()
		} else {
			m.cells = append(m.cells, [2]int{next, next}) // a tree's sections follow its root section
		}
		m.cells[len(m.cells)-1][1] = next + s.nseg + 1
		s.firstNode = next
		s.geometry(area[next:next+s.nseg+1], rinv[next:next+s.nseg+1])
		for i := 0; i <= s.nseg; i++ {
			nd := next + i
			diam[nd] = s.segDiam[min(i, s.nseg-1)]
			if i == 0 {
				m.parent[nd] = s.startNode
			} else {
				m.parent[nd] = nd - 1
			}
			if i < s.nseg {
				m.cm[nd] = s.cm
			}
			if p, ok := oldPlace[s]; ok {
				// After nseg changed, a segment takes the values of the old
				// segment holding its centre, as in NEURON; the x = 1 end
				// keeps its own.
				j := p.nseg
				if i < s.nseg {
					j = min(int(segX(i, s.nseg)*float64(p.nseg)), p.nseg-1)
				}
				old[nd] = p.first + j
			}
		}
		next += s.nseg + 1
		s.placed, s.placedNseg = true, s.nseg
	}
	for i := m.nroot; i < n; i++ {
		m.a[i] = -1e2 * rinv[i] / area[m.parent[i]]
		m.b[i] = -1e2 * rinv[i] / area[i]
	}

	for i := range v {
		if o := old[i]; o >= 0 && o < len(m.ctx.V) {
			v[i] = m.ctx.V[o]
		} else {
			v[i] = DefaultV
		}
	}
	m.ctx.V, m.ctx.RHS, m.ctx.D, m.ctx.Area, m.ctx.Diam = v, rhs, d, area, diam
	for _, ion := range m.ions {
		ion.resize(n, old)
	}
	for _, mt := range m.types {
		mt.compact()
		for _, ion := range mt.ions {
			for _, nd := range mt.data.Node {
				if nd >= 0 {
					ion.Present[nd] = true
				}
			}
		}
	}
	m.dirty = false // the layout is done; the targets' addresses need it
	m.firstKid, m.kids = children(m.parent)
	m.layouts++
	for _, mt := range m.types {
		if err := mt.resolvePointers(); err != nil {
			m.dirty = true
			return err
		}
		for i, name := range mt.info.Externals {
			p, err := m.global(name)
			if err != nil {
				m.dirty = true
				return fmt.Errorf("EXTERNAL %s of %s: no mechanism of the model has that GLOBAL (register the mechanism that declares it): %w", name, mt.info.Name, err)
			}
			mt.data.Externals[i] = p
		}
	}
	for _, r := range append(m.records, m.everyRecords...) {
		r.resolved = nil
	}
	for _, p := range m.plays {
		p.target = nil
	}
	return nil
}

// siblingOrder is the section's children in the order of NEURON's sibling
// list (nrn_add_sibling_list): by where they attach, 0 first; at one
// place the last connected first.
func (s *Section) siblingOrder() []*Section {
	kids := slices.Clone(s.children)
	slices.Reverse(kids)
	slices.SortStableFunc(kids, func(p, q *Section) int { return cmp.Compare(p.parentX, q.parentX) })
	return kids
}

// children lists each node's children, in ascending order: those of node
// p are kids[first[p]:first[p+1]].
func children(parent []int) (first, kids []int) {
	first = make([]int, len(parent)+1)
	for _, p := range parent {
		if p >= 0 {
			first[p+1]++
		}
	}
	for i := range parent {
		first[i+1] += first[i]
	}
	kids = make([]int, first[len(parent)])
	next := slices.Clone(first)
	for i, p := range parent {
		if p >= 0 {
			kids[next[p]] = i
			next[p]++
		}
	}
	return first, kids
}
