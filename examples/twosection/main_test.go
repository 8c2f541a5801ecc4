package main

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// TestTwoSection runs the program and compares what it prints with the
// trace NEURON made of the same model (the golden scenario twosection,
// whose kdr.mod must be this one).
func TestTwoSection(t *testing.T) {
	const golden = "../../tests/testdata/golden/twosection/"
	mine, err := os.ReadFile("kdr.mod")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := os.ReadFile(golden + "kdr.mod")
	if err != nil || !bytes.Equal(mine, theirs) {
		t.Fatalf("%skdr.mod is not this kdr.mod (%v)", golden, err)
	}
	out, err := exec.Command("go", "run", ".").Output()
	if err != nil {
		t.Fatalf("go run: %v", err)
	}
	want, err := scenario.ReadCSVFile(golden + "trace.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != want.Rows() {
		t.Fatalf("%d rows, NEURON's trace has %d", len(lines), want.Rows())
	}
	worst := 0.0
	for i, line := range lines {
		f := strings.Fields(line)
		for c, col := range []string{"t", "soma_v", "dend_v"} {
			x, err := strconv.ParseFloat(f[c], 64)
			if err != nil {
				t.Fatalf("row %d: %v", i, err)
			}
			worst = math.Max(worst, math.Abs(x-want.Column(col)[i]))
		}
	}
	t.Logf("max |Δ| from NEURON = %.3g mV", worst)
	if worst > 1e-6 {
		t.Errorf("the trace differs from NEURON's by %.3g mV", worst)
	}
}
