package tests

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/argcell"
	"github.com/nmodlgo/nmodlgo/tests/internal/counter"
)

// TestConstructor: a CONSTRUCTOR runs once for each point process made,
// in order, on the new instance (its parameters at their defaults) and the
// mechanism's GLOBALs, as NEURON runs it when hoc makes the object.
func TestConstructor(t *testing.T) {
	m := sim.NewModel()
	soma, err := m.NewSection("soma")
	if err != nil {
		t.Fatal(err)
	}
	var pps []*sim.PointProcess
	for range 3 {
		pp, err := m.NewPointProcess(counter.Mechanism(), soma.At(0.5))
		if err != nil {
			t.Fatal(err)
		}
		pps = append(pps, pp)
	}
	if made, err := m.Global("made_Counter"); err != nil || made != 3 {
		t.Errorf("made_Counter = %g, %v; want 3", made, err)
	}
	for i, pp := range pps {
		if s, err := pp.Get("serial"); err != nil || s != float64(i+1) {
			t.Errorf("Counter[%d].serial = %g, %v; want %d", i, s, err, i+1)
		}
	}
	if err := m.Finitialize(-65); err != nil {
		t.Fatal(err)
	}
	if made, _ := m.Global("made_Counter"); made != 3 {
		t.Errorf("after finitialize made_Counter = %g: the CONSTRUCTOR ran again", made)
	}
}

// TestConstructorArguments: an artificial cell's CONSTRUCTOR that reads
// hoc's arguments of new (ifarg, *getarg) sees none, as NEURON's does for
// h.NStim() (ModelDB 116830's nstim.mod in NEURON 8.2.2: id -1, type 1).
func TestConstructorArguments(t *testing.T) {
	m := sim.NewModel()
	c, err := m.NewArtificialCell(argcell.Mechanism())
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]float64{"id": -1, "type": 1} {
		if got, err := c.Get(sim.Var(name)); err != nil || got != want {
			t.Errorf("%s = %g, %v; want %g", name, got, err, want)
		}
	}
}
