package morph_test

import (
	"fmt"
	"log"
	"os"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/morph"
	"github.com/nmodlgo/nmodlgo/sim"
)

// A published cell, as NEURON's Import3D builds it, with nseg by the
// d_lambda rule, hh in the soma and pas in the dendrites.
func Example() {
	data, err := os.ReadFile("testdata/real/c91662.swc")
	if err != nil {
		log.Fatal(err)
	}
	cell, err := morph.ReadSWC("c91662.swc", data)
	if err != nil {
		log.Fatal(err)
	}
	m := sim.NewModel()
	c, err := cell.Build(m, "")
	if err != nil {
		log.Fatal(err)
	}
	segments := 0
	for _, s := range c.All {
		s.SetRa(100)
		n, err := morph.DLambda(s, 100, 0.1)
		if err != nil {
			log.Fatal(err)
		}
		s.SetNseg(n)
		segments += n
	}
	for _, s := range c.Somatic {
		s.Insert(hh.Mechanism())
	}
	for _, list := range [][]*sim.Section{c.Basal, c.Apical} {
		for _, s := range list {
			s.Insert(pas.Mechanism())
		}
	}
	soma := c.Somatic[0].At(0.5)
	tip := m.Section("apic[43]").At(1)
	d, _ := m.Distance(soma, tip)
	fmt.Printf("%d sections, %d segments; soma area %.2f um2; apic[43](1) is %.1f um from the soma\n",
		len(c.All), segments, soma.Area(), d)
	// Output: 194 sections, 1108 segments; soma area 988.17 um2; apic[43](1) is 838.7 um from the soma
}
