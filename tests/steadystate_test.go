package tests

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/tests/internal/testmechs"
)

// TestSteadyStateDerivimplicitStops: NEURON's STEADYSTATE derivimplicit is
// one derivimplicit step of 1e-9 ms, whose Newton iteration converges
// only from a state at (or next to) its steady value; golden
// steadystate_derivimplicit starts there. From m = 0.9 NEURON stops in
// finitialize ("scopmath library error"), and so must nmodlgo, saying
// why, rather than run on from a state NEURON never reaches. With NEURON
// installed, its failure is checked too.
func TestSteadyStateDerivimplicitStops(t *testing.T) {
	golden := filepath.Join("testdata", "golden", "steadystate_derivimplicit")
	raw, err := os.ReadFile(filepath.Join(golden, "scenario.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range doc["mechanisms"].([]any) {
		if m := m.(map[string]any); m["name"] == "ssd" {
			m["params"] = map[string]any{"mstart": 0.9}
		}
	}
	dir := t.TempDir()
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(golden, "ssd.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"scenario.json": out, "ssd.mod": mod} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := scenario.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Simulate(append(builtin.Mechanisms(), testmechs.Mechanisms()...))
	if err == nil || !strings.Contains(err.Error(), "finitialize") || !strings.Contains(err.Error(), "did not converge") {
		t.Errorf("from m = 0.9: %v, want a stop in finitialize, the Newton iteration not converging", err)
	}
	if testing.Short() || exec.Command("/usr/bin/python3", "-c", "from neuron import h").Run() != nil {
		t.Log("NEURON not run (-short, or not installed): its failure here is not checked")
		return
	}
	script, err := filepath.Abs(filepath.Join("..", "tools", "neuron", "golden.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/bin/python3", script, "-o", t.TempDir(), dir)
	cmd.Dir = t.TempDir()
	msg, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(msg), "scopmath library error") {
		t.Errorf("NEURON from m = 0.9: %v, want its scopmath library error:\n%s", err, msg)
	}
}
