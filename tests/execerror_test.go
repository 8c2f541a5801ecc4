package tests

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/guard"
	"github.com/nmodlgo/nmodlgo/tests/internal/seedr"
)

// TestExecError: VERBATIM's hoc_execerr_ext stops the run with its
// message, as it stops NEURON's; the same model runs when the condition
// is not met.
func TestExecError(t *testing.T) {
	m := sim.NewModel()
	s, _ := m.NewSection("s")
	if err := s.Insert(guard.Mechanism()); err != nil {
		t.Fatal(err)
	}
	if err := m.Finitialize(-65); err != nil {
		t.Fatalf("x = 1: %v", err)
	}
	if err := s.At(0.5).Set("x_guard", -2); err != nil {
		t.Fatal(err)
	}
	err := m.Finitialize(-65)
	if err == nil || !strings.Contains(err.Error(), "guard: x = -2 is negative") {
		t.Errorf("x = -2: %v, want the guard's message", err)
	}
}

// TestUncalledRefusal: a PROCEDURE whose C nmodlgo cannot translate, and
// that nothing in the mechanism calls, leaves the mechanism to run as
// NEURON's does, and stops a run that calls it, with the reason.
func TestUncalledRefusal(t *testing.T) {
	m := sim.NewModel()
	s, _ := m.NewSection("s")
	if err := s.Insert(seedr.Mechanism()); err != nil {
		t.Fatal(err)
	}
	if err := m.Finitialize(-65); err != nil {
		t.Fatal(err)
	}
	_, err := s.At(0.5).Call("seedr", "setRNG")
	if err == nil || !strings.Contains(err.Error(), "not supported: PROCEDURE setRNG (") || !strings.Contains(err.Error(), "C '&'") {
		t.Errorf("calling setRNG: %v, want its refusal", err)
	}
}
