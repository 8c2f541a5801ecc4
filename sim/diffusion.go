package sim

import "github.com/nmodlgo/nmodlgo/mechimpl"

// diffusion is what NEURON's ldifus.cpp keeps for a mechanism with
// LONGITUDINAL_DIFFUSION: for each instance (in node order), the instance
// it exchanges with toward the root and the geometric factors of the
// exchange, and the work space of the implicit step.
type diffusion struct {
	built      int       // the layout they were made for
	parent     []int     // instance, or -1
	af, bf     []float64 // NEURON's 2·rall/dxp/(dxc+dxp) and 2/dxc/(dxc+dxp)
	rate, vol  []float64
	a, b, d, r []float64
	state      []*float64
}

// diffuse takes NEURON's staggered step of longitudinal diffusion (its
// stagger): for every diffusing state element of every mechanism that has
// one, an implicit step of the diffusion between neighbouring segments
// that have the mechanism, solved as a tree.
func (m *Model) diffuse() {
	for _, mt := range m.types {
		k, ok := mt.kernel.(mechimpl.Diffuser)
		if !ok || len(mt.insts) == 0 {
			continue
		}
		df := mt.diffusionLayout()
		dt := m.ctx.Dt
		n := len(mt.insts)
		for e := range k.Diffusions() {
			for i := range n {
				df.rate[i], df.vol[i], df.state[i] = k.Diffusion(e, i)
				df.d[i] = 0
				if p := df.parent[i]; p > -1 {
					dc := (df.rate[i] + df.rate[p]) / 2.
					df.a[i] = -df.af[i] * dc / df.vol[p]
					df.b[i] = -df.bf[i] * dc / df.vol[i]
				}
			}
			for i := range n {
				df.d[i] += 1. / dt
				df.r[i] = *df.state[i] / dt
				if p := df.parent[i]; p > -1 {
					df.d[i] -= df.b[i]
					df.d[p] -= df.a[i]
				}
			}
			// nrn_tree_solve
			for i := n - 1; i > 0; i-- {
				if p := df.parent[i]; p > -1 {
					f := df.a[i] / df.d[i]
					df.d[p] -= f * df.b[i]
					df.r[p] -= f * df.r[i]
				}
			}
			for i := range n {
				if p := df.parent[i]; p > -1 {
					df.r[i] -= df.b[i] * df.r[p]
				}
				df.r[i] /= df.d[i]
			}
			for i := range n {
				*df.state[i] = df.r[i]
			}
		}
	}
}

// diffusionLayout finds, as NEURON's longdifusalloc does, each instance's
// neighbour toward the root among the instances: the one at its parent
// node; or, that being a section's end (no instance), at the node before;
// or else the first segment of its section's parent section.
func (mt *mechType) diffusionLayout() *diffusion {
	m := mt.m
	if df := mt.diffusion; df != nil && df.built == m.layouts {
		return df
	}
	n := len(mt.insts)
	df := &diffusion{built: m.layouts, parent: make([]int, n), af: make([]float64, n), bf: make([]float64, n),
		rate: make([]float64, n), vol: make([]float64, n), a: make([]float64, n), b: make([]float64, n),
		d: make([]float64, n), r: make([]float64, n), state: make([]*float64, n)}
	at := map[int]int{} // node → instance
	for j, nd := range mt.data.Node {
		at[nd] = j
	}
	find := func(nd int) int {
		if j, ok := at[nd]; ok && nd >= 0 {
			return j
		}
		return -1
	}
	for j, in := range mt.insts {
		nd := mt.data.Node[j]
		pnd := m.parent[nd]
		p := find(pnd)
		if p < 0 {
			firstOfParent := func() int {
				if ps := in.sec.parent; ps != nil {
					return find(ps.firstNode)
				}
				return -1
			}
			if pnd >= 0 && m.parent[pnd] >= 0 {
				if p = find(m.parent[pnd]); p < 0 {
					p = firstOfParent()
				}
			} else {
				p = firstOfParent()
			}
		}
		df.parent[j] = p
		if p > -1 {
			// rall is 1: nmodlgo has no rallbranch
			dxc := in.sec.length() / float64(in.sec.nseg)
			ps := mt.insts[p].sec
			dxp := ps.length() / float64(ps.nseg)
			df.af[j] = 2 * 1. / dxp / (dxc + dxp)
			df.bf[j] = 2 / dxc / (dxc + dxp)
		}
	}
	mt.diffusion = df
	return df
}
