package tests

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/ft2"
)

// TestFunctionTableOfTwo fills a FUNCTION_TABLE of two arguments as hoc's
// table_tau2_ft2(&y[0], 2, 0, 1, 3, 0, 2) does and reads it in INITIAL;
// the values are NEURON 8.2.2's for the same calls.
func TestFunctionTableOfTwo(t *testing.T) {
	m := sim.NewModel()
	s, _ := m.NewSection("s")
	if err := s.Insert(ft2.Mechanism()); err != nil {
		t.Fatal(err)
	}
	err := m.SetFunctionTableAxes("ft2", "tau2", []float64{1, 2, 4, 8, 16, 32},
		sim.TableAxis{N: 2, Min: 0, Max: 1}, sim.TableAxis{N: 3, Min: 0, Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ a, b, want float64 }{{0.25, 1.5, 8.25}, {0.7, 1.0, 11.799999999999999}, {0.3, 0.2, 3.7200000000000006}, {-1, 3, 4}} {
		seg := s.At(0.5)
		if err := seg.Set("a_ft2", c.a); err != nil {
			t.Fatal(err)
		}
		if err := seg.Set("b_ft2", c.b); err != nil {
			t.Fatal(err)
		}
		if err := m.Finitialize(-65); err != nil {
			t.Fatal(err)
		}
		if y, err := seg.Get("y_ft2"); err != nil || y != c.want {
			t.Errorf("tau2(%g, %g) = %.17g, %v; NEURON %.17g", c.a, c.b, y, err, c.want)
		}
	}
	if err := m.SetFunctionTableRange("ft2", "tau2", []float64{1, 2}, 0, 1); err == nil {
		m.ClearErr()
		t.Error("a table of one argument accepted for a function of two")
	}
}
