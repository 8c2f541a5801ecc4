package morph_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/morph"
	"github.com/nmodlgo/nmodlgo/sim"
)

// neuron is what tools/neuron/morphology.py writes for an SWC file.
type neuron struct {
	Sections []struct {
		Name     string
		Parent   *string
		ParentX  *float64 `json:"parentx"`
		Logical  []float64
		N3d      int
		L        float64
		Points   [][4]float64
		Nseg     int
		Area, Ri []float64
		// from soma[0](0.5) and from 0.3 along the trace's tip section, to
		// x = 0, each segment and x = 1
		Distance [2][]float64
	}
	Topology string
	Trace    struct {
		Columns []string
		Rows    [][3]float64
	}
}

func swcFiles(t *testing.T) []string {
	files, _ := filepath.Glob("testdata/*.swc")
	real, _ := filepath.Glob("testdata/real/*.swc")
	if len(files) < 20 || len(real) < 3 {
		t.Fatalf("test files missing: %d synthetic, %d real", len(files), len(real))
	}
	return append(files, real...)
}

func load(t *testing.T, swc string) (*morph.Cell, neuron) {
	t.Helper()
	data, err := os.ReadFile(swc)
	if err != nil {
		t.Fatal(err)
	}
	cell, err := morph.ReadSWC(swc, data)
	if err != nil {
		t.Fatal(err)
	}
	var want neuron
	js, err := os.ReadFile(strings.TrimSuffix(swc, ".swc") + ".json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatal(err)
	}
	return cell, want
}

// TestImportMatchesNEURON builds every test file and compares with what
// NEURON's Import3D made of it: names, creation order, connections, 3-D
// points and L to the bit, then with nseg from the d_lambda rule every
// segment's area and ri and distances along the tree to the bit,
// topology() character for character.
func TestImportMatchesNEURON(t *testing.T) {
	for _, swc := range swcFiles(t) {
		t.Run(filepath.Base(swc), func(t *testing.T) {
			cell, want := load(t, swc)
			compareGeometry(t, cell, want)
		})
	}
}

func compareGeometry(t *testing.T, cell *morph.Cell, want neuron) {
	t.Helper()
	m := sim.NewModel()
	if _, err := cell.Build(m, ""); err != nil {
		t.Fatal(err)
	}
	secs := m.Sections()
	byName := map[string]*morph.Section{}
	for _, s := range cell.Sections {
		byName[s.Name] = s
	}
	if len(secs) != len(want.Sections) {
		t.Fatalf("%d sections, NEURON made %d", len(secs), len(want.Sections))
	}
	for i, w := range want.Sections {
		s := secs[i]
		if s.Name() != w.Name {
			t.Fatalf("section %d is %s, NEURON's is %s", i, s.Name(), w.Name)
		}
		switch p := s.Parent(); {
		case w.Parent == nil && p != nil, w.Parent != nil && (p == nil || p.Name() != *w.Parent):
			t.Errorf("%s: parent %v, NEURON's %v", w.Name, p, w.Parent)
		}
		ms := byName[w.Name]
		if w.ParentX != nil && ms.ParentX != *w.ParentX {
			t.Errorf("%s: connected at %v, NEURON's %v", w.Name, ms.ParentX, *w.ParentX)
		}
		if (ms.Logical == nil) != (w.Logical == nil) || ms.Logical != nil && !slices.Equal(ms.Logical[:], w.Logical) {
			t.Errorf("%s: logical connection point %v, NEURON's %v", w.Name, ms.Logical, w.Logical)
		}
		pts := s.Points()
		if len(pts) != w.N3d || s.L() != w.L {
			t.Errorf("%s: %d points, L %v; NEURON's %d, %v", w.Name, len(pts), s.L(), w.N3d, w.L)
			continue
		}
		wpts := w.Points
		if len(wpts) == 2 && w.N3d > 2 { // big files keep the first and last
			pts = []sim.Point3D{pts[0], pts[len(pts)-1]}
		}
		for k, p := range pts {
			if [4]float64{p.X, p.Y, p.Z, p.Diam} != wpts[k] {
				t.Errorf("%s: point %d is %v, NEURON's %v", w.Name, k, p, wpts[k])
			}
		}
	}
	for i, w := range want.Sections {
		s := secs[i]
		if err := s.SetRa(100); err != nil {
			t.Fatal(err)
		}
		nseg, err := morph.DLambda(s, 100, 0.1)
		if err != nil {
			nseg = 1 // as the script does for the 1.2 m section
		}
		if nseg != w.Nseg {
			t.Fatalf("%s: d_lambda nseg %d, NEURON's %d", w.Name, nseg, w.Nseg)
		}
		s.SetNseg(nseg)
	}
	for i, w := range want.Sections {
		segs := secs[i].Segments()
		for k, g := range segs {
			if a, r := g.Area(), g.Ri(); a != w.Area[k] || r != w.Ri[k] {
				t.Errorf("%s: area %v ri %v, NEURON's %v %v", g, a, r, w.Area[k], w.Ri[k])
			}
		}
	}
	tip := m.Section(strings.TrimSuffix(want.Trace.Columns[2], "(1).v"))
	for i, w := range want.Sections {
		locs := []float64{0}
		for _, g := range secs[i].Segments() {
			locs = append(locs, g.X())
		}
		locs = append(locs, 1)
		for k, origin := range []sim.Segment{secs[0].At(0.5), tip.At(0.3)} {
			for j, x := range locs {
				if d, err := m.Distance(origin, secs[i].At(x)); err != nil || d != w.Distance[k][j] {
					t.Errorf("distance from %s to %s(%g): %v (%v), NEURON's %v", origin, w.Name, x, d, err, w.Distance[k][j])
				}
			}
		}
	}
	if got := m.Topology(); got != want.Topology {
		t.Errorf("topology differs:\n%s\nNEURON's:\n%s", got, want.Topology)
	}
	if err := m.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestTraceMatchesNEURON runs each real cell as the script does (hh in the
// soma, pas elsewhere, 1 nA into soma[0] for 2 ms) and compares v at the
// soma and at the farthest tip with NEURON's, within 1e-6 mV.
func TestTraceMatchesNEURON(t *testing.T) {
	for _, swc := range swcFiles(t) {
		if !strings.Contains(swc, "real") && !strings.Contains(swc, "04_") {
			continue
		}
		t.Run(filepath.Base(swc), func(t *testing.T) {
			cell, want := load(t, swc)
			compareTrace(t, cell, want)
		})
	}
}

func compareTrace(t *testing.T, cell *morph.Cell, want neuron) {
	t.Helper()
	m := sim.NewModel()
	if _, err := cell.Build(m, ""); err != nil {
		t.Fatal(err)
	}
	for i, s := range m.Sections() {
		s.SetRa(100)
		s.SetNseg(want.Sections[i].Nseg)
		if strings.HasPrefix(s.Name(), "soma") {
			s.Insert(hh.Mechanism())
			continue
		}
		s.Insert(pas.Mechanism())
		s.Set(pas.G, 1e-4)
		s.Set(pas.E, -65)
	}
	soma := m.Sections()[0]
	stim, _ := iclamp.New(m, soma.At(0.5))
	stim.Set(iclamp.Del, 1)
	stim.Set(iclamp.Dur, 2)
	stim.Set(iclamp.Amp, 1)
	tipName := strings.TrimSuffix(want.Trace.Columns[2], "(1).v")
	vs, _ := m.Record(soma.At(0.5).Ref("v"))
	vt, _ := m.Record(m.Section(tipName).At(1).Ref("v"))
	if err := m.Run(-65, 10); err != nil {
		t.Fatal(err)
	}
	if len(vs.Values()) != len(want.Trace.Rows) {
		t.Fatalf("%d rows, NEURON's %d", len(vs.Values()), len(want.Trace.Rows))
	}
	worst := 0.0
	for k, row := range want.Trace.Rows {
		worst = max(worst, math.Abs(vs.Values()[k]-row[1]), math.Abs(vt.Values()[k]-row[2]))
	}
	t.Logf("max|Δv| %.3g mV (%d sections, %d rows)", worst, len(want.Sections), len(want.Trace.Rows))
	if worst > 1e-6 {
		t.Errorf("max|Δv| %g mV against NEURON", worst)
	}
}

// BenchmarkImport is reading the largest test cell (784 sections) and
// building it with nseg by the d_lambda rule; BenchmarkFinitialize is
// finitialize on it with hh in the soma and pas elsewhere.
// tools/neuron/import_time.py times NEURON on the same.
func BenchmarkImport(b *testing.B) {
	data, err := os.ReadFile("testdata/real/10-2012-02-09-001.CNG.swc")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		buildLargest(b, data)
	}
}

func BenchmarkFinitialize(b *testing.B) {
	data, err := os.ReadFile("testdata/real/10-2012-02-09-001.CNG.swc")
	if err != nil {
		b.Fatal(err)
	}
	m := buildLargest(b, data)
	for b.Loop() {
		if err := m.Finitialize(-65); err != nil {
			b.Fatal(err)
		}
	}
}

func buildLargest(b *testing.B, data []byte) *sim.Model {
	cell, err := morph.ReadSWC("cell.swc", data)
	if err != nil {
		b.Fatal(err)
	}
	m := sim.NewModel()
	built, err := cell.Build(m, "")
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range built.All {
		s.SetRa(100)
		n, err := morph.DLambda(s, 100, 0.1)
		if err != nil {
			b.Fatal(err)
		}
		s.SetNseg(n)
	}
	for _, s := range built.Somatic {
		s.Insert(hh.Mechanism())
	}
	for _, s := range built.Basal {
		s.Insert(pas.Mechanism())
	}
	return m
}
