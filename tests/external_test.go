package tests

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/extdst"
	"github.com/nmodlgo/nmodlgo/tests/internal/extsrc"
)

// TestExternal: a mechanism reads and writes another's GLOBAL through
// EXTERNAL, by its hoc name (gbl_extsrc), as NEURON's C global; without
// the other mechanism the model says which is missing.
func TestExternal(t *testing.T) {
	m := sim.NewModel()
	s, _ := m.NewSection("s")
	if err := s.Insert(extsrc.Mechanism()); err != nil {
		t.Fatal(err)
	}
	if err := s.Insert(extdst.Mechanism()); err != nil {
		t.Fatal(err)
	}
	if err := m.Finitialize(-65); err != nil {
		t.Fatal(err)
	}
	if y, err := s.At(0.5).Get("y_extdst"); err != nil || y != 7 {
		t.Errorf("y = %g, %v; want 2*3.5", y, err)
	}
	if g, err := m.Global("gbl_extsrc"); err != nil || g != 4.5 {
		t.Errorf("gbl_extsrc = %g, %v; want 4.5 after extdst's INITIAL", g, err)
	}

	alone := sim.NewModel()
	s2, _ := alone.NewSection("s")
	if err := s2.Insert(extdst.Mechanism()); err != nil {
		t.Fatal(err)
	}
	err := alone.Finitialize(-65)
	if err == nil || !strings.Contains(err.Error(), "EXTERNAL gbl_extsrc of extdst: no mechanism of the model has that GLOBAL") {
		t.Errorf("without extsrc: %v", err)
	}
}
