package morph_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/morph"
)

// runNEURON runs tools/neuron/morphology.py on one file, or skips the test
// when NEURON is not installed.
func runNEURON(t *testing.T, swc string) neuron {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not running NEURON")
	}
	if exec.Command("/usr/bin/python3", "-c", "from neuron import h").Run() != nil {
		t.Skip("NEURON is not installed (apt-get install python3-neuron); the stored NEURON results are compared by TestImportMatchesNEURON")
	}
	out, err := exec.Command("/usr/bin/python3", "../tools/neuron/morphology.py", "-one", swc).Output()
	if err != nil {
		t.Fatalf("NEURON on %s: %v", swc, err)
	}
	var want neuron
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	return want
}

// TestStoredResultsAreNEURONs: the stored results for the real cells are
// what the installed NEURON makes of them now.
func TestStoredResultsAreNEURONs(t *testing.T) {
	files, _ := filepath.Glob("testdata/real/*.swc")
	for _, swc := range files {
		t.Run(filepath.Base(swc), func(t *testing.T) {
			live := runNEURON(t, swc)
			_, stored := load(t, swc)
			a, _ := json.Marshal(live)
			b, _ := json.Marshal(stored)
			if string(a) != string(b) {
				t.Errorf("NEURON's result differs from %s.json: run tools/neuron/morphology.py", strings.TrimSuffix(swc, ".swc"))
			}
		})
	}
}

// TestRandomTreesAgainstNEURON imports random trees — every soma shape
// Import3D treats apart, branches off the soma's middle, type changes
// mid-branch, repeated points — with NEURON and with morph and compares.
func TestRandomTreesAgainstNEURON(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 40 {
		swc := filepath.Join(dir, fmt.Sprintf("tree%02d.swc", i))
		if err := os.WriteFile(swc, randomTree(rng), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(swc), func(t *testing.T) {
			want := runNEURON(t, swc)
			data, _ := os.ReadFile(swc)
			cell, err := morph.ReadSWC(swc, data)
			if err != nil {
				t.Fatal(err)
			}
			compareGeometry(t, cell, want)
			compareTrace(t, cell, want)
		})
	}
}

// randomTree writes an SWC file: a soma of one of the shapes Import3D
// distinguishes, then up to 40 points on random parents.
func randomTree(rng *rand.Rand) []byte {
	type pt struct {
		id, typ    int
		x, y, z, r float64
		pid        int
	}
	var pts []pt
	id := []int{0, 1, 1, 1, 5}[rng.IntN(5)]
	coord := func() float64 {
		digits := []float64{1, 10, 1000, 1e6}[rng.IntN(4)]
		return float64(int((rng.Float64()*100-50)*digits)) / digits
	}
	add := func(typ int, x, y, z, r float64, pid int) int {
		pts = append(pts, pt{id, typ, x, y, z, r, pid})
		id += []int{1, 1, 1, 1, 1, 1, 1, 1, 2, 3}[rng.IntN(10)]
		return pts[len(pts)-1].id
	}
	style := []string{"one", "three", "sphere", "chain", "branchy", "none"}[rng.IntN(6)]
	switch style {
	case "one":
		add(1, coord(), coord(), coord(), 5, -1)
	case "three", "sphere":
		x, y, z, r := coord(), coord(), coord(), []float64{3, 5, 7.5}[rng.IntN(3)]
		a := add(1, x, y, z, r, -1)
		dy := r
		if style == "three" {
			dy = []float64{r, r * 1.005, r * 1.03, r / 2}[rng.IntN(4)]
		}
		add(1, x, y-dy, z, []float64{r, r, r * 0.9}[rng.IntN(3)], a)
		add(1, x, y+dy, z, r, a)
	case "none":
		add([]int{2, 3, 4}[rng.IntN(3)], coord(), coord(), coord(), 1, -1)
	default:
		add(1, coord(), coord(), coord(), 1+5*rng.Float64(), -1)
		for range 1 + rng.IntN(8) {
			par := pts[len(pts)-1].id
			if style == "branchy" && rng.Float64() >= 0.6 {
				par = pts[rng.IntN(len(pts))].id
				for _, p := range pts {
					if p.id == par && p.typ != 1 {
						par = pts[0].id
					}
				}
			}
			add(1, coord(), coord(), coord(), []float64{2, 3, 4.25}[rng.IntN(3)], par)
		}
	}
	for range rng.IntN(41) {
		par := pts[len(pts)-1]
		if rng.Float64() >= 0.55 {
			par = pts[rng.IntN(len(pts))]
		}
		typ := par.typ
		if typ == 1 || rng.Float64() >= 0.85 {
			typ = []int{2, 3, 3, 3, 4, 4, 1, 5, 0, 7}[rng.IntN(10)]
		}
		x, y, z := coord(), coord(), coord()
		if rng.Float64() < 0.1 {
			x, y, z = par.x, par.y, par.z
		}
		r := []float64{0.5, 1, 1.25, par.r, 0.1 + 3*rng.Float64()}[rng.IntN(5)]
		add(typ, x, y, z, r, par.id)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# random tree, soma %s\n", style)
	for _, p := range pts {
		fmt.Fprintf(&b, "%d %d %v %v %v %v %d\n", p.id, p.typ, p.x, p.y, p.z, p.r, p.pid)
	}
	return []byte(b.String())
}

func stderr(err error) string {
	if e, ok := err.(*exec.ExitError); ok {
		return string(e.Stderr)
	}
	return ""
}
