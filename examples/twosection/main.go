// Command twosection is a soma with hh and a dendrite with a K channel of
// the modeller's own (kdr.mod, compiled to ./kdr by go generate), written
// as one writes it in Python: no error check per call. The model keeps
// the first error of any call (Model.Err) and will not run with one, so
// the single check on Run catches them all.
package main

//go:generate go run -tags nmodlgo_bootstrap ../../cmd/nmodlgo gen -o . kdr.mod

import (
	"fmt"
	"log"

	"github.com/nmodlgo/nmodlgo/examples/twosection/kdr"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/sim"
)

func main() {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.SetL(20)
	soma.SetDiam(20)
	soma.Insert(hh.Mechanism())
	dend, _ := m.NewSection("dend")
	dend.SetL(300)
	dend.SetDiam(2)
	dend.SetNseg(9)
	dend.Connect(soma, 1)
	dend.Insert(kdr.Mechanism())
	dend.Set(kdr.Gbar, 0.003)
	stim, _ := iclamp.New(m, soma.At(0.5))
	stim.Set(iclamp.Del, 2)
	stim.Set(iclamp.Dur, 0.5)
	stim.Set(iclamp.Amp, 0.8)
	t, _ := m.Record(m.TimeRef())
	vs, _ := m.Record(soma.At(0.5).Ref("v"))
	vd, _ := m.Record(dend.At(0.9).Ref("v"))
	if err := m.Run(-65, 30); err != nil { // or any earlier call's error
		log.Fatal(err)
	}
	for i, ti := range t.Values() {
		fmt.Println(ti, vs.Values()[i], vd.Values()[i])
	}
}
