package sim

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// mechType is one registered mechanism type in one model: its kernel and
// the storage of all its instances.
type mechType struct {
	m         *Model
	info      *MechInfo
	kernel    mechimpl.Kernel
	kernels   []mechimpl.Kernel // kernel, then one more per thread, for a parallel type
	newKernel func() mechimpl.Kernel
	data      mechimpl.MechData
	ions      []*ionState // its ions, as data.Ions
	insts     []*instance // in node order; dead ones are dropped at the next build
	made      int         // instances made so far, for their seq
	points    int         // point processes made so far, for their names
	diffusion *diffusion  // for LONGITUDINAL_DIFFUSION, made at the first step after a layout
}

// instance is one instance of a mechanism type at a location.
type instance struct {
	mt   *mechType
	idx  int // position in mt's storage
	seq  int // creation order within mt
	sec  *Section
	x    float64
	dead bool

	pointers  []Ref                 // the POINTERs' targets, by MechInfo.Pointers; a zero Ref is unset
	randoms   []*mechimpl.Random123 // the RANDOM variables' streams, by MechInfo.Randoms
	watches   []*watch              // by WATCH slot, made when first activated
	watchCall int                   // the NET_RECEIVE call that last activated a WATCH
	movable   *event                // the last self-event with flag 1, for net_move
	outgoing  []*NetCon             // the NetCons from it, and to it, in creation order
	incoming  []*NetCon
	spikes    *Vector // the times of its net_events, if recorded
}

func newMechType(m *Model, mech Mechanism) *mechType {
	mt := &mechType{m: m, info: mech.Info, kernel: mech.New(), newKernel: mech.New}
	mt.kernels = []mechimpl.Kernel{mt.kernel}
	mt.data.Info = mech.Info
	mt.data.Ctx = &m.ctx
	mt.data.Sink = &eventSink{m: m, mt: mt}
	mt.data.Vars = make([][]float64, len(mech.Info.Vars))
	mt.data.FuncTables = make([]*mechimpl.FuncTable, len(mech.Info.FuncTables))
	mt.data.Externals = make([]*float64, len(mech.Info.Externals))
	for _, u := range mech.Info.Ions {
		ion := m.ion(u.Name, u.Valence)
		mt.ions = append(mt.ions, ion)
		mt.data.Ions = append(mt.data.Ions, &ion.Ion)
	}
	return mt
}

// add appends an instance with the default values.
func (mt *mechType) add(sec *Section, x float64) *instance {
	mt.made++
	in := &instance{mt: mt, idx: len(mt.insts), seq: mt.made, sec: sec, x: x, pointers: make([]Ref, len(mt.info.Pointers))}
	for range mt.info.Randoms {
		// NEURON 9's nrnran123_newstream(): ids 1, the rank, and a count
		// of the streams made (in the model, here).
		mt.m.randomStreams++
		in.randoms = append(in.randoms, mechimpl.NewRandom123(1, 0, uint32(mt.m.randomStreams)))
	}
	for k, vi := range mt.info.Vars {
		// A STATE is 0 until Finitialize gives it its start value, as
		// in NEURON (which shows that in an instance made mid-run).
		x := vi.Default
		if vi.Kind == mechimpl.State {
			x = 0
		}
		for range max(vi.Size, 1) {
			mt.data.Vars[k] = append(mt.data.Vars[k], x)
		}
	}
	mt.data.Node = append(mt.data.Node, -1)
	mt.insts = append(mt.insts, in)
	return in
}

// reserve makes room for n more instances, so that adding a section's
// instances one by one does not grow the storage many times over.
func (mt *mechType) reserve(n int) {
	for k, vi := range mt.info.Vars {
		mt.data.Vars[k] = slices.Grow(mt.data.Vars[k], n*max(vi.Size, 1))
	}
	mt.data.Node = slices.Grow(mt.data.Node, n)
	mt.insts = slices.Grow(mt.insts, n)
}

// construct runs the mechanism's CONSTRUCTOR for a new instance, as NEURON
// does when it makes the object: on its storage as it is now (its
// parameters at their defaults).
func (mt *mechType) construct(in *instance) {
	if c, ok := mt.kernel.(mechimpl.Constructor); ok {
		mt.kernel.Bind(&mt.data)
		c.Construct(in.idx)
	}
}

// clone adds an instance with src's values at a new location.
func (mt *mechType) clone(src *instance, sec *Section, x float64) *instance {
	in := mt.add(sec, x)
	for k, vi := range mt.info.Vars {
		n := max(vi.Size, 1)
		copy(mt.data.Vars[k][in.idx*n:(in.idx+1)*n], mt.data.Vars[k][src.idx*n:(src.idx+1)*n])
	}
	copy(in.pointers, src.pointers)
	return in
}

func (mt *mechType) remove(in *instance) {
	in.dead = true
}

// compact drops dead instances, sets each instance's node and binds the
// kernel to the new storage.
func (mt *mechType) compact() {
	live := mt.insts[:0]
	for _, in := range mt.insts {
		if !in.dead {
			live = append(live, in)
		}
	}
	// In node order, as NEURON keeps them, so that a thread's instances
	// are a range and a node's currents add up in NEURON's order: at one
	// node the newest first (NEURON puts a new point process at the head
	// of the node's list); artificial cells in the order they were made.
	slices.SortFunc(live, func(a, b *instance) int {
		na, nb := a.nodeIndex(), b.nodeIndex()
		switch {
		case na != nb:
			return cmp.Compare(na, nb)
		case na < 0:
			return cmp.Compare(a.seq, b.seq)
		}
		return cmp.Compare(b.seq, a.seq)
	})
	// Scalars share one staggered allocation; arrays get their own.
	scalars := 0
	for _, vi := range mt.info.Vars {
		if vi.Size <= 1 {
			scalars++
		}
	}
	block := staggered(scalars, len(live))
	for k, vi := range mt.info.Vars {
		n := max(vi.Size, 1)
		var vals []float64
		if n == 1 {
			vals, block = block[0], block[1:]
		} else {
			vals = make([]float64, len(live)*n)
		}
		for j, in := range live {
			copy(vals[j*n:(j+1)*n], mt.data.Vars[k][in.idx*n:(in.idx+1)*n])
		}
		mt.data.Vars[k] = vals
	}
	mt.data.Pointers = make([][]*float64, len(mt.info.Pointers))
	for k := range mt.data.Pointers {
		mt.data.Pointers[k] = make([]*float64, len(live)) // resolvePointers fills them
	}
	mt.data.Randoms = make([][]*mechimpl.Random123, len(mt.info.Randoms))
	for k := range mt.data.Randoms {
		mt.data.Randoms[k] = make([]*mechimpl.Random123, len(live))
		for j, in := range live {
			mt.data.Randoms[k][j] = in.randoms[k]
		}
	}
	mt.data.Node = make([]int, len(live))
	for j, in := range live {
		in.idx = j
		mt.data.Node[j] = in.nodeIndex()
	}
	mt.insts = live
	for _, k := range mt.kernels {
		k.Bind(&mt.data)
	}
}

// nodeIndex is the instance's node, -1 for an artificial cell.
func (in *instance) nodeIndex() int {
	if in.sec == nil {
		return -1
	}
	return Segment{sec: in.sec, x: in.x}.node()
}

// addr returns the storage of the instance's public variable name (the
// first element of an array), or nil.
func (in *instance) addr(name string) *float64 {
	k := in.mt.info.VarIndex(name)
	if k < 0 || !in.mt.info.Vars[k].Public {
		return nil
	}
	n := max(in.mt.info.Vars[k].Size, 1)
	return &in.mt.data.Vars[k][in.idx*n]
}

// publicNames lists the instance's public variables.
func (mt *mechType) publicNames() []string {
	var names []string
	for _, vi := range mt.info.Vars {
		if vi.Public {
			names = append(names, vi.Name)
		}
	}
	return names
}

// global returns a GLOBAL variable by its name without the suffix.
func (mt *mechType) global(name string) *float64 {
	return mt.kernel.Global(name)
}

// resolvePointers points each instance's POINTERs at their targets where
// they are now (after a layout, every address may have moved).
func (mt *mechType) resolvePointers() error {
	for j, in := range mt.insts {
		for k, ref := range in.pointers {
			if ref.addr == nil {
				continue
			}
			p, err := ref.addr()
			if err != nil {
				return fmt.Errorf("POINTER %s of %s: its target %s: %w", mt.info.Pointers[k], in.describe(), ref.desc, err)
			}
			mt.data.Pointers[k][j] = p
		}
	}
	return nil
}

// setPointer sets POINTER name of the instance to ref.
func (in *instance) setPointer(name string, ref Ref) error {
	info := in.mt.info
	k := slices.Index(info.Pointers, name)
	switch {
	case k < 0 && len(info.Pointers) == 0:
		return fmt.Errorf("setpointer %s: %s has no POINTER", name, info.Name)
	case k < 0:
		return fmt.Errorf("setpointer %s: %s has no POINTER %s (it has %s)", name, info.Name, name, strings.Join(info.Pointers, ", "))
	}
	if err := in.mt.m.checkRef("setpointer "+name, ref); err != nil {
		return err
	}
	in.pointers[k] = ref
	in.mt.m.changed() // resolved at the next layout
	return nil
}

// describe names the instance for messages: IClamp at soma(0.5).
func (in *instance) describe() string {
	if in.sec == nil {
		return in.mt.info.Name
	}
	return fmt.Sprintf("%s at %s", in.mt.info.Name, Segment{sec: in.sec, x: in.x})
}
