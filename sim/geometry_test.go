package sim_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/nmodlgo/nmodlgo/sim"
)

// geometryCase is one section of testdata/geometry.json, which
// tools/neuron/geometry.py makes with NEURON.
type geometryCase struct {
	Points  [][4]float64
	Nseg    int
	Ra      float64
	Then    *geometry
	SetL    *geometry
	SetDiam *geometry
}

type geometry struct {
	L              float64
	Area, Ri, Diam []float64
	Pts            [][4]float64
}

// TestGeometryMatchesNEURON: L, and each segment's area, ri and diameter,
// of sections made of 3-D points are NEURON's to the bit, also after L or
// diam is set with the points in place; against the recorded values, and
// against NEURON itself when it is installed.
func TestGeometryMatchesNEURON(t *testing.T) {
	sources := map[string][]byte{}
	var err error
	if sources["recorded"], err = os.ReadFile(filepath.Join("testdata", "geometry.json")); err != nil {
		t.Fatal(err)
	}
	if !testing.Short() && exec.Command("/usr/bin/python3", "-c", "from neuron import h").Run() == nil {
		script, _ := filepath.Abs(filepath.Join("..", "tools", "neuron", "geometry.py"))
		cmd := exec.Command("/usr/bin/python3", script)
		cmd.Dir = t.TempDir()
		if sources["NEURON"], err = cmd.Output(); err != nil {
			t.Fatalf("geometry.py: %v", err)
		}
	}
	for name, data := range sources {
		var doc struct{ Cases []geometryCase }
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Cases) < 100 {
			t.Fatalf("%s: only %d cases", name, len(doc.Cases))
		}
		for i, c := range doc.Cases {
			m := sim.NewModel()
			s, _ := m.NewSection("s")
			s.SetNseg(c.Nseg)
			s.SetRa(c.Ra)
			for _, p := range c.Points {
				s.Pt3dAdd(p[0], p[1], p[2], p[3])
			}
			where := fmt.Sprintf("%s case %d (nseg %d, %d points)", name, i, c.Nseg, len(c.Points))
			compareGeometry(t, where, s, c.Then)
			if c.SetL != nil {
				s.SetL(s.L() * 1.37)
				compareGeometry(t, where+" after L *= 1.37", s, c.SetL)
				s.SetDiam(0.3)
				compareGeometry(t, where+" after diam = 0.3", s, c.SetDiam)
			}
			if err := m.Err(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func compareGeometry(t *testing.T, where string, s *sim.Section, want *geometry) {
	t.Helper()
	if got := s.L(); got != want.L {
		t.Errorf("%s: L %v, NEURON %v", where, got, want.L)
	}
	for i, g := range s.Segments() {
		if a := g.Area(); a != want.Area[i] {
			t.Errorf("%s: area of segment %d %v, NEURON %v", where, i, a, want.Area[i])
		}
		if r := g.Ri(); r != want.Ri[i] {
			t.Errorf("%s: ri of segment %d %v, NEURON %v", where, i, r, want.Ri[i])
		}
		if d, _ := g.Get("diam"); d != want.Diam[i] {
			t.Errorf("%s: diam of segment %d %v, NEURON %v", where, i, d, want.Diam[i])
		}
	}
	if r := s.At(1).Ri(); r != want.Ri[len(want.Ri)-1] {
		t.Errorf("%s: ri at x = 1 %v, NEURON %v", where, r, want.Ri[len(want.Ri)-1])
	}
	for i, p := range s.Points() {
		if w := want.Pts[i]; p.X != w[0] || p.Y != w[1] || p.Z != w[2] || p.Diam != w[3] {
			t.Errorf("%s: point %d %v, NEURON %v", where, i, p, w)
		}
	}
}
