package sim_test

import (
	"testing"

	"github.com/nmodlgo/nmodlgo/sim"
)

// TestDistance: path lengths by hand on a small tree (the values against
// NEURON, on real cells, are in package morph's tests), other cells, and
// refusals.
func TestDistance(t *testing.T) {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.SetL(20)
	dend, _ := m.NewSection("dend")
	dend.SetL(100)
	dend.SetNseg(5)
	dend.Connect(soma, 1)
	axon, _ := m.NewSection("axon")
	axon.SetL(50)
	axon.Connect(soma, 0)
	other, _ := m.NewSection("other")
	for _, c := range []struct {
		a, b sim.Segment
		want float64
	}{
		{soma.At(0.5), soma.At(0.5), 0},
		{soma.At(0.5), dend.At(0.5), 10 + 50},
		{soma.At(0.5), dend.At(0.55), 10 + 50}, // the node of the segment holding 0.55
		{soma.At(0.5), dend.At(1), 10 + 100},
		{dend.At(1), axon.At(1), 100 + 20 + 50},
		{axon.At(0.5), soma.At(0), 25},
		{soma.At(0.5), other.At(0.5), 1e20},
	} {
		d, err := m.Distance(c.a, c.b)
		if err != nil || d != c.want {
			t.Errorf("Distance(%s, %s) = %v, %v; want %v", c.a, c.b, d, err, c.want)
		}
		if d2, _ := m.Distance(c.b, c.a); d2 != d {
			t.Errorf("Distance(%s, %s) = %v, but %v the other way", c.b, c.a, d2, d)
		}
	}
	if _, err := m.Distance(soma.At(1.5), dend.At(0)); err == nil {
		t.Error("x = 1.5 accepted")
	}
	m2 := sim.NewModel()
	s2, _ := m2.NewSection("s")
	if _, err := m.Distance(soma.At(0.5), s2.At(0.5)); err == nil {
		t.Error("a location of another model accepted")
	}
}
