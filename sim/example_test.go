package sim_test

import (
	"fmt"
	"slices"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/units"
)

// The core of NEURON's "Scripting NEURON basics": a 20 µm soma with
// Hodgkin–Huxley channels and a brief current pulse.
func Example() {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.SetL(20 * units.Um)
	soma.SetDiam(20 * units.Um)
	soma.Insert(hh.Mechanism())

	stim, _ := iclamp.New(m, soma.At(0.5))
	stim.Set(iclamp.Del, 2*units.Ms)
	stim.Set(iclamp.Dur, 0.1*units.Ms)
	stim.Set(iclamp.Amp, 0.9*units.NA)

	v, _ := m.Record(soma.At(0.5).Ref("v"))
	t, _ := m.Record(m.TimeRef())
	if err := m.Finitialize(-65 * units.MV); err != nil {
		fmt.Println(err)
		return
	}
	if err := m.ContinueRun(40 * units.Ms); err != nil {
		fmt.Println(err)
		return
	}
	peak := slices.Index(v.Values(), slices.Max(v.Values()))
	fmt.Printf("%d samples; peak %.2f mV at %.2f ms\n", v.Len(), v.Values()[peak], t.Values()[peak])
	// Output: 1601 samples; peak 36.96 mV at 5.25 ms
}

// Every mistake gets an error that says what and where.
func ExampleSection_SetDiam() {
	m := sim.NewModel()
	dend, _ := m.NewSection("dend")
	fmt.Println(dend.SetDiam(-1))
	_, err := m.Record(dend.At(1.5).Ref("v"))
	fmt.Println(err)
	// Output:
	// section dend: diam must be a positive number, got -1
	// record dend(1.5).v: section dend: x must be in [0, 1], got 1.5
}

// Each generated package names its variables as constants of type Var,
// with their units and defaults in go doc: hh.Gnabar is "gnabar_hh". Set
// on a section sets every segment, as NEURON's soma.gnabar_hh = 0.1; Ref
// records any of them.
func ExampleSegment_Set() {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.SetNseg(3)
	soma.Insert(hh.Mechanism())
	soma.Set(hh.Gnabar, 0.1)
	soma.At(0.5).Set(hh.Gkbar, 0.02)
	for _, seg := range soma.Segments() {
		gna, _ := seg.Get(hh.Gnabar)
		gk, _ := seg.Get(hh.Gkbar)
		fmt.Printf("%s: gnabar_hh %g, gkbar_hh %g\n", seg, gna, gk)
	}
	m.SetGlobal(hh.Usetable, 0) // compute the rates instead of tabulating them
	mv, _ := m.Record(soma.At(0.5).Ref(hh.M))
	m.Finitialize(-65)
	fmt.Printf("m_hh at -65 mV: %.4f\n", mv.Values()[0])
	// Output:
	// soma(0.166667): gnabar_hh 0.1, gkbar_hh 0.036
	// soma(0.5): gnabar_hh 0.1, gkbar_hh 0.02
	// soma(0.833333): gnabar_hh 0.1, gkbar_hh 0.036
	// m_hh at -65 mV: 0.0529
}
